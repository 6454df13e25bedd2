package summeval

import (
	"fmt"
	"os"
	"testing"

	"github.com/newsdesk/newsdesk/internal/text"
)

func TestZZDates(t *testing.T) {
	if os.Getenv("H5D") == "" {
		t.Skip()
	}
	arts, _ := ReadT17Articles("../../../../shared/data/timeline/t17-dev-articles.jsonl")
	n, rel := 0, 0
	for _, a := range arts["finan"][:50] {
		ds := text.Dates(a.Text, a.PublishedAt)
		for _, d := range ds {
			n++
			if d.Relative {
				rel++
			}
			if n < 15 {
				fmt.Println(a.PublishedAt.Format("2006-01-02"), d.Span.Of(a.Text), d.Time.Format("2006-01-02"), d.Precision)
			}
		}
	}
	fmt.Println(n, rel)
}
