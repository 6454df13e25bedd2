package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// runPollScheduleUpgrade checks the migration that adds the sources' poll
// schedule on a database that already holds a source: the source reads
// back as it was, polled at the server's interval (no interval of its
// own, no hint, no unchanged polls), and its schedule can be saved. A
// migration that failed half-way would leave the columns it added, and
// the next start would fail on them: the SQL is one transaction, which
// the back end's migrate test checks for every file.
func runPollScheduleUpgrade(t *testing.T, u Upgrade) {
	ctx := context.Background()
	u.migrateTo(t, "_source_poll_schedule.sql")
	next := day0.Add(15 * time.Minute)
	if _, err := u.Raw.ExecContext(ctx, `INSERT INTO sources
		(id, kind, url, name, home_url, lang, category, created_at, etag, last_modified,
		 last_polled_at, next_poll_at, status, last_error, error_count, url_key)
		VALUES (1, 'feed', 'https://example.org/feed', 'Example', '', 'en', '', $1, '"v1"', '',
		 $1, $2, 'ok', '', 0, 'https://example.org/feed')`, day0.UnixNano(), next.UnixNano()); err != nil {
		t.Fatalf("insert source: %v", err)
	}
	st, err := u.Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	got, err := st.Source(ctx, 1)
	if err != nil {
		t.Fatalf("Source: %v", err)
	}
	want := news.Source{
		ID: 1, Kind: news.SourceFeed, URL: "https://example.org/feed", Name: "Example", Lang: "en",
		CreatedAt: day0, ETag: `"v1"`, LastPolledAt: day0, NextPollAt: next, Status: news.StatusOK,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("source after the upgrade (-want +got):\n%s", diff)
	}
	got.PollInterval, got.PollHint, got.UnchangedPolls = time.Hour, 2*time.Hour, 3
	got.PollEvery, got.PollReason = 2*time.Hour, "the feed's ttl"
	if err := saveSource(ctx, st, got); err != nil {
		t.Fatalf("UpdateSourceFunc: %v", err)
	}
	again, err := st.Source(ctx, 1)
	if err != nil {
		t.Fatalf("Source: %v", err)
	}
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("schedule saved after the upgrade (-want +got):\n%s", diff)
	}
	// A negative interval of its own is refused by the schema as well as
	// by the API: the scheduler would read it as "due at once".
	if _, err := u.Raw.ExecContext(ctx, `UPDATE sources SET poll_interval = -1 WHERE id = 1`); err == nil ||
		!strings.Contains(strings.ToLower(err.Error()), "check") {
		t.Errorf("negative poll_interval: err = %v, want a CHECK violation", err)
	}
}
