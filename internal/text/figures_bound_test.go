package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBoundWords checks that a figure records the words its Bound was
// read from, so that a label keeps exactly them ("fewer than 300
// adults"), and none where the bound has no words of its own: a range's
// top, a round hundred by its article, a vague multitude.
func TestBoundWords(t *testing.T) {
	t.Parallel()
	type read struct{ Text, Bound, Words string }
	tests := []struct {
		name, lang, in string
		want           []read
	}{
		{"fewer than", "en", "They counted fewer than 300 adults.", []read{{"300 adults", BoundMax, "fewer than"}}},
		{"as many as", "en", "As many as 40 people were hurt.", []read{{"40 people", BoundMax, "As many as"}}},
		{"a maximum of", "en", "Fines reach a maximum of $500.", []read{{"$500", BoundMax, "a maximum of"}}},
		{"maximum alone", "en", "The hall seats maximum 300 people.", []read{{"300 people", BoundMax, "maximum"}}},
		{"over a count", "en", "Over 200 people came.", []read{{"200 people", BoundMin, "Over"}}},
		{"exceeds", "en", "Occupancy exceeds 90 percent.", []read{{"90 percent", BoundMin, "exceeds"}}},
		{"an estimated", "en", "An estimated 3,000 people marched.", []read{{"3,000 people", BoundAbout, "An estimated"}}},
		{"por lo menos", "es", "Murieron por lo menos 30 personas.", []read{{"30 personas", BoundMin, "por lo menos"}}},
		{"superó los", "es", "La cifra superó los 300 muertos.", []read{{"300 muertos", BoundMin, "superó los"}}},
		{"más de", "es", "Llegaron más de 20.000 personas.", []read{{"20.000 personas", BoundMin, "más de"}}},
		{"alrededor de", "es", "Viven alrededor de 500 personas.", []read{{"500 personas", BoundAbout, "alrededor de"}}},
		{"exact", "en", "The fire forced 212 people out.", []read{{"212 people", "", ""}}},
		{"range top", "en", "Sentences run from 46 to 57 months.", []read{{"57 months", BoundMax, ""}}},
		{"range top from zero", "en", "Sentences run from zero to 18 months.", []read{{"18 months", BoundMax, ""}}},
		{"range top from zero with and", "en", "Growth will be between zero and 2 percent.", []read{{"2 percent", BoundMax, ""}}},
		{"round by article", "en", "A hundred people waited.", []read{{"A hundred people", BoundAbout, ""}}},
		{"vague", "en", "Dozens of people waited.", []read{{"Dozens of people", BoundVague, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []read
			for _, f := range Figures(tt.in, tt.lang) {
				got = append(got, read{f.Text, f.Bound, f.BoundWords.Of(tt.in)})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Figures(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
