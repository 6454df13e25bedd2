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
	var page gramTable // the page's words and pairs of words, read on first need
	for i, p := range body {
		var cuts []int
		eachWord(p.text, func(start, end int, h uint64) {
			if end-start < 2 || end-start > gluedMax {
				return
			}
			if page.slots == nil {
				page = o.wordPairs()
			}
			if page.has(gramHash([]uint64{h})) {
				return
			}
			for _, c := range splitCuts(p.text[start:end], page, gluedPieces) {
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

// wordPairs hashes every word of the page and every pair of words side by
// side in one paragraph (as gramHash of one and of two word hashes).
func (o *outline) wordPairs() gramTable {
	var all []uint64
	ends := make([]int, len(o.paras))
	for i, p := range o.paras {
		all = appendWordHashes(all, p.text)
		ends[i] = len(all)
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

// gluedMax is the longest word, in bytes, that splitGlued tries to split:
// glued words are a few words long, and the splits tried grow with the
// square of a word's length (a paragraph of Chinese is one word).
const gluedMax = 64

// gluedPieces is the most words one glued word is split into ("Accenture
// via FutureLearn", the middle word a tail between two inline elements).
const gluedPieces = 3

// splitCuts returns the byte offsets inside the word w at which it splits
// into at most pieces words, each pair of them side by side in the page,
// or nil.
func splitCuts(w string, page gramTable, pieces int) []int {
	head := uint64(fnvOffset)
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		head = hashRune(head, r)
		i += size
		if i >= len(w) {
			break
		}
		if !page.has(gramHash([]uint64{head})) {
			continue
		}
		if page.has(gramHash([]uint64{head, stringHash(w[i:])})) {
			return []int{i}
		}
		if pieces <= 2 {
			continue
		}
		rest := splitCuts(w[i:], page, pieces-1)
		if rest == nil || !page.has(gramHash([]uint64{head, stringHash(w[i : i+rest[0]])})) {
			continue
		}
		cuts := []int{i}
		for _, c := range rest {
			cuts = append(cuts, i+c)
		}
		return cuts
	}
	return nil
}

// stringHash is the hash of the word w (see appendWordHashes).
func stringHash(w string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range w {
		h = hashRune(h, r)
	}
	return h
}

// hashRune adds r, lower-cased, to the FNV-1a hash h as appendWordHashes
// does.
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
