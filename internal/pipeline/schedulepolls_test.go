package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestSchedulePollsOneInsert checks that the scheduler inserts the poll
// jobs of every due source in one transaction: on PostgreSQL a job's
// created_at is its transaction's now(), so all share one, where an
// insert per source gave each its own. A second look, with every poll
// still pending, inserts none again.
func TestSchedulePollsOneInsert(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := postgres.Open(ctx, pgtest.DSN(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := New(testConfig(), st, st.QueueDB(), testFetcher(t), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := queue.Migrate(ctx, st.QueueDB(), nil); err != nil {
		t.Fatal(err)
	}
	const sources = 50
	for i := range sources {
		if _, err := st.AddSource(ctx, news.Source{URL: fmt.Sprintf("https://wire%d.example/feed.xml", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for look := range 2 {
		if err := p.schedulePolls(ctx); err != nil {
			t.Fatalf("look %d: %v", look, err)
		}
	}
	var jobs, times int
	if err := st.QueueDB().QueryRowContext(ctx, `SELECT count(*), count(DISTINCT created_at) FROM river_job WHERE kind = $1`,
		pollArgs{}.Kind()).Scan(&jobs, &times); err != nil {
		t.Fatal(err)
	}
	if jobs != sources || times != 1 {
		t.Errorf("%d poll jobs inserted at %d distinct times, want %d at one", jobs, times, sources)
	}
}

// BenchmarkSchedulePolls times one scheduler look at 1,000 due sources,
// their poll jobs inserted from an empty job table, on SQLite and, with
// NEWSDESK_TEST_POSTGRES set, PostgreSQL.
func BenchmarkSchedulePolls(b *testing.B) {
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			var st interface {
				store.Store
				QueueDB() *sql.DB
			}
			if backend == "sqlite" {
				s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "nd.db"), nil)
				if err != nil {
					b.Fatal(err)
				}
				st = s
			} else {
				s, err := postgres.Open(ctx, pgtest.DSN(b), nil)
				if err != nil {
					b.Fatal(err)
				}
				st = s
			}
			b.Cleanup(func() { st.Close() })
			p, err := New(testConfig(), st, st.QueueDB(), testFetcher(b), testLogger(b))
			if err != nil {
				b.Fatal(err)
			}
			if err := queue.Migrate(ctx, st.QueueDB(), nil); err != nil {
				b.Fatal(err)
			}
			for i := range 1000 {
				if _, err := st.AddSource(ctx, news.Source{URL: fmt.Sprintf("https://wire%d.example/feed.xml", i)}); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				b.StopTimer()
				if _, err := st.QueueDB().ExecContext(ctx, `DELETE FROM river_job`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := p.schedulePolls(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
