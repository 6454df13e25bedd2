package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// callLog is a store as the test sees it: it logs Lead and the reads a
// restore starts with, and passes on the worker locks and snapshots of
// the store it wraps, so that the pipeline takes the same path as on it.
type callLog struct {
	store.Store

	mu    sync.Mutex
	calls []string
}

func (s *callLog) log(call string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, call)
}

func (s *callLog) logged() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

func (s *callLog) Lead(ctx context.Context) (store.Leader, error) {
	s.log("Lead")
	return s.Store.(fencer).Lead(ctx)
}

func (s *callLog) Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error) {
	s.log("Articles")
	return s.Store.Articles(ctx, f)
}

func (s *callLog) Article(ctx context.Context, id int64) (news.Article, error) {
	s.log("Article")
	return s.Store.Article(ctx, id)
}

func (s *callLog) ClusterSnapshot(ctx context.Context) (store.ClusterSnapshot, error) {
	s.log("ClusterSnapshot")
	return s.Store.(snapshotKeeper).ClusterSnapshot(ctx)
}

func (s *callLog) PutClusterSnapshot(ctx context.Context, snap store.ClusterSnapshot) error {
	return s.Store.(snapshotKeeper).PutClusterSnapshot(ctx, snap)
}

// Pool is the PostgreSQL store's, nil for SQLite's.
func (s *callLog) Pool() *pgxpool.Pool {
	if pp, ok := s.Store.(pgxPooler); ok {
		return pp.Pool()
	}
	return nil
}

func (s *callLog) LockWorker() (func(), error) { return s.Store.(workerLocker).LockWorker() }

func (s *callLog) TryLockWorker(ctx context.Context) (func(), <-chan struct{}, error) {
	return s.Store.(sharedLocker).TryLockWorker(ctx)
}

// TestLeadBeforeRestore checks the order takeLead keeps: the leader epoch
// is raised before the restore's first read, so that the restore sees
// every write an earlier leader got in (see fence.go). Each back end's
// start path is checked: Start on SQLite, and on PostgreSQL the shared
// lead, which a failover takes too.
func TestLeadBeforeRestore(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		start func(t *testing.T, ctx context.Context) *callLog
	}{
		{"sqlite Start", func(t *testing.T, ctx context.Context) *callLog {
			var cl *callLog
			startPipelineAs(t, ctx, filepath.Join(t.TempDir(), "news.db"), testFetcher(t), testConfig(), func(st *sqlite.Store) store.Store {
				cl = &callLog{Store: st}
				return cl
			})
			return cl
		}},
		{"postgres shared lead", func(t *testing.T, ctx context.Context) *callLog {
			var cl *callLog
			pr := startPostgresAs(t, ctx, pgtest.DSN(t), testFetcher(t), func(st *postgres.Store) store.Store {
				cl = &callLog{Store: st}
				return cl
			})
			if !pr.p.Leading() {
				t.Fatal("the only process does not lead")
			}
			return cl
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			calls := tc.start(t, context.Background()).logged()
			lead := slices.Index(calls, "Lead")
			if lead < 0 || lead == len(calls)-1 {
				t.Fatalf("calls %v: want Lead, then the restore's reads", calls)
			}
			if lead != 0 {
				t.Errorf("calls %v: the restore read the store before Lead", calls)
			}
		})
	}
}

// unfencedShared is a shared store without Lead: its worker lock, not its
// fence.
type unfencedShared struct {
	store.Store
	sharedLocker
}

// TestNewRefusesSharedWithoutFence checks that a store shared by several
// processes is refused without a leader fence, rather than written
// unfenced.
func TestNewRefusesSharedWithoutFence(t *testing.T) {
	t.Parallel()
	st, err := postgres.Open(context.Background(), pgtest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := New(testConfig(), unfencedShared{st, st}, st.QueueDB(), testFetcher(t), testLogger(t)); err == nil {
		t.Error("New took a shared store without Lead")
	}
	p, err := New(testConfig(), st, st.QueueDB(), testFetcher(t), testLogger(t))
	if err != nil {
		t.Fatalf("New with the store itself: %v", err)
	}
	if !p.shared {
		t.Error("the PostgreSQL store is not taken as shared")
	}
}
