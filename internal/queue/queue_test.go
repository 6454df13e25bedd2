package queue_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

type noopArgs struct {
	N int `json:"n"`
}

func (noopArgs) Kind() string { return "noop" }

func openDB(t testing.TB) *sql.DB {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "q.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.QueueDB()
}

func newQueue(t testing.TB, db *sql.DB, workers int, done *atomic.Int64, block <-chan struct{}, opts ...func(*queue.Config)) *queue.Queue {
	t.Helper()
	ws := river.NewWorkers()
	river.AddWorker(ws, river.WorkFunc(func(ctx context.Context, j *river.Job[noopArgs]) error {
		if block != nil {
			select {
			case <-block:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		done.Add(1)
		return nil
	}))
	cfg := queue.DefaultConfig()
	cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}}
	for _, o := range opts {
		o(&cfg)
	}
	q, err := queue.New(db, ws, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestReclaimRunning checks that a job left running by a stopped client is
// worked again by the next one.
func TestReclaimRunning(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDB(t)
	var done atomic.Int64
	block := make(chan struct{}) // never closed: the first client never finishes its job
	q1 := newQueue(t, db, 1, &done, block)
	if err := q1.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := q1.Client.Insert(ctx, noopArgs{N: 1}, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		res, err := q1.Client.JobList(ctx, river.NewJobListParams().States("running"))
		return err == nil && len(res.Jobs) == 1
	})
	// Stop with an ended context: the job is cancelled and, like a job of
	// a killed process, must be done again.
	stopCtx, cancel := context.WithCancel(ctx)
	cancel()
	if err := q1.Stop(stopCtx); err != nil {
		t.Fatal(err)
	}
	// A cancelled job is retryable, not running; mark it running as a
	// killed process would have left it.
	if _, err := db.ExecContext(ctx, `UPDATE river_job SET state = 'running', finalized_at = NULL`); err != nil {
		t.Fatal(err)
	}
	q2 := newQueue(t, db, 1, &done, nil)
	if err := q2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q2.Stop(ctx)
	waitFor(t, func() bool { return done.Load() == 1 })
	waitFor(t, func() bool {
		pending, err := q2.Pending(ctx)
		return err == nil && !pending
	})
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not met in 10s")
}

// BenchmarkThroughput inserts and works batches of 500 no-op jobs with the
// default fetch settings and 4 workers, and reports jobs/s.
func BenchmarkThroughput(b *testing.B) { benchThroughput(b) }

// BenchmarkThroughputRiverDefaults is BenchmarkThroughput with River's own
// default fetch settings (100ms cooldown, 1s poll), the figure
// queue.DefaultConfig improves on.
func BenchmarkThroughputRiverDefaults(b *testing.B) {
	benchThroughput(b, func(c *queue.Config) {
		c.FetchCooldown, c.FetchPollInterval = 100*time.Millisecond, time.Second
	})
}

func benchThroughput(b *testing.B, opts ...func(*queue.Config)) {
	benchThroughputOn(b, openDB(b), opts...)
}

func benchThroughputOn(b *testing.B, db *sql.DB, opts ...func(*queue.Config)) {
	ctx := context.Background()
	var done atomic.Int64
	q := newQueue(b, db, 4, &done, nil, opts...)
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer q.Stop(ctx)
	const batch = 500
	params := make([]river.InsertManyParams, batch)
	for i := range params {
		params[i] = river.InsertManyParams{Args: noopArgs{N: i}}
	}
	start := time.Now()
	b.ResetTimer()
	for range b.N {
		want := done.Load() + batch
		if _, err := q.Client.InsertMany(ctx, params); err != nil {
			b.Fatal(err)
		}
		for done.Load() < want {
			time.Sleep(time.Millisecond)
		}
	}
	b.ReportMetric(float64(b.N*batch)/time.Since(start).Seconds(), "jobs/s")
}
