package pipeline

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestOverlappingPollsQueueEachItemOnce polls a feed twice before any of
// its article jobs has run, as a poll asked for (an OPML import, "Retry
// now") and the scheduler's poll of the same source do when they overlap:
// both find the items unstored. Each item must be queued once, on both
// back ends; without the article job's unique key each poll queued every
// item, and the two jobs of an item, run at once by two workers or two
// processes, fetched its page twice (found dogfooding three `serve`
// processes on PostgreSQL: 96 article jobs and 7 pages fetched twice for
// the demo's 84 articles).
func TestOverlappingPollsQueueEachItemOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range storeBackEnds {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := newSite(t)
			s.ignoreETag.Store(true) // the second poll reads the items too, as the first did
			st, db, _ := tc.open(t)
			// The jobs a poll inserts need the queue's tables; no client
			// works them, so none runs between the two polls.
			if err := queue.Migrate(ctx, db, nil); err != nil {
				t.Fatal(err)
			}
			p, err := New(testConfig(), st, db, testFetcher(t), testLogger(t))
			if err != nil {
				t.Fatal(err)
			}
			src, err := st.AddSource(ctx, news.Source{URL: s.url("/rss.xml")})
			if err != nil {
				t.Fatal(err)
			}
			for i, args := range []pollArgs{{SourceID: src.ID, Now: true}, {SourceID: src.ID, Now: true}} {
				if err := p.poll(ctx, args); err != nil {
					t.Fatalf("poll %d: %v", i+1, err)
				}
			}
			if full, _ := s.counts("rss.xml"); full != 2 {
				t.Fatalf("feed read %d times, want 2", full)
			}
			var jobs, links int
			if err := db.QueryRowContext(ctx,
				`SELECT count(*), count(DISTINCT args->'item'->>'url') FROM river_job WHERE kind = 'newsdesk.article'`,
			).Scan(&jobs, &links); err != nil {
				t.Fatal(err)
			}
			if links == 0 || jobs != links {
				t.Errorf("%d article jobs for %d links after two overlapping polls, want one a link", jobs, links)
			}
		})
	}
}

// TestPollNowJoinsScheduledPoll asks for a poll of a source (an add or
// an import) when the scheduler has already queued one: a due source
// must end with one poll job, the scheduler's, so that its feed is read
// once; as a job of its own (now) it ran beside the scheduler's and the
// feed was read twice at once. A source not due still gets a poll that
// polls it anyway, and so does a source polled before whose scheduled
// poll is already running: River drops the insert as that poll's
// duplicate, but the poll may have read the source before an edit.
func TestPollNowJoinsScheduledPoll(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		next      time.Duration // NextPollAt after now; a new source is due at once
		polled    bool          // the source was polled before (LastPolledAt)
		scheduled bool          // the scheduler has queued its poll
		running   bool          // and that poll is running
		want      []bool        // each poll job's now, in insertion order
	}{
		{"new source, scheduler first", 0, false, true, false, []bool{false}},
		{"new source alone", 0, false, false, false, []bool{false}},
		{"not due", time.Hour, false, false, false, []bool{true}},
		// It read the row the source was added with.
		{"new source, scheduler's poll running", 0, false, true, true, []bool{false}},
		// It may have read the row before an edit.
		{"polled source, scheduler's poll running", 0, true, true, true, []bool{false, true}},
		{"polled source, scheduler's poll queued", 0, true, true, false, []bool{false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			p, rc := unstartedPipeline(t, ctx)
			src, err := p.st.AddSource(ctx, news.Source{URL: "https://example.org/feed.xml"})
			if err != nil {
				t.Fatal(err)
			}
			if tc.next > 0 || tc.polled {
				if _, err := p.st.UpdateSourceFunc(ctx, src.ID, func(s *news.Source) error {
					if tc.next > 0 {
						s.NextPollAt = time.Now().Add(tc.next)
					}
					if tc.polled {
						s.LastPolledAt = time.Now().Add(-time.Hour)
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			if tc.scheduled {
				res, err := p.q.Insert(ctx, pollArgs{SourceID: src.ID}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if tc.running {
					// As a client that fetched it leaves it.
					if _, err := rc.Store.(*sqlite.Store).QueueDB().ExecContext(ctx, `UPDATE river_job
						SET state = 'running', attempt = 1, attempted_at = CURRENT_TIMESTAMP WHERE id = ?`, res.Job.ID); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := p.PollNow(ctx, src.ID); err != nil {
				t.Fatal(err)
			}
			rows, err := p.q.Client.JobList(ctx, river.NewJobListParams().Kinds(pollArgs{}.Kind()).First(10))
			if err != nil {
				t.Fatal(err)
			}
			got := []bool{}
			for _, j := range rows.Jobs {
				var a pollArgs
				if err := json.Unmarshal(j.EncodedArgs, &a); err != nil {
					t.Fatal(err)
				}
				got = append(got, a.Now)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("poll jobs' now (-want +got):\n%s", diff)
			}
		})
	}
}
