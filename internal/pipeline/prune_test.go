package pipeline

import (
	"context"
	"path/filepath"
	"slices"
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
	path, st := ingestStopped(t, ctx, s, "/merge/before.xml", "/merge/after.xml")
	cutoff := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	res, err := st.Prune(ctx, store.PruneOptions{Cutoff: cutoff, Recheck: 60 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stories == 0 || res.Articles == 0 {
		t.Fatalf("Prune = %+v; want the March stories removed", res)
	}
	kept := articlesByID(t, ctx, st)
	h, restored := restartOn(t, ctx, st, path)
	defer h.close(t)
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

// ingestStopped ingests the feeds at paths of s, in order, into a new
// database, stops the pipeline and opens the database as a store, which
// the caller closes.
func ingestStopped(t *testing.T, ctx context.Context, s *site, paths ...string) (string, *sqlite.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	h := startPipeline(t, ctx, path, testFetcher(t))
	for _, p := range paths {
		h.ingest(t, ctx, s.url(p))
	}
	h.close(t)
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return path, st
}

// restartOn closes st, the store of the database at path, and starts a
// pipeline on it, returning it with the clusterer's restore state.
func restartOn(t *testing.T, ctx context.Context, st *sqlite.Store, path string) (*harness, snapState) {
	t.Helper()
	st.Close()
	h := startPipeline(t, ctx, path, testFetcher(t))
	h.p.mu.Lock()
	defer h.p.mu.Unlock()
	return h, h.p.snap
}

// TestRebuildAfterPruneKeepsStoryIDs groups an April report and then
// older March ones, so that the highest-numbered stories are March's,
// prunes them (retention), and restarts with a snapshot of another
// clusterer configuration (a new release), which rebuilds the clusterer
// by replaying the articles left, then groups an unrelated report: its
// story must get an ID above every pruned one, or an old /stories/N link
// or Atom entry would show it. Without the store's mark the replay
// numbered it after the largest ID the kept articles name: pruned 2.
func TestRebuildAfterPruneKeepsStoryIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	path, st := ingestStopped(t, ctx, s, "/merge/after.xml", "/merge/before.xml")
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
	kept := pruneMarch(t, ctx, st, all)
	h, restored := restartOn(t, ctx, st, path)
	defer h.close(t)
	if restored.fromSnapshot {
		t.Fatal("the restart loaded the snapshot of another configuration; want a full replay")
	}
	checkNewStoryIDs(t, ctx, h, s, "rebuild", all, kept)
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

// TestSnapshotRestoreAfterPruneKeepsStoryIDs is the snapshot path of
// TestRebuildAfterPruneKeepsStoryIDs: a snapshot taken at the April
// report is older than the March stories grouped after it, which are then
// pruned, so replaying the decisions after the snapshot finds none of
// them. The restart loads that snapshot, and its clusterer, which knows
// only April's stories, would give a pruned March ID again without
// Clusterer.Reserve on restore's snapshot path.
func TestSnapshotRestoreAfterPruneKeepsStoryIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	path, st := ingestStopped(t, ctx, s, "/merge/after.xml")
	old, err := st.ClusterSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := restartOn(t, ctx, st, path)
	h.ingest(t, ctx, s.url("/merge/before.xml"))
	h.close(t)
	st, err = sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := storyIDs(t, ctx, st)
	if err := st.PutClusterSnapshot(ctx, old); err != nil {
		t.Fatal(err)
	}
	kept := pruneMarch(t, ctx, st, all)
	h, restored := restartOn(t, ctx, st, path)
	defer h.close(t)
	if !restored.fromSnapshot {
		t.Fatal("the restart did not load the snapshot; want the snapshot path")
	}
	checkNewStoryIDs(t, ctx, h, s, "restore", all, kept)
}

// pruneMarch prunes st's stories before April 2025, those of the March
// reports, and returns the IDs kept; all are the IDs before the prune,
// whose highest must be among those pruned.
func pruneMarch(t *testing.T, ctx context.Context, st store.Store, all []int64) []int64 {
	t.Helper()
	res, err := st.Prune(ctx, store.PruneOptions{Cutoff: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	kept := storyIDs(t, ctx, st)
	if res.Stories == 0 || len(kept) == 0 || slices.Max(all) <= slices.Max(kept) {
		t.Fatalf("stories %v, %v kept by %+v; want the highest-numbered pruned and some kept", all, kept, res)
	}
	return kept
}

// checkNewStoryIDs groups an unrelated report after the restart (the
// rebuild or restore named by after) and wants each new story numbered
// above every ID given before the prune (all), not only the kept ones.
func checkNewStoryIDs(t *testing.T, ctx context.Context, h *harness, s *site, after string, all, kept []int64) {
	t.Helper()
	h.ingest(t, ctx, s.url("/fire-only.xml"))
	var added []int64
	for _, id := range storyIDs(t, ctx, h.st) {
		if !slices.Contains(kept, id) {
			added = append(added, id)
		}
	}
	if len(added) == 0 {
		t.Fatalf("no new story after the %s", after)
	}
	for _, id := range added {
		if slices.Contains(all, id) || id <= slices.Max(all) {
			t.Errorf("new story %d after the %s; want an ID above every one given before (%v)", id, after, all)
		}
	}
}
