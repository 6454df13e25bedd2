package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestFactsEventsDiffer wants two outlets' different values shown as a
// disagreement only when nothing in their sentences tells two events
// apart: two shootings in two places, an older quake, a gunman's victims
// against a toll that counts him are each a line of their own.
func TestFactsEventsDiffer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts [2]string
		want  [][]string // each item's figure, then its variants' figures, in the section's order
	}{
		{
			name: "one event counted differently",
			texts: [2]string{
				"Seven people were wounded in a drive-by shooting in Calumet City on Monday night.",
				"Police said six people were wounded in the drive-by shooting in Calumet City.",
			},
			want: [][]string{{"six people", "Seven people"}},
		},
		{
			name: "two shootings in two places",
			texts: [2]string{
				"Seven people were wounded in a drive-by shooting in Calumet City on Monday night.",
				"Six people were wounded in a shooting at Bunny Friend Playground on Sunday.",
			},
			want: [][]string{{"Six people"}, {"Seven people"}},
		},
		{
			name: "an older quake",
			texts: [2]string{
				"The quake injured 30 people on the island.",
				"A quake last year injured 45 people.",
			},
			want: [][]string{{"45 people"}, {"30 people"}},
		},
		{
			name: "a gunman's victims and the toll with him",
			texts: [2]string{
				"A gunman killed 12 people at the Navy Yard on Monday.",
				"Thirteen people died at the Navy Yard on Monday, police said.",
			},
			want: [][]string{{"12 people"}, {"Thirteen people"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Title: "Shooting", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: "en", Title: "Shooting", Text: tt.texts[1]},
			}
			got := factFigures(arts, twoSources)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
