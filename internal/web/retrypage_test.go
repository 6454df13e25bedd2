package web

import (
	"context"
	"fmt"
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
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestRetryFailedPage runs the pipeline against a loopback site whose
// page is a 404 at first and whose feed fails once. Adding the page again
// through the API, as a person whose page failed does, reads it again:
// a 200 with the source new again, and the page is fetched and read. It
// used to be a 409 "already a source", and "Retry now" a 409 too, so a
// page that failed once could never be read. A page read in full is still
// read once: its retry is a 409 that says why. The feed is retried as
// before: fetched again, it comes back ok.
func TestRetryFailedPage(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	var pageGets, feedGets atomic.Int32
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story.html":
			if pageGets.Add(1) == 1 {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(retriedPage))
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
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	readd := do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "`+page.URL+`", "kind": "page"}`)
	if readd.status != http.StatusOK || !strings.Contains(readd.body, `"status": "new"`) {
		t.Errorf("add the failed page again: status %d, %s; want 200 with the page new again", readd.status, readd.body)
	}
	// Location means something on a 201 or a 3xx (RFC 9110), not a 200.
	if loc := readd.header.Get("Location"); loc != "" {
		t.Errorf("add the failed page again: Location %q on a 200, want none", loc)
	}
	if r := do(t, "POST", ts.URL+"/api/sources/"+strconv.FormatInt(feed.ID, 10)+"/retry", auth, ""); r.status != http.StatusOK {
		t.Errorf("retry the feed: status %d, %s; want 200", r.status, r.body)
	}
	idle()

	got, err := st.Source(ctx, page.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != news.StatusOK || got.LastError != "" {
		t.Errorf("page after it was added again: status %s, error %q; want ok", got.Status, got.LastError)
	}
	if a, err := st.ArticleByURL(ctx, news.URLKey(page.URL)); err != nil || a.Extraction != news.ExtractFull {
		t.Errorf("page's article after it was added again: %s (%s), %v; want read in full", a.Extraction, a.ExtractionReason, err)
	}
	if n := pageGets.Load(); n != 2 {
		t.Errorf("page fetched %d times, want 2 (the 404 and the retry)", n)
	}
	for _, r := range []response{
		do(t, "POST", ts.URL+"/api/sources/"+strconv.FormatInt(page.ID, 10)+"/retry", auth, ""),
		do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "`+page.URL+`", "kind": "page"}`),
	} {
		if r.status != http.StatusConflict || !strings.Contains(r.body, "a page, which is read once") {
			t.Errorf("retry or add the page read in full: status %d, %s; want 409 saying a page is read once", r.status, r.body)
		}
	}
	if n := pageGets.Load(); n != 2 {
		t.Errorf("page fetched %d times after it was read, want 2", n)
	}
	if got, err := st.Source(ctx, feed.ID); err != nil || got.Status != news.StatusOK {
		t.Errorf("feed after its retry: status %s, error %q, %v; want ok", got.Status, got.LastError, err)
	}
	if n := feedGets.Load(); n != 2 {
		t.Errorf("feed fetched %d times, want 2 (the failure and the retry)", n)
	}
}

// retriedPage is the article the failed page serves once it is back.
const retriedPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour reopens after storm</title></head>
<body><article><h1>Harbour reopens after storm</h1>
<p>The harbour of the town reopened on Tuesday morning after three days of closure, the port authority said, as crews cleared the last of the debris the storm had left on the quays and in the channel.</p>
<p>Fishing boats left at dawn for the first time since Friday. "We lost three days of work, but the boats are safe," said the head of the fishermen's association, standing on the north quay as the first crews returned.</p>
<p>The authority said a survey of the breakwater had found no damage that would keep ships out, and that the ferry to the islands would run to its normal timetable from Wednesday.</p>
</article></body></html>`

// removedOnReadd is a store whose source is removed between AddSource's
// refusal of its URL and ReaddSource's look-up.
type removedOnReadd struct{ *memStore }

func (s removedOnReadd) ReaddSource(ctx context.Context, url string, now time.Time) (news.Source, bool, error) {
	return news.Source{}, false, fmt.Errorf("add source %q again: %w", url, store.ErrNotFound)
}

// TestReaddRemovedSource checks that adding a URL whose source is removed
// while the store refuses it is the 409 a duplicate is, not a 404 for a
// resource the client never named.
func TestReaddRemovedSource(t *testing.T) {
	t.Parallel()
	st := fixtureStore()
	if _, err := st.AddSource(t.Context(), news.Source{Kind: news.SourcePage, URL: "https://example.org/gone"}); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, Config{APIToken: testToken}, removedOnReadd{st})
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	r := do(t, "POST", ts.URL+"/api/sources", auth, `{"url": "https://example.org/gone", "kind": "page"}`)
	if r.status != http.StatusConflict || !strings.Contains(r.body, "already a source") {
		t.Errorf("add a URL whose source was removed meanwhile: status %d, %s; want 409 already a source", r.status, r.body)
	}
}
