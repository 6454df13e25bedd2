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
// one PostgreSQL database and checks that they prune once a period between
// them, not once each: River's elected leader inserts the periodic job,
// at most one of a period (the table holds one retention job to each
// second, the period here), and each job is worked by one process, so
// the prunes are as many as the jobs run.
func TestRetentionOneProcessPostgres(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dsn := pgtest.DSN(t)
	spies := [2]*pgCountingPruner{}
	procs := [2]*pgProcess{}
	for i := range spies {
		procs[i] = startPostgresWith(t, ctx, dsn, testFetcher(t), func(st *postgres.Store) store.Store {
			spies[i] = &pgCountingPruner{Store: st}
			return spies[i]
		}, func(c *Config) {
			r := retentionConfig()
			c.Retention, c.RetentionFirst, c.RetentionEvery = r.Retention, r.RetentionFirst, r.RetentionEvery
		})
	}
	db := procs[0].st.QueueDB()
	kind := retentionArgs{}.Kind()
	// Three periods' jobs done: each pruning on its own schedule would
	// have made six.
	var done int
	for done < 3 {
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = $1 AND state = 'completed'`, kind).Scan(&done); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d retention jobs completed in 2 minutes; want 3", done)
		case <-time.After(50 * time.Millisecond):
		}
	}
	// In this order, each count a bound of the next: a completed job was
	// pruned for, and a prune counted is of a job inserted before.
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = $1 AND state = 'completed'`, kind).Scan(&done); err != nil {
		t.Fatal(err)
	}
	prunes := int(spies[0].n.Load() + spies[1].n.Load())
	var jobs, periods int
	// River's period of a periodic job is its scheduled time truncated to
	// RetentionEvery, here a second, in UTC.
	if err := db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT date_trunc('second', scheduled_at AT TIME ZONE 'UTC')) FROM river_job WHERE kind = $1`, kind).Scan(&jobs, &periods); err != nil {
		t.Fatal(err)
	}
	t.Logf("retention jobs %d (completed %d) in %d periods; prunes by each process: %d and %d", jobs, done, periods, spies[0].n.Load(), spies[1].n.Load())
	if jobs != periods {
		t.Errorf("%d retention jobs in %d periods; want at most one a period", jobs, periods)
	}
	if prunes < done || prunes > jobs {
		t.Errorf("%d prunes for %d retention jobs, %d of them completed; want one a job", prunes, jobs, done)
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
