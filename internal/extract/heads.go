package extract

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// headMax: the longest section heading addHeadings puts back, in words;
// a longer "heading" is a standfirst or a teaser's blurb set in heading
// type.
const headMax = 15

// addHeadings puts back the section headings the chosen body lost: a
// heading (h2-h6) of the page that sits directly above a paragraph the
// body holds, other than the body's first, heads that paragraph's
// section, and WCXB's truth keeps section headings. go-trafilatura drops
// headings it doubts (and, on pages where it finds no known container,
// every heading: see recover), readability those in blocks it scores
// low. A heading is not put back when it sits in a list item (a teaser
// card's title above its blurb), in a side element (an author box's or a
// related list's heading, see isSide) other than one wrapping most of
// the body (sideWide, which dropSide sets), when it is mostly link text
// beside other link text (a card's title), or is a teaser line
// (inlineJunk) or the title (dropTitle drops it). The paragraph below a
// heading is the next one with a word that is not in an unlinked aside
// (a caption between the heading and its text). The body is matched to
// the page by its paragraphs' text without white space: go-trafilatura
// drops spaces between inline elements. strict keeps round 11's rule
// (Options.StrictHeadings): no side element, no link heading, the very
// next paragraph, matched with its spaces.
func (o *outline) addHeadings(body []para, title string, strict bool) []para {
	if len(body) < 2 {
		return body
	}
	aside := o.inAside
	if strict {
		aside = func(s int32) bool { return s >= 0 }
	}
	// pos: each body paragraph's index by its text; -1 for a text the
	// body holds twice, which cannot say where a heading goes. loose: the
	// same by the text without white space, for a text pos misses; it is
	// built on every page that puts a heading back (a heading to put back
	// is one the body lacks), so it is keyed by a hash and copies no text.
	var pos map[string]int
	var loose spacelessIndex
	find := func(s string) (int, bool) {
		if at, ok := pos[s]; ok || strict {
			return at, ok
		}
		if loose.at == nil {
			loose = newSpacelessIndex(body)
		}
		return loose.find(s)
	}
	type insert struct {
		at   int
		text string
	}
	var ins []insert
	for i := 0; i+1 < len(o.paras); i++ {
		b := o.block[i]
		if b < 0 || !o.heading[b] || o.inItem[b] || aside(o.side[b]) || strict && o.linked[i] {
			continue
		}
		// The paragraph below: past spacers without a word (an empty
		// <p> holding a zero-width joiner, which the body holds under
		// every heading, so it cannot say where one goes) and past
		// unlinked asides (a figure's caption or credit between the
		// heading and its section's text, which dropSide took out of
		// the body; a linked one is a list of other posts the heading
		// names).
		j := i + 1
		for !strict && j+1 < len(o.paras) && o.skipBelow(j, b) {
			j++
		}
		if o.block[j] == b {
			// The heading's own second part, after a block nested in
			// it, not a paragraph below it.
			continue
		}
		if o.linked[i] && (o.linked[j] || o.linkedAbove(i)) {
			// A linked heading among links is a teaser card's title
			// (a row of cards, a card's kicker above it); between two
			// paragraphs of text it is a section's, linked to its own
			// anchor or to the page it names. The paragraph above is
			// the first with a word (linkedAbove).
			continue
		}
		if pos == nil {
			pos = make(map[string]int, len(body))
			for k, p := range body {
				if _, ok := pos[p.text]; ok {
					pos[p.text] = -1
					continue
				}
				pos[p.text] = k
			}
		}
		at, ok := find(collapseSpace(o.paras[j].text))
		if !ok || at <= 0 {
			continue
		}
		h, n := collapseCount(o.paras[i].text)
		if n == 0 || n > headMax || h == title || inlineJunk(h) {
			continue
		}
		if _, ok := find(h); ok {
			continue // the body has it already, above or elsewhere
		}
		ins = append(ins, insert{at, h})
	}
	if len(ins) == 0 {
		return body
	}
	// The page and the body mostly run in the same order, but not
	// always (readability moves blocks): insert in the body's order.
	slices.SortStableFunc(ins, func(a, b insert) int { return a.at - b.at })
	// A body paragraph that several headings of the page stand above
	// is a line the page repeats ("Buy now" under every product card),
	// not one section's start: none of them is put back.
	kept := ins[:0]
	for k := 0; k < len(ins); {
		e := k + 1
		for e < len(ins) && ins[e].at == ins[k].at {
			e++
		}
		if e == k+1 {
			kept = append(kept, ins[k])
		}
		k = e
	}
	if ins = kept; len(ins) == 0 {
		return body
	}
	out := make([]para, 0, len(body)+len(ins))
	k := 0
	for j, p := range body {
		// A paragraph has at most one insert above it (kept dropped the
		// rest), and no insert is a paragraph of the body (pos): no
		// repeat can arise.
		if k < len(ins) && ins[k].at == j {
			out = append(out, para{text: ins[k].text})
			k++
		}
		out = append(out, p)
	}
	return out
}

// skipBelow reports whether page paragraph j, below a heading in block
// b, is passed over in looking for the heading's first paragraph: a
// spacer without a word, or an unlinked paragraph of an aside (inAside)
// outside the heading.
func (o *outline) skipBelow(j int, b int32) bool {
	if wordCount(o.paras[j].text) == 0 {
		return true
	}
	c := o.block[j]
	return c >= 0 && c != b && !o.linked[j] && o.inAside(o.side[c])
}

// linkedAbove reports whether the page paragraph above heading i is
// linked, looking past spacers without a word as skipBelow looks past
// them below: a row of teaser cards may set an empty <p> between cards.
// Unlike skipBelow it does not look past asides: a linked heading below
// a caption is taken as a section's.
func (o *outline) linkedAbove(i int) bool {
	k := i - 1
	for k >= 0 && wordCount(o.paras[k].text) == 0 {
		k--
	}
	return k >= 0 && o.linked[k]
}

// inAside reports whether side element s (-1: none) or one around it is
// an aside rather than a wrapper around the article (sideWide).
func (o *outline) inAside(s int32) bool {
	for ; s >= 0; s = o.sideUp[s] {
		if o.sideWide == nil || !o.sideWide[s] {
			return true
		}
	}
	return false
}

// spacelessIndex finds a body paragraph by its text without white
// space: go-trafilatura drops the space between adjacent inline elements
// ("spaceyou're"), so a body paragraph and the page's paragraph it came
// from may differ in their spaces alone. It keys each paragraph by a hash
// of its non-space bytes rather than by a spaceless copy, and confirms a
// hit by comparing the texts, so that building it copies no text.
type spacelessIndex struct {
	body []para
	// at: the index of the body paragraph with each hash; -1 for a hash
	// that two paragraphs share (one text held twice, or, rarely, two
	// texts whose hashes collide), which find resolves by a scan.
	at map[uint64]int
}

func newSpacelessIndex(body []para) spacelessIndex {
	x := spacelessIndex{body: body, at: make(map[uint64]int, len(body))}
	for j, p := range body {
		h := spacelessHash(p.text)
		if _, ok := x.at[h]; ok {
			x.at[h] = -1
			continue
		}
		x.at[h] = j
	}
	return x
}

// find returns the index of the body paragraph equal to s but for white
// space, -1 if the body holds several, and whether it holds one.
func (x spacelessIndex) find(s string) (int, bool) {
	at, ok := x.at[spacelessHash(s)]
	switch {
	case !ok:
		return 0, false
	case at >= 0:
		return at, equalSpaceless(x.body[at].text, s)
	}
	found := false
	for j, p := range x.body {
		if !equalSpaceless(p.text, s) {
			continue
		}
		if found {
			return -1, true
		}
		at, found = j, true
	}
	return at, found
}

// spacelessHash returns a 64-bit FNV-1a hash of s's runes outside its
// white space (unicode.IsSpace). It hashes runes, not bytes, so that an
// invalid byte counts as utf8.RuneError, as it did in a spaceless copy
// made by strings.Map: equalSpaceless's equality, whose hits it keys.
func spacelessHash(s string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		for k := 0; k < 32; k += 8 {
			h = (h ^ uint64(byte(r>>k))) * fnvPrime
		}
	}
	return h
}

// equalSpaceless reports whether a and b hold the same runes outside
// their white space (unicode.IsSpace), an invalid byte read as
// utf8.RuneError, without copying either.
func equalSpaceless(a, b string) bool {
	i, j := 0, 0
	for {
		ra, na := nextNonSpace(a, &i)
		rb, nb := nextNonSpace(b, &j)
		if na == 0 || nb == 0 {
			return na == nb
		}
		if ra != rb {
			return false
		}
	}
}

// nextNonSpace returns the first rune of s at or after *i that is not
// white space (unicode.IsSpace) and its width, and moves *i past it; a
// width of 0 at the end of s.
func nextNonSpace(s string, i *int) (rune, int) {
	for *i < len(s) {
		r, n := utf8.DecodeRuneInString(s[*i:])
		*i += n
		if !unicode.IsSpace(r) {
			return r, n
		}
	}
	return 0, 0
}
