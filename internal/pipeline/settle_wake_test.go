package pipeline

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// timingStore records when the last article was stored and when the
// first was grouped.
type timingStore struct {
	store.Store
	mu                       sync.Mutex
	lastStored, firstGrouped time.Time
}

func (s *timingStore) AddArticleFrom(ctx context.Context, link string, a news.Article) (news.Article, bool, error) {
	stored, created, err := s.Store.AddArticleFrom(ctx, link, a)
	if created {
		s.mu.Lock()
		s.lastStored = time.Now()
		s.mu.Unlock()
	}
	return stored, created, err
}

func (s *timingStore) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	s.mu.Lock()
	if s.firstGrouped.IsZero() {
		s.firstGrouped = time.Now()
	}
	s.mu.Unlock()
	return s.Store.SetArticleGroup(ctx, id, g)
}

// TestSettleInsertsLess fetches one outlet of the demo newswire with each
// article page slowed down, so that its cluster job snoozes while the
// articles settle, and checks that the scheduler does not insert it again
// at every look (GroupEvery, 20 ms here) while it waits, and that it still
// wakes the job when its snooze ends: the queue polls only every 5 s
// here, so grouping would begin seconds after the fetches ended without
// that wake. Inserting at every look, the scheduler inserted about 50 jobs
// a second of settling.
func TestSettleInsertsLess(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	wire, srv := slowWire(t, 300*time.Millisecond)
	cfg := testConfig()
	cfg.FetchPollInterval = 5 * time.Second
	cfg.GroupSettle = time.Minute // until the fetches end
	spy := &timingStore{}
	hs := startPipelineAs(t, ctx, filepath.Join(t.TempDir(), "wake.db"), testFetcher(t), cfg, func(st *sqlite.Store) store.Store {
		spy.Store = st
		return spy
	})
	inserts := countClusterInserts(t, ctx, hs.st.QueueDB())
	start := time.Now()
	subscribe(t, ctx, hs.st, wire.Sources(srv.URL)[:1])
	waitIdle(t, ctx, hs.p)
	spy.mu.Lock()
	defer spy.mu.Unlock()
	if spy.firstGrouped.IsZero() || spy.lastStored.IsZero() {
		t.Fatal("no article stored or grouped")
	}
	settling := spy.lastStored.Sub(start)
	n := inserts()
	t.Logf("%d cluster job inserts by the scheduler over %s of fetching; grouping began %s after the last article was stored",
		n, settling.Round(time.Millisecond), spy.firstGrouped.Sub(spy.lastStored).Round(time.Millisecond))
	// At most one insert per groupRecheck (250 ms) or snooze; 50 a second
	// at every look.
	if limit := int64(settling/(60*time.Millisecond)) + 4; n > limit {
		t.Errorf("%d cluster job inserts over %s of fetching, want at most %d", n, settling, limit)
	}
	if lag := spy.firstGrouped.Sub(spy.lastStored); lag > 2*time.Second {
		t.Errorf("grouping began %s after the last article was stored, want within a snooze (250 ms) and a look (20 ms), not the queue's poll (5 s)", lag)
	}
}

// TestClusterInsertsNotPerArticle ingests the whole demo newswire (84
// articles) and checks that the cluster job is inserted about once per
// groupRecheck (250 ms) of ingest, by the scheduler, not once per stored
// article: each insert is a queue write even when River skips it as a
// duplicate of the pending job.
func TestClusterInsertsNotPerArticle(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	wire, srv := slowWire(t, 0)
	hs := startPipeline(t, ctx, filepath.Join(t.TempDir(), "inserts.db"), testFetcher(t))
	inserts := countClusterInserts(t, ctx, hs.st.QueueDB())
	start := time.Now()
	subscribe(t, ctx, hs.st, wire.Sources(srv.URL))
	waitIdle(t, ctx, hs.p)
	took := time.Since(start)
	arts, err := hs.st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := inserts()
	t.Logf("%d cluster job inserts for %d articles over %s", n, len(arts), took.Round(time.Millisecond))
	// One per groupRecheck, or per snooze's end (as often at most), and a
	// few for the first look and the last batch.
	if limit := 2*int64(took/groupRecheck) + 4; n > limit {
		t.Errorf("%d cluster job inserts for %d articles over %s, want at most %d", n, len(arts), took, limit)
	}
}

// countClusterInserts has the queue's SQLite database db count the
// cluster job's inserts from now on, and returns what reads the count: the
// queue writes the tests bound, observed where they land rather than by a
// counter in the pipeline. An insert writes the job's row in one of two
// ways, each with its trigger: a new row, or, when River's unique insert
// finds the job pending, an update of it that returns the row
// (riversqlite's "DO UPDATE SET kind = river_job.kind", its only statement
// that sets kind, so that no state change of the job counts).
func countClusterInserts(t *testing.T, ctx context.Context, db *sql.DB) func() int64 {
	t.Helper()
	kind := clusterArgs{}.Kind()
	for _, q := range []string{
		`CREATE TABLE test_cluster_inserts (n INTEGER NOT NULL)`,
		`INSERT INTO test_cluster_inserts VALUES (0)`,
		`CREATE TRIGGER test_cluster_inserted AFTER INSERT ON river_job WHEN NEW.kind = '` + kind + `'
			BEGIN UPDATE test_cluster_inserts SET n = n + 1; END`,
		`CREATE TRIGGER test_cluster_found AFTER UPDATE OF kind ON river_job WHEN NEW.kind = '` + kind + `'
			BEGIN UPDATE test_cluster_inserts SET n = n + 1; END`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("count cluster job inserts: %v", err)
		}
	}
	return func() int64 {
		var n int64
		if err := db.QueryRowContext(ctx, `SELECT n FROM test_cluster_inserts`).Scan(&n); err != nil {
			t.Fatalf("count cluster job inserts: %v", err)
		}
		if n == 0 {
			t.Fatal("no cluster job insert counted")
		}
		return n
	}
}
