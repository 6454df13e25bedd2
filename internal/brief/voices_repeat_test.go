package brief

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestVoicesSkipQuotedAgain wants a quote whose words a voice already shown
// holds (another outlet printing part of the same remark) left out, and a
// quote that says more kept.
func TestVoicesSkipQuotedAgain(t *testing.T) {
	t.Parallel()
	sources := map[int64]news.Source{1: {ID: 1, Name: "One"}, 2: {ID: 2, Name: "Two"}}
	tests := []struct {
		name  string
		texts [2]string
		want  []string
	}{
		{
			name: "part of a quote shown",
			texts: [2]string{
				`"We will look at every radio call and every radar track from this morning, and we will publish what we find," said Ruth Calder, who leads the inquiry.`,
				`"We will look at every radio call and every radar track from this morning," said Ruth Calder.`,
			},
			want: []string{"We will look at every radio call and every radar track from this morning, and we will publish what we find"},
		},
		{
			name: "a part of a further quote shown",
			texts: [2]string{
				`"Visibility was less than a hundred metres," said Ruth Calder, the harbour master. "We will look at every radio call and every radar track from this morning."`,
				`"We will look at every radio call and every radar track," said Ruth Calder. "If the equipment played a part, we will say so."`,
			},
			want: []string{
				"Visibility was less than a hundred metres" + news.QuoteJoiner + "We will look at every radio call and every radar track from this morning.",
				"If the equipment played a part, we will say so.",
			},
		},
		{
			name: "another remark",
			texts: [2]string{
				`"We will look at every radio call and every radar track from this morning," said Ruth Calder.`,
				`"If the equipment played a part, we will say so in our report," said Ruth Calder.`,
			},
			want: []string{
				"We will look at every radio call and every radar track from this morning",
				"If the equipment played a part, we will say so in our report",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: "en", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: "en", Text: tt.texts[1]},
			}
			var got []string
			for _, it := range englishVoices(arts, sources, 8) {
				got = append(got, it.Text)
				for _, q := range it.Quotes {
					got = append(got, q.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("voices (-want +got):\n%s", diff)
			}
		})
	}
}
