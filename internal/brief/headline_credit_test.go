package brief

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestHeadlineCredit wants "Headline from …" to name the outlet whose
// article's title the headline is, and no outlet when the briefing's
// headline is not its headline item's words (an older stored briefing, an
// edited one): the credit must not name an outlet for words it may not have
// printed. The Markdown export credits as HeadlineCredit says.
func TestHeadlineCredit(t *testing.T) {
	t.Parallel()
	item := news.Item{Text: "Fourteen hurt as ferry and cargo ship collide", URL: "https://courier.example/ferry", Outlet: "Harbour Courier"}
	tests := []struct {
		name       string
		headline   string
		item       *news.Item // the headline section's item; nil: no section
		wantOutlet string
		wantURL    string
	}{
		{"the item's title", item.Text, &item, "Harbour Courier", "https://courier.example/ferry"},
		{"the same title, spaced", " " + item.Text + " ", &item, "Harbour Courier", "https://courier.example/ferry"},
		{"another title", "Ferry collides with cargo ship, 14 hurt", &item, "", ""},
		{"an item of no outlet", item.Text, &news.Item{Text: item.Text}, "", ""},
		{"no headline section", item.Text, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := news.Briefing{Headline: tt.headline}
			if tt.item != nil {
				b.Sections = []news.Section{{Kind: news.SectionHeadline, Items: []news.Item{*tt.item}}}
			}
			outlet, url := HeadlineCredit(b)
			if diff := cmp.Diff([2]string{tt.wantOutlet, tt.wantURL}, [2]string{outlet, url}); diff != "" {
				t.Errorf("credit (-want +got):\n%s", diff)
			}
			var buf bytes.Buffer
			if err := Markdown(&buf, b, nil); err != nil {
				t.Fatal(err)
			}
			got := strings.Contains(buf.String(), "*Headline from ")
			if want := tt.wantOutlet != ""; got != want {
				t.Errorf("Markdown credits a headline: %v, want %v:\n%s", got, want, buf.String())
			}
		})
	}
}
