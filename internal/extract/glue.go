package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitGlued puts back the spaces go-trafilatura loses between inline
// elements and the text after them: it trims the text and the tail of
// every element, so "<strong>colors </strong>are" comes out as
// "colorsare", one word that the page never shows. A word of the body
// that is no word of the page (o) but splits into two words the page shows
// side by side is written as those two words. Styled parts of one word
// ("Silicon<span>ANGLE</span>") are a word of the page as well, and stay.
func (o *outline) splitGlued(body []para) []para {
	s := splitter{budget: glueBudget}
	for i, p := range body {
		if s.budget <= 0 {
			break
		}
		var cuts []int
		eachWord(p.text, func(start, end int, h uint64) {
			if end-start < 2 || end-start > gluedMax {
				return
			}
			if s.page.slots == nil {
				s.page = o.wordPairs()
			}
			if s.has(gramHash([]uint64{h})) || unspaced(p.text[start:end]) {
				return
			}
			for _, c := range s.cuts(p.text[start:end]) {
				cuts = append(cuts, start+c)
			}
		})
		if cuts == nil {
			continue
		}
		var b strings.Builder
		b.Grow(len(p.text) + len(cuts))
		last := 0
		for _, c := range cuts {
			b.WriteString(p.text[last:c])
			b.WriteByte(' ')
			last = c
		}
		b.WriteString(p.text[last:])
		body[i].text = b.String()
	}
	return body
}

// unspaced reports whether the word w is written in a script that puts no
// spaces between words, where a run glued across elements is as the page
// shows it, and splitting it would add spaces the script does not use.
func unspaced(w string) bool {
	for _, r := range w {
		if r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
			unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan) {
			return true
		}
	}
	return false
}

// joiners are the invisible characters a page can write inside one word
// (a soft hyphen, zero-width spaces and joiners): the page shows the word
// whole, so its parts side by side are no glued words.
const joiners = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

// wordPairs hashes every word of the page and every pair of words side by
// side in one paragraph (as gramHash of one and of two word hashes). A
// paragraph holding joiners adds its words read without them as well.
func (o *outline) wordPairs() gramTable {
	var all []uint64
	ends := make([]int, 0, len(o.paras))
	for _, p := range o.paras {
		all = appendWordHashes(all, p.text)
		ends = append(ends, len(all))
		if hasJoiner(p.text) {
			all = appendWordHashes(all, strings.Map(dropJoiner, p.text))
			ends = append(ends, len(all))
		}
	}
	g := newGramTable(2 * len(all))
	start := 0
	for _, end := range ends {
		for j := start; j < end; j++ {
			g.add(gramHash(all[j : j+1]))
			if j > start {
				g.add(gramHash(all[j-1 : j+1]))
			}
		}
		start = end
	}
	return g
}

// hasJoiner reports whether s holds one of joiners. It searches for each
// in turn: strings.ContainsAny decodes every rune of s, and wordPairs asks
// this of all the page's text.
func hasJoiner(s string) bool {
	for _, j := range joiners {
		if strings.ContainsRune(s, j) {
			return true
		}
	}
	return false
}

// dropJoiner is strings.Map's function that removes joiners.
func dropJoiner(r rune) rune {
	if strings.ContainsRune(joiners, r) {
		return -1
	}
	return r
}

// gluedMax is the longest word, in bytes, that splitGlued tries to split:
// glued words are a few words long, and the splits tried grow with the
// square of a word's length (a paragraph of Chinese is one word).
const gluedMax = 64

// glueBudget is the most lookups in the page's words that splitGlued makes
// for one page. A word costs up to the square of its length in runes; a
// page made to be slow holds many thousands of distinct such words, where
// an article has a few glued ones. Past it, words are left as they are.
const glueBudget = 1 << 18

// splitter splits the glued words of one page.
type splitter struct {
	page    gramTable        // see wordPairs
	budget  int              // lookups left
	lookups int              // lookups made, for the tests
	done    map[string][]int // cuts of the words already split or not
	// hash[i][j] is the hash of a word's runes i to j (see
	// appendWordHashes), allocated on the first word tried.
	hash *[gluedMax + 1][gluedMax + 1]uint64
}

// has looks h up in the page, or answers false once the budget is spent:
// a lookup that fails never splits a word wrongly.
func (s *splitter) has(h uint64) bool {
	if s.budget <= 0 {
		return false
	}
	s.budget--
	s.lookups++
	return s.page.has(h)
}

// cuts returns the byte offsets inside the word w (at most gluedMax bytes)
// at which it splits into two or three words, each pair of them side by
// side in the page, or nil. Three is the most one glued word holds
// ("Accenture via FutureLearn", the middle word a tail between two inline
// elements). Fewer pieces are preferred, then earlier cuts. A pair of the
// page implies both its words are of the page, so a middle piece is not
// looked up alone. Each piece's hash is computed once and each lookup made
// at most once: the cost grows with the square of w's length in runes.
func (s *splitter) cuts(w string) []int {
	if c, ok := s.done[w]; ok || s.budget <= 0 {
		return c
	}
	var at [gluedMax + 1]int // byte offset of each rune
	n := 0
	for i := range w {
		at[n] = i
		n++
	}
	at[n] = len(w)
	if s.hash == nil {
		s.hash = new([gluedMax + 1][gluedMax + 1]uint64)
	}
	var hashed [gluedMax + 1]bool
	// row hashes the pieces starting at rune i, on first need: most
	// words are settled by their first row and a few others.
	row := func(i int) {
		if hashed[i] {
			return
		}
		hashed[i] = true
		h := uint64(fnvOffset)
		for j := i; j < n; j++ {
			r, _ := utf8.DecodeRuneInString(w[at[j]:])
			h = hashRune(h, r)
			s.hash[i][j+1] = h
		}
	}
	pair := func(i, j, k int) bool {
		return s.has(gramHash([]uint64{s.hash[i][j], s.hash[j][k]}))
	}
	row(0)
	var heads []int // the cuts whose first piece is a word of the page
	var found []int
	for i := 1; i < n && found == nil; i++ {
		if !s.has(gramHash([]uint64{s.hash[0][i]})) {
			continue
		}
		heads = append(heads, i)
		row(i)
		if pair(0, i, n) {
			found = []int{at[i]}
		}
	}
	if found == nil && len(heads) > 0 {
		var tails [gluedMax + 1]bool // tails[j]: runes j to n are a word of the page
		for j := heads[0] + 1; j < n; j++ {
			row(j)
			tails[j] = s.has(gramHash([]uint64{s.hash[j][n]}))
		}
		for _, i := range heads {
			for j := i + 1; j < n && found == nil; j++ {
				if tails[j] && pair(0, i, j) && pair(i, j, n) {
					found = []int{at[i], at[j]}
				}
			}
			if found != nil {
				break
			}
		}
	}
	if s.done == nil {
		s.done = make(map[string][]int)
	}
	s.done[w] = found
	return found
}

// hashRune adds r, lower-cased, to the FNV-1a hash h: the one hash of a
// word's runes appendWordHashes, eachWord and splitter.cuts all build.
func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		c := byte(r)
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		return (h ^ uint64(c)) * fnvPrime
	}
	var buf [utf8.UTFMax]byte
	for _, c := range buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))] {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// eachWord calls f with the byte span and hash (see appendWordHashes) of
// every word of s.
func eachWord(s string, f func(start, end int, h uint64)) {
	h := uint64(fnvOffset)
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		word := false
		if r < utf8.RuneSelf {
			word = asciiWord[byte(r)]
		} else {
			word = unicode.IsLetter(r) || unicode.IsNumber(r)
		}
		if word {
			if start < 0 {
				start = i
			}
			h = hashRune(h, r)
		} else if start >= 0 {
			f(start, i, h)
			start, h = -1, fnvOffset
		}
		i += size
	}
	if start >= 0 {
		f(start, len(s), h)
	}
}
