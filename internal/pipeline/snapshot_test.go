package pipeline

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestRestartFromSnapshot ingests testdata/site/merge's leak and lawsuit
// reports, then its settlement, restarts, and ingests the settlement that
// links the leak: the stories and threads must be those of one run
// without a restart, whether the restart loads the snapshot Stop saved,
// an older one (as after a crash between recording decisions and saving,
// so the decisions after it are replayed), or finds none usable and
// replays in full.
func TestRestartFromSnapshot(t *testing.T) {
	t.Parallel()
	type placement struct{ Story, Thread int64 }
	run := func(t *testing.T, restart func(t *testing.T, path string, older store.ClusterSnapshot)) (map[string]placement, snapState) {
		ctx := context.Background()
		s := newSite(t)
		fc := testFetcher(t)
		path := filepath.Join(t.TempDir(), "newsdesk.db")
		cfg := testConfig()
		cfg.SnapshotArticles = 1 // a snapshot after every batch
		h := startPipelineWith(t, ctx, path, fc, cfg)
		h.ingest(t, ctx, s.url("/merge/before.xml"))
		older, err := h.st.ClusterSnapshot(ctx)
		if err != nil {
			t.Fatalf("no snapshot after a batch: %v", err)
		}
		h.ingest(t, ctx, s.url("/merge/after.xml"))
		var restored snapState
		if restart != nil {
			h.close(t)
			restart(t, path, older)
			h = startPipelineWith(t, ctx, path, fc, cfg)
			h.p.mu.Lock()
			restored = h.p.snap
			h.p.mu.Unlock()
		}
		h.ingest(t, ctx, s.url("/merge/after-leak.xml"))
		// Articles arrive in any order, and story IDs with them: compare
		// which articles share a story or a thread, numbered by the
		// articles' names.
		byName := map[string]placement{}
		for _, a := range articlesByID(t, ctx, h.st) {
			st, err := h.st.Story(ctx, a.StoryID)
			if err != nil {
				t.Fatal(err)
			}
			byName[filepath.Base(a.URL)] = placement{a.StoryID, st.ThreadID}
		}
		got := map[string]placement{}
		stories, threads := map[int64]int64{}, map[int64]int64{}
		for _, name := range slices.Sorted(maps.Keys(byName)) {
			pl := byName[name]
			if _, ok := stories[pl.Story]; !ok {
				stories[pl.Story] = int64(len(stories) + 1)
			}
			if _, ok := threads[pl.Thread]; !ok {
				threads[pl.Thread] = int64(len(threads) + 1)
			}
			got[name] = placement{stories[pl.Story], threads[pl.Thread]}
		}
		return got, restored
	}
	put := func(t *testing.T, path string, snap store.ClusterSnapshot) {
		t.Helper()
		ctx := context.Background()
		st, err := sqlite.Open(ctx, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.PutClusterSnapshot(ctx, snap); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := run(t, nil)
	if len(want) != 5 {
		t.Fatalf("one run placed %v; want 5 articles", want)
	}
	tests := []struct {
		name         string
		restart      func(t *testing.T, path string, older store.ClusterSnapshot)
		fromSnapshot bool
		replayed     int
	}{
		{"snapshot saved at stop", func(*testing.T, string, store.ClusterSnapshot) {}, true, 0},
		{"older snapshot", func(t *testing.T, path string, older store.ClusterSnapshot) { put(t, path, older) }, true, 1},
		{"other configuration", func(t *testing.T, path string, older store.ClusterSnapshot) {
			older.Fingerprint = "other"
			put(t, path, older)
		}, false, 4},
		{"corrupt", func(t *testing.T, path string, older store.ClusterSnapshot) {
			older.Data = older.Data[:len(older.Data)/2]
			put(t, path, older)
		}, false, 4},
		{"its last article gone", func(t *testing.T, path string, older store.ClusterSnapshot) {
			older.After = 1 << 40
			put(t, path, older)
		}, false, 4},
	}
	for _, tt := range tests {
		// One after the other: each runs two pipelines, and six at once
		// on a busy 2-core machine outwait waitIdle under -race.
		t.Run(tt.name, func(t *testing.T) {
			got, restored := run(t, tt.restart)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("placements after the restart (-one run +restarted):\n%s", diff)
			}
			if restored.fromSnapshot != tt.fromSnapshot || restored.replayed != tt.replayed {
				t.Errorf("restore from snapshot %v replaying %d; want %v, %d", restored.fromSnapshot, restored.replayed, tt.fromSnapshot, tt.replayed)
			}
		})
	}
}

// TestSnapshotRefusedUnderAnotherDeskLanguage checks that a snapshot is
// loaded under the desk language it was taken in and not under another:
// its foreign articles were read in the old one, and a full replay reads
// them in the new one. The same language written otherwise ("EN") is no
// change.
func TestSnapshotRefusedUnderAnotherDeskLanguage(t *testing.T) {
	t.Parallel()
	first, _ := demoHalves(t)
	d := newDesk(t, &countingTranslator{answer: glossary()})
	d.group(t, first)
	d.restart(t, &countingTranslator{answer: glossary()}) // a full replay, which saves a snapshot
	for _, tc := range []struct {
		lang         string
		fromSnapshot bool
	}{{DefaultDeskLang, true}, {"EN", true}, {"fr", false}} { // "fr" last: its full replay saves a snapshot
		d.p = d.pipeline(&countingTranslator{answer: glossary()})
		d.p.cfg.DeskLang = tc.lang
		if err := d.p.restore(context.Background()); err != nil {
			t.Fatalf("restore in %q: %v", tc.lang, err)
		}
		if d.p.snap.fromSnapshot != tc.fromSnapshot {
			t.Errorf("restore in %q: from snapshot %v, want %v", tc.lang, d.p.snap.fromSnapshot, tc.fromSnapshot)
		}
	}
}

// TestStaleSnapshotNotSaved checks that a pipeline whose clusterer lacks
// decisions another process recorded after its own (a leader that lost
// the lock without noticing) does not save a snapshot hiding them from
// every later restart, and rebuilds its clusterer instead.
func TestStaleSnapshotNotSaved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	first, second := demoHalves(t)
	stale := newDesk(t, nil)
	stale.group(t, first)
	stale.restart(t, nil) // saves a snapshot at the first half's end
	saved, err := stale.st.ClusterSnapshot(ctx)
	if err != nil {
		t.Fatalf("no snapshot after a full replay: %v", err)
	}
	other := &desk{st: stale.st}
	other.restart(t, nil)
	other.group(t, second)

	stale.p.mu.Lock()
	stale.p.snap.unsaved = 1
	err = stale.p.saveSnapshot(ctx)
	dirty := stale.p.dirty
	stale.p.mu.Unlock()
	if err == nil || !dirty {
		t.Errorf("saveSnapshot behind the store: err %v, dirty %v; want an error and a clusterer to rebuild", err, dirty)
	}
	if got, err := stale.st.ClusterSnapshot(ctx); err != nil || got.After != saved.After {
		t.Errorf("snapshot after the refused save: after %d, %v; want the earlier one, after %d", got.After, err, saved.After)
	}
}

// supersededAtSnapshot is a Leader that another process supersedes (st's
// Lead) just before its snapshot is saved.
type supersededAtSnapshot struct {
	store.Leader
	st *sqlite.Store
}

func (l supersededAtSnapshot) PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error {
	if _, err := l.st.Lead(ctx); err != nil {
		return err
	}
	return l.Leader.PutClusterSnapshot(ctx, s)
}

// TestFencedSnapshotReported checks that a cluster batch whose snapshot
// the fence refuses reports store.ErrFenced, as a refused decision does,
// rather than only logging it: the group job then follows the new leader.
func TestFencedSnapshotReported(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := testConfig()
	cfg.SnapshotArticles = 1
	cfg.GroupSettle = 0 // the pipeline is never started, so there is no job table to ask
	p, err := New(cfg, st, st.QueueDB(), testFetcher(t), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.AddArticle(ctx, news.Article{URL: "https://wire.example/1", Title: "Dam opens",
		Text: "The dam on the river opened its gates overnight.", Lang: "en", PublishedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	lw, err := st.Lead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.lw = supersededAtSnapshot{lw, st}
	p.mu.Unlock()
	if err := p.clusterAll(ctx); !errors.Is(err, store.ErrFenced) {
		t.Errorf("cluster batch with its snapshot fenced: err = %v, want store.ErrFenced", err)
	}
	if _, err := st.ClusterSnapshot(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("snapshot after the fenced save: err = %v, want store.ErrNotFound", err)
	}
}
