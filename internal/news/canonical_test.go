package news

import (
	"fmt"
	"strings"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"https://Example.COM/News/Story.html", "https://example.com/News/Story.html"},
		{"HTTP://example.com:80/a", "http://example.com/a"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"http://example.com:443/a", "http://example.com:443/a"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://example.com/a#comments", "https://example.com/a"},
		{"https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"},
		{"https://example.com/a?UTM_Campaign=x&fbclid=1&gclid=2&page=2&b=1", "https://example.com/a?b=1&page=2"},
		{"https://example.com/a?z=1&a=2&m=3&a=1", "https://example.com/a?a=2&a=1&m=3&z=1"},
		{"https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&yclid=4&_ga=5&ref_src=6&cmpid=7&msclkid=8&dclid=9", "https://example.com/a"},
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/a?&&x=1&", "https://example.com/a?x=1"},
		{"https://example.com/a?q=caf%C3%A9+cr%C3%A8me&a=b%20c", "https://example.com/a?a=b%20c&q=caf%C3%A9+cr%C3%A8me"},
		{"https://example.com/A/B/", "https://example.com/A/B/"},
		{"https://example.com/a%2Fb/c", "https://example.com/a%2Fb/c"},
		{"  https://example.com/a  ", "https://example.com/a"},
		{"https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"},
		{"https://[2001:db8::1]:8080/a", "https://[2001:db8::1]:8080/a"},
		{"https://user@example.com/a", "https://user@example.com/a"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(tt.in)
		if err != nil {
			t.Errorf("CanonicalURL(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonicalURLRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "/relative", "example.com/a", "ftp://example.com/", "mailto:a@b.c", "javascript:alert(1)", "https://", "https:///path", "http://%41/", "https:opaque",
		// A bracket outside an IPv6 literal, which url.Parse takes:
		// "http://]:00" was "http://:00/", with no host (FuzzSourceURL).
		"http://]:00", "http://]/", "https://a]/feed", "https://a[b/feed"} {
		if got, err := CanonicalURL(in); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want error", in, got)
		}
		if got, err := SourceURL(in); err == nil {
			t.Errorf("SourceURL(%q) = %q, want error", in, got)
		}
		if got, err := CheckURL("url", in); err == nil {
			t.Errorf("CheckURL(%q) = %q, want error", in, got)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{"https://Example.com:443/a?utm_source=x&b=2&a=1#f", "http://[::1]:80/", "https://x/?a=%zz", "http://a.b./c?&", "https://x/%41?;=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := CanonicalURL(in)
		if err != nil {
			return
		}
		if !strings.HasPrefix(out, "http://") && !strings.HasPrefix(out, "https://") {
			t.Fatalf("CanonicalURL(%q) = %q: not http(s)", in, out)
		}
		again, err := CanonicalURL(out)
		if err != nil {
			t.Fatalf("CanonicalURL(%q) = %q, which does not canonicalise again: %v", in, out, err)
		}
		if again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
	})
}

func BenchmarkCanonicalURL(b *testing.B) {
	const in = "https://News.Example.com:443/world/2026/11/27/story-title?utm_source=rss&utm_medium=feed&id=42&page=2#comments"
	for b.Loop() {
		if _, err := CanonicalURL(in); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleCanonicalURL() {
	u, _ := CanonicalURL("HTTPS://News.Example.com:443/World/Story?utm_source=rss&b=2&a=1&fbclid=xyz#top")
	fmt.Println(u)
	// Output: https://news.example.com/World/Story?a=1&b=2
}

// TestSourceURL checks the RFC 3986 section 6.2.2 normalisation of a
// source's URL, on top of CanonicalURL's: spellings a server must take for
// one resource are one source (dogfood round 8: "/./feed.xml",
// "/x/../feed.xml" and "/%66eed.xml" were second subscriptions).
func TestSourceURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"as is", "http://127.0.0.1:18933/feed.xml", "http://127.0.0.1:18933/feed.xml"},
		{"dot segment", "http://127.0.0.1:18933/./feed.xml", "http://127.0.0.1:18933/feed.xml"},
		{"dot-dot segment", "http://127.0.0.1:18933/x/../feed.xml", "http://127.0.0.1:18933/feed.xml"},
		{"unreserved encoded", "http://127.0.0.1:18933/%66eed.xml", "http://127.0.0.1:18933/feed.xml"},
		{"unreserved encoded lower-case", "https://example.com/%7euser/%2d%2E%5f", "https://example.com/~user/-._"},
		{"encoded dots are dot segments", "https://example.com/a/%2E%2e/feed", "https://example.com/feed"},
		{"dot-dot above the root", "https://example.com/../../feed", "https://example.com/feed"},
		{"trailing dot-dot", "https://example.com/a/b/..", "https://example.com/a/"},
		{"trailing dot", "https://example.com/a/.", "https://example.com/a/"},
		{"empty segment kept", "https://example.com/a//b", "https://example.com/a//b"},
		{"dot-dot over an empty segment", "https://example.com/a//../b", "https://example.com/a/b"},
		{"dots in a name kept", "https://example.com/a.../..b/.c", "https://example.com/a.../..b/.c"},
		{"encoded slash inside the segment dot-dot removes", "https://example.com/a%2fb/../c", "https://example.com/c"},
		{"encoded slash upper-cased", "https://example.com/a%2fb", "https://example.com/a%2Fb"},
		{"encoded slash divides no segment", "https://example.com/a%2F..%2Fb", "https://example.com/a%2F..%2Fb"},
		{"reserved upper-cased", "https://example.com/caf%c3%a9%3a", "https://example.com/caf%C3%A9%3A"},
		{"non-ASCII encoded as now", "https://example.com/españa", "https://example.com/espa%C3%B1a"},
		{"empty path", "HTTP://Example.COM:80", "http://example.com/"},
		{"scheme, host and default port", "HTTPS://Example.COM:443/./Feed", "https://example.com/Feed"},
		{"case of the path kept", "https://example.com/A/B/", "https://example.com/A/B/"},
		{"fragment dropped", "https://example.com/feed#top", "https://example.com/feed"},
		{"query kept, unreserved decoded", "https://example.com/feed?%66ormat=rss&q=%7e", "https://example.com/feed?format=rss&q=~"},
		{"query reserved upper-cased, plus kept", "https://example.com/feed?q=a%2bb+c%2fd", "https://example.com/feed?q=a%2Bb+c%2Fd"},
		{"query dot segments kept", "https://example.com/feed?p=/./x/../y", "https://example.com/feed?p=/./x/../y"},
		{"query bad escape kept", "https://example.com/feed?q=%zz", "https://example.com/feed?q=%zz"},
		{"query sorted as CanonicalURL sorts", "https://example.com/feed?b=1&a=2", "https://example.com/feed?a=2&b=1"},
		{"host's trailing dots", "https://Example.com../feed", "https://example.com/feed"},
		{"IPv6 host", "http://[2001:DB8::1]:80/./feed", "http://[2001:db8::1]/feed"},
		{"IPv6 host with port", "https://[2001:db8::1]:8443/x/../feed", "https://[2001:db8::1]:8443/feed"},
		{"user info kept as CanonicalURL keeps it", "https://user@example.com/./a", "https://user@example.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := SourceURL(tt.in)
			if err != nil {
				t.Fatalf("SourceURL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("SourceURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again, err := SourceURL(got); err != nil || again != got {
				t.Errorf("SourceURL(%q) = %q, %v: not idempotent", got, again, err)
			}
			if key := SourceKey(tt.in); key != tt.want {
				t.Errorf("SourceKey(%q) = %q, want %q", tt.in, key, tt.want)
			}
		})
	}
}

// TestSourceURLHostAsCanonical checks that SourceURL leaves the host as
// CanonicalURL does: an IDN host as written (lower-cased), not in
// Punycode, so that a stored source keeps its key's host.
func TestSourceURLHostAsCanonical(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"https://Bücher.Example/feed", "https://xn--bcher-kva.example/feed", "http://[::1]/", "https://example.com.:8080/"} {
		want, err := CanonicalURL(in)
		if err != nil {
			t.Fatalf("CanonicalURL(%q): %v", in, err)
		}
		if got, err := SourceURL(in); err != nil || got != want {
			t.Errorf("SourceURL(%q) = %q, %v; want %q, CanonicalURL's", in, got, err, want)
		}
	}
}

// TestCheckURLNormalises checks that CheckURL, which every URL that
// becomes a source's passes, returns the SourceURL form, and refuses user
// info as before.
func TestCheckURLNormalises(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"http://127.0.0.1:18933/./feed.xml", "http://127.0.0.1:18933/x/../feed.xml", "http://127.0.0.1:18933/%66eed.xml", "HTTP://127.0.0.1:18933/feed.xml#top"} {
		if got, err := CheckURL("url", in); err != nil || got != "http://127.0.0.1:18933/feed.xml" {
			t.Errorf("CheckURL(%q) = %q, %v; want http://127.0.0.1:18933/feed.xml", in, got, err)
		}
	}
	if got, err := CheckURL("url", "https://user:pw@example.com/./feed"); err == nil {
		t.Errorf("CheckURL with user info = %q, want an error", got)
	}
}

func FuzzSourceURL(f *testing.F) {
	for _, s := range []string{"https://Example.com:443/./a/../b%7e%2f?%66=1#f", "http://[::1]:80/..", "https://x/%2E%2E/%zz", "http://a/b/c/./../../g"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := SourceURL(in)
		if err != nil {
			return
		}
		again, err := SourceURL(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", in, out, again, err)
		}
	})
}
