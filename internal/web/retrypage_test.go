package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestRetryPageRefused runs the pipeline against a loopback site whose
// page is a 404 and whose feed fails once, and retries both through the
// API. The feed is fetched again and comes back ok. The page is refused
// with a 409 that says why, left in error with its reason, and not fetched
// again: its retry used to be a 200 that made it new, and its next poll
// found the stored failed article and set the same error again.
func TestRetryPageRefused(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	var pageGets, feedGets atomic.Int32
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story.html":
			pageGets.Add(1)
			http.NotFound(w, r)
		case "/feed.xml":
			if feedGets.Add(1) == 1 {
				http.Error(w, "down for a moment", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>` +
				`<link>http://127.0.0.1/</link><description>none</description></channel></rss>`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(site.Close)

	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fcfg := fetch.DefaultConfig("newsdesk-test/1.0")
	fcfg.AllowPrivate = true
	fcfg.HostInterval = -1
	fc, err := fetch.New(fcfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fc.Close)
	pcfg := pipeline.DefaultConfig()
	pcfg.PollInterval = time.Hour
	pcfg.ScheduleEvery = 20 * time.Millisecond
	pcfg.GroupEvery = 20 * time.Millisecond
	p, err := pipeline.New(pcfg, st, st.QueueDB(), fc, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := p.Stop(stop); err != nil {
			t.Errorf("stop the pipeline: %v", err)
		}
	})
	idle := func() {
		t.Helper()
		wait, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		if err := p.WaitIdle(wait); err != nil {
			t.Fatal(err)
		}
	}

	page, err := st.AddSource(ctx, news.Source{Kind: news.SourcePage, URL: site.URL + "/story.html"})
	if err != nil {
		t.Fatal(err)
	}
	feed, err := st.AddSource(ctx, news.Source{URL: site.URL + "/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	idle()
	failed, err := st.Source(ctx, page.ID)
	if err != nil {
		t.Fatal(err)
	}
	if failed.Status != news.StatusError || !strings.Contains(failed.LastError, "404") {
		t.Fatalf("page after its poll: status %s, error %q; want error, 404", failed.Status, failed.LastError)
	}

	ts := newTestServer(t, Config{APIToken: testToken}, st)
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	r := do(t, "POST", ts.URL+"/api/sources/"+strconv.FormatInt(page.ID, 10)+"/retry", auth, "")
	if r.status != http.StatusConflict || !strings.Contains(r.body, "is a page, which is read once") {
		t.Errorf("retry the page: status %d, %s; want 409 saying a page is read once", r.status, r.body)
	}
	if r := do(t, "POST", ts.URL+"/api/sources/"+strconv.FormatInt(feed.ID, 10)+"/retry", auth, ""); r.status != http.StatusOK {
		t.Errorf("retry the feed: status %d, %s; want 200", r.status, r.body)
	}
	idle()

	got, err := st.Source(ctx, page.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != news.StatusError || got.LastError != failed.LastError || got.ErrorCount != failed.ErrorCount {
		t.Errorf("page after the refused retry: status %s, error %q, %d errors; want it as it was: %s, %q, %d",
			got.Status, got.LastError, got.ErrorCount, failed.Status, failed.LastError, failed.ErrorCount)
	}
	if n := pageGets.Load(); n != 1 {
		t.Errorf("page fetched %d times, want 1", n)
	}
	if got, err := st.Source(ctx, feed.ID); err != nil || got.Status != news.StatusOK {
		t.Errorf("feed after its retry: status %s, error %q, %v; want ok", got.Status, got.LastError, err)
	}
	if n := feedGets.Load(); n != 2 {
		t.Errorf("feed fetched %d times, want 2 (the failure and the retry)", n)
	}
}
