package brief

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestDemoNoRepeatedItem builds every demo story and wants no section to
// show the same text twice: two outlets often print one sentence word for
// word (an agency's line reused), and a briefing that shows it once per
// outlet says nothing more the second time.
func TestDemoNoRepeatedItem(t *testing.T) {
	t.Parallel()
	for key, in := range demoInputs(t) {
		for _, words := range []int{0, 400} {
			b := Build(in, Options{SummaryWords: words})
			for _, sec := range b.Sections {
				if sec.Kind == news.SectionReferences {
					continue // one entry per article: wire copies share a title
				}
				seen := map[string]bool{}
				for _, it := range sec.Items {
					k := strings.Join(strings.Fields(it.Text), " ")
					if seen[k] {
						t.Errorf("%s, %d words: %s shows %q twice", key, words, sec.Kind, it.Text)
					}
					seen[k] = true
				}
			}
		}
	}
}
