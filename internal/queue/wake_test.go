package queue_test

import (
	"context"
	"database/sql"
	"sort"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/queue"
)

// startedArgs is a job whose worker reports when it starts.
type startedArgs struct{}

func (startedArgs) Kind() string { return "started" }

// startedQueue starts a queue on db whose worker sends on the returned
// channel as each job starts, polling for jobs every poll (0: the default).
func startedQueue(tb testing.TB, db *sql.DB, poll time.Duration) (*queue.Queue, <-chan time.Time) {
	tb.Helper()
	started := make(chan time.Time, 1)
	ws := river.NewWorkers()
	river.AddWorker(ws, river.WorkFunc(func(ctx context.Context, _ *river.Job[startedArgs]) error {
		started <- time.Now()
		return nil
	}))
	cfg := queue.DefaultConfig()
	cfg.FetchPollInterval = poll
	q, err := queue.New(db, ws, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	if err := q.Start(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { q.Stop(ctx) })
	return q, started
}

// insertLatency inserts a job and returns how long it took to start.
func insertLatency(tb testing.TB, q *queue.Queue, started <-chan time.Time) time.Duration {
	tb.Helper()
	at := time.Now()
	if _, err := q.Client.Insert(context.Background(), startedArgs{}, nil); err != nil {
		tb.Fatal(err)
	}
	select {
	case t := <-started:
		return t.Sub(at)
	case <-time.After(30 * time.Second):
		tb.Fatal("job not started in 30s")
		return 0
	}
}

// TestInsertWakesQueue checks that a job inserted on SQLite starts at once
// rather than at the queue's next poll (a minute here), and that the insert
// writes no notification row: River's SQLite listener, which the queue
// turns off, wrote one for every insert and read the table every 50 ms.
func TestInsertWakesQueue(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	q, started := startedQueue(t, db, time.Minute)
	var lat []time.Duration
	for range 10 {
		lat = append(lat, insertLatency(t, q, started))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	// Generous for a loaded machine (-race); a poll would take a minute.
	if med := lat[len(lat)/2]; med > time.Second {
		t.Errorf("median insert-to-start latency %s, want well under the poll interval (a minute): %v", med, lat)
	}
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM river_notification`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d notification rows written, want none", n)
	}
}

// BenchmarkInsertLatency reports how long a job inserted into an idle
// queue takes to start, with the default fetch settings.
func BenchmarkInsertLatency(b *testing.B) {
	q, started := startedQueue(b, openDB(b), 0)
	time.Sleep(100 * time.Millisecond) // the queue's start-up fetches done
	var total time.Duration
	var worst time.Duration
	for b.Loop() {
		d := insertLatency(b, q, started)
		total += d
		worst = max(worst, d)
		// Idle again, as a server between two polls of a feed.
		time.Sleep(10 * time.Millisecond)
	}
	b.ReportMetric(float64(total.Microseconds())/float64(b.N), "µs/start")
	b.ReportMetric(float64(worst.Microseconds()), "µs/worst")
}
