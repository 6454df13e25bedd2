package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestFactsSentenceWithTwoValues wants a sentence that gives two values for
// one quantity (a change "from 7.2 to 6.9 percent", or two rates that the
// nearest noun keys alike) to make no disagreement with another source:
// the other source's value is one of the two, or the key cannot tell which
// of them it should be compared with.
func TestFactsSentenceWithTwoValues(t *testing.T) {
	t.Parallel()
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}}
	tests := []struct {
		name  string
		langs [2]string
		texts [2]string
		want  int // variants shown
	}{
		{
			name: "a change from one value to another",
			texts: [2]string{
				"Unemployment fell from 7.2 percent to 6.9 percent last year, the statistics office said.",
				"Unemployment stood at 6.9 percent at the end of last year, the labour ministry said.",
			},
		},
		{
			name:  "two rates keyed alike",
			langs: [2]string{"es", "en"},
			texts: [2]string{
				"El Banco de Valdria subió su tipo de interés principal un cuarto de punto, hasta el 3,5 %, para frenar una inflación que en febrero alcanzó el 4,8 %.",
				"The central bank lifted its main rate by a quarter point, citing inflation of 4.8 percent in February.",
			},
		},
		{
			name: "one value each",
			texts: [2]string{
				"Unemployment was 7.2 percent at the end of last year, the statistics office said.",
				"Unemployment stood at 6.9 percent at the end of last year, the labour ministry said.",
			},
			want: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			langs := tt.langs
			if langs[0] == "" {
				langs = [2]string{"en", "en"}
			}
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: langs[0], Title: "Economy", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: langs[1], Title: "Economy", Text: tt.texts[1]},
			}
			got := 0
			var figs []string
			for _, it := range allFacts(arts, sources, 8, nil) {
				figs = append(figs, it.Figure.Text)
				for _, v := range it.Variants {
					got++
					figs = append(figs, "differs: "+v.Figure.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("variants (-want +got):\n%s\nfigures: %q", diff, figs)
			}
		})
	}
}
