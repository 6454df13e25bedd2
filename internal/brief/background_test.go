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
	latest := latestTime(arts)
	var ids []int64
	for _, a := range arts {
		if ownEarlier(a, latest) {
			ids = append(ids, a.ID)
		}
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

// TestTimelineLeadSentences checks LeadSentences keeps a background to the
// top of each article, where news states what happened: a comment lower
// down that echoes every article's words wins without it, not with it.
func TestTimelineLeadSentences(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	const comment = "Critics said the harbour budget and the harbour dredging plan showed the council cared more about the harbour than the schools."
	arts := []news.Article{
		{ID: 1, PublishedAt: day(2), Text: "The council approved a new budget for the harbour on Monday. " +
			"Dredging of the main channel starts in May. Port workers welcomed the plan. " + comment},
		{ID: 2, PublishedAt: day(4), Text: "The port authority hired a dredging firm for the harbour channel. " +
			"The contract runs for two years. The firm has worked in three ports. " + comment},
	}
	for _, tt := range []struct {
		name  string
		lead  int
		wantC bool // a chosen entry is the comment
	}{
		{"any sentence", 0, true},
		{"first three", 3, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			items := Timeline(arts, TimelineOptions{MaxDates: 2, LeadSentences: tt.lead, MinWords: 3})
			gotC := false
			for _, it := range items {
				gotC = gotC || it.Text == comment
			}
			if gotC != tt.wantC || len(items) == 0 {
				t.Errorf("LeadSentences %d: %d items, comment chosen %v, want %v", tt.lead, len(items), gotC, tt.wantC)
			}
		})
	}
}
