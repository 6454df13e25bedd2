package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/riverqueue/river/rivertype"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestPollNowFetchesOnce checks that a source added and polled at once
// (serve's OnSourceAdded) is fetched once, though the scheduler finds it
// due too: the two jobs were distinct, ran side by side on the poll
// queue's two workers while the slow feed answered, and each fetched it.
func TestPollNowFetchesOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		delay time.Duration // how long the feed takes to answer
	}{
		{"slow feed", 500 * time.Millisecond},
		{"fast feed", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			var gets atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gets.Add(1)
				time.Sleep(tt.delay)
				w.Header().Set("Content-Type", "application/rss+xml")
				fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>One</title></channel></rss>`)
			}))
			defer srv.Close()
			h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
			src := h.addSource(t, ctx, news.Source{URL: srv.URL + "/feed.xml"})
			if err := h.p.PollNow(ctx, src.ID); err != nil {
				t.Fatal(err)
			}
			h.waitIdle(t, ctx)
			if diff := cmp.Diff(int32(1), gets.Load()); diff != "" {
				t.Errorf("feed fetches (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJoinedRunning checks which insert answers PollNow reads as joining
// a poll already running: only a duplicate whose job is running.
func TestJoinedRunning(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  *rivertype.JobInsertResult
		want bool
	}{
		{"inserted", &rivertype.JobInsertResult{Job: &rivertype.JobRow{State: rivertype.JobStateAvailable}}, false},
		{"duplicate of a running job", &rivertype.JobInsertResult{UniqueSkippedAsDuplicate: true, Job: &rivertype.JobRow{State: rivertype.JobStateRunning}}, true},
		{"duplicate of an available job", &rivertype.JobInsertResult{UniqueSkippedAsDuplicate: true, Job: &rivertype.JobRow{State: rivertype.JobStateAvailable}}, false},
		{"duplicate of a snoozed job", &rivertype.JobInsertResult{UniqueSkippedAsDuplicate: true, Job: &rivertype.JobRow{State: rivertype.JobStateScheduled}}, false},
		{"duplicate without its job", &rivertype.JobInsertResult{UniqueSkippedAsDuplicate: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := joinedRunning(tt.res); got != tt.want {
				t.Errorf("joinedRunning = %v, want %v", got, tt.want)
			}
		})
	}
}
