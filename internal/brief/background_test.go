package brief

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestOwnEarlierAndNotAfter(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	arts := []news.Article{
		{ID: 1, PublishedAt: day(2)},
		{ID: 2, PublishedAt: day(5)},
		{ID: 3, PublishedAt: day(8)},
		{ID: 4, PublishedAt: day(8).Add(-3 * time.Hour)},
	}
	var ids []int64
	for _, a := range ownEarlier(arts) {
		ids = append(ids, a.ID)
	}
	if diff := cmp.Diff([]int64{1, 2}, ids); diff != "" {
		t.Errorf("ownEarlier (-want +got):\n%s", diff)
	}

	at := func(d int) *time.Time { x := day(d); return &x }
	items := []news.Item{{Text: "a", Date: at(1)}, {Text: "b", Date: at(9)}, {Text: "c", Date: at(10)}, {Text: "d"}}
	var got []string
	for _, it := range notAfter(items, day(8)) {
		got = append(got, it.Text)
	}
	if diff := cmp.Diff([]string{"a", "b", "d"}, got); diff != "" {
		t.Errorf("notAfter (-want +got):\n%s", diff)
	}
}
