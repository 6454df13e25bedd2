package cluster

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Name conflicts. Two look-alike events (one chain's two store fires, one
// team's two injured players, one actor's two rehab stays) share their
// words and their generic names ("Waitrose", "Saints"); what tells them
// apart is the names that distinguish each: the town ("Banstead, Surrey"
// against "Wellington"), the player ("Reggie Bush" against "Pierre
// Thomas"). A reporter puts those in the headline and the lead. When the
// article's lead gives names the story never gives, and the names most of
// the story's articles give in their leads are missing from the whole
// article, the two tell of different events. The check is made only when
// one side's time is unknown: with both times known, the time discount
// keeps events months apart, and reports of one incident in a live stream
// bring new people (the accused) and page furniture (outlets, bylines,
// "Updated") into their leads, which the check would take for another
// event (see docs/clustering.md).

const (
	// heldLeadNames bounds the lead names a story counts.
	heldLeadNames = 64
	// leadCase is the most recent articles that may use a lead name's
	// word in any case, per article writing it as a name, for it to count
	// (ArchiveCase's default): a title-case headline's "Hunting Accident"
	// is no name.
	leadCase = 2
)

// leadName is a one-word name of an article's lead, hashed as a name and
// as a word (for the case check).
type leadName struct{ name, word uint64 }

// nameCount is how many of a story's articles give one name in their
// lead.
type nameCount struct {
	leadName
	n int32
}

// leadNames returns the names of r, d's features, that d's headline or
// the start of its body writes, one-word names only, sorted by name hash
// and without repeats. A name is looked up as r first saw it written
// inside a sentence, so the lead costs no second reading of the text.
func leadNames(d Doc, r *raw) []leadName {
	title, text := headline(d.Title), lead(d.Text)
	var out []leadName
	var buf []byte
	for h, tok := range r.shown {
		if !hasWord(title, tok) && !hasWord(text, tok) {
			continue
		}
		buf = fold(buf[:0], tok)
		out = append(out, leadName{h, hashStr(kindWord, stem(string(buf)))})
	}
	slices.SortFunc(out, func(a, b leadName) int { return cmp.Compare(a.name, b.name) })
	return out
}

// hasWord reports whether s contains w as a whole word.
func hasWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (j == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		i = j + 1
	}
}

// noteLeadNames counts the lead names of an article of s, up to
// heldLeadNames names: a story's first reports set its lead.
func noteLeadNames(s *story, names []leadName) {
	for _, ln := range names {
		i, found := slices.BinarySearchFunc(s.leadNames, ln.name, func(nc nameCount, h uint64) int {
			return cmp.Compare(nc.name, h)
		})
		if found {
			s.leadNames[i].n++
			continue
		}
		if len(s.leadNames) >= heldLeadNames {
			continue
		}
		s.leadNames = slices.Insert(s.leadNames, i, nameCount{ln, 1})
	}
}

// nameConflict reports whether d and s name different events while one
// side's time is unknown: at least NameConflictShare of the article's
// lead names are missing from the story's names, and at least that share
// of the story's lead names (those at least half its articles give in
// their leads) are missing from the whole article. Only names mostly
// written as names count (see leadCase).
func (c *Clusterer) nameConflict(d Doc, p *prepared, s *story) bool {
	if bothDated := !d.Time.IsZero() && !s.last.IsZero(); bothDated {
		return false // the time discount tells such events apart
	}
	if len(p.leadNames) == 0 || len(s.leadNames) == 0 {
		return false
	}
	if c.cfg.NameConflictYear && !d.Time.IsZero() &&
		slices.ContainsFunc(s.years, func(yc yearCount) bool { return yc.year == -d.Time.Year() }) {
		// The story's datelines give the article's year: its time says
		// as much as a dated story's would, and the two reports of one
		// election spell its parties and places their own way.
		return false
	}
	nameLike := func(ln leadName) bool {
		return float64(c.df[ln.word]) <= leadCase*float64(c.df[ln.name])
	}
	share := c.cfg.NameConflictShare
	missA, totA := 0, 0
	for _, ln := range p.leadNames {
		if !nameLike(ln) {
			continue
		}
		totA++
		if s.ents.weight(ln.name) == 0 {
			missA++
		}
	}
	if missA == 0 || float64(missA) < share*float64(totA) {
		return false
	}
	missS, totS := 0, 0
	for _, nc := range s.leadNames {
		if 2*int(nc.n) < s.articles || !nameLike(nc.leadName) {
			continue
		}
		totS++
		if p.raw.ents[nc.name] == 0 {
			missS++
		}
	}
	return missS > 0 && float64(missS) >= share*float64(totS)
}
