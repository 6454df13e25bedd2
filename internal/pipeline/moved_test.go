package pipeline

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// readCounter is a store that counts the article lookups a poll makes.
type readCounter struct {
	store.Store
	reads atomic.Int64
}

func (s *readCounter) ArticleByURL(ctx context.Context, url string) (news.Article, error) {
	s.reads.Add(1)
	return s.Store.ArticleByURL(ctx, url)
}

func (s *readCounter) HasArticle(ctx context.Context, url string) (bool, error) {
	s.reads.Add(1)
	return s.Store.HasArticle(ctx, url)
}

// unstartedPipeline is a pipeline on a fresh SQLite database whose jobs
// the test runs itself, one at a time, with no scheduler beside them.
func unstartedPipeline(t *testing.T, ctx context.Context) (*Pipeline, *readCounter) {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// The jobs a poll inserts need the queue's tables, though no client
	// works them.
	if err := queue.Migrate(ctx, st.QueueDB(), nil); err != nil {
		t.Fatal(err)
	}
	rc := &readCounter{Store: st}
	p, err := New(testConfig(), rc, st.QueueDB(), testFetcher(t), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	return p, rc
}

// TestPagePollRedirect polls, three times as the scheduler would, a page
// source whose URL redirects: the article is stored under the page's
// final URL, and the poll must find it there. Looked up by the source's
// URL it was "not found": every poll failed, left the source new, and
// fetched the page again (3 fetches and 6 lookups for 3 polls).
func TestPagePollRedirect(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	p, rc := unstartedPipeline(t, ctx)
	src, err := p.st.AddSource(ctx, news.Source{Kind: news.SourcePage, URL: s.url("/moved/good.html")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := p.poll(ctx, pollArgs{SourceID: src.ID}); err != nil {
			t.Errorf("poll %d: %v", i+1, err)
		}
	}
	reads := rc.reads.Load()
	got, err := p.st.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != news.StatusOK || got.LastError != "" {
		t.Errorf("source: status %s, error %q; want ok", got.Status, got.LastError)
	}
	if _, err := p.st.ArticleByURL(ctx, news.URLKey(s.url("/news/good.html"))); err != nil {
		t.Errorf("article under the final URL: %v", err)
	}
	if n := s.pageCount("/news/good.html"); n != 1 {
		t.Errorf("page fetched %d times in 3 polls, want 1", n)
	}
	// One lookup by the source's URL, before the page is fetched.
	if reads != 1 {
		t.Errorf("%d article lookups in 3 polls, want 1", reads)
	}

	// A poll asked for (PollNow) finds the article under the URL the
	// page moved to, without fetching it again.
	if err := p.poll(ctx, pollArgs{SourceID: src.ID, Now: true}); err != nil {
		t.Errorf("poll now: %v", err)
	}
	if n := s.pageCount("/news/good.html"); n != 1 {
		t.Errorf("page fetched %d times after a poll now, want 1", n)
	}
}

// TestMovedFetchedOnce polls three times a feed whose item links to a
// page that redirects: the article is fetched once, not once a poll as
// when the poll asked the store for the feed's link.
func TestMovedFetchedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	s.ignoreETag.Store(true) // every poll reads the items
	h := startPipeline(t, ctx, filepath.Join(t.TempDir(), "newsdesk.db"), testFetcher(t))
	src := h.addSource(t, ctx, news.Source{URL: s.url("/moved.xml")})
	h.waitIdle(t, ctx)
	for range 2 {
		if err := h.p.PollNow(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
		h.waitIdle(t, ctx)
	}
	wantMovedFetchedOnce(t, s, 3, "in 3 polls")
}

// TestMovedRestartFetchedOnce polls a feed whose item links to a page
// that redirects, restarts the pipeline (a new Pipeline on the same
// database, as a restart or a second worker process is) and polls again:
// the page is fetched once in all. With the links that redirected kept in
// the process's memory, the poll after the restart fetched it again (2).
func TestMovedRestartFetchedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	s.ignoreETag.Store(true) // every poll reads the items
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	h := startPipeline(t, ctx, path, testFetcher(t))
	src := h.addSource(t, ctx, news.Source{URL: s.url("/moved.xml")})
	h.waitIdle(t, ctx)
	h.close(t)

	h = startPipeline(t, ctx, path, testFetcher(t))
	if err := h.p.PollNow(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	h.waitIdle(t, ctx)
	wantMovedFetchedOnce(t, s, 2, "in 2 polls across a restart")
}

// wantMovedFetchedOnce checks that the feed was read polls times and its
// redirecting item, and the page it leads to, fetched once in all.
func wantMovedFetchedOnce(t *testing.T, s *site, polls int, when string) {
	t.Helper()
	if full, _ := s.counts("moved.xml"); full != polls {
		t.Fatalf("feed read %d times, want %d", full, polls)
	}
	if n := s.redirectCount("/moved/fire-1.html"); n != 1 {
		t.Errorf("moved article fetched %d times %s, want 1", n, when)
	}
	if n := s.pageCount("/news/fire-1.html"); n != 1 {
		t.Errorf("its page fetched %d times %s, want 1", n, when)
	}
}

// TestSharedMovedFetchedOnce is TestMovedRestartFetchedOnce on a shared
// PostgreSQL database: a second process, started after the first stored
// the article, polls the feed again with the first one stopped (so that
// the poll and its article job are the second's) and must not fetch the
// page: the first process's knowledge of the redirect is the database's.
func TestSharedMovedFetchedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	s := newSite(t)
	s.ignoreETag.Store(true) // every poll reads the items
	a := startPostgres(t, ctx, dsn, testFetcher(t))
	src, err := a.st.AddSource(ctx, news.Source{URL: s.url("/moved.xml")})
	if err != nil {
		t.Fatal(err)
	}
	waitIdle(t, ctx, a.p)
	b := startPostgres(t, ctx, dsn, testFetcher(t))
	a.stop(t)
	if err := b.p.PollNow(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	waitIdle(t, ctx, b.p)
	if full, _ := s.counts("moved.xml"); full != 2 {
		t.Fatalf("feed read %d times, want 2", full)
	}
	if n := s.pageCount("/news/fire-1.html"); n != 1 {
		t.Errorf("page fetched %d times by two processes, want 1", n)
	}
}
