package web

import (
	"net/http/httptest"
	"testing"
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
