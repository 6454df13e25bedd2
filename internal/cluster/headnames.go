package cluster

import "strings"

// headlineWords is the most words a title may have to be read as a
// headline by newHeadName. Many ECB+ titles are a report's first sentence
// ("The notorious party girl, who makes headlines for ..., had checked
// into the Promises Treatment Centre in Malibu, ..."), which names the
// places and people around the event, not the one it is about; 15 and 20
// measure the same (docs/clustering.md).
const headlineWords = 15

// headPairs returns the two-word names d's headline writes, with their
// words' hashes, in no order; none for a title longer than headlineWords.
func headPairs(d Doc) []pairRef {
	title := headline(d.Title)
	if len(strings.Fields(title)) > headlineWords {
		return nil
	}
	r := raw{
		ents: map[uint64]float64{}, nums: map[uint64]float64{}, // no words: scan reads names only
		shown: map[uint64]string{}, pairs: map[uint64]pairWords{}, ref: d.Time,
	}
	scan(title, &r, false, true)
	out := make([]pairRef, 0, len(r.pairs))
	for h, pw := range r.pairs {
		out = append(out, pairRef{h, pw})
	}
	return out
}

// newHeadName reports whether d's headline names someone no article of s
// names, while one side's time is unknown: a two-word name of the
// headline, both of whose words are mostly written as names (see
// leadCase), that the story's names lack. The first report of a
// look-alike event leads with its own man ("Klitschko stops Tony
// Thompson" against a story of his fight with Hasim Rahman); a report of
// the story's event leads with the story's people, whom the story names.
// Dated pairs are left to the time discount, as in nameConflict.
func (c *Clusterer) newHeadName(p *prepared, d Doc, s *story) bool {
	if !d.Time.IsZero() && !s.last.IsZero() {
		return false
	}
	if !p.headRead {
		p.headPairs, p.headRead = headPairs(d), true
	}
	for _, pr := range p.headPairs {
		if float64(c.df[pr.firstWord]) > leadCase*float64(c.df[pr.first]) ||
			float64(c.df[pr.lastWord]) > leadCase*float64(c.df[pr.last]) {
			continue // a headline's capitals, not a name ("Head Coach")
		}
		if s.ents.weight(pr.h) == 0 {
			return true
		}
	}
	return false
}
