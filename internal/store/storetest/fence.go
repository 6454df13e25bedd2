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

// testFence checks the leader epoch (store.Leader): once a newer Leader was
// taken, every write of an older one returns store.ErrFenced and changes
// nothing, while the newest one's writes go through.
func testFence(t *testing.T, st store.Store) {
	ctx := context.Background()
	ls, ok := st.(interface {
		Lead(ctx context.Context) (store.Leader, error)
		ClusterSnapshot(ctx context.Context) (store.ClusterSnapshot, error)
	})
	if !ok {
		t.Fatalf("%T has no leader epoch", st)
	}
	lead := func() store.Leader {
		t.Helper()
		l, err := ls.Lead(ctx)
		if err != nil {
			t.Fatalf("Lead: %v", err)
		}
		return l
	}
	src := mustSource(t, st, "https://example.org/feed.xml")
	a := mustArticle(t, st, news.Article{SourceID: src.ID, URL: "https://example.org/1", Title: "Dam opens", Text: "The dam opened.", PublishedAt: day0})
	old := lead()
	// The old leader's story, before it is superseded: a briefing needs
	// a story, and its refused briefing must leave this one unbriefed.
	story := news.Story{ID: 1, ThreadID: 1, Title: "Dam opens", FirstSeen: day0, LastUpdated: day0, ArticleCount: 1, SourceCount: 1}
	if err := old.PutStory(ctx, story); err != nil {
		t.Fatalf("PutStory of the current leader: %v", err)
	}
	cur := lead()
	if cur.Epoch() <= old.Epoch() {
		t.Fatalf("epoch %d after %d, want it raised", cur.Epoch(), old.Epoch())
	}

	stale := story
	stale.Title, stale.ArticleCount = "Stale title", 7
	for _, w := range []struct {
		name  string
		write func() error
	}{
		{"SetArticleGroup", func() error { return old.SetArticleGroup(ctx, a.ID, store.Group{StoryID: 1, ThreadID: 1}) }},
		{"PutStory", func() error { return old.PutStory(ctx, stale) }},
		{"PutStory of a new story", func() error { return old.PutStory(ctx, news.Story{ID: 2, ThreadID: 2, Title: "New"}) }},
		{"PutBriefing", func() error {
			return old.PutBriefing(ctx, news.Briefing{StoryID: 1, Headline: "Stale", GeneratedAt: day0})
		}},
		{"PutClusterSnapshot", func() error {
			return old.PutClusterSnapshot(ctx, store.ClusterSnapshot{Data: []byte{1}, After: a.ID, Fingerprint: "x", TakenAt: day0})
		}},
	} {
		if err := w.write(); !errors.Is(err, store.ErrFenced) {
			t.Errorf("%s of a superseded leader: err = %v, want store.ErrFenced", w.name, err)
		}
	}
	// Nothing of it was written.
	got, err := st.Article(ctx, a.ID)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	if got.Clustered || got.StoryID != 0 || got.ThreadID != 0 {
		t.Errorf("article after a refused SetArticleGroup: clustered %v, story %d, thread %d; want it ungrouped", got.Clustered, got.StoryID, got.ThreadID)
	}
	if gotStory, err := st.Story(ctx, 1); err != nil {
		t.Errorf("Story: %v", err)
	} else if diff := cmp.Diff(story, gotStory); diff != "" {
		t.Errorf("story after refused writes (-before +after):\n%s", diff)
	}
	if _, err := st.Story(ctx, 2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story put by a superseded leader: err = %v, want store.ErrNotFound", err)
	}
	if _, err := st.Briefing(ctx, 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Briefing put by a superseded leader: err = %v, want store.ErrNotFound", err)
	}
	if _, err := ls.ClusterSnapshot(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ClusterSnapshot put by a superseded leader: err = %v, want store.ErrNotFound", err)
	}

	// The current leader writes, and its write errors are its own.
	if err := cur.SetArticleGroup(ctx, a.ID, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
		t.Errorf("SetArticleGroup of the current leader: %v", err)
	}
	if err := cur.SetArticleGroup(ctx, a.ID+100, store.Group{StoryID: 1}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetArticleGroup of a missing article: err = %v, want store.ErrNotFound", err)
	}
	if err := cur.PutBriefing(ctx, news.Briefing{StoryID: 1, Headline: "Dam opens", GeneratedAt: day0.Add(time.Hour)}); err != nil {
		t.Errorf("PutBriefing of the current leader: %v", err)
	}
	if err := cur.PutClusterSnapshot(ctx, store.ClusterSnapshot{Data: []byte{2}, After: a.ID, Fingerprint: "y", TakenAt: day0}); err != nil {
		t.Errorf("PutClusterSnapshot of the current leader: %v", err)
	}
	if got, err := st.Article(ctx, a.ID); err != nil || !got.Clustered || got.StoryID != 1 {
		t.Errorf("article after the current leader's SetArticleGroup: %+v, %v; want it in story 1", got, err)
	}
	if s, err := st.Story(ctx, 1); err != nil || !s.Briefed {
		t.Errorf("story after the current leader's PutBriefing: %+v, %v; want it briefed", s, err)
	}
	// And is superseded in turn.
	lead()
	if err := cur.PutStory(ctx, story); !errors.Is(err, store.ErrFenced) {
		t.Errorf("PutStory of a leader superseded in turn: err = %v, want store.ErrFenced", err)
	}
}
