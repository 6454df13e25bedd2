package cluster

import (
	"math"
	"time"
)

// A story is one event's coverage. When a story that several outlets
// have covered falls quiet for a day and a report then leads with
// something new (aid convoys paused on Monday, talks agree a road plan on
// Thursday, convoys resume on Sunday), an editor files that report as a
// new story of the same thread, not as one more report of the first: its
// headline tells another event and its lead dates that event after the
// story's last report. The names are the same, so the score alone joins
// it (docs/clustering.md, "New developments").

// develops reports whether d, which could join s, is instead a new
// development of s: d comes at least DevelopPause after the last article
// of s, which at least DevelopSources outlets have covered; d's headline
// gives at least DevelopWords words that no headline of s gives; and d's
// headline or lead names a day after the day of the last article of s.
func (c *Clusterer) develops(d Doc, p *prepared, s *story) bool {
	if c.cfg.DevelopSources <= 0 || len(s.sources) < c.cfg.DevelopSources ||
		d.Time.IsZero() || s.last.IsZero() || d.Time.Sub(s.last) < c.cfg.DevelopPause {
		return false
	}
	fresh := 0
	for _, h := range p.titleWords {
		if s.titles.weight(h) == 0 {
			fresh++
		}
	}
	if fresh < c.cfg.DevelopWords {
		return false
	}
	return laterDay(p.lead(d), s.last, d.Time)
}

// laterDay reports whether days, the calendar days a lead names (as scan
// counts them among the numbers), hold one after last's day and not after
// at's: the lead dates its event after the story's last report.
func laterDay(days map[uint64]float64, last, at time.Time) bool {
	if len(days) == 0 {
		return false // most leads name no day: no day to walk to
	}
	last = last.In(at.Location())
	for t := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, at.Location()); !t.After(at); t = t.AddDate(0, 0, 1) {
		if days[hashStr(kindNumber, t.Format("d2006-01-02"))] > 0 {
			return true
		}
	}
	return false
}

// leadDays returns the calendar days that d's headline and lead name,
// resolved against d's time ("on Thursday", "5 March"), as hashes among
// numbers.
func leadDays(d Doc) map[uint64]float64 {
	r := raw{
		words: map[uint64]float64{}, ents: map[uint64]float64{}, nums: map[uint64]float64{},
		shown: map[uint64]string{}, pairs: map[uint64]pairWords{}, ref: d.Time,
	}
	scan(headline(d.Title)+"\n"+lead(d.Text), &r, false, true)
	return r.nums
}

// developsThread reports whether d, starting a new story in thread id, is
// a new development of one of its candidate stories in that thread. It
// is read from the state apply is given, so Add and Restore agree without
// a stored field; a score decide took (Add) is not taken again.
func (c *Clusterer) developsThread(d Doc, p *prepared, id int64) bool {
	if c.cfg.DevelopSources <= 0 {
		return false
	}
	for i, o := range p.cands {
		if o.thread != id || !c.joinable(d, o) || !c.develops(d, p, o) {
			continue
		}
		sc := math.Inf(-1)
		if i < len(p.scores) {
			sc = p.scores[i]
		}
		if math.IsInf(sc, -1) {
			// Restore, or a story decide held apart as another event
			// (otherEvent), which this check does not ask.
			sc = c.score(d, p, o)
		}
		if sc >= c.threshold(p, o) {
			return true
		}
	}
	return false
}
