package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestRebuildAfterPruneKeepsStoryIDs groups an April report and then
// older March ones, so that the highest-numbered stories are March's,
// prunes them (retention), and restarts with a snapshot of another
// clusterer configuration (a new release), which rebuilds the clusterer
// by replaying the articles left, then groups an unrelated report: a new story must get an ID above every
// pruned one, or an old /stories/N link or Atom entry would show it.
// Without the store's mark the replay numbered it after the largest ID
// the kept articles name, the first pruned one.
func TestRebuildAfterPruneKeepsStoryIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	h := startPipeline(t, ctx, path, testFetcher(t))
	h.ingest(t, ctx, s.url("/merge/after.xml"))
	h.ingest(t, ctx, s.url("/merge/before.xml"))
	h.close(t)

	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := storyIDs(t, ctx, st)
	// The prune keeps the story of the snapshot's last article, March's
	// here: a snapshot of another release taken at the April report leaves
	// it to retention, and makes the restart replay in full.
	newest, err := st.Articles(ctx, store.ArticleFilter{Clustered: true, Limit: 1})
	if err != nil || len(newest) == 0 {
		t.Fatalf("newest article: %v, %v", newest, err)
	}
	snap, err := st.ClusterSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap.Fingerprint, snap.After = "another release", newest[0].ID
	if err := st.PutClusterSnapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	res, err := st.Prune(ctx, store.PruneOptions{Cutoff: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	kept := storyIDs(t, ctx, st)
	if res.Stories == 0 || len(kept) == 0 || slices.Max(all) <= slices.Max(kept) {
		t.Fatalf("stories %v, %v kept by %+v; want the highest-numbered pruned and some kept", all, kept, res)
	}
	st.Close()

	h = startPipeline(t, ctx, path, testFetcher(t))
	defer h.close(t)
	h.p.mu.Lock()
	restored := h.p.snap
	h.p.mu.Unlock()
	if restored.fromSnapshot {
		t.Fatal("the restart loaded the snapshot of another configuration; want a full replay")
	}
	h.ingest(t, ctx, s.url("/fire-only.xml"))
	var added []int64
	for _, id := range storyIDs(t, ctx, h.st) {
		if !slices.Contains(kept, id) {
			added = append(added, id)
		}
	}
	if len(added) == 0 {
		t.Fatal("no new story after the rebuild")
	}
	for _, id := range added {
		if slices.Contains(all, id) || id <= slices.Max(all) {
			t.Errorf("new story %d after the rebuild; want an ID above every one given before (%v)", id, all)
		}
	}
}

// storyIDs lists the IDs of the stories st holds.
func storyIDs(t *testing.T, ctx context.Context, st store.Store) []int64 {
	t.Helper()
	list, err := st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	return ids
}
