package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeClock is a settable clock, safe to read from the server's goroutines.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// clientFrom is an HTTP client whose connections leave from local, one of
// loopback's addresses, so that one test can be several clients.
func clientFrom(local string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
}

// TestAuthFailLimit sends wrong tokens to a real server on loopback until
// the client's address is blocked, and checks that the block holds for the
// right token and for the forms, spares another address, and lifts when
// the window passes.
func TestAuthFailLimit(t *testing.T) {
	t.Parallel()
	s, err := New(Config{APIToken: testToken}, fixtureStore(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: t0}
	s.auth.now = clock.now
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	const a, b = "127.0.0.1", "127.0.0.2"

	type step struct {
		name       string
		advance    time.Duration // before the request
		from       string
		form       string // "edit", "import" or "multipart" (import): the sources page's forms; "" the API
		token      string
		status     int
		retryAfter string
	}
	var steps []step
	// Each way of writing counts against the same address.
	for i := range AuthFailLimit {
		form := []string{"", "edit", "multipart"}[i%3]
		steps = append(steps, step{name: fmt.Sprintf("wrong token %d %s", i+1, form), from: a, form: form, token: "guess", status: 401})
	}
	steps = append(steps,
		step{name: "right token after the limit", from: a, token: testToken, status: 429, retryAfter: "60"},
		step{name: "edit form after the limit", from: a, form: "edit", token: testToken, status: 429, retryAfter: "60"},
		step{name: "import form after the limit", from: a, form: "import", token: testToken, status: 429, retryAfter: "60"},
		step{name: "another address", from: b, token: testToken, status: 200},
		step{name: "another address's wrong token", from: b, token: "guess", status: 401},
		step{name: "blocked a second before the window ends", advance: 59 * time.Second, from: a, token: "guess", status: 429, retryAfter: "1"},
		step{name: "window passed", advance: time.Second, from: a, token: testToken, status: 200},
		step{name: "edit form after the window", from: a, form: "edit", token: testToken, status: 303},
		step{name: "import form after the window, no file", from: a, form: "import", token: testToken, status: 415},
	)
	for _, st := range steps {
		clock.advance(st.advance)
		var req *http.Request
		switch st.form {
		case "import":
			// Not multipart: refused as such once the limit lets it through.
			req, err = http.NewRequestWithContext(t.Context(), "POST", ts.URL+"/sources/import", strings.NewReader("token="+st.token))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		case "multipart":
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			if err := mw.WriteField("token", st.token); err != nil {
				t.Fatal(err)
			}
			if err := mw.Close(); err != nil {
				t.Fatal(err)
			}
			req, err = http.NewRequestWithContext(t.Context(), "POST", ts.URL+"/sources/import", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
		case "edit":
			req, err = http.NewRequestWithContext(t.Context(), "POST", ts.URL+"/sources/1", strings.NewReader("name=Stadtblatt&token="+st.token))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		default:
			req, err = http.NewRequestWithContext(t.Context(), "POST", ts.URL+"/api/sources/1/retry", nil)
			req.Header.Set("Authorization", "Bearer "+st.token)
		}
		if err != nil {
			t.Fatal(err)
		}
		c := clientFrom(st.from)
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got := []string{fmt.Sprint(resp.StatusCode), resp.Header.Get("Retry-After")}
		want := []string{fmt.Sprint(st.status), st.retryAfter}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: status, Retry-After (-want +got):\n%s\nbody: %s", st.name, diff, body)
		}
		if st.status == 429 && !strings.Contains(strings.ToLower(string(body)), "too many wrong api tokens") {
			t.Errorf("%s: body %q does not say why", st.name, body)
		}
	}
}

// TestAuthLimiterBounded checks that the limiter tracks at most max
// clients, forgetting the one whose window began first.
func TestAuthLimiterBounded(t *testing.T) {
	t.Parallel()
	l := newAuthLimiter()
	l.max, l.limit = 2, 1
	clock := &fakeClock{t: t0}
	l.now = clock.now
	req := func(addr string) *http.Request {
		r := httptest.NewRequestWithContext(context.Background(), "POST", "/", nil)
		r.RemoteAddr = addr
		return r
	}
	for _, addr := range []string{"192.0.2.1:1", "192.0.2.2:1", "192.0.2.3:1"} {
		clock.advance(time.Second)
		l.fail(req(addr))
	}
	got := map[string]bool{}
	for _, addr := range []string{"192.0.2.1:1", "192.0.2.2:1", "192.0.2.3:1"} {
		_, got[addr] = l.blocked(req(addr))
	}
	want := map[string]bool{"192.0.2.1:1": false, "192.0.2.2:1": true, "192.0.2.3:1": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocked (-want +got):\n%s", diff)
	}
	if n := len(l.clients); n != 2 || l.order.Len() != 2 {
		t.Errorf("tracking %d clients (%d in order), want 2", n, l.order.Len())
	}
}

func TestClientKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		remote string
		want   string // "" for not limited
	}{
		{"192.0.2.7:4242", "192.0.2.7/32"},
		{"[::ffff:192.0.2.7]:4242", "192.0.2.7/32"},
		{"[2001:db8:1:2:aaaa::1]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:bbbb::9]:443", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"192.0.2.7", "192.0.2.7/32"},
		{"@", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.remote, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequestWithContext(context.Background(), "POST", "/", nil)
			r.RemoteAddr = tt.remote
			p, ok := clientKey(r)
			got := ""
			if ok {
				got = p.String()
			}
			if got != tt.want {
				t.Errorf("clientKey(%q) = %q, want %q", tt.remote, got, tt.want)
			}
		})
	}
}
