package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// TestLeaderReclaimsDeadFollowerJobs leaves an article job running under a
// River client that holds no liveness lock, as a follower killed mid-fetch
// leaves it (kill -9; a lost machine once TCP keepalives give up on its
// lock's session, about 25 s), beside a leader that keeps running. The
// leader must make it available again within a few ReclaimDeadEvery (the
// look that finds its lock free, the grace, reclaimGrace, and one look),
// and the article be stored. Without the leader's periodic look the job
// stayed running until a process started or took the lead, or River's
// rescuer (about 10 minutes): dogfooding three serve processes, the 4
// articles a killed follower was fetching were still missing a minute
// later, and the backlog was grouped without them (20 stories, not 21).
func TestLeaderReclaimsDeadFollowerJobs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		every     time.Duration
		wantStore bool
	}{
		{"reclaimed", 100 * time.Millisecond, true},
		{"off", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := newSite(t)
			leader := startPostgresWith(t, ctx, pgtest.DSN(t), testFetcher(t),
				func(st *postgres.Store) store.Store { return st },
				func(c *Config) { c.ReclaimDeadEvery = tc.every })
			waitFor(t, "the process leads", leader.p.Leading)
			link := s.url("/news/fire-1.html")
			// Queued where no worker looks, then marked as the dead
			// follower's running job in the article queue.
			res, err := leader.p.q.Client.Insert(ctx, articleArgs{Item: feedItem{URL: link}, Key: news.URLKey(link)},
				&river.InsertOpts{Queue: "parked"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := leader.st.QueueDB().ExecContext(ctx, `UPDATE river_job SET state = 'running', queue = $1,
				attempted_at = now(), attempted_by = ARRAY['dead_follower'], attempt = 1 WHERE id = $2`,
				QueueArticle, res.Job.ID); err != nil {
				t.Fatal(err)
			}
			stored := func() bool {
				ok, err := leader.st.HasArticle(ctx, news.URLKey(link))
				return err == nil && ok
			}
			if !tc.wantStore {
				// Ten of the reclaimed case's intervals, and more.
				time.Sleep(time.Second)
				if stored() {
					t.Fatal("the dead follower's article was stored with the reclaim turned off")
				}
				return
			}
			deadline := time.Now().Add(30 * time.Second)
			for !stored() {
				if time.Now().After(deadline) {
					var state string
					_ = leader.st.QueueDB().QueryRowContext(ctx, `SELECT state FROM river_job WHERE id = $1`, res.Job.ID).Scan(&state)
					t.Fatalf("the dead follower's article job is %s and its article unstored after 30 s, want it reclaimed and done", state)
				}
				time.Sleep(20 * time.Millisecond)
			}
			if n := s.pageCount("/news/fire-1.html"); n != 1 {
				t.Errorf("page fetched %d times, want 1", n)
			}
		})
	}
}
