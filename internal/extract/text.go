package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// blockTags start a new paragraph in the plain text. They include the tag
// names go-trafilatura rewrites its output to (head, list, item, quote...).
var blockTags = map[string]bool{
	"p": true, "div": true, "head": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "list": true, "item": true, "ul": true,
	"ol": true, "li": true, "quote": true, "blockquote": true, "pre": true,
	"code": true, "table": true, "row": true, "tr": true, "section": true,
	"article": true, "main": true, "figure": true, "figcaption": true,
	"dl": true, "dt": true, "dd": true, "header": true, "footer": true,
	"aside": true, "details": true, "summary": true, "address": true,
	"body": true, "html": true, "hr": true,
}

// para is one paragraph of plain text and the share of its words that
// sit inside links.
type para struct {
	text      string
	linkShare float64
}

func texts(ps []para) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

// paragraphs renders a content tree as plain-text paragraphs: one per
// block, whitespace collapsed.
func paragraphs(n *html.Node) []para {
	if n == nil {
		return nil
	}
	var paras []para
	var cur, link strings.Builder
	inLink := 0
	flush := func() {
		s := collapseSpace(cur.String())
		if s != "" {
			p := para{text: s}
			if w := wordCount(s); w > 0 {
				p.linkShare = float64(wordCount(link.String())) / float64(w)
			}
			paras = append(paras, p)
		}
		cur.Reset()
		link.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			if inLink > 0 {
				link.WriteString(n.Data)
				link.WriteByte(' ')
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "button", "select", "option":
				return
			case "br", "lb":
				cur.WriteByte(' ')
				return
			case "td", "th", "cell":
				cur.WriteByte(' ')
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		isLink := n.Type == html.ElementNode && (n.Data == "a" || n.Data == "ref")
		if isLink {
			inLink++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isLink {
			inLink--
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return paras
}

// collapseSpace trims s and collapses each run of white space in it to one
// space, as strings.Join(strings.Fields(s), " ") does, in one pass.
func collapseSpace(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// normWords is a paragraph reduced to lower-case words joined by single
// spaces, so that two extractors' renderings of one block compare equal.
func normWords(s string) string {
	var sb strings.Builder
	inWord := false
	for _, r := range s {
		if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
			if !inWord && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteRune(unicode.ToLower(r))
			inWord = true
		} else {
			inWord = false
		}
	}
	return sb.String()
}

func wordCount(s string) int {
	n := 0
	inWord := false
	for _, r := range s {
		w := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		if w && !inWord {
			n++
		}
		inWord = w
	}
	return n
}

// Thresholds of the body choice, as fractions of a body's words. They were
// set on the WCXB development set and checked on the Scrapinghub set.
const (
	// trafilaturaExtraMin: go-trafilatura's body has at least this share
	// of words that readability left out...
	trafilaturaExtraMin = 0.02
	// readabilityExtraMax: ...while readability adds at most this share of
	// its own: readability's container is the tighter one.
	readabilityExtraMax = 0.05
	// readabilityGainMin: readability holds text go-trafilatura dropped,
	// amounting to at least this share of go-trafilatura's words: a block
	// of body text the precise extractor threw away.
	readabilityGainMin = 0.5
)

// leadMin is the number of words go-trafilatura's body may have before its
// first paragraph that readability also has, for readability's tighter
// body to be kept. A longer lead means readability settled on one section
// of the article (guides and reviews split into sections) and lost the
// text above it; shorter leads are the headline, standfirst and byline
// lines that readability rightly leaves out. Set on WCXB-dev's even half.
const leadMin = 80

// linkHeavy is the share of a paragraph's words in links above which it
// counts as navigation, not text, when readability's extra text is weighed.
const linkHeavy = 0.5

// choose picks go-trafilatura's paragraphs (t) or readability's (r). Each
// paragraph counts as shared when its words occur in the other body; the
// words only one body has decide.
func choose(t, r []para) ([]para, string) {
	if len(r) == 0 {
		return t, "trafilatura"
	}
	if len(t) == 0 {
		return r, "readability"
	}
	// Each paragraph is split into words once; both directions of the
	// comparison and the link-list filter reuse the words and gram sets.
	tw, rw := paraWords(t), paraWords(r)
	tg, rg := gramSet(tw), gramSet(rw)
	tOnly, _, tWords := exclusive(t, tw, rg)
	rOnly, rOnlyText, rWords := exclusive(r, rw, tg)
	if tWords == 0 {
		return r, "readability"
	}
	if float64(tOnly) > trafilaturaExtraMin*float64(tWords) && float64(rOnly) < readabilityExtraMax*float64(rWords) {
		if leadingOnly(tw, rg) >= leadMin {
			return t, "trafilatura-earlier-start"
		}
		return dropLinkLists(r, rw, tg), "readability-tighter"
	}
	if float64(rOnlyText) > readabilityGainMin*float64(tWords) {
		return dropLinkLists(r, rw, tg), "readability-more"
	}
	return t, "trafilatura"
}

// leadingOnly counts the words of the paragraphs (whose words are aw) that
// come before the first one that occurs in the body whose gram set is
// grams.
func leadingOnly(aw [][]uint64, grams gramTable) int {
	n := 0
	for _, ws := range aw {
		if len(ws) > 0 && occursIn(ws, grams) {
			break
		}
		n += len(ws)
	}
	return n
}

// dropLinkLists removes from readability's body the link-heavy paragraphs
// ("Read more: …", related-article lists) that go-trafilatura (whose gram
// set is tg) left out. rw holds the words of r's paragraphs.
func dropLinkLists(r []para, rw [][]uint64, tg gramTable) []para {
	out := r[:0:0]
	for i, p := range r {
		if p.linkShare >= linkHeavy && !occursIn(rw[i], tg) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// paraWords reduces each paragraph to the hashes of its lower-cased words
// (runs of letters, digits and underscores). Hashing while scanning spares
// building a normalised copy of every paragraph and splitting it again.
func paraWords(ps []para) [][]uint64 {
	out := make([][]uint64, len(ps))
	for i, p := range ps {
		out[i] = wordHashes(p.text)
	}
	return out
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHashes is FNV-1a over each lower-cased word of s, as normWords would
// write it.
func wordHashes(s string) []uint64 {
	var out []uint64
	h := uint64(fnvOffset)
	inWord := false
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		var word bool
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			word = c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
			if word {
				h = (h ^ uint64(c)) * fnvPrime
			}
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			word = true
			for _, c := range buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))] {
				h = (h ^ uint64(c)) * fnvPrime
			}
		}
		if !word && inWord {
			out = append(out, h)
			h = fnvOffset
		}
		inWord = word
	}
	if inWord {
		out = append(out, h)
	}
	return out
}

// exclusive counts the words of paragraphs in a (whose words are aw) that
// do not occur in the body whose gram set is grams (only; onlyText leaves
// out link-heavy paragraphs), and all words of a.
// A paragraph occurs in the other body when every run of three
// consecutive words in it (or, for shorter paragraphs, its words) also
// occurs there: the two extractors cut paragraphs differently, so
// whole-paragraph equality would miss most matches, and hashing word runs
// keeps the test linear in the text's length.
func exclusive(a []para, aw [][]uint64, grams gramTable) (only, onlyText, total int) {
	for i, p := range a {
		ws := aw[i]
		total += len(ws)
		if len(ws) == 0 {
			continue
		}
		if !occursIn(ws, grams) {
			only += len(ws)
			if p.linkShare < linkHeavy {
				onlyText += len(ws)
			}
		}
	}
	return only, onlyText, total
}

// gramSet hashes every run of one to three words of the paragraphs.
func gramSet(pw [][]uint64) gramTable {
	n := 0
	for _, ws := range pw {
		n += len(ws)
	}
	grams := newGramTable(3 * n)
	for _, ws := range pw {
		for n := 1; n <= 3; n++ {
			for i := 0; i+n <= len(ws); i++ {
				grams.add(gramHash(ws[i : i+n]))
			}
		}
	}
	return grams
}

// gramTable is a set of word-run hashes: an open-addressing table with
// linear probing, several times faster to fill than a Go map, which
// matters because every word of both bodies is inserted three times.
// Zero marks an empty slot, so a zero hash is stored as one.
type gramTable struct {
	slots []uint64
	mask  uint64
}

// newGramTable returns a table for up to n hashes, at most half full.
func newGramTable(n int) gramTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return gramTable{slots: make([]uint64, size), mask: uint64(size - 1)}
}

func (g gramTable) add(h uint64) {
	h = max(h, 1)
	for i := h & g.mask; ; i = (i + 1) & g.mask {
		switch g.slots[i] {
		case h:
			return
		case 0:
			g.slots[i] = h
			return
		}
	}
}

func (g gramTable) has(h uint64) bool {
	h = max(h, 1)
	for i := h & g.mask; ; i = (i + 1) & g.mask {
		switch g.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// occursIn reports whether every run of three of the words ws (or all of
// them, if fewer) is in grams.
func occursIn(ws []uint64, grams gramTable) bool {
	n := min(3, len(ws))
	for i := 0; i+n <= len(ws); i++ {
		if !grams.has(gramHash(ws[i : i+n])) {
			return false
		}
	}
	return true
}

// gramHash combines the hashes of a run of words (order matters).
func gramHash(ws []uint64) uint64 {
	h := uint64(fnvOffset)
	for _, w := range ws {
		h = (h ^ w) * fnvPrime
		h ^= h >> 31
	}
	return h
}

// dropTitle removes the headline from the start of the body: it is the
// Result's Title, and a body that repeats it would put it twice in a
// briefing's sources.
func dropTitle(paras []para, title string) []para {
	nt := normWords(title)
	if nt == "" {
		return paras
	}
	for i := 0; i < len(paras) && i < 3; i++ {
		if normWords(paras[i].text) == nt {
			return append(paras[:i:i], paras[i+1:]...)
		}
	}
	return paras
}
