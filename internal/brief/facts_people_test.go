package brief

import (
	"slices"
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
	return itemFigures(allFacts(arts, sources, 8, nil))
}

// itemFigures is the text of each key fact item's figure and its variants:
// one slice an item.
func itemFigures(items []news.Item) [][]string {
	var got [][]string
	for _, it := range items {
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

// TestFactsVariantRestated wants a third source's value that a variant
// shows already (a Spanish outlet's "150 personas" after "Two gives 150
// people") kept out, not listed as a fact of its own.
func TestFactsVariantRestated(t *testing.T) {
	t.Parallel()
	arts := []news.Article{
		{ID: 1, SourceID: 1, Lang: "en", Title: "Flood in Lanmere", Text: "Prime Minister Helena Varro on Tuesday ordered an army engineering unit to Lanmere, where the River Osk reached its highest level on record overnight and forced 120 residents of the Millbrook district out of their homes."},
		{ID: 2, SourceID: 2, Lang: "en", Title: "Flood in Lanmere", Text: "Firefighters evacuated 150 people from the Millbrook district of Lanmere overnight, after the River Osk burst its banks following three days of heavy rain."},
		{ID: 3, SourceID: 3, Lang: "es", Title: "Inundación en Lanmere", Text: "Los bomberos de Lanmere evacuaron durante la noche a 150 personas del barrio de Millbrook, después de que el río Osk se desbordara tras tres días de lluvias intensas en el norte de Valdria."},
	}
	// A wire copy makes the first report the most central.
	cp := arts[0]
	cp.ID, cp.SourceID = 4, 4
	arts = append(arts, cp)
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}, 3: {ID: 3, Name: "Tres"}, 4: {ID: 4, Name: "Copy"}}
	got := factFigures(arts, sources)
	for _, it := range got {
		if slices.Contains(it, "150 personas") {
			t.Errorf("facts' figures = %q, want 150 personas left out", got)
		}
	}
}
