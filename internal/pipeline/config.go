package pipeline

import (
	"errors"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/translate"
	"github.com/newsdesk/newsdesk/internal/write"
)

// Config tunes the pipeline. Start from DefaultConfig; Validate reports
// settings that cannot work.
type Config struct {
	// Workers is how many article jobs (fetch, extract, store) run at once.
	// Default 4; the per-host rate limit of the fetch client, not this,
	// usually bounds a single feed.
	Workers int
	// ExtractTimeout bounds the extraction of one page. A page that takes
	// longer is recorded as unreadable (feed-only or failed), as a page
	// over extract.MaxElements is: a hostile page just under that cap
	// took 8 s of a processor (24 s on the loaded machine; go test -run
	// '^$' -bench ExtractHostilePage -benchtime 1x -cpuprofile
	// /tmp/hostile.prof ./internal/extract/, then go tool pprof -top on
	// it), the slowest page of the scrapinghub benchmark 0.07 s (newsdesk
	// eval extract --data ../shared/data/extract/scrapinghub, its line
	// "pages over 1 s 0 (slowest ...)"). Default 30 seconds, the fetch's own total
	// timeout; 0 leaves only the job's timeout.
	ExtractTimeout time.Duration
	// InstanceID is this instance's identifier, the one its web server
	// writes into its Atom feed of briefings (web.Config.InstanceID). A
	// polled feed that names it (feed.Feed.Instance) is this instance's
	// own briefings, however the poll reached it (a proxy, a redirect,
	// another host name): the source is put in error and none of its
	// items is stored, as a briefing must not cite a briefing of this
	// desk. A page that names it in its generator meta (feed.
	// PageNamesInstance: a story page reached through a proxy, or linked
	// by a copy of the feed that lost its generator) is stored as a failed
	// article, with no text. Another instance's feed or page is another
	// desk's published work and is read as any. Empty (the default) turns
	// the checks off.
	InstanceID string
	// PollWorkers is how many feeds are polled at once. Default 2.
	PollWorkers int
	// PollInterval is how long after a successful poll a feed is polled
	// again, unless the source has an interval of its own, its polls keep
	// finding nothing new (AdaptAfter) or the feed asks for less (see
	// Config.schedule and docs/pipeline.md, "Poll intervals"). Default 15
	// minutes, at least MinPollInterval. Failing feeds wait fetch.Backoff
	// instead.
	PollInterval time.Duration
	// AdaptAfter is how many polls in a row that find no new item double
	// a feed's interval, up to AdaptMax and 8 times its base interval; a
	// new item brings it back to the base at once. Default 3; 0 turns the
	// adaptive interval off.
	AdaptAfter int
	// AdaptMax caps the adaptive interval. Default 4 hours.
	AdaptMax time.Duration
	// MaxPollHint caps how long a feed's own hints (RSS <ttl>,
	// sy:updatePeriod, Cache-Control max-age, Expires) may put its next
	// poll off. Default 24 hours.
	MaxPollHint time.Duration
	// ScheduleEvery is how often the scheduler looks for due sources.
	// Default 1 second.
	ScheduleEvery time.Duration
	// GroupEvery is how often the scheduler looks for articles still to
	// cluster and stories still to brief (two queries on partial indexes).
	// It bounds the wait of an article stored while a cluster job was
	// already finishing. Default 100ms.
	GroupEvery time.Duration
	// HostWait is how long a poll or an article fetch may wait for its
	// host's turn (the fetch client's per-host interval, a Crawl-delay)
	// while it holds its worker. A turn further off gives the worker
	// back: the job is snoozed until its turn, not counted as an attempt,
	// so a backlog on one host does not keep every worker waiting while
	// other hosts' pages queue behind it (docs/pipeline.md, "A backlog on
	// one host"). Default 2 seconds; 0 waits as long as it takes.
	HostWait time.Duration
	// GroupSettle is how long clustering may wait while feeds are being
	// polled and articles fetched, so that a backlog (the first poll of
	// new sources) is grouped oldest first as one batch rather than feed
	// by feed: an older article grouped after a newer one meets a story
	// of later reports, which a replay in time order never shows it
	// (docs/pipeline.md, "Settling a backlog"). Default 2 seconds; 0
	// groups at once.
	GroupSettle time.Duration
	// GroupBacklogWait bounds the wait of a backlog rather than
	// GroupSettle's: once a cluster job finds GroupBacklogJobs or more
	// polls and article fetches under way or ready to run (a first
	// poll, an OPML import; queue.ActiveStates, so not fetches waiting
	// out a retry's backoff), grouping waits until none is unfinished,
	// for at most this long from the moment the wait began, so that a
	// backlog fetched over longer than GroupSettle is still grouped
	// oldest first as one batch and the same way every run. Steady
	// polling, fewer fetches at a time, still groups within
	// GroupSettle. Default 1 minute, at most MaxGroupBacklogWait; 0, or
	// a value not above GroupSettle, leaves every wait at GroupSettle.
	GroupBacklogWait time.Duration
	// GroupBacklogJobs is how many polls and article fetches under way
	// or ready to run make a backlog (see GroupBacklogWait). Default 20,
	// more than a steady poll of a feed brings and fewer than a first
	// poll of one; 1 to 10,000 (a job listing's limit).
	GroupBacklogJobs int
	// DeskLang is the language (ISO 639-1) the desk writes in; articles in
	// other languages are translated for clustering when Translator is set.
	// Default "en".
	DeskLang string
	// SummaryWords is the summary's length budget. Default
	// brief.DefaultSummaryWords (65).
	SummaryWords int
	// Cluster is the clusterer's configuration, checked by Validate (with
	// cluster.Config.Validate) so that a setting the clusterer cannot use
	// stops the server at start-up rather than grouping articles wrongly.
	// A snapshot taken under another configuration is not loaded
	// (cluster.Fingerprint): the articles are grouped afresh. Default
	// cluster.DefaultConfig().
	Cluster cluster.Config
	// Translator, optional, translates foreign articles into DeskLang for
	// the clusterer. Nil, or translate.Noop, clusters every article in its
	// own language and stores no translation.
	Translator translate.Translator
	// Writer, optional, drafts a written summary of each briefing from its
	// extractive summary; only the sentences write.Verify finds supported
	// by the spans they cite are published, beside the extractive summary.
	// Nil (the default) writes none.
	Writer write.Writer
	// WriteWorkers is how many write jobs (the Writer's drafts, see
	// writejob.go) run at once. Default 1: a local model server answers
	// one request at a time anyway.
	WriteWorkers int
	// WriteRetry is how long a write job whose Writer failed waits before
	// its next try, doubled at each; it is tried writeAttempts (3) times
	// in all. Default 30 seconds.
	WriteRetry time.Duration
	// WriteBackfill is how many of the most recent stories (in
	// store.Store.Stories' order: day of last update, newest first) get
	// a write job when the pipeline starts, or takes the lead on
	// PostgreSQL, with a Writer and a stored briefing that has no written
	// section: a writer turned on for an existing database would
	// otherwise write for a story only at its next re-brief, which a
	// quiet story may never have. Default 200; 0 queues none.
	WriteBackfill int
	// GroupBatch is the most articles one cluster job groups, and the most
	// stories one brief job briefs, before handing over to a fresh job (so
	// a huge backlog still commits progress as it goes). Default 500.
	GroupBatch int
	// MaxRelated is how many earlier or related stories a briefing draws
	// on for background. Default 5.
	MaxRelated int
	// EarlierPerStory caps the articles taken from each related story for
	// background. Default 6.
	EarlierPerStory int
	// LeaderRetry is how often a follower (a process sharing a PostgreSQL
	// database with a leader, see Pipeline.Start) tries the worker lock.
	// It bounds the failover after a leader dies. Default 1 second.
	LeaderRetry time.Duration
	// LeaderGrace is how long a follower that took the worker lock waits
	// before leading: long enough for an old leader still alive whose
	// lock session ended to notice and stop grouping (the PostgreSQL store
	// checks its lock every second with a 5 s timeout). Default 7 seconds.
	// It does not apply to a process that takes the lock as it starts.
	// Taking the lead after it can wait once more, for an old leader's
	// fenced write in flight to commit: on PostgreSQL at most
	// postgres.FenceIdleTimeout (5 s) if that leader is frozen inside it,
	// after which the server ends its transaction.
	LeaderGrace time.Duration
	// ReclaimDeadEvery is how often the leader makes the running jobs of
	// dead processes available again (queue.Queue.ReclaimDeadPeers) on a
	// shared PostgreSQL database. A follower killed mid-ingest left its
	// article jobs running, and no process looked at them again until one
	// started or took the lead: the articles waited River's rescuer (about
	// 10 minutes), and grouping its backlog wait, then grouped without
	// them. A process's jobs are taken only once its liveness lock has
	// been free at every look for three intervals (reclaimGrace), and only
	// those started that long ago, so that a live process whose lock's
	// connection dropped, which takes the lock again every half interval,
	// does not have its running jobs run twice (a dead follower's jobs
	// wait 15 to 20 s after a look first finds it dead).
	// Default 5 seconds; 0 turns it off (the rescuer's delay again).
	ReclaimDeadEvery time.Duration
	// FetchCooldown and FetchPollInterval tune how fast the job queue picks
	// up work; zero takes queue's defaults (5ms; a poll every second, for
	// what no insert announced: see queue.Config).
	FetchCooldown, FetchPollInterval time.Duration
	// SnapshotArticles and SnapshotEvery decide when the leader saves the
	// clusterer's snapshot, which a restart or a new leader loads before
	// replaying only the decisions recorded after it (see
	// docs/pipeline.md): after a cluster batch, once SnapshotArticles
	// articles were grouped since the last snapshot, or SnapshotEvery has
	// passed since it and any was. Stop saves one too. A snapshot of a
	// large desk takes a second or two to save and saves minutes of
	// replay. Defaults 5,000 articles (about 1.3 s of replay) and 10
	// minutes; 0 turns either trigger off, both 0 saving only at Stop.
	SnapshotArticles int
	SnapshotEvery    time.Duration
	// Retention, when positive, prunes the stories whose newest article
	// is older than it (store.Pruner, as `newsdesk prune` does), first
	// RetentionFirst after the queue's River leader starts and then every
	// RetentionEvery: a River periodic job, which only River's elected
	// leader inserts, so that one process prunes however many share a
	// PostgreSQL database (see retention.go). Default 0: keep everything.
	Retention time.Duration
	// RetentionFirst and RetentionEvery are the prune's schedule; defaults
	// 2 minutes (start-up and the first polls have the database to
	// themselves) and 24 hours.
	RetentionFirst, RetentionEvery time.Duration
}

// Defaults of Config.
const (
	DefaultWorkers         = 4
	DefaultExtractTimeout  = 30 * time.Second
	DefaultPollWorkers     = 2
	DefaultPollInterval    = 15 * time.Minute
	DefaultAdaptAfter      = 3
	DefaultAdaptMax        = 4 * time.Hour
	DefaultMaxPollHint     = 24 * time.Hour
	DefaultScheduleEvery   = time.Second
	DefaultGroupEvery      = 100 * time.Millisecond
	DefaultGroupSettle     = 2 * time.Second
	DefaultHostWait        = 2 * time.Second
	DefaultGroupBacklog    = time.Minute
	DefaultBacklogJobs     = 20
	MaxGroupBacklogWait    = time.Hour
	maxBacklogJobs         = 10_000
	DefaultLeaderRetry     = time.Second
	DefaultLeaderGrace     = 7 * time.Second
	DefaultReclaimDead     = 5 * time.Second
	DefaultDeskLang        = "en"
	DefaultGroupBatch      = 500
	DefaultMaxRelated      = 5
	DefaultEarlierPerStory = 6
	DefaultWriteWorkers    = 1
	DefaultWriteRetry      = 30 * time.Second
	DefaultWriteBackfill   = 200
	DefaultRetentionFirst  = 2 * time.Minute
	DefaultRetentionEvery  = 24 * time.Hour
)

// Defaults of Config's snapshot triggers.
const (
	DefaultSnapshotArticles = 5000
	DefaultSnapshotEvery    = 10 * time.Minute
)

// DefaultConfig returns the documented defaults.
func DefaultConfig() Config {
	return Config{
		Workers:          DefaultWorkers,
		ExtractTimeout:   DefaultExtractTimeout,
		PollWorkers:      DefaultPollWorkers,
		PollInterval:     DefaultPollInterval,
		AdaptAfter:       DefaultAdaptAfter,
		AdaptMax:         DefaultAdaptMax,
		MaxPollHint:      DefaultMaxPollHint,
		ScheduleEvery:    DefaultScheduleEvery,
		GroupEvery:       DefaultGroupEvery,
		GroupSettle:      DefaultGroupSettle,
		HostWait:         DefaultHostWait,
		GroupBacklogWait: DefaultGroupBacklog,
		GroupBacklogJobs: DefaultBacklogJobs,
		LeaderRetry:      DefaultLeaderRetry,
		LeaderGrace:      DefaultLeaderGrace,
		ReclaimDeadEvery: DefaultReclaimDead,
		DeskLang:         DefaultDeskLang,
		Cluster:          cluster.DefaultConfig(),
		SummaryWords:     brief.DefaultSummaryWords,
		GroupBatch:       DefaultGroupBatch,
		MaxRelated:       DefaultMaxRelated,
		EarlierPerStory:  DefaultEarlierPerStory,
		WriteWorkers:     DefaultWriteWorkers,
		WriteRetry:       DefaultWriteRetry,
		WriteBackfill:    DefaultWriteBackfill,

		SnapshotArticles: DefaultSnapshotArticles,
		SnapshotEvery:    DefaultSnapshotEvery,

		RetentionFirst: DefaultRetentionFirst,
		RetentionEvery: DefaultRetentionEvery,
	}
}

// Validate reports every setting that cannot work.
func (c Config) Validate() error {
	var errs []error
	if c.Workers < 1 {
		errs = append(errs, fmt.Errorf("workers must be at least 1, got %d", c.Workers))
	}
	if c.PollWorkers < 1 {
		errs = append(errs, fmt.Errorf("poll workers must be at least 1, got %d", c.PollWorkers))
	}
	if c.PollInterval < MinPollInterval {
		errs = append(errs, fmt.Errorf("poll interval must be at least %s, got %s", news.FormatDuration(MinPollInterval), news.FormatDuration(c.PollInterval)))
	}
	if c.AdaptAfter < 0 {
		errs = append(errs, fmt.Errorf("adapt after must not be negative, got %d", c.AdaptAfter))
	}
	if c.AdaptMax < 0 || c.MaxPollHint < 0 {
		errs = append(errs, fmt.Errorf("adaptive and hint caps must not be negative, got %s and %s", news.FormatDuration(c.AdaptMax), news.FormatDuration(c.MaxPollHint)))
	}
	if c.ReclaimDeadEvery < 0 {
		errs = append(errs, fmt.Errorf("reclaim interval must not be negative, got %s", news.FormatDuration(c.ReclaimDeadEvery)))
	}
	if c.ScheduleEvery <= 0 || c.GroupEvery <= 0 || c.LeaderRetry <= 0 {
		errs = append(errs, fmt.Errorf("schedule intervals must be positive, got %s, %s and %s", news.FormatDuration(c.ScheduleEvery), news.FormatDuration(c.GroupEvery), news.FormatDuration(c.LeaderRetry)))
	}
	if len(c.DeskLang) != 2 {
		errs = append(errs, fmt.Errorf("desk language must be an ISO 639-1 code, got %q", c.DeskLang))
	}
	if c.SummaryWords < 10 {
		errs = append(errs, fmt.Errorf("summary words must be at least 10, got %d", c.SummaryWords))
	}
	if c.GroupBatch < 1 {
		errs = append(errs, fmt.Errorf("group batch must be at least 1, got %d", c.GroupBatch))
	}
	if c.GroupSettle < 0 {
		errs = append(errs, fmt.Errorf("group settle must not be negative, got %s", news.FormatDuration(c.GroupSettle)))
	}
	if c.HostWait < 0 {
		errs = append(errs, fmt.Errorf("host wait must not be negative, got %s", news.FormatDuration(c.HostWait)))
	}
	if c.GroupBacklogWait < 0 || c.GroupBacklogWait > MaxGroupBacklogWait {
		errs = append(errs, fmt.Errorf("group backlog wait must be 0 to %s, got %s", news.FormatDuration(MaxGroupBacklogWait), news.FormatDuration(c.GroupBacklogWait)))
	}
	if c.GroupBacklogJobs < 1 || c.GroupBacklogJobs > maxBacklogJobs {
		errs = append(errs, fmt.Errorf("group backlog jobs must be 1 to %d, got %d", maxBacklogJobs, c.GroupBacklogJobs))
	}
	if err := c.Cluster.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("cluster: %w", err))
	}
	if c.MaxRelated < 0 || c.EarlierPerStory < 0 {
		errs = append(errs, errors.New("related story limits must not be negative"))
	}
	if c.Writer != nil && (c.WriteWorkers < 1 || c.WriteRetry <= 0) {
		errs = append(errs, fmt.Errorf("with a writer, write workers must be at least 1 and write retry positive, got %d and %s", c.WriteWorkers, news.FormatDuration(c.WriteRetry)))
	}
	if c.WriteBackfill < 0 {
		errs = append(errs, fmt.Errorf("write backfill must not be negative, got %d", c.WriteBackfill))
	}
	if c.LeaderGrace < 0 {
		errs = append(errs, fmt.Errorf("leader grace must not be negative, got %s", news.FormatDuration(c.LeaderGrace)))
	}
	if c.SnapshotArticles < 0 || c.SnapshotEvery < 0 {
		errs = append(errs, errors.New("snapshot triggers must not be negative"))
	}
	if c.ExtractTimeout < 0 {
		errs = append(errs, fmt.Errorf("extract timeout must not be negative, got %s", news.FormatDuration(c.ExtractTimeout)))
	}
	if c.Retention < 0 || (c.Retention > 0 && (c.RetentionFirst < 0 || c.RetentionEvery < time.Second)) {
		errs = append(errs, fmt.Errorf("retention must not be negative, and with one its first run not negative and its interval at least 1s, got %s, %s and %s",
			news.FormatDuration(c.Retention), news.FormatDuration(c.RetentionFirst), news.FormatDuration(c.RetentionEvery)))
	}
	if c.FetchCooldown < 0 || c.FetchPollInterval < 0 {
		errs = append(errs, errors.New("queue fetch intervals must not be negative"))
	}
	return errors.Join(errs...)
}
