// Package fetch is newsdesk's only way onto the network: an HTTP client that
// refuses private addresses (checked on the address actually dialed), caps
// response size and time, rate-limits each host, honours robots.txt and
// Retry-After, and makes conditional requests.
package fetch

import (
	"context"
	"time"
)

// Config tunes the client. The zero value is not valid; start from
// DefaultConfig.
type Config struct {
	UserAgent      string
	AllowPrivate   bool          // allow loopback and private addresses (demo, tests)
	MaxBodyBytes   int64         // cap after decompression
	ConnectTimeout time.Duration //
	Timeout        time.Duration // whole request, body included
	HostInterval   time.Duration // minimum gap between requests to one host
	MaxRedirects   int
}

// Request describes one GET.
type Request struct {
	URL          string
	ETag         string // for If-None-Match
	LastModified string // for If-Modified-Since
	Accept       string
	CheckRobots  bool // refuse if robots.txt disallows the URL
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
}

// Client fetches URLs. It is safe for concurrent use.
type Client struct{ cfg Config }

// New returns a client.
func New(cfg Config) (*Client, error) { return &Client{cfg: cfg}, nil }

// Get performs the request.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	panic("fetch: not implemented yet")
}
