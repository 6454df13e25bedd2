package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExceedsBound checks that a verb of exceeding before a figure makes
// it a least: "la ocupación supera el 90 %" was an exact 90 %.
func TestExceedsBound(t *testing.T) {
	t.Parallel()
	type read struct {
		Text  string
		Bound string
	}
	tests := []struct {
		name, lang, in string
		want           []read
	}{
		{"supera el", "es", "La ocupación de los hoteles supera el 90 % para el sábado.", []read{{"90 %", BoundMin}}},
		{"superaron los", "es", "Las pérdidas superaron los 300 millones de euros.", []read{{"300 millones de euros", BoundMin}}},
		{"exceeds", "en", "Hotel occupancy exceeds 90 percent for Saturday.", []read{{"90 percent", BoundMin}}},
		{"el alone stays exact", "es", "La ocupación de los hoteles es el 90 % para el sábado.", []read{{"90 %", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []read
			for _, f := range Figures(tt.in, tt.lang) {
				got = append(got, read{f.Text, f.Bound})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Figures(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestVagueMultitudes checks that a plural scale word with no number
// before it is a vague figure in both languages, whatever its scale:
// "thousands of people" was one and "millions of people" no figure at
// all. A vague figure is never compared, so "millions" against an exact
// "3.2 million" is no disagreement between sources.
func TestVagueMultitudes(t *testing.T) {
	t.Parallel()
	type read struct {
		Text  string
		Value float64
		Bound string
	}
	tests := []struct {
		name, lang, in string
		want           []read
	}{
		{"thousands", "en", "Thousands of people watched the final.", []read{{"Thousands of people", 1e3, BoundVague}}},
		{"millions", "en", "Millions of people watched the final.", []read{{"Millions of people", 1e6, BoundVague}}},
		{"millions mid-sentence", "en", "The final was watched by millions of people.", []read{{"millions of people", 1e6, BoundVague}}},
		{"hundreds of millions", "en", "Hundreds of millions of people watched the final.", []read{{"Hundreds of millions of people", 1e8, BoundVague}}},
		{"3 million stays exact", "en", "The final was watched by 3 million people.", []read{{"3 million people", 3e6, ""}}},
		{"miles", "es", "Miles de personas vieron la final.", []read{{"Miles de personas", 1e3, BoundVague}}},
		{"millones", "es", "Millones de personas vieron la final.", []read{{"Millones de personas", 1e6, BoundVague}}},
		{"millones de euros", "es", "El fondo perdió millones de euros.", []read{{"millones de euros", 1e6, BoundVague}}},
		{"miles de millones", "es", "El fondo perdió miles de millones de euros.", []read{{"miles de millones de euros", 1e9, BoundVague}}},
		// "cientos de miles de millones" was cut to "miles de millones",
		// a hundredth of the sum.
		{"cientos de miles de millones", "es", "Costó cientos de miles de millones de euros.", []read{{"cientos de miles de millones de euros", 1e11, BoundVague}}},
		{"decenas de miles de millones", "es", "Decenas de miles de millones de euros se perdieron.", []read{{"Decenas de miles de millones de euros", 1e10, BoundVague}}},
		{"decenas de millones", "es", "Decenas de millones de personas vieron la final.", []read{{"Decenas de millones de personas", 1e7, BoundVague}}},
		{"3 millones stays exact", "es", "La final la vieron 3 millones de personas.", []read{{"3 millones de personas", 3e6, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []read
			for _, f := range Figures(tt.in, tt.lang) {
				got = append(got, read{f.Text, f.Value, f.Bound})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Figures(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
	// Never compared: a multitude and an exact figure of one quantity.
	vague := Figures("Millions of people watched the final.", "en")
	exact := Figures("3.2 million people watched the final.", "en")
	if len(vague) != 1 || len(exact) != 1 {
		t.Fatalf("got %d and %d figures, want one each", len(vague), len(exact))
	}
	if Comparable(vague[0], exact[0]) || Conflict(vague[0].Figure, exact[0].Figure) {
		t.Errorf("a multitude is compared with an exact figure: %+v and %+v", vague[0].Figure, exact[0].Figure)
	}
}
