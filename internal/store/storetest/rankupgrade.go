package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/store"
)

// runStoryRankUpgrade checks the migration that adds stories.rank on a
// database that already holds stories: the migration's Go step ranks
// them, so the ranked list of an upgraded database is in order at once,
// a story never updated ranked by its first sighting and one with neither
// time by the upgrade's.
func runStoryRankUpgrade(t *testing.T, u Upgrade) {
	ctx := context.Background()
	u.migrateTo(t, "_story_rank.sql")
	nanos := func(t time.Time) *int64 {
		n := t.UnixNano()
		return &n
	}
	rows := []struct {
		id          int64
		first, last *int64
		sources     int
	}{
		{1, nanos(day0), nanos(day0), 1},                                          // rank day0
		{2, nanos(day0.Add(-48 * time.Hour)), nanos(day0.Add(-2 * time.Hour)), 4}, // day0 + 22 h
		{3, nanos(day0.Add(time.Hour)), nil, 1},                                   // first sighting: day0 + 1 h
		{4, nil, nil, 1},                                                          // the upgrade's time: first
	}
	for _, r := range rows {
		if _, err := u.Raw.ExecContext(ctx, `INSERT INTO stories
			(id, thread_id, title, category, first_seen, last_updated, article_count, source_count, briefed)
			VALUES ($1, $1, 'Story', '', $2, $3, 1, $4, false)`, r.id, r.first, r.last, r.sources); err != nil {
			t.Fatalf("insert story %d: %v", r.id, err)
		}
	}
	st, err := u.Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	page, err := st.RankedStories(ctx, store.StoryPage{Limit: 10})
	if err != nil {
		t.Fatalf("RankedStories: %v", err)
	}
	if diff := cmp.Diff([]int64{4, 2, 3, 1}, idsOf(page.Stories)); diff != "" {
		t.Errorf("ranked stories after the upgrade (-want +got):\n%s", diff)
	}
}
