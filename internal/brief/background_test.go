package brief

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestOwnEarlier(t *testing.T) {
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
}

// TestTimelineNotAfter checks a background never reaches past the story:
// days after NotAfter are left out, earlier ones kept.
func TestTimelineNotAfter(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	arts := []news.Article{
		{ID: 1, PublishedAt: day(2), Title: "Council debates the harbour budget",
			Text: "The city council debated the harbour budget for the coming year in a long session."},
		{ID: 2, PublishedAt: day(9), Title: "Council approves the harbour budget",
			Text: "Port workers welcomed the approved spending plan, and dredging of the channel will start soon."},
	}
	for _, tt := range []struct {
		name     string
		notAfter time.Time
		want     []time.Time
	}{
		{"unbounded", time.Time{}, []time.Time{day(2).Truncate(24 * time.Hour), day(9).Truncate(24 * time.Hour)}},
		{"bounded", day(5), []time.Time{day(2).Truncate(24 * time.Hour)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []time.Time
			for _, it := range Timeline(arts, TimelineOptions{NotAfter: tt.notAfter, MinWords: 3}) {
				got = append(got, *it.Date)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
		})
	}
}
