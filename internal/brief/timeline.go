package brief

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// TimelineOptions tunes Timeline and Background. Zero fields take the
// documented defaults.
type TimelineOptions struct {
	// MaxDates is how many dates the timeline keeps; 10 by default.
	MaxDates int
	// PerDate is how many sentences each date gets; 1 by default.
	PerDate int
	// Focus holds the articles the timeline is background for: sentences
	// that share their words rank higher, and their own days are left out.
	Focus []news.Article
	// MentionWeight is how much more a date mentioned in a sentence counts
	// than an article's publication day when ranking dates; 1 by default.
	MentionWeight float64
	// Topic weighs a sentence's similarity to what all the articles are
	// about, against its similarity to its own day's sentences; 1 by
	// default.
	Topic float64
	// HalfLife, when set, favours recent dates: a date's weight halves for
	// every HalfLife before the newest article. Zero weighs all dates alike,
	// as a timeline should; a background wants the recent past.
	HalfLife time.Duration
	// Position weighs 1/(the sentence's index in its article + 1): news
	// puts what happened first; 0.1 by default.
	Position float64
	// MinWords and MaxWords bound a usable sentence; 6 and 70 by default.
	MinWords, MaxWords int
	// LeadSentences, when set, takes only the first LeadSentences sentences
	// of each article: news reports the development first, and what comes
	// lower is detail, reaction and comment, which a background of what has
	// happened so far does without. Zero takes any sentence, as a timeline
	// should.
	LeadSentences int
	// NotAfter, when set, leaves out the days after it: a background is
	// what came before, and a sentence about a decision "due on 15 April"
	// is a plan, not context.
	NotAfter time.Time
}

func (o TimelineOptions) withDefaults() TimelineOptions {
	if o.MaxDates <= 0 {
		o.MaxDates = 10
	}
	if o.PerDate <= 0 {
		o.PerDate = 1
	}
	if o.MentionWeight == 0 {
		o.MentionWeight = 1
	}
	if o.Position == 0 {
		o.Position = 0.1
	}
	if o.Topic == 0 {
		o.Topic = 1
	}
	if o.MinWords <= 0 {
		o.MinWords = 6
	}
	if o.MaxWords <= 0 {
		o.MaxWords = 70
	}
	return o
}

// day truncates t to its calendar day in UTC.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// calendarDay is the calendar date t names, in UTC like day's results. A
// date text.Dates resolves ("on Thursday", "yesterday") is midnight in the
// article's own zone; day would move it to the day before east of UTC.
func calendarDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dated is a sentence and the day it tells about.
type dated struct {
	u       int // index into units
	day     time.Time
	mention bool // the day is written in the sentence, not just its article's date
}

// Timeline builds a dated timeline from the articles, in the manner of
// DATEWISE (Gholipour Ghalandari and Ifrim, 2020): first choose the dates,
// then summarise each date from the sentences about it. A sentence is about
// the day it mentions when it reports an event of that day (reportsDay),
// else the day its article was published. Dates rank by how many sentences
// are about them (mentions weighted by MentionWeight); a date's sentences
// rank by their similarity to all the date's sentences (and to Focus, when
// given), with repeats of what an earlier entry said left out.
//
// Items come in date order; each has Date set and cites one sentence whose
// bytes equal its Text.
func Timeline(articles []news.Article, opt TimelineOptions) []news.Item {
	o := opt.withDefaults()
	units := splitUnits(articles)
	var focus strings.Builder
	for _, a := range o.Focus {
		focus.WriteString(a.Title + "\n" + a.Title + "\n" + a.Text + "\n")
	}
	fv := vectorize(units, []string{focus.String()})[0]
	focusDays := map[time.Time]bool{}
	for _, a := range o.Focus {
		if t := a.Time(); !t.IsZero() {
			focusDays[day(t)] = true
		}
	}

	// Map each sentence to the day(s) it is about.
	var items []dated
	for d, a := range articles {
		pub := a.Time()
		var mentions []text.Date
		if !pub.IsZero() {
			mentions = text.Dates(a.Text, pub)
		}
		for i, u := range units {
			if u.doc != d {
				continue
			}
			found := false
			for _, m := range mentions {
				if m.Span.Start >= u.span.Start && m.Span.End <= u.span.End && !m.Time.IsZero() &&
					reportsDay(u.text, news.Span{Start: m.Span.Start - u.span.Start, End: m.Span.End - u.span.Start}) {
					// A sentence is about a day it names only when it
					// reports what happened that day (reportsDay): a plan
					// ("will", "is due to") or a day in a relative clause
					// leaves it to its article's day. A later date in a
					// sentence that passes still counts, as news-tls does.
					items = append(items, dated{u: i, day: calendarDay(m.Time), mention: true})
					found = true
				}
			}
			if !found && !pub.IsZero() {
				items = append(items, dated{u: i, day: day(pub)})
			}
		}
	}

	// Rank the days.
	weight := map[time.Time]float64{}
	for _, it := range items {
		if focusDays[it.day] || !o.NotAfter.IsZero() && it.day.After(day(o.NotAfter)) {
			continue
		}
		if it.mention {
			weight[it.day] += o.MentionWeight
		} else {
			weight[it.day]++
		}
	}
	if o.HalfLife > 0 {
		newest := day(latestTime(articles))
		for d := range weight {
			weight[d] *= math.Exp2(-float64(newest.Sub(d)) / float64(o.HalfLife))
		}
	}
	days := make([]time.Time, 0, len(weight))
	for d := range weight {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool {
		if weight[days[i]] != weight[days[j]] {
			return weight[days[i]] > weight[days[j]]
		}
		return days[i].Before(days[j])
	})

	all := make([]vec, len(units))
	for i, u := range units {
		all[i] = u.vec
	}
	global := centroid(all...)
	byDay := map[time.Time][]dated{}
	for _, it := range items {
		byDay[it.day] = append(byDay[it.day], it)
	}

	type entry struct {
		day time.Time
		u   int
	}
	var chosen []entry
	var chosenVecs []vec
	for _, d := range days {
		if len(chosen) >= o.MaxDates*o.PerDate {
			break
		}
		cands := byDay[d]
		// Centroid of what the day's sentences say.
		dayVecs := make([]vec, len(cands))
		for k, c := range cands {
			dayVecs[k] = units[c.u].vec
		}
		cent := centroid(dayVecs...)
		type scored struct {
			u int
			s float64
		}
		var ranked []scored
		seen := map[int]bool{}
		for _, c := range cands {
			u := units[c.u]
			if seen[c.u] || u.words < o.MinWords || u.words > o.MaxWords || !usableSentence(u.text) || u.cutsQuote {
				continue
			}
			seen[c.u] = true
			if o.LeadSentences > 0 && u.pos >= o.LeadSentences {
				continue
			}
			s := cosine(u.vec, cent) + o.Topic*cosine(u.vec, global) + o.Position/float64(u.pos+1)
			if len(fv.terms) > 0 {
				s += 0.5 * cosine(u.vec, fv)
			}
			ranked = append(ranked, scored{c.u, s})
		}
		// Ties (a wire copy's sentence and the original's) go to the
		// earlier unit: the earlier article, then the earlier sentence.
		slices.SortStableFunc(ranked, func(a, b scored) int {
			return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(a.u, b.u))
		})
		took := 0
		for _, r := range ranked {
			if took == o.PerDate {
				break
			}
			red := 0.0
			for _, v := range chosenVecs {
				red = math.Max(red, cosine(units[r.u].vec, v))
			}
			if red > 0.3 {
				continue // an earlier entry already says it
			}
			chosen = append(chosen, entry{d, r.u})
			chosenVecs = append(chosenVecs, units[r.u].vec)
			took++
		}
	}
	sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].day.Before(chosen[j].day) })
	out := make([]news.Item, len(chosen))
	for i, e := range chosen {
		out[i] = unitItem(articles, units[e.u])
		d := e.day
		out[i].Date = &d
	}
	return out
}

// Background is the "background and context" section: a timeline of the
// earlier articles, ranked towards what the Focus articles (the story being
// briefed) are about. With no earlier articles it is empty.
func Background(earlier []news.Article, opt TimelineOptions) []news.Item {
	if len(earlier) == 0 {
		return nil
	}
	return Timeline(earlier, opt)
}
