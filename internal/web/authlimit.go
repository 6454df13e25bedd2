package web

import (
	"container/list"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// Limits on failed authentications. A client address that sends
// AuthFailLimit wrong or missing API tokens within AuthFailWindow is
// answered 429 on every write until that window, which began with its first
// failure, has passed; its token is not even checked, so guessing stops.
// A long random token (config.Validate refuses a short one) is what makes
// guessing hopeless; the limit makes it slow and visible as well.
const (
	AuthFailLimit  = 10
	AuthFailWindow = time.Minute
	// AuthFailClients caps the addresses tracked at once (about 100 bytes
	// each), so that a flood of addresses cannot grow memory without
	// bound; past it the address whose window began first is forgotten.
	AuthFailClients = 10000
)

// authLimiter counts failed authentications per client in fixed windows.
// A token is checked only under a guess taken from its client's count
// (reserve) before the check begins, so that a burst of requests cannot
// all pass the limit before the first of them is counted: a form reads
// its whole body between the two. It is safe for concurrent use.
type authLimiter struct {
	limit   int
	window  time.Duration
	max     int // clients tracked
	now     func() time.Time
	mu      sync.Mutex
	clients map[netip.Prefix]*list.Element // of *authFailures
	order   *list.List                     // oldest window start first
}

// authFailures is one client's failures in the window that began at
// start, its first failure (or, until it has one, its first guess), and
// the guesses being checked now.
type authFailures struct {
	client  netip.Prefix
	start   time.Time
	failed  int
	pending int
}

func newAuthLimiter() *authLimiter {
	return &authLimiter{
		limit:   AuthFailLimit,
		window:  AuthFailWindow,
		max:     AuthFailClients,
		now:     time.Now,
		clients: make(map[netip.Prefix]*list.Element),
		order:   list.New(),
	}
}

// clientKey is the client a request comes from: the host of RemoteAddr,
// the peer of the connection. X-Forwarded-For is not trusted: newsdesk has
// no trusted-proxy setting, and a client could write any address there.
// An IPv6 client is its /64, which one subscriber usually holds whole, so
// that stepping through it does not start a fresh count. ok is false when
// RemoteAddr is not an IP address (a Unix socket, a test's handler call):
// such requests are not limited.
func clientKey(r *http.Request) (netip.Prefix, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Prefix{}, false
	}
	addr = addr.Unmap().WithZone("")
	bits := 32
	if addr.Is6() {
		bits = 64
	}
	p, err := addr.Prefix(bits)
	return p, err == nil
}

// authGuess is one token check's place in its client's count, taken
// before the token is compared: fail keeps it as a failure, release gives
// it back; whichever comes first counts, so that a handler may defer
// release and call fail where the token is wrong. A guess for a client
// that is not limited (l nil) does nothing.
type authGuess struct {
	l    *authLimiter
	key  netip.Prefix
	f    *authFailures // the record the guess was taken from
	done bool
}

// refusal is why reserve refused a guess, which the client is told: a
// client whose checks under way fill its limit may have sent no wrong
// token at all.
type refusal int

const (
	notRefused refusal = iota
	// refusedFailures: the client's failures alone have used up its limit.
	refusedFailures
	// refusedBusy: the guesses being checked fill what its failures left.
	refusedBusy
)

// String names r for tests' failure messages.
func (r refusal) String() string {
	switch r {
	case notRefused:
		return "not refused"
	case refusedFailures:
		return "refused for failures"
	case refusedBusy:
		return "refused for checks under way"
	}
	return "refusal(" + strconv.Itoa(int(r)) + ")"
}

// reason is why a write refused for r was refused, as its answer says
// it, before the wait; the API and the forms word it alike.
func (r refusal) reason() string {
	if r == refusedBusy {
		return "too many API requests being checked from your address"
	}
	return "too many wrong API tokens from your address"
}

// reserve takes a guess for r's client, unless its failures and the
// guesses being checked have used up its limit; then it reports why and
// how long to wait: until its window passes when its failures alone have
// used it up, else a second, by when the checks under way have most likely
// ended.
func (l *authLimiter) reserve(r *http.Request) (*authGuess, time.Duration, refusal) {
	key, ok := clientKey(r)
	if !ok {
		return &authGuess{}, 0, notRefused
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.expire(now)
	f := l.record(key, now)
	if f.failed >= l.limit {
		return nil, f.start.Add(l.window).Sub(now), refusedFailures
	}
	if f.failed+f.pending >= l.limit {
		return nil, time.Second, refusedBusy
	}
	f.pending++
	return &authGuess{l: l, key: key, f: f}, 0, notRefused
}

// record is key's record, a new one if it has none, whose window starts
// now: the latest start, which keeps the list in window order. The caller
// holds l.mu.
func (l *authLimiter) record(key netip.Prefix, now time.Time) *authFailures {
	if e, ok := l.clients[key]; ok {
		return e.Value.(*authFailures)
	}
	for l.order.Len() >= l.max {
		l.remove(l.order.Front())
	}
	f := &authFailures{client: key, start: now}
	l.clients[key] = l.order.PushBack(f)
	return f
}

// fail counts the guess as a failed authentication. If the record it was
// taken from has expired or been evicted meanwhile, the failure counts in
// the client's current record, or opens a new one.
func (g *authGuess) fail() {
	if g.l == nil || g.done {
		return
	}
	g.done = true
	l := g.l
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.expire(now)
	f := l.record(g.key, now)
	if f == g.f {
		f.pending--
	}
	if f.failed == 0 {
		// The window begins at the first failure, not at the first
		// guess, which may have been a right token.
		f.start = now
		l.order.MoveToBack(l.clients[g.key])
	}
	f.failed++
}

// release gives the guess back, its token right or never checked; a
// client left with neither failures nor guesses is forgotten.
func (g *authGuess) release() {
	if g.l == nil || g.done {
		return
	}
	g.done = true
	l := g.l
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.clients[g.key]
	if !ok || e.Value.(*authFailures) != g.f {
		return // expired or evicted: nothing left to give back
	}
	g.f.pending--
	if g.f.failed == 0 && g.f.pending == 0 {
		l.remove(e)
	}
}

// expire forgets the clients whose window has passed. Windows start in the
// order clients are added, so they are the front of the list.
func (l *authLimiter) expire(now time.Time) {
	for e := l.order.Front(); e != nil; e = l.order.Front() {
		if now.Sub(e.Value.(*authFailures).start) < l.window {
			return
		}
		l.remove(e)
	}
}

func (l *authLimiter) remove(e *list.Element) {
	delete(l.clients, e.Value.(*authFailures).client)
	l.order.Remove(e)
}

// retryAfter is the Retry-After header's value for d: whole seconds,
// rounded up, at least 1.
func retryAfter(d time.Duration) string {
	return strconv.FormatInt(retrySeconds(d), 10)
}

// secondsText is the wait d as a message says it, the Retry-After value
// in words: "1 second", "3 seconds".
func secondsText(d time.Duration) string {
	if n := retrySeconds(d); n != 1 {
		return strconv.FormatInt(n, 10) + " seconds"
	}
	return "1 second"
}

// retrySeconds is d in whole seconds, rounded up, at least one.
func retrySeconds(d time.Duration) int64 {
	secs := int64((d + time.Second - 1) / time.Second)
	return max(secs, 1)
}
