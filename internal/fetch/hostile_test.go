package fetch

import (
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// TestReservedAddressesRefused checks every spelling of a reserved address
// an attacker might use in a feed link or a redirect, asked for directly and
// through a redirect from an allowed server: none reaches the server behind
// it. The check is on the address dialed, so a spelling the resolver turns
// into a private address (decimal, octal, hex, short forms, IPv4-mapped
// IPv6) is refused at dial time, and one it cannot resolve fails to
// resolve; neither is fetched.
func TestReservedAddressesRefused(t *testing.T) {
	t.Parallel()
	inner, hits := privateServer(t, "secret")
	port := inner.Listener.Addr().(*net.TCPAddr).Port
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	}))
	defer outer.Close()
	c := testClient(t, func(cfg *Config) {
		cfg.AllowPrivate = false
		cfg.AllowPrefixes = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		cfg.ConnectTimeout = 3 * time.Second
	})
	tests := []struct {
		target string
		want   ErrorKind // 0: refused, private or unresolvable alike
		detail string    // the address named, for KindPrivate
	}{
		{fmt.Sprintf("http://127.0.0.2:%d/", port), KindPrivate, "127.0.0.2"},
		{"http://169.254.169.254/latest/meta-data/", KindPrivate, "169.254.169.254"},
		{"http://[fd00:ec2::254]/latest/meta-data/", 0, ""},
		{fmt.Sprintf("http://0.0.0.0:%d/", port), KindPrivate, "0.0.0.0"},
		{fmt.Sprintf("http://[::1]:%d/", port), 0, ""},
		{fmt.Sprintf("http://[::ffff:127.0.0.2]:%d/", port), KindPrivate, "127.0.0.2"},
		{fmt.Sprintf("http://[::ffff:7f00:2]:%d/", port), KindPrivate, "127.0.0.2"},
		{fmt.Sprintf("http://2130706434:%d/", port), 0, ""},
		{fmt.Sprintf("http://0177.0.0.2:%d/", port), 0, ""},
		{fmt.Sprintf("http://0x7f.0.0.2:%d/", port), 0, ""},
		{fmt.Sprintf("http://127.2:%d/", port), 0, ""},
		{"http://10.0.0.1/", KindPrivate, "10.0.0.1"},
		{"http://100.64.0.1/", KindPrivate, "100.64.0.1"},
		{"http://[fe80::1]/", 0, ""},
		{"file:///etc/passwd", KindInvalidURL, ""},
		{"gopher://127.0.0.2/", KindInvalidURL, ""},
	}
	for _, tt := range tests {
		for _, via := range []string{"direct", "redirect"} {
			u := tt.target
			if via == "redirect" {
				u = outer.URL + "/go?to=" + tt.target
			}
			_, err := c.Get(context.Background(), Request{URL: u})
			if err == nil {
				t.Errorf("%s %s: fetched", via, tt.target)
				continue
			}
			fe, ok := err.(*Error)
			if !ok {
				t.Errorf("%s %s: error %v (%T), want *Error", via, tt.target, err, err)
				continue
			}
			if fe.Kind == 0 || (tt.want != 0 && fe.Kind != tt.want) {
				t.Errorf("%s %s: %v (kind %v), want kind %v", via, tt.target, err, fe.Kind, tt.want)
			}
			t.Logf("%s %s: %v", via, tt.target, fe)
			if tt.detail != "" && fe.Detail != tt.detail {
				t.Errorf("%s %s: detail %q, want %q", via, tt.target, fe.Detail, tt.detail)
			}
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the private server was reached %d times", n)
	}
}

// TestHostileBodies checks the limits on what a server sends back: a body
// without end, plain or compressed, is cut at the cap after decompression;
// a server dribbling bytes is stopped by the total timeout, not an idle
// one; headers past MaxResponseHeaderBytes are refused.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	const limit = 64 << 10
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		switch r.URL.Path {
		case "/endless":
			chunk := []byte(strings.Repeat("a", 4096))
			for ctx.Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/endless-gzip":
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zeros := make([]byte, 1<<20)
			for ctx.Err() == nil {
				if _, err := zw.Write(zeros); err != nil {
					return
				}
			}
		case "/dribble":
			// A byte every 10 ms: never idle long enough for an idle
			// timeout, and endless.
			w.Header().Set("Content-Length", "1000") // within the cap
			for ctx.Err() == nil {
				if _, err := w.Write([]byte("a")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				time.Sleep(10 * time.Millisecond)
			}
		case "/huge-headers":
			for i := range 80 {
				w.Header().Set(fmt.Sprintf("X-Junk-%d", i), strings.Repeat("j", 4000))
			}
			fmt.Fprint(w, "ok")
		case "/large-headers":
			w.Header().Set("Set-Cookie", strings.Repeat("c", 16<<10))
			fmt.Fprint(w, "ok")
		}
	}))
	t.Cleanup(srv.Close) // after the parallel subtests
	// Only the dribble needs the short timeout to end it. The others end
	// on a size cap, which a loaded machine under the race detector may
	// take longer than 500 ms to reach (the server gzips a megabyte a
	// write), so a short timeout there would fail them as timeouts.
	timeouts := map[time.Duration]*Client{}
	for _, d := range []time.Duration{500 * time.Millisecond, 30 * time.Second} {
		timeouts[d] = testClient(t, func(cfg *Config) {
			cfg.MaxBodyBytes = limit
			cfg.Timeout = d
		})
	}
	tests := []struct {
		path    string
		timeout time.Duration
		want    ErrorKind
		msg     string // the error message's end
	}{
		{"/endless", 30 * time.Second, KindTooLarge, "response body exceeds 64 KiB limit"},
		{"/endless-gzip", 30 * time.Second, KindTooLarge, "response body exceeds 64 KiB limit"},
		{"/dribble", 500 * time.Millisecond, KindTimeout, "timed out"},
		{"/huge-headers", 30 * time.Second, KindTooLarge, "response headers exceed 256 KiB limit"},
		{"/large-headers", 30 * time.Second, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			resp, err := timeouts[tt.timeout].Get(context.Background(), Request{URL: srv.URL + tt.path})
			if took := time.Since(start); took > tt.timeout+5*time.Second {
				t.Errorf("took %v", took)
			}
			if tt.want == 0 {
				if err != nil || string(resp.Body) != "ok" {
					t.Fatalf("resp %v, err %v", resp, err)
				}
				return
			}
			fe := wantKind(t, err, tt.want)
			if !strings.HasSuffix(fe.Error(), tt.msg) {
				t.Errorf("message %q, want it to end %q", fe.Error(), tt.msg)
			}
		})
	}
}

// TestRobotsSizeCapped checks that an endless robots.txt is read up to
// robotsMaxBytes and its rules applied, rather than read until the fetch
// times out and then ignored (allow all).
func TestRobotsSizeCapped(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			fmt.Fprint(w, "page")
			return
		}
		fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
		line := []byte("# " + strings.Repeat("x", 1000) + "\n")
		for r.Context().Err() == nil {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := testClient(t, func(cfg *Config) { cfg.Timeout = 5 * time.Second })
	start := time.Now()
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/private/story", CheckRobots: true})
	wantKind(t, err, KindRobots)
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("took %v: robots.txt read to the timeout", took)
	}
	if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/public/story", CheckRobots: true}); err != nil {
		t.Errorf("public page: %v", err)
	}
}

// TestHugeHeadersHTTP2 checks the response header cap over HTTP/2, which
// the client negotiates with any TLS server that offers it
// (ForceAttemptHTTP2), and the error a user sees. net/http's HTTP/2 client
// advertises the cap (plus 320 bytes) and stops a header list past it in
// one of two ways, neither exported: a stream error ("response header list
// larger than advertised limit") when the list ends in the frame that
// overruns it, else a connection error that says nothing of headers, and
// that other breaches of the protocol give too: PROTOCOL_ERROR at the next
// CONTINUATION frame, COMPRESSION_ERROR for one field longer than the cap.
// The first is too large; the others are network errors whose message
// names both causes.
func TestHugeHeadersHTTP2(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor != 2 {
			http.Error(w, "want HTTP/2, got "+r.Proto, http.StatusHTTPVersionNotSupported)
			return
		}
		switch r.URL.Path {
		case "/many-headers": // 320 KB in 80 fields, many CONTINUATION frames
			for i := range 80 {
				w.Header().Set(fmt.Sprintf("X-Junk-%d", i), strings.Repeat("j", 4000))
			}
		case "/two-headers": // the second field overruns the cap in the last frame
			w.Header().Set("X-Junk-1", strings.Repeat("j", 200<<10))
			w.Header().Set("X-Junk-2", strings.Repeat("j", 200<<10))
		case "/one-header":
			w.Header().Set("X-Junk", strings.Repeat("j", 2*MaxResponseHeaderBytes))
		case "/large-headers":
			w.Header().Set("Set-Cookie", strings.Repeat("c", 16<<10))
		}
		fmt.Fprint(w, "ok")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	const protocol = "HTTP/2 protocol error: the server broke the protocol or sent response headers past the 256 KiB limit"
	tests := []struct {
		path string
		want ErrorKind // 0: read
		msg  string    // the error message's end
	}{
		{"/many-headers", KindNetwork, protocol},
		{"/two-headers", KindTooLarge, "response headers exceed 256 KiB limit"},
		{"/one-header", KindNetwork, protocol},
		{"/large-headers", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			// A client each: a connection error ends every request on the
			// connection, and HTTP/2 shares one.
			c := testClient(t, func(cfg *Config) { cfg.Timeout = 5 * time.Second })
			// The client's own transport, trusting the test server's
			// certificate: it negotiates HTTP/2 and applies the cap.
			c.conns.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
			resp, err := c.Get(t.Context(), Request{URL: srv.URL + tt.path})
			if tt.want == 0 {
				if err != nil || resp.StatusCode != http.StatusOK || string(resp.Body) != "ok" {
					t.Fatalf("resp %+v, err %v", resp, err)
				}
				return
			}
			fe := wantKind(t, err, tt.want)
			if !strings.HasSuffix(fe.Error(), tt.msg) {
				t.Errorf("message %q, want it to end %q (cause: %v)", fe.Error(), tt.msg, fe.Err)
			}
		})
	}
}
