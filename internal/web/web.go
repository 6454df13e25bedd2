// Package web serves newsdesk to people and programs: server-rendered HTML
// pages for stories, briefings, articles and sources, a JSON API, and an
// Atom feed of briefings. Pages render stored text escaped, never as HTML, so
// nothing a feed or an article page says can run in the reader's browser.
//
// Pages:
//
//	GET /                     stories ranked by recency and number of sources
//	                          (store.StoryRank), a page at a time: links to
//	                          ?after=CURSOR and ?before=CURSOR
//	GET /stories/{id}         the story's briefing; citation markers link to
//	                          /articles/{id}?hl={start}-{end}#hl
//	GET /articles/{id}        stored text and extraction status; ?hl=s-e wraps
//	                          bytes [s, e) of the text in <mark id="hl">
//	GET /stories/{id}/briefing.md  the stored briefing as Markdown
//	                          (brief.Markdown, as "newsdesk brief" writes
//	                          it), citations as footnotes; 404 for a story
//	                          unknown or not briefed yet
//	GET /threads/{id}         the stories of a thread, oldest first; linked
//	                          from a briefing's background section
//	GET /sources              sources with last poll, status and last error;
//	                          "Retry now" (app.js, with the API token) makes
//	                          a source in error due at once; an "Edit" form
//	                          under each source; the OPML export link and
//	                          import form
//	POST /sources/{id}        that form without script (its fields and the
//	                          API token); 303 back to the sources page
//	GET /sources.opml         the feeds as OPML 2.0 (feed.WriteOPML, as
//	                          "newsdesk sources export" writes them), a
//	                          download; page sources left out, and a comment
//	                          in the file says how many
//	POST /sources/import      the import form (multipart/form-data: the file
//	                          "opml" and the API token "token"); a page of
//	                          what was added and skipped
//	GET /stories/{id}/, /articles/{id}/, /threads/{id}/, /sources/
//	                          301 to the address without the trailing
//	                          slash, its query kept
//	GET /feeds/stories.atom   Atom 1.0 feed, one entry per briefed story;
//	                          an ETag, 304 for If-None-Match
//	GET /healthz              liveness: 200 "ok", without the store
//	GET /readyz               readiness: the store's Ping within ReadyTimeout;
//	                          200 {"status": "ok"} or 503 {"status":
//	                          "unavailable"}, the cause logged, not shown
//
// JSON API (errors are {"error": "..."}):
//
//	GET    /api/stories        {"stories": [story..., each with "url"],
//	                           "next": CURSOR, "prev": CURSOR}, a page of the
//	                           ranked list; ?after=CURSOR is the page after,
//	                           ?before=CURSOR the one before; cursors are
//	                           opaque, left out at the list's ends, and a
//	                           bad one is a 400
//	GET    /api/threads/{id}   {"id", "stories": [story...], "more"}, oldest
//	                           first; "more" when over 500 are left out
//	GET    /api/stories/{id}   the briefing (news.Briefing JSON) plus the
//	                           story's fields; see StoryDetail
//	GET    /api/articles/{id}  news.Article, text included
//	GET    /api/sources        {"sources": [news.Source...]}
//	GET    /api/sources/{id}   news.Source
//	POST   /api/sources        body SourceRequest; 201 with the source; 400
//	                           for a URL on this server's own site
//	                           (CheckNotOwnSite)
//	POST   /api/sources/import body an OPML list (application/xml, text/xml
//	                           or text/x-opml; at most MaxOPMLBody, 413
//	                           past it or past MaxImportFeeds feeds; 415 for
//	                           another type, 400 for a document that is not
//	                           OPML, nothing added); each feed checked as
//	                           ImportSource checks it; 200 with ImportResult
//	                           {"added": [source...], "skipped": [{"url",
//	                           "reason"}...], "repaired": [...]}
//	PATCH  /api/sources/{id}   body SourceEdit (name, lang, category,
//	                           poll_interval, each optional); 200 with the
//	                           source; a changed interval moves the next poll
//	DELETE /api/sources/{id}   204
//	POST   /api/sources/{id}/retry  poll the feed now: its error and
//	                           backoff cleared; 200 with the source; 409
//	                           for a page, read once and not fetched again
//
// Writes need "Authorization: Bearer <Config.APIToken>" and are refused
// when no token is configured, and whenever the browser says the request
// comes from another origin. A client address that sent AuthFailLimit
// wrong tokens within AuthFailWindow is answered 429, with Retry-After,
// until the window passes.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is the part of store.Store the web server reads and writes.
// *sqlite.Store (and any store.Store) satisfies it.
type Store interface {
	Stories(ctx context.Context, f store.StoryFilter) ([]news.Story, error)
	RankedStories(ctx context.Context, p store.StoryPage) (store.RankedPage, error)
	SearchStories(ctx context.Context, p store.SearchPage) (store.SearchResult, error)
	RetrySource(ctx context.Context, id int64, now time.Time) (news.Source, error)
	ReaddSource(ctx context.Context, url string, now time.Time) (news.Source, bool, error)
	EditSource(ctx context.Context, id int64, edit func(*news.Source) error) (news.Source, error)
	Story(ctx context.Context, id int64) (news.Story, error)
	StoriesByID(ctx context.Context, ids []int64) (map[int64]news.Story, error)
	Briefing(ctx context.Context, storyID int64) (news.Briefing, error)
	BriefingsByID(ctx context.Context, storyIDs []int64) (map[int64]news.Briefing, error)
	Article(ctx context.Context, id int64) (news.Article, error)
	ArticlesByID(ctx context.Context, ids []int64) (map[int64]news.Article, error)
	Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error)
	Sources(ctx context.Context) ([]news.Source, error)
	Source(ctx context.Context, id int64) (news.Source, error)
	AddSource(ctx context.Context, s news.Source) (news.Source, error)
	DeleteSource(ctx context.Context, id int64) error
	// Ping checks that the store answers, for GET /readyz.
	Ping(ctx context.Context) error
}

// Config is the web server's configuration. The zero value serves a
// read-only site whose absolute URLs are taken from each request.
type Config struct {
	// APIToken authorises API writes (Authorization: Bearer <token>).
	// While it is empty every write is refused.
	APIToken string
	// BaseURL is the site's public URL, e.g. "https://news.example.org",
	// used for absolute links (the copy button, the Atom feed). Empty means
	// the scheme and Host of each request.
	BaseURL string
	// ListenAddr is the address the server listens on (host:port), one of
	// the addresses of its own site, which a source may not be on
	// (CheckNotOwnSite). Empty: the base URL and each request's Host only.
	ListenAddr string
	// InstanceID names this instance in its Atom feed's <generator uri>
	// (feed.InstanceURNPrefix and the ID) and in every page's <meta
	// name="generator">, by which the pipeline refuses the feed as a
	// source, and a page as an article, however it is reached (pipeline.
	// Config.InstanceID); the two must be given the same value. Empty: the
	// feed and the pages name no instance.
	InstanceID string
	// OnSourceAdded, if set, is called after a source is added through the
	// API, with a context that outlives the request (not cancelled when the
	// response is sent) so the hook can start a poll. It runs before the
	// response is written, so it should hand long work to a goroutine or a
	// queue and return.
	OnSourceAdded func(ctx context.Context, s news.Source)
	// Schedule is the pipeline's poll schedule (pipeline.Config.Schedule),
	// with which an edit of a feed's own interval moves its next poll
	// (Reschedule). Nil leaves the next poll where the last one put it:
	// the poll after it follows the new interval.
	Schedule Scheduler
	// MaxStories is the number of stories on a page of the front page and
	// of GET /api/stories, and caps the feed. Default 100.
	MaxStories int
}

// Limits and timeouts the server applies. They are generous for people and
// programs on a normal connection and small enough to shed slow clients.
const (
	// MaxRequestBody caps any request body; the API reads much less.
	MaxRequestBody = 1 << 20
	// MaxSourceBody caps the JSON body of POST /api/sources.
	MaxSourceBody = 16 << 10
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout = 5 * time.Second
	// ReadTimeout bounds reading a whole request.
	ReadTimeout = 15 * time.Second
	// WriteTimeout bounds writing a response.
	WriteTimeout = 30 * time.Second
	// IdleTimeout bounds an idle keep-alive connection.
	IdleTimeout = 120 * time.Second
	// MaxHeaderBytes caps a request's headers.
	MaxHeaderBytes = 64 << 10
)

// ContentSecurityPolicy is sent with every response. Pages carry no inline
// script or style: everything comes from /static.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Server serves newsdesk's pages, API and feed.
type Server struct {
	cfg     Config
	st      Store
	log     *slog.Logger
	base    *url.URL // nil: taken from each request
	pages   map[string]*template.Template
	handler http.Handler
	now     func() time.Time
	policy  *bluemonday.Policy // sanitises feed HTML; safe for concurrent use
	auth    *authLimiter       // failed authentications per client
	// readyTimeout bounds the store's ping of GET /readyz: ReadyTimeout,
	// shorter in tests.
	readyTimeout time.Duration
}

// New builds a server. logger receives internal errors, which users never
// see; nil discards them.
func New(cfg Config, st Store, logger *slog.Logger) (*Server, error) {
	if st == nil {
		return nil, errors.New("web: nil store")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxStories <= 0 {
		cfg.MaxStories = 100
	}
	s := &Server{cfg: cfg, st: st, log: logger, now: time.Now, policy: newFeedHTMLPolicy(), auth: newAuthLimiter(), readyTimeout: ReadyTimeout}
	if cfg.BaseURL != "" {
		u, err := ParseBaseURL(cfg.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("web: base URL %q: %w", cfg.BaseURL, err)
		}
		s.base = u
	}
	pages, err := loadPages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.handler = s.routes()
	return s, nil
}

// ParseBaseURL checks raw, the site's public URL (Config.BaseURL), and
// returns it without its trailing slash. The URL must be http(s) with a host
// name, and nothing else: it starts every link of the pages, the feed and
// the API, which anyone may read, so it carries no user name or password,
// and newsdesk is served at the root of its host, so no path, query (not even
// a bare "?") or fragment.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" || u.Hostname() == "":
		return nil, errors.New("want an absolute http(s) URL with a host name, such as https://news.example.org")
	case u.User != nil:
		return nil, errors.New("want no user name or password: every page and feed shows the base URL")
	case strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		// The pages link to /stories/…, /static/…: under a path prefix
		// the feed's links would work and the pages' would not.
		return nil, errors.New("newsdesk is served at the root of its host; want no path, query or fragment")
	}
	u.Path, u.RawPath = "", ""
	return u, nil
}

// Handler returns the server's HTTP handler, security headers and
// cross-origin write protection included.
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPServer returns an *http.Server for addr serving Handler with the
// documented timeouts and header limit.
func (s *Server) HTTPServer(addr string) *http.Server {
	return NewHTTPServer(addr, s.Handler(), s.log)
}

// NewHTTPServer returns an *http.Server for addr serving h with
// ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout and
// MaxHeaderBytes set; its own error log goes to logger.
func NewHTTPServer(addr string, h http.Handler, logger *slog.Logger) *http.Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// ShutdownTimeout bounds the graceful shutdown of Serve: requests still
// running after it are cut off.
const ShutdownTimeout = 10 * time.Second

// Serve serves on ln, with HTTPServer's timeouts, until ctx is done, then
// shuts down gracefully, letting requests in flight finish for up to
// ShutdownTimeout. It returns nil after a clean shutdown. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer(ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	err := hs.Shutdown(sctx)
	<-errc // http.ErrServerClosed, now that Shutdown has begun
	if err != nil {
		return fmt.Errorf("shut down web server: %w", err)
	}
	return nil
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServerFS(static)
	mux.Handle("GET /static/{file}", http.StripPrefix("/static/", cacheFor(time.Hour, files)))

	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /stories/{id}", s.handleStoryPage)
	mux.HandleFunc("GET /stories/{id}/briefing.md", s.handleBriefingMarkdown)
	mux.HandleFunc("GET /articles/{id}", s.handleArticlePage)
	mux.HandleFunc("GET /threads/{id}", s.handleThreadPage)
	mux.HandleFunc("GET /sources", s.handleSourcesPage)
	// A page's address with a trailing slash, as a hand-typed or pasted
	// link often has it, is moved to the page's one address.
	mux.HandleFunc("GET /stories/{id}/{$}", s.trailingSlash("story", storyPath))
	mux.HandleFunc("GET /articles/{id}/{$}", s.trailingSlash("article", articlePath))
	mux.HandleFunc("GET /threads/{id}/{$}", s.trailingSlash("thread", threadPath))
	mux.HandleFunc("GET /sources/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, (&url.URL{Path: "/sources", RawQuery: r.URL.RawQuery}).String(), http.StatusMovedPermanently)
	})
	mux.HandleFunc("POST /sources/{id}", s.handleSourceEditForm)
	mux.HandleFunc("GET /sources.opml", s.handleOPMLExport)
	mux.HandleFunc("POST /sources/import", s.handleImportForm)
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	mux.HandleFunc("GET /search", s.handleSearchPage)
	mux.HandleFunc("GET /feeds/stories.atom", s.handleAtom)
	mux.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// "/" catches every method, so a POST to a page that exists would
		// otherwise be told the page does not.
		// Nor is the address a form posts to (/sources/7,
		// /sources/import) missing when a browser reads it, from its
		// address bar or history: it is there for POST only.
		probe := r.Clone(r.Context())
		for _, m := range []struct{ method, allow, msg string }{
			{http.MethodGet, "GET, HEAD", "This page can only be read, not changed."},
			{http.MethodPost, "POST", "This address only takes the sources page's forms: edit or import sources there."},
		} {
			if r.Method == m.method || (m.method == http.MethodGet && r.Method == http.MethodHead) {
				continue
			}
			probe.Method = m.method
			if _, pattern := mux.Handler(probe); pattern != "/" {
				w.Header().Set("Allow", m.allow)
				s.errorPage(w, r, http.StatusMethodNotAllowed, m.msg)
				return
			}
		}
		s.handleNotFoundPage(w, r)
	})

	api := func(pattern string, methods map[string]http.HandlerFunc) {
		mux.Handle(pattern, apiMethods(methods))
	}
	api("/api/stories", map[string]http.HandlerFunc{http.MethodGet: s.apiStories})
	api("/api/search", map[string]http.HandlerFunc{http.MethodGet: s.apiSearch})
	api("/api/stories/{id}", map[string]http.HandlerFunc{http.MethodGet: s.apiStory})
	api("/api/threads/{id}", map[string]http.HandlerFunc{http.MethodGet: s.apiThread})
	api("/api/articles/{id}", map[string]http.HandlerFunc{http.MethodGet: s.apiArticle})
	api("/api/sources", map[string]http.HandlerFunc{
		http.MethodGet:  s.apiSources,
		http.MethodPost: s.requireToken(s.apiAddSource),
	})
	api("/api/sources/import", map[string]http.HandlerFunc{http.MethodPost: s.requireToken(s.apiImportSources)})
	api("/api/sources/{id}", map[string]http.HandlerFunc{
		http.MethodGet:    s.apiSource,
		http.MethodPatch:  s.requireToken(s.apiEditSource),
		http.MethodDelete: s.requireToken(s.apiDeleteSource),
	})
	api("/api/sources/{id}/articles", map[string]http.HandlerFunc{http.MethodGet: s.apiSourceArticles})
	api("/api/sources/{id}/retry", map[string]http.HandlerFunc{http.MethodPost: s.requireToken(s.apiRetrySource)})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API endpoint")
	})

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Info("cross-origin write refused", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		writeError(w, http.StatusForbidden, "cross-origin requests may not change anything")
	}))
	return s.recoverPanics(securityHeaders(limitBody(cop.Handler(mux))))
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, MaxRequestBody)
		}
		next.ServeHTTP(w, r)
	})
}

func cacheFor(d time.Duration, next http.Handler) http.Handler {
	v := fmt.Sprintf("public, max-age=%d", int(d.Seconds()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", v)
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler panic into a logged 500 instead of a
// dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("handler panic", "path", r.URL.Path, "panic", v)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// baseURL is the site's absolute URL without a trailing slash.
func (s *Server) baseURL(r *http.Request) string {
	if s.base != nil {
		return s.base.String()
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
