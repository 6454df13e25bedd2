package pipeline

import (
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// MinPollInterval is the shortest interval a feed may be polled at, the
// server's (Config.PollInterval) or a source's own
// (news.Source.PollInterval): see news.MinPollInterval.
const MinPollInterval = news.MinPollInterval

// maxAdaptFactor caps the adaptive interval at this many times the
// source's base interval, whatever Config.AdaptMax allows: a quiet feed
// read at 8 times its interval (2 h at the default 15 min) still brings
// news within a working morning when it wakes up.
const maxAdaptFactor = 8

// pollOutcome is what a good poll of a feed learnt, for its schedule.
type pollOutcome struct {
	newItems int           // items queued for fetching; 0 on a 304
	hint     time.Duration // the feed's UpdateEvery, read on a 200
	readFeed bool          // the feed was read (a 200), so hint is current
	fresh    time.Duration // the response's fetch.Response.FreshFor
}

// schedule returns the interval until the next poll of the feed src, as
// it stands after a good poll (its UnchangedPolls and PollHint updated),
// the response being fresh for fresh, and why that interval, "" when it
// is the server's. The rules, in order, each only ever lengthening the
// interval (docs/pipeline.md, "Poll intervals"):
//
//  1. base: the source's own PollInterval if set ("override"), else the
//     server's PollInterval;
//  2. adaptive: after every AdaptAfter polls in a row that found no new
//     item, the interval doubles, up to the lesser of AdaptMax and
//     maxAdaptFactor times base (never below base);
//  3. hint: the longer of the feed's own PollHint (RSS ttl, sy:update*)
//     and the response's freshness, capped at MaxPollHint, if longer.
//
// So a hint never makes a feed polled more often than base, and one new
// item brings it back to base (or to its hint) at once.
func (c Config) schedule(src news.Source, fresh time.Duration) (time.Duration, string) {
	base, why := c.PollInterval, ""
	if src.PollInterval > 0 {
		base, why = src.PollInterval, "override: the source's own interval"
	}
	every := base
	if c.AdaptAfter > 0 && src.UnchangedPolls >= c.AdaptAfter {
		limit := max(base, min(maxAdaptFactor*base, c.AdaptMax))
		a := base
		for range src.UnchangedPolls / c.AdaptAfter {
			if a >= limit {
				break
			}
			a *= 2
		}
		if a = min(a, limit); a > every {
			every = a
			why = fmt.Sprintf("adaptive: %d polls in a row found nothing new", src.UnchangedPolls)
		}
	}
	hint, from := src.PollHint, "the feed says it changes every "
	if fresh > hint {
		hint, from = fresh, "the server says its response is fresh for "
	}
	if capped := min(hint, c.MaxPollHint); capped > every {
		every, why = capped, "hint: "+from+news.FormatDuration(hint)
		if capped < hint {
			why += ", capped at " + news.FormatDuration(c.MaxPollHint)
		}
	}
	return every, why
}

// record applies a good poll's outcome o to the feed source cur: its
// count of polls that found nothing new, its hint, and its next poll
// time, now plus the schedule's interval.
func (c Config) record(cur *news.Source, now time.Time, o pollOutcome) {
	if o.newItems > 0 {
		cur.UnchangedPolls = 0
	} else {
		cur.UnchangedPolls++
	}
	if o.readFeed {
		cur.PollHint = o.hint
	}
	cur.PollEvery, cur.PollReason = c.schedule(*cur, o.fresh)
	cur.NextPollAt = now.Add(cur.PollEvery)
}

// Schedule returns the interval a good poll of the feed src, as it
// stands, would set its next poll at, and why ("" for the server's
// interval): schedule without a response's freshness, which is not
// stored. The web server and the CLI move a feed's next poll by it when
// its own interval is edited.
func (c Config) Schedule(src news.Source) (time.Duration, string) {
	return c.schedule(src, 0)
}
