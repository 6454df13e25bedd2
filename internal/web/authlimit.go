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
// It is safe for concurrent use.
type authLimiter struct {
	limit   int
	window  time.Duration
	max     int // clients tracked
	now     func() time.Time
	mu      sync.Mutex
	clients map[netip.Prefix]*list.Element // of *authFailures
	order   *list.List                     // oldest window start first
}

// authFailures is one client's failures in the window that began at start.
type authFailures struct {
	client netip.Prefix
	start  time.Time
	count  int
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

// blocked reports whether r's client has used up its failures, and if so
// how long until its window passes.
func (l *authLimiter) blocked(r *http.Request) (time.Duration, bool) {
	key, ok := clientKey(r)
	if !ok {
		return 0, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.expire(now)
	e, ok := l.clients[key]
	if !ok {
		return 0, false
	}
	f := e.Value.(*authFailures)
	if f.count < l.limit {
		return 0, false
	}
	return f.start.Add(l.window).Sub(now), true
}

// fail counts a failed authentication of r's client.
func (l *authLimiter) fail(r *http.Request) {
	key, ok := clientKey(r)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.expire(now)
	if e, ok := l.clients[key]; ok {
		e.Value.(*authFailures).count++
		return
	}
	for l.order.Len() >= l.max {
		l.remove(l.order.Front())
	}
	l.clients[key] = l.order.PushBack(&authFailures{client: key, start: now, count: 1})
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
	secs := int64((d + time.Second - 1) / time.Second)
	return strconv.FormatInt(max(secs, 1), 10)
}
