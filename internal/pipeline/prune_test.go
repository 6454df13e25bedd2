package pipeline

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestRestartAfterPrune ingests testdata/site/merge's March reports and
// April settlement, stops, prunes the stories whose newest article is
// before April (retention), and restarts: the clusterer loads its
// snapshot (the prune keeps the story of its last article), a poll of
// the same feeds fetches none of the pruned articles again, a later
// report is grouped, and no pruned story comes back.
func TestRestartAfterPrune(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	h := startPipeline(t, ctx, path, testFetcher(t))
	h.ingest(t, ctx, s.url("/merge/before.xml"))
	h.ingest(t, ctx, s.url("/merge/after.xml"))
	h.close(t)

	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	cutoff := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	res, err := st.Prune(ctx, store.PruneOptions{Cutoff: cutoff, Recheck: 60 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stories == 0 || res.Articles == 0 {
		t.Fatalf("Prune = %+v; want the March stories removed", res)
	}
	kept := articlesByID(t, ctx, st)
	st.Close()

	h = startPipeline(t, ctx, path, testFetcher(t))
	defer h.close(t)
	h.p.mu.Lock()
	restored := h.p.snap
	h.p.mu.Unlock()
	if !restored.fromSnapshot {
		t.Error("the restart after a prune did not load the snapshot")
	}
	srcs, err := h.st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range srcs {
		// Without its validators the poll reads the feed whole, as after
		// the feed changed, rather than take a 304.
		if _, err := h.st.UpdateSourceFunc(ctx, src.ID, func(s *news.Source) error {
			s.ETag, s.LastModified = "", ""
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := h.p.PollNow(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
	}
	h.waitIdle(t, ctx)
	if got := articlesByID(t, ctx, h.st); len(got) != len(kept) {
		t.Errorf("a poll after the prune stored %d articles; want the %d kept (pruned ones fetched again)", len(got), len(kept))
	}
	h.ingest(t, ctx, s.url("/merge/after-leak.xml"))
	stories, err := h.st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, story := range stories {
		if story.LastUpdated.Before(cutoff) {
			t.Errorf("story %d, last updated %s, is back after the prune", story.ID, story.LastUpdated)
		}
		arts, err := h.st.Articles(ctx, store.ArticleFilter{StoryID: story.ID})
		if err != nil || len(arts) == 0 {
			t.Errorf("story %d has %d articles (%v)", story.ID, len(arts), err)
		}
	}
	if len(stories) == 0 {
		t.Error("no story after the later report")
	}
}
