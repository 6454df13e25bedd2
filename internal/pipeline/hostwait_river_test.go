package pipeline

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// snoozeCountArgs is a job whose worker answers every run with a wait for
// its host, through waitForHost, as a poll or article job of a busy host.
type snoozeCountArgs struct{}

func (snoozeCountArgs) Kind() string { return "newsdesk.test_snooze_count" }

// TestPriorSnoozesReadsRiver checks, through a real River worker on each
// back end, that priorSnoozes reads the snooze count River records in a
// job's metadata, one more at each run: TestWaitForHost writes the
// metadata itself, so it cannot tell whether River writes that key, or
// in a form (SQLite keeps metadata as JSONB) that priorSnoozes reads.
// Read as 0 at every run, the bound of maxHostSnoozes would never be
// reached.
func TestPriorSnoozesReadsRiver(t *testing.T) {
	t.Parallel()
	const runs = 4
	for _, be := range storeBackEnds {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			_, db, opt := be.open(t)
			if err := queue.Migrate(ctx, db, slog.New(slog.DiscardHandler)); err != nil {
				t.Fatal(err)
			}
			p := &Pipeline{logger: slog.New(slog.DiscardHandler)}
			var mu sync.Mutex
			var seen []int64
			ws := river.NewWorkers()
			river.AddWorker(ws, river.WorkFunc(func(ctx context.Context, j *river.Job[snoozeCountArgs]) error {
				mu.Lock()
				seen = append(seen, priorSnoozes(j.Metadata))
				n := len(seen)
				mu.Unlock()
				if n == runs {
					return nil
				}
				// A wait short of River's scheduler interval: the job
				// is available again at once.
				return p.waitForHost(ctx, j.JobRow, &hostWait{url: "https://example.com/a", left: time.Millisecond})
			}))
			cfg := queue.DefaultConfig()
			opt(&cfg)
			q, err := queue.New(db, ws, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { q.Stop(ctx) })
			res, err := q.Insert(ctx, snoozeCountArgs{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(30 * time.Second)
			for {
				j, err := q.Client.JobGet(ctx, res.Job.ID)
				if err != nil {
					t.Fatal(err)
				}
				if j.State == rivertype.JobStateCompleted {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("job %s after 30 s", j.State)
				}
				time.Sleep(20 * time.Millisecond)
			}
			mu.Lock()
			defer mu.Unlock()
			if diff := cmp.Diff([]int64{0, 1, 2, 3}, seen); diff != "" {
				t.Errorf("snoozes read at each run (-want +got):\n%s", diff)
			}
		})
	}
}

// storeBackEnds opens a store of each back end, with its queue database
// and the option a queue on it needs; PostgreSQL's is skipped without
// NEWSDESK_TEST_POSTGRES.
var storeBackEnds = []struct {
	name string
	open func(t *testing.T) (store.Store, *sql.DB, func(*queue.Config))
}{
	{"sqlite", func(t *testing.T) (store.Store, *sql.DB, func(*queue.Config)) {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "newsdesk.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st, st.QueueDB(), func(*queue.Config) {}
	}},
	{"postgres", func(t *testing.T) (store.Store, *sql.DB, func(*queue.Config)) {
		st, err := postgres.Open(context.Background(), pgtest.DSN(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st, st.QueueDB(), func(c *queue.Config) { c.ListenPool = st.Pool() }
	}},
}
