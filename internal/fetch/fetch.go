// Package fetch is newsdesk's only way onto the network: an HTTP client that
// refuses private addresses (checked on the address actually dialed, so
// redirects and DNS rebinding are covered), caps response size and time,
// rate-limits each host, honours robots.txt and Retry-After, and makes
// conditional requests.
//
// Environment proxies are deliberately ignored: a proxy would dial on our
// behalf and defeat the address check.
package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"code.dny.dev/ssrf"
	"golang.org/x/time/rate"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Defaults used by DefaultConfig, and by New for zero Config fields.
const (
	DefaultMaxBodyBytes   = 15 << 20 // 15 MiB, after decompression
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultHostInterval   = 1 * time.Second
	DefaultMaxRedirects   = 10
	DefaultRobotsTTL      = 1 * time.Hour
	// RobotsErrorTTL is how long an unreachable or failing (5xx) robots.txt
	// is remembered as "allow all" before it is asked for again.
	RobotsErrorTTL = 10 * time.Minute
	// RobotsAgent is the product token matched against robots.txt groups.
	RobotsAgent = "newsdesk"
	// MaxResponseHeaderBytes caps a response's headers, as Chromium does
	// (256 KiB). net/http's own default is 10 MiB, which a hostile server
	// could send on every hop of every fetch, outside MaxBodyBytes.
	MaxResponseHeaderBytes = 256 << 10
)

// Config tunes the client. Start from DefaultConfig; New replaces zero
// fields with the defaults above.
type Config struct {
	UserAgent      string        // sent on every request, e.g. "newsdesk/1.0 (+https://…)"
	AllowPrivate   bool          // allow loopback and private addresses (demo, tests)
	MaxBodyBytes   int64         // cap after decompression; default 15 MiB
	ConnectTimeout time.Duration // dial and TLS handshake; default 10s
	Timeout        time.Duration // whole request, body included; default 30s
	// HostInterval is the minimum gap between requests to one host
	// (default 1s); negative disables per-host limiting.
	HostInterval time.Duration
	// MaxRedirects is the most redirects followed (default 10); negative
	// follows none.
	MaxRedirects int
	// RobotsTTL is how long a fetched robots.txt is trusted; default 1h.
	RobotsTTL time.Duration
	// AllowPrefixes are address ranges allowed even when AllowPrivate is
	// off, e.g. one trusted feed server on the LAN.
	AllowPrefixes []netip.Prefix
	// RetryAfterPerRequest, when true, lets a 429's Retry-After hold back
	// only the caller that got it (a source's next poll), as before
	// 29 November 2026. By default it holds back every request to the host
	// until then (at most MaxHostHold): 429 says the client sent too many
	// requests, not that one URL is unwell, and the next page asked for a
	// second later would be refused too. A 503's Retry-After holds back
	// only its caller either way: one feed of a site can be down alone.
	RetryAfterPerRequest bool
	// Logger receives internal details (robots.txt failures and the like);
	// nil discards them.
	Logger *slog.Logger
}

// DefaultConfig returns the documented defaults: 15 MiB body cap after
// decompression, 10s connect timeout, 30s total timeout, 1s between requests
// to one host, at most 10 redirects, robots.txt cached for 1h, private
// addresses refused.
func DefaultConfig(userAgent string) Config {
	return Config{
		UserAgent:      userAgent,
		MaxBodyBytes:   DefaultMaxBodyBytes,
		ConnectTimeout: DefaultConnectTimeout,
		Timeout:        DefaultTimeout,
		HostInterval:   DefaultHostInterval,
		MaxRedirects:   DefaultMaxRedirects,
		RobotsTTL:      DefaultRobotsTTL,
	}
}

// Request describes one GET.
type Request struct {
	URL          string
	ETag         string // for If-None-Match
	LastModified string // for If-Modified-Since
	Accept       string // Accept header; derived from Expect when empty
	CheckRobots  bool   // refuse if robots.txt disallows the URL (or a redirect target)
	// Expect, when not ExpectAny, fails the fetch with KindContentType
	// unless the body is of an expected kind.
	Expect Expect
	// MaxWait, when positive, bounds how long the request waits for its
	// host's turn (Config.HostInterval, a Crawl-delay): if the turn is
	// further off, the request is not sent, takes no turn, and fails at
	// once with a KindBusy error whose RetryAfter is when to come back
	// (see Busy). A queued job gives its worker back that way rather than
	// hold it while one busy host's backlog drains. Zero waits as long as
	// it takes.
	MaxWait time.Duration
}

// Response is a fetched body.
type Response struct {
	URL          string // final URL after redirects
	StatusCode   int
	NotModified  bool
	ContentType  string
	Body         []byte
	ETag         string
	LastModified string
	// FreshFor is how long the response says it stays fresh
	// (Cache-Control max-age less Age, else Expires less Date), on a 304
	// as on a 200; zero when it says nothing, or no-cache or no-store.
	// Capped at a week, as Retry-After is.
	FreshFor time.Duration
}

// Client fetches URLs. It is safe for concurrent use.
type Client struct {
	cfg       Config
	log       *slog.Logger
	transport http.RoundTripper // politeTransport over conns
	conns     *http.Transport

	// now and sleep are the client's clock; tests replace them to check
	// rate limiting without waiting.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	// booked is, per host, the latest turn promised to a request turned
	// away as busy (Request.MaxWait): the next one is told to come back
	// an interval later, so a backlog turned away comes back one at a
	// time at the host's pace, not all at once at its next free turn.
	booked map[string]time.Time
	// bookings counts book's calls, so that every bookSweepEvery-th
	// sweeps booked and held of what has passed (sweepHosts).
	bookings int
	held     map[string]hold // hosts that asked for no requests until a time
	robots   robotsCache
}

// New returns a client, or an error if cfg is unusable.
func New(cfg Config) (*Client, error) {
	if cfg.UserAgent == "" {
		cfg.UserAgent = RobotsAgent
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.HostInterval == 0 {
		cfg.HostInterval = DefaultHostInterval
	}
	if cfg.MaxRedirects == 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.RobotsTTL <= 0 {
		cfg.RobotsTTL = DefaultRobotsTTL
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivate {
		var v4, v6 []netip.Prefix
		for _, p := range cfg.AllowPrefixes {
			if !p.IsValid() {
				return nil, fmt.Errorf("fetch config: invalid allowed prefix %q", p.String())
			}
			if p.Addr().Is4() {
				v4 = append(v4, p)
			} else {
				v6 = append(v6, p)
			}
		}
		guard := ssrf.New(ssrf.WithAnyPort(), ssrf.WithAllowedV4Prefixes(v4...), ssrf.WithAllowedV6Prefixes(v6...))
		dialer.Control = func(network, address string, rc syscall.RawConn) error {
			if err := guard.Safe(network, address, rc); err != nil {
				return &blockedError{addr: address, err: err}
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    cfg.ConnectTimeout,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: MaxResponseHeaderBytes,
		// Decompression is done here, not by the transport, so the cap
		// applies to decompressed bytes and deflate is handled too.
		DisableCompression: true,
	}
	c := &Client{
		cfg:      cfg,
		log:      log,
		now:      time.Now,
		sleep:    sleepCtx,
		limiters: make(map[string]*rate.Limiter),
		booked:   make(map[string]time.Time),
		held:     make(map[string]hold),
		robots:   robotsCache{entries: make(map[string]robotsEntry)},
	}
	c.transport, c.conns = &politeTransport{c: c, next: tr}, tr
	return c, nil
}

// Close releases idle connections.
func (c *Client) Close() {
	c.conns.CloseIdleConnections()
}

// blockedError marks a dial refused by the address check.
type blockedError struct {
	addr string
	err  error
}

func (e *blockedError) Error() string { return "dial " + e.addr + ": " + e.err.Error() }
func (e *blockedError) Unwrap() error { return e.err }

// politeTransport sets the User-Agent and waits for the host's rate limiter
// on every hop, redirects and robots.txt included.
type politeTransport struct {
	c    *Client
	next http.RoundTripper
}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("User-Agent") != t.c.cfg.UserAgent {
		// A RoundTripper must not modify its request; set the header on
		// a copy.
		req = req.Clone(req.Context())
		req.Header.Set("User-Agent", t.c.cfg.UserAgent)
	}
	if pre, ok := req.Context().Value(prewaitedKey{}).(*atomic.Bool); !ok || !pre.CompareAndSwap(true, false) {
		if err := t.c.wait(req.Context(), hostKey(req.URL)); err != nil {
			return nil, err
		}
	}
	return t.next.RoundTrip(req)
}

// prewaitedKey marks a request context whose first hop has already waited
// for its host's limiter; the flag is cleared by that hop, so redirects
// wait as usual.
type prewaitedKey struct{}

func hostKey(u *url.URL) string { return strings.ToLower(u.Hostname()) }

// limiter returns host's rate limiter, creating it on first use.
func (c *Client) limiter(host string) *rate.Limiter {
	c.mu.Lock()
	defer c.mu.Unlock()
	lim, ok := c.limiters[host]
	if !ok {
		lim = rate.NewLimiter(rate.Every(c.cfg.HostInterval), 1)
		c.limiters[host] = lim
	}
	return lim
}

// MaxHostHold caps how long a 429's Retry-After holds back the other
// requests to its host; the URL that got it still waits its whole
// Retry-After (a source's next poll). A site that says "come back next
// week" to one request must not stop its other feeds and pages for a week.
const MaxHostHold = time.Hour

// hold is a host's Retry-After: no request until until, asked by a
// response of status.
type hold struct {
	until  time.Time
	status int
}

// holdHost records that host asked, with status and Retry-After, for no
// request before until; a later or longer hold wins.
func (c *Client) holdHost(host string, until time.Time, status int) {
	if c.cfg.RetryAfterPerRequest {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, ok := c.held[host]; !ok || until.After(h.until) {
		c.held[host] = hold{until: until, status: status}
	}
}

// heldFor returns how long host still asks not to be contacted, and the
// status it asked with; an expired hold is forgotten.
func (c *Client) heldFor(host string) (time.Duration, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.held[host]
	if !ok {
		return 0, 0
	}
	left := h.until.Sub(c.now())
	if left <= 0 {
		delete(c.held, host)
		return 0, 0
	}
	return left, h.status
}

// checkHeld returns the error of a request to u (raw as given) not sent
// because its host is held, or nil.
func (c *Client) checkHeld(raw string, u *url.URL) error {
	if left, status := c.heldFor(hostKey(u)); left > 0 {
		return &Error{URL: raw, Kind: KindStatus, StatusCode: status, RetryAfter: left, Detail: "held"}
	}
	return nil
}

// MaxCrawlDelay caps the Crawl-delay a robots.txt can impose, so one
// site's setting cannot stall its feed for minutes per article.
const MaxCrawlDelay = 30 * time.Second

// slowHost lowers host's request rate to one per delay (capped at
// MaxCrawlDelay) when that is slower than Config.HostInterval.
func (c *Client) slowHost(host string, delay time.Duration) {
	if c.cfg.HostInterval < 0 || delay <= c.cfg.HostInterval {
		return
	}
	c.limiter(host).SetLimitAt(c.now(), rate.Every(min(delay, MaxCrawlDelay)))
}

// wait blocks until host may be contacted again. Hosts are keyed by name
// without port: two ports of one server are one server to be polite to.
func (c *Client) wait(ctx context.Context, host string) error {
	_, err := c.waitAtMost(ctx, host, 0)
	return err
}

// waitAtMost is wait, but when maxWait is positive and host's turn is
// further off than maxWait it does not wait: it gives the turn back and
// returns, as busy, how long from now to come back.
func (c *Client) waitAtMost(ctx context.Context, host string, maxWait time.Duration) (busy time.Duration, err error) {
	if c.cfg.HostInterval < 0 {
		return 0, nil
	}
	lim := c.limiter(host)
	now := c.now()
	r := lim.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d <= 0 {
		return 0, nil
	}
	if maxWait > 0 && d > maxWait {
		// Given back, the turn is the next request's: this one holds
		// none while it is away, so politeness stays the limiter's
		// alone, and it is asked again when it comes back.
		r.CancelAt(now)
		return c.book(host, now, d, lim.Limit()), nil
	}
	if err := c.sleep(ctx, d); err != nil {
		r.CancelAt(c.now())
		return 0, err
	}
	return 0, nil
}

// book returns how long from now a request to host turned away as busy
// should come back: at the host's next free turn (now+free), or an
// interval after the last one turned away, whichever is later. It is only
// a hint to spread the returns out; the limiter still decides.
func (c *Client) book(host string, now time.Time, free time.Duration, limit rate.Limit) time.Duration {
	interval := time.Second
	if limit > 0 && limit != rate.Inf {
		interval = time.Duration(float64(time.Second) / float64(limit))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	at := now.Add(free)
	if next := c.booked[host].Add(interval); next.After(at) {
		at = next
	}
	c.booked[host] = at
	c.bookings++
	if c.bookings%bookSweepEvery == 0 {
		c.sweepHosts(now)
	}
	return at.Sub(now)
}

// bookSweepEvery is how many bookings (book) pass between two sweeps of
// the hosts' bookings and holds: often enough that a desk polling
// thousands of hosts keeps only those of the last few minutes, rarely
// enough that the sweep, a pass over both maps, costs next to nothing
// per booking.
const bookSweepEvery = 1024

// sweepHosts forgets the bookings and holds that no longer change
// anything at now. A booking pushes a request back only while it lies
// less than its host's interval behind now (book takes the later of now
// plus the host's free turn and the booking plus the interval), and an
// interval is at most HostInterval or MaxCrawlDelay (slowHost), so one
// older than both, with a second's margin for the limiter's rounding, is
// forgotten. An expired hold is forgotten as heldFor forgets it. Without
// it every host ever turned away stayed in booked for good. c.mu must be
// held.
func (c *Client) sweepHosts(now time.Time) {
	stale := now.Add(-max(c.cfg.HostInterval, MaxCrawlDelay) - time.Second)
	for host, at := range c.booked {
		if at.Before(stale) {
			delete(c.booked, host)
		}
	}
	for host, h := range c.held {
		if !h.until.After(now) {
			delete(c.held, host)
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// redirectError is returned from CheckRedirect to stop a redirect chain.
type redirectError struct {
	kind   ErrorKind
	detail string
	limit  int
}

func (e *redirectError) Error() string {
	return "redirect refused: " + e.kind.String() + " " + e.detail
}

// parseTarget validates a request URL.
func parseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, news.ErrNotHTTP
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, errors.New("no host")
	}
	return u, nil
}

// Get performs the request. Failures are *Error.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	u, err := parseTarget(r.URL)
	if err != nil {
		return nil, &Error{URL: r.URL, Kind: KindInvalidURL, Detail: err.Error(), Err: err}
	}
	// A host that answered 429 with Retry-After is not asked
	// again, for any URL, until then: the request fails at once, with the
	// time left as its RetryAfter, without touching the network.
	if err := c.checkHeld(r.URL, u); err != nil {
		return nil, err
	}
	if r.CheckRobots && !c.robotsAllowed(ctx, u) {
		return nil, &Error{URL: r.URL, Kind: KindRobots}
	}
	// Wait for the host's turn before the timeout starts: time spent
	// queueing behind other requests to a busy host is politeness, not a
	// slow server.
	busy, err := c.waitAtMost(ctx, hostKey(u), r.MaxWait)
	if busy > 0 {
		return nil, &Error{URL: r.URL, Kind: KindBusy, RetryAfter: busy,
			Detail: "host busy: its turn is " + news.FormatDuration(busy) + " away"}
	}
	if err != nil {
		return nil, c.classify(ctx, r.URL, err)
	}
	// Again after the wait: a request queued behind others to a busy
	// host may have waited while one of them was answered 429.
	if err := c.checkHeld(r.URL, u); err != nil {
		return nil, err
	}
	prewaited := new(atomic.Bool)
	prewaited.Store(true)
	ctx = context.WithValue(ctx, prewaitedKey{}, prewaited)
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{URL: r.URL, Kind: KindInvalidURL, Detail: err.Error(), Err: err}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", acceptHeader(r))
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	hc := &http.Client{
		Transport: c.transport,
		CheckRedirect: func(next *http.Request, via []*http.Request) error {
			if len(via) > c.cfg.MaxRedirects {
				return &redirectError{kind: KindRedirects, limit: max(c.cfg.MaxRedirects, 0)}
			}
			target := next.URL.String()
			for _, prev := range via {
				if prev.URL.String() == target {
					return &redirectError{kind: KindRedirects, detail: target}
				}
			}
			if next.URL.Scheme != "http" && next.URL.Scheme != "https" {
				return &redirectError{kind: KindInvalidURL, detail: "redirect to " + next.URL.Scheme + " URL"}
			}
			if r.CheckRobots && !c.robotsAllowed(next.Context(), next.URL) {
				return &redirectError{kind: KindRobots}
			}
			return nil
		},
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, c.classify(ctx, r.URL, err)
	}
	defer resp.Body.Close()

	out := &Response{
		URL:          resp.Request.URL.String(),
		StatusCode:   resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FreshFor:     freshFor(resp.Header, c.now()),
	}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		fe := &Error{URL: r.URL, Kind: KindStatus, StatusCode: resp.StatusCode}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			fe.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
			if resp.StatusCode == http.StatusTooManyRequests && fe.RetryAfter > 0 {
				c.holdHost(hostKey(resp.Request.URL), c.now().Add(min(fe.RetryAfter, MaxHostHold)), resp.StatusCode)
			}
		}
		// Drain a little so the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, fe
	}
	if r.Expect.refuses(out.MediaType()) {
		// No body could make this type acceptable (a PDF, an image or a
		// video where a page or a feed is expected), so none is read:
		// reading it would spend up to MaxBodyBytes on a link to a report
		// or a podcast's audio, only to refuse it, or to fail it as too
		// large. Closing the unread body gives up the connection, which is
		// cheaper than draining megabytes to keep it.
		return nil, &Error{URL: r.URL, Kind: KindContentType, Detail: describeType(out)}
	}
	body, err := c.readBody(resp)
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			fe.URL = r.URL
			return nil, fe
		}
		return nil, c.classify(ctx, r.URL, err)
	}
	out.Body = body
	if !r.Expect.matches(out) {
		return nil, &Error{URL: r.URL, Kind: KindContentType, Detail: describeType(out)}
	}
	return out, nil
}

func describeType(r *Response) string {
	if mt := r.MediaType(); mt != "" {
		return mt
	}
	return "unknown"
}

// feedAccept is the Accept header of a request that expects a feed. A
// request that takes a web page as well (a source's poll, which may be
// given a site's home page) sends it too, to be given the feed wherever
// the server can choose.
const feedAccept = "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.5"

func acceptHeader(r Request) string {
	if r.Accept != "" {
		return r.Accept
	}
	switch r.Expect {
	case ExpectHTML:
		return "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
	case ExpectFeed, ExpectHTML | ExpectFeed:
		return feedAccept
	}
	return "*/*"
}

// readBody reads the decompressed body, failing once it passes the cap.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	limit := c.cfg.MaxBodyBytes
	tooLarge := &Error{Kind: KindTooLarge, Limit: limit}
	var src io.Reader = resp.Body
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	switch enc {
	case "", "identity":
		if resp.ContentLength > limit {
			return nil, tooLarge
		}
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, &Error{Kind: KindNetwork, Detail: "corrupt gzip body", Err: err}
		}
		defer zr.Close()
		src = zr
	case "deflate":
		// "deflate" is meant to be zlib-wrapped, but some servers send raw
		// DEFLATE; the zlib header tells them apart.
		br := bufio.NewReader(resp.Body)
		if hdr, err := br.Peek(2); err == nil && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, &Error{Kind: KindNetwork, Detail: "corrupt deflate body", Err: err}
			}
			defer zr.Close()
			src = zr
		} else {
			fr := flate.NewReader(br)
			defer fr.Close()
			src = fr
		}
	default:
		return nil, &Error{Kind: KindNetwork, Detail: "unsupported content encoding " + enc}
	}
	body, err := io.ReadAll(io.LimitReader(src, limit+1))
	if err != nil {
		if enc != "" && enc != "identity" && !isContextErr(err) && !isNetErr(err) {
			return nil, &Error{Kind: KindNetwork, Detail: "corrupt " + enc + " body", Err: err}
		}
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, tooLarge
	}
	return body, nil
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func isNetErr(err error) bool {
	var ne net.Error
	return errors.As(err, &ne)
}

// classify turns a transport error into an *Error with a message a user
// can act on; the raw error is kept in Err for logs.
func (c *Client) classify(ctx context.Context, rawURL string, err error) *Error {
	fe := &Error{URL: rawURL, Kind: KindNetwork, Err: err}
	var be *blockedError
	var re *redirectError
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var recErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case errors.As(err, &re):
		fe.Kind, fe.Detail, fe.Limit = re.kind, re.detail, int64(re.limit)
	case errors.As(err, &be):
		fe.Kind = KindPrivate
		fe.Detail = be.addr
		if ap, perr := netip.ParseAddrPort(be.addr); perr == nil {
			fe.Detail = ap.Addr().Unmap().String()
		}
	case errors.Is(err, context.Canceled) && ctx.Err() != context.DeadlineExceeded:
		fe.Kind = KindCanceled
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		fe.Kind = KindTimeout
	case strings.Contains(err.Error(), "server response headers exceeded"),
		strings.Contains(err.Error(), "response header list larger than advertised limit"):
		// net/http's errors for headers past MaxResponseHeaderBytes, over
		// HTTP/1 and over HTTP/2 (ForceAttemptHTTP2 is on), are not
		// exported; their text is the only way to tell them apart.
		fe.Kind, fe.Detail, fe.Limit = KindTooLarge, "headers", MaxResponseHeaderBytes
	case strings.Contains(err.Error(), "connection error: PROTOCOL_ERROR"),
		strings.Contains(err.Error(), "connection error: COMPRESSION_ERROR"):
		// HTTP/2's client also stops a header list past the cap by closing
		// the connection: with PROTOCOL_ERROR at a CONTINUATION frame after
		// the one that overran it, with COMPRESSION_ERROR for one field
		// longer than the cap. Other breaches of the protocol by the server
		// give the same errors, so the message names both causes, and the
		// fetch stays a network error, tried again later.
		fe.Detail = "HTTP/2 protocol error: the server broke the protocol or sent response headers past the " +
			formatBytes(MaxResponseHeaderBytes) + " limit"
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			fe.Detail = "host " + dnsErr.Name + " not found"
		} else {
			fe.Detail = "DNS lookup failed"
		}
	case errors.Is(err, syscall.ECONNREFUSED):
		fe.Detail = "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		fe.Detail = "connection closed by server"
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &authErr):
		fe.Detail = "invalid TLS certificate"
	case errors.As(err, &recErr):
		fe.Detail = "TLS handshake failed"
	default:
		fe.Detail = "network error"
	}
	c.log.Debug("fetch failed", "url", rawURL, "kind", fe.Kind.String(), "err", err)
	return fe
}
