package brief

import (
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
	// Each case is one story of two outlets' articles, in lang.
	tests := map[string]struct {
		lang          string
		first, second string
		want          [][]string // each item's figure, then its variants' figures
	}{
		"a hundred metres of visibility": {"en",
			"The harbour master said visibility at the time was less than a hundred metres.",
			"About 1,500 people travel between the island and the capital on a normal weekday.",
			[][]string{{"About 1,500 people"}}},
		"dozens and a few hundred": {"en",
			"Dozens of people were evacuated from the riverside streets overnight.",
			"A few hundred people gathered in the square on Sunday to watch the water rise.",
			nil},
		"a hundred in Spanish": {"es",
			"La visibilidad era de unos cien metros en la entrada del puerto.",
			"La policía detuvo a 12 personas durante la protesta.",
			[][]string{{"12 personas"}}},
		"exact numbers in words stay": {"en",
			"Fourteen people were injured when the ferry struck the cargo ship.",
			"Three hundred residents were evacuated from the valley. One hundred soldiers were sent to help them.",
			[][]string{{"Three hundred residents"}, {"Fourteen people"}, {"One hundred soldiers"}}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := factFigures([]news.Article{
				{ID: 1, SourceID: 1, Lang: tt.lang, Title: "Story", Text: tt.first},
				{ID: 2, SourceID: 2, Lang: tt.lang, Title: "Story", Text: tt.second},
			}, twoSources)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts' figures (-want +got):\n%s", diff)
			}
		})
	}
}
