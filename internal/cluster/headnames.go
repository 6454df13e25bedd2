package cluster

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// headPairs returns the two-word names of a title, with their words'
// hashes, in no order, and whether the title is short enough to be read
// as a headline (at most words words, Config.HeadlineWords); no names
// for a longer one.
func headPairs(title string, words int) ([]pairRef, bool) {
	title = headline(title)
	if len(strings.Fields(title)) > words {
		return nil, false
	}
	r := raw{
		ents: map[uint64]float64{}, nums: map[uint64]float64{}, // no words: scan reads names only
		shown: map[uint64]string{}, pairs: map[uint64]pairWords{},
	}
	scan(title, &r, false, true)
	return pairNames(&r), true
}

// newHeadName reports whether one side's headline names someone the
// other side never names, while one side's time is unknown: a two-word
// name, both of whose words are mostly written as names (see leadCase),
// of d's headline that is not among s's names (its centroid, which keeps
// only the CentroidTerms heaviest, so a name its articles mention in
// passing may have been cut), or of s's first headline that d does not
// name (with HeadNameEvery, none of the story's headline names: a run
// of capitals gives pairs across two names, "Saints RB" of "New Orleans
// Saints RB Reggie Bush", which a report writing "Saints running back
// Reggie Bush" lacks). The first report of a look-alike event leads with
// its own man ("Klitschko stops Tony Thompson" against a story of his
// fight with Hasim Rahman; "Chargers' Jackson arrested on suspicion of
// DUI" against a story headed "Chargers Jamal Williams arrested for
// DUI"); a report of the story's event leads with the story's people,
// whom the story names, and names the story's man. The second way is read
// only when d's own title is a headline: a report whose title is its
// first sentence ("The notorious party girl ... had checked into the
// Promises Treatment Centre") may keep the man's name for later in a
// text the clusterer reads only the start of. Dated pairs are left to
// the time discount, as in nameConflict.
func (c *Clusterer) newHeadName(p *prepared, d Doc, s *story) bool {
	if !d.Time.IsZero() && !s.last.IsZero() {
		return false
	}
	if !p.headRead {
		p.headPairs, p.headShort = headPairs(d.Title, c.cfg.HeadlineWords)
		p.headRead = true
	}
	for _, pr := range p.headPairs {
		if c.headNameLike(pr) && s.ents.weight(pr.h) == 0 {
			return true
		}
	}
	if !p.headShort {
		return false
	}
	heads, _ := c.storyHeadPairs(s)
	missing := false
	for _, pr := range heads {
		if !c.headNameLike(pr) {
			continue
		}
		if !p.ents.has(pr.h) {
			if !c.cfg.HeadNameEvery {
				return true
			}
			missing = true
		} else if c.cfg.HeadNameEvery {
			return false // names the story's man; a pair across two names is no name
		}
	}
	return missing
}

// storyHeadPairs returns the two-word names of s's title (headPairs)
// and whether it is in sentence case (sentenceCase), read once:
// newHeadName and leadMissing ask for every candidate story.
func (c *Clusterer) storyHeadPairs(s *story) ([]pairRef, bool) {
	if !s.headRead {
		s.headPairs, _ = headPairs(s.title, c.cfg.HeadlineWords)
		s.headSentence = sentenceCase(s.title)
		s.headRead = true
	}
	return s.headPairs, s.headSentence
}

// headNameLike reports whether both words of a two-word name are mostly
// written as names (see leadCase), not a headline's capitals ("Head
// Coach").
func (c *Clusterer) headNameLike(pr pairRef) bool {
	return float64(c.df[pr.firstWord]) <= leadCase*float64(c.df[pr.first]) &&
		float64(c.df[pr.lastWord]) <= leadCase*float64(c.df[pr.last])
}

// has reports whether v holds the feature h.
func (v vector) has(h uint64) bool {
	_, ok := slices.BinarySearchFunc(v, h, func(t term, h uint64) int { return cmp.Compare(t.h, h) })
	return ok
}

// leadMissing reports whether d, with no time and no year (era 0), leaves
// out of its lead (headline and the start of its text, see lead) every
// two-word name of s's first headline that s's reports carry, whole and
// by its last word ("Bush", "the Saints" name "Reggie Bush", "New Orleans
// Saints"). newHeadName asks whether d names the story's man at all; a
// look-alike's report often does, in passing ("In Bush's absence this
// year, running back Pierre Thomas has established himself"; "we still
// have yet to hear from the Red Sox"), while a report of the story's own
// event names him up front. Only a sentence-case headline is read: in a
// title-case one every capitalised pair looks like a name. A report that
// gives a year is left to the year rules, which can tell it apart.
func (c *Clusterer) leadMissing(p *prepared, d Doc, s *story) bool {
	if era(d, p) != 0 {
		return false
	}
	heads, sentence := c.storyHeadPairs(s)
	if len(heads) == 0 || !sentence {
		return false
	}
	if !p.leadEntsRead {
		p.leadEnts = leadEnts(d)
		p.leadEntsRead = true
	}
	missing := false
	for _, pr := range heads {
		if s.ents.weight(pr.h) == 0 {
			continue // a headline's capitals, not a name its reports carry
		}
		if p.leadEnts[pr.h] > 0 || p.leadEnts[pr.last] > 0 {
			return false // named, or by its last word alone ("Bush", "the Saints")
		}
		missing = true
	}
	return missing
}

// leadEnts returns the names (one and two words) of d's headline and
// lead.
func leadEnts(d Doc) map[uint64]float64 {
	r := raw{
		ents: map[uint64]float64{}, nums: map[uint64]float64{}, // no words: scan reads names only
		shown: map[uint64]string{},
	}
	scan(headline(d.Title)+"\n"+lead(d.Text), &r, false, true)
	return r.ents
}

// sentenceCase reports whether a headline is written in sentence case:
// a word of letters that is not a function word starts lower case. In a
// title-case headline ("Krafts Food Shooter Yvonne Hiller Charged with
// Two Counts of Murder") every capitalised pair looks like a name.
func sentenceCase(title string) bool {
	for w := range strings.FieldsSeq(headline(title)) {
		first, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(first) && !stopwords[w] && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
			return true
		}
	}
	return false
}
