package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/web"
)

// TestOwnFeedRefused subscribes a desk to its own Atom feed of briefings,
// served by the real web handler on loopback, through URLs that are not
// its own: a reverse proxy, a redirect, and the proxy's home page, which
// announces the feed. Each poll must refuse the feed for the instance it
// names and store none of its items: stored, the briefings would join the
// stories they summarise and be cited by them. The same feed written by
// another instance (another desk's published work) is read as any feed.
func TestOwnFeedRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	cfg := testConfig()
	cfg.InstanceID = "desk-a"
	h := startPipelineWith(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t), cfg)
	h.ingest(t, ctx, s.url("/rss.xml"))

	// serveDesk serves h's store as the instance named id, behind a
	// reverse proxy (another host:port) and a redirect to the proxy.
	serveDesk := func(id string) (proxy, redirect string) {
		srv, err := web.New(web.Config{InstanceID: id}, h.st, nil)
		if err != nil {
			t.Fatal(err)
		}
		desk := httptest.NewServer(srv.Handler())
		t.Cleanup(desk.Close)
		target, err := url.Parse(desk.URL)
		if err != nil {
			t.Fatal(err)
		}
		px := httptest.NewServer(httputil.NewSingleHostReverseProxy(target))
		t.Cleanup(px.Close)
		rd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, px.URL+r.URL.RequestURI(), http.StatusFound)
		}))
		t.Cleanup(rd.Close)
		return px.URL, rd.URL
	}
	ownProxy, ownRedirect := serveDesk("desk-a")
	otherProxy, _ := serveDesk("desk-b")
	// A feed whose generator names another desk first and this one after
	// it, as a desk republishing this one's feed might write it.
	both := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Two desks</title><link>%[1]s/</link>`+
			`<generator>newsdesk urn:newsdesk:instance:desk-b urn:newsdesk:instance:desk-a</generator>`+
			`<item><title>A briefing</title><link>%[1]s/stories/1</link><guid>%[1]s/stories/1</guid></item></channel></rss>`, s.url(""))
	}))
	t.Cleanup(both.Close)

	tests := []struct {
		name, url    string
		wantRefused  bool
		wantArticles bool
	}{
		{name: "own feed through a proxy", url: ownProxy + "/feeds/stories.atom", wantRefused: true},
		{name: "own feed through a redirect", url: ownRedirect + "/feeds/stories.atom?category=", wantRefused: true},
		{name: "own home page, announcing the feed", url: ownProxy + "/", wantRefused: true},
		{name: "another desk's feed", url: otherProxy + "/feeds/stories.atom", wantArticles: true},
		{name: "a feed naming another desk, then this one", url: both.URL + "/rss.xml", wantRefused: true},
	}
	srcs := make([]news.Source, len(tests))
	for i, tt := range tests {
		srcs[i] = h.addSource(t, ctx, news.Source{URL: tt.url})
	}
	h.waitIdle(t, ctx)
	for i, tt := range tests {
		got, err := h.st.Source(ctx, srcs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		refused := got.Status == news.StatusError && strings.Contains(got.LastError, "this newsdesk's own feed of briefings")
		if refused != tt.wantRefused {
			t.Errorf("%s: status %s, error %q; want refused as this desk's own feed: %v", tt.name, got.Status, got.LastError, tt.wantRefused)
		}
		arts, err := h.st.Articles(ctx, store.ArticleFilter{SourceID: srcs[i].ID})
		if err != nil {
			t.Fatal(err)
		}
		if (len(arts) > 0) != tt.wantArticles {
			t.Errorf("%s: %d articles stored; want some: %v", tt.name, len(arts), tt.wantArticles)
		}
	}
}
