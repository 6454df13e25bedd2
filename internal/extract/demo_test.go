package extract_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/eval/extracteval"
	"github.com/newsdesk/newsdesk/internal/extract"
)

// TestDemoPagesNoise extracts every page of the bundled demo corpus, whose
// templates surround each article with navigation, ads, a cookie banner,
// related links and reader comments. None of that may reach the text (a
// comment in a briefing would put words in an outlet's mouth), and the
// article's own words must.
func TestDemoPagesNoise(t *testing.T) {
	t.Parallel()
	w, err := demo.NewWire(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w.Handler())
	defer srv.Close()
	for _, a := range w.Articles() {
		t.Run(a.Path, func(t *testing.T) {
			resp, err := http.Get(srv.URL + a.Path)
			if err != nil {
				t.Fatal(err)
			}
			page, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			res, err := extract.Extract(page, srv.URL+a.Path)
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			for _, noise := range w.Noise(a) {
				probe := noise
				if len(probe) > 40 {
					probe = probe[:strings.LastIndexByte(probe[:40], ' ')]
				}
				if strings.Contains(res.Text, probe) {
					t.Errorf("text contains page furniture %q", probe)
				}
			}
			if r := extracteval.WordPRF(a.Body, res.Text).R; r < 0.9 {
				t.Errorf("text holds %.2f of the article's words, want at least 0.90", r)
			}
		})
	}
}
