package web

import (
	"cmp"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

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
