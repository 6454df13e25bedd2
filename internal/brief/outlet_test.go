package brief

import (
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestOutletHostFallback checks the name Outlet falls back to for a page
// whose source has no name and which names no publisher: its host as a
// reader would type it, the port kept when the URL gives one its scheme
// does not default to. Without the port, "newsdesk brief" named pages of
// a local server "127.0.0.1", and two sites on one host's two ports were
// one outlet, listed once among a briefing's sources.
func TestOutletHostFallback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, want string
	}{
		{"https://www.rivertimes.example/a", "rivertimes.example"},
		{"https://News.Example.org./a", "news.example.org"},
		{"https://news.example.org:443/a", "news.example.org"},
		{"http://news.example.org:80/a", "news.example.org"},
		{"https://news.example.org:8443/a", "news.example.org:8443"},
		{"http://127.0.0.1:18505/outlets/meridian/a.html", "127.0.0.1:18505"},
		{"http://localhost:8080/a", "localhost:8080"},
		{"http://[::1]:8080/a", "[::1]:8080"},
		{"http://[2001:db8::1]/a", "2001:db8::1"},
		{"not a url", ""},
	}
	for _, tt := range tests {
		if got := Outlet(news.Article{URL: tt.url}, nil); got != tt.want {
			t.Errorf("Outlet(%s) = %q, want %q", tt.url, got, tt.want)
		}
	}
	// A name or a publisher still wins over the host.
	a := news.Article{SourceID: 1, URL: "http://127.0.0.1:18505/a", Publisher: "Meridian Wire Service"}
	if got := Outlet(a, nil); got != "Meridian Wire Service" {
		t.Errorf("Outlet with a publisher = %q", got)
	}
	if got := Outlet(a, map[int64]news.Source{1: {ID: 1, Name: "Meridian"}}); got != "Meridian" {
		t.Errorf("Outlet with a source name = %q", got)
	}
}
