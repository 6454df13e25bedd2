package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/write"
)

// pgProcess is one newsdesk process on a shared PostgreSQL database: a
// store of its own (its own pool and sessions) and a started pipeline.
type pgProcess struct {
	st *postgres.Store
	p  *Pipeline
}

func startPostgres(t *testing.T, ctx context.Context, dsn string, fc *fetch.Client) *pgProcess {
	t.Helper()
	return startPostgresAs(t, ctx, dsn, fc, func(st *postgres.Store) store.Store { return st })
}

// startPostgresAs is startPostgres with the pipeline given the store as
// wrap returns it.
func startPostgresAs(t *testing.T, ctx context.Context, dsn string, fc *fetch.Client, wrap func(*postgres.Store) store.Store) *pgProcess {
	t.Helper()
	return startPostgresWith(t, ctx, dsn, fc, wrap, func(*Config) {})
}

// startPostgresWith is startPostgresAs with the config edit changes.
func startPostgresWith(t *testing.T, ctx context.Context, dsn string, fc *fetch.Client, wrap func(*postgres.Store) store.Store, edit func(*Config)) *pgProcess {
	t.Helper()
	st, err := postgres.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.LeaderRetry = 50 * time.Millisecond
	// The store checks a held lock every second.
	cfg.LeaderGrace = 1500 * time.Millisecond
	edit(&cfg)
	p, err := New(cfg, wrap(st), st.QueueDB(), fc, testLogger(t))
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	if err := p.Start(ctx); err != nil {
		st.Close()
		t.Fatal(err)
	}
	pr := &pgProcess{st: st, p: p}
	t.Cleanup(func() { pr.stop(t) })
	return pr
}

// stop stops the pipeline gracefully and closes the store; it is safe to
// call twice.
func (pr *pgProcess) stop(t *testing.T) {
	if pr.p == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.p.Stop(ctx); err != nil {
		t.Errorf("Stop: %v", err)
	}
	if err := pr.st.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	pr.p = nil
}

// jobsBy counts the jobs of the given kind, or of the group queue when
// kind is empty, that the process's River client attempted.
func (pr *pgProcess) jobsBy(t *testing.T, ctx context.Context, kind string) int {
	t.Helper()
	var n int
	err := pr.st.QueueDB().QueryRowContext(ctx, `SELECT count(*) FROM river_job
		WHERE ($1 = '' AND queue = 'group' OR kind = $1) AND $2 = ANY(attempted_by)`,
		kind, pr.p.q.Client.ID()).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// demoWire starts the bundled newswire on loopback and returns it with its
// sources.
func demoWire(t *testing.T) (*demo.Wire, []news.Source) {
	t.Helper()
	wire, err := demo.NewWire(nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := wire.Start(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wire.Close() })
	return wire, wire.Sources(base)
}

func subscribe(t *testing.T, ctx context.Context, st store.Store, sources []news.Source) {
	t.Helper()
	for _, s := range sources {
		if _, err := st.AddSource(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
}

func waitIdle(t *testing.T, ctx context.Context, p *Pipeline) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := p.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
}

// checkIngested checks that every article of the wire is stored once,
// grouped once and that every story is briefed.
func checkIngested(t *testing.T, ctx context.Context, st store.Store, want int) {
	t.Helper()
	arts, err := st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]bool{}
	originals := 0
	for _, a := range arts {
		if a.DuplicateOf == 0 {
			originals++
		}
		if urls[a.URL] {
			t.Errorf("article %s stored twice", a.URL)
		}
		urls[a.URL] = true
		if !a.Clustered || a.StoryID == 0 {
			t.Errorf("article %d %s not grouped", a.ID, a.URL)
		}
	}
	if len(arts) != want {
		t.Errorf("%d articles stored, want %d", len(arts), want)
	}
	stories, err := st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// Each article but wire copies counted in exactly one story: a second
	// clusterer would have made stories of its own for articles already
	// placed.
	members := 0
	for _, s := range stories {
		members += s.ArticleCount
		if !s.Briefed {
			t.Errorf("story %d %q not briefed", s.ID, s.Title)
		}
	}
	if members != originals {
		t.Errorf("stories count %d articles, want the %d that are not wire copies", members, originals)
	}
}

// waitFor polls cond until it holds or the test's minute runs out.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSharedPostgres runs two pipelines on one PostgreSQL database, as two
// serve processes would: both fetch and extract articles, only the leader
// groups and briefs, and the demo is ingested exactly once.
func TestSharedPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	wire, sources := demoWire(t)
	leader := startPostgres(t, ctx, dsn, testFetcher(t))
	follower := startPostgres(t, ctx, dsn, testFetcher(t))
	if !leader.p.Leading() || follower.p.Leading() {
		t.Fatalf("leading: first %v, second %v; want the first only", leader.p.Leading(), follower.p.Leading())
	}
	subscribe(t, ctx, leader.st, sources)
	waitIdle(t, ctx, follower.p)
	waitIdle(t, ctx, leader.p)

	checkIngested(t, ctx, leader.st, len(wire.Articles()))
	for name, pr := range map[string]*pgProcess{"leader": leader, "follower": follower} {
		if n := pr.jobsBy(t, ctx, articleArgs{}.Kind()); n == 0 {
			t.Errorf("%s did no article job", name)
		}
	}
	if n := follower.jobsBy(t, ctx, ""); n != 0 {
		t.Errorf("follower ran %d group jobs, want none", n)
	}
	if n := leader.jobsBy(t, ctx, ""); n == 0 {
		t.Error("leader ran no group job")
	}
}

// TestSharedPostgresWriter checks that on a shared database the write
// jobs run in the leader only, as the group jobs do (they store a
// briefing, fenced by the leader's epoch), and that every briefing gets
// its written section.
func TestSharedPostgresWriter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	_, sources := demoWire(t)
	lw, fw := &echoWriter{}, &echoWriter{}
	withWriter := func(w write.Writer) func(*Config) {
		return func(c *Config) { c.Writer = w }
	}
	plain := func(st *postgres.Store) store.Store { return st }
	leader := startPostgresWith(t, ctx, dsn, testFetcher(t), plain, withWriter(lw))
	follower := startPostgresWith(t, ctx, dsn, testFetcher(t), plain, withWriter(fw))
	if !leader.p.Leading() || follower.p.Leading() {
		t.Fatalf("leading: first %v, second %v; want the first only", leader.p.Leading(), follower.p.Leading())
	}
	subscribe(t, ctx, leader.st, sources[:2])
	waitIdle(t, ctx, follower.p)
	waitIdle(t, ctx, leader.p)

	if n := follower.jobsBy(t, ctx, writeArgs{}.Kind()); n != 0 || fw.calls.Load() != 0 {
		t.Errorf("follower ran %d write jobs and asked its writer %d times, want none", n, fw.calls.Load())
	}
	if n := leader.jobsBy(t, ctx, writeArgs{}.Kind()); n == 0 || lw.calls.Load() == 0 {
		t.Errorf("leader ran %d write jobs and asked its writer %d times, want some", n, lw.calls.Load())
	}
	stories, err := leader.st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		b, err := leader.st.Briefing(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := b.Section(news.SectionWritten); !ok && summaryKey(b) != "" {
			t.Errorf("story %d: no written section", st.ID)
		}
	}
}

// TestSharedPostgresFailover checks that a follower takes the lead and
// finishes the work when the leader stops, and when the leader's lock is
// lost while it runs (its session ended), in which case the old leader
// stops grouping.
func TestSharedPostgresFailover(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		drop func(t *testing.T, ctx context.Context, leader *pgProcess)
	}{
		{"leader stops", func(t *testing.T, _ context.Context, leader *pgProcess) { leader.stop(t) }},
		{"lock session ends", endLockSession},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			dsn := pgtest.DSN(t)
			wire, sources := demoWire(t)
			leader := startPostgres(t, ctx, dsn, testFetcher(t))
			follower := startPostgres(t, ctx, dsn, testFetcher(t))
			// Half the sources now, half once the leader is gone, so that
			// the new leader has grouping and briefing left to do.
			half := len(sources) / 2
			subscribe(t, ctx, leader.st, sources[:half])
			waitFor(t, "a story is briefed", func() bool {
				list, err := follower.st.Stories(ctx, store.StoryFilter{Limit: 1})
				return err == nil && len(list) > 0 && list[0].Briefed
			})
			before := follower.jobsBy(t, ctx, "")
			dropped := time.Now()
			tc.drop(t, ctx, leader)
			// When its lock is lost the old leader may win it back
			// (both retry), but only after giving up the lead.
			waitFor(t, "a new lead", func() bool {
				if follower.p.Leading() && leader.p != nil && leader.p.Leading() {
					t.Fatal("the follower leads beside the old leader")
				}
				return follower.p.Leading() || leader.p != nil && leader.p.leads.Load() > 1
			})
			t.Logf("new lead %s after the old one was dropped", time.Since(dropped).Round(time.Millisecond))
			subscribe(t, ctx, follower.st, sources[half:])
			waitIdle(t, ctx, follower.p)

			checkIngested(t, ctx, follower.st, len(wire.Articles()))
			if before != 0 {
				t.Errorf("follower ran %d group jobs before it led", before)
			}
			if leader.p != nil && leader.p.Leading() && follower.p.Leading() {
				t.Error("both lead")
			}
			if follower.p.Leading() && follower.jobsBy(t, ctx, "") == 0 {
				t.Error("the new leader ran no group job")
			}
		})
	}
}

// endLockSession ends the session that holds the database's worker lock,
// as a server restart or a broken connection would.
func endLockSession(t *testing.T, ctx context.Context, pr *pgProcess) {
	t.Helper()
	pgtest.EndLockSession(t, ctx, pr.st.QueueDB())
}

// TestMayGroup checks who may run group jobs: any pipeline on SQLite, and
// on a shared database only the leader, so that a leader giving up a lost
// lock snoozes the group jobs it still fetches.
func TestMayGroup(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name            string
		shared, leading bool
		want            bool
	}{
		{"sqlite", false, false, true},
		{"follower", true, false, false},
		{"leader", true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := &Pipeline{shared: tc.shared}
			p.leading.Store(tc.leading)
			if got := p.mayGroup(); got != tc.want {
				t.Errorf("mayGroup() = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestAsLeaderEndsWithReign checks that a group job's context ends when its
// process stops leading, so a leader that lost its lock does not finish a
// batch beside the new leader.
func TestAsLeaderEndsWithReign(t *testing.T) {
	t.Parallel()
	p := &Pipeline{shared: true}
	if _, _, _, ok := p.asLeader(context.Background()); ok {
		t.Fatal("a follower may run a group job")
	}
	p.reign, p.abdicate = context.WithCancel(context.Background())
	p.leading.Store(true)
	ctx, stop, _, ok := p.asLeader(context.Background())
	if !ok {
		t.Fatal("the leader may not run a group job")
	}
	defer stop()
	if ctx.Err() != nil {
		t.Fatal("group job context ended while leading")
	}
	p.leading.Store(false)
	p.endReign()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("group job context still alive after the reign ended")
	}
}

// TestSharedPostgresWriterBackfill checks that a process with a writer
// that takes the lead from one without writes the written sections of the
// stories its predecessor briefed, with no new article to re-brief them.
func TestSharedPostgresWriterBackfill(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	_, sources := demoWire(t)
	plain := func(st *postgres.Store) store.Store { return st }
	w := &echoWriter{}
	leader := startPostgres(t, ctx, dsn, testFetcher(t))
	follower := startPostgresWith(t, ctx, dsn, testFetcher(t), plain, func(c *Config) { c.Writer = w })
	subscribe(t, ctx, leader.st, sources[:1])
	waitIdle(t, ctx, leader.p)
	leader.stop(t)
	eventually(t, "the follower to lead", follower.p.Leading)
	waitIdle(t, ctx, follower.p)

	stories, err := follower.st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) == 0 {
		t.Fatal("no stories")
	}
	written := 0
	for _, st := range stories {
		b, err := follower.st.Briefing(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := b.Section(news.SectionWritten); ok {
			written++
		} else if summaryKey(b) != "" {
			t.Errorf("story %d: no written section", st.ID)
		}
	}
	if written == 0 || w.calls.Load() != int64(written) {
		t.Errorf("%d written sections, the writer asked %d times; want some, one call each", written, w.calls.Load())
	}
}
