package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// testIDsNotReused checks that the IDs the store gives (sources,
// articles) are never given again once their row is deleted: they are
// public (/api/sources/8, an article's page), and a link or bookmark to a
// deleted source must not show another one. SQLite gives a table without
// AUTOINCREMENT its largest rowid plus one, so it gave the newest row's
// ID again after a delete, 1 again once the table was empty. Story and
// thread IDs are the clusterer's, not the store's.
func testIDsNotReused(t *testing.T, st store.Store) {
	ctx := context.Background()
	a := mustSource(t, st, "https://ids.example/a.xml")
	b := mustSource(t, st, "https://ids.example/b.xml")
	if err := st.DeleteSource(ctx, b.ID); err != nil {
		t.Fatalf("DeleteSource(%d): %v", b.ID, err)
	}
	c := mustSource(t, st, "https://ids.example/c.xml")
	if c.ID <= b.ID {
		t.Errorf("source added after deleting the newest (%d) got ID %d; want one above it", b.ID, c.ID)
	}
	for _, id := range []int64{a.ID, c.ID} {
		if err := st.DeleteSource(ctx, id); err != nil {
			t.Fatalf("DeleteSource(%d): %v", id, err)
		}
	}
	d := mustSource(t, st, "https://ids.example/d.xml")
	if d.ID <= c.ID {
		t.Errorf("source added to an emptied table got ID %d; want one above the last given, %d", d.ID, c.ID)
	}
	if _, err := st.Source(ctx, b.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Source(%d) of the deleted source: err = %v, want ErrNotFound", b.ID, err)
	}

	// The newest article, and its story, go by retention.
	old := pruneCutoff.Add(-time.Hour)
	gone := mustArticle(t, st, news.Article{SourceID: d.ID, URL: "https://ids.example/old", Title: "Old",
		PublishedAt: old, FetchedAt: old, Extraction: news.ExtractFull})
	if err := st.SetArticleGroup(ctx, gone.ID, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
		t.Fatalf("SetArticleGroup: %v", err)
	}
	if err := st.PutStory(ctx, news.Story{ID: 1, ThreadID: 1, Title: "Old", FirstSeen: old, LastUpdated: old,
		ArticleCount: 1, SourceCount: 1}); err != nil {
		t.Fatalf("PutStory: %v", err)
	}
	res, err := st.Prune(ctx, store.PruneOptions{Cutoff: pruneCutoff})
	if err != nil {
		t.Fatalf("Prune: %v", err)
	}
	if diff := cmp.Diff(store.PruneResult{Stories: 1, Articles: 1, Threads: 1}, res); diff != "" {
		t.Fatalf("Prune (-want +got):\n%s", diff)
	}
	next := mustArticle(t, st, news.Article{SourceID: d.ID, URL: "https://ids.example/new", Title: "New",
		PublishedAt: pruneCutoff, FetchedAt: pruneCutoff, Extraction: news.ExtractFull})
	if next.ID <= gone.ID {
		t.Errorf("article added after the newest (%d) was pruned got ID %d; want one above it", gone.ID, next.ID)
	}
	if _, err := st.Article(ctx, gone.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(%d) of the pruned article: err = %v, want ErrNotFound", gone.ID, err)
	}
}

// testDuplicateDrawsNoID checks that adding a URL already stored, source
// or article, leaves the next ID where it was: IDs stay dense on both back
// ends. A PostgreSQL identity column draws a number for every row tried,
// even one ON CONFLICT drops, and so does an AUTOINCREMENT table on
// SQLite, where ON CONFLICT DO NOTHING alone gave the next article ID+2.
func testDuplicateDrawsNoID(t *testing.T, st store.Store) {
	ctx := context.Background()
	s1 := mustSource(t, st, "https://example.org/feed")
	if _, err := st.AddSource(ctx, news.Source{URL: s1.URL}); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("AddSource again: %v, want ErrDuplicate", err)
	}
	s2 := mustSource(t, st, "https://example.org/other")
	a1 := mustArticle(t, st, news.Article{URL: "https://example.org/1"})
	if _, created, err := st.AddArticle(ctx, news.Article{URL: a1.URL}); err != nil || created {
		t.Fatalf("AddArticle again = created %v, %v; want not created", created, err)
	}
	a2 := mustArticle(t, st, news.Article{URL: "https://example.org/2"})
	if s2.ID != s1.ID+1 || a2.ID != a1.ID+1 {
		t.Errorf("IDs after a duplicate: source %d after %d, article %d after %d; want the next ones", s2.ID, s1.ID, a2.ID, a1.ID)
	}
}

// testStoryIDMark checks that the store keeps the largest story or thread
// ID ever saved, by PutStory (a story's own ID or its thread's), by
// SetArticleGroup (an article's, before its story is put) or through a
// leader, never lowered and kept when retention removes the story:
// a clusterer rebuilt from the articles left starts past it, or it would
// number a new story with a pruned one's ID.
func testStoryIDMark(t *testing.T, st store.Store) {
	ctx := context.Background()
	mark := func(step string, want int64) {
		t.Helper()
		got, err := st.StoryIDMark(ctx)
		if err != nil {
			t.Fatalf("%s: StoryIDMark: %v", step, err)
		}
		if got != want {
			t.Errorf("%s: StoryIDMark = %d, want %d", step, got, want)
		}
	}
	mark("empty store", 0)

	old := pruneCutoff.Add(-time.Hour)
	put := func(s news.Story) {
		t.Helper()
		s.Title, s.FirstSeen, s.LastUpdated, s.ArticleCount, s.SourceCount = "Old", old, old, 1, 1
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatalf("PutStory(%d): %v", s.ID, err)
		}
	}
	put(news.Story{ID: 3, ThreadID: 3})
	mark("story 3 put", 3)
	put(news.Story{ID: 4, ThreadID: 6})
	mark("story 4 put in thread 6", 6)
	put(news.Story{ID: 4, ThreadID: 3}) // its thread merged into an older one
	mark("story 4 moved to thread 3", 6)

	a := mustArticle(t, st, news.Article{URL: "https://mark.example/a", Title: "A",
		PublishedAt: old, FetchedAt: old, Extraction: news.ExtractFull})
	if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: 9, ThreadID: 9}); err != nil {
		t.Fatalf("SetArticleGroup: %v", err)
	}
	mark("article grouped in story 9", 9)

	ls, ok := st.(interface {
		Lead(ctx context.Context) (store.Leader, error)
	})
	if !ok {
		t.Fatalf("%T has no leader epoch", st)
	}
	l, err := ls.Lead(ctx)
	if err != nil {
		t.Fatalf("Lead: %v", err)
	}
	if err := l.PutStory(ctx, news.Story{ID: 12, ThreadID: 12, Title: "Old", FirstSeen: old, LastUpdated: old,
		ArticleCount: 1, SourceCount: 1}); err != nil {
		t.Fatalf("leader PutStory: %v", err)
	}
	mark("story 12 put by a leader", 12)
	put(news.Story{ID: 2, ThreadID: 2})
	mark("story 2 put", 12)

	res, err := st.Prune(ctx, store.PruneOptions{Cutoff: pruneCutoff})
	if err != nil {
		t.Fatalf("Prune: %v", err)
	}
	if res.Stories == 0 {
		t.Fatalf("Prune removed no story: %+v", res)
	}
	if got, err := st.Stories(ctx, store.StoryFilter{}); err != nil || len(got) != 0 {
		t.Fatalf("Stories after the prune = %d, %v; want none", len(got), err)
	}
	mark("every story pruned", 12)
}
