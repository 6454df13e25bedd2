package fetch

import (
	"net/url"
	"testing"

	"github.com/temoto/robotstxt"
)

func TestRobotsPath(t *testing.T) {
	t.Parallel()
	tests := []struct{ url, want string }{
		{"https://example.org", "/"},
		{"https://example.org/", "/"},
		{"https://example.org/a/b%20c", "/a/b%20c"},
		{"https://example.org/search?q=x&p=2", "/search?q=x&p=2"},
		{"https://example.org?q=x", "/?q=x"},
		{"https://example.org/a#frag", "/a"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := robotsPath(u); got != tt.want {
			t.Errorf("robotsPath(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

// FuzzRobots feeds a site's robots.txt and a page URL, both untrusted,
// through the calls robotsAllowed makes: none may panic, and every path
// matched against the rules is rooted.
func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /private\nCrawl-delay: 5\n"), "https://example.org/private/x?y=1")
	f.Add([]byte("User-agent: newsdesk\nAllow: /news\nDisallow: /\n"), "https://example.org/news/a")
	f.Add([]byte("User-agent: newsdesk\nDisallow: /*?*$\nCrawl-delay: 1e300\n"), "https://example.org/?")
	f.Add([]byte("\xff\xfe\x00garbage\nAllow:\nDisallow"), "http://[::1]:80/%zz")
	f.Fuzz(func(t *testing.T, body []byte, raw string) {
		data, err := robotstxt.FromBytes(body)
		if err != nil {
			return
		}
		_ = data.FindGroup(RobotsAgent)
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return // the client fetches only absolute URLs
		}
		_ = data.TestAgent(robotsPath(u), RobotsAgent)

		if p := robotsPath(u); p == "" || p[0] != '/' {
			t.Errorf("robotsPath(%q) = %q, want a path from the root", raw, p)
		}
	})
}
