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
	for _, in := range []string{"", "/relative", "example.com/a", "ftp://example.com/", "mailto:a@b.c", "javascript:alert(1)", "https://", "https:///path", "http://%41/", "https:opaque"} {
		if got, err := CanonicalURL(in); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want error", in, got)
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
