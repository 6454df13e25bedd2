package cluster

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHyphenatedNames checks that a hyphenated name is read as one name
// of two words, as the same name written with a space: its two words pair
// (so the thread check counts them once, see wholeNames), a hyphen and a
// non-breaking hyphen alike, while an en dash joins two names.
func TestHyphenatedNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []string // the two-word names found
	}{
		{"spanish surname", "La alcaldesa Ana García-Márquez habló el lunes.", []string{"ana garcia", "garcia marquez"}},
		{"the same name with a space", "La alcaldesa Ana García Márquez habló el lunes.", []string{"ana garcia", "garcia marquez"}},
		{"english surname", "The composer Andrew Lloyd-Webber spoke on Monday.", []string{"andrew lloyd", "lloyd webber"}},
		{"non-breaking hyphen", "The composer Andrew Lloyd\u2011Webber spoke on Monday.", []string{"andrew lloyd", "lloyd webber"}},
		{"given name", "The leader Jean-Luc Mélenchon spoke on Monday.", []string{"jean luc", "luc melenchon"}},
		{"en dash", "The new Paris–Berlin line opened on Monday.", nil},
		{"lower-case half", "The Hamas-run ministry said so on Monday.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := extract(Doc{Title: "A report", Text: tc.text})
			var got []string
			for _, w := range tc.want {
				if _, ok := r.pairs[hashStr(kindEntity, w)]; ok {
					got = append(got, w)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("two-word names of %q (-want +got):\n%s", tc.text, diff)
			}
			if len(tc.want) == 0 && len(r.pairs) > 0 {
				t.Errorf("%q gives %d two-word names, want none", tc.text, len(r.pairs))
			}
			if n := wholeNames(pairsOf(r)); len(tc.want) > 0 && n != 1 {
				t.Errorf("%q: the two-word names make %d whole names, want 1", tc.text, n)
			}
		})
	}
}

func pairsOf(r raw) []pairWords { return slices.Collect(maps.Values(r.pairs)) }
