package pipeline

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/store"
)

// QueueRetention is the retention job's queue, one worker in every
// process: whichever fetches the day's job prunes.
const QueueRetention = "retention"

// PruneOptions are the options the retention job and `newsdesk prune`
// prune with: the recheck of kept briefings spans the clusterer's thread
// window, the longest a removed story could have been offered to a later
// one as related.
func PruneOptions(cutoff time.Time, dry bool) store.PruneOptions {
	return store.PruneOptions{Cutoff: cutoff, DryRun: dry, Recheck: cluster.DefaultConfig().ThreadWindow}
}

// retentionArgs is the retention job: prune the stories whose newest
// article is older than Keep.
type retentionArgs struct {
	Keep time.Duration `json:"keep"`
}

func (retentionArgs) Kind() string { return "newsdesk.retention" }

// retentionJob returns River's periodic job for Config.Retention. River
// runs periodic jobs in its elected leader only, so one process of those
// sharing a PostgreSQL database inserts it, rather than each pruning on
// its own schedule. The job is also unique by period (RetentionEvery),
// which makes a second prune rarer but does not rule it out: River's
// periods are fixed buckets of UTC time, not a span since the last run,
// and a completed job counts only while it is retained
// (queue.Config.CompletedRetention, an hour), so a new River leader, such
// as a process started as another stops, may prune again within the day.
// That is harmless: Prune is idempotent, a second run finding only what
// aged past the cutoff since.
func retentionJob(cfg Config) *river.PeriodicJob {
	return river.NewPeriodicJob(&retentionSchedule{first: cfg.RetentionFirst, every: cfg.RetentionEvery},
		func() (river.JobArgs, *river.InsertOpts) {
			return retentionArgs{Keep: cfg.Retention}, &river.InsertOpts{
				Queue: QueueRetention,
				// Work never returns a prune's error (it logs it, and the
				// next period tries again), so MaxAttempts matters only
				// for a job stopped by shutdown or its timeout, or
				// rescued as stuck: one attempt leaves the prune to the
				// next period rather than running it again at once.
				MaxAttempts: 1,
				UniqueOpts:  river.UniqueOpts{ByPeriod: cfg.RetentionEvery},
			}
		}, nil)
}

// retentionSchedule is the retention job's schedule: first after the
// enqueuer starts (when this client is elected River's leader, at start
// on SQLite), so that start-up and the first polls have the database to
// themselves, then every after the run before. A client elected again
// later runs it every after that, its first run spent.
type retentionSchedule struct {
	first, every time.Duration

	mu      sync.Mutex
	started bool
}

func (s *retentionSchedule) Next(t time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.started {
		s.started = true
		return t.Add(s.first)
	}
	return t.Add(s.every)
}

// retentionWorker works the retention job.
type retentionWorker struct {
	river.WorkerDefaults[retentionArgs]
	p *Pipeline
}

// retentionTimeout bounds one retention job: far above the queue's
// JobTimeout, since a first prune of a database that was never pruned
// removes months of stories, yet finite, so that a prune hung on the
// database ends and the next period can run. A prune stops between
// statements when it times out or the queue stops, its committed batches
// kept (Prune is idempotent: the next one removes the rest).
const retentionTimeout = time.Hour

// Timeout is retentionTimeout. River's stuck-job rescue leaves the job
// alone until it has run this long, whatever queue.Config's
// RescueStuckJobsAfter (river v0.51.2, internal/maintenance/job_rescuer.go,
// makeRetryDecision: a job younger than its worker's Timeout is ignored),
// so the client-wide rescue delay need not grow with it. That holds on a
// leader that registers this worker, one started with retention: a leader
// without it discards a retention job found running past its rescue
// delay, one reason every process sharing a database must be given the
// same retention (docs/postgres.md).
func (retentionWorker) Timeout(*river.Job[retentionArgs]) time.Duration { return retentionTimeout }

// Work prunes, and logs one line: what went, or why it failed. A failed
// prune is not an error of the job: it is tried at the next period, never
// stopping the server.
func (w retentionWorker) Work(ctx context.Context, j *river.Job[retentionArgs]) error {
	start := time.Now()
	cutoff := start.UTC().Add(-j.Args.Keep)
	res, err := w.p.st.Prune(ctx, PruneOptions(cutoff, false))
	attrs := []any{"cutoff", cutoff.Format(time.RFC3339), "stories", res.Stories, "articles", res.Articles,
		"briefings", res.Briefings, "threads", res.Threads, "set_aside", res.SetAside, "restaled", res.Restaled, "took", time.Since(start)}
	log := w.p.logger.With("subsystem", "retention")
	switch {
	case err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		log.Error("retention prune timed out", append(attrs, "timeout", retentionTimeout)...)
		return ctx.Err()
	case err != nil && ctx.Err() != nil:
		// A prune that finished as shutdown began is logged as pruned.
		log.Info("retention stopped by shutdown", attrs...)
		return ctx.Err()
	case err != nil:
		log.Error("retention prune failed", append(attrs, "err", err)...)
	default:
		log.Info("retention pruned", attrs...)
	}
	return nil
}
