package pipeline

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"regexp"
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
	h, s := startDeskA(t, ctx)

	// serveDesk serves h's store as the instance named id, behind a
	// reverse proxy (another host:port) and a redirect to the proxy.
	serveDesk := func(id string) (proxy, redirect string) {
		px := serveDeskProxy(t, h.st, id)
		rd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, px+r.URL.RequestURI(), http.StatusFound)
		}))
		t.Cleanup(rd.Close)
		return px, rd.URL
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

// TestOwnPageRefused checks what the feed's generator cannot catch: a
// page of this desk reached by an address that is not its own. Its story
// page added as a page source through a reverse proxy, and its feed copied
// without the generator (as a feed converter or a copy writes it), whose
// items link its story pages, were stored as articles: briefings of this
// desk, citable by its next briefings. Each page names the instance in its
// generator meta, so each article is failed, with no text, neither the
// page's nor the feed's, and the page source is in error saying why.
// Another desk's story page is read as any page.
func TestOwnPageRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h, _ := startDeskA(t, ctx)
	stories, err := h.st.Stories(ctx, store.StoryFilter{Limit: 1})
	if err != nil || len(stories) == 0 {
		t.Fatalf("Stories after the ingest = %v, %v; want one", stories, err)
	}
	story := fmt.Sprintf("/stories/%d", stories[0].ID)
	// The page source and the copied feed reach the desk by two proxies,
	// so that the feed's items, story pages, are not the page source's
	// URL, whose article would go to whichever stored it first.
	own, ownToo, other := serveDeskProxy(t, h.st, "desk-a"), serveDeskProxy(t, h.st, "desk-a"), serveDeskProxy(t, h.st, "desk-b")
	// The feed as a converter serves it: the same entries, no generator.
	generator := regexp.MustCompile(`(?s)<generator[^>]*>.*?</generator>`)
	copied := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, err := http.Get(ownToo + "/feeds/stories.atom")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(generator.ReplaceAll(body, nil))
	}))
	t.Cleanup(copied.Close)
	if r, err := http.Get(copied.URL); err != nil {
		t.Fatal(err)
	} else {
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if strings.Contains(string(body), "urn:newsdesk:instance:") || !strings.Contains(string(body), "<entry>") {
			t.Fatalf("the copied feed names an instance or has no entry:\n%s", body)
		}
	}

	tests := []struct {
		name      string
		src       news.Source
		wantError bool // the source is in error as this desk's own page
		wantText  bool // an article with text is stored
	}{
		{"own story page through a proxy", news.Source{Kind: news.SourcePage, URL: own + story}, true, false},
		{"own feed copied without its generator", news.Source{URL: copied.URL + "/atom.xml"}, false, false},
		{"another desk's story page", news.Source{Kind: news.SourcePage, URL: other + story}, false, true},
	}
	srcs := make([]news.Source, len(tests))
	for i, tt := range tests {
		srcs[i] = h.addSource(t, ctx, tt.src)
	}
	h.waitIdle(t, ctx)
	const reason = "is a page of this newsdesk (urn:newsdesk:instance:desk-a)"
	for i, tt := range tests {
		got, err := h.st.Source(ctx, srcs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		refused := got.Status == news.StatusError && strings.Contains(got.LastError, reason)
		if refused != tt.wantError {
			t.Errorf("%s: status %s, error %q; want in error as this desk's own page: %v", tt.name, got.Status, got.LastError, tt.wantError)
		}
		arts, err := h.st.Articles(ctx, store.ArticleFilter{SourceID: srcs[i].ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) == 0 {
			t.Errorf("%s: no article stored; want one for each page read", tt.name)
		}
		for _, a := range arts {
			full, err := h.st.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			hasText := full.Text != "" || full.Extraction != news.ExtractFailed
			if hasText != tt.wantText {
				t.Errorf("%s: article %s: extraction %s, %d bytes of text, reason %q; want text: %v",
					tt.name, full.URL, full.Extraction, len(full.Text), full.ExtractionReason, tt.wantText)
			}
			if !tt.wantText && (!strings.Contains(full.ExtractionReason, reason) || full.Description != "") {
				t.Errorf("%s: article %s: reason %q, description %q; want refused as this desk's own page, no description",
					tt.name, full.URL, full.ExtractionReason, full.Description)
			}
		}
	}
}

// serveDeskProxy serves st through the web handler as the instance named
// id, behind a reverse proxy (another host:port), and returns the proxy's
// URL.
func serveDeskProxy(t *testing.T, st store.Store, id string) string {
	t.Helper()
	srv, err := web.New(web.Config{InstanceID: id}, st, nil)
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
	return px.URL
}

// startDeskA starts a pipeline whose instance is "desk-a" and ingests a
// site's feed into it, so that the desk has stories to serve.
func startDeskA(t *testing.T, ctx context.Context) (*harness, *site) {
	t.Helper()
	s := newSite(t)
	cfg := testConfig()
	cfg.InstanceID = "desk-a"
	h := startPipelineWith(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t), cfg)
	h.ingest(t, ctx, s.url("/rss.xml"))
	return h, s
}
