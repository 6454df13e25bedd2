package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestPollDatedWhenAnswered checks that a failed poll's backoff and the
// server's Retry-After are counted from when the feed answered, not from
// when the poll job began: the feed here takes a second to answer, and
// the next poll must not come before the time the server asked for.
func TestPollDatedWhenAnswered(t *testing.T) {
	t.Parallel()
	const slow = time.Second
	tests := []struct {
		name       string
		retryAfter func(answered time.Time) string
		// earliest is the first next poll the server's answer allows.
		earliest func(answered time.Time) time.Time
	}{
		{"retry-after seconds", func(time.Time) string { return "600" },
			func(answered time.Time) time.Time { return answered.Add(600 * time.Second) }},
		{"retry-after date", func(answered time.Time) string {
			return answered.Add(600 * time.Second).UTC().Format(http.TimeFormat)
		}, func(answered time.Time) time.Time { return answered.Add(600 * time.Second).Truncate(time.Second) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			var mu sync.Mutex
			var answered time.Time
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(slow)
				now := time.Now()
				mu.Lock()
				answered = now
				mu.Unlock()
				w.Header().Set("Retry-After", tt.retryAfter(now))
				http.Error(w, "busy", http.StatusServiceUnavailable)
			}))
			defer srv.Close()
			h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
			src := h.addSource(t, ctx, news.Source{URL: srv.URL + "/feed.xml"})
			h.waitIdle(t, ctx)
			got, err := h.st.Source(ctx, src.ID)
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			earliest := tt.earliest(answered)
			mu.Unlock()
			if diff := cmp.Diff(news.StatusError, got.Status); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
			if got.NextPollAt.Before(earliest) {
				t.Errorf("next poll at %s, %v before the server's Retry-After allows (%s)",
					got.NextPollAt.Format(time.RFC3339Nano), earliest.Sub(got.NextPollAt), earliest.Format(time.RFC3339Nano))
			}
			if got.LastPolledAt.Before(earliest.Add(-600 * time.Second)) {
				t.Errorf("last polled at %s, before the feed answered", got.LastPolledAt.Format(time.RFC3339Nano))
			}
		})
	}
}
