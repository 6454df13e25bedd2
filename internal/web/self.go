package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/newsdesk/newsdesk/internal/feed"
)

// ErrOwnSite is the refusal of a source on this newsdesk's own site: its
// feed of briefings, a story page, an article page. Each is newsdesk's
// own output (an article page is a copy of an article it already holds),
// and subscribed to it, its briefings would come back as articles, join
// the very stories they summarise and be cited by the next briefing: a
// briefing citing itself, which the trust model exists to rule out.
var ErrOwnSite = errors.New("is this newsdesk's own site: its briefings and pages would come back as articles and be cited by the briefings they came from")

// CheckNotOwnSite refuses rawURL, a source's URL, when it is on one of
// sites: this server's addresses, each a URL (Config.BaseURL, "https://
// news.example.org") or a host:port (the listen address, a request's
// Host). A site's host is compared by name, the scheme's default port
// standing for a missing one, http's 80 and https's 443 being the one site
// (a proxy answers both); a listen address on every interface (":8080",
// "0.0.0.0:8080", "[::]:8080") is reached through loopback, so it stands
// for every loopback name on its port; a source on "0.0.0.0" or "[::]"
// reaches this server through loopback too, on Linux, so it counts as a
// loopback name. A fully-qualified name's trailing dot ("localhost.") is
// dropped on both sides. IP addresses are read in their usual forms
// only: the numeric forms some resolvers take ("127.1", "2130706433")
// are not parsed as addresses, so they pass here. Only the address is
// compared: these, and a proxy or a redirect in between, are caught at
// poll time, by the instance its feed names (pipeline.Config.InstanceID).
func CheckNotOwnSite(rawURL string, sites ...string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return nil // not a URL this check can place; CheckURL refuses it
	}
	for _, site := range sites {
		if site == "" {
			continue
		}
		if onSite(u, site) {
			return fmt.Errorf("%s %w", rawURL, ErrOwnSite)
		}
	}
	return nil
}

// onSite reports whether u is on site, a URL or a host:port.
func onSite(u *url.URL, site string) bool {
	host, port := hostName(u.Hostname()), u.Port()
	var shost, sport string
	if strings.Contains(site, "://") {
		s, err := url.Parse(site)
		if err != nil || s.Hostname() == "" {
			return false
		}
		shost, sport = hostName(s.Hostname()), s.Port()
	} else {
		h, p, err := net.SplitHostPort(site)
		if err != nil {
			// A Host header without a port: the default of either scheme.
			h, p = site, ""
		}
		shost, sport = hostName(strings.Trim(h, "[]")), p
		if isUnspecified(shost) {
			// Listening on every interface: reached at least through
			// loopback.
			return reachesLoopback(host) && samePort(port, sport)
		}
	}
	if host != shost && !(reachesLoopback(host) && isLoopback(shost)) {
		return false
	}
	return samePort(port, sport)
}

// samePort compares two ports as url.URL.Port gives them, "" (the
// scheme's default), 80 and 443 being one site behind a proxy, whatever
// the scheme.
func samePort(a, b string) bool {
	def := func(p string) bool { return p == "" || p == "80" || p == "443" }
	if def(a) && def(b) {
		return true
	}
	return a == b
}

// hostName is host in lower case without a fully-qualified name's
// trailing dot: "News.Example.org." and "news.example.org" are one host.
func hostName(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

func isUnspecified(host string) bool {
	if host == "" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// reachesLoopback reports whether a source on host reaches this server
// through loopback: a loopback name, or the unspecified address, which a
// connection on Linux takes for the local host.
func reachesLoopback(host string) bool {
	if isLoopback(host) {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

// ownSites are the addresses this server answers at, as r reached it: the
// configured base URL, the listen address and the request's Host, the
// last two because the base URL is often unset and a client may name the
// server by any of its names.
func (s *Server) ownSites(r *http.Request) []string {
	return []string{s.cfg.BaseURL, s.cfg.ListenAddr, r.Host}
}

// instanceURN names this instance (feed.InstanceURNPrefix and
// Config.InstanceID), "" when it has no ID.
func (s *Server) instanceURN() string {
	if s.cfg.InstanceID == "" {
		return ""
	}
	return feed.InstanceURNPrefix + s.cfg.InstanceID
}

// generator is the content of every page's <meta name="generator">:
// "newsdesk" and the instance's URN, as the Atom feed's generator names
// it. A poll reads it back (feed.PageNamesInstance) to refuse a page of
// this desk however it reached it: a story page added as a page source
// through a proxy or by another host name, or linked by a feed's item
// (a copy of this desk's feed that lost its generator), whose text is a
// briefing of this desk.
func (s *Server) generator() string {
	if urn := s.instanceURN(); urn != "" {
		return "newsdesk " + urn
	}
	return "newsdesk"
}
