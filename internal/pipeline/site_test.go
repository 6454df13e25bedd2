package pipeline

import (
	"context"
	"crypto/sha256"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// testMaxBody is the fetch client's body cap in tests; /faults/huge serves
// four times as much.
const testMaxBody = 64 << 10

// site is a loopback news site serving testdata/site: feeds (with ETag
// conditional GET), article pages, and pages that fail in every way.
type site struct {
	srv        *httptest.Server
	closed     string // base URL of a port nothing listens on
	ignoreETag atomic.Bool
	// portal makes /portal/feed, otherwise the site's RSS feed, answer as
	// a captive portal does: an HTML page announcing another feed.
	portal atomic.Bool

	mu          sync.Mutex
	feedGets    map[string]int // full responses, by path
	notModified map[string]int // 304 responses, by path
	pageGets    map[string]int
	redirects   map[string]int // redirects served, by path

	// /slow/<page> signals entered, then waits for release before serving
	// testdata/site/<page>.
	entered chan struct{}
	release chan struct{}
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{
		feedGets: map[string]int{}, notModified: map[string]int{}, pageGets: map[string]int{}, redirects: map[string]int{},
		entered: make(chan struct{}, 1), release: make(chan struct{}),
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.closed = "http://" + ln.Addr().String()
	ln.Close()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) url(path string) string { return s.srv.URL + path }

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		http.NotFound(w, r)
	case p == "/busy.xml":
		w.Header().Set("Retry-After", "7200")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	case p == "/portal/feed" && s.portal.Load():
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Sign in to the network</title>`+
			`<link rel="alternate" type="application/rss+xml" href="/fire-only.xml"></head><body></body></html>`)
	case p == "/portal/feed":
		s.serveFeed(w, r, "rss.xml")
	case strings.HasSuffix(p, ".xml"):
		s.serveFeed(w, r, strings.TrimPrefix(p, "/"))
	case strings.HasPrefix(p, "/slow/"):
		s.entered <- struct{}{}
		<-s.release
		body, err := os.ReadFile(filepath.Join("testdata", "site", strings.TrimPrefix(p, "/slow/")))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	case strings.HasPrefix(p, "/news/"):
		body, err := os.ReadFile(filepath.Join("testdata", "site", strings.TrimPrefix(p, "/news/")))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		s.pageGets[p]++
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	case p == "/home/" || p == "/home2/":
		// Home pages that announce the site's feed, relative to the page.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Tidewater Gazette</title>`+
			`<link rel="alternate" type="application/rss+xml" title="RSS" href="../rss.xml"></head><body><h1>Tidewater Gazette</h1></body></html>`)
	case p == "/announce/":
		// A page announcing each href of its query, in order.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Announcements</title>`)
		for _, href := range r.URL.Query()["href"] {
			fmt.Fprintf(w, `<link rel="alternate" type="application/rss+xml" href="%s">`, html.EscapeString(href))
		}
		fmt.Fprint(w, `</head><body></body></html>`)
	case p == "/nofeed/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>No feed here</title></head><body><p>Nothing to subscribe to.</p></body></html>`)
	case p == "/faults/404":
		http.NotFound(w, r)
	case p == "/faults/huge":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><body><article>")
		chunk := strings.Repeat("<p>All work and no play makes a very large page.</p>\n", 100)
		for n := 0; n < 4*testMaxBody; n += len(chunk) {
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
	case p == "/faults/binary":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0})
	case strings.HasPrefix(p, "/moved/"):
		// An article that has moved: /moved/<page> redirects to
		// /news/<page>, as a link shortener or a renamed section does.
		s.mu.Lock()
		s.redirects[p]++
		s.mu.Unlock()
		http.Redirect(w, r, "/news/"+strings.TrimPrefix(p, "/moved/"), http.StatusMovedPermanently)
	case p == "/faults/loop":
		http.Redirect(w, r, "/faults/loop/b", http.StatusFound)
	case p == "/faults/loop/b":
		http.Redirect(w, r, "/faults/loop", http.StatusFound)
	default:
		http.NotFound(w, r)
	}
}

func (s *site) serveFeed(w http.ResponseWriter, r *http.Request, name string) {
	raw, err := os.ReadFile(filepath.Join("testdata", "site", name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	body := strings.NewReplacer("{{BASE}}", s.srv.URL, "{{CLOSED}}", s.closed).Replace(string(raw))
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("If-None-Match") == etag && !s.ignoreETag.Load() {
		s.notModified[name]++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.feedGets[name]++
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprint(w, body)
}

// redirectCount is how often the redirect at path was served.
func (s *site) redirectCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.redirects[path]
}

// pageCount is how often the page at path was served.
func (s *site) pageCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pageGets[path]
}

func (s *site) counts(name string) (full, notModified int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.feedGets[name], s.notModified[name]
}

// testFetcher is a fetch client allowed onto loopback, without the per-host
// pause, and with a small body cap.
func testFetcher(t testing.TB) *fetch.Client {
	t.Helper()
	cfg := fetch.DefaultConfig("newsdesk-test/1.0")
	cfg.AllowPrivate = true
	cfg.HostInterval = -1
	cfg.MaxBodyBytes = testMaxBody
	cfg.Timeout = 10 * time.Second
	cfg.MaxRedirects = 5
	fc, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fc.Close)
	return fc
}

// testConfig polls fast enough for tests. The job queue keeps its default
// poll (a second on SQLite): every insert by the pipeline wakes it, as in
// a server, and a poll every 20 ms was most of an idle test's CPU.
func testConfig() Config {
	cfg := DefaultConfig()
	cfg.PollInterval = time.Hour
	cfg.ScheduleEvery = 20 * time.Millisecond
	cfg.GroupEvery = 20 * time.Millisecond
	return cfg
}

// testLogger logs warnings to the test log; NEWSDESK_TEST_DEBUG=1 logs
// everything.
func testLogger(t testing.TB) *slog.Logger {
	level := slog.LevelWarn
	if os.Getenv("NEWSDESK_TEST_DEBUG") != "" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: level}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// harness is a started pipeline on a fresh database.
type harness struct {
	st *sqlite.Store
	p  *Pipeline
}

func startPipeline(t testing.TB, ctx context.Context, path string, fc *fetch.Client) *harness {
	t.Helper()
	return startPipelineWith(t, ctx, path, fc, testConfig())
}

func startPipelineWith(t testing.TB, ctx context.Context, path string, fc *fetch.Client, cfg Config) *harness {
	t.Helper()
	return startPipelineAs(t, ctx, path, fc, cfg, func(st *sqlite.Store) store.Store { return st })
}

// startPipelineAs is startPipelineWith on the store wrap makes of the
// SQLite store.
func startPipelineAs(t testing.TB, ctx context.Context, path string, fc *fetch.Client, cfg Config, wrap func(*sqlite.Store) store.Store) *harness {
	t.Helper()
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(cfg, wrap(st), st.QueueDB(), fc, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(ctx); err != nil {
		t.Fatal(err)
	}
	h := &harness{st: st, p: p}
	t.Cleanup(func() { h.close(t) })
	return h
}

func (h *harness) close(t testing.TB) {
	if h.p == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.p.Stop(ctx); err != nil {
		t.Errorf("Stop: %v", err)
	}
	if err := h.st.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	h.p = nil
}

func (h *harness) addSource(t *testing.T, ctx context.Context, s news.Source) news.Source {
	t.Helper()
	got, err := h.st.AddSource(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// ingest subscribes to the feed at url and waits until every job it
// brings has run.
func (h *harness) ingest(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	h.addSource(t, ctx, news.Source{URL: url})
	h.waitIdle(t, ctx)
}

func (h *harness) waitIdle(t *testing.T, ctx context.Context) {
	t.Helper()
	// It bounds a failure only: a pipeline that works goes idle in a
	// second or two, but the package's tests share two cores with the
	// rest of `go test -race ./...`, and 20 s timed out under that load.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := h.p.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
}

// articles returns every stored article by ID, with text.
func articlesByID(t *testing.T, ctx context.Context, st store.Store) map[int64]news.Article {
	t.Helper()
	list, err := st.Articles(ctx, store.ArticleFilter{WithText: true})
	if err != nil {
		t.Fatal(err)
	}
	m := map[int64]news.Article{}
	for _, a := range list {
		m[a.ID] = a
	}
	return m
}
