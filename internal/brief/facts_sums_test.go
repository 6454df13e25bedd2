package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// TestFactsSumSizes wants two outlets' sizes of one sum set aside shown as
// sources that differ, whether one names it a fund or a plan and the
// other only says it was announced or promised, in English and Spanish;
// and two donors' pledges, or a sum on top of another, each on a line of
// its own. With text.FigureOptions.SeparateSums the sizes are two lines,
// as before the rule.
func TestFactsSumSizes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		lang  string
		texts [2]string
		o     text.FigureOptions
		want  [][]string // each item's figure, then its variants' figures
	}{
		{
			name: "a plan against a sum announced",
			lang: "en",
			texts: [2]string{
				"The government's 2.3 billion crown plan to rebuild Lanmere will be paid for without new taxes.",
				"The government on Monday announced 2.1 billion crowns for the recovery of Lanmere.",
			},
			want: [][]string{{"2.1 billion crowns", "2.3 billion crown"}},
		},
		{
			name: "the same without the rule",
			lang: "en",
			texts: [2]string{
				"The government's 2.3 billion crown plan to rebuild Lanmere will be paid for without new taxes.",
				"The government on Monday announced 2.1 billion crowns for the recovery of Lanmere.",
			},
			o:    text.FigureOptions{SeparateSums: true},
			want: [][]string{{"2.1 billion crowns"}, {"2.3 billion crown"}},
		},
		{
			name: "un fondo contra una suma prometida",
			lang: "es",
			texts: [2]string{
				"El Gobierno aprobó este lunes un fondo de 2.300 millones de coronas para reconstruir Lanmere.",
				"El Gobierno prometió el lunes 2.100 millones de coronas para la reconstrucción de Lanmere.",
			},
			want: [][]string{{"2.100 millones de coronas", "2.300 millones de coronas"}},
		},
		{
			name: "two donors' pledges",
			lang: "en",
			texts: [2]string{
				"The World Bank pledged $50 million for the new flood walls.",
				"The Asian Development Bank pledged $40 million for the new flood walls.",
			},
			want: [][]string{{"$50 million"}, {"$40 million"}},
		},
		{
			name: "a further sum",
			lang: "en",
			texts: [2]string{
				"The government announced $60 million for flood defences.",
				"The relief agency has pledged a further $40 million for flood defences.",
			},
			want: [][]string{{"$60 million"}, {"$40 million"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: tt.lang, Title: "Fund", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: tt.lang, Title: "Fund", Text: tt.texts[1]},
			}
			got := itemFigures(allFactsWith(arts, twoSources, 8, nil, tt.o))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
