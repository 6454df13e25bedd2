package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// countingPruner counts Prune calls, failing the first if fail is set.
type countingPruner struct {
	store.Store
	fail bool
	n    atomic.Int32
}

func (p *countingPruner) Prune(ctx context.Context, opt store.PruneOptions) (store.PruneResult, error) {
	if p.n.Add(1) == 1 && p.fail {
		return store.PruneResult{}, errors.New("disk full")
	}
	return p.Store.Prune(ctx, opt)
}

// retentionConfig prunes shortly after start and then every second, the
// shortest period River's unique-by-period allows.
func retentionConfig() Config {
	cfg := testConfig()
	cfg.Retention = 30 * 24 * time.Hour
	cfg.RetentionFirst = 10 * time.Millisecond
	cfg.RetentionEvery = time.Second
	return cfg
}

// TestRetentionJob checks the retention job's schedule on SQLite: it
// prunes shortly after start, again a period after a failure, which it
// logs without stopping anything, and logs each run.
func TestRetentionJob(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	spy := &countingPruner{Store: st, fail: true}
	var logs lockedBuffer
	p, err := New(retentionConfig(), spy, st.QueueDB(), testFetcher(t), slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer p.Stop(ctx)
	deadline := time.After(20 * time.Second)
	for spy.n.Load() < 2 {
		select {
		case <-deadline:
			t.Fatalf("%d prunes in 20s; want 2", spy.n.Load())
		case <-time.After(10 * time.Millisecond):
		}
	}
	if err := p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"retention prune failed", "disk full", "retention pruned", "subsystem=retention"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}
}

// TestRetentionOneProcessPostgres starts two processes with retention on
// one PostgreSQL database and checks that they prune once a period: River's
// elected leader inserts the periodic job, and one process works each,
// where each serve process ran its own daily prune until 29 November.
func TestRetentionOneProcessPostgres(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dsn := pgtest.DSN(t)
	spies := [2]*pgCountingPruner{}
	for i := range spies {
		startPostgresWith(t, ctx, dsn, testFetcher(t), func(st *postgres.Store) store.Store {
			spies[i] = &pgCountingPruner{Store: st}
			return spies[i]
		}, func(c *Config) {
			r := retentionConfig()
			c.Retention, c.RetentionFirst, c.RetentionEvery = r.Retention, r.RetentionFirst, r.RetentionEvery
		})
	}
	time.Sleep(3500 * time.Millisecond)
	a, b := spies[0].n.Load(), spies[1].n.Load()
	t.Logf("prunes by each process: %d and %d", a, b)
	// The first soon after start, then one a second, whichever process
	// works the job; each process pruning on its own schedule made twice
	// as many.
	if n := a + b; n < 1 || n > 5 {
		t.Errorf("%d prunes in 3.5s at one a second, want 1 to 5", n)
	}
}

// pgCountingPruner counts the Prune calls of a PostgreSQL store, which
// keeps its worker lock, fence and pool.
type pgCountingPruner struct {
	*postgres.Store
	n atomic.Int32
}

func (p *pgCountingPruner) Prune(ctx context.Context, opt store.PruneOptions) (store.PruneResult, error) {
	p.n.Add(1)
	return p.Store.Prune(ctx, opt)
}
