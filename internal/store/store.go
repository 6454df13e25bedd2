// Package store defines the storage contract that newsdesk's back ends
// (store/sqlite and store/postgres) implement and that storetest checks, so the
// same code runs on the embedded default and on a shared server.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Errors every back end returns, wrapped, so callers can test with errors.Is.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("already exists")
	// ErrLocked is returned by a back end's LockWorker when another
	// process holds the database's worker lock.
	ErrLocked = errors.New("another newsdesk process is working on this database")
	// ErrFenced is returned by a Leader's write when another Leader was
	// taken after it (see Leader): the write changed nothing.
	ErrFenced = errors.New("fenced: another process has taken the lead")
	// ErrReadOnce is returned by RetrySource for a page whose article was
	// read (or that has not been tried yet): it is read once, and its
	// article is stored under its URL, which is not fetched again. A page
	// whose article could not be read is retried (see SourceRetrier).
	ErrReadOnce = errors.New("a page is read once: only a feed, or a page that could not be read, can be retried")
)

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	SourceID int64
	StoryID  int64
	// MinStoryID selects only articles of stories with at least this ID.
	MinStoryID  int64
	Unclustered bool      // only articles not yet given to the clusterer
	Since       time.Time // published (or fetched) at or after
	// Clustered selects only articles already given to the clusterer.
	Clustered bool
	Limit     int
	// After, an article's ID, lists only the articles after that one in
	// Order: a cursor, so that a long list (a restart's replay) can be read
	// a page at a time, each page starting from the last one's final
	// article. An offset would make every page skip all the rows before it.
	// An ID with no place in Order (no such article, or an unclustered one
	// in the Clustered GroupedOrder) is an error matching ErrNotFound, not
	// an empty page that a replay would take for the list's end. Only
	// Pruner deletes articles (DeleteSource keeps them), and it keeps the
	// cluster snapshot's cursor article; a replay page's last article
	// pruned mid-replay (a prune on another process) does it too, and the
	// restart fails rather than replay a gap. The cursor is an ID rather than the sort
	// key itself because GroupedOrder's key is not in news.Article; telling
	// a missing cursor from the list's end costs a lookup by ID, made only
	// when a page after a cursor comes back empty.
	After    int64
	WithText bool // load Text; lists leave it out otherwise
	// Order sorts the result; the zero value lists newest first.
	Order ArticleOrder
}

// ArticleOrder says how Articles sorts its result.
type ArticleOrder int

// Article orders. Ties are broken by ID in the same direction.
const (
	// NewestFirst sorts by the article's time (published, else fetched),
	// latest first: the order lists show.
	NewestFirst ArticleOrder = iota
	// OldestFirst sorts by time, earliest first: the order the clusterer
	// wants new articles in.
	OldestFirst
	// GroupedOrder sorts by when SetArticleGroup was first called for the
	// article, so a restarted clusterer can replay its decisions in their
	// original order; articles never grouped come last, by ID.
	GroupedOrder
)

// StoryFilter selects stories.
type StoryFilter struct {
	ThreadID  int64
	Unbriefed bool      // only stories whose briefing is stale or missing
	Since     time.Time // last updated at or after
	Limit     int
}

// Group is the clusterer's decision for one article.
type Group struct {
	StoryID     int64
	ThreadID    int64 // the thread as decided for this article; see news.Article.ThreadID
	DuplicateOf int64
	// Translation is what the clusterer read the article as, zero if it
	// read the original alone. Stored with the decision, so that a replay
	// never meets a decision without the text it was made from.
	Translation news.Translation
}

// Store is everything newsdesk keeps. Implementations are safe for
// concurrent use.
type Store interface {
	// Sources, unique by the normalised form of their URL (news.SourceKey):
	// AddSource returns ErrDuplicate if the URL is already subscribed,
	// however either row writes it (an older newsdesk stored URLs as
	// given), and so does UpdateSourceFunc (SourceUpdater, the one way
	// to change a source but for EditSource and RetrySource) given such a
	// URL. A database an older newsdesk filled may hold several spellings
	// of one feed: the upgrade keeps them all.
	AddSource(ctx context.Context, s news.Source) (news.Source, error)
	Source(ctx context.Context, id int64) (news.Source, error)
	Sources(ctx context.Context) ([]news.Source, error)
	DeleteSource(ctx context.Context, id int64) error
	// DueSources lists the sources to poll at now, oldest subscription
	// first: a page source while its Status is new (a page is read once), a
	// feed whose NextPollAt is unset or has come. It leaves ArticleCount
	// zero, so that a scheduler can ask every few seconds without counting
	// articles.
	DueSources(ctx context.Context, now time.Time) ([]news.Source, error)

	// Articles. AddArticle stores a under its canonical URL and reports
	// created=false, with the stored article, if that URL is already stored:
	// an article is never stored twice.
	AddArticle(ctx context.Context, a news.Article) (stored news.Article, created bool, err error)
	// AddArticleFrom is AddArticle for an article whose page was fetched
	// from link, a canonical URL, and redirected to a.URL: in the same
	// transaction it records link as leading to the article stored (new,
	// or stored before under a.URL), so that ArticleByURL and HasArticle
	// find the article by link too, in every process on the database and
	// after a restart, without fetching the page again. A link empty or
	// equal to a.URL records nothing. A link recorded before is moved to
	// the article stored now. The record goes when its article is deleted.
	AddArticleFrom(ctx context.Context, link string, a news.Article) (stored news.Article, created bool, err error)
	Article(ctx context.Context, id int64) (news.Article, error)
	// ArticlesByID reads the articles with the given IDs, keyed by ID,
	// without Text or Translation (Articles' default: a page citing them
	// shows titles, outlets and URLs), with one query for up to
	// MaxIDsPerQuery of them rather than one each; an ID with no article,
	// such as one retention removed, is left out.
	ArticlesByID(ctx context.Context, ids []int64) (map[int64]news.Article, error)
	// ArticleByURL returns the article stored under the canonical url,
	// else the one url was recorded as leading to (AddArticleFrom).
	ArticleByURL(ctx context.Context, url string) (news.Article, error)
	// HasArticle reports whether ArticleByURL would find an article, or
	// would have before retention removed it (Pruner), without reading
	// it: the check a poll makes for every feed item, in
	// one round trip whether the item's link is the article's URL or one
	// that redirected to it.
	HasArticle(ctx context.Context, url string) (bool, error)
	Articles(ctx context.Context, f ArticleFilter) ([]news.Article, error)
	// SetArticleGroup records the clusterer's decision for an article,
	// replacing any earlier one, translation included. Articles lists the
	// translation only with WithText.
	SetArticleGroup(ctx context.Context, id int64, g Group) error

	// Stories, whose IDs the clusterer assigns. PutStory inserts or replaces.
	// Stories lists them by day of last update, latest first; then number
	// of sources, most first; then last update, latest first (see the back
	// end). The front page pages them by StoryRank instead
	// (RankedStories), which needs no filter and reads only its page.
	PutStory(ctx context.Context, s news.Story) error
	Story(ctx context.Context, id int64) (news.Story, error)
	// StoriesByID reads the stories with the given IDs, keyed by ID, with
	// one query for up to MaxIDsPerQuery of them (a briefing's related
	// stories, say) rather than one each; an ID with no story, such as
	// one retention removed, is left out.
	StoriesByID(ctx context.Context, ids []int64) (map[int64]news.Story, error)
	Stories(ctx context.Context, f StoryFilter) ([]news.Story, error)
	// StoryIDMark returns the largest story or thread ID ever saved, by
	// PutStory or SetArticleGroup, retention notwithstanding: a clusterer
	// rebuilt from the articles left numbers new stories past it, so that
	// a pruned story's ID (an old link, an Atom entry) is not given again.
	StoryIDMark(ctx context.Context) (int64, error)

	// InstanceID returns this newsdesk's instance ID, which its Atom feed
	// names and by which a poll refuses that feed as this desk's own
	// (pipeline.Config.InstanceID): drawn at random and stored by the
	// first call on a database, the stored one after, so that it is kept
	// across restarts and every process on the database gets the same,
	// two calls at once included.
	InstanceID(ctx context.Context) (string, error)

	// Briefings, one per story. PutBriefing also marks the story briefed
	// and, when the briefing has a headline, makes it the story's title.
	PutBriefing(ctx context.Context, b news.Briefing) error
	Briefing(ctx context.Context, storyID int64) (news.Briefing, error)
	// BriefingsByID reads the briefings of the stories with the given
	// IDs, keyed by story ID, with one query for up to MaxIDsPerQuery of
	// them (a page of stories' summaries) rather than one each; a story
	// with no briefing is left out.
	BriefingsByID(ctx context.Context, storyIDs []int64) (map[int64]news.Briefing, error)

	StoryRanker
	StorySearcher
	SourceRetrier
	SourceEditor
	SourceUpdater
	Pruner

	// Ping checks that the database answers, for a readiness probe: a
	// round trip on a pooled connection, bounded by ctx.
	Ping(ctx context.Context) error

	Close() error
}

// MaxIDsPerQuery is how many IDs one query of StoriesByID, ArticlesByID
// or BriefingsByID takes: more are read a query for each such batch, so
// that SQLite's placeholders (one an ID) stay far below its limit. It
// bounds a prune's batch (PruneOptions.Batch) too.
const MaxIDsPerQuery = 500

// PruneOptions says what Prune removes.
type PruneOptions struct {
	// Cutoff: a story goes when its newest article is older (sort time
	// before Cutoff) and so is its last update. Required.
	Cutoff time.Time
	// DryRun counts what would go and changes nothing.
	DryRun bool
	// Batch is how many stories one transaction removes, so that a prune
	// of a year never holds SQLite's one connection for long; 0 is
	// DefaultPruneBatch, and at most MaxIDsPerQuery are taken.
	Batch int
	// Recheck is how long after its last article the clusterer still
	// offers a story as related to a later one (its thread window): the
	// kept stories last updated within Recheck after Cutoff have their
	// briefings read, and one that names a removed story or cites a
	// removed article is marked stale to be briefed again. 0 checks
	// none.
	Recheck time.Duration
}

// DefaultPruneBatch is PruneOptions.Batch's default.
const DefaultPruneBatch = 100

// PruneResult counts what Prune removed, or with DryRun would remove.
type PruneResult struct {
	Stories   int // stories removed, with their briefings
	Articles  int // their articles (text, search index rows, links)
	Briefings int
	// SetAside is how many articles in no story went by the same age
	// rule: those the clusterer grouped and set aside (no text to group),
	// not those it has yet to group. Not counted in Articles.
	SetAside int
	// Threads is how many threads lost their last story. A thread is
	// only the stories that carry its ID, so it goes with them.
	Threads int
	// Restaled is how many kept stories were marked to be briefed again
	// because their briefing named or cited what went (not counted in a
	// dry run).
	Restaled int
}

// Pruner removes old stories: retention (docs/pipeline.md, "Retention").
type Pruner interface {
	// Prune removes the stories whose newest article is older than
	// opt.Cutoff, with their articles, briefings, search index rows and
	// redirect links, a batch of stories to a transaction. A story with
	// an article inside the window is kept whole, old articles and all;
	// so is the story of the clusterer snapshot's last article, so that
	// a restart can load the snapshot. The articles the clusterer set
	// aside in no story (PruneResult.SetAside) go by the same rule, the
	// snapshot's last article excepted, a batch to a transaction too;
	// those it has yet to group stay. Sources are never removed. Each
	// removed article's URL and links are recorded, so that HasArticle
	// still reports them stored and a poll does not fetch them again.
	// Kept stories whose briefings named or cited what went are marked
	// stale (see PruneOptions.Recheck). On ctx's end it returns what it
	// removed so far with ctx's error; every batch committed stays.
	Prune(ctx context.Context, opt PruneOptions) (PruneResult, error)
}

// Leader is the writes of the process that groups articles (the pipeline's
// leader), fenced by a leader epoch: both back ends keep a counter that
// their Lead(ctx) (Leader, error) raises, atomically, and every write of
// the Leader it returns first checks, in the write's own transaction, that
// the counter still stands at its Epoch. A leader frozen (not scheduled)
// past losing its lock, that wakes after another process took the lead, is
// so refused with ErrFenced and writes nothing; a write that got in before
// the other Lead holds it back until committed, so a new leader that reads
// the store after its Lead sees every write the old one made. A lock alone
// cannot do this: it tells its holder that it lost it only when the
// holder next runs.
//
// It is an interface here rather than in the pipeline because Lead, a
// back end's method, must name the type it returns.
type Leader interface {
	// Epoch is the token the writes are checked against: the counter's
	// value when Lead returned this Leader.
	Epoch() int64
	// SetArticleGroup, PutStory and PutBriefing are Store's.
	SetArticleGroup(ctx context.Context, id int64, g Group) error
	PutStory(ctx context.Context, s news.Story) error
	PutBriefing(ctx context.Context, b news.Briefing) error
	// PutClusterSnapshot replaces the clusterer's snapshot kept (see
	// ClusterSnapshot).
	PutClusterSnapshot(ctx context.Context, s ClusterSnapshot) error
}

// NewArticle checks an article before a back end stores it and fills the
// fields every back end defaults: the fetch time (now) and the extraction
// (news.ExtractFull).
func NewArticle(a news.Article) (news.Article, error) {
	if a.URL == "" {
		return news.Article{}, errors.New("add article: empty URL")
	}
	if a.FetchedAt.IsZero() {
		a.FetchedAt = time.Now().UTC()
	}
	if a.Extraction == "" {
		a.Extraction = news.ExtractFull
	}
	return a, nil
}
