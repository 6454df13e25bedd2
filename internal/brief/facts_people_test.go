package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestFactsPeopleCountsDiffer wants two outlets' different numbers of
// people shown as a disagreement only when a word ties both to one event:
// residents of one village and residents of another are two groups, not
// one count the sources give differently.
func TestFactsPeopleCountsDiffer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts [2]string
		want  [][]string // each item's figure, then its variants' figures
	}{
		{
			name: "two groups of people",
			texts: [2]string{
				"The river forced 120 residents of the Millbrook district out of their homes overnight.",
				"The 600 residents of Tarrow village have been told to keep an emergency bag ready.",
			},
			want: [][]string{{"120 residents"}, {"600 residents"}},
		},
		{
			name: "one event counted differently",
			texts: [2]string{
				"Firefighters said 120 people were evacuated from the Millbrook district overnight.",
				"Police said 150 people were evacuated from the Millbrook district overnight.",
			},
			want: [][]string{{"120 people", "150 people"}},
		},
		{
			name: "the same number of people",
			texts: [2]string{
				"The river forced 120 residents of the Millbrook district out of their homes overnight.",
				"About 120 people left the Millbrook district as the water rose in the night.",
			},
			want: [][]string{{"120 residents"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Title: "Flood in Lanmere", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: "en", Title: "Flood in Lanmere", Text: tt.texts[1]},
			}
			got := factFigures(arts, twoSources)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts' figures (-want +got):\n%s", diff)
			}
		})
	}
}

// factFigures is the text of each key fact's figure and its variants (the
// other sources' values), as the briefing lists them: one slice a fact.
func factFigures(arts []news.Article, sources map[int64]news.Source) [][]string {
	var got [][]string
	for _, it := range Facts(arts, sources, 8, nil) {
		figs := []string{it.Figure.Text}
		for _, v := range it.Variants {
			figs = append(figs, v.Figure.Text)
		}
		got = append(got, figs)
	}
	return got
}

// twoSources names the sources of the two-article stories above.
var twoSources = map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}}
