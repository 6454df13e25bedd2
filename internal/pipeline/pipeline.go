// Package pipeline runs newsdesk's ingest as durable jobs: it polls sources,
// reads each new article's page, groups articles into stories and writes a
// briefing for every story, and it picks up exactly where it stopped after
// a crash.
//
// # Jobs
//
// Work is River jobs in the same SQLite file as the store (see package
// queue), in three queues:
//
//   - poll (PollWorkers): one job per due source. A feed is fetched with a
//     conditional GET and parsed; one article job is inserted per item whose
//     canonical URL is not stored yet, and only then are the feed's new
//     validators saved, so a crash never hides an item behind a 304. A page
//     source inserts its one article job.
//   - article (Workers): fetch the page (robots.txt checked), extract, detect
//     the language, canonicalise, store. One job does all of it, so an
//     article costs one job row; AddArticle is keyed by canonical URL, so a
//     job run twice stores nothing twice.
//   - group (one worker): cluster jobs hand every unclustered article, oldest
//     first and in batches, to the clusterer and record its decisions and the
//     stories they touch; brief jobs build and store the briefing of every
//     story marked stale. Both are unique jobs and share the one worker,
//     because the clusterer has one owner and a story must not be marked
//     briefed while a newer article is being added to it.
//
// A scheduler inserts poll jobs for due sources (store.Store.DueSources)
// and cluster and brief jobs whenever the store holds unclustered articles
// or unbriefed stories; a cluster job that changed stories also queues a
// brief job. That last rule is what makes the pipeline crash-safe: the
// store, not the queue, says what is left to do, so a job lost or cut short
// is simply scheduled again.
//
// # Restart
//
// Start rebuilds the clusterer by replaying the stored decisions of the
// articles within its thread and archive windows in the order they were
// made (Clusterer.Restore), a page at a time, refreshes the stories with
// articles in the thread window (a crash between recording an article's
// story and saving the story is repaired here), and reclaims the jobs a
// killed process left running.
package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Queue names.
const (
	QueuePoll    = "poll"
	QueueArticle = "article"
	QueueGroup   = "group"
)

// Pipeline is the ingest: sources in, briefed stories out.
type Pipeline struct {
	cfg    Config
	st     store.Store
	fc     *fetch.Client
	q      *queue.Queue
	logger *slog.Logger

	// mu guards the clusterer, which is not safe for concurrent use. Only
	// group jobs and Start touch it, one at a time anyway; the mutex also
	// orders their memory.
	mu    sync.Mutex
	cl    *cluster.Clusterer
	dirty bool // the clusterer may disagree with the store: rebuild first

	runMu   sync.Mutex
	cancel  context.CancelFunc // stops the scheduler; nil when not running
	done    chan struct{}      // closed when the scheduler has returned
	release func()             // releases the worker lock
}

// workerLocker is a store that can guarantee a single pipeline process per
// database (sqlite.Store.LockWorker).
type workerLocker interface {
	LockWorker() (release func(), err error)
}

// New returns a pipeline that is not yet started. st is the store; db is the
// connection pool for the job queue, of exactly one connection to the same
// database (sqlite.Store.QueueDB). fc fetches feeds and pages.
func New(cfg Config, st store.Store, db *sql.DB, fc *fetch.Client, logger *slog.Logger) (*Pipeline, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("pipeline config: %w", err)
	}
	if st == nil || db == nil || fc == nil {
		return nil, errors.New("pipeline: store, queue database and fetch client are required")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	p := &Pipeline{cfg: cfg, st: st, fc: fc, logger: logger, cl: cluster.New(cluster.DefaultConfig())}

	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, j *river.Job[pollArgs]) error {
		return p.poll(ctx, j.Args)
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, j *river.Job[articleArgs]) error {
		return p.article(ctx, j.Args)
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[clusterArgs]) error {
		return p.clusterAll(ctx)
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[briefArgs]) error {
		return p.briefAll(ctx)
	}))
	qcfg := queue.DefaultConfig()
	qcfg.Queues = map[string]river.QueueConfig{
		QueuePoll:    {MaxWorkers: cfg.PollWorkers},
		QueueArticle: {MaxWorkers: cfg.Workers},
		QueueGroup:   {MaxWorkers: 1},
	}
	qcfg.FetchCooldown, qcfg.FetchPollInterval = cfg.FetchCooldown, cfg.FetchPollInterval
	qcfg.Logger = logger.With("component", "queue")
	q, err := queue.New(db, workers, qcfg)
	if err != nil {
		return nil, err
	}
	p.q = q
	return p, nil
}

// Start takes the store's worker lock when it has one (a second process on
// the same SQLite file is refused), restores the clusterer from the store,
// starts the job queue (which reclaims jobs a killed process left running)
// and the scheduler, which run until Stop. ctx bounds the start-up only, so that a caller whose context
// ends on a signal can still stop gracefully with Stop.
func (p *Pipeline) Start(ctx context.Context) error {
	p.runMu.Lock()
	defer p.runMu.Unlock()
	if p.cancel != nil {
		return errors.New("pipeline already started")
	}
	release := func() {}
	if l, ok := p.st.(workerLocker); ok {
		var err error
		if release, err = l.LockWorker(); err != nil {
			return fmt.Errorf("start pipeline: %w", err)
		}
	}
	p.mu.Lock()
	err := p.restore(ctx)
	p.mu.Unlock()
	if err != nil {
		release()
		return err
	}
	if err := p.q.Start(ctx); err != nil {
		release()
		return err
	}
	p.release = release
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	p.cancel, p.done = cancel, make(chan struct{})
	go p.scheduler(sctx, p.done)
	return nil
}

// Stop stops the scheduler, lets running jobs finish and stops the queue.
// If ctx ends first, running jobs are cancelled; they stay marked running
// and are done again at the next Start.
func (p *Pipeline) Stop(ctx context.Context) error {
	p.runMu.Lock()
	defer p.runMu.Unlock()
	if p.cancel == nil {
		return nil
	}
	p.cancel()
	<-p.done
	p.cancel, p.done = nil, nil
	err := p.q.Stop(ctx)
	p.release()
	return err
}

// PollNow schedules a poll of the source now, whatever its NextPollAt. It
// does nothing if a poll of it is already pending. Call it after Start,
// which creates the job tables on a new database.
func (p *Pipeline) PollNow(ctx context.Context, sourceID int64) error {
	if _, err := p.st.Source(ctx, sourceID); err != nil {
		return fmt.Errorf("poll now: %w", err)
	}
	if _, err := p.q.Client.Insert(ctx, pollArgs{SourceID: sourceID, Now: true}, nil); err != nil {
		return fmt.Errorf("poll source %d now: %w", sourceID, err)
	}
	return nil
}

// WaitIdle returns when there is nothing left to do: no job pending or
// running, no source due for a poll, every article clustered and every story
// briefed. A source whose polls fail is waiting for its backoff, not due, so
// it does not keep WaitIdle from returning. The pipeline must be started.
func (p *Pipeline) WaitIdle(ctx context.Context) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		idle, err := p.idle(ctx)
		if err != nil {
			return err
		}
		if idle {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for the pipeline to be idle: %w", ctx.Err())
		case <-tick.C:
		}
	}
}

func (p *Pipeline) idle(ctx context.Context) (bool, error) {
	if pending, err := p.q.Pending(ctx); err != nil || pending {
		return false, err
	}
	if due, err := p.st.DueSources(ctx, time.Now()); err != nil || len(due) > 0 {
		return false, err
	}
	if list, err := p.st.Articles(ctx, store.ArticleFilter{Unclustered: true, Limit: 1}); err != nil || len(list) > 0 {
		return false, err
	}
	if list, err := p.st.Stories(ctx, store.StoryFilter{Unbriefed: true, Limit: 1}); err != nil || len(list) > 0 {
		return false, err
	}
	// A job may have been inserted between the first check and the store
	// checks; look again so that idle means idle.
	pending, err := p.q.Pending(ctx)
	return !pending, err
}

// scheduler inserts the jobs the store says are needed until ctx ends: polls
// every ScheduleEvery, grouping and briefing every GroupEvery.
func (p *Pipeline) scheduler(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	polls := time.NewTicker(p.cfg.ScheduleEvery)
	defer polls.Stop()
	groups := time.NewTicker(p.cfg.GroupEvery)
	defer groups.Stop()
	p.logSchedule(ctx, p.schedulePolls(ctx))
	for {
		p.logSchedule(ctx, p.scheduleGroups(ctx))
		select {
		case <-ctx.Done():
			return
		case <-polls.C:
			p.logSchedule(ctx, p.schedulePolls(ctx))
		case <-groups.C:
		}
	}
}

func (p *Pipeline) logSchedule(ctx context.Context, err error) {
	if err != nil && ctx.Err() == nil {
		p.logger.Error("schedule jobs", "err", err)
	}
}

// schedulePolls inserts a poll job for every due source
// (store.Store.DueSources).
func (p *Pipeline) schedulePolls(ctx context.Context) error {
	sources, err := p.st.DueSources(ctx, time.Now())
	if err != nil {
		return err
	}
	for _, s := range sources {
		if _, err := p.q.Client.Insert(ctx, pollArgs{SourceID: s.ID}, nil); err != nil {
			return fmt.Errorf("schedule poll of source %d: %w", s.ID, err)
		}
	}
	return nil
}

// scheduleGroups inserts a cluster job if an article is unclustered and a
// brief job if a story is unbriefed.
func (p *Pipeline) scheduleGroups(ctx context.Context) error {
	if list, err := p.st.Articles(ctx, store.ArticleFilter{Unclustered: true, Limit: 1}); err != nil {
		return err
	} else if len(list) > 0 {
		if _, err := p.q.Client.Insert(ctx, clusterArgs{}, nil); err != nil {
			return fmt.Errorf("schedule clustering: %w", err)
		}
	}
	if list, err := p.st.Stories(ctx, store.StoryFilter{Unbriefed: true, Limit: 1}); err != nil {
		return err
	} else if len(list) > 0 {
		if _, err := p.q.Client.Insert(ctx, briefArgs{}, nil); err != nil {
			return fmt.Errorf("schedule briefing: %w", err)
		}
	}
	return nil
}

// ---- Jobs

// uniqueOpts makes a job unique among the unfinished jobs with the same
// arguments, so the scheduler can insert it every tick. Finished jobs do not
// count (River's default would keep a completed poll from ever running
// again while it is retained).
func uniqueOpts(q string) river.InsertOpts {
	return river.InsertOpts{Queue: q, UniqueOpts: river.UniqueOpts{
		ByArgs:  true,
		ByState: queue.PendingStates(),
	}}
}

type pollArgs struct {
	SourceID int64 `json:"source_id"`
	// Now polls even if the source is not due (PollNow). A scheduled poll
	// is skipped when the source is no longer due: the scheduler may read
	// a source as due just before a poll of it finishes, and its job,
	// unique only among unfinished ones, would poll the source again.
	Now bool `json:"now,omitempty"`
}

func (pollArgs) Kind() string                 { return "newsdesk.poll" }
func (pollArgs) InsertOpts() river.InsertOpts { return uniqueOpts(QueuePoll) }

type articleArgs struct {
	SourceID int64    `json:"source_id"`
	Item     feedItem `json:"item"`
}

func (articleArgs) Kind() string { return "newsdesk.article" }
func (articleArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueArticle}
}

type clusterArgs struct{}

func (clusterArgs) Kind() string                 { return "newsdesk.cluster" }
func (clusterArgs) InsertOpts() river.InsertOpts { return uniqueOpts(QueueGroup) }

type briefArgs struct{}

func (briefArgs) Kind() string                 { return "newsdesk.brief" }
func (briefArgs) InsertOpts() river.InsertOpts { return uniqueOpts(QueueGroup) }
