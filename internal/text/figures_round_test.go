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
		{"a million people", "en", "A million people were evacuated.", read{"A million people", 1e6, "", "evacuated"}},
		{"unos mil", "es", "Unos mil vecinos fueron evacuados.", read{"mil vecinos", 1000, BoundAbout, "evacuated"}},
		{"unas mil", "es", "Unas mil personas fueron evacuadas.", read{"mil personas", 1000, BoundAbout, "evacuated"}},
		{"un millar", "es", "Un millar de personas fueron evacuadas.", read{"Un millar de personas", 1000, BoundAbout, "evacuated"}},
		{"un millón", "es", "Un millón de personas fueron evacuadas.", read{"Un millón de personas", 1e6, "", "evacuated"}},
		{"mil millones", "es", "El rescate costará mil millones de euros.", read{"mil millones de euros", 1e9, "", "bailout"}},
		{"dos mil stays", "es", "Fueron evacuadas dos mil personas.", read{"dos mil personas", 2000, "", "evacuated"}},
		{"varios cientos", "es", "Varios cientos de personas fueron evacuadas.", read{"cientos de personas", 100, BoundVague, ""}},
		{"cientos de", "es", "Cientos de personas fueron evacuadas.", read{"Cientos de personas", 100, BoundVague, ""}},
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
