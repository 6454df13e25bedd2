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
	c := testClient(t, func(cfg *Config) {
		cfg.MaxBodyBytes = limit
		cfg.Timeout = 500 * time.Millisecond
	})
	tests := []struct {
		path string
		want ErrorKind
		msg  string // the error message's end
	}{
		{"/endless", KindTooLarge, "response body exceeds 64 KiB limit"},
		{"/endless-gzip", KindTooLarge, "response body exceeds 64 KiB limit"},
		{"/dribble", KindTimeout, "timed out"},
		{"/huge-headers", KindTooLarge, "response headers exceed 256 KiB limit"},
		{"/large-headers", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			resp, err := c.Get(context.Background(), Request{URL: srv.URL + tt.path})
			if took := time.Since(start); took > 5*time.Second {
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
