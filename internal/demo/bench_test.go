package demo

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Pages and feeds are rendered per request; these show what that costs.
func BenchmarkServe(b *testing.B) {
	w := mustWire(b)
	h := w.Handler()
	for _, bc := range []struct{ name, path string }{
		{"article", w.Articles()[0].Path},
		{"rss", "/outlets/harbor-courier/feed.xml"},
		{"atom", "/outlets/daily-post/feed.xml"},
		{"jsonfeed", "/outlets/meridian-wire/feed.json"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
