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
	"net/netip"
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
		g, _, why := l.reserve(req(addr))
		if why != notRefused {
			t.Fatalf("%s refused its first guess", addr)
		}
		g.fail()
	}
	var got []string
	for e := l.order.Front(); e != nil; e = e.Next() {
		got = append(got, e.Value.(*authFailures).client.String())
	}
	if diff := cmp.Diff([]string{"192.0.2.2/32", "192.0.2.3/32"}, got); diff != "" {
		t.Errorf("clients tracked, oldest first (-want +got):\n%s", diff)
	}
	if n := len(l.clients); n != 2 {
		t.Errorf("tracking %d clients in the map, want 2", n)
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

// gatedBody is a request body that reports its first read, which an
// Expect: 100-continue request makes only once the server has asked for
// the body, and then waits for gate before giving its bytes.
type gatedBody struct {
	r       io.Reader
	once    sync.Once
	started func()
	gate    <-chan struct{}
}

func (b *gatedBody) Read(p []byte) (int, error) {
	b.once.Do(func() {
		b.started()
		<-b.gate
	})
	return b.r.Read(p)
}

// TestAuthFailLimitConcurrent sends a burst of wrong tokens from one
// address at once, and checks that no more than AuthFailLimit of them are
// checked. The forms read their body between the limit's check and the
// token's, so each request of the burst holds its body back (Expect:
// 100-continue) until every request has either been asked for its body,
// its token about to be checked, or answered: without one step that both
// checks and counts, all of them would pass the check first.
func TestAuthFailLimitConcurrent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		form string // "edit", "import" or "" for the API
	}{
		{name: "API", form: ""},
		{name: "edit form", form: "edit"},
		{name: "import form", form: "import"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := New(Config{APIToken: testToken}, fixtureStore(), slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(s.Handler())
			t.Cleanup(ts.Close)
			client := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute, DisableKeepAlives: true}}
			t.Cleanup(client.CloseIdleConnections)

			const n = 2 * AuthFailLimit
			gate := make(chan struct{})
			events := make(chan struct{}, 2*n) // a body asked for, or an answer
			statuses := make(chan int, n)
			var wg sync.WaitGroup
			for range n {
				var body []byte
				var ctype, path string
				switch tt.form {
				case "edit":
					body, ctype, path = []byte("name=Stadtblatt&token=guess"), "application/x-www-form-urlencoded", "/sources/1"
				case "import":
					var buf bytes.Buffer
					mw := multipart.NewWriter(&buf)
					if err := mw.WriteField("token", "guess"); err != nil {
						t.Fatal(err)
					}
					if err := mw.Close(); err != nil {
						t.Fatal(err)
					}
					body, ctype, path = buf.Bytes(), mw.FormDataContentType(), "/sources/import"
				default:
					body, ctype, path = []byte(`{"name":"x"}`), "application/json", "/api/sources/1"
				}
				gb := &gatedBody{r: bytes.NewReader(body), started: func() { events <- struct{}{} }, gate: gate}
				req, err := http.NewRequestWithContext(t.Context(), "POST", ts.URL+path, gb)
				if err != nil {
					t.Fatal(err)
				}
				if tt.form == "" {
					req.Method = "PATCH"
					req.Header.Set("Authorization", "Bearer guess")
				}
				req.ContentLength = int64(len(body))
				req.Header.Set("Content-Type", ctype)
				req.Header.Set("Expect", "100-continue")
				wg.Go(func() {
					defer func() { events <- struct{}{} }()
					resp, err := client.Do(req)
					if err != nil {
						t.Errorf("request: %v", err)
						statuses <- 0
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					statuses <- resp.StatusCode
				})
			}
			for range n {
				<-events
			}
			close(gate)
			wg.Wait()
			close(statuses)
			got := map[int]int{}
			for st := range statuses {
				got[st]++
			}
			want := map[int]int{http.StatusUnauthorized: AuthFailLimit, http.StatusTooManyRequests: n - AuthFailLimit}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("answers to %d wrong tokens sent at once, by status (-want +got):\n%s", n, diff)
			}
		})
	}
}

// TestAuthGuesses walks one client's guesses through the limiter: a guess
// being checked counts against the limit until it is failed or given
// back, a right token gives its guess back, and the window begins at the
// first failure.
func TestAuthGuesses(t *testing.T) {
	t.Parallel()
	type op int
	const (
		wrong    op = iota // reserve, then fail at once
		right              // reserve, then release at once
		hold               // reserve and keep the guess
		failH              // fail the guess held longest
		releaseH           // release the guess held longest
		twice              // fail, then release, the guess held longest (a deferred release)
	)
	type step struct {
		advance time.Duration
		op      op
		n       int           // times, 1 if 0
		refused refusal       // why the reserve is refused, notRefused if it is not
		wait    time.Duration // and how long it asks to wait
	}
	repeat := func(s step, n int) step { s.n = n; return s }
	type record struct{ Failed, Pending int }
	tests := []struct {
		name  string
		steps []step
		want  *record // nil: the client is not tracked
	}{
		{"right tokens are given back", []step{
			repeat(step{op: wrong}, AuthFailLimit-1),
			repeat(step{op: right}, 5),
			{op: wrong},
			{advance: 10 * time.Second, op: right, refused: refusedFailures, wait: 50 * time.Second},
		}, &record{Failed: AuthFailLimit}},
		{"guesses being checked count", []step{
			repeat(step{op: wrong}, AuthFailLimit-2),
			repeat(step{op: hold}, 2),
			{op: right, refused: refusedBusy, wait: time.Second},
			{op: releaseH},
			{op: right},
			{op: hold},
			{op: failH},
			{op: right, refused: refusedBusy, wait: time.Second},
			{op: failH},
			{op: right, refused: refusedFailures, wait: time.Minute},
		}, &record{Failed: AuthFailLimit}},
		{"a right token alone leaves nothing", []step{{op: right}, {op: hold}, {op: releaseH}}, nil},
		{"the window begins at the first failure", []step{
			{op: hold},
			{advance: 30 * time.Second, op: failH},
			repeat(step{op: wrong}, AuthFailLimit-1),
			{advance: 50 * time.Second, op: right, refused: refusedFailures, wait: 10 * time.Second},
			{advance: 10 * time.Second, op: right},
		}, nil},
		{"a guess outliving its window fails in a new one", []step{
			{op: hold},
			{op: wrong},
			{advance: AuthFailWindow, op: failH},
		}, &record{Failed: 1}},
		{"a release after a failure does nothing", []step{
			{op: hold},
			{op: twice},
		}, &record{Failed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newAuthLimiter()
			clock := &fakeClock{t: t0}
			l.now = clock.now
			r := httptest.NewRequestWithContext(context.Background(), "POST", "/", nil)
			r.RemoteAddr = "192.0.2.1:4242"
			var held []*authGuess
			for i, st := range tt.steps {
				clock.advance(st.advance)
				for range max(st.n, 1) {
					switch st.op {
					case failH, releaseH, twice:
						g := held[0]
						held = held[1:]
						if st.op == releaseH {
							g.release()
						} else {
							g.fail()
						}
						if st.op == twice {
							g.release()
						}
						continue
					}
					g, wait, why := l.reserve(r)
					if why != st.refused || wait != st.wait {
						t.Fatalf("step %d: reserve = %v, %v; want %v, %v", i, why, wait, st.refused, st.wait)
					}
					if why != notRefused {
						continue
					}
					switch st.op {
					case wrong:
						g.fail()
					case right:
						g.release()
					case hold:
						held = append(held, g)
					}
				}
			}
			var got *record
			if e, ok := l.clients[netip.MustParsePrefix("192.0.2.1/32")]; ok {
				f := e.Value.(*authFailures)
				got = &record{Failed: f.failed, Pending: f.pending}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("client's record (-want +got):\n%s", diff)
			}
			if len(l.clients) != l.order.Len() {
				t.Errorf("%d clients in the map, %d in the list", len(l.clients), l.order.Len())
			}
		})
	}
}

// TestAuthRefusalSays wants a refused write told why: its address's wrong
// tokens, or only its checks under way, which a client that sent no wrong
// token at all can fill by writing in parallel.
func TestAuthRefusalSays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		form       bool // the edit form, else the API
		failed     bool // the held guesses fail, else they stay under way
		want       string
		retryAfter string
	}{
		{"API, checks under way", false, false, "too many API requests being checked from your address; retry after 1 second", "1"},
		{"API, wrong tokens", false, true, "too many wrong API tokens from your address; retry after 60 seconds", "60"},
		{"form, checks under way", true, false, "Too many API requests being checked from your address. Try again in 1 second.", "1"},
		{"form, wrong tokens", true, true, "Too many wrong API tokens from your address. Try again in 60 seconds.", "60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := New(Config{APIToken: testToken}, fixtureStore(), slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			clock := &fakeClock{t: t0}
			s.auth.now = clock.now
			newReq := func() *http.Request {
				if tt.form {
					r := httptest.NewRequestWithContext(context.Background(), "POST", "/sources/1", strings.NewReader("name=Stadtblatt&token="+testToken))
					r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					return r
				}
				r := httptest.NewRequestWithContext(context.Background(), "POST", "/api/sources/1/retry", nil)
				r.Header.Set("Authorization", "Bearer "+testToken)
				return r
			}
			for range AuthFailLimit {
				g, _, why := s.auth.reserve(newReq())
				if why != notRefused {
					t.Fatalf("guess refused: %v", why)
				}
				if tt.failed {
					g.fail()
				}
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, newReq())
			body := rec.Body.String()
			if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != tt.retryAfter {
				t.Errorf("status %d, Retry-After %q; want 429, %q", rec.Code, rec.Header().Get("Retry-After"), tt.retryAfter)
			}
			if !strings.Contains(body, tt.want) {
				t.Errorf("body %q does not say %q", body, tt.want)
			}
		})
	}
}

// TestSecondsText checks that a refusal's message says the wait its
// Retry-After header gives, and that each refusal names itself.
func TestSecondsText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		wait      time.Duration
		want, hdr string
	}{
		{0, "1 second", "1"},
		{time.Second, "1 second", "1"},
		{1500 * time.Millisecond, "2 seconds", "2"},
		{time.Minute, "60 seconds", "60"},
	}
	for _, tc := range tests {
		if got := secondsText(tc.wait); got != tc.want {
			t.Errorf("secondsText(%v) = %q; want %q", tc.wait, got, tc.want)
		}
		if got := retryAfter(tc.wait); got != tc.hdr {
			t.Errorf("retryAfter(%v) = %q; want %q", tc.wait, got, tc.hdr)
		}
	}
	for r, want := range map[refusal]string{notRefused: "not refused", refusedFailures: "refused for failures", refusedBusy: "refused for checks under way", 7: "refusal(7)"} {
		if got := r.String(); got != want {
			t.Errorf("refusal %d String() = %q; want %q", int(r), got, want)
		}
	}
}
