package queue_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// openPostgres opens a store on dsn, as one newsdesk process would, and
// returns its queue pool.
func openPostgres(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	return openPostgresStore(t, dsn).QueueDB()
}

// openPostgresStore opens a store on dsn, closed at the test's end.
func openPostgresStore(t testing.TB, dsn string) *postgres.Store {
	t.Helper()
	st, err := postgres.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// openPostgresListen opens a store on dsn and returns its queue pool and
// the option that makes a queue listen on the store's pgx pool.
func openPostgresListen(t testing.TB, dsn string) (*sql.DB, func(*queue.Config)) {
	t.Helper()
	st := openPostgresStore(t, dsn)
	return st.QueueDB(), func(c *queue.Config) { c.ListenPool = st.Pool() }
}

// newPostgresQueue returns a queue on a new store on dsn, listening on
// the store's pool as the pipeline's does.
func newPostgresQueue(t testing.TB, dsn string, ws *river.Workers, cfg queue.Config) *queue.Queue {
	t.Helper()
	st := openPostgresStore(t, dsn)
	cfg.ListenPool = st.Pool()
	q, err := queue.New(st.QueueDB(), ws, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestIsPostgres(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		db   func(t *testing.T) *sql.DB
		want bool
	}{
		{"sqlite", func(t *testing.T) *sql.DB { return openDB(t) }, false},
		{"postgres", func(t *testing.T) *sql.DB { return openPostgres(t, pgtest.DSN(t)) }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := queue.IsPostgres(tc.db(t)); got != tc.want {
				t.Errorf("IsPostgres = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestPostgresSharedQueue checks that two processes' queues on one
// PostgreSQL database split the jobs between them and work none twice,
// which is what lets several `newsdesk serve` processes share the work.
// Both start at once on a new database, so their migrations race too.
func TestPostgresSharedQueue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	const jobs = 200
	var (
		mu     sync.Mutex
		worked = map[int]int{}    // job N -> times worked
		by     = map[string]int{} // client -> jobs worked
	)
	newClient := func(name string) *queue.Queue {
		ws := river.NewWorkers()
		river.AddWorker(ws, river.WorkFunc(func(ctx context.Context, j *river.Job[noopArgs]) error {
			time.Sleep(2 * time.Millisecond) // long enough for the other client to fetch too
			mu.Lock()
			worked[j.Args.N]++
			by[name]++
			mu.Unlock()
			return nil
		}))
		cfg := queue.DefaultConfig()
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}}
		return newPostgresQueue(t, dsn, ws, cfg)
	}
	clients := []*queue.Queue{newClient("a"), newClient("b")}
	var wg sync.WaitGroup
	for _, q := range clients {
		wg.Go(func() {
			if err := q.Start(ctx); err != nil {
				t.Errorf("Start: %v", err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for _, q := range clients {
		defer q.Stop(ctx)
	}
	params := make([]river.InsertManyParams, jobs)
	for i := range params {
		params[i] = river.InsertManyParams{Args: noopArgs{N: i}}
	}
	if _, err := clients[0].Client.InsertMany(ctx, params); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		pending, err := clients[1].Pending(ctx)
		return err == nil && !pending
	})
	mu.Lock()
	defer mu.Unlock()
	if len(worked) != jobs {
		t.Errorf("%d distinct jobs worked, want %d", len(worked), jobs)
	}
	for n, times := range worked {
		if times != 1 {
			t.Errorf("job %d worked %d times, want once", n, times)
		}
	}
	if by["a"] == 0 || by["b"] == 0 {
		t.Errorf("jobs worked per client = %v, want both to take a share", by)
	}
}

// BenchmarkThroughputPostgres is BenchmarkThroughput on PostgreSQL.
func BenchmarkThroughputPostgres(b *testing.B) {
	db, listen := openPostgresListen(b, pgtest.DSN(b))
	benchThroughputOn(b, db, listen)
}

// TestPostgresReclaimDead checks that a starting client reclaims the running
// jobs of a client that is gone, at once rather than after River's rescue
// delay, and leaves alone those of a client still alive in another process.
func TestPostgresReclaimDead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	var done1, done2, done3 atomic.Int64
	block := make(chan struct{}) // never closed: the first client never finishes its job
	db1, listen1 := openPostgresListen(t, dsn)
	q1 := newQueue(t, db1, 1, &done1, block, listen1)
	if err := q1.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := q1.Client.Insert(ctx, noopArgs{N: 1}, nil); err != nil {
		t.Fatal(err)
	}
	running := func(q *queue.Queue) int {
		res, err := q.Client.JobList(ctx, river.NewJobListParams().States("running"))
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Jobs)
	}
	waitFor(t, func() bool { return running(q1) == 1 })

	// Another process starting while the first is alive takes nothing
	// from it.
	db2, listen2 := openPostgresListen(t, dsn)
	q2 := newQueue(t, db2, 1, &done2, nil, listen2)
	if err := q2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if n, got := running(q2), done2.Load(); n != 1 || got != 0 {
		t.Errorf("with its client alive: %d jobs running, %d worked by the other; want the job left running, unworked", n, got)
	}
	if err := q2.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	// The first client dies: stopped with an ended context, its job
	// marked running again as a killed process would leave it.
	stopCtx, cancel := context.WithCancel(ctx)
	cancel()
	if err := q1.Stop(stopCtx); err != nil {
		t.Fatal(err)
	}
	db, listen := openPostgresListen(t, dsn)
	if _, err := db.ExecContext(ctx, `UPDATE river_job SET state = 'running', finalized_at = NULL`); err != nil {
		t.Fatal(err)
	}
	q3 := newQueue(t, db, 1, &done3, nil, listen)
	if err := q3.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q3.Stop(ctx)
	waitFor(t, func() bool { return done3.Load() == 1 })
}

// TestReclaimDeadClients checks the reclaim a started client runs when it
// takes over from a dead process: the running job of a client that is gone
// is made available, and the client's own running job, which its own
// liveness lock would make look dead, is left alone.
func TestReclaimDeadClients(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	var done atomic.Int64
	block := make(chan struct{})
	db, listen := openPostgresListen(t, dsn)
	q := newQueue(t, db, 1, &done, block, listen)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	defer close(block) // before Stop, which waits for the job
	if _, err := q.Client.Insert(ctx, noopArgs{N: 1}, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE state = 'running'`).Scan(&n)
		return err == nil && n == 1
	})
	// A job a dead process left running: no client holds its lock.
	if _, err := q.Client.Insert(ctx, noopArgs{N: 2}, &river.InsertOpts{Queue: "elsewhere"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE river_job SET state = 'running', attempted_at = now(),
		attempted_by = ARRAY['dead_client'], attempt = 1 WHERE queue = 'elsewhere'`); err != nil {
		t.Fatal(err)
	}
	n, err := q.ReclaimDeadClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var own, dead string
	if err := db.QueryRowContext(ctx, `SELECT
		(SELECT state FROM river_job WHERE queue = 'default'),
		(SELECT state FROM river_job WHERE queue = 'elsewhere')`).Scan(&own, &dead); err != nil {
		t.Fatal(err)
	}
	if n != 1 || own != "running" || dead != "available" {
		t.Errorf("reclaimed %d; own job %s, dead client's %s; want 1, running, available", n, own, dead)
	}
}

// TestPostgresRefusesNewerRiver checks that a database whose job queue
// tables record a River migration this binary's River does not have is
// refused, by Migrate and by Start, with ErrNewerQueue and a message that
// says what to do, and that one at this binary's version is not. River's
// migrator alone applied nothing and said nothing, and the client ran on
// tables it did not know. SQLite is checked alike.
func TestPostgresRefusesNewerRiver(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		db    func(t *testing.T) (*sql.DB, func(*queue.Config))
		newer bool
	}{
		{"postgres newer", func(t *testing.T) (*sql.DB, func(*queue.Config)) { return openPostgresListen(t, pgtest.DSN(t)) }, true},
		{"postgres current", func(t *testing.T) (*sql.DB, func(*queue.Config)) { return openPostgresListen(t, pgtest.DSN(t)) }, false},
		{"sqlite newer", func(t *testing.T) (*sql.DB, func(*queue.Config)) { return openDB(t), func(*queue.Config) {} }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, listen := tc.db(t)
			if err := queue.Migrate(ctx, db, nil); err != nil {
				t.Fatal(err)
			}
			if tc.newer {
				if _, err := db.ExecContext(ctx, `INSERT INTO river_migration (line, version) VALUES ('main', 9999)`); err != nil {
					t.Fatal(err)
				}
			}
			var done atomic.Int64
			q := newQueue(t, db, 1, &done, nil, listen)
			for name, run := range map[string]func() error{
				"Migrate": func() error { return queue.Migrate(ctx, db, nil) },
				"Start":   func() error { return q.Start(ctx) },
			} {
				err := run()
				if name == "Start" && err == nil {
					t.Cleanup(func() {
						if err := q.Stop(ctx); err != nil {
							t.Error(err)
						}
					})
				}
				if !tc.newer {
					if err != nil {
						t.Errorf("%s: %v", name, err)
					}
					continue
				}
				if !errors.Is(err, queue.ErrNewerQueue) {
					t.Errorf("%s: err = %v, want ErrNewerQueue", name, err)
					continue
				}
				for _, words := range []string{"River migration 9999", "upgrade newsdesk"} {
					if !strings.Contains(err.Error(), words) {
						t.Errorf("%s: error %q does not say %q", name, err, words)
					}
				}
			}
		})
	}
}

// TestPostgresListenAcrossClients checks that jobs one client inserts are
// started by another, which polls only every minute, within 500 ms (they
// take 5-20 ms; the margin is for a loaded machine): the other client
// hears of them through LISTEN/NOTIFY. The inserter does not
// work the jobs' queue, as a process whose workers are busy elsewhere.
// Without the listener each job waits for the poll.
//
// In "within the cooldown" each job is inserted as soon as the one before
// started, which is within the clients' FetchCooldown (60 ms): River's
// own notification limiter sends none for it, and it waited for the poll
// before Queue.Insert sent one itself.
func TestPostgresListenAcrossClients(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		cooldown time.Duration
	}{
		{"default cooldown", 0},
		{"within the cooldown", 60 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			testListenAcrossClients(t, tc.cooldown)
		})
	}
}

func testListenAcrossClients(t *testing.T, cooldown time.Duration) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	const (
		poll  = time.Minute
		bound = 500 * time.Millisecond
	)
	started := make(chan int, 16)
	ws := river.NewWorkers()
	river.AddWorker(ws, river.WorkFunc(func(ctx context.Context, j *river.Job[noopArgs]) error {
		started <- j.Args.N
		return nil
	}))
	newClient := func(queueName string) *queue.Queue {
		cfg := queue.DefaultConfig()
		cfg.Queues = map[string]river.QueueConfig{queueName: {MaxWorkers: 2}}
		cfg.FetchPollInterval = poll
		if cooldown > 0 {
			cfg.FetchCooldown = cooldown
		}
		q := newPostgresQueue(t, dsn, ws, cfg)
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { q.Stop(ctx) })
		return q
	}
	inserter, _ := newClient("elsewhere"), newClient(river.QueueDefault)
	n := 0
	insert := func() (int, time.Time) {
		t.Helper()
		n++
		at := time.Now()
		if _, err := inserter.Insert(ctx, noopArgs{N: n}, nil); err != nil {
			t.Fatal(err)
		}
		return n, at
	}
	// waitStarted waits up to bound for job want and reports how long
	// after at it started; a job of a warm-up round that started late is
	// skipped.
	waitStarted := func(want int, at time.Time) (time.Duration, bool) {
		timeout := time.After(bound)
		for {
			select {
			case got := <-started:
				if got == want {
					return time.Since(at), true
				}
			case <-timeout:
				return 0, false
			}
		}
	}
	// Start returns once the listener is connected, but River does not
	// say when it listens on the insert topic: until then a notification
	// is missed, and the job it was for is fetched with the next one.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, ok := waitStarted(insert()); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no job inserted by one client started by the other within %v in 10s, while the poll is every %v", bound, poll)
		}
	}
	var took []time.Duration
	for range 5 {
		d, ok := waitStarted(insert())
		if !ok {
			t.Fatalf("job %d not started within %v (started after %v before)", n, bound, took)
		}
		took = append(took, d)
	}
	t.Logf("insert to start across clients: %v", took)
}

// TestPostgresNewNeedsListenPool checks that a queue on PostgreSQL is
// refused without the store's pgx pool to listen on: without a listener
// every job another process inserts would wait for the poll.
func TestPostgresNewNeedsListenPool(t *testing.T) {
	t.Parallel()
	cfg := queue.DefaultConfig()
	_, err := queue.New(openPostgres(t, pgtest.DSN(t)), river.NewWorkers(), cfg)
	if err == nil || !strings.Contains(err.Error(), "ListenPool") {
		t.Errorf("New without ListenPool: err = %v, want one naming ListenPool", err)
	}
}

// TestPostgresAliveLockLost checks that a client whose liveness lock's
// connection is lost while it works a job (a proxy restart, a TCP reset;
// here pg_terminate_backend) takes the lock again, and that a peer's
// repeated ReclaimDeadPeers meanwhile does not make the job available to
// run a second time. Before, the lock stayed lost and the leader's look
// every 5 s reclaimed the live client's jobs, which ran twice. The job is
// made to have started two minutes ago, a long job (not yet ten,
// past which River's rescuer would take it): a grace counted from the
// job's start rather than from when the lock went free let it be taken at
// the first look. A client whose lock stays free (a ghost's job) loses its
// job, but only after the grace from the first look that found it free.
func TestPostgresAliveLockLost(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	const every = 50 * time.Millisecond
	fast := func(c *queue.Config) { c.AliveCheckEvery = every }
	var done1, done2 atomic.Int64
	block := make(chan struct{})
	db1, listen1 := openPostgresListen(t, dsn)
	q1 := newQueue(t, db1, 1, &done1, block, listen1, fast)
	if err := q1.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q1.Stop(ctx)
	defer close(block) // before Stop, which waits for the job
	if _, err := q1.Client.Insert(ctx, noopArgs{N: 1}, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		res, err := q1.Client.JobList(ctx, river.NewJobListParams().States("running"))
		return err == nil && len(res.Jobs) == 1
	})
	if _, err := db1.ExecContext(ctx, `UPDATE river_job SET attempted_at = now() - interval '2 minutes'`); err != nil {
		t.Fatal(err)
	}
	// The peer starts once the job runs on q1, and would work it if it
	// were made available: q1's one worker is busy.
	db2, listen2 := openPostgresListen(t, dsn)
	q2 := newQueue(t, db2, 1, &done2, nil, listen2, fast)
	if err := q2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q2.Stop(ctx)
	holder := func() (pid int) {
		err := db2.QueryRowContext(ctx, `SELECT pid FROM pg_locks WHERE locktype = 'advisory'
			AND classid = $1 AND objid = hashtext($2)::oid AND objsubid = 2 AND granted`,
			int64(0x6e640004), q1.Client.ID()).Scan(&pid)
		if err != nil {
			return 0
		}
		return pid
	}
	old := holder()
	if old == 0 {
		t.Fatal("no session holds the working client's liveness lock")
	}
	if _, err := db2.ExecContext(ctx, `SELECT pg_terminate_backend($1)`, old); err != nil {
		t.Fatal(err)
	}
	// The peer looks again and again, as the leader does, with a grace
	// of a few of the client's checks.
	deadline := time.Now().Add(20 * every)
	for time.Now().Before(deadline) {
		if _, err := q2.ReclaimDeadPeers(ctx, 4*every); err != nil {
			t.Fatal(err)
		}
		time.Sleep(every / 5)
	}
	var state string
	var attempt int
	if err := db2.QueryRowContext(ctx, `SELECT state, attempt FROM river_job`).Scan(&state, &attempt); err != nil {
		t.Fatal(err)
	}
	if state != "running" || attempt != 1 || done2.Load() != 0 {
		t.Errorf("job %s at attempt %d, %d worked by the peer; want running at 1, none: the live client's job was reclaimed", state, attempt, done2.Load())
	}
	if pid := holder(); pid == 0 || pid == old {
		t.Errorf("liveness lock held by backend %d after %d was ended, want a new one", pid, old)
	}

	// A ghost's job, parked where no worker looks: its lock is free at
	// every look, so after the grace it is reclaimed, and not before.
	res, err := q1.Client.Insert(ctx, noopArgs{N: 2}, &river.InsertOpts{Queue: "parked"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db2.ExecContext(ctx, `UPDATE river_job SET state = 'running', attempt = 1,
		attempted_at = now() - interval '2 minutes', attempted_by = ARRAY['ghost'] WHERE id = $1`, res.Job.ID); err != nil {
		t.Fatal(err)
	}
	const grace = 4 * every
	first := time.Now()
	for {
		n, err := q2.ReclaimDeadPeers(ctx, grace)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Since(first) > 20*grace {
			t.Fatalf("the ghost's job not reclaimed %s after the first look, want after the grace, %s", time.Since(first), grace)
		}
		time.Sleep(every / 2)
	}
	if took := time.Since(first); took < grace {
		t.Errorf("the ghost's job reclaimed %s after the first look that found its lock free, want the grace, %s, or more", took, grace)
	}
}
