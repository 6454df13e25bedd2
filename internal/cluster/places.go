package cluster

import (
	"slices"

	"github.com/newsdesk/newsdesk/internal/lang"
)

// heldLangs bounds the languages a story keeps (see otherEvent).
const heldLangs = 4

// A town's festival, its water restrictions and its team's cup final are
// three events that share the town's name, its mayor and, told by one
// local outlet, often the same byline; the score sees the names agree
// and joins them. An editor keeps them apart by what the reports say:
// their headlines share the town and nothing else, and their texts
// share the town and its people far more than their words
// (docs/clustering.md, "Three events of one town"). A story that three
// or more outlets have covered is left to the score and to develops:
// its reports' words are many, and a new event of it is a development.

// otherEvent reports whether d, a report that could join s, tells
// another event of s's place (see Config.PlaceRatio): s has fewer than
// DevelopSources outlets; d's headline shares words with s's headlines,
// all of them names that articles outside s carry too (placeHeadline);
// d's words are comparable with s's and agree at most 1/PlaceRatio as
// much as its names do; and either d shares no name that only s's
// articles carry (the two share the place alone), or d comes at least
// DevelopPause after s's last article and its headline or lead dates a
// later day (the same people, a day later, in a new event).
func (c *Clusterer) otherEvent(d Doc, p *prepared, s *story) bool {
	if c.cfg.PlaceRatio <= 0 || len(s.sources) >= c.cfg.DevelopSources || !c.placeHeadline(p, s) {
		return false
	}
	if d.Translated == "" && !s.writes(d.Lang) {
		// Untranslated words of another language than the story's
		// share nothing but names: the ratio would say nothing.
		return false
	}
	if s.words.cos(p.words)*c.cfg.PlaceRatio > s.ents.cos(p.ents) {
		return false
	}
	if !c.ownName(p, s) {
		return true
	}
	return !d.Time.IsZero() && !s.last.IsZero() && d.Time.Sub(s.last) >= c.cfg.DevelopPause &&
		c.cfg.DevelopSources > 0 && laterDay(p.lead(d), s.last, d.Time)
}

// placeHeadline reports whether p's headline shares at least one word
// with the headlines of s, and only names that articles outside s carry
// too: a place ("Villa Serena"), not the name of s's event ("Fiesta del
// Almendro"), which only s's articles carry, nor a word of its event.
func (c *Clusterer) placeHeadline(p *prepared, s *story) bool {
	// With a thin history no article outside s and the report may carry
	// the name, so document frequency cannot tell a place from the
	// event's name: the report itself is the article outside s, and a
	// shared headline word both sides write as a name counts (see
	// Config.PlaceHistory).
	thin := len(c.dfQueue) < c.cfg.PlaceHistory
	shared := false
	for _, h := range p.titleWords {
		if s.titles.weight(h) == 0 {
			continue
		}
		i := slices.IndexFunc(p.titleNames, func(n titleName) bool { return n.word == h })
		if i < 0 {
			return false
		}
		df := c.df[p.titleNames[i].name]
		switch {
		case thin && df == 0:
			// Only the report writes this word as a name ("Serena"
			// of "Villa Serena"): it is not the story's event's name.
			continue
		case !thin && df <= s.total:
			return false
		}
		shared = true
	}
	return shared
}

// ownName reports whether p shares with s a name that at most
// ThreadSpecific times the story's articles carry: one of its own people
// or places, not only the town's.
func (c *Clusterer) ownName(p *prepared, s *story) bool {
	limit := max(c.cfg.ThreadSpecific, 1) * float64(s.total)
	for _, t := range p.ents {
		if float64(c.df[t.h]) <= limit && s.ents.weight(t.h) > 0 {
			return true
		}
	}
	return false
}

// writes reports whether one of the languages s keeps is tag's; a story
// that keeps heldLangs languages is taken to write every language.
func (s *story) writes(tag string) bool {
	return len(s.langs) >= heldLangs || slices.Contains(s.langs, lang.Primary(tag))
}
