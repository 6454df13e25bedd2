package brief

import (
	"testing"
	"time"

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
		name      string
		texts     [2]string
		published [2]string  // the articles' days, 2006-01-02, or none
		want      [][]string // each item's figure, then its variants' figures, in the section's order
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
		{
			name: "this week's shooting and a December one, read against the day published",
			texts: [2]string{
				"Four men were wounded in a shooting in South Shore Thursday afternoon.",
				"The shooting happened a block from the site of a Dec. 3 incident that left five people wounded.",
			},
			published: [2]string{"2013-02-07", "2013-02-07"},
			want:      [][]string{{"five people"}, {"Four men were wounded"}},
		},
		{
			name: "the same with no day published: a weekday can be any day",
			texts: [2]string{
				"Four men were wounded in a shooting in South Shore Thursday afternoon.",
				"The shooting happened a block from the site of a Dec. 3 incident that left five people wounded.",
			},
			want: [][]string{{"five people", "Four men were wounded"}},
		},
		{
			name: "two pollsters' polls",
			texts: [2]string{
				"An opinion poll published by Ethnos newspaper said 83.3 percent of Greeks were unhappy.",
				"An opinion poll for the Kathimerini newspaper found that 68 per cent of Greeks were unhappy.",
			},
			want: [][]string{{"83.3 percent"}, {"68 per cent"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Title: "Shooting", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: "en", Title: "Shooting", Text: tt.texts[1]},
			}
			for i, p := range tt.published {
				if p == "" {
					continue
				}
				day, err := time.Parse(time.DateOnly, p)
				if err != nil {
					t.Fatal(err)
				}
				arts[i].PublishedAt = day
			}
			got := factFigures(arts, twoSources)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
