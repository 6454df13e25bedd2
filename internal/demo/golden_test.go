package demo

import (
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden pins the bytes of every feed, one page per template, the OPML
// list and the fault feed, so the wire stays deterministic and any change
// to what it serves is deliberate (go test -update to accept one).
func TestGolden(t *testing.T) {
	t.Parallel()
	w := mustWire(t)
	h := w.Handler()
	paths := map[string]string{"opml": "/opml", "faults-feed": "/faults/feed.xml", "robots": "/robots.txt"}
	seen := map[string]bool{}
	for _, o := range w.Outlets() {
		paths["feed-"+o.Slug] = o.FeedPath()
	}
	for _, a := range w.Articles() {
		tpl := w.outlet(a.Outlet).Template
		if !seen[tpl] {
			seen[tpl] = true
			paths["page-"+tpl] = a.Path
		}
	}
	for name, p := range paths {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(http.MethodGet, p, nil)
			req.Host = "wire.test"
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: status %d", p, rec.Code)
			}
			file := filepath.Join("testdata", "golden", name+".golden")
			got := rec.Body.String()
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("read golden (run go test -update): %v", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("GET %s differs from %s (-want +got):\n%s", p, file, diff)
			}
			if strings.Contains(got, "example.com") {
				t.Errorf("GET %s: absolute URLs ignore the request's host", p)
			}
		})
	}
}
