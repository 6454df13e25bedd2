package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestSearchIndexFollowsWrites edits and deletes articles behind the
// store's back, as no store method does, and checks that the FTS5
// triggers keep the external-content index in step: a stale index would
// find words no longer stored, and fail FTS5's integrity check.
func TestSearchIndexFollowsWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.PutStory(ctx, news.Story{ID: 1, ThreadID: 1}); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, u := range []string{"https://a.example/1", "https://a.example/2"} {
		a, _, err := st.AddArticle(ctx, news.Article{URL: u, Title: "Old harbour", Text: "Ships wait.", Extraction: news.ExtractFull})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE articles SET title = 'New bridge' WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, ids[1]); err != nil {
		t.Fatal(err)
	}
	count := func(text string) int {
		t.Helper()
		q, err := store.ParseQuery(text)
		if err != nil {
			t.Fatal(err)
		}
		res, err := st.SearchStories(ctx, store.SearchPage{Query: q, Limit: 10})
		if err != nil {
			t.Fatalf("SearchStories(%q): %v", text, err)
		}
		return len(res.Hits)
	}
	if n := count("harbour"); n != 0 {
		t.Errorf("harbour, edited and deleted away, finds %d stories", n)
	}
	if n := count("bridge"); n != 1 {
		t.Errorf("bridge, the edited title, finds %d stories, want 1", n)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("FTS5 integrity check: %v", err)
	}
}
