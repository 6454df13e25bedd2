package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// searchArticle stores an article of the story storyID, grouped, so that
// SearchStories sees it.
func searchArticle(t testing.TB, st store.Store, storyID int64, url, title, text string) news.Article {
	t.Helper()
	a := mustArticle(t, st, news.Article{URL: url, Title: title, Text: text, Lang: "en",
		FetchedAt: day0, Extraction: news.ExtractFull})
	if storyID != 0 {
		if err := st.SetArticleGroup(context.Background(), a.ID, store.Group{StoryID: storyID, ThreadID: storyID}); err != nil {
			t.Fatalf("SetArticleGroup: %v", err)
		}
	}
	return a
}

func search(t *testing.T, st store.Store, text string) []int64 {
	t.Helper()
	q, err := store.ParseQuery(text)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", text, err)
	}
	res, err := st.SearchStories(context.Background(), store.SearchPage{Query: q, Limit: 10})
	if err != nil {
		t.Fatalf("SearchStories(%q): %v", text, err)
	}
	var ids []int64
	for _, h := range res.Hits {
		ids = append(ids, h.Story.ID)
	}
	return ids
}

// testSearchStories checks the matching, the ranking, the best article,
// the paging and that hostile input is only words.
func testSearchStories(t *testing.T, st store.Store) {
	ctx := context.Background()
	for i, s := range []news.Story{
		{ID: 1, Title: "Port strike", LastUpdated: day0},
		{ID: 2, Title: "Harbour", LastUpdated: day0.Add(time.Hour)},
		{ID: 3, Title: "Elecciones", LastUpdated: day0.Add(2 * time.Hour)},
		{ID: 4, Title: "Other port", LastUpdated: day0.Add(3 * time.Hour)},
		{ID: 5, Title: "Trade", LastUpdated: day0.Add(4 * time.Hour)},
	} {
		s.ThreadID = s.ID
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatalf("PutStory %d: %v", i, err)
		}
	}
	searchArticle(t, st, 1, "https://a.example/1", "Dockworkers strike at the port",
		"Dockworkers at the port walked out on Monday over pay. The port strike closed three terminals.")
	best := searchArticle(t, st, 2, "https://a.example/2", "Harbour traffic",
		"Ships waited outside the harbour. A strike at the port was mentioned once.")
	searchArticle(t, st, 3, "https://a.example/3", "La política de las elecciones",
		"Los votantes acudieron a las urnas el domingo.")
	searchArticle(t, st, 4, "https://a.example/4", "A new port opens", "The port opened to ships.")
	searchArticle(t, st, 5, "https://a.example/6", "Trade talks", "U.S. harbours listed at example.com are well-known_names. МОСКВА replied.")
	// Not grouped into a story: never a result.
	searchArticle(t, st, 0, "https://a.example/5", "Port strike spreads", "The port strike spreads.")

	// Story 1 says "strike" and "port" most, in its title too: both
	// bm25 and ts_rank put it first.
	if diff := cmp.Diff([]int64{1, 2}, search(t, st, "port strike")); diff != "" {
		t.Errorf("ranked search (-want +got):\n%s", diff)
	}
	// The rest compare the set of stories found: the back ends' scores
	// differ in how they weigh a short article.
	tests := []struct {
		query string
		want  []int64
	}{
		{"port strike", []int64{1, 2}},
		{"STRIKE", []int64{1, 2}},
		{`"port strike"`, []int64{1}},
		{`"strike port"`, nil},
		{"port", []int64{1, 2, 4}},
		{"politica", []int64{3}}, // both back ends fold accents: see testSearchFolding
		{"votantes domingo", []int64{3}},
		{"nothing-like-this", nil},
		// Punctuation splits words the same way in the query and in the
		// text, on both back ends.
		{"U.S.", []int64{5}},
		{"u s harbours", []int64{5}},
		{"example.com", []int64{5}},
		{`"well known"`, []int64{5}},
		{"well-known_names", []int64{5}},
		{"com.example", nil},
		// Neither back end stems (FTS5's unicode61 tokenizer has no
		// porter stage; PostgreSQL's 'simple' configuration none): a
		// word finds itself only, on both. Changing either side alone
		// (porter, or 'english') fails here.
		{"strikes", nil},
		{"walk", nil}, // the text says "walked"
		{"ship", nil}, // "ships"
		{"harbour", []int64{2}},
		// Case folds beyond ASCII on both (PostgreSQL through the
		// database's LC_CTYPE, a UTF-8 one).
		{"москва", []int64{5}},
		// Syntax of either back end is words here.
		{`port OR harbour`, nil},
		{`NEAR(port strike)`, nil}, // the phrase "near port strike"
		{`-port`, []int64{1, 2, 4}},
		{`port*`, []int64{1, 2, 4}},
		{`title:port`, nil},     // the phrase "title port"
		{`"unclosed port`, nil}, // the phrase "unclosed port"
		{`"port" "`, []int64{1, 2, 4}},
		{`port & !strike | (x:*)`, nil},
		{`'port'`, []int64{1, 2, 4}},
		{`"port strike" ships`, nil},
		{`"at the port" monday`, []int64{1}},
	}
	for _, tt := range tests {
		got := search(t, st, tt.query)
		slices.Sort(got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("search %q (-want +got):\n%s", tt.query, diff)
		}
	}

	q, _ := store.ParseQuery("harbour")
	res, err := st.SearchStories(ctx, store.SearchPage{Query: q, Limit: 10})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("SearchStories(harbour) = %+v, %v", res, err)
	}
	if h := res.Hits[0]; h.Article.ID != best.ID || h.Article.Text != best.Text {
		t.Errorf("hit's article = %d %q, want %d with its text", h.Article.ID, h.Article.Text, best.ID)
	}

	// Paging by offset, a story a page, gives the one-page order.
	q, _ = store.ParseQuery("port")
	var paged []int64
	for off := 0; ; off++ {
		res, err := st.SearchStories(ctx, store.SearchPage{Query: q, Limit: 1, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.Story.ID)
		}
		if !res.More {
			break
		}
	}
	if diff := cmp.Diff(search(t, st, "port"), paged); diff != "" || len(paged) != 3 {
		t.Errorf("paged search (-want +got):\n%s", diff)
	}
	for _, bad := range []store.SearchPage{
		{Query: q, Limit: 0}, {Query: q, Limit: store.MaxSearchLimit + 1},
		{Query: q, Limit: 1, Offset: -1}, {Query: q, Limit: 1, Offset: store.MaxSearchOffset + 1},
		{Limit: 1},
	} {
		if _, err := st.SearchStories(ctx, bad); err == nil {
			t.Errorf("SearchStories(%+v) = nil error, want one", bad)
		}
	}

}

// testSearchFolding checks that a search folds accents as SQLite's FTS5
// (unicode61 remove_diacritics 2) does, on both back ends: a letter and
// its accents are one letter, whichever side has the accent, precomposed
// or as a combining mark (NFD text); letters that are not a base letter
// with a mark (ł, ø) are left as they are by both.
func testSearchFolding(t *testing.T, st store.Store) {
	for i, title := range []string{"Café society", "São Paulo floods", "Kraków and Łódź", "Jalapeño cafe"} {
		id := int64(i + 1)
		if err := st.PutStory(context.Background(), news.Story{ID: id, ThreadID: id, Title: title, LastUpdated: day0}); err != nil {
			t.Fatalf("PutStory: %v", err)
		}
	}
	searchArticle(t, st, 1, "https://a.example/cafe", "Café society", "The CAFÉ on the corner reopened.")
	searchArticle(t, st, 2, "https://a.example/sao", "São Paulo floods", "Rain closed roads in São Paulo.")
	searchArticle(t, st, 3, "https://a.example/krakow", "Kraków and Łódź", "Trains between Kraków and Łódź ran late.")
	searchArticle(t, st, 4, "https://a.example/jalapeno", "Jalapeño cafe", "A jalapeño stand opened.")
	tests := []struct {
		query string
		want  []int64
	}{
		{"cafe", []int64{1, 4}},
		{"café", []int64{1, 4}},
		{"CAFÉ", []int64{1, 4}},
		{"Sao Paulo", []int64{2}},
		{`"sao paulo"`, []int64{2}},
		{"são paulo", []int64{2}},
		{"krakow", []int64{3}},
		{"jalapeno", []int64{4}},
		{"łodz", []int64{3}},
		{"lodz", nil},
	}
	for _, tt := range tests {
		got := search(t, st, tt.query)
		slices.Sort(got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("search %q (-want +got):\n%s", tt.query, diff)
		}
	}
}

// testSearchLongArticle stores an article whose text is far longer than
// any article, of words that never repeat: PostgreSQL refuses a tsvector
// over 1 MB, and the generated column would make the insert itself fail,
// losing the article. It must be stored, and found by its opening words.
func testSearchLongArticle(t *testing.T, st store.Store) {
	if err := st.PutStory(context.Background(), news.Story{ID: 1, ThreadID: 1, Title: "Long", LastUpdated: day0}); err != nil {
		t.Fatalf("PutStory: %v", err)
	}
	var b strings.Builder
	b.WriteString("Quarantined lighthouse keepers. ")
	for i := 0; b.Len() < 4<<20; i++ {
		fmt.Fprintf(&b, "w%dx%d ", i, i*7919)
	}
	searchArticle(t, st, 1, "https://a.example/long", "A very long page", b.String())
	if diff := cmp.Diff([]int64{1}, search(t, st, "lighthouse keepers")); diff != "" {
		t.Errorf("search of a long article's opening (-want +got):\n%s", diff)
	}
}

// testCategoryStories pages one category's ranked list.
func testCategoryStories(t *testing.T, st store.Store) {
	ctx := context.Background()
	var want []int64
	for i := range 9 {
		s := news.Story{ID: int64(i + 1), ThreadID: int64(i + 1), Category: []string{"world", "sport", ""}[i%3],
			LastUpdated: day0.Add(time.Duration(i) * time.Hour), SourceCount: 1}
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		if s.Category == "world" {
			want = append([]int64{s.ID}, want...)
		}
	}
	var got []int64
	p := store.StoryPage{Limit: 2, Category: "world"}
	for {
		page, err := st.RankedStories(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, idsOf(page.Stories)...)
		if page.Next.IsZero() {
			break
		}
		p.After = page.Next
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("world stories (-want +got):\n%s", diff)
	}
	// Back from the last story: the two before it, and nothing before them.
	page, err := st.RankedStories(ctx, store.StoryPage{Limit: 2, Category: "world", Before: store.StoryCursor{Rank: store.StoryRank(news.Story{LastUpdated: day0, SourceCount: 1}, time.Time{}), ID: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{7, 4}, idsOf(page.Stories)); diff != "" || !page.Prev.IsZero() {
		t.Errorf("world page before story 1 = %v prev %v (-want +got):\n%s", idsOf(page.Stories), page.Prev, diff)
	}
	page, err = st.RankedStories(ctx, store.StoryPage{Limit: 10, Category: "none"})
	if err != nil || len(page.Stories) != 0 {
		t.Errorf("RankedStories(category none) = %v, %v; want none", idsOf(page.Stories), err)
	}
}

// runSearchUpgrade checks that the migration adding search indexes the
// articles an older newsdesk stored, and that the later one folding
// accents on PostgreSQL (0009_search_fold.sql) indexes them again.
func runSearchUpgrade(t *testing.T, u Upgrade) {
	ctx := context.Background()
	u.migrateTo(t, "_article_search.sql")
	if _, err := u.Raw.ExecContext(ctx, `INSERT INTO stories (id, thread_id, title, category, article_count, source_count, briefed)
		VALUES (7, 7, 'Old', 'world', 1, 1, false)`); err != nil {
		t.Fatalf("insert story: %v", err)
	}
	if _, err := u.Raw.ExecContext(ctx, `INSERT INTO articles (id, url, title, text, fetched_at, sort_time, extraction, story_id)
		VALUES (70, 'https://old.example/a', 'Old flood warning', 'The river rose overnight in São Paulo.', 1, 1, 'full', 7)`); err != nil {
		t.Fatalf("insert article: %v", err)
	}
	st, err := u.Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	for _, q := range []string{"river overnight", "sao paulo"} {
		if diff := cmp.Diff([]int64{7}, search(t, st, q)); diff != "" {
			t.Errorf("search %q after the upgrade (-want +got):\n%s", q, diff)
		}
	}
}

// BenchSearch measures a two-word search over n stored articles, in
// n/10 stories, a tenth of the articles holding both words.
func BenchSearch(b *testing.B, st store.Store, n int) {
	ctx := context.Background()
	words := []string{"harbour", "election", "budget", "storm", "court", "vaccine", "transfer", "drought", "strike", "bridge"}
	for i := range n / 10 {
		if err := st.PutStory(ctx, news.Story{ID: int64(i + 1), ThreadID: int64(i + 1), LastUpdated: day0.Add(time.Duration(i) * time.Minute)}); err != nil {
			b.Fatal(err)
		}
	}
	for i := range n {
		w1, w2 := words[i%10], words[(i/10)%10]
		text := fmt.Sprintf("Reporters followed the %s and the %s for article %d. ", w1, w2, i)
		for range 20 {
			text += "The council met on Tuesday and the minister answered questions from the press. "
		}
		a, _, err := st.AddArticle(ctx, news.Article{URL: fmt.Sprintf("https://bench.example/%d", i),
			Title: fmt.Sprintf("The %s report %d", w1, i), Text: text, FetchedAt: day0, Extraction: news.ExtractFull})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: int64(i/10 + 1), ThreadID: int64(i/10 + 1)}); err != nil {
			b.Fatal(err)
		}
	}
	q, err := store.ParseQuery("storm court")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := st.SearchStories(ctx, store.SearchPage{Query: q, Limit: 20})
		if err != nil || len(res.Hits) == 0 {
			b.Fatalf("SearchStories = %d hits, %v", len(res.Hits), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}
