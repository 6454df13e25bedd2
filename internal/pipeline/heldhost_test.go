package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// TestArticlesWaitForHostRetryAfter checks that once an article page's
// host answers 429 with Retry-After, the feed's other pages on that host
// are neither asked for before the time it names nor stored with the
// feed's text for good: their jobs wait, and then read the pages.
func TestArticlesWaitForHostRetryAfter(t *testing.T) {
	t.Parallel()
	const retryAfter = 3 * time.Second
	ctx := context.Background()

	var mu sync.Mutex
	var limitedAt time.Time
	requests := map[string][]time.Time{}
	pages := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		mu.Lock()
		requests[r.URL.Path] = append(requests[r.URL.Path], now)
		first := r.URL.Path == "/a1" && len(requests["/a1"]) == 1
		if first {
			limitedAt = now
		}
		mu.Unlock()
		if first {
			w.Header().Set("Retry-After", fmt.Sprint(int(retryAfter.Seconds())))
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>Page %s</title></head><body><article><h1>Page %s</h1>%s</article></body></html>",
			r.URL.Path, r.URL.Path, strings.Repeat("<p>The harbour council approved the ferry budget on Tuesday after a long debate about dredging costs.</p>", 6))
	}))
	defer pages.Close()
	// The pages are on another host than the feed, so that the feed's
	// polls are not held with them.
	pagesURL := strings.Replace(pages.URL, "127.0.0.1", "localhost", 1)

	var feedMu sync.Mutex
	items := []string{"a1"}
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		feedMu.Lock()
		defer feedMu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Held</title>`)
		for _, it := range items {
			fmt.Fprintf(w, `<item><title>%s</title><link>%s/%s</link><description>Feed text of %s.</description></item>`, it, pagesURL, it, it)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	defer feedSrv.Close()

	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	src := h.addSource(t, ctx, news.Source{URL: feedSrv.URL + "/feed.xml"})
	h.waitIdle(t, ctx)
	feedMu.Lock()
	items = []string{"a1", "a2", "a3"}
	feedMu.Unlock()
	if err := h.p.PollNow(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	h.waitIdle(t, ctx)

	list, err := h.st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]news.ExtractionStatus{}
	for _, a := range list {
		got[a.URL[strings.LastIndex(a.URL, "/"):]] = a.Extraction
	}
	want := map[string]news.ExtractionStatus{"/a1": news.ExtractFeedOnly, "/a2": news.ExtractFull, "/a3": news.ExtractFull}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("extraction by page (-want +got):\n%s", diff)
	}
	mu.Lock()
	defer mu.Unlock()
	counts := map[string]int{}
	for path, times := range requests {
		if path != "/robots.txt" {
			counts[path] = len(times)
		}
		for _, at := range times {
			if at.After(limitedAt) && at.Before(limitedAt.Add(retryAfter)) {
				t.Errorf("%s asked %v after the 429, before its Retry-After of %v", path, at.Sub(limitedAt), retryAfter)
			}
		}
	}
	if diff := cmp.Diff(map[string]int{"/a1": 1, "/a2": 1, "/a3": 1}, counts); diff != "" {
		t.Errorf("page requests (-want +got):\n%s", diff)
	}
}

// TestPollHeldIsNotAFailure checks that a feed whose poll is not sent,
// because its host answered another feed's poll with 429 and a
// Retry-After, keeps its status, error and failure count, and is due
// again when the host allows.
func TestPollHeldIsNotAFailure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/limited.xml" {
			w.Header().Set("Retry-After", "600")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Healthy</title></channel></rss>`)
	}))
	defer srv.Close()
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	healthy := h.addSource(t, ctx, news.Source{URL: srv.URL + "/healthy.xml"})
	h.waitIdle(t, ctx)
	h.addSource(t, ctx, news.Source{URL: srv.URL + "/limited.xml"})
	h.waitIdle(t, ctx)
	before := time.Now()
	// A feed never read, whose first poll is held, and one read before.
	never := h.addSource(t, ctx, news.Source{URL: srv.URL + "/never.xml"})
	if err := h.p.PollNow(ctx, healthy.ID); err != nil {
		t.Fatal(err)
	}
	h.waitIdle(t, ctx)
	type state struct {
		Status   news.SourceStatus
		Error    string
		Failures int
		Held     bool // next poll at least 9 minutes away
	}
	got := map[string]state{}
	for _, id := range []int64{healthy.ID, never.ID} {
		s, err := h.st.Source(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got[s.URL[strings.LastIndex(s.URL, "/"):]] = state{s.Status, s.LastError, s.ErrorCount, s.NextPollAt.Sub(before) > 9*time.Minute}
	}
	want := map[string]state{
		"/healthy.xml": {news.StatusOK, "", 0, true},
		"/never.xml":   {news.StatusNew, "", 0, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources after a held poll (-want +got):\n%s", diff)
	}
}
