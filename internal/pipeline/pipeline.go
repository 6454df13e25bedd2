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
//     briefed while a newer article is being added to it. On PostgreSQL,
//     where several processes share the jobs, only the leader (the holder
//     of the worker lock) works this queue (see Start).
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
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

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
	// briefLog receives the briefer's section failures. logger names the
	// component already, so this one adds a subsystem, not a second
	// component key.
	briefLog *slog.Logger

	// mu guards the clusterer, which is not safe for concurrent use. Only
	// group jobs and Start touch it, one at a time anyway; the mutex also
	// orders their memory.
	mu    sync.Mutex
	cl    *cluster.Clusterer
	dirty bool // the clusterer may disagree with the store: rebuild first
	// settling is when a cluster job first found fetching under way and
	// left the articles to settle (see Config.GroupSettle); zero when not
	// waiting. Guarded by mu, as the clusterer.
	settling time.Time
	// backlog says the wait begun at settling found a backlog (see
	// Config.GroupBacklogJobs), so it lasts until fetching is done, for
	// at most GroupBacklogWait, rather than GroupSettle.
	backlog bool
	// lw writes the clusterer's results, fenced by the leader epoch
	// this process took (see fence.go); nil before it took one.
	lw store.Leader
	// snap is where the clusterer stands against the stored decisions,
	// for its snapshots (see snapshot.go).
	snap snapState

	// shared: processes share the database (PostgreSQL) and take turns
	// leading (see Start); leading: this one holds the worker lock and
	// works the group queue.
	shared  bool
	leading atomic.Bool
	leads   atomic.Int64 // times this pipeline took the lead, for tests
	// reign ends when this process stops leading: it cancels the group
	// job running here (see asLeader). Nil before the first lead. epoch
	// is the leader epoch of the reign, 0 for an unfenced store.
	reignMu  sync.Mutex
	reign    context.Context
	abdicate context.CancelFunc
	epoch    int64
	// fenced carries the epoch of a reign whose write the store refused
	// (store.ErrFenced) from its group job to the leadership goroutine.
	fenced chan int64
	// wake brings the scheduler's looks for grouping work back to
	// GroupEvery (see wakeScheduler).
	wake chan struct{}
	// addMu orders adding the group queue before group job inserts: River
	// v0.51.2's Queues().Add registers the queue's producer before it
	// starts it, and an insert into the queue meanwhile wakes the half
	// started producer (a data race under -race). See insertGroup.
	addMu sync.RWMutex
	// written holds the written sections drafted for stories marked for
	// briefing again before they could be stored, by story, for the
	// re-brief to attach if its summary is unchanged (see putWritten).
	// Guarded by mu.
	written map[int64]writtenSection

	runMu   sync.Mutex
	cancel  context.CancelFunc // stops the scheduler; nil when not running
	done    chan struct{}      // closed when the scheduler has returned
	release func()             // releases the worker lock (SQLite)
	// led hands Stop the release of the worker lock the leadership
	// goroutine holds, nil if none, when that goroutine returns (shared
	// only).
	led chan func()
}

// groupQueue is the group queue's one worker: the clusterer has one owner.
func groupQueue() river.QueueConfig { return river.QueueConfig{MaxWorkers: 1} }

// workerLocker is a store that can guarantee a single pipeline process per
// database (sqlite.Store.LockWorker).
type workerLocker interface {
	LockWorker() (release func(), err error)
}

// sharedLocker is a store whose worker lock processes sharing the database
// take in turns (postgres.Store.TryLockWorker): release is nil when another
// process holds it, and lost is closed if the lock is lost while held.
type sharedLocker interface {
	TryLockWorker(ctx context.Context) (release func(), lost <-chan struct{}, err error)
}

// pgxPooler is a store on a pgx pool (postgres.Store), which the job
// queue's listener takes its connection from (queue.Config.ListenPool).
type pgxPooler interface {
	Pool() *pgxpool.Pool
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
	p := &Pipeline{cfg: cfg, st: st, fc: fc, logger: logger, cl: cluster.New(cfg.Cluster), fenced: make(chan int64, 1),
		wake: make(chan struct{}, 1), written: map[int64]writtenSection{}}
	p.briefLog = logger.With("subsystem", "brief")
	_, turns := st.(sharedLocker)
	p.shared = turns && queue.IsPostgres(db)
	if _, ok := st.(fencer); p.shared && !ok {
		// Processes sharing a database need the fence: without it a
		// leader frozen past its lock would write behind its successor.
		return nil, fmt.Errorf("pipeline: store %T is shared but has no leader fence (Lead)", st)
	}

	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, j *river.Job[pollArgs]) error {
		return p.waitForHost(ctx, j.JobRow, p.poll(ctx, j.Args))
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, j *river.Job[articleArgs]) error {
		return p.waitForHost(ctx, j.JobRow, p.article(ctx, j.Args))
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[clusterArgs]) error {
		return p.groupJob(ctx, p.clusterAll)
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[briefArgs]) error {
		return p.groupJob(ctx, p.briefAll)
	}))
	river.AddWorker(workers, writeWorker{p: p})
	qcfg := queue.DefaultConfig()
	qcfg.Queues = map[string]river.QueueConfig{
		QueuePoll:    {MaxWorkers: cfg.PollWorkers},
		QueueArticle: {MaxWorkers: cfg.Workers},
	}
	if cfg.Retention > 0 {
		river.AddWorker(workers, retentionWorker{p: p})
		qcfg.Queues[QueueRetention] = river.QueueConfig{MaxWorkers: 1}
		qcfg.PeriodicJobs = []*river.PeriodicJob{retentionJob(cfg)}
	}
	if !p.shared {
		// A shared pipeline adds the group queue when it leads.
		qcfg.Queues[QueueGroup] = groupQueue()
		if cfg.Writer != nil {
			qcfg.Queues[QueueWrite] = p.writeQueue()
		}
	}
	qcfg.FetchCooldown, qcfg.FetchPollInterval = cfg.FetchCooldown, cfg.FetchPollInterval
	if cfg.ReclaimDeadEvery > 0 {
		// Twice per look at dead peers, so a live process whose liveness
		// lock's connection was lost has it back well within the look's
		// grace (reclaimGrace).
		qcfg.AliveCheckEvery = cfg.ReclaimDeadEvery / 2
	}
	if pp, ok := st.(pgxPooler); ok {
		// PostgreSQL: River listens on a connection of the store's pool.
		qcfg.ListenPool = pp.Pool()
	}
	// logger names the component already (serve's is "pipeline"): a second
	// "component" would be a duplicate key on every queue line.
	qcfg.Logger = logger.With("subsystem", "queue")
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
//
// On PostgreSQL several processes share the work instead. Every one works
// the poll and article queues and runs the scheduler (poll, cluster and
// brief jobs are unique among unfinished ones, so schedulers in several
// processes insert each once). Only the leader, the holder of the worker
// lock, works the group queue with its clusterer; a process that cannot
// take the lock follows, and tries it again every LeaderRetry. A process
// that takes it restores the clusterer from the store, reclaims the jobs
// the dead leader left running and adds the group queue (see lead).
func (p *Pipeline) Start(ctx context.Context) error {
	p.runMu.Lock()
	defer p.runMu.Unlock()
	if p.cancel != nil {
		return errors.New("pipeline already started")
	}
	if p.shared {
		return p.startShared(ctx, p.st.(sharedLocker))
	}
	release := func() {}
	if l, ok := p.st.(workerLocker); ok {
		var err error
		if release, err = l.LockWorker(); err != nil {
			return fmt.Errorf("start pipeline: %w", err)
		}
	}
	p.mu.Lock()
	err := p.takeLead(ctx)
	p.mu.Unlock()
	if err != nil {
		release()
		return err
	}
	if err := p.q.Start(ctx); err != nil {
		release()
		return err
	}
	// After the queue started: it creates the job tables on a new database.
	p.backfillWrites(ctx)
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
	if p.shared {
		return p.stopShared(ctx)
	}
	err := p.q.Stop(ctx)
	// Still holding the worker lock, so no other process groups yet.
	p.snapshotAtStop(ctx)
	p.release()
	return err
}

// startShared is Start on a database shared by several processes.
func (p *Pipeline) startShared(ctx context.Context, sl sharedLocker) error {
	if err := p.q.Start(ctx); err != nil {
		return err
	}
	fail := func(err error) error {
		if serr := p.q.Stop(context.WithoutCancel(ctx)); serr != nil {
			p.logger.Warn("stop job queue after a failed start", "err", serr)
		}
		return err
	}
	release, lost, err := sl.TryLockWorker(ctx)
	if err != nil {
		return fail(fmt.Errorf("start pipeline: %w", err))
	}
	if release != nil {
		if err := p.lead(ctx); err != nil {
			release()
			return fail(err)
		}
	} else {
		p.logger.Info("following: another process leads (groups and briefs); this one polls and reads articles")
	}
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	p.cancel, p.done, p.led = cancel, make(chan struct{}), make(chan func(), 1)
	go p.scheduler(sctx, p.done)
	go p.leadership(sctx, sl, release, lost, p.led)
	return nil
}

// stopShared stops the queue, then gives up the lock: a follower taking it
// while a group job of this process still ran would group beside it.
func (p *Pipeline) stopShared(ctx context.Context) error {
	release := <-p.led
	p.led = nil
	err := p.q.Stop(ctx)
	if release != nil && p.mayGroup() {
		// Before the lock goes: a new leader may group at once.
		p.snapshotAtStop(ctx)
	}
	if p.leading.Swap(false) {
		// Drop the group queue from the stopped client, so that a
		// restarted pipeline starts as a follower until it takes the lock.
		if rerr := p.removeGroupQueues(context.WithoutCancel(ctx)); rerr != nil {
			err = errors.Join(err, fmt.Errorf("stop pipeline: %w", rerr))
		}
	}
	if release != nil {
		release()
	}
	return err
}

// leadership takes the lead when the worker lock comes free, and gives it
// up if the lock is lost, until ctx ends; then it hands the lock's release
// (nil if not held) to Stop through led. release and lost are the lock
// Start took, nil if it took none.
func (p *Pipeline) leadership(ctx context.Context, sl sharedLocker, release func(), lost <-chan struct{}, led chan<- func()) {
	tick := time.NewTicker(p.cfg.LeaderRetry)
	defer tick.Stop()
	stepDown := func(msg string, args ...any) {
		p.logger.Error(msg, args...)
		if err := p.follow(ctx); err != nil && ctx.Err() == nil {
			p.logger.Error("give up the group queue", "err", err)
		}
		release()
		release, lost = nil, nil
	}
	for {
		select {
		case <-ctx.Done():
			led <- release
			return
		case <-lost:
			stepDown("lost the worker lock (its database session ended): following")
		case epoch := <-p.fenced:
			p.reignMu.Lock()
			current := p.epoch
			p.reignMu.Unlock()
			if release == nil || epoch != current {
				continue // a report from a reign already over
			}
			// The lock may still be held (its loss not yet seen);
			// stepping down releases it, and the lead is retried as
			// after a loss.
			stepDown("fenced: another process took the lead (the store refused a write of this leader's epoch): following",
				"leader_epoch", epoch)
		case <-tick.C:
			if release != nil {
				continue
			}
			r, l, err := sl.TryLockWorker(ctx)
			if err != nil {
				if ctx.Err() == nil {
					p.logger.Warn("try the worker lock", "err", err)
				}
				continue
			}
			if r == nil {
				continue
			}
			if err := p.graceThenLead(ctx, l); err != nil {
				r()
				if ctx.Err() == nil {
					p.logger.Error("take the lead", "err", err)
				}
				continue
			}
			release, lost = r, l
		}
	}
}

// graceThenLead waits LeaderGrace after taking the lock from another
// process before leading, so that a leader whose lock session ended while
// it lives has noticed and stopped grouping (see sharedLocker) before this
// one starts. lost is the new lock's.
func (p *Pipeline) graceThenLead(ctx context.Context, lost <-chan struct{}) error {
	grace := time.NewTimer(p.cfg.LeaderGrace)
	defer grace.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-lost:
		return errors.New("lost the worker lock while waiting to lead")
	case <-grace.C:
	}
	return p.lead(ctx)
}

// lead makes this process, holding the worker lock, the leader: it raises
// the store's leader epoch, fencing off the writes of any earlier leader
// (see fence.go), rebuilds the clusterer from the store (another process
// may have grouped since),
// makes the jobs of dead processes available again (the old leader's group
// job among them, rather than after River's rescue delay), and adds the
// group queue.
func (p *Pipeline) lead(ctx context.Context) error {
	p.mu.Lock()
	err := p.takeLead(ctx)
	epoch := p.leader().Epoch()
	p.mu.Unlock()
	if err != nil {
		return err
	}
	n, err := p.q.ReclaimDeadClients(ctx)
	if err != nil {
		return fmt.Errorf("take the lead: %w", err)
	}
	p.reignMu.Lock()
	p.reign, p.abdicate = context.WithCancel(context.Background())
	p.epoch = epoch
	p.reignMu.Unlock()
	// Before the queues are added and Leading reports true: once this
	// process leads, WaitIdle sees the backfill's jobs.
	p.backfillWrites(ctx)
	p.addMu.Lock()
	err = p.q.Client.Queues().Add(QueueGroup, groupQueue())
	if err == nil && p.cfg.Writer != nil {
		// The write jobs store briefings too, fenced: worked where the
		// group jobs are.
		if err = p.q.Client.Queues().Add(QueueWrite, p.writeQueue()); err != nil {
			err = errors.Join(err, p.q.Client.Queues().Remove(ctx, QueueGroup))
		}
	}
	p.addMu.Unlock()
	if err != nil {
		p.endReign()
		return fmt.Errorf("take the lead: add the group queue: %w", err)
	}
	p.leading.Store(true)
	p.leads.Add(1)
	p.logger.Info("leading: this process groups and briefs", "reclaimed_jobs", n, "leader_epoch", epoch)
	return nil
}

// follow gives up the group queue after the lock was lost; it waits for a
// group job running here to finish. The clusterer is rebuilt if this
// process leads again.
func (p *Pipeline) follow(ctx context.Context) error {
	p.leading.Store(false)
	p.endReign()
	p.mu.Lock()
	p.dirty = true
	p.mu.Unlock()
	return p.removeGroupQueues(ctx)
}

// removeGroupQueues removes the queues only the leader works: the group
// queue and, with a writer, the write queue.
func (p *Pipeline) removeGroupQueues(ctx context.Context) error {
	if err := p.q.Client.Queues().Remove(ctx, QueueGroup); err != nil {
		return fmt.Errorf("remove the group queue: %w", err)
	}
	if p.cfg.Writer != nil {
		if err := p.q.Client.Queues().Remove(ctx, QueueWrite); err != nil {
			return fmt.Errorf("remove the write queue: %w", err)
		}
	}
	return nil
}

// endReign cancels the group job running here, if any: once the lock is
// lost another process may lead, and a batch cut short is redone from the
// store (its articles stay unclustered, its stories unbriefed).
func (p *Pipeline) endReign() {
	p.reignMu.Lock()
	defer p.reignMu.Unlock()
	if p.abdicate != nil {
		p.abdicate()
	}
}

// asLeader returns the context a group job runs in, ended also when this
// process stops leading, the leader epoch of the reign it runs in, and
// whether the job may run here at all (see mayGroup).
func (p *Pipeline) asLeader(ctx context.Context) (_ context.Context, stop context.CancelFunc, epoch int64, ok bool) {
	if !p.shared {
		return ctx, func() {}, 0, true
	}
	p.reignMu.Lock()
	reign, epoch := p.reign, p.epoch
	p.reignMu.Unlock()
	if !p.mayGroup() || reign == nil || reign.Err() != nil {
		return ctx, func() {}, 0, false
	}
	ctx, cancel := context.WithCancel(ctx)
	stopAfter := context.AfterFunc(reign, cancel)
	return ctx, func() { stopAfter(); cancel() }, epoch, true
}

// mayGroup reports whether group jobs may run here: always on SQLite, and
// on a shared database only in the leader. A follower has no group queue,
// so this guards the moment a leader that lost its lock is giving it up.
func (p *Pipeline) mayGroup() bool {
	return !p.shared || p.leading.Load()
}

// Leading reports whether this pipeline works the group queue: always
// true for a started pipeline on SQLite; on PostgreSQL, whether it holds
// the worker lock.
func (p *Pipeline) Leading() bool {
	p.runMu.Lock()
	running := p.cancel != nil
	p.runMu.Unlock()
	return running && p.mayGroup()
}

// PollNow schedules a poll of the source now, whatever its NextPollAt. It
// does nothing if a poll of it is already pending. Call it after Start,
// which creates the job tables on a new database. Its caller is serve's
// OnSourceAdded (a source added or imported); "Retry now" clears the
// source's backoff and leaves the poll to the scheduler.
//
// A source that is due (a new one) gets the job the scheduler inserts for
// it, which is unique with the scheduler's: as a job of its own (Now) it
// ran beside the scheduler's poll of the same source, which read it as due
// until the first recorded its outcome, and every feed an import added
// was read twice at once (1 and 4 of the 6 in two dogfood runs). Only a
// source not due needs Now, to be polled anyway.
//
// A scheduler's poll found already running read the source before this
// call: unique among pending states, which must include running, River
// drops this insert as its duplicate. For a new source (never polled) that
// poll read the row as it is, and a second would read the new feed twice
// at once, which the join exists to avoid. A source polled before may
// have been edited since (a future caller editing, then polling), so it
// also gets a poll of its own (Now), which reads the row as it is now.
func (p *Pipeline) PollNow(ctx context.Context, sourceID int64) error {
	src, err := p.st.Source(ctx, sourceID)
	if err != nil {
		return fmt.Errorf("poll now: %w", err)
	}
	args := pollArgs{SourceID: sourceID, Now: !due(src, time.Now().UTC())}
	res, err := p.q.Insert(ctx, args, nil)
	if err != nil {
		return fmt.Errorf("poll source %d now: %w", sourceID, err)
	}
	// The job just inserted, or a pending one not yet started, reads the
	// source as it is now; a running one read it before this call, which
	// matters only for a source polled before: a new one's row is still
	// as that poll read it.
	readBefore := joinedRunning(res) && !src.LastPolledAt.IsZero()
	if args.Now || !readBefore {
		return nil
	}
	args.Now = true
	if _, err := p.q.Insert(ctx, args, nil); err != nil {
		return fmt.Errorf("poll source %d now: %w", sourceID, err)
	}
	return nil
}

// joinedRunning reports whether res is an insert River dropped as the
// duplicate of a job already running, which read its arguments' source
// before the insert.
func joinedRunning(res *rivertype.JobInsertResult) bool {
	return res.UniqueSkippedAsDuplicate && res.Job != nil && res.Job.State == rivertype.JobStateRunning
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

// groupIdleEvery is how far apart the scheduler's looks for grouping work
// spread while they find none: an idle server's looks are two queries
// each, and a stored article or a snoozed cluster job brings them back to
// GroupEvery at once (see scheduler).
const groupIdleEvery = time.Second

// scheduler inserts the jobs the store says are needed until ctx ends: polls
// every ScheduleEvery, grouping and briefing every GroupEvery while there is
// any. Looks that find none spread out, doubling up to groupIdleEvery, until
// an article job of this process stores an article (wakeScheduler) or a
// look finds work; a snoozed cluster job is woken when its snooze ends (see
// scheduleGroups).
func (p *Pipeline) scheduler(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	polls := time.NewTicker(p.cfg.ScheduleEvery)
	defer polls.Stop()
	var reclaim <-chan time.Time // nil, never ready: SQLite, or turned off
	if p.shared && p.cfg.ReclaimDeadEvery > 0 {
		t := time.NewTicker(p.cfg.ReclaimDeadEvery)
		defer t.Stop()
		reclaim = t.C
	}
	look := time.NewTimer(0)
	defer look.Stop()
	var (
		g     groupLook
		every = p.cfg.GroupEvery
		due   = time.Now() // of the next look
	)
	p.logSchedule(ctx, p.schedulePolls(ctx))
	for {
		select {
		case <-ctx.Done():
			return
		case <-polls.C:
			p.logSchedule(ctx, p.schedulePolls(ctx))
			continue
		case <-reclaim:
			p.reclaimDead(ctx)
			continue
		case <-p.wake:
			every = p.cfg.GroupEvery
			if time.Until(due) > every {
				due = time.Now().Add(every)
				look.Reset(every)
			}
			continue
		case <-look.C:
		}
		now := time.Now()
		busy, err := p.scheduleGroups(ctx, &g, now)
		p.logSchedule(ctx, err)
		if busy || err != nil {
			every = p.cfg.GroupEvery
		} else {
			every = min(2*every, max(groupIdleEvery, p.cfg.GroupEvery))
		}
		next := every
		if !g.snoozed.IsZero() {
			// A millisecond after: River stores the time rounded to one.
			next = min(next, g.snoozed.Sub(now)+time.Millisecond)
		}
		next = max(next, 0)
		due = now.Add(next)
		look.Reset(next)
	}
}

// reclaimDead makes the running jobs of processes that died available
// again, if this process leads (Config.ReclaimDeadEvery): a follower
// killed mid-ingest left its article jobs running, and no process looked
// at them until one started or took the lead. Only the leader looks, so
// that N processes do not each ask; a dead leader's jobs are reclaimed by
// the process that takes its lock (lead).
func (p *Pipeline) reclaimDead(ctx context.Context) {
	if !p.mayGroup() {
		return
	}
	n, err := p.q.ReclaimDeadPeers(ctx, reclaimGrace(p.cfg.ReclaimDeadEvery))
	if err != nil {
		if ctx.Err() == nil {
			p.logger.Warn("reclaim the jobs of dead processes", "err", err)
		}
		return
	}
	if n > 0 {
		p.logger.Info("reclaimed jobs left running by a dead process", "jobs", n)
	}
}

// reclaimGrace is how long a process's liveness lock must have stayed
// free, at every look, before the leader's look at dead processes may take
// its jobs: three looks. A process whose liveness lock's connection was
// lost (a proxy restart, a TCP reset) looks dead until it takes the lock
// again, which it tries twice a look (queue.Config.AliveCheckEvery); its
// jobs, still running, must not be run a second time meanwhile.
func reclaimGrace(every time.Duration) time.Duration { return 3 * every }

// wakeScheduler brings the scheduler's looks for grouping work back to
// GroupEvery: an article was stored. It never blocks.
func (p *Pipeline) wakeScheduler() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *Pipeline) logSchedule(ctx context.Context, err error) {
	if err != nil && ctx.Err() == nil {
		p.logger.Error("schedule jobs", "err", err)
	}
}

// schedulePolls inserts a poll job for every due source
// (store.Store.DueSources), all in one InsertMany: one transaction and
// round trip however many sources are due, and one insert notification
// on PostgreSQL. The poll jobs are unique among unfinished ones, so a
// source whose poll is still pending is skipped as a duplicate, as a
// single insert would be.
func (p *Pipeline) schedulePolls(ctx context.Context) error {
	sources, err := p.st.DueSources(ctx, time.Now())
	if err != nil || len(sources) == 0 {
		return err
	}
	params := make([]river.InsertManyParams, len(sources))
	for i, s := range sources {
		params[i] = river.InsertManyParams{Args: pollArgs{SourceID: s.ID}}
	}
	if _, err := p.q.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("schedule polls of %d sources: %w", len(sources), err)
	}
	return nil
}

// groupRecheck is how long the scheduler waits before inserting again a
// cluster job it found pending and not snoozed: River's completer writes
// a job's end (its completion, or a snooze) within 250 ms of the job's
// return, so an insert sooner mostly finds it still running.
const groupRecheck = 250 * time.Millisecond

// groupLook is what the scheduler's last cluster job insert learnt.
type groupLook struct {
	// last is when the scheduler last inserted the cluster job, zero if it
	// has not since the articles were all grouped. The insert left a
	// cluster job pending, the one it inserted or the one it found (the
	// job is unique), so the next insert may wait groupRecheck.
	last time.Time
	// snoozed is when the pending cluster job, snoozed while the articles
	// settle (or fenced), may run again; zero if none is known to wait.
	snoozed time.Time
}

// lookAfter is what the cluster job insert at now, answered res, learnt.
// A job it inserted is as pending as one it found: counting only the
// latter would make the look after a new job's insert, GroupEvery later,
// insert it again, a duplicate (docs/pipeline.md, "An idle server").
func lookAfter(res *rivertype.JobInsertResult, now time.Time) groupLook {
	return groupLook{last: now, snoozed: snoozedUntil(res, now)}
}

// due reports whether the scheduler inserts the cluster job at now.
func (g groupLook) due(now time.Time) bool {
	switch {
	case !g.snoozed.IsZero():
		return !now.Before(g.snoozed)
	case !g.last.IsZero():
		return now.Sub(g.last) >= groupRecheck
	}
	return true
}

// scheduleGroups inserts a cluster job if an article is unclustered and a
// brief job if a story is unbriefed, and reports whether it found either.
//
// A cluster job inserted or found pending is not inserted again at every
// look: it will group every article stored before its next batch, and each insert
// is a duplicate, a queue write and a fetch on SQLite's one connection,
// which the fetches a settling job waits for share. One found snoozed is
// inserted again when its snooze ends, which wakes its producer (as any
// insert by this process does; River polls an idle queue only every
// second); one found running or ready, after groupRecheck, in case it
// ended with articles stored after its last batch. The insert's answer
// says which, so this holds on PostgreSQL too for a job another process
// runs or snoozed.
func (p *Pipeline) scheduleGroups(ctx context.Context, g *groupLook, now time.Time) (busy bool, err error) {
	if list, err := p.st.Articles(ctx, store.ArticleFilter{Unclustered: true, Limit: 1}); err != nil {
		return false, err
	} else if len(list) == 0 {
		*g = groupLook{}
	} else if busy = true; g.due(now) {
		res, err := p.insertGroupJob(ctx, clusterArgs{})
		if err != nil {
			*g = groupLook{}
			return true, fmt.Errorf("schedule clustering: %w", err)
		}
		*g = lookAfter(res, now)
	}
	if list, err := p.st.Stories(ctx, store.StoryFilter{Unbriefed: true, Limit: 1}); err != nil {
		return busy, err
	} else if len(list) > 0 {
		busy = true
		if err := p.insertGroup(ctx, briefArgs{}); err != nil {
			return true, fmt.Errorf("schedule briefing: %w", err)
		}
	}
	return busy, nil
}

// snoozedUntil returns when the job that a unique insert found pending may
// run, if that is after now: a snoozed job, which River leaves available
// (a short snooze) or scheduled with a later scheduled_at. Zero otherwise:
// a job inserted, running, or ready to be fetched.
func snoozedUntil(res *rivertype.JobInsertResult, now time.Time) time.Time {
	if !res.UniqueSkippedAsDuplicate || res.Job == nil {
		return time.Time{}
	}
	switch res.Job.State {
	case rivertype.JobStateAvailable, rivertype.JobStateScheduled, rivertype.JobStateRetryable:
		if res.Job.ScheduledAt.After(now) {
			return res.Job.ScheduledAt
		}
	}
	return time.Time{}
}

// insertGroup inserts a group job (cluster or brief), never while the group
// queue is being added (see addMu).
func (p *Pipeline) insertGroup(ctx context.Context, args river.JobArgs) error {
	_, err := p.insertGroupJob(ctx, args)
	return err
}

// insertGroupJob is insertGroup, returning River's answer.
func (p *Pipeline) insertGroupJob(ctx context.Context, args river.JobArgs) (*rivertype.JobInsertResult, error) {
	p.addMu.RLock()
	defer p.addMu.RUnlock()
	return p.q.Insert(ctx, args, nil)
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

// articleArgs is one feed item to read. Its job is unique by Key among
// unfinished ones: two polls that overlap (a poll asked for, by an import
// or "Retry now", beside the scheduler's, which reads the source as still
// due until the first one records its outcome; or two feeds of one site
// listing the same link) each found the item unstored and queued it, and
// both jobs fetched the page when they ran at once, on two workers or two
// processes: 12 article jobs twice and 7 pages fetched twice for the
// demo's Spanish outlet imported into a running server. The item's source
// and feed text are left out of the key: the article is stored once,
// under its URL. So when two feeds list one URL, the job queued first
// wins, and the other feed's Content, Summary and Category, the fallback
// used when the page cannot be read, are dropped with its job. No key is
// held for good: one finished or discarded frees it.
type articleArgs struct {
	SourceID int64    `json:"source_id"`
	Item     feedItem `json:"item"`
	// Key is the item's canonical URL (news.URLKey), the job's unique key.
	// Empty in jobs queued by a release without it, which are not unique.
	Key string `json:"key,omitempty" river:"unique"`
}

func (articleArgs) Kind() string                 { return "newsdesk.article" }
func (articleArgs) InsertOpts() river.InsertOpts { return uniqueOpts(QueueArticle) }

type clusterArgs struct{}

func (clusterArgs) Kind() string                 { return "newsdesk.cluster" }
func (clusterArgs) InsertOpts() river.InsertOpts { return uniqueOpts(QueueGroup) }

type briefArgs struct{}

func (briefArgs) Kind() string                 { return "newsdesk.brief" }
func (briefArgs) InsertOpts() river.InsertOpts { return uniqueOpts(QueueGroup) }
