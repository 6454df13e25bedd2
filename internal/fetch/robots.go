package fetch

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/sync/singleflight"
)

// robotsMaxBytes caps a robots.txt; Google reads only the first 500 KiB.
const robotsMaxBytes = 500 << 10

// robotsCache remembers each origin's robots.txt. A nil data means "allow
// everything".
type robotsCache struct {
	mu      sync.Mutex
	entries map[string]robotsEntry
	group   singleflight.Group
}

type robotsEntry struct {
	data    *robotstxt.RobotsData
	expires time.Time
}

// robotsAllowed reports whether robots.txt of u's origin lets newsdesk fetch
// u. Per RFC 9309 a missing robots.txt (any 4xx) allows everything. A 5xx or
// an unreachable robots.txt also allows: RFC 9309 says to assume complete
// disallow, but a news reader fetches a handful of pages a site itself
// advertises in its feed, so failing open is the useful choice; such
// results are cached for only RobotsErrorTTL. A Crawl-delay slower than
// Config.HostInterval slows that host's limiter (up to MaxCrawlDelay).
func (c *Client) robotsAllowed(ctx context.Context, u *url.URL) bool {
	origin := u.Scheme + "://" + u.Host
	now := c.now()
	c.robots.mu.Lock()
	e, ok := c.robots.entries[origin]
	c.robots.mu.Unlock()
	if !ok || now.After(e.expires) {
		v, _, _ := c.robots.group.Do(origin, func() (any, error) {
			// The fetch is shared by every caller waiting on this origin,
			// so one caller's cancellation must not end it, and the
			// cached result must not depend on who asked first.
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.Timeout)
			defer cancel()
			e := c.fetchRobots(ctx, origin)
			if e.data != nil {
				if g := e.data.FindGroup(RobotsAgent); g != nil && g.CrawlDelay > 0 {
					c.slowHost(hostKey(u), g.CrawlDelay)
				}
			}
			c.robots.mu.Lock()
			c.robots.entries[origin] = e
			c.robots.mu.Unlock()
			return e, nil
		})
		e = v.(robotsEntry)
	}
	return e.data == nil || e.data.TestAgent(robotsPath(u), RobotsAgent)
}

// robotsPath is the part of u that robots.txt rules match: the escaped
// path, "/" for none, and the query.
func robotsPath(u *url.URL) string {
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return path
}

func (c *Client) fetchRobots(ctx context.Context, origin string) robotsEntry {
	now := c.now()
	fail := robotsEntry{expires: now.Add(RobotsErrorTTL)}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return fail
	}
	hc := &http.Client{Transport: c.transport}
	resp, err := hc.Do(req)
	if err != nil {
		c.log.Debug("robots.txt unreachable; allowing", "origin", origin, "err", err)
		return fail
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		return robotsEntry{expires: now.Add(c.cfg.RobotsTTL)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		c.log.Debug("robots.txt failed; allowing", "origin", origin, "status", resp.StatusCode)
		return fail
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
	if err != nil {
		return fail
	}
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		c.log.Debug("robots.txt unparseable; allowing", "origin", origin, "err", err)
		return robotsEntry{expires: now.Add(c.cfg.RobotsTTL)}
	}
	return robotsEntry{data: data, expires: now.Add(c.cfg.RobotsTTL)}
}
