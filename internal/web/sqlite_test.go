package web

import (
	"cmp"
	"context"
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// sqliteFixture loads the fixture into a real SQLite store in a temporary
// directory, with the same IDs.
func sqliteFixture(t *testing.T) Store {
	t.Helper()
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := fixtureStore()
	for _, s := range sortedByID(m.sources, func(s news.Source) int64 { return s.ID }) {
		got, err := st.AddSource(ctx, s)
		if err != nil || got.ID != s.ID {
			t.Fatalf("add source %d: got ID %d, %v", s.ID, got.ID, err)
		}
	}
	for _, s := range sortedByID(m.stories, func(s news.Story) int64 { return s.ID }) {
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range sortedByID(m.articles, func(a news.Article) int64 { return a.ID }) {
		got, _, err := st.AddArticle(ctx, a)
		if err != nil || got.ID != a.ID {
			t.Fatalf("add article %d: got ID %d, %v", a.ID, got.ID, err)
		}
		if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: a.StoryID, ThreadID: a.ThreadID, DuplicateOf: a.DuplicateOf, Translation: a.Translation}); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range m.briefings {
		if err := st.PutBriefing(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func sortedByID[T any](m map[int64]T, id func(T) int64) []T {
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

// eachStore runs f on the fixture in memory and in SQLite.
func eachStore(t *testing.T, f func(t *testing.T, st Store)) {
	t.Helper()
	t.Run("mem", func(t *testing.T) {
		t.Parallel()
		f(t, fixtureStore())
	})
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		f(t, sqliteFixture(t))
	})
}

// TestRelatedStoryGone checks that a briefing naming a related story that
// retention removed links only the stories still stored, on the page and
// in the API, until the pipeline briefs it again; a briefing whose every
// related story is gone shows no related section.
func TestRelatedStoryGone(t *testing.T) {
	t.Parallel()
	st := sqliteFixture(t)
	put := func(b news.Briefing) {
		t.Helper()
		if err := st.(*sqlite.Store).PutBriefing(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	related := func(ids ...int64) news.Section {
		sec := news.Section{Kind: news.SectionRelated, Title: "Related stories"}
		for _, id := range ids {
			sec.Items = append(sec.Items, news.Item{Text: "Story " + strconv.FormatInt(id, 10), StoryID: id})
		}
		return sec
	}
	put(news.Briefing{StoryID: 8, Headline: "Ferry", Sections: []news.Section{related(7, 999)}})
	ts := newTestServer(t, Config{}, st)
	tests := []struct {
		path      string
		want, not []string
	}{
		{"/stories/8", []string{`href="/stories/7"`}, []string{"/stories/999", "Story 999"}},
		{"/api/stories/8", []string{`"story_id": 7`}, []string{`"story_id": 999`}},
	}
	for _, tt := range tests {
		r := do(t, "GET", ts.URL+tt.path, nil, "")
		if r.status != 200 {
			t.Fatalf("%s: status %d", tt.path, r.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.body, w) {
				t.Errorf("%s lacks %q", tt.path, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(r.body, n) {
				t.Errorf("%s still shows %q", tt.path, n)
			}
		}
	}
	put(news.Briefing{StoryID: 8, Headline: "Ferry", Sections: []news.Section{related(998, 999)}})
	if r := do(t, "GET", ts.URL+"/api/stories/8", nil, ""); strings.Contains(r.body, `"related"`) {
		t.Errorf("a related section of gone stories only is still shown: %s", r.body)
	}
}

// TestRelatedStoryRetitled checks that a related story is named by its
// current title on the page, in the API and in the Markdown export: a
// story's headline is chosen again as its coverage grows, and a briefing
// that named it under an earlier title is not written again unless its
// own story changes.
func TestRelatedStoryRetitled(t *testing.T) {
	t.Parallel()
	st := sqliteFixture(t)
	const current = "Bridge reopens after repairs"
	seven, err := st.Story(t.Context(), 7)
	if err != nil {
		t.Fatal(err)
	}
	seven.Title = current
	if err := st.(*sqlite.Store).PutStory(t.Context(), seven); err != nil {
		t.Fatal(err)
	}
	if err := st.(*sqlite.Store).PutBriefing(t.Context(), news.Briefing{StoryID: 8, Headline: "Ferry", Sections: []news.Section{{
		Kind: news.SectionRelated, Title: "Related stories",
		Items: []news.Item{{Text: "An earlier title of story seven", StoryID: 7}},
	}}}); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, Config{}, st)
	tests := []struct {
		path string
		want string
	}{
		{"/stories/8", current},
		{"/api/stories/8", `"text": "` + current + `"`},
		{"/stories/8/briefing.md", current},
	}
	for _, tt := range tests {
		r := do(t, "GET", ts.URL+tt.path, nil, "")
		if r.status != 200 {
			t.Fatalf("%s: status %d", tt.path, r.status)
		}
		if !strings.Contains(r.body, tt.want) {
			t.Errorf("%s lacks the current title %q", tt.path, tt.want)
		}
		if strings.Contains(r.body, "An earlier title") {
			t.Errorf("%s still names the related story by its earlier title", tt.path)
		}
	}
}

// countingStore counts the calls of every method that reads by ID, one
// or many.
type countingStore struct {
	Store
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingStore) count(method string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.calls == nil {
		c.calls = map[string]int{}
	}
	c.calls[method]++
}

func (c *countingStore) Story(ctx context.Context, id int64) (news.Story, error) {
	c.count("Story")
	return c.Store.Story(ctx, id)
}

func (c *countingStore) StoriesByID(ctx context.Context, ids []int64) (map[int64]news.Story, error) {
	c.count("StoriesByID")
	return c.Store.StoriesByID(ctx, ids)
}

func (c *countingStore) Article(ctx context.Context, id int64) (news.Article, error) {
	c.count("Article")
	return c.Store.Article(ctx, id)
}

func (c *countingStore) ArticlesByID(ctx context.Context, ids []int64) (map[int64]news.Article, error) {
	c.count("ArticlesByID")
	return c.Store.ArticlesByID(ctx, ids)
}

func (c *countingStore) Briefing(ctx context.Context, id int64) (news.Briefing, error) {
	c.count("Briefing")
	return c.Store.Briefing(ctx, id)
}

func (c *countingStore) BriefingsByID(ctx context.Context, ids []int64) (map[int64]news.Briefing, error) {
	c.count("BriefingsByID")
	return c.Store.BriefingsByID(ctx, ids)
}

// reset returns the calls counted since the last reset, and resets.
func (c *countingStore) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	calls := c.calls
	c.calls = nil
	return calls
}

// TestPrunedRelatedStories prunes two old stories from a real SQLite store
// while a kept story's briefing still names them as related and cites one
// of their articles in its background, as it does until the pipeline
// briefs it again, and checks that the briefing's page, JSON and Markdown
// name neither, that no link the page has answers 404, and that the
// related stories are looked up with one query, not one each.
func TestPrunedRelatedStories(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	sq := sqliteFixture(t).(*sqlite.Store)
	old := t0.AddDate(0, 0, -100)
	for _, id := range []int64{9, 10} {
		s := news.Story{ID: id, ThreadID: 5, Title: "Old story " + strconv.FormatInt(id, 10), FirstSeen: old, LastUpdated: old, ArticleCount: 1, SourceCount: 1}
		if err := sq.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		a, _, err := sq.AddArticle(ctx, news.Article{SourceID: 1, URL: "https://stadtblatt.example/old-" + strconv.FormatInt(id, 10),
			Title: "Old article", PublishedAt: old, FetchedAt: old, Text: "An old dam report.", Extraction: news.ExtractFull})
		if err != nil {
			t.Fatal(err)
		}
		if err := sq.SetArticleGroup(ctx, a.ID, store.Group{StoryID: id, ThreadID: 5}); err != nil {
			t.Fatal(err)
		}
		if id == 9 {
			// Story 7's background cites the old article, and its related
			// stories name both old stories beside story 8.
			b := fixtureBriefing()
			for i, sec := range b.Sections {
				switch sec.Kind {
				case news.SectionBackground:
					b.Sections[i].Items = append(sec.Items, news.Item{Text: "An old dam report.", Date: &old,
						Citations: []news.Citation{{ArticleID: a.ID, Start: 0, End: len("An old dam report.")}}})
				case news.SectionRelated:
					b.Sections[i].Items = []news.Item{{Text: "Ferry service resumes", StoryID: 8},
						{Text: "Old story 9", StoryID: 9}, {Text: "Old story 10", StoryID: 10}}
				}
			}
			if err := sq.PutBriefing(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := sq.Prune(ctx, store.PruneOptions{Cutoff: t0.AddDate(0, 0, -50), Recheck: 60 * 24 * time.Hour})
	if err != nil || res.Stories != 2 {
		t.Fatalf("Prune = %+v, %v; want 2 stories removed", res, err)
	}
	cs := &countingStore{Store: sq}
	ts := newTestServer(t, Config{BaseURL: "https://news.example.org"}, cs)

	tests := []struct {
		path      string
		status    int
		want, not []string
		calls     map[string]int // store calls by ID
	}{
		{"/stories/7", 200, []string{`href="/stories/8"`}, []string{"/stories/9", "/stories/10", "Old story", "/articles/4", "/articles/5"},
			map[string]int{"Story": 1, "Briefing": 1, "StoriesByID": 1, "ArticlesByID": 1}},
		{"/api/stories/7", 200, []string{`"story_id": 8`}, []string{`"story_id": 9`, `"story_id": 10`, "Old story"},
			map[string]int{"Story": 1, "Briefing": 1, "StoriesByID": 1}},
		{"/stories/7/briefing.md", 200, []string{"https://news.example.org/stories/8"}, []string{"/stories/9", "/stories/10", "Old story", "/articles/4"},
			map[string]int{"Story": 1, "Briefing": 1, "StoriesByID": 1, "ArticlesByID": 1}},
		{"/stories/9", 404, nil, nil, map[string]int{"Story": 1}},
		{"/api/stories/10", 404, nil, nil, map[string]int{"Story": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			// Not parallel: the counts are the store's, shared.
			cs.reset()
			r := do(t, "GET", ts.URL+tt.path, nil, "")
			calls := cs.reset()
			if r.status != tt.status {
				t.Fatalf("status %d, want %d", r.status, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(r.body, n) {
					t.Errorf("still shows %q", n)
				}
			}
			if diff := gocmp.Diff(tt.calls, calls); diff != "" {
				t.Errorf("store calls by ID (-want +got):\n%s", diff)
			}
		})
	}

	// Every link of the story page leads somewhere.
	page := do(t, "GET", ts.URL+"/stories/7", nil, "").body
	for _, m := range regexp.MustCompile(`href="(/[^"#]*)`).FindAllStringSubmatch(page, -1) {
		href := html.UnescapeString(m[1])
		if r := do(t, "GET", ts.URL+href, nil, ""); r.status != 200 {
			t.Errorf("the story page links %s, which answers %d", href, r.status)
		}
	}
}

// TestArticleThreadsBatched checks that a list of articles gets its
// stories' threads with one query, not one a story.
func TestArticleThreadsBatched(t *testing.T) {
	t.Parallel()
	cs := &countingStore{Store: sqliteFixture(t)}
	ts := newTestServer(t, Config{}, cs)
	tests := []struct {
		path  string
		want  map[int64]int64 // article ID: thread ID
		calls map[string]int  // store calls by ID
	}{
		{"/api/sources/2/articles", map[int64]int64{2: 5, 3: 0}, map[string]int{"StoriesByID": 1}},
		{"/api/articles/1", map[int64]int64{1: 5}, map[string]int{"Article": 1, "StoriesByID": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			// Not parallel: the counts are the store's, shared.
			cs.reset()
			r := do(t, "GET", ts.URL+tt.path, nil, "")
			calls := cs.reset()
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var body struct {
				Articles []news.Article `json:"articles"`
			}
			if strings.HasPrefix(tt.path, "/api/articles/") {
				var a news.Article
				if err := json.Unmarshal([]byte(r.body), &a); err != nil {
					t.Fatal(err)
				}
				body.Articles = []news.Article{a}
			} else if err := json.Unmarshal([]byte(r.body), &body); err != nil {
				t.Fatal(err)
			}
			got := map[int64]int64{}
			for _, a := range body.Articles {
				got[a.ID] = a.ThreadID
			}
			if diff := gocmp.Diff(tt.want, got); diff != "" {
				t.Errorf("threads (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(tt.calls, calls); diff != "" {
				t.Errorf("store calls by ID (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPagesReadByBatch checks that no page reads a row a query where its
// rows scale with its size: a story page citing 50 sources' articles, its
// Markdown and JSON, and the front page and Atom feed of 50 briefed
// stories each make one query for their articles or briefings, as many
// store calls as with one, and still show them all.
func TestPagesReadByBatch(t *testing.T) {
	t.Parallel()
	const n = 50
	cs := &countingStore{Store: wideSQLite(t, n)}
	ts := newTestServer(t, Config{BaseURL: "https://news.example.org"}, cs)
	tests := []struct {
		path  string
		calls map[string]int
		want  []string // each shown n times (or summariesOnIndex on the front page)
		times int
	}{
		// The page's own story and briefing, then its cited articles.
		// Each marker's title names its article's outlet and title, read
		// from the store: one in the summary, one in the references.
		{"/stories/1", map[string]int{"Story": 1, "Briefing": 1, "ArticlesByID": 1}, []string{`title="Outlet `}, 2 * n},
		{"/stories/1/briefing.md", map[string]int{"Story": 1, "Briefing": 1, "ArticlesByID": 1}, []string{"]: Bridge report "}, n},
		{"/api/stories/1", map[string]int{"Story": 1, "Briefing": 1}, []string{`"Bridge report `}, n},
		{"/", map[string]int{"BriefingsByID": 1}, []string{"The council met on Monday."}, summariesOnIndex},
		{"/feeds/stories.atom", map[string]int{"BriefingsByID": 1}, []string{"<entry>"}, n},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			// Not parallel: the counts are the store's, shared.
			cs.reset()
			r := do(t, "GET", ts.URL+tt.path, nil, "")
			calls := cs.reset()
			if r.status != 200 {
				t.Fatalf("status %d: %.300s", r.status, r.body)
			}
			if diff := gocmp.Diff(tt.calls, calls); diff != "" {
				t.Errorf("store calls by ID (-want +got):\n%s", diff)
			}
			for _, w := range tt.want {
				if got := strings.Count(r.body, w); got != tt.times {
					t.Errorf("%q shown %d times, want %d", w, got, tt.times)
				}
			}
		})
	}
}

// TestAtomFeedSkipsUnbriefed checks that stories marked briefed whose
// briefings are missing, ranked at the top, are left out of the feed and
// the stories after them fill it: a second query reads as many more
// briefings as entries are missing, and no story is read on its own.
func TestAtomFeedSkipsUnbriefed(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	sq := wideSQLite(t, feedEntries+2)
	later := t0.AddDate(0, 0, 1)
	for id := int64(100); id < 103; id++ {
		s := news.Story{ID: id, Title: "Unbriefed " + strconv.FormatInt(id, 10), FirstSeen: later, LastUpdated: later,
			ArticleCount: 5, SourceCount: 5, Briefed: true}
		if err := sq.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	cs := &countingStore{Store: sq}
	ts := newTestServer(t, Config{}, cs)
	r := do(t, "GET", ts.URL+"/feeds/stories.atom", nil, "")
	if r.status != 200 {
		t.Fatalf("status %d: %.300s", r.status, r.body)
	}
	if got := strings.Count(r.body, "<entry>"); got != feedEntries {
		t.Errorf("%d entries, want %d", got, feedEntries)
	}
	if strings.Contains(r.body, "Unbriefed") {
		t.Errorf("a story without a briefing has an entry")
	}
	if diff := gocmp.Diff(map[string]int{"BriefingsByID": 2}, cs.reset()); diff != "" {
		t.Errorf("store calls by ID (-want +got):\n%s", diff)
	}
}

// batchFailingStore fails the reads of many articles or briefings only.
type batchFailingStore struct{ Store }

func (batchFailingStore) ArticlesByID(context.Context, []int64) (map[int64]news.Article, error) {
	return nil, errBroken
}

func (batchFailingStore) BriefingsByID(context.Context, []int64) (map[int64]news.Briefing, error) {
	return nil, errBroken
}

// TestBatchReadFails checks what a page does when its one query for many
// articles or briefings fails: a story page and the front page still
// render, without what the query would have added (the front page's
// summaries), while the Atom feed, which would lose its
// entries, answers 500 as it did when a briefing failed.
func TestBatchReadFails(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{}, batchFailingStore{fixtureStore()})
	tests := []struct {
		path     string
		status   int
		want     string
		notShown string
	}{
		// The story's own articles, read with the story's list, still
		// name their markers.
		{"/stories/7", 200, `title="Stadtblatt:`, ""},
		{"/", 200, "Bridge closed", "Die Brücke über den Fluss"},
		{"/feeds/stories.atom", 500, "internal error", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := do(t, "GET", ts.URL+tt.path, nil, "")
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %.300s", r.status, tt.status, r.body)
			}
			if !strings.Contains(r.body, tt.want) {
				t.Errorf("lacks %q", tt.want)
			}
			if tt.notShown != "" && strings.Contains(r.body, tt.notShown) {
				t.Errorf("shows %q, which the failed query would have read", tt.notShown)
			}
			if strings.Contains(r.body, errBroken.Error()) {
				t.Errorf("shows the store's error")
			}
		})
	}
}
