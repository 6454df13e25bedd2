package pipeline

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestEndToEnd polls an RSS and an Atom feed on loopback, and checks that
// every item is stored once with its page's text, grouped, and briefed with
// grounded citations; then that re-polls use conditional GET and store
// nothing twice.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	rss := h.addSource(t, ctx, news.Source{URL: s.url("/rss.xml"), Category: "local"})
	atom := h.addSource(t, ctx, news.Source{URL: s.url("/atom.xml")})
	h.waitIdle(t, ctx)

	arts := articlesByID(t, ctx, h.st)
	byPage := map[string]news.Article{}
	for _, a := range arts {
		byPage[strings.TrimSuffix(a.URL[strings.LastIndex(a.URL, "/")+1:], ".html")] = a
	}
	var pages []string
	for p := range byPage {
		pages = append(pages, p)
	}
	sort.Strings(pages)
	if diff := cmp.Diff([]string{"bridge-1", "bridge-2", "bridge-3", "fire-1", "fire-2"}, pages); diff != "" {
		t.Fatalf("stored pages mismatch (-want +got):\n%s", diff)
	}
	// An item's own <category> wins; the source's hint fills in for the
	// others.
	if got, want := []string{byPage["bridge-1"].Category, byPage["bridge-2"].Category, byPage["fire-2"].Category}, []string{"Transport", "local", ""}; !cmp.Equal(got, want) {
		t.Errorf("categories of bridge-1, bridge-2, fire-2 = %q, want %q", got, want)
	}
	if got, want := byPage["bridge-1"].URL, s.url("/news/bridge-1.html"); got != want {
		t.Errorf("tracking parameters kept: URL %q, want %q", got, want)
	}
	for p, a := range byPage {
		if a.Extraction != news.ExtractFull || !strings.Contains(a.Text, "Port Calder") && !strings.Contains(a.Text, "Eastfield") {
			t.Errorf("%s: extraction %s (%s), text %.60q; want the page's full text", p, a.Extraction, a.ExtractionReason, a.Text)
		}
		if a.Lang != "en" {
			t.Errorf("%s: lang %q, want en", p, a.Lang)
		}
		if !a.Clustered || a.StoryID == 0 {
			t.Errorf("%s: not clustered", p)
		}
	}
	if byPage["bridge-1"].StoryID != byPage["bridge-3"].StoryID || byPage["fire-1"].StoryID != byPage["fire-2"].StoryID {
		t.Errorf("stories: bridge %d/%d/%d, fire %d/%d; want each event in one story",
			byPage["bridge-1"].StoryID, byPage["bridge-2"].StoryID, byPage["bridge-3"].StoryID, byPage["fire-1"].StoryID, byPage["fire-2"].StoryID)
	}
	if byPage["bridge-1"].StoryID == byPage["fire-1"].StoryID {
		t.Error("bridge and fire articles share a story")
	}

	stories, err := h.st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		if !st.Briefed {
			t.Errorf("story %d %q not briefed", st.ID, st.Title)
		}
		b, err := h.st.Briefing(ctx, st.ID)
		if err != nil {
			t.Errorf("story %d: %v", st.ID, err)
			continue
		}
		if err := brief.CheckGrounded(b, arts); err != nil {
			t.Errorf("story %d: briefing not grounded: %v", st.ID, err)
		}
		if st.ID == byPage["bridge-1"].StoryID && (st.ArticleCount != 3 || st.SourceCount != 2) {
			t.Errorf("bridge story counts %d articles from %d sources, want 3 from 2", st.ArticleCount, st.SourceCount)
		}
	}
	for _, src := range []news.Source{rss, atom} {
		got, err := h.st.Source(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != news.StatusOK || got.ETag == "" || got.Name == "" || got.NextPollAt.IsZero() {
			t.Errorf("source %s after poll: status %s, etag %q, name %q, next poll %v", got.URL, got.Status, got.ETag, got.Name, got.NextPollAt)
		}
	}

	// Second poll: the feeds answer 304.
	for _, src := range []news.Source{rss, atom} {
		if err := h.p.PollNow(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
	}
	h.waitIdle(t, ctx)
	for _, name := range []string{"rss.xml", "atom.xml"} {
		if full, nm := s.counts(name); full != 1 || nm != 1 {
			t.Errorf("%s: %d full responses and %d 304s, want 1 and 1", name, full, nm)
		}
	}

	// Third poll: the server ignores the validators; nothing is stored twice
	// and no page is fetched again.
	s.ignoreETag.Store(true)
	for _, src := range []news.Source{rss, atom} {
		if err := h.p.PollNow(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
	}
	h.waitIdle(t, ctx)
	if full, _ := s.counts("rss.xml"); full != 2 {
		t.Errorf("rss.xml: %d full responses, want 2", full)
	}
	if got := len(articlesByID(t, ctx, h.st)); got != len(arts) {
		t.Errorf("after re-poll: %d articles, want %d", got, len(arts))
	}
	s.mu.Lock()
	for p, n := range s.pageGets {
		if n != 1 {
			t.Errorf("page %s fetched %d times, want once", p, n)
		}
	}
	s.mu.Unlock()
}

// TestBadInput checks that every kind of failure is recorded on its source
// or article, in words a user can act on, while the rest is ingested.
func TestBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	malformed := h.addSource(t, ctx, news.Source{URL: s.url("/malformed.xml")})
	unreachable := h.addSource(t, ctx, news.Source{URL: s.closed + "/feed.xml"})
	missing := h.addSource(t, ctx, news.Source{URL: s.url("/nothing.xml")})
	busy := h.addSource(t, ctx, news.Source{URL: s.url("/busy.xml")})
	faults := h.addSource(t, ctx, news.Source{URL: s.url("/faults.xml")})
	page := h.addSource(t, ctx, news.Source{Kind: news.SourcePage, URL: s.url("/news/fire-1.html")})
	missingPage := h.addSource(t, ctx, news.Source{Kind: news.SourcePage, URL: s.url("/news/missing.html")})
	h.waitIdle(t, ctx)

	sourceTests := []struct {
		src      news.Source
		status   news.SourceStatus
		errWords string
	}{
		{malformed, news.StatusError, "feed could not be read"},
		{unreachable, news.StatusError, "GET " + s.closed},
		{missing, news.StatusError, "HTTP 404"},
		{busy, news.StatusError, "HTTP 503"},
		{faults, news.StatusOK, ""},
		{page, news.StatusOK, ""},
		{missingPage, news.StatusError, "page could not be fetched: GET " + s.url("/news/missing.html") + ": HTTP 404"},
	}
	for _, tc := range sourceTests {
		got, err := h.st.Source(ctx, tc.src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != tc.status || !strings.Contains(got.LastError, tc.errWords) {
			t.Errorf("source %s: status %s, error %q; want %s with %q", got.URL, got.Status, got.LastError, tc.status, tc.errWords)
		}
		wantCount := 0
		if tc.status == news.StatusError {
			wantCount = 1
			if got.Kind == news.SourceFeed && !got.NextPollAt.After(got.LastPolledAt) {
				t.Errorf("source %s: next poll %v not backed off after %v", got.URL, got.NextPollAt, got.LastPolledAt)
			}
		}
		if tc.src.ID == busy.ID && got.NextPollAt.Sub(got.LastPolledAt) < 2*time.Hour {
			t.Errorf("source %s: next poll %v after the last, want Retry-After's 2h or more", got.URL, got.NextPollAt.Sub(got.LastPolledAt))
		}
		if got.ErrorCount != wantCount {
			t.Errorf("source %s: error count %d, want %d", got.URL, got.ErrorCount, wantCount)
		}
	}

	articleTests := []struct {
		url         string
		extraction  news.ExtractionStatus
		reasonWords string
	}{
		{s.url("/faults/404"), news.ExtractFeedOnly, "HTTP 404"},
		{s.url("/faults/huge"), news.ExtractFeedOnly, "exceeds"},
		{s.url("/faults/binary"), news.ExtractFeedOnly, "content type"},
		{s.url("/faults/loop"), news.ExtractFailed, "redirect"},
		{s.closed + "/news/gone.html", news.ExtractFeedOnly, "GET " + s.closed},
		{s.url("/news/good.html"), news.ExtractFull, ""},
		{s.url("/news/fire-1.html"), news.ExtractFull, ""},
		{s.url("/news/missing.html"), news.ExtractFailed, "HTTP 404"},
	}
	for _, tc := range articleTests {
		a, err := h.st.ArticleByURL(ctx, tc.url)
		if err != nil {
			t.Errorf("%s: %v", tc.url, err)
			continue
		}
		if a.Extraction != tc.extraction || !strings.Contains(a.ExtractionReason, tc.reasonWords) {
			t.Errorf("%s: extraction %s, reason %q; want %s with %q", tc.url, a.Extraction, a.ExtractionReason, tc.extraction, tc.reasonWords)
		}
		if tc.extraction == news.ExtractFailed && (a.Text != "" || !a.Clustered || a.StoryID != 0) {
			t.Errorf("%s: failed article has text %q, clustered %v, story %d; want no text, set aside without a story", tc.url, a.Text, a.Clustered, a.StoryID)
		}
		if a.SourceID == missingPage.ID && strings.Contains(a.ExtractionReason, "feed") {
			t.Errorf("%s: reason %q speaks of a feed; a page source has none", tc.url, a.ExtractionReason)
		}
		if tc.extraction == news.ExtractFeedOnly && !strings.HasPrefix(a.Text, "The feed's own text") {
			t.Errorf("%s: feed-only text %q, want the feed's content", tc.url, a.Text)
		}
	}
	all := articlesByID(t, ctx, h.st)
	if len(all) != len(articleTests) {
		t.Errorf("%d articles stored, want %d", len(all), len(articleTests))
	}
	stories, err := h.st.Stories(ctx, store.StoryFilter{Unbriefed: true})
	if err != nil || len(stories) != 0 {
		t.Errorf("unbriefed stories: %v, %v; want none", stories, err)
	}
}

// TestFeedDiscovery subscribes to web pages instead of feeds, as people
// do: a home page that announces its feed becomes a subscription to that
// feed, with the page as its home page; a second page announcing the same
// feed, and a page announcing none, are errors that say so.
func TestFeedDiscovery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	home := h.addSource(t, ctx, news.Source{URL: s.url("/home/")})
	h.waitIdle(t, ctx)
	again := h.addSource(t, ctx, news.Source{URL: s.url("/home2/")})
	none := h.addSource(t, ctx, news.Source{URL: s.url("/nofeed/")})
	h.waitIdle(t, ctx)

	tests := []struct {
		src                news.Source
		url, name, homeURL string
		status             news.SourceStatus
		errWords           string
		wantArticles       bool
	}{
		{src: home, url: s.url("/rss.xml"), name: "Tidewater Gazette", homeURL: s.url("/home/"), status: news.StatusOK, wantArticles: true},
		{src: again, url: s.url("/home2/"), status: news.StatusError,
			errWords: s.url("/home2/") + " is a web page whose feed, " + s.url("/rss.xml") + ", is already a source"},
		{src: none, url: s.url("/nofeed/"), status: news.StatusError, errWords: "is a web page, not a feed, and announces no feed"},
	}
	for _, tc := range tests {
		got, err := h.st.Source(ctx, tc.src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.URL != tc.url || got.Name != tc.name || got.HomeURL != tc.homeURL || got.Status != tc.status || !strings.Contains(got.LastError, tc.errWords) {
			t.Errorf("source %d: URL %s, name %q, home %q, status %s, error %q; want %s, %q, %q, %s with %q",
				tc.src.ID, got.URL, got.Name, got.HomeURL, got.Status, got.LastError, tc.url, tc.name, tc.homeURL, tc.status, tc.errWords)
		}
		arts, err := h.st.Articles(ctx, store.ArticleFilter{SourceID: tc.src.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(arts) > 0; got != tc.wantArticles {
			t.Errorf("source %d: %d articles; want some: %v", tc.src.ID, len(arts), tc.wantArticles)
		}
	}
}

// TestNoDiscoveryOnceEstablished checks that a feed which has been read
// is not moved to whatever feed one HTML response names: a captive portal,
// a challenge page or a parked domain would otherwise take the source over
// for good, under its trusted name. Discovery is for a source never read.
func TestNoDiscoveryOnceEstablished(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	src := h.addSource(t, ctx, news.Source{URL: s.url("/portal/feed")})
	h.waitIdle(t, ctx)
	if got, err := h.st.Source(ctx, src.ID); err != nil || got.Status != news.StatusOK {
		t.Fatalf("first poll: %+v, %v; want status ok", got, err)
	}

	s.portal.Store(true)
	if err := h.p.PollNow(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	h.waitIdle(t, ctx)
	got, err := h.st.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != src.URL || got.Status != news.StatusError || !strings.Contains(got.LastError, "content type") {
		t.Errorf("after the portal: URL %s, status %s, error %q; want %s, error about its content type", got.URL, got.Status, got.LastError, src.URL)
	}

	// A person retries it, the portal still up: the retry makes it new
	// again, but not a source never read.
	if _, err := h.st.RetrySource(ctx, src.ID, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	h.waitIdle(t, ctx)
	got, err = h.st.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != src.URL || got.Status != news.StatusError || !strings.Contains(got.LastError, "content type") {
		t.Errorf("after a retry behind the portal: URL %s, status %s, error %q; want %s, error about its content type", got.URL, got.Status, got.LastError, src.URL)
	}
}

// TestRetryClearsError checks that retrying a feed whose poll failed
// clears its error state at once, not only when the poll it asks for
// has run (the sources page showed "error" without one until then), and
// that the poll, now good, leaves it ok. The server fails the first
// request only.
func TestRetryClearsError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" && gets.Add(1) == 1 {
			http.Error(w, "down for a moment", http.StatusInternalServerError)
			return
		}
		s.serveFeed(w, r, "rss.xml")
	}))
	t.Cleanup(srv.Close)
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	src := h.addSource(t, ctx, news.Source{URL: srv.URL + "/feed.xml"})
	h.waitIdle(t, ctx)
	got, err := h.st.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != news.StatusError || !strings.Contains(got.LastError, "HTTP 500") || !got.NextPollAt.After(time.Now()) {
		t.Fatalf("after the failed poll: status %s, error %q, next poll %v; want error, HTTP 500, backed off", got.Status, got.LastError, got.NextPollAt)
	}

	retried, err := h.st.RetrySource(ctx, src.ID, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if retried.Status == news.StatusError || retried.LastError != "" || retried.ErrorCount != 0 {
		t.Errorf("retried: status %s, error %q, %d errors; want its error state cleared", retried.Status, retried.LastError, retried.ErrorCount)
	}
	h.waitIdle(t, ctx)
	got, err = h.st.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != news.StatusOK || got.LastError != "" || got.ErrorCount != 0 || got.ArticleCount == 0 {
		t.Errorf("after the retry's poll: status %s, error %q, %d errors, %d articles; want ok with articles", got.Status, got.LastError, got.ErrorCount, got.ArticleCount)
	}
	if n := gets.Load(); n != 2 {
		t.Errorf("feed fetched %d times, want 2 (the failure and the retry)", n)
	}
}

// TestDiscoveryChecksAnnouncedFeeds checks that a feed a page announces
// passes the checks a URL a user adds passes, that a link which fails them,
// or cannot be read, gives way to the page's next one, and that when none
// is left the error names the announced feed and why it failed.
func TestDiscoveryChecksAnnouncedFeeds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	cfg := fetch.DefaultConfig("newsdesk-test/1.0")
	cfg.HostInterval = -1
	cfg.AllowPrefixes = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")} // the site, and no other private address
	fc, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fc.Close)
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), fc)

	announce := func(hrefs ...string) string {
		q := url.Values{"href": hrefs}
		return s.url("/announce/?" + q.Encode())
	}
	withUser := strings.Replace(s.url("/rss.xml"), "://", "://reader:hunter2@", 1)
	long := s.url("/rss.xml?pad=" + strings.Repeat("x", news.MaxURLLen))
	private := strings.Replace(s.url("/rss.xml"), "127.0.0.1", "127.0.0.2", 1)
	tests := []struct {
		name, page string
		want       string // URL followed; the page's own when empty
		errWords   []string
		errNot     string
	}{
		{name: "user info", page: announce(withUser),
			errWords: []string{"announces the feed", "must not contain a user name or password"}, errNot: "hunter2"},
		{name: "user info, then a good feed", page: announce(withUser, "/atom.xml"), want: s.url("/atom.xml")},
		{name: "over-long", page: announce(long), errWords: []string{"announces the feed", "longer than 2048 bytes"}},
		{name: "over-long, then a good feed", page: announce(long, "/fire-only.xml"), want: s.url("/fire-only.xml")},
		{name: "private address", page: announce(private), errWords: []string{"announces the feed " + private + ", which could not be read"}},
		{name: "a page naming a page", page: announce(announce(s.url("/nofeed/"))),
			errWords: []string{"announces the feed", "which could not be read", "content type"}},
		{name: "a page, then a good feed", page: announce(s.url("/nofeed/"), "/rss.xml"), want: s.url("/rss.xml")},
	}
	srcs := make([]news.Source, len(tests))
	for i, tt := range tests {
		srcs[i] = h.addSource(t, ctx, news.Source{URL: tt.page})
	}
	h.waitIdle(t, ctx)
	for i, tt := range tests {
		got, err := h.st.Source(ctx, srcs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		want, status := tt.want, news.StatusOK
		if want == "" {
			want, status = srcs[i].URL, news.StatusError
		}
		if got.URL != want || got.Status != status {
			t.Errorf("%s: URL %s, status %s, error %q; want %s, %s", tt.name, got.URL, got.Status, got.LastError, want, status)
		}
		for _, w := range tt.errWords {
			if !strings.Contains(got.LastError, w) {
				t.Errorf("%s: error %q does not say %q", tt.name, got.LastError, w)
			}
		}
		// The page's own URL, which the error names, holds the link.
		if tt.errNot != "" && strings.Contains(strings.ReplaceAll(got.LastError, srcs[i].URL, ""), tt.errNot) {
			t.Errorf("%s: error %q shows %q", tt.name, got.LastError, tt.errNot)
		}
	}
}

// TestReaddedPageKeepsError deletes a page source whose page could not be
// read and adds it again: the article is stored already, so the page is
// not read again, but the source must still say why it has no article.
func TestReaddedPageKeepsError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	page := news.Source{Kind: news.SourcePage, URL: s.url("/news/missing.html")}
	for i := range 2 {
		src := h.addSource(t, ctx, page)
		h.waitIdle(t, ctx)
		got, err := h.st.Source(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != news.StatusError || !strings.Contains(got.LastError, "HTTP 404") {
			t.Errorf("page source added %d time(s): status %s, error %q; want error with HTTP 404", i+1, got.Status, got.LastError)
		}
		if err := h.st.DeleteSource(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRestartRestoresClusterer stops the pipeline after one feed, starts a
// new one on the same database, and checks that the follow-up article a
// second feed brings joins the story the first one started, instead of
// starting a story whose ID collides with a stored one (a clusterer that
// forgot everything would number it 1: the bridge story).
func TestRestartRestoresClusterer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	fc := testFetcher(t)
	path := filepath.Join(t.TempDir(), "newsdesk.db")

	h := startPipeline(t, ctx, path, fc)
	h.ingest(t, ctx, s.url("/rss.xml"))
	before := map[string]int64{}
	for _, a := range articlesByID(t, ctx, h.st) {
		before[a.Title] = a.StoryID
	}
	h.close(t)

	h = startPipeline(t, ctx, path, fc)
	h.ingest(t, ctx, s.url("/fire-only.xml"))
	arts := articlesByID(t, ctx, h.st)
	if len(arts) != 4 {
		t.Fatalf("%d articles after restart, want 4", len(arts))
	}
	story := map[string]int64{}
	for _, a := range arts {
		story[a.Title] = a.StoryID
		if old, ok := before[a.Title]; ok && old != a.StoryID {
			t.Errorf("%q moved from story %d to %d on restart", a.Title, old, a.StoryID)
		}
	}
	if got, want := story["Eastfield warehouse fire: investigators examine loading bay"], story["Fire destroys warehouse in Eastfield industrial park"]; got != want || got == 0 {
		t.Errorf("fire follow-up in story %d after restart, want the fire story %d", got, want)
	}
	stories, err := h.st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		b, err := h.st.Briefing(ctx, st.ID)
		if err != nil || !st.Briefed {
			t.Errorf("story %d: briefed %v, %v", st.ID, st.Briefed, err)
			continue
		}
		if err := brief.CheckGrounded(b, arts); err != nil {
			t.Errorf("story %d: %v", st.ID, err)
		}
	}
}

// TestStopIsGraceful ends Start's context and calls Stop while an article
// job is waiting for its page, and checks that the job finishes and stores
// the article rather than being cut short.
func TestStopIsGraceful(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	startCtx, cancelStart := context.WithCancel(context.Background())
	h := startPipeline(t, startCtx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	ctx := context.Background()
	h.addSource(t, ctx, news.Source{Kind: news.SourcePage, URL: s.url("/slow/good.html")})
	<-s.entered // the article job is fetching

	cancelStart() // as a signal would
	stopped := make(chan error, 1)
	go func() { stopped <- h.p.Stop(ctx) }()
	close(s.release)
	if err := <-stopped; err != nil {
		t.Fatalf("Stop: %v", err)
	}
	a, err := h.st.ArticleByURL(ctx, s.url("/slow/good.html"))
	if err != nil {
		t.Fatalf("article in flight at Stop not stored: %v", err)
	}
	if a.Extraction != news.ExtractFull {
		t.Errorf("article in flight at Stop: extraction %s (%s), want full", a.Extraction, a.ExtractionReason)
	}
}

// TestSecondPipelineRefused checks that a second pipeline on the same
// database does not start: it would reclaim the first one's running jobs
// and number stories on its own.
func TestSecondPipelineRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	fc := testFetcher(t)
	startPipeline(t, ctx, path, fc)
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := New(testConfig(), st, st.QueueDB(), fc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(ctx); !errors.Is(err, sqlite.ErrLocked) {
		p.Stop(ctx)
		t.Errorf("second Start: err = %v, want ErrLocked", err)
	}
}

// TestScheduledPollNotDue checks that a scheduled poll of a source polled
// meanwhile does nothing: the scheduler can read a source as due just before
// a poll of it finishes, and then inserts a second job. PollNow still polls.
func TestScheduledPollNotDue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  func(s *site) news.Source
	}{
		{"feed", func(s *site) news.Source { return news.Source{URL: s.url("/rss.xml")} }},
		{"page", func(s *site) news.Source {
			return news.Source{Kind: news.SourcePage, URL: s.url("/news/fire-1.html")}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := newSite(t)
			h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
			src := h.addSource(t, ctx, tt.src(s))
			h.waitIdle(t, ctx)
			lastPoll := func() time.Time {
				got, err := h.st.Source(ctx, src.ID)
				if err != nil {
					t.Fatal(err)
				}
				return got.LastPolledAt
			}
			first := lastPoll()
			if first.IsZero() {
				t.Fatal("source never polled")
			}

			// What the scheduler inserts after reading a stale list of due
			// sources.
			if _, err := h.p.q.Client.Insert(ctx, pollArgs{SourceID: src.ID}, nil); err != nil {
				t.Fatal(err)
			}
			h.waitIdle(t, ctx)
			if got := lastPoll(); !got.Equal(first) {
				t.Errorf("a scheduled poll of a source not due polled it again (%v, first %v)", got, first)
			}

			if err := h.p.PollNow(ctx, src.ID); err != nil {
				t.Fatal(err)
			}
			h.waitIdle(t, ctx)
			if got := lastPoll(); !got.After(first) {
				t.Errorf("PollNow did not poll: last poll %v, first %v", got, first)
			}
		})
	}
}
