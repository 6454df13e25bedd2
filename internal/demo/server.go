package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// corpusEpoch stamps responses that have no date of their own (index,
// OPML, robots.txt): the corpus's start, so nothing depends on the clock.
var corpusEpoch = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// Handler serves the whole wire: outlets, feeds, pages, OPML, robots.txt
// and the fault endpoints.
func (w *Wire) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", w.serveIndex)
	mux.HandleFunc("GET /robots.txt", w.serveRobots)
	mux.HandleFunc("GET /opml", w.serveOPML)
	mux.HandleFunc("GET /outlets/{outlet}/{$}", w.serveHome)
	mux.HandleFunc("GET /outlets/{outlet}/feed.xml", w.serveFeed)
	mux.HandleFunc("GET /outlets/{outlet}/feed.json", w.serveFeed)
	mux.HandleFunc("GET /outlets/{outlet}/img/{file}", serveImage)
	mux.HandleFunc("GET /outlets/{outlet}/", w.serveArticle)
	mux.HandleFunc("GET /private/", func(rw http.ResponseWriter, _ *http.Request) {
		http.Error(rw, "forbidden", http.StatusForbidden)
	})
	mux.HandleFunc("GET /faults/feed.xml", w.serveFaultFeed)
	mux.HandleFunc("GET /faults/malformed.xml", serveMalformed)
	mux.HandleFunc("GET /faults/404", http.NotFound)
	mux.HandleFunc("GET /faults/huge", serveHuge)
	mux.HandleFunc("GET /faults/binary", serveBinary)
	mux.HandleFunc("GET /faults/loop", func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, "/faults/loop/b", http.StatusFound)
	})
	mux.HandleFunc("GET /faults/loop/b", func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, "/faults/loop", http.StatusFound)
	})
	mux.HandleFunc("GET /faults/good", w.serveGood)
	return mux
}

// baseOf is the absolute root URL the client used to reach us.
func baseOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// serveBytes answers with body, honouring conditional GET through an ETag
// derived from the bytes and Last-Modified from modified.
func serveBytes(rw http.ResponseWriter, r *http.Request, contentType string, modified time.Time, body []byte) {
	h := fnv.New64a()
	h.Write(body)
	rw.Header().Set("Content-Type", contentType)
	rw.Header().Set("ETag", fmt.Sprintf(`"%016x"`, h.Sum64()))
	rw.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(rw, r, "", modified, bytes.NewReader(body))
}

func (w *Wire) fail(rw http.ResponseWriter, r *http.Request, err error) {
	w.log.ErrorContext(r.Context(), "demo wire: render failed", "path", r.URL.Path, "err", err)
	http.Error(rw, "internal error", http.StatusInternalServerError)
}

func (w *Wire) outletFor(r *http.Request) (Outlet, bool) {
	o := w.outlet(r.PathValue("outlet"))
	return o, o.Slug != ""
}

func (w *Wire) serveIndex(rw http.ResponseWriter, r *http.Request) {
	b, err := w.pages.render("index.html", w.indexData(baseOf(r)))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	serveBytes(rw, r, "text/html; charset=utf-8", corpusEpoch, b)
}

func (w *Wire) serveRobots(rw http.ResponseWriter, r *http.Request) {
	body := "User-agent: *\nDisallow: /private/\nAllow: /\n"
	serveBytes(rw, r, "text/plain; charset=utf-8", corpusEpoch, []byte(body))
}

func (w *Wire) serveOPML(rw http.ResponseWriter, r *http.Request) {
	base := baseOf(r)
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<opml version="2.0">` + "\n  <head><title>Demo newswire</title></head>\n  <body>\n")
	for _, o := range w.outlets {
		typ := "rss"
		if o.Format == FormatJSON {
			typ = "json"
		}
		fmt.Fprintf(&buf, `    <outline type=%q text="%s" title="%s" xmlUrl="%s" htmlUrl="%s" language=%q category=%q/>`+"\n",
			typ, template.HTMLEscapeString(o.Name), template.HTMLEscapeString(o.Name),
			template.HTMLEscapeString(base+o.FeedPath()), template.HTMLEscapeString(base+o.HomePath()), o.Lang, o.Category)
	}
	buf.WriteString("  </body>\n</opml>\n")
	serveBytes(rw, r, "text/x-opml; charset=utf-8", corpusEpoch, buf.Bytes())
}

func (w *Wire) serveHome(rw http.ResponseWriter, r *http.Request) {
	o, ok := w.outletFor(r)
	if !ok {
		http.NotFound(rw, r)
		return
	}
	b, err := w.pages.render("home.html", w.homePageData(o, baseOf(r)))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	serveBytes(rw, r, "text/html; charset=utf-8", w.latest(o.Slug), b)
}

func (w *Wire) latest(outlet string) time.Time {
	var t time.Time
	for _, a := range w.articles {
		if a.Outlet == outlet && a.Published.After(t) {
			t = a.Published
		}
	}
	return t
}

func (w *Wire) serveFeed(rw http.ResponseWriter, r *http.Request) {
	o, ok := w.outletFor(r)
	if !ok || !strings.HasSuffix(r.URL.Path, o.FeedPath()) {
		http.NotFound(rw, r)
		return
	}
	b, ct, updated, err := w.outletFeed(o, baseOf(r))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	serveBytes(rw, r, ct, updated, b)
}

func (w *Wire) serveArticle(rw http.ResponseWriter, r *http.Request) {
	i, ok := w.byPath[r.URL.Path]
	if !ok {
		http.NotFound(rw, r)
		return
	}
	data := w.articlePageData(i, baseOf(r))
	b, err := w.pages.render(data.Outlet.Template+".html", data)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	serveBytes(rw, r, "text/html; charset=utf-8", data.A.Published, b)
}

// A 1x1 grey GIF: article pages reference lead images, and a browser test
// should not see 404s for them.
var pixelGIF = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x80\x80\x80\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

func serveImage(rw http.ResponseWriter, r *http.Request) {
	serveBytes(rw, r, "image/gif", corpusEpoch, pixelGIF)
}

// FaultPaths lists the fault feed's item paths, in feed order; the last is
// the one good page.
func FaultPaths() []string {
	return []string{"/faults/404", "/faults/huge", "/faults/binary", "/faults/loop", "/faults/good"}
}

func (w *Wire) serveFaultFeed(rw http.ResponseWriter, r *http.Request) {
	base := baseOf(r)
	m := feedMeta{Title: "Fault Desk", Home: base + "/faults/good", Self: base + "/faults/feed.xml", Description: "Items that fail in every way a fetcher must survive.", Lang: "en", Updated: corpusEpoch}
	titles := []string{"A page that does not exist", "A page that never ends", "An article that is not HTML", "A page that redirects forever", "Lighthouse keeper retires after forty years"}
	var entries []feedEntry
	for i, p := range FaultPaths() {
		entries = append(entries, feedEntry{ID: base + p, URL: base + p, Title: titles[i], Summary: titles[i] + ".", Author: "Fault Desk", Published: corpusEpoch.Add(time.Duration(i) * time.Hour)})
	}
	b, err := renderRSS(m, entries)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	serveBytes(rw, r, "application/rss+xml; charset=utf-8", corpusEpoch, b)
}

func (w *Wire) serveGood(rw http.ResponseWriter, r *http.Request) {
	b, err := w.pages.render("good.html", nil)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	serveBytes(rw, r, "text/html; charset=utf-8", corpusEpoch, b)
}

const malformedFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Broken & unescaped feed</title>
<item><title>Unclosed item <b>bold</title><link>/faults/good
<item><title>Second</item></channel>`

func serveMalformed(rw http.ResponseWriter, _ *http.Request) {
	rw.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	_, _ = rw.Write([]byte(malformedFeed))
}

// DefaultHugeMiB is how much /faults/huge streams unless ?mib= says
// otherwise: past the 16 MiB a fetcher is expected to refuse.
const DefaultHugeMiB = 17

func serveHuge(rw http.ResponseWriter, r *http.Request) {
	mib := DefaultHugeMiB
	if s := r.URL.Query().Get("mib"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1024 {
			http.Error(rw, "mib must be 1..1024", http.StatusBadRequest)
			return
		}
		mib = n
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	chunk := bytes.Repeat([]byte("<p>This paragraph repeats until the page is far larger than any article should be.</p>\n"), 512)
	total := mib << 20
	_, _ = rw.Write([]byte("<!DOCTYPE html><html><head><title>Huge page</title></head><body><article>\n"))
	for sent := 0; sent < total; sent += len(chunk) {
		if r.Context().Err() != nil {
			return
		}
		if _, err := rw.Write(chunk); err != nil {
			return // the client gave up, as it should
		}
	}
	_, _ = rw.Write([]byte("</article></body></html>\n"))
}

func serveBinary(rw http.ResponseWriter, _ *http.Request) {
	b := make([]byte, 64<<10)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	copy(b, "\x00\x01\x02\x03binary")
	rw.Header().Set("Content-Type", "application/octet-stream")
	rw.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = rw.Write(b)
}

// server is the wire's running HTTP server, if Start was called.
type server struct {
	mu   sync.Mutex
	http *http.Server
	done chan struct{}
}

// Start serves the wire on addr, which must be a loopback address
// ("127.0.0.1:0" picks a free port), until ctx ends or Close is called. It
// returns the base URL, e.g. "http://127.0.0.1:41234".
func (w *Wire) Start(ctx context.Context, addr string) (string, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("demo wire address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", fmt.Errorf("demo wire address %q: only loopback addresses are allowed", addr)
	}
	w.srv.mu.Lock()
	defer w.srv.mu.Unlock()
	if w.srv.http != nil {
		return "", errors.New("demo wire already started")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return "", fmt.Errorf("listen on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: w.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	w.srv.http, w.srv.done = hs, done
	go func() {
		defer close(done)
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			w.log.Error("demo wire stopped", "err", err)
		}
	}()
	go func() {
		select {
		case <-ctx.Done():
			_ = w.Close()
		case <-done:
		}
	}()
	base := "http://" + ln.Addr().String()
	w.log.Info("demo wire listening", "url", base)
	return base, nil
}

// Close stops a started wire gracefully and waits for it; it is a no-op
// if the wire is not running.
func (w *Wire) Close() error {
	w.srv.mu.Lock()
	hs, done := w.srv.http, w.srv.done
	w.srv.mu.Unlock()
	if hs == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(ctx)
	if err != nil {
		_ = hs.Close() // slow clients (e.g. one reading /faults/huge) are cut off
	}
	<-done
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("stop demo wire: %w", err)
	}
	return nil
}
