package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoundWordFigures checks round numbers written in words: the article
// or "few" before a hundred or a thousand is part of the number ("a
// thousand people" was no figure, "a few hundred people" read as an exact
// "hundred people"), and how exact the words make the value.
func TestRoundWordFigures(t *testing.T) {
	t.Parallel()
	type read struct {
		Text     string
		Value    float64
		Bound    string
		Quantity string
	}
	tests := []struct {
		name, lang, in string
		want           read
	}{
		{"a thousand", "en", "A thousand people were evacuated.", read{"A thousand people", 1000, BoundAbout, "evacuated"}},
		{"about a thousand", "en", "About a thousand people were evacuated.", read{"a thousand people", 1000, BoundAbout, "evacuated"}},
		{"more than a thousand", "en", "More than a thousand people were evacuated.", read{"a thousand people", 1000, BoundMin, "evacuated"}},
		{"a hundred is round", "en", "A hundred people were evacuated.", read{"A hundred people", 100, BoundAbout, "evacuated"}},
		{"a hundred and fifty counts", "en", "A hundred and fifty people were evacuated.", read{"A hundred and fifty people", 150, "", "evacuated"}},
		{"a few hundred", "en", "A few hundred people were evacuated.", read{"A few hundred people", 100, BoundVague, ""}},
		{"a few thousand", "en", "A few thousand people were evacuated.", read{"A few thousand people", 1000, BoundVague, ""}},
		{"a few dozen", "en", "A few dozen people were evacuated.", read{"A few dozen people", 12, BoundVague, ""}},
		{"a million people", "en", "A million people were evacuated.", read{"A million people", 1e6, BoundAbout, "evacuated"}},
		{"a billion people", "en", "A billion people were evacuated.", read{"A billion people", 1e9, BoundAbout, "evacuated"}},
		{"2 million counts", "en", "The fine was 2 million dollars.", read{"2 million dollars", 2e6, "", "fine"}},
		{"thousands", "en", "Thousands of people were evacuated.", read{"Thousands of people", 1e3, BoundVague, ""}},
		{"tens of thousands", "en", "Tens of thousands of people were evacuated.", read{"Tens of thousands of people", 1e4, BoundVague, ""}},
		{"hundreds of thousands", "en", "Hundreds of thousands of people were evacuated.", read{"Hundreds of thousands of people", 1e5, BoundVague, ""}},
		{"miles in English is a distance", "en", "The convoy drove 40 miles.", read{"40 miles", 40 * 1.609344, "", ""}},
		{"unos mil", "es", "Unos mil vecinos fueron evacuados.", read{"mil vecinos", 1000, BoundAbout, "evacuated"}},
		{"unas mil", "es", "Unas mil personas fueron evacuadas.", read{"mil personas", 1000, BoundAbout, "evacuated"}},
		{"un millar", "es", "Un millar de personas fueron evacuadas.", read{"Un millar de personas", 1000, BoundAbout, "evacuated"}},
		{"un millón", "es", "Un millón de personas fueron evacuadas.", read{"Un millón de personas", 1e6, BoundAbout, "evacuated"}},
		{"mil at the start", "es", "Mil vecinos fueron evacuados.", read{"Mil vecinos", 1000, BoundAbout, "evacuated"}},
		{"bare mil", "es", "Fueron evacuados mil vecinos.", read{"mil vecinos", 1000, BoundAbout, "evacuated"}},
		{"miles de", "es", "Miles de personas fueron evacuadas.", read{"Miles de personas", 1e3, BoundVague, ""}},
		{"decenas de miles", "es", "Decenas de miles de personas fueron evacuadas.", read{"Decenas de miles de personas", 1e4, BoundVague, ""}},
		{"cientos de miles", "es", "Cientos de miles de personas fueron evacuadas.", read{"Cientos de miles de personas", 1e5, BoundVague, ""}},
		{"mil millones", "es", "El rescate costará mil millones de euros.", read{"mil millones de euros", 1e9, "", "bailout"}},
		{"dos mil stays", "es", "Fueron evacuadas dos mil personas.", read{"dos mil personas", 2000, "", "evacuated"}},
		{"varios cientos", "es", "Varios cientos de personas fueron evacuadas.", read{"cientos de personas", 100, BoundVague, ""}},
		{"cientos de", "es", "Cientos de personas fueron evacuadas.", read{"Cientos de personas", 100, BoundVague, ""}},
		// The hundreds, tens and units written in words after a thousand:
		// "mil quinientos" was read as 1,000, the words after "mil" dropped.
		{"mil quinientos", "es", "Fueron evacuados mil quinientos vecinos.", read{"mil quinientos vecinos", 1500, "", "evacuated"}},
		{"mil quinientas is exact", "es", "Fueron evacuadas mil quinientas personas.", read{"mil quinientas personas", 1500, "", "evacuated"}},
		{"unos mil quinientos", "es", "Unos mil quinientos vecinos fueron evacuados.", read{"mil quinientos vecinos", 1500, BoundAbout, "evacuated"}},
		{"dos mil trescientos", "es", "Fueron evacuadas dos mil trescientas cuarenta personas.", read{"dos mil trescientas cuarenta personas", 2340, "", "evacuated"}},
		{"mil doscientos euros", "es", "La multa fue de mil doscientos euros.", read{"mil doscientos euros", 1200, "", "fine"}},
		{"two thousand five hundred", "en", "Two thousand five hundred people were evacuated.", read{"Two thousand five hundred people", 2500, "", "evacuated"}},
		{"a thousand and fifty", "en", "A thousand and fifty people were evacuated.", read{"A thousand and fifty people", 1050, "", "evacuated"}},
		{"dos mil veinte is a count", "es", "Fueron evacuadas dos mil veinte personas.", read{"dos mil veinte personas", 2020, "", "evacuated"}},
		// "one" alone is left unread as a pronoun, but not after "thousand
		// and": "a thousand and one" was read as a round thousand.
		{"a thousand and one", "en", "A thousand and one people were evacuated.", read{"A thousand and one people", 1001, "", "evacuated"}},
		{"two thousand stays", "en", "Two thousand people were evacuated.", read{"Two thousand people", 2000, "", "evacuated"}},
		// A scale word after those words multiplies them all: "mil
		// quinientos millones" is the usual Spanish way to write 1.5
		// billion, and was read as 1,500.
		{"mil quinientos millones", "es", "El rescate costará mil quinientos millones de euros.", read{"mil quinientos millones de euros", 1.5e9, "", "bailout"}},
		{"dos mil trescientos millones", "es", "El rescate costará dos mil trescientos millones de euros.", read{"dos mil trescientos millones de euros", 2.3e9, "", "bailout"}},
		{"two thousand five hundred million", "en", "The bailout will cost two thousand five hundred million dollars.", read{"two thousand five hundred million dollars", 2.5e9, "", "cost"}},
		// A year in words after "año" or "year" is the year, not the
		// start of a figure that the scale word after it multiplies:
		// not 2,010 million people.
		{"el año dos mil diez", "es", "En el año dos mil diez millones de personas emigraron.", read{"diez millones de personas", 1e7, "", "people"}},
		{"the year two thousand ten", "en", "In the year two thousand ten million people emigrated.", read{"ten million people", 1e7, "", "people"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []read
			for _, f := range Figures(tt.in, tt.lang) {
				got = append(got, read{f.Text, f.Value, f.Bound, f.Quantity})
			}
			if diff := cmp.Diff([]read{tt.want}, got); diff != "" {
				t.Errorf("Figures(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
