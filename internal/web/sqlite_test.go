package web

import (
	"cmp"
	"path/filepath"
	"slices"
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
