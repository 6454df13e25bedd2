package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/newsdesk/newsdesk/internal/extract"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/queue"
	"github.com/newsdesk/newsdesk/internal/store"
)

// poll reads a source and inserts an article job per new item. Fetch and
// parse failures are the source's state (Status, LastError, ErrorCount, a
// backed-off NextPollAt), not job failures: the job succeeds and the
// scheduler tries again when the backoff ends.
func (p *Pipeline) poll(ctx context.Context, args pollArgs) error {
	src, err := p.st.Source(ctx, args.SourceID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // unsubscribed meanwhile
	}
	if err != nil {
		return err
	}
	if !args.Now && !due(src, time.Now()) {
		return nil // polled meanwhile; see pollArgs
	}
	if src.Kind == news.SourcePage {
		return p.pollPage(ctx, src, time.Now().UTC())
	}

	// A web page is accepted too, though a feed is asked for: people
	// subscribe to a site's home page as often as to its feed. Only until
	// the source has been read, though: afterwards a page in the feed's
	// place is a captive portal, a challenge or a parked domain, and the
	// feed it names must not take the source over.
	expect := fetch.ExpectFeed
	if neverRead(src) {
		expect |= fetch.ExpectHTML
	}
	resp, err := p.fc.Get(ctx, fetch.Request{
		URL: src.URL, ETag: src.ETag, LastModified: src.LastModified,
		Expect: expect, MaxWait: p.cfg.HostWait,
	})
	if left := fetch.Busy(err); left > 0 {
		// Not sent: the feed's host is busy with a backlog. The poll
		// comes back at its turn, its source untouched, rather than hold
		// a poll worker that other hosts' feeds are waiting for.
		return &hostWait{url: src.URL, left: left}
	}
	// The poll is dated when the feed answered, not when the job began: a
	// fetch may wait its turn at a busy host for a minute and then run to
	// its timeout, and a backoff or a Retry-After counted from before that
	// was cut short by as much (a feed that timed out after 30 s was asked
	// again 5 s later, not the 30 s to a minute of its first backoff:
	// TestPollDatedWhenAnswered).
	now := time.Now().UTC()
	if left := fetch.Held(err); left > 0 && ctx.Err() == nil {
		return p.pollHeld(ctx, src, now, left)
	}
	if err != nil {
		return p.fetchFailed(ctx, src, now, err)
	}
	var feedURL, homePage string // the feed the page at src.URL announces
	var f *feed.Feed
	if !resp.NotModified && !resp.IsFeed() {
		d, fail, err := p.discover(ctx, src, resp)
		if err != nil {
			return err
		}
		if fail != nil {
			return p.pollFailed(ctx, src, now, fail.msg, fail.retryAfter)
		}
		feedURL, homePage, resp, f = d.url, d.home, d.resp, d.feed
	}
	if resp.NotModified {
		return p.pollOK(ctx, src, now, &pollOutcome{fresh: resp.FreshFor}, nil)
	}
	if f == nil {
		if f, err = feed.Parse(resp.Body, resp.URL); err != nil {
			p.logger.Info("feed could not be parsed", "source", src.ID, "url", resp.URL, "err", err)
			return p.pollFailed(ctx, src, now, "feed could not be read: "+err.Error(), 0)
		}
		if err := p.notOwnFeed(f, resp.URL); err != nil {
			p.logger.Warn("source is this instance's own feed", "source", src.ID, "url", resp.URL)
			return p.pollFailed(ctx, src, now, err.Error(), 0)
		}
	}
	if feedURL != "" {
		// Subscribe to the feed itself from now on, the page becoming the
		// source's home page, as a feed reader does.
		err := p.savePoll(ctx, src.ID, func(cur *news.Source) {
			if cur.URL == src.URL {
				cur.URL = feedURL
				cur.HomeURL = firstNonEmpty(cur.HomeURL, homePage)
			}
		})
		if errors.Is(err, store.ErrDuplicate) {
			return p.pollFailed(ctx, src, now, fmt.Sprintf("%s is a web page whose feed, %s, is already a source", src.URL, feedURL), 0)
		}
		if err != nil {
			return err
		}
		p.logger.Info("subscribed to the feed a page announces", "source", src.ID, "page", src.URL, "feed", feedURL)
		src.URL = feedURL
	}
	params, err := p.newItems(ctx, src, f)
	if err != nil {
		return err
	}
	if len(params) > 0 {
		if _, err := p.q.InsertMany(ctx, params); err != nil {
			return fmt.Errorf("queue %d articles of %s: %w", len(params), src.URL, err)
		}
	}
	p.logger.Debug("polled feed", "source", src.ID, "items", len(f.Items), "new", len(params))
	// Only now that the items' jobs are safely queued may the validators
	// change: saved earlier, a crash would leave the items behind a 304.
	outcome := pollOutcome{newItems: len(params), hint: f.UpdateEvery, readFeed: true, fresh: resp.FreshFor}
	return p.pollOK(ctx, src, now, &outcome, func(cur *news.Source) {
		if cur.URL == src.URL {
			cur.ETag, cur.LastModified = resp.ETag, resp.LastModified
		}
		cur.Name = firstNonEmpty(cur.Name, f.Title)
		cur.HomeURL = firstNonEmpty(cur.HomeURL, f.HomeURL)
		cur.Lang = firstNonEmpty(cur.Lang, f.Lang)
	})
}

// pollPage reads the page source src's one article, here rather than in
// a job of its own, and records the outcome in one update: the stored
// article says whether the page could be read, also when it was stored
// before (a source deleted and added again), and no later update of the
// poll can overwrite an error the article set. A crash before the update
// leaves the source new, to be polled again; the article is not read twice.
//
// The article is the one storeArticle returns, not one looked up again
// by src.URL: a page that redirects is stored under its final URL, so a
// lookup by the source's URL found nothing, failed the poll, and left the
// source new, to be fetched again on every poll (TestPagePollRedirect).
// The lookup before the fetch finds it by src.URL too, which storeArticle
// records as leading to it (store.Store.AddArticleFrom).
func (p *Pipeline) pollPage(ctx context.Context, src news.Source, now time.Time) error {
	a, err := p.st.ArticleByURL(ctx, news.URLKey(src.URL))
	if errors.Is(err, store.ErrNotFound) {
		a, err = p.storeArticle(ctx, articleArgs{SourceID: src.ID, Item: feedItem{URL: src.URL}})
	}
	if w := hostWaitOf(src.URL, err); w != nil {
		// Back at the host's turn, or when it allows requests again, as
		// an article job comes back: not an attempt spent while the host
		// asks to wait (TestPagePollHeldSnoozes).
		return w
	}
	if err != nil {
		return fmt.Errorf("read page %s: %w", src.URL, err)
	}
	if a.Extraction != news.ExtractFailed {
		return p.pollOK(ctx, src, now, nil, nil)
	}
	// It is not read again (see due).
	return p.savePoll(ctx, src.ID, func(cur *news.Source) {
		cur.Status, cur.LastError = news.StatusError, a.ExtractionReason
		cur.ErrorCount++
		cur.LastPolledAt, cur.NextPollAt = now, time.Time{}
	})
}

// discovered is the feed a page announces, read.
type discovered struct {
	url, home string // the feed's canonical URL; the page's, if fit to show
	resp      *fetch.Response
	feed      *feed.Feed
}

// discoveryFailure is why a page gave no feed to follow.
type discoveryFailure struct {
	msg        string
	retryAfter time.Duration
}

// discover reads the first feed the page in resp announces that passes the
// checks a URL a user adds passes, and can be fetched and parsed: a page
// announces its feeds in no reliable order, and one dead or foreign link
// must not hide a good one. Without one it says why the first failed. Its
// error is ctx's, once done.
func (p *Pipeline) discover(ctx context.Context, src news.Source, page *fetch.Response) (discovered, *discoveryFailure, error) {
	links := feed.Discover(page.Body, page.URL)
	if len(links) == 0 {
		return discovered{}, &discoveryFailure{msg: fmt.Sprintf("%s is a web page, not a feed, and announces no feed; "+
			"to follow this one article, subscribe to it as a page", src.URL)}, nil
	}
	// A redirect may have landed anywhere; a home page unfit to show is
	// left out, as an import leaves it out.
	home, err := news.CheckURL("home page URL", page.URL)
	if err != nil {
		home = ""
	}
	var first *discoveryFailure
	for _, link := range links {
		d, err := p.readAnnounced(ctx, link)
		if err == nil {
			d.home = home
			return d, nil, nil
		}
		if ctx.Err() != nil {
			return discovered{}, nil, ctx.Err()
		}
		p.logger.Info("announced feed could not be read", "source", src.ID, "page", src.URL, "feed", link, "err", err)
		if first == nil {
			first = &discoveryFailure{
				msg:        fmt.Sprintf("%s announces the feed %s, which could not be read: %v", src.URL, shownURL(link), err),
				retryAfter: fetch.RetryAfter(err),
			}
		}
	}
	if n := len(links) - 1; n > 0 {
		first.msg += fmt.Sprintf(" (nor could the %d other feeds it announces)", n)
	}
	return discovered{}, first, nil
}

// readAnnounced checks, fetches and parses the feed at link, announced by
// a page.
func (p *Pipeline) readAnnounced(ctx context.Context, link string) (discovered, error) {
	canon, err := news.CheckURL("its URL", link)
	if err != nil {
		return discovered{}, err
	}
	resp, err := p.fc.Get(ctx, fetch.Request{URL: link, Expect: fetch.ExpectFeed})
	if err != nil {
		return discovered{}, err
	}
	f, err := feed.Parse(resp.Body, resp.URL)
	if err != nil {
		return discovered{}, fmt.Errorf("parse feed: %w", err)
	}
	// A page may announce this instance's own feed among others: it is
	// passed over for the next, and alone it fails the poll.
	if err := p.notOwnFeed(f, resp.URL); err != nil {
		return discovered{}, err
	}
	return discovered{url: canon, resp: resp, feed: f}, nil
}

// notOwnFeed refuses f, read at link, when it names this instance among
// its writers (Config.InstanceID; a feed rewritten by another desk may
// name that desk first): its items are this desk's briefings, which
// stored as articles would join the stories they summarise and be cited
// by their next briefings. The feed is recognised by what it says, not by
// its URL, which a proxy, a redirect or another host name changes; the
// URLs of this server's own site are refused earlier, when the source is
// added (web.CheckNotOwnSite).
func (p *Pipeline) notOwnFeed(f *feed.Feed, link string) error {
	if !f.NamesInstance(p.cfg.InstanceID) {
		return nil
	}
	return fmt.Errorf("%s is this newsdesk's own feed of briefings (%s): its items are not stored, "+
		"as a briefing must not cite a briefing of this desk", shownURL(link), feed.InstanceURNPrefix+p.cfg.InstanceID)
}

// shownURL is raw as a source's error may show it: without a password and
// cut short.
func shownURL(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		raw = u.Redacted()
	}
	const max = 200
	if len(raw) > max {
		raw = strings.ToValidUTF8(raw[:max], "") + "…"
	}
	return raw
}

// newItems returns an article job per item not stored yet.
func (p *Pipeline) newItems(ctx context.Context, src news.Source, f *feed.Feed) ([]river.InsertManyParams, error) {
	var params []river.InsertManyParams
	seen := map[string]bool{}
	for _, it := range f.Items {
		if it.URL == "" {
			continue
		}
		c := news.URLKey(it.URL)
		if seen[c] {
			continue
		}
		seen[c] = true
		if stored, err := p.stored(ctx, c); err != nil {
			return nil, err
		} else if stored {
			continue
		}
		item := feedItem{
			URL: it.URL, Title: it.Title, Content: it.Content, Summary: it.Summary, Author: it.Author,
			Published: it.Published, ImageURL: it.ImageURL,
		}
		if len(it.Categories) > 0 {
			item.Category = it.Categories[0]
		}
		params = append(params, river.InsertManyParams{Args: articleArgs{SourceID: src.ID, Item: item, Key: c}})
	}
	return params, nil
}

// pollOK records a successful poll of src: of a feed, with its outcome o,
// which sets the next poll (Config.record); a page, with o nil, is read
// once. more, if not nil, records what else the poll learnt.
func (p *Pipeline) pollOK(ctx context.Context, src news.Source, now time.Time, o *pollOutcome, more func(*news.Source)) error {
	return p.savePoll(ctx, src.ID, func(cur *news.Source) {
		cur.Status, cur.LastError, cur.ErrorCount = news.StatusOK, "", 0
		cur.LastPolledAt = now
		cur.NextPollAt = time.Time{} // a page is read once
		if cur.Kind == news.SourceFeed {
			var out pollOutcome // none given: nothing new, no hint
			if o != nil {
				out = *o
			}
			p.cfg.record(cur, now, out)
		}
		if more != nil {
			more(cur)
		}
	})
}

// neverRead reports whether the feed source src has never had a good
// poll, so that the page at its URL may still name the feed to follow. A
// good poll leaves a trace in the store: status ok until a later failure,
// and, kept through failures, the feed's validators, its title as the
// name, or its articles. A source named by its user whose first polls all
// failed looks read, and is not moved: the safe side. A source in error
// that a person retried is new again but has been polled (LastPolledAt),
// so the traces decide for it as for one in error: a retry does not hand
// an established feed to whatever page answers next.
func neverRead(src news.Source) bool {
	switch {
	case src.Status == news.StatusOK:
		return false
	case src.Status == news.StatusNew && src.LastPolledAt.IsZero():
		return true
	}
	return src.ArticleCount == 0 && src.ETag == "" && src.LastModified == "" && src.Name == ""
}

// due mirrors store.Store.DueSources: a feed is due when its next poll
// time has come, a page until it has been read once.
func due(s news.Source, now time.Time) bool {
	if s.Kind == news.SourcePage {
		return s.Status == news.StatusNew
	}
	return !s.NextPollAt.After(now)
}

// pollHeld puts off a poll that was not sent because the feed's host,
// answering another request with 429, asked for no requests for left: the
// feed has not failed, so its status, error and failure count stay as they
// were, and it is polled again when the host allows. Counted as a failure,
// a feed in good health showed its neighbour's 429 as its error and was
// backed off longer at each hold, up to fetch.BackoffMax.
func (p *Pipeline) pollHeld(ctx context.Context, src news.Source, now time.Time, left time.Duration) error {
	p.logger.Info("poll put off: the feed's host asked for no requests for a while", "source", src.ID, "url", src.URL, "wait", left)
	return p.savePoll(ctx, src.ID, func(cur *news.Source) {
		cur.NextPollAt = now.Add(left)
	})
}

// fetchFailed records a poll whose fetch failed, honouring the server's
// Retry-After; it returns ctx's error instead once ctx is done.
func (p *Pipeline) fetchFailed(ctx context.Context, src news.Source, now time.Time, err error) error {
	if ctx.Err() != nil {
		return err
	}
	return p.pollFailed(ctx, src, now, err.Error(), fetch.RetryAfter(err))
}

// pollFailed records a failed poll and backs the source off: fetch.Backoff
// of its consecutive failures, and never sooner than the server's
// Retry-After.
func (p *Pipeline) pollFailed(ctx context.Context, src news.Source, now time.Time, msg string, retryAfter time.Duration) error {
	p.logger.Info("poll failed", "source", src.ID, "url", src.URL, "err", msg, "failures", src.ErrorCount+1)
	return p.savePoll(ctx, src.ID, func(cur *news.Source) {
		cur.Status, cur.LastError = news.StatusError, msg
		cur.ErrorCount++
		cur.LastPolledAt = now
		cur.NextPollAt = now.Add(fetch.Backoff(cur.ErrorCount, retryAfter))
	})
}

// savePoll applies the poll's outcome to the source as stored and saves
// it, in the store's one transaction (store.SourceUpdater): so an edit
// made while it was being polled (a rename through the API, sources set)
// or a "Retry now" is kept, never overwritten with the source as read
// before it. A source deleted meanwhile is left deleted.
func (p *Pipeline) savePoll(ctx context.Context, id int64, apply func(*news.Source)) error {
	_, err := p.st.UpdateSourceFunc(ctx, id, func(cur *news.Source) error {
		apply(cur)
		return nil
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return nil
}

// article reads and stores one article. It is idempotent: an article whose
// URL is stored is not fetched again.
func (p *Pipeline) article(ctx context.Context, args articleArgs) error {
	if stored, err := p.stored(ctx, news.URLKey(args.Item.URL)); err != nil || stored {
		return err
	}
	_, err := p.storeArticle(ctx, args)
	if w := hostWaitOf(args.Item.URL, err); w != nil {
		// The page's host asked for no requests until then (held), or
		// its turn is far off (a backlog of its pages ahead of this
		// one): the job sleeps until then, its attempts untouched,
		// rather than hold a worker or spend a retry.
		return w
	}
	return err
}

// hostWait is a poll or article job's fetch not sent because of its host:
// held, the host asked for no requests for left (a 429's Retry-After,
// fetch.Held); else its turn is left away (fetch.Busy). The job's worker
// snoozes the job for left (Pipeline.waitForHost).
type hostWait struct {
	url  string
	left time.Duration
	held bool
}

func (w *hostWait) Error() string {
	if w.held {
		return fmt.Sprintf("%s not fetched: its host asked for no requests for %s", w.url, w.left)
	}
	return fmt.Sprintf("%s not fetched: its host's turn is %s away", w.url, w.left)
}

// hostWaitOf returns err's hostWait for url if err is a fetch not sent
// because its host is held or busy, else nil.
func hostWaitOf(url string, err error) *hostWait {
	if left := fetch.Held(err); left > 0 {
		return &hostWait{url: url, left: left, held: true}
	}
	if left := fetch.Busy(err); left > 0 {
		return &hostWait{url: url, left: left}
	}
	return nil
}

// Bounds of a poll or article job's waits for its host (waitForHost).
// River does not count a snooze as an attempt (v0.51.2), so without them
// a host busy or held for good, or a clock that keeps the host's turn
// ahead, snoozed a job forever. A legitimate wait stays well inside
// both: a backlog of 1,000 pages at the longest Crawl-delay (30 s) is
// fetched in about 8 hours, and a host's 429 holds the others for at
// most an hour at a time (fetch.MaxHostHold).
const (
	// maxHostSnoozes is the most times a job is snoozed for its host.
	maxHostSnoozes = 1000
	// maxHostWaitAge is the oldest a job may be and still be snoozed.
	maxHostWaitAge = 24 * time.Hour
)

// waitForHost is the worker's answer for a poll or article job whose
// work returned err: err itself, unless it is a hostWait. Then the job is
// snoozed until its host allows (queue.SnoozeForHost, which records
// whether the host holds it), unless it has waited past the bounds
// above: then it is cancelled, with the reason logged. A cancelled
// article is queued again by its feed's next poll if the feed still
// lists it; a cancelled poll, by the scheduler when its source is due.
func (p *Pipeline) waitForHost(ctx context.Context, job *rivertype.JobRow, err error) error {
	var w *hostWait
	if !errors.As(err, &w) {
		return err
	}
	snoozes := priorSnoozes(job.Metadata)
	age := time.Since(job.CreatedAt)
	if snoozes >= maxHostSnoozes || age > maxHostWaitAge {
		p.logger.Warn("job given up: its host kept it waiting too long", "job", job.ID, "kind", job.Kind,
			"url", w.url, "held", w.held, "snoozes", snoozes, "age", age.Round(time.Second))
		return river.JobCancel(fmt.Errorf("given up after %d waits over %s: %w", snoozes, age.Round(time.Second), w))
	}
	p.logger.Debug("job waits for its host", "job", job.ID, "kind", job.Kind, "url", w.url, "held", w.held, "wait", w.left)
	return queue.SnoozeForHost(ctx, w.left, w.held)
}

// priorSnoozes is how often River has snoozed a job, from its metadata:
// "snoozes", which River counts up at each snooze (since v0.16.0, per its
// CHANGELOG); 0 if absent or unreadable, when the job's age still bounds
// its waits.
func priorSnoozes(metadata []byte) int64 {
	var m struct {
		Snoozes int64 `json:"snoozes"`
	}
	if json.Unmarshal(metadata, &m) != nil {
		return 0
	}
	return m.Snoozes
}

// stored reports whether the article at the canonical link is stored:
// under link itself, or under the URL its page redirected to, which
// storeArticle recorded link as leading to. The record is the store's, so
// it holds after a restart and for every process on a shared database:
// a feed whose every item redirects (feedburner, a tracking link) is not
// fetched item by item again after each (TestMovedRestartFetchedOnce).
// It costs no extra round trip: HasArticle looks up both in one query.
func (p *Pipeline) stored(ctx context.Context, link string) (bool, error) {
	return p.st.HasArticle(ctx, link)
}

// storeArticle fetches and stores the article of args and returns it as
// stored: under the canonical form of the URL the fetch ended at, which a
// redirect makes another than args.Item.URL's, or, if that URL was stored
// already, the article stored before.
func (p *Pipeline) storeArticle(ctx context.Context, args articleArgs) (news.Article, error) {
	src, err := p.st.Source(ctx, args.SourceID)
	if errors.Is(err, store.ErrNotFound) {
		src = news.Source{} // unsubscribed meanwhile: keep the article, without a source
	} else if err != nil {
		return news.Article{}, err
	}
	a, err := readArticle(ctx, p.fc, extract.ExtractContext, src, args.Item, p.cfg.ExtractTimeout, p.cfg.HostWait, p.cfg.InstanceID)
	if err != nil {
		return news.Article{}, err
	}
	// A page that redirected is stored under its final URL; the link the
	// feed gave is recorded with it, in the same transaction, so the next
	// poll finds the item stored (see stored).
	stored, created, err := p.st.AddArticleFrom(ctx, news.URLKey(args.Item.URL), a)
	if err != nil {
		return news.Article{}, err
	}
	if created {
		p.logger.Debug("stored article", "id", stored.ID, "url", stored.URL, "extraction", stored.Extraction, "reason", stored.ExtractionReason)
		// Grouping is the scheduler's to queue: woken, it looks within
		// GroupEvery and inserts the one cluster job unless it knows one
		// pending (groupLook), which groups every article stored before
		// its next batch. An insert here per article would be a queue
		// write each even when River skipped it as a duplicate (its
		// unique insert updates the pending job's row and commits), on
		// SQLite's one queue connection that the fetches share.
		p.wakeScheduler()
	}
	return stored, nil
}
