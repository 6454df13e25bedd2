package postgres_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// TestLeadWaitsForWriteInFlight checks the order the fence keeps between a
// leader's write already past its check and a new Lead: the Lead waits
// for the write to commit, so that the new leader, reading after its Lead,
// sees it. The write is held in flight by a row lock on its article, and
// each wait is seen in pg_stat_activity, under an application name of the
// test's own.
func TestLeadWaitsForWriteInFlight(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	u, err := url.Parse(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	app := u.Query().Get("search_path") // unique to the test
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	st := open(t, u.String())
	defer st.Close()
	a, old := articleAndLeader(t, ctx, st)

	holder, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback(context.WithoutCancel(ctx))
	if _, err := holder.Exec(ctx, `SELECT 1 FROM articles WHERE id = $1 FOR UPDATE`, a.ID); err != nil {
		t.Fatal(err)
	}
	waiting := func(prefix string) bool {
		t.Helper()
		var n int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE $2`, app, prefix+"%").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	// until polls cond; the goroutine that closes done returning first
	// fails the test.
	until := func(what string, done <-chan struct{}, cond func() bool) {
		t.Helper()
		for !cond() {
			select {
			case <-done:
				t.Fatalf("%s: it returned first", what)
			case <-ctx.Done():
				t.Fatalf("%s: %v", what, ctx.Err())
			case <-time.After(10 * time.Millisecond):
			}
		}
	}

	var writeErr error
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		writeErr = old.SetArticleGroup(ctx, a.ID, store.Group{StoryID: 1, ThreadID: 1})
	}()
	until("the old leader's write waits for the article's row", wrote, func() bool { return waiting("UPDATE articles") })
	var (
		cur     store.Leader
		leadErr error
	)
	led := make(chan struct{})
	go func() {
		defer close(led)
		cur, leadErr = st.Lead(ctx)
	}()
	until("Lead waits for the write in flight", led, func() bool { return waiting("UPDATE leader_epoch") })
	if err := holder.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	<-wrote
	if writeErr != nil {
		t.Fatalf("write past its check before the Lead: %v", writeErr)
	}
	<-led
	if leadErr != nil {
		t.Fatalf("Lead: %v", leadErr)
	}
	if cur.Epoch() != old.Epoch()+1 {
		t.Errorf("new epoch %d, want %d", cur.Epoch(), old.Epoch()+1)
	}
	if art, err := st.Article(ctx, a.ID); err != nil || !art.Clustered || art.StoryID != 1 {
		t.Errorf("article after the write in flight: %+v, %v; want it in story 1", art, err)
	}
	if err := old.PutStory(ctx, news.Story{ID: 1, ThreadID: 1}); !errors.Is(err, store.ErrFenced) {
		t.Errorf("PutStory of the old leader after the Lead: err = %v, want store.ErrFenced", err)
	}
}

// TestLeadBoundedByFrozenWrite checks that a leader frozen inside a fenced
// write, past its check and before its COMMIT, holds the next Lead back
// for no longer than the fence's idle timeout: the server ends the frozen
// session, the Lead returns, and the frozen write's COMMIT fails, having
// written nothing. The freeze is the write's function blocking, which the
// server sees as a transaction idle like a process not scheduled.
func TestLeadBoundedByFrozenWrite(t *testing.T) {
	t.Parallel()
	const idle = time.Second
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st := open(t, pgtest.DSN(t))
	defer st.Close()
	postgres.SetFenceIdleTimeout(st, idle)
	a, old := articleAndLeader(t, ctx, st)

	held, led := make(chan struct{}), make(chan struct{})
	var writeErr error
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		writeErr = postgres.Fenced(ctx, old, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE articles SET story_id = 7, thread_id = 7 WHERE id = $1`, a.ID); err != nil {
				return err
			}
			close(held)
			select { // frozen until the next Lead returned
			case <-led:
			case <-ctx.Done():
			}
			return nil
		})
	}()
	select {
	case <-held:
	case <-wrote:
		t.Fatalf("the frozen write returned before its write: %v", writeErr)
	}
	// Well past the bound, far short of the test's minute: unbounded, the
	// Lead waits for the frozen transaction until this ends.
	lctx, lcancel := context.WithTimeout(ctx, idle+10*time.Second)
	defer lcancel()
	start := time.Now()
	cur, leadErr := st.Lead(lctx)
	took := time.Since(start)
	close(led)
	<-wrote
	if leadErr != nil {
		t.Fatalf("Lead behind a write frozen in flight: %v after %v", leadErr, took)
	}
	if cur.Epoch() != old.Epoch()+1 {
		t.Errorf("new epoch %d, want %d", cur.Epoch(), old.Epoch()+1)
	}
	if writeErr == nil {
		t.Error("the frozen write committed after the next Lead")
	}
	if art, err := st.Article(ctx, a.ID); err != nil || art.StoryID != 0 {
		t.Errorf("article after the frozen write: story %d, %v; want story 0", art.StoryID, err)
	}
	t.Logf("Lead returned after %v (idle timeout %v); the frozen write: %v", took, idle, writeErr)
}

// articleAndLeader stores an article and takes the lead of st.
func articleAndLeader(t *testing.T, ctx context.Context, st *postgres.Store) (news.Article, store.Leader) {
	t.Helper()
	a, _, err := st.AddArticle(ctx, news.Article{URL: "https://example.org/1", Title: "Dam opens", Text: "The dam opened."})
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.Lead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return a, l
}

// BenchmarkSetArticleGroup measures what the fence costs a decision: the
// plain write against the Leader's, the same UPDATE with the epoch read
// FOR SHARE in its WHERE (it was a transaction of four round trips).
func BenchmarkSetArticleGroup(b *testing.B) {
	ctx := context.Background()
	st := open(b, pgtest.DSN(b))
	defer st.Close()
	a, _, err := st.AddArticle(ctx, news.Article{URL: "https://example.org/1", Text: "The dam opened."})
	if err != nil {
		b.Fatal(err)
	}
	l, err := st.Lead(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		write func(ctx context.Context, id int64, g store.Group) error
	}{
		{"plain", st.SetArticleGroup},
		{"fenced", l.SetArticleGroup},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := bc.write(ctx, a.ID, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
