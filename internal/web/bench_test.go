package web

import (
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

func benchPage(b *testing.B, path string) { benchServe(b, fixtureStore(), path) }

// benchServe serves path from st, one request an iteration.
func benchServe(b *testing.B, st Store, path string) {
	s, err := New(Config{}, st, slog.New(slog.DiscardHandler))
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

// wideSQLite fills a SQLite store with n sources and n briefed stories:
// story 1 has an article from each source, and its briefing cites every
// one in its summary and lists it in its references (a story covered
// widely, the page whose cited articles scale); story i>1 cites article
// i. Each article's text is a few kilobytes, as an extracted page's is,
// so that reading it where a page needs only the title shows.
func wideSQLite(tb testing.TB, n int) *sqlite.Store {
	tb.Helper()
	ctx := tb.Context()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "wide.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	text := strings.Repeat("The council met on Monday to discuss the bridge repairs. ", 60)
	var summary, refs []news.Item
	for i := 1; i <= n; i++ {
		num := strconv.Itoa(i)
		src, err := st.AddSource(ctx, news.Source{Name: "Outlet " + num, URL: "https://outlet" + num + ".example/feed", Kind: news.SourceFeed})
		if err != nil {
			tb.Fatal(err)
		}
		if err := st.PutStory(ctx, news.Story{ID: int64(i), Title: "Story " + num, FirstSeen: t0, LastUpdated: t0.Add(time.Duration(i) * time.Minute),
			ArticleCount: 1, SourceCount: 1, Briefed: true}); err != nil {
			tb.Fatal(err)
		}
		a, _, err := st.AddArticle(ctx, news.Article{SourceID: src.ID, URL: "https://outlet" + num + ".example/bridge", Title: "Bridge report " + num,
			PublishedAt: t0, FetchedAt: t0, Text: text, Extraction: news.ExtractFull, Lang: "en"})
		if err != nil {
			tb.Fatal(err)
		}
		if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: 1}); err != nil {
			tb.Fatal(err)
		}
		c := news.Citation{ArticleID: a.ID, Start: 0, End: 20}
		summary = append(summary, news.Item{Text: "The council met on Monday.", Citations: []news.Citation{c}})
		refs = append(refs, news.Item{Outlet: "Outlet " + num, Text: "Bridge report " + num, URL: a.URL, Date: &t0, Citations: []news.Citation{c}})
		if i > 1 {
			if err := st.PutBriefing(ctx, news.Briefing{StoryID: int64(i), Headline: "Story " + num, GeneratedAt: t0, Sections: []news.Section{
				{Kind: news.SectionSummary, Title: "Summary", Items: []news.Item{{Text: "The council met on Monday.", Citations: []news.Citation{c}}}},
			}}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := st.PutBriefing(ctx, news.Briefing{StoryID: 1, Headline: "Bridge repairs", GeneratedAt: t0, Sections: []news.Section{
		{Kind: news.SectionSummary, Title: "Summary", Items: summary},
		{Kind: news.SectionReferences, Items: refs},
	}}); err != nil {
		tb.Fatal(err)
	}
	return st
}

// benchWide serves path from wideSQLite(50): a real store, so that the
// store calls a page makes, not only its rendering, are measured.
func benchWide(b *testing.B, path string) { benchServe(b, wideSQLite(b, 50), path) }

func BenchmarkWideStoryPage(b *testing.B) { benchWide(b, "/stories/1") }
func BenchmarkWideStoryMD(b *testing.B)   { benchWide(b, "/stories/1/briefing.md") }
func BenchmarkWideIndexPage(b *testing.B) { benchWide(b, "/") }
func BenchmarkWideAtomFeed(b *testing.B)  { benchWide(b, "/feeds/stories.atom") }
