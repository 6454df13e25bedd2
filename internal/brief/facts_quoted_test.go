package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestFactsNotQuoted wants key facts from the reporting, not from inside a
// quotation: "the bus takes five hours" is one speaker's words, which
// Voices shows, not a figure the outlet reports.
func TestFactsNotQuoted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts [2]string
		want  [][]string // each item's figure, then its variants' figures
	}{
		{
			name: "a figure in a quote after its attribution",
			texts: [2]string{
				`A strike by rail workers cancelled about 85 percent of services on Monday. "My exam starts at two and the bus takes five hours," said Tobias Renn, a law student.`,
				"Valdria Rail said 85 percent of trains were cancelled.",
			},
			want: [][]string{{"about 85 percent"}},
		},
		{
			name: "a figure in a quote's second sentence",
			texts: [2]string{
				`"The first time I held one, I could watch its heart beating," said Lucia Fenwick. "I have worked with frogs for twenty years, and I still had to sit down."`,
				"The researchers counted fewer than 300 adults in four ravines.",
			},
			want: [][]string{{"fewer than 300 adults"}},
		},
		{
			name: "a figure in Spanish quotation marks",
			texts: [2]string{
				"«Los árboles se han adelantado casi dos semanas por el invierno suave», explicó Julián Barroso, presidente de la cooperativa.",
				"Winter rainfall in the south was 40 percent below average, the weather service said.",
			},
			want: [][]string{{"40 percent"}},
		},
		{
			name: "a figure beside a partial quote is the reporting's",
			texts: [2]string{
				`Energy minister Leif Sandvik said the plant was "a big step" towards the goal of 70 percent renewable electricity by 2030.`,
				"Renewables provided about 48 percent of the electricity last year.",
			},
			want: [][]string{{"70 percent"}, {"about 48 percent"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Title: "Story", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: "en", Title: "Story", Text: tt.texts[1]},
			}
			got := factFigures(arts, twoSources)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts' figures (-want +got):\n%s", diff)
			}
		})
	}
}
