package web

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

func benchPage(b *testing.B, path string) {
	s, err := New(Config{}, fixtureStore(), nil)
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

func BenchmarkStoryPage(b *testing.B)   { benchPage(b, "/stories/7") }
func BenchmarkArticlePage(b *testing.B) { benchPage(b, "/articles/1?hl=4-11") }
func BenchmarkIndexPage(b *testing.B)   { benchPage(b, "/") }
func BenchmarkAPIStory(b *testing.B)    { benchPage(b, "/api/stories/7") }
func BenchmarkAtomFeed(b *testing.B)    { benchPage(b, "/feeds/stories.atom") }

// BenchmarkImportOPML imports a list of MaxImportFeeds feeds into an empty
// SQLite store through POST /api/sources/import: the longest import one
// request may make, which must stay well within WriteTimeout.
func BenchmarkImportOPML(b *testing.B) {
	doc := manyFeeds(MaxImportFeeds)
	for b.Loop() {
		b.StopTimer()
		st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "import.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		s, err := New(Config{APIToken: testToken}, st, nil)
		if err != nil {
			b.Fatal(err)
		}
		req := httptest.NewRequest("POST", "/api/sources/import", strings.NewReader(doc))
		req.Header.Set("Authorization", "Bearer "+testToken)
		req.Header.Set("Content-Type", "text/x-opml")
		rec := httptest.NewRecorder()
		b.StartTimer()
		s.Handler().ServeHTTP(rec, req)
		b.StopTimer()
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"skipped": []`) {
			b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
		}
		st.Close()
		b.StartTimer()
	}
}
