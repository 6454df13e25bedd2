package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
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
//
// The database before the restart is built once, stopped, and copied for
// each case: building it is most of a case's time, and every case then
// starts from the same bytes.
func TestRestartFromSnapshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// One site for every run: the copied databases' sources and articles
	// name its address, and the restarted pipelines fetch from it.
	s := newSite(t)
	cfg := testConfig()
	cfg.SnapshotArticles = 1 // a snapshot after every batch
	type placement struct{ Story, Thread int64 }
	// before ingests the leak and lawsuit reports, then the settlement,
	// into a fresh database at path, and returns the started pipeline and
	// the snapshot taken after the first feed.
	before := func(t *testing.T, path string) (*harness, store.ClusterSnapshot) {
		t.Helper()
		h := startPipelineWith(t, ctx, path, testFetcher(t), cfg)
		h.ingest(t, ctx, s.url("/merge/before.xml"))
		older, err := h.st.ClusterSnapshot(ctx)
		if err != nil {
			t.Fatalf("no snapshot after a batch: %v", err)
		}
		h.ingest(t, ctx, s.url("/merge/after.xml"))
		return h, older
	}
	// placements ingests the settlement that links the leak and returns
	// which articles share a story or a thread. Articles arrive in any
	// order, and story IDs with them, so stories and threads are numbered
	// by the articles' names.
	placements := func(t *testing.T, h *harness) map[string]placement {
		t.Helper()
		h.ingest(t, ctx, s.url("/merge/after-leak.xml"))
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
		return got
	}
	put := func(t *testing.T, path string, snap store.ClusterSnapshot) {
		t.Helper()
		st, err := sqlite.Open(ctx, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.PutClusterSnapshot(ctx, snap); err != nil {
			t.Fatal(err)
		}
	}

	h, _ := before(t, filepath.Join(t.TempDir(), "newsdesk.db"))
	want := placements(t, h)
	h.close(t)
	if len(want) != 5 {
		t.Fatalf("one run placed %v; want 5 articles", want)
	}

	// The database at the restart: stopped and closed, so that its copies
	// hold everything Stop wrote (the last connection's close checkpoints
	// the WAL; a WAL left behind is copied with it).
	stopped := filepath.Join(t.TempDir(), "newsdesk.db")
	h, older := before(t, stopped)
	h.close(t)

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
		// One after the other: each runs a pipeline, and five at once on
		// a busy 2-core machine outwait waitIdle under -race.
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "newsdesk.db")
			copyDB(t, stopped, path)
			snap := older
			snap.Data = bytes.Clone(older.Data)
			tt.restart(t, path, snap)
			h := startPipelineWith(t, ctx, path, testFetcher(t), cfg)
			restored := h.snapState()
			got := placements(t, h)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("placements after the restart (-one run +restarted):\n%s", diff)
			}
			if restored.fromSnapshot != tt.fromSnapshot || restored.replayed != tt.replayed {
				t.Errorf("restore from snapshot %v replaying %d; want %v, %d", restored.fromSnapshot, restored.replayed, tt.fromSnapshot, tt.replayed)
			}
		})
	}
}

// copyDB copies the closed SQLite database at from to to, with its WAL if
// one is left: no connection is open on from, so its shared-memory index
// is rebuilt from the WAL at the next open and is not copied.
func copyDB(t *testing.T, from, to string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if suffix != "" && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatalf("copy the database: %v", err)
		}
		if err := os.WriteFile(to+suffix, b, 0o600); err != nil {
			t.Fatalf("copy the database: %v", err)
		}
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

// TestRetriedPageKeepsSnapshot adds a page that cannot be read after a
// feed, so that its failed article, grouped without a story, is the last
// decision the snapshot Stop saves covers: the snapshot's cursor. The page
// is then retried, as a person adding it again retries it, which deletes
// that article. The restart must still load the snapshot, replaying
// nothing, rather than find its cursor gone and replay every article.
func TestRetriedPageKeepsSnapshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	cfg := testConfig()
	cfg.SnapshotArticles = 1 // a snapshot after every batch
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	h := startPipelineWith(t, ctx, path, testFetcher(t), cfg)
	h.ingest(t, ctx, s.url("/merge/before.xml"))
	page := h.addSource(t, ctx, news.Source{Kind: news.SourcePage, URL: s.url("/news/missing.html")})
	h.waitIdle(t, ctx)
	h.close(t)

	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	failed, err := st.ArticleByURL(ctx, news.URLKey(page.URL))
	if err != nil || failed.Extraction != news.ExtractFailed {
		t.Fatalf("the page's article: %s, %v; want failed", failed.Extraction, err)
	}
	if snap, err := st.ClusterSnapshot(ctx); err != nil || snap.After != failed.ID {
		t.Fatalf("snapshot at the stop ends at article %d, %v; want the failed page's %d", snap.After, err, failed.ID)
	}
	if _, err := st.RetrySource(ctx, page.ID, time.Now().UTC()); err != nil {
		t.Fatalf("RetrySource(failed page): %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	h = startPipelineWith(t, ctx, path, testFetcher(t), cfg)
	restored := h.snapState()
	if !restored.fromSnapshot || restored.replayed != 0 {
		t.Errorf("restart after the retry: from snapshot %v replaying %d; want true, 0", restored.fromSnapshot, restored.replayed)
	}
	h.close(t)
}

// TestRetryBeforeStopKeepsSnapshot retries a failed page while the
// pipeline runs, its failed article the clusterer's last decision but not
// yet in a saved snapshot (as under the default SnapshotArticles and
// SnapshotEvery), and stops before the page is read again. The snapshot
// Stop would save names the deleted article: it must not replace the one
// stored, so that the restart loads that one and replays nothing.
func TestRetryBeforeStopKeepsSnapshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	cfg := testConfig() // the default SnapshotArticles and SnapshotEvery: no save by count or time
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	h := startPipelineWith(t, ctx, path, testFetcher(t), cfg)
	h.ingest(t, ctx, s.url("/merge/before.xml"))
	h.p.mu.Lock()
	err := h.p.saveSnapshot(ctx)
	h.p.mu.Unlock()
	if err != nil {
		t.Fatalf("save a snapshot after the feed: %v", err)
	}
	page := h.addSource(t, ctx, news.Source{Kind: news.SourcePage, URL: s.url("/news/missing.html")})
	h.waitIdle(t, ctx)
	// Due in a day: the running pipeline does not read the page again
	// before the stop, so its clusterer's last decision stays the deleted
	// article's.
	if _, err := h.st.RetrySource(ctx, page.ID, time.Now().Add(24*time.Hour)); err != nil {
		t.Fatalf("RetrySource(failed page): %v", err)
	}
	h.close(t)

	h = startPipelineWith(t, ctx, path, testFetcher(t), cfg)
	restored := h.snapState()
	if !restored.fromSnapshot || restored.replayed != 0 {
		t.Errorf("restart after a retry just before the stop: from snapshot %v replaying %d; want true, 0", restored.fromSnapshot, restored.replayed)
	}
	h.close(t)
}

// snapState is where h's clusterer stands against the stored decisions,
// read under the pipeline's lock.
func (h *harness) snapState() snapState {
	h.p.mu.Lock()
	defer h.p.mu.Unlock()
	return h.p.snap
}
