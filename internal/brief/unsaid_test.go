package brief

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestUnsaidParts checks that a further quote loses the parts the reader
// has read, citations in step, unless what is left is too short to show
// under a voice (longEnoughQuote) or nothing is left.
func TestUnsaidParts(t *testing.T) {
	t.Parallel()
	said := func(it news.Item) bool { return strings.HasPrefix(it.Text, "We will look") }
	join := func(p ...string) string { return strings.Join(p, news.QuoteJoiner) }
	c := func(n int) news.Citation { return news.Citation{ArticleID: 1, Start: n, End: n + 1} }
	tests := []struct {
		name      string
		in        news.Item
		wantText  string
		wantCites []news.Citation
	}{
		{"said part dropped",
			news.Item{Text: join("We will look at every radar track", "If the equipment played a part, we will say so"), Citations: []news.Citation{c(0), c(10)}},
			"If the equipment played a part, we will say so", []news.Citation{c(10)}},
		{"too short left",
			news.Item{Text: join("We will look at every radar track", "Not yet"), Citations: []news.Citation{c(0), c(10)}},
			join("We will look at every radar track", "Not yet"), []news.Citation{c(0), c(10)}},
		{"all said",
			news.Item{Text: join("We will look at it", "We will look again"), Citations: []news.Citation{c(0), c(10)}},
			join("We will look at it", "We will look again"), []news.Citation{c(0), c(10)}},
		{"one part",
			news.Item{Text: "We will look at every radar track", Citations: []news.Citation{c(0)}},
			"We will look at every radar track", []news.Citation{c(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := unsaidParts(tt.in, said)
			if diff := cmp.Diff(tt.wantText, got.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantCites, got.Citations); diff != "" {
				t.Errorf("citations (-want +got):\n%s", diff)
			}
		})
	}
}
