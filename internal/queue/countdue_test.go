package queue_test

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// backEnds opens a queue database of each back end, with the option a
// queue on it needs; PostgreSQL's is skipped without
// NEWSDESK_TEST_POSTGRES.
var backEnds = []struct {
	name string
	open func(t *testing.T) (*sql.DB, func(*queue.Config))
}{
	{"sqlite", func(t *testing.T) (*sql.DB, func(*queue.Config)) { return openDB(t), func(*queue.Config) {} }},
	{"postgres", func(t *testing.T) (*sql.DB, func(*queue.Config)) { return openPostgresListen(t, pgtest.DSN(t)) }},
}

// TestCountDueIn checks that CountDueIn counts the jobs ready to run and
// those snoozed until their host's turn within its horizon, not those
// further off nor those snoozed because their host asked for no requests
// (a 429's Retry-After), and stops at its limit, on both back ends.
func TestCountDueIn(t *testing.T) {
	t.Parallel()
	for _, be := range backEnds {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			var done atomic.Int64
			db, opt := be.open(t)
			if err := queue.Migrate(ctx, db, slog.New(slog.DiscardHandler)); err != nil {
				t.Fatal(err)
			}
			q := newQueue(t, db, 1, &done, nil, opt) // not started: nothing runs
			now := time.Now()
			n := 0
			insert := func(count int, at time.Time, metadata string) {
				for range count {
					n++
					opts := &river.InsertOpts{ScheduledAt: at}
					if metadata != "" {
						opts.Metadata = []byte(metadata)
					}
					if _, err := q.Client.Insert(ctx, noopArgs{N: n}, opts); err != nil {
						t.Fatal(err)
					}
				}
			}
			insert(2, time.Time{}, "")                                                   // available
			insert(3, now.Add(10*time.Second), `{"newsdesk_host_wait": "busy"}`)         // snoozed until its host's turn
			insert(1, now.Add(10*time.Second), "")                                       // scheduled, no reason recorded
			insert(2, now.Add(10*time.Second), `{"newsdesk_host_wait": "held", "x": 1}`) // its host asked for no requests
			insert(2, now.Add(2*time.Hour), "")                                          // far off
			insert(1, now.Add(2*time.Hour), `{"newsdesk_host_wait": "held"}`)            // far off and held
			tests := []struct {
				limit  int
				within time.Duration
				want   int
			}{
				{100, 0, 2},
				{100, time.Minute, 6},
				{100, 3 * time.Hour, 8},
				{4, time.Minute, 4},
				{1, time.Minute, 1},
			}
			var got, want []string
			for _, tt := range tests {
				c, err := q.CountDueIn(ctx, tt.limit, tt.within, river.QueueDefault)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, fmt.Sprintf("limit %d within %v: %d", tt.limit, tt.within, c))
				want = append(want, fmt.Sprintf("limit %d within %v: %d", tt.limit, tt.within, tt.want))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("CountDueIn (-want +got):\n%s", diff)
			}
		})
	}
}

// hostWaitArgs is a job whose worker snoozes it for a minute, as a fetch
// of a held (Held) or busy host snoozes.
type hostWaitArgs struct {
	Held bool `json:"held"`
}

func (hostWaitArgs) Kind() string { return "host_wait" }

// TestSnoozeForHost checks that a job snoozed by SnoozeForHost records
// why it waits, so that CountDueIn counts a job snoozed for its host's
// turn and not one its host holds, on both back ends.
func TestSnoozeForHost(t *testing.T) {
	t.Parallel()
	for _, be := range backEnds {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, opt := be.open(t)
			ws := river.NewWorkers()
			river.AddWorker(ws, river.WorkFunc(func(ctx context.Context, j *river.Job[hostWaitArgs]) error {
				return queue.SnoozeForHost(ctx, time.Minute, j.Args.Held)
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
			for _, held := range []bool{false, true} {
				if _, err := q.Insert(ctx, hostWaitArgs{Held: held}, nil); err != nil {
					t.Fatal(err)
				}
			}
			deadline := time.Now().Add(30 * time.Second)
			for {
				res, err := q.Client.JobList(ctx, river.NewJobListParams().States(queue.ActiveStates()...))
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Jobs) == 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%d jobs not snoozed in 30 s", len(res.Jobs))
				}
				time.Sleep(20 * time.Millisecond)
			}
			got, err := q.CountDueIn(ctx, 100, 2*time.Minute, river.QueueDefault)
			if err != nil {
				t.Fatal(err)
			}
			if got != 1 {
				t.Errorf("CountDueIn = %d, want 1: the job snoozed for its host's turn, not the held one", got)
			}
		})
	}
}
