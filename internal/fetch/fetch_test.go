package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/time/rate"
)

// testClient returns a client for loopback servers with per-host limiting
// off, adjusted by mod.
func testClient(t *testing.T, mod func(*Config)) *Client {
	t.Helper()
	cfg := DefaultConfig("newsdesk-test/1.0")
	cfg.AllowPrivate = true
	cfg.HostInterval = -1
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// wantKind fails the test unless err is an *Error of kind k, and returns it.
func wantKind(t *testing.T, err error, k ErrorKind) *Error {
	t.Helper()
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v (%T), want *Error of kind %v", err, err, k)
	}
	if fe.Kind != k {
		t.Fatalf("kind = %v, want %v (error %q, cause %v)", fe.Kind, k, fe.Error(), fe.Err)
	}
	return fe
}

func TestConditionalGet(t *testing.T) {
	t.Parallel()
	const etag, lastMod = `"v1"`, "Wed, 21 Oct 2026 07:28:00 GMT"
	var gotUA atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.UserAgent())
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body>hello</body></html>")
	}))
	defer srv.Close()
	c := testClient(t, nil)
	tests := []struct {
		name string
		req  Request
		want Response
	}{
		{"fresh", Request{URL: srv.URL + "/a"}, Response{
			URL: srv.URL + "/a", StatusCode: 200, ContentType: "text/html; charset=utf-8",
			Body: []byte("<html><body>hello</body></html>"), ETag: etag, LastModified: lastMod,
		}},
		{"etag", Request{URL: srv.URL + "/a", ETag: etag}, Response{URL: srv.URL + "/a", StatusCode: 304, NotModified: true}},
		{"last-modified", Request{URL: srv.URL + "/a", LastModified: lastMod}, Response{URL: srv.URL + "/a", StatusCode: 304, NotModified: true}},
		{"stale etag", Request{URL: srv.URL + "/a", ETag: `"v0"`}, Response{
			URL: srv.URL + "/a", StatusCode: 200, ContentType: "text/html; charset=utf-8",
			Body: []byte("<html><body>hello</body></html>"), ETag: etag, LastModified: lastMod,
		}},
	}
	for _, tt := range tests {
		resp, err := c.Get(context.Background(), tt.req)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(&tt.want, resp); diff != "" {
			t.Errorf("%s: response mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	if ua := gotUA.Load(); ua != "newsdesk-test/1.0" {
		t.Errorf("User-Agent = %q, want newsdesk-test/1.0", ua)
	}
}

func TestStatusErrors(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		if ra := r.URL.Query().Get("ra"); ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		w.WriteHeader(code)
	}))
	defer srv.Close()
	// Each case reaches the server: no 429 or 503 holds the host back.
	c := testClient(t, func(cfg *Config) { cfg.RetryAfterPerRequest = true })
	c.now = func() time.Time { return now }
	httpDate := now.Add(90 * time.Second).Format(http.TimeFormat)
	tests := []struct {
		query     string
		code      int
		retry     time.Duration
		temporary bool
		msg       string
	}{
		{"code=404", 404, 0, false, "HTTP 404 Not Found"},
		{"code=410", 410, 0, false, "HTTP 410 Gone"},
		{"code=429&ra=120", 429, 120 * time.Second, true, "HTTP 429 Too Many Requests (retry after 2 minutes)"},
		{"code=503&ra=" + strings.ReplaceAll(httpDate, " ", "%20"), 503, 90 * time.Second, true, "HTTP 503 Service Unavailable (retry after 1 minute 30 seconds)"},
		{"code=503&ra=soon", 503, 0, true, "HTTP 503 Service Unavailable"},
		{"code=500&ra=60", 500, 0, true, "HTTP 500 Internal Server Error"}, // Retry-After only counts on 429/503
	}
	for _, tt := range tests {
		u := srv.URL + "/?" + tt.query
		_, err := c.Get(context.Background(), Request{URL: u})
		fe := wantKind(t, err, KindStatus)
		got := struct {
			Code      int
			Retry     time.Duration
			Temporary bool
			Msg       string
		}{fe.StatusCode, fe.RetryAfter, fe.Temporary(), fe.Error()}
		want := struct {
			Code      int
			Retry     time.Duration
			Temporary bool
			Msg       string
		}{tt.code, tt.retry, tt.temporary, "GET " + u + ": " + tt.msg}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.query, diff)
		}
	}
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBodyCapAndDecoding(t *testing.T) {
	t.Parallel()
	const limit = 1024
	exact := bytes.Repeat([]byte("a"), limit)
	over := bytes.Repeat([]byte("b"), limit+1)
	bomb := gzipBytes(t, make([]byte, 10<<20)) // 10 MiB of zeros in ~10 KiB
	small := []byte("<p>compressed</p>")
	var zlibBuf, rawBuf bytes.Buffer
	zw := zlib.NewWriter(&zlibBuf)
	zw.Write(small)
	zw.Close()
	fw, _ := flate.NewWriter(&rawBuf, flate.DefaultCompression)
	fw.Write(small)
	fw.Close()
	bodies := map[string]struct {
		enc  string
		data []byte
	}{
		"/exact":   {"", exact},
		"/over":    {"", over},
		"/bomb":    {"gzip", bomb},
		"/gzip":    {"gzip", gzipBytes(t, small)},
		"/zlib":    {"deflate", zlibBuf.Bytes()},
		"/raw":     {"deflate", rawBuf.Bytes()},
		"/corrupt": {"gzip", []byte("definitely not gzip")},
		"/br":      {"br", []byte("x")},
	}
	var gotAE atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAE.Store(r.Header.Get("Accept-Encoding"))
		b := bodies[r.URL.Path]
		if b.enc != "" {
			w.Header().Set("Content-Encoding", b.enc)
		}
		w.Write(b.data)
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.MaxBodyBytes = limit })
	tests := []struct {
		path     string
		wantBody []byte
		wantKind ErrorKind
	}{
		{"/exact", exact, 0},
		{"/over", nil, KindTooLarge},
		{"/bomb", nil, KindTooLarge},
		{"/gzip", small, 0},
		{"/zlib", small, 0},
		{"/raw", small, 0},
		{"/corrupt", nil, KindNetwork},
		{"/br", nil, KindNetwork},
	}
	for _, tt := range tests {
		resp, err := c.Get(context.Background(), Request{URL: srv.URL + tt.path})
		if tt.wantKind != 0 {
			fe := wantKind(t, err, tt.wantKind)
			if tt.wantKind == KindTooLarge && !strings.HasSuffix(fe.Error(), "response body exceeds 1 KiB limit") {
				t.Errorf("%s: message %q", tt.path, fe.Error())
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if !bytes.Equal(resp.Body, tt.wantBody) {
			t.Errorf("%s: body %q, want %q", tt.path, resp.Body, tt.wantBody)
		}
	}
	if ae := gotAE.Load(); ae != "gzip, deflate" {
		t.Errorf("Accept-Encoding = %q", ae)
	}
}

func TestDefaultCapMessage(t *testing.T) {
	t.Parallel()
	e := &Error{URL: "https://x/y", Kind: KindTooLarge, Limit: DefaultConfig("").MaxBodyBytes}
	if got, want := e.Error(), "GET https://x/y: response body exceeds 15 MiB limit"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case r.URL.Path == "/b":
			http.Redirect(w, r, "/a", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
			if n == 0 {
				fmt.Fprint(w, "arrived")
				return
			}
			http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
		case r.URL.Path == "/ftp":
			http.Redirect(w, r, "ftp://example.com/", http.StatusFound)
		}
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.MaxRedirects = 3 })

	resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/hop/3"})
	if err != nil {
		t.Fatalf("3 redirects with cap 3: %v", err)
	}
	if resp.URL != srv.URL+"/hop/0" || string(resp.Body) != "arrived" {
		t.Errorf("final URL %q body %q", resp.URL, resp.Body)
	}

	_, err = c.Get(context.Background(), Request{URL: srv.URL + "/hop/4"})
	fe := wantKind(t, err, KindRedirects)
	if want := "GET " + srv.URL + "/hop/4: too many redirects (3)"; fe.Error() != want {
		t.Errorf("message %q, want %q", fe.Error(), want)
	}

	_, err = c.Get(context.Background(), Request{URL: srv.URL + "/a"})
	fe = wantKind(t, err, KindRedirects)
	if want := "GET " + srv.URL + "/a: redirect loop at " + srv.URL + "/a"; fe.Error() != want {
		t.Errorf("message %q, want %q", fe.Error(), want)
	}

	_, err = c.Get(context.Background(), Request{URL: srv.URL + "/ftp"})
	wantKind(t, err, KindInvalidURL)
}

func TestPrivateAddressRefused(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "secret")
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.AllowPrivate = false })
	for _, u := range []string{srv.URL + "/", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/"} {
		_, err := c.Get(context.Background(), Request{URL: u})
		fe := wantKind(t, err, KindPrivate)
		if !strings.Contains(fe.Error(), "is private; run with --allow-private to allow it") {
			t.Errorf("message %q", fe.Error())
		}
	}
	if fe := (&Error{URL: "http://x/", Kind: KindPrivate, Detail: "10.1.2.3"}); fe.Error() != "GET http://x/: address 10.1.2.3 is private; run with --allow-private to allow it" {
		t.Errorf("message %q", fe.Error())
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("private server was reached %d times", n)
	}
}

// privateServer starts a server on 127.0.0.2, an address the fetcher's
// tests do not allow, that answers body and counts the requests that
// reach it; it skips the test where 127.0.0.2 cannot be listened on.
func privateServer(t *testing.T, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	hits := new(atomic.Int32)
	inner := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, body)
	})}}
	inner.Start()
	t.Cleanup(inner.Close)
	return inner, hits
}

// TestRedirectToPrivateRefused checks that the address check applies to the
// address each redirect hop dials: 127.0.0.1 is allowed explicitly, and it
// redirects to a server on 127.0.0.2, which is not.
func TestRedirectToPrivateRefused(t *testing.T) {
	t.Parallel()
	inner, hits := privateServer(t, "metadata")
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			fmt.Fprint(w, "public")
			return
		}
		http.Redirect(w, r, inner.URL+"/latest/meta-data", http.StatusFound)
	}))
	defer outer.Close()
	c := testClient(t, func(cfg *Config) {
		cfg.AllowPrivate = false
		cfg.AllowPrefixes = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
	if _, err := c.Get(context.Background(), Request{URL: outer.URL + "/ok"}); err != nil {
		t.Fatalf("allowed prefix refused: %v", err)
	}
	_, err := c.Get(context.Background(), Request{URL: outer.URL + "/go"})
	fe := wantKind(t, err, KindPrivate)
	if fe.Detail != "127.0.0.2" {
		t.Errorf("Detail = %q, want 127.0.0.2", fe.Detail)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("private server was reached %d times", n)
	}
}

func TestRobots(t *testing.T) {
	t.Parallel()
	type site struct {
		status int
		body   string
	}
	sites := map[string]site{
		"rules":   {200, "User-agent: *\nDisallow: /all-bots\n\nUser-agent: newsdesk\nDisallow: /private\n"},
		"missing": {404, ""},
		"broken":  {500, ""},
	}
	var mu sync.Mutex
	robotsHits := map[string]int{}
	newSite := func(name string) *httptest.Server {
		s := sites[name]
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/robots.txt":
				mu.Lock()
				robotsHits[name]++
				mu.Unlock()
				w.WriteHeader(s.status)
				fmt.Fprint(w, s.body)
			case "/to-private":
				http.Redirect(w, r, "/private/page", http.StatusFound)
			default:
				fmt.Fprint(w, "page")
			}
		}))
	}
	rules, missing, broken := newSite("rules"), newSite("missing"), newSite("broken")
	defer rules.Close()
	defer missing.Close()
	defer broken.Close()
	c := testClient(t, nil)
	tests := []struct {
		url   string
		check bool
		want  ErrorKind
	}{
		{rules.URL + "/public/story", true, 0},
		{rules.URL + "/private/story", true, KindRobots},
		{rules.URL + "/all-bots/story", true, 0}, // the newsdesk group replaces the * group
		{rules.URL + "/to-private", true, KindRobots},
		{rules.URL + "/private/story", false, 0},
		{missing.URL + "/private/story", true, 0},
		{broken.URL + "/private/story", true, 0},
		{missing.URL + "/other", true, 0},
	}
	for _, tt := range tests {
		_, err := c.Get(context.Background(), Request{URL: tt.url, CheckRobots: tt.check})
		if tt.want == 0 {
			if err != nil {
				t.Errorf("%s: %v", tt.url, err)
			}
			continue
		}
		fe := wantKind(t, err, tt.want)
		if !strings.HasSuffix(fe.Error(), ": disallowed by robots.txt") {
			t.Errorf("message %q", fe.Error())
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff(map[string]int{"rules": 1, "missing": 1, "broken": 1}, robotsHits); diff != "" {
		t.Errorf("robots.txt fetches, want one per site (-want +got):\n%s", diff)
	}
}

func TestTimeouts(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(200)
			fmt.Fprint(w, "partial")
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.Timeout = 50 * time.Millisecond })
	for _, path := range []string{"/slow-headers", "/slow-body"} {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + path})
		fe := wantKind(t, err, KindTimeout)
		if !fe.Temporary() || !strings.HasSuffix(fe.Error(), ": timed out") {
			t.Errorf("%s: %q temporary=%v", path, fe.Error(), fe.Temporary())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Get(ctx, Request{URL: srv.URL + "/slow-headers"})
	wantKind(t, err, KindCanceled)
}

func TestConnectionRefused(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := testClient(t, nil)
	_, err = c.Get(context.Background(), Request{URL: "http://" + addr + "/"})
	fe := wantKind(t, err, KindNetwork)
	if want := "GET http://" + addr + "/: connection refused"; fe.Error() != want {
		t.Errorf("message %q, want %q", fe.Error(), want)
	}
}

func TestInvalidURL(t *testing.T) {
	t.Parallel()
	c := testClient(t, nil)
	for _, u := range []string{"", "ftp://example.com/x", "/relative/path", "http://", "http://%zz/", "javascript:alert(1)"} {
		_, err := c.Get(context.Background(), Request{URL: u})
		wantKind(t, err, KindInvalidURL)
	}
}

func TestExpect(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n"))
		case "/feed":
			w.Header().Set("Content-Type", "text/xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`)
		case "/html":
			w.Header().Set("Content-Type", "application/octet-stream")
			fmt.Fprint(w, "<!DOCTYPE html><html><body>x</body></html>")
		}
	}))
	defer srv.Close()
	c := testClient(t, nil)
	tests := []struct {
		path   string
		expect Expect
		want   ErrorKind
	}{
		{"/png", ExpectHTML, KindContentType},
		{"/png", ExpectHTML | ExpectFeed, KindContentType},
		{"/png", ExpectAny, 0},
		{"/feed", ExpectFeed, 0},
		{"/feed", ExpectHTML, KindContentType},
		{"/html", ExpectHTML, 0},
		{"/html", ExpectFeed, KindContentType},
	}
	for _, tt := range tests {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + tt.path, Expect: tt.expect})
		if tt.want == 0 {
			if err != nil {
				t.Errorf("%s %v: %v", tt.path, tt.expect, err)
			}
			continue
		}
		fe := wantKind(t, err, tt.want)
		if tt.path == "/png" && !strings.HasSuffix(fe.Error(), "unexpected content type image/png") {
			t.Errorf("message %q", fe.Error())
		}
	}
}

// fakeClock makes c's clock stand still but for the sleeps c asks for,
// which it only records; it returns the sleeps so far.
func fakeClock(c *Client) (sleeps func() []string) {
	var mu sync.Mutex
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var got []string
	c.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(d)
		got = append(got, d.String())
		return nil
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(got)
	}
}

// TestHostRateLimit checks the per-host gaps with a fake clock: the client
// asks to sleep HostInterval before each further request to one host, and
// not at all for a different host.
func TestHostRateLimit(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.HostInterval = 2 * time.Second })
	sleeps := fakeClock(c)
	other := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	for _, u := range []string{srv.URL + "/1", srv.URL + "/2", other + "/1", srv.URL + "/3", other + "/2"} {
		if _, err := c.Get(context.Background(), Request{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	// 127.0.0.1: 0, 2s, 2s. localhost: 0 at t=2s, then at t=4s it is due.
	want := []string{"2s", "2s"}
	if diff := cmp.Diff(want, sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}

	// A canceled wait returns the caller's error without dialing.
	c.sleep = func(ctx context.Context, d time.Duration) error { return context.Canceled }
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/4"})
	wantKind(t, err, KindCanceled)
}

func TestSleepHonoursContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepCtx(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepCtx = %v, want context.Canceled", err)
	}
}

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{URL: "https://x/y", Kind: KindStatus, StatusCode: 404}, "GET https://x/y: HTTP 404 Not Found"},
		{&Error{URL: "https://x/y", Kind: KindStatus, StatusCode: 599}, "GET https://x/y: HTTP 599"},
		{&Error{URL: "https://x/y", Kind: KindRedirects, Limit: 10}, "GET https://x/y: too many redirects (10)"},
		{&Error{URL: "https://x/y", Kind: KindTooLarge, Limit: 512 << 10}, "GET https://x/y: response body exceeds 512 KiB limit"},
		{&Error{URL: "https://x/y", Kind: KindRobots}, "GET https://x/y: disallowed by robots.txt"},
		{&Error{URL: "https://x/y", Kind: KindNetwork, Detail: "host x not found"}, "GET https://x/y: host x not found"},
		{&Error{URL: "https://x/y", Kind: KindNetwork}, "GET https://x/y: network error"},
		{&Error{URL: "https://x/y", Kind: KindCanceled}, "GET https://x/y: canceled"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	wrapped := fmt.Errorf("poll: %w", &Error{Kind: KindRobots})
	if KindOf(wrapped) != KindRobots || KindOf(errors.New("x")) != 0 {
		t.Error("KindOf does not see through wrapping")
	}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	c := testClient(t, nil)
	ctx := context.Background()
	tests := []struct {
		err  error
		kind ErrorKind
		msg  string
	}{
		{&net.DNSError{Name: "nowhere.example", Err: "no such host", IsNotFound: true}, KindNetwork, "host nowhere.example not found"},
		{&net.DNSError{Name: "x", Err: "server misbehaving"}, KindNetwork, "DNS lookup failed"},
		{&net.OpError{Op: "dial", Err: &blockedError{addr: "[::ffff:10.1.2.3]:443", err: errors.New("prohibited")}}, KindPrivate, "address 10.1.2.3 is private; run with --allow-private to allow it"},
		{fmt.Errorf("read: %w", context.DeadlineExceeded), KindTimeout, "timed out"},
		{errors.New("something odd"), KindNetwork, "network error"},
	}
	for _, tt := range tests {
		fe := c.classify(ctx, "http://u/", tt.err)
		if fe.Kind != tt.kind || fe.Error() != "GET http://u/: "+tt.msg || !errors.Is(fe, tt.err) {
			t.Errorf("classify(%v) = %v %q", tt.err, fe.Kind, fe.Error())
		}
	}
}

// TestCrawlDelay checks that a robots.txt Crawl-delay slower than
// HostInterval spaces requests to that host, capped at MaxCrawlDelay.
func TestCrawlDelay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		delay string
		want  []string
	}{
		{"5", []string{"5s", "5s"}},
		{"500", []string{"30s", "30s"}},
		{"0.5", []string{"2s", "2s"}}, // faster than HostInterval: HostInterval stands
	}
	for _, tt := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				fmt.Fprintf(w, "User-agent: newsdesk\nCrawl-delay: %s\nDisallow: /private\n", tt.delay)
				return
			}
			fmt.Fprint(w, "ok")
		}))
		c := testClient(t, func(cfg *Config) { cfg.HostInterval = 2 * time.Second })
		sleeps := fakeClock(c)
		for _, p := range []string{"/1", "/2"} {
			if _, err := c.Get(context.Background(), Request{URL: srv.URL + p, CheckRobots: true}); err != nil {
				t.Fatal(err)
			}
		}
		srv.Close()
		if diff := cmp.Diff(tt.want, sleeps()); diff != "" {
			t.Errorf("Crawl-delay %s: sleeps (-want +got):\n%s", tt.delay, diff)
		}
	}
}

// TestQueueingIsNotTimeout checks that waiting for a busy host's turn does
// not eat into the request's own timeout.
func TestQueueingIsNotTimeout(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) {
		cfg.HostInterval = time.Hour
		cfg.Timeout = time.Second
	})
	var slept time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		if _, ok := ctx.Deadline(); ok {
			t.Error("host wait runs under the request timeout")
		}
		slept += d
		return nil
	}
	for _, p := range []string{"/1", "/2"} {
		if _, err := c.Get(context.Background(), Request{URL: srv.URL + p}); err != nil {
			t.Fatal(err)
		}
	}
	if slept < 59*time.Minute {
		t.Errorf("slept %v, want about an hour", slept)
	}
}

func TestNewRejectsBadPrefix(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig("x")
	cfg.AllowPrefixes = []netip.Prefix{{}}
	if _, err := New(cfg); err == nil {
		t.Error("New accepted an invalid prefix")
	}
}

// TestAcceptHeader checks that a request that takes a page or a feed asks
// for the feed first: a poll given a site's home page is then served the
// feed wherever the server negotiates, and discovery is the fallback.
func TestAcceptHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"page", Request{Expect: ExpectHTML}, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
		{"feed", Request{Expect: ExpectFeed}, feedAccept},
		{"page or feed", Request{Expect: ExpectHTML | ExpectFeed}, feedAccept},
		{"anything", Request{}, "*/*"},
		{"given", Request{Expect: ExpectFeed, Accept: "text/plain"}, "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := acceptHeader(tt.req); got != tt.want {
				t.Errorf("acceptHeader = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestUnwantedTypeNotRead checks that a body whose declared type no body
// could make acceptable (a PDF, an image, a video where a page or a feed is
// expected) is refused without being read, while a type that must be
// sniffed is read as before. Each body is endless, so a fetch that reads it
// ends at the body cap (KindTooLarge) rather than at its type.
func TestUnwantedTypeNotRead(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	var mu sync.Mutex
	written := map[string]int64{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", r.URL.Query().Get("type"))
		chunk := bytes.Repeat([]byte("%PDF-1.4 <html><body>"), 1<<10)
		var n int64
		defer func() { mu.Lock(); written[r.URL.RawQuery] = n; mu.Unlock() }()
		for n < 64*limit {
			m, err := w.Write(chunk)
			n += int64(m)
			if err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.MaxBodyBytes = limit })
	tests := []struct {
		typ    string
		expect Expect
		want   string // the error's kind
	}{
		{"application/pdf", ExpectHTML, "content-type"},
		{"image/jpeg", ExpectHTML, "content-type"},
		{"video/mp4", ExpectHTML | ExpectFeed, "content-type"},
		{"audio/mpeg", ExpectFeed, "content-type"},
		{"text/xml", ExpectHTML, "content-type"}, // IsHTML never sniffs a declared XML type
		// The body decides these, so it is read, up to the cap.
		{"text/html", ExpectHTML, "too-large"},
		{"application/octet-stream", ExpectHTML, "too-large"},
		{"text/plain", ExpectFeed, "too-large"},
		{"text/xml", ExpectFeed, "too-large"},
		{"application/pdf", ExpectAny, "too-large"},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+strconv.Itoa(int(tt.expect)), func(t *testing.T) {
			_, err := c.Get(context.Background(), Request{URL: srv.URL + "/?type=" + tt.typ, Expect: tt.expect})
			if diff := cmp.Diff(tt.want, KindOf(err).String()); diff != "" {
				t.Errorf("kind (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

// TestRefusesAgreesWithMatches checks that Expect.refuses never refuses a
// response matches would accept, over the content kinds' cases.
func TestRefusesAgreesWithMatches(t *testing.T) {
	t.Parallel()
	bodies := []string{"", "<!DOCTYPE html><html>", `<?xml version="1.0"?><rss version="2.0">`, `{"version": "https://jsonfeed.org/version/1.1"}`, "%PDF-1.4"}
	types := []string{"", "text/html", "application/xhtml+xml", "text/plain", "application/octet-stream", "text/xml", "application/xml",
		"application/rss+xml", "application/feed+json", "application/json", "application/pdf", "image/png", "video/mp4", "text/css"}
	for _, e := range []Expect{ExpectAny, ExpectHTML, ExpectFeed, ExpectHTML | ExpectFeed} {
		for _, typ := range types {
			if !e.refuses(mediaType(typ)) {
				continue
			}
			for _, body := range bodies {
				if e.matches(&Response{ContentType: typ, Body: []byte(body)}) {
					t.Errorf("expect %d refuses %q, but matches it with body %q", e, typ, body)
				}
			}
		}
	}
}

// TestRetryAfterHoldsHost checks that a 429's Retry-After holds
// back every request to that host, not only the URL that got it, until the
// time it names, without touching the network; other hosts are not held,
// and RetryAfterPerRequest turns the hold off.
func TestRetryAfterHoldsHost(t *testing.T) {
	t.Parallel()
	type step struct {
		path    string
		advance time.Duration // the clock moves on before the request
		host    string        // "other" for the same server under another name
		want    string        // the error, "" for none
		hits    int32         // the server's requests so far
	}
	tests := []struct {
		name       string
		perRequest bool
		steps      []step
	}{
		{"429 in seconds", false, []step{
			{path: "/limited?code=429&ra=120", want: "GET {u}/limited?code=429&ra=120: HTTP 429 Too Many Requests (retry after 2 minutes)", hits: 1},
			{path: "/page", want: "GET {u}/page: not sent: the host answered an earlier request with HTTP 429 Too Many Requests (retry after 2 minutes)", hits: 1},
			{path: "/page", host: "other", hits: 2},
			{path: "/page", advance: 90 * time.Second, want: "GET {u}/page: not sent: the host answered an earlier request with HTTP 429 Too Many Requests (retry after 30 seconds)", hits: 2},
			{path: "/page", advance: 30 * time.Second, hits: 3},
		}},
		{"429 as a date", false, []step{
			{path: "/limited?code=429&ra=date", want: "GET {u}/limited?code=429&ra=date: HTTP 429 Too Many Requests (retry after 1 minute)", hits: 1},
			{path: "/feed.xml", want: "GET {u}/feed.xml: not sent: the host answered an earlier request with HTTP 429 Too Many Requests (retry after 1 minute)", hits: 1},
			{path: "/feed.xml", advance: time.Minute, hits: 2},
		}},
		{"429 held at most an hour", false, []step{
			{path: "/limited?code=429&ra=86400", want: "GET {u}/limited?code=429&ra=86400: HTTP 429 Too Many Requests (retry after 1 day)", hits: 1},
			{path: "/page", advance: 59 * time.Minute, want: "GET {u}/page: not sent: the host answered an earlier request with HTTP 429 Too Many Requests (retry after 1 minute)", hits: 1},
			{path: "/page", advance: time.Minute, hits: 2},
		}},
		{"503 holds only its caller", false, []step{
			{path: "/limited?code=503&ra=120", want: "GET {u}/limited?code=503&ra=120: HTTP 503 Service Unavailable (retry after 2 minutes)", hits: 1},
			{path: "/page", hits: 2},
		}},
		{"500 holds nothing", false, []step{
			{path: "/limited?code=500&ra=120", want: "GET {u}/limited?code=500&ra=120: HTTP 500 Internal Server Error", hits: 1},
			{path: "/page", hits: 2},
		}},
		{"per request", true, []step{
			{path: "/limited?code=429&ra=120", want: "GET {u}/limited?code=429&ra=120: HTTP 429 Too Many Requests (retry after 2 minutes)", hits: 1},
			{path: "/page", hits: 2},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			clock := time.Date(2026, 11, 29, 22, 0, 0, 0, time.UTC)
			now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				code, _ := strconv.Atoi(r.URL.Query().Get("code"))
				if code == 0 {
					fmt.Fprint(w, "ok")
					return
				}
				ra := r.URL.Query().Get("ra")
				if ra == "date" {
					ra = now().Add(time.Minute).Format(http.TimeFormat)
				}
				w.Header().Set("Retry-After", ra)
				w.WriteHeader(code)
			}))
			defer srv.Close()
			c := testClient(t, func(cfg *Config) { cfg.RetryAfterPerRequest = tt.perRequest })
			c.now = now
			other := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
			for i, st := range tt.steps {
				mu.Lock()
				clock = clock.Add(st.advance)
				mu.Unlock()
				base := srv.URL
				if st.host == "other" {
					base = other
				}
				_, err := c.Get(context.Background(), Request{URL: base + st.path})
				got := ""
				if err != nil {
					got = err.Error()
				}
				want := strings.ReplaceAll(st.want, "{u}", base)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("step %d: error (-want +got):\n%s", i+1, diff)
				}
				if diff := cmp.Diff(st.hits, hits.Load()); diff != "" {
					t.Errorf("step %d: server requests (-want +got):\n%s", i+1, diff)
				}
			}
		})
	}
}

// TestHoldSeenAfterWait checks that a request queued behind its host's
// rate limit is not sent when the host was held (answered 429 to another
// request) while it waited.
func TestHoldSeenAfterWait(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.HostInterval = time.Second })
	fakeClock(c)
	fakeSleep := c.sleep
	c.sleep = func(ctx context.Context, d time.Duration) error {
		// Another request to the host is answered 429 meanwhile.
		c.holdHost("127.0.0.1", c.now().Add(d+time.Minute), http.StatusTooManyRequests)
		return fakeSleep(ctx, d)
	}
	var got []string
	for _, p := range []string{"/1", "/2"} {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + p})
		msg := ""
		if err != nil {
			msg = strings.TrimPrefix(err.Error(), "GET "+srv.URL)
		}
		got = append(got, msg)
	}
	want := []string{"", "/2: not sent: the host answered an earlier request with HTTP 429 Too Many Requests (retry after 1 minute)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(int32(1), hits.Load()); diff != "" {
		t.Errorf("server requests (-want +got):\n%s", diff)
	}
}

// TestMaxWaitTurnsAway checks Request.MaxWait with a fake clock: a request
// whose host's turn is further off is not sent and takes no turn, and the
// requests turned away are told to come back one host interval apart, not
// all at the host's next free turn.
func TestMaxWaitTurnsAway(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sent = append(sent, r.URL.Path)
		mu.Unlock()
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.HostInterval = 2 * time.Second })
	sleeps := fakeClock(c)
	type result struct {
		Path      string
		Busy      time.Duration
		Temporary bool
	}
	tests := []struct {
		path    string
		maxWait time.Duration
		want    result
	}{
		{"/1", time.Second, result{Path: "/1"}},                                         // the host is free: sent
		{"/2", time.Second, result{Path: "/2", Busy: 2 * time.Second, Temporary: true}}, // its turn in 2s
		{"/3", time.Second, result{Path: "/3", Busy: 4 * time.Second, Temporary: true}}, // after /2's
		{"/4", 0, result{Path: "/4"}},                                                   // waits; /2's and /3's turns were given back
		{"/5", 3 * time.Second, result{Path: "/5"}},                                     // 2s is within 3s: waits
	}
	var got, want []result
	for _, tt := range tests {
		want = append(want, tt.want)
		_, err := c.Get(context.Background(), Request{URL: srv.URL + tt.path, MaxWait: tt.maxWait})
		r := result{Path: tt.path, Busy: Busy(err)}
		var fe *Error
		if errors.As(err, &fe) {
			r.Temporary = fe.Temporary()
			if fe.Kind != KindBusy {
				t.Errorf("%s: %v", tt.path, err)
			}
		}
		got = append(got, r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2s", "2s"}, sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([]string{"/1", "/4", "/5"}, sent); diff != "" {
		t.Errorf("requests sent (-want +got):\n%s", diff)
	}
}

// TestBookedSwept checks that the hosts' bookings (book) and holds that
// have passed are forgotten as more are made, so that a desk turning away
// requests to thousands of hosts over time keeps only the recent ones,
// and that a booking still within its host's reach is kept and still
// spaces the next request out.
func TestBookedSwept(t *testing.T) {
	t.Parallel()
	c := testClient(t, func(cfg *Config) { cfg.HostInterval = time.Second })
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return clock }
	limit := rate.Every(time.Second)
	const rounds, hostsPerRound = 20, 1000
	var sizes []int
	for r := range rounds {
		for i := range hostsPerRound {
			c.book(fmt.Sprintf("h%d-%d.example", r, i), clock, time.Second, limit)
		}
		c.holdHost(fmt.Sprintf("h%d-0.example", r), clock.Add(time.Minute), 429)
		sizes = append(sizes, len(c.booked)+len(c.held))
		clock = clock.Add(10 * time.Minute)
	}
	// Every round's bookings and hold have passed by the next round's
	// first sweep, 1,024 bookings in: at most two rounds' are kept.
	if most := slices.Max(sizes); most > 2*(hostsPerRound+1) {
		t.Errorf("bookings and holds kept after each round %v: at most %d, want at most %d", sizes, most, 2*(hostsPerRound+1))
	}
	// A booking made just before a sweep still spaces the next request
	// to its host out by an interval, and so does one already passed
	// but less than its host's interval (a Crawl-delay's 30 s) ago.
	crawlDelay := rate.Every(MaxCrawlDelay)
	c.book("recent.example", clock, 2*time.Second, limit)                       // at clock+2s
	c.book("slow.example", clock.Add(-20*time.Second), time.Second, crawlDelay) // at clock-19s
	for i := range bookSweepEvery {
		c.book(fmt.Sprintf("filler-%d.example", i), clock, time.Second, limit)
	}
	if got, want := c.book("recent.example", clock, time.Second, limit), 3*time.Second; got != want {
		t.Errorf("next booking of a host booked before the sweep: %v from now, want %v", got, want)
	}
	if got, want := c.book("slow.example", clock, time.Second, crawlDelay), 11*time.Second; got != want {
		t.Errorf("next booking of a slow host booked 19 s before the sweep: %v from now, want %v", got, want)
	}
}
