package brief

import (
	stdcmp "cmp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// TestFactsRoundWordsNotKey wants key figures that are stated as figures:
// a round or vague number written in words ("less than a hundred metres",
// "dozens of", "a few hundred") says roughly how much, and is no key
// figure, while one in words that counts ("fourteen people", "three
// hundred residents", "one hundred soldiers") is.
func TestFactsRoundWordsNotKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts [2]string
		langs [2]string  // "en" when empty
		want  [][]string // each item's figure, then its variants' figures
	}{
		{
			name: "a hundred metres of visibility",
			texts: [2]string{
				"The harbour master said visibility at the time was less than a hundred metres.",
				"About 1,500 people travel between the island and the capital on a normal weekday.",
			},
			want: [][]string{{"1,500 people"}},
		},
		{
			name: "dozens and a few hundred",
			texts: [2]string{
				"Dozens of people were evacuated from the riverside streets overnight.",
				"A few hundred people gathered in the square on Sunday to watch the water rise.",
			},
			want: nil,
		},
		{
			name: "a hundred in Spanish",
			texts: [2]string{
				"La visibilidad era de unos cien metros en la entrada del puerto.",
				"La policía detuvo a 12 personas durante la protesta.",
			},
			langs: [2]string{"es", "es"},
			want:  [][]string{{"12 personas"}},
		},
		{
			name: "exact numbers in words stay",
			texts: [2]string{
				"Fourteen people were injured when the ferry struck the cargo ship.",
				"Three hundred residents were evacuated from the valley. One hundred soldiers were sent to help them.",
			},
			want: [][]string{{"Three hundred residents"}, {"Fourteen people"}, {"One hundred soldiers"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts := []news.Article{
				{ID: 1, SourceID: 1, Lang: stdcmp.Or(tt.langs[0], "en"), Title: "Story", Text: tt.texts[0]},
				{ID: 2, SourceID: 2, Lang: stdcmp.Or(tt.langs[1], "en"), Title: "Story", Text: tt.texts[1]},
			}
			got := factFigures(arts, twoSources)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts' figures (-want +got):\n%s", diff)
			}
		})
	}
}
