package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// isBlock reports the tags that start a new paragraph in the plain text.
// They include the tag names go-trafilatura rewrites its output to (head,
// list, item, quote...). Every element of a page is checked several times,
// so this is a switch, which the compiler turns into a binary search, not
// a map lookup, which hashes the name.
func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "head", "h1", "h2", "h3", "h4", "h5", "h6", "list", "item",
		"ul", "ol", "li", "quote", "blockquote", "pre", "code", "table", "row",
		"tr", "section", "article", "main", "figure", "figcaption", "dl", "dt",
		"dd", "header", "footer", "aside", "details", "summary", "address",
		"body", "html", "hr":
		return true
	}
	return false
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
	return render(n, nil)
}

// render renders n as paragraphs (see paragraphs) and, when o is not nil,
// records in it the block elements of n and which block each paragraph
// belongs to.
func render(n *html.Node, o *outline) []para {
	if n == nil {
		return nil
	}
	var paras []para
	// The text of all paragraphs goes into one buffer, each paragraph a
	// substring of it from start: a builder per paragraph would allocate
	// and regrow for each. Bytes a Builder has written never change, so
	// earlier substrings stay valid as it grows.
	var cur, link strings.Builder
	start, linkStart := 0, 0
	inLink := 0
	var open []int32     // the outline's block elements enclosing the walk
	curSide := int32(-1) // the outline's innermost side element enclosing the walk
	flush := func() {
		s := cur.String()[start:]
		start = cur.Len()
		ls := link.String()[linkStart:]
		linkStart = link.Len()
		if o != nil {
			// The outline keeps the text as it is: most of a page is
			// never output, so its whitespace is collapsed only if it is
			// (see outline.recoverChosen), and link shares are not needed.
			if strings.TrimSpace(s) != "" {
				paras = append(paras, para{text: s})
				b := int32(-1)
				if len(open) > 0 {
					b = open[len(open)-1]
				}
				o.block = append(o.block, b)
				o.linked = append(o.linked, 2*len(strings.TrimSpace(ls)) > len(strings.TrimSpace(s)))
			}
			return
		}
		s, w := collapseCount(s)
		if s != "" {
			p := para{text: s}
			if w > 0 {
				p.linkShare = float64(wordCount(ls)) / float64(w)
			}
			paras = append(paras, p)
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if n.Data != "" && skipSpace(n.Data, 0) == len(n.Data) {
				// Indentation between tags, often most of a page's
				// text bytes: one space reads the same to collapseSpace
				// and to the word counts, and is not copied and
				// scanned again.
				cur.WriteByte(' ')
				return
			}
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
		upSide := curSide
		if o != nil && n.Type == html.ElementNode && isSide(n) {
			o.sideHead = append(o.sideHead, n.Data == "header")
			o.sideUp = append(o.sideUp, curSide)
			curSide = int32(len(o.sideUp) - 1)
		}
		block := n.Type == html.ElementNode && isBlock(n.Data)
		if block {
			flush()
			if o != nil {
				parent := int32(-1)
				if len(open) > 0 {
					parent = open[len(open)-1]
				}
				open = append(open, o.add(parent, n.Data, curSide))
			}
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
		curSide = upSide
		if block {
			flush()
			if o != nil {
				o.close(open[len(open)-1])
				open = open[:len(open)-1]
			}
		}
	}
	walk(n)
	flush()
	return paras
}

// collapseSpace trims s and collapses each run of white space in it to one
// space, as strings.Join(strings.Fields(s), " ") does, in one pass.
func collapseSpace(s string) string {
	c, _ := collapseCount(s)
	return c
}

// collapseCount returns collapseSpace(s) and the number of words in it
// (see wordCount), from one pass over s. When the result is a substring
// of s (no run of white space inside it but single spaces), the substring
// is returned and nothing is copied: most text needs only trimming.
func collapseCount(s string) (string, int) {
	var sb strings.Builder // the result, once it is not a substring of s
	first, end := -1, 0    // the result is s[first:end] while sb is empty
	words := 0
	for i := 0; i < len(s); {
		i = skipSpace(s, i)
		if i == len(s) {
			break
		}
		j, n := fieldEnd(s, i)
		words += n
		switch {
		case first < 0:
			first, end = i, j
		case sb.Len() == 0 && i == end+1 && s[end] == ' ':
			end = j
		default:
			if sb.Len() == 0 {
				sb.Grow(len(s) - first)
				sb.WriteString(s[first:end])
			}
			sb.WriteByte(' ')
			sb.WriteString(s[i:j])
		}
		i = j
	}
	switch {
	case sb.Len() > 0:
		return sb.String(), words
	case first < 0:
		return "", 0
	}
	return s[first:end], words
}

// skipSpace returns the end of the run of white space that starts at s[i].
func skipSpace(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// fieldEnd returns the end of the run of runes other than white space that
// starts at s[i], and the number of words (see wordCount) in the run. A
// word never spans white space, so a text's words are those of its runs.
func fieldEnd(s string, i int) (end, words int) {
	inWord := false
	for i < len(s) {
		c := s[i]
		var w bool
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			w = asciiWord[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			w = unicode.IsLetter(r) || unicode.IsNumber(r)
			i += size
		}
		if w && !inWord {
			words++
		}
		inWord = w
	}
	return i, words
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

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

// wordCount counts the words of s as normWords would write them (runs of
// letters, digits and underscores), without building them. It reads every
// word of the page, so ASCII bytes are classed by table.
func wordCount(s string) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		var w bool
		if c < utf8.RuneSelf {
			w = asciiWord[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			w = unicode.IsLetter(r) || unicode.IsNumber(r)
			i += size
		}
		if w && !inWord {
			n++
		}
		inWord = w
	}
	return n
}

// asciiWord marks the ASCII bytes that are word characters: letters,
// digits and the underscore.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

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
	// readabilityInnerMin: readability holds text go-trafilatura dropped
	// from *inside* the article (between two paragraphs both bodies
	// have), amounting to at least this share of go-trafilatura's words,
	// and next to nothing outside that span (readabilityEdgeMax of its
	// own words): a table, list or section go-trafilatura threw away,
	// not a teaser or comment block before or after the article.
	readabilityInnerMin = 0.15
	readabilityEdgeMax  = 0.02
	// containedInnerMin: a smaller interior gain suffices when
	// readability's body holds all of go-trafilatura's but at most
	// containedOnlyMax of its words and adds nothing before or after
	// their shared paragraphs: readability's body is go-trafilatura's with
	// the dropped tables and lists put back, and every word it adds sits
	// inside the article. News pages, whose interior extras are captions
	// and inline teasers, rarely meet both conditions: without the
	// containment test a 10% interior gain cost Scrapinghub 0.0011.
	containedInnerMin = 0.08
	containedOnlyMax  = 0.02
	// fragmentMax: readability's tighter body under this share of
	// go-trafilatura's is one block of the article (a box, a summary),
	// not the article in a tighter container.
	fragmentMax = 0.1
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

// chosen is the body chooseBody picked, with the word hashes and gram set
// it built for those paragraphs, which outline.recoverChosen would
// otherwise build again (words nil or grams empty: not built).
type chosen struct {
	paras  []para
	choice string
	words  [][]uint64
	grams  gramTable
}

// chooseBody picks go-trafilatura's paragraphs (t) or readability's (r),
// keeping the words and gram set of the body it picks. Each paragraph
// counts as shared when its words occur in the other body; the words only
// one body has decide.
func chooseBody(t, r []para) chosen {
	if len(r) == 0 {
		return chosen{paras: t, choice: "trafilatura"}
	}
	if len(t) == 0 {
		return chosen{paras: r, choice: "readability"}
	}
	// Each paragraph is split into words once; both directions of the
	// comparison and the link-list filter reuse the words and gram sets.
	tw, rw := paraWords(t), paraWords(r)
	tg, rg := gramSet(tw), gramSet(rw)
	tOnly, _, tWords := exclusive(t, tw, rg)
	rOnly, rOnlyText, rWords := exclusive(r, rw, tg)
	tc := func(choice string) chosen { return chosen{paras: t, choice: choice, words: tw, grams: tg} }
	rc := func(choice string) chosen {
		ps, ws, dropped := dropLinkLists(r, rw, tg)
		c := chosen{paras: ps, choice: choice, words: ws}
		if !dropped {
			c.grams = rg
		}
		return c
	}
	if tWords == 0 {
		return chosen{paras: r, choice: "readability", words: rw, grams: rg}
	}
	if float64(tOnly) > trafilaturaExtraMin*float64(tWords) && float64(rOnly) < readabilityExtraMax*float64(rWords) {
		if leadingOnly(tw, rg) >= leadMin {
			return tc("trafilatura-earlier-start")
		}
		if float64(rWords) < fragmentMax*float64(tWords) {
			return tc("trafilatura-fragment")
		}
		return rc("readability-tighter")
	}
	if float64(rOnlyText) > readabilityGainMin*float64(tWords) {
		return rc("readability-more")
	}
	inner, edge := placeOnly(r, rw, tg)
	if float64(inner) > readabilityInnerMin*float64(tWords) && float64(edge) <= readabilityEdgeMax*float64(rWords) {
		return rc("readability-inner")
	}
	if float64(inner) > containedInnerMin*float64(tWords) && edge == 0 && float64(tOnly) <= containedOnlyMax*float64(tWords) {
		return rc("readability-contains")
	}
	return tc("trafilatura")
}

// placeOnly splits the words of the paragraphs of a (whose words are aw)
// that do not occur in the body whose gram set is grams by where they
// sit: inner counts those between a's first and last paragraph that does
// occur there, leaving out link-heavy paragraphs; edge counts all those
// before the first or after the last.
func placeOnly(a []para, aw [][]uint64, grams gramTable) (inner, edge int) {
	first, last := -1, -1
	occurs := make([]bool, len(a))
	for i, ws := range aw {
		if len(ws) > 0 && occursIn(ws, grams) {
			occurs[i] = true
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i, ws := range aw {
		switch {
		case occurs[i]:
		case i < first || i > last || first < 0:
			edge += len(ws)
		case a[i].linkShare < linkHeavy:
			inner += len(ws)
		}
	}
	return inner, edge
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
// set is tg) left out. rw holds the words of r's paragraphs; outW holds
// those of out's, and dropped says whether out is shorter than r.
func dropLinkLists(r []para, rw [][]uint64, tg gramTable) (out []para, outW [][]uint64, dropped bool) {
	out, outW = r[:0:0], rw[:0:0]
	for i, p := range r {
		if p.linkShare >= linkHeavy && !occursIn(rw[i], tg) {
			continue
		}
		out = append(out, p)
		outW = append(outW, rw[i])
	}
	return out, outW, len(out) < len(r)
}

// paraWords reduces each paragraph to the hashes of its lower-cased words
// (runs of letters, digits and underscores). Hashing while scanning spares
// building a normalised copy of every paragraph and splitting it again.
// The hashes of all paragraphs share one growing array (a paragraph's
// slice is capped, so appending to the array never writes into it), which
// spares an allocation and its regrowth per paragraph.
func paraWords(ps []para) [][]uint64 {
	out := make([][]uint64, len(ps))
	var all []uint64
	for i, p := range ps {
		start := len(all)
		all = appendWordHashes(all, p.text)
		out[i] = all[start:len(all):len(all)]
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
	return appendWordHashes(nil, s)
}

// appendWordHashes appends the wordHashes of s to out.
func appendWordHashes(out []uint64, s string) []uint64 {
	h := uint64(fnvOffset)
	inWord := false
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
			word = asciiWord[c]
			if word {
				h = (h ^ uint64(c)) * fnvPrime
			}
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			word = true
			h = hashRune(h, r)
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
		for i := range ws {
			// The runs starting at word i, hashed as gramHash does, each
			// extending the shorter one's hash.
			h := uint64(fnvOffset)
			for _, w := range ws[i:min(i+3, len(ws))] {
				h = (h ^ w) * fnvPrime
				h ^= h >> 31
				grams.add(h)
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

// outline is the whole page's text as paragraphs, with the block elements
// that hold them, kept apart from the parsed tree (which go-readability
// rearranges) so that a chosen body can be found in the page afterwards.
// Block elements are numbered in document order, so the blocks inside
// block b are those numbered b to end[b].
type outline struct {
	paras  []para
	block  []int32 // per paragraph: the innermost block element holding it
	parent []int32 // per block element: the enclosing one, or -1
	end    []int32 // per block element: the last block element inside it
	depth  []int32 // per block element: its number of enclosing blocks
	// item: per block element, whether it is a list item or a section
	// heading (li, dt, dd, h2-h6), the blocks go-trafilatura's wild-text
	// pass leaves out (see recoverChosen).
	item []bool
	// heading: per block element, whether it is a section heading (h2-h6),
	// and inItem whether a list item (li, dt, dd) encloses it (see
	// addHeadings).
	heading []bool
	inItem  []bool
	// linked: per paragraph, whether most of its text is link text.
	linked []bool
	// side: per block element, the innermost side element (isSide, block
	// or not) that is it or encloses it, or -1; sideUp: per side element,
	// the side element enclosing it, or -1; sideHead: per side element,
	// whether it is a <header> (see dropSide).
	side     []int32
	sideUp   []int32
	sideHead []bool
	// sideWide: per side element, whether it holds more than sideMax of
	// the chosen body's words, so is a wrapper around the article rather
	// than an aside (set by dropSide; nil until then).
	sideWide []bool
}

func (o *outline) add(parent int32, tag string, side int32) int32 {
	b := int32(len(o.parent))
	o.side = append(o.side, side)
	switch tag {
	case "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6":
		o.item = append(o.item, true)
	default:
		o.item = append(o.item, false)
	}
	isHead := false
	switch tag {
	case "h2", "h3", "h4", "h5", "h6":
		isHead = true
	}
	o.heading = append(o.heading, isHead)
	in := false
	d := int32(0)
	if parent >= 0 {
		d = o.depth[parent] + 1
		in = o.inItem[parent] || (o.item[parent] && !o.heading[parent])
	}
	o.inItem = append(o.inItem, in)
	o.parent = append(o.parent, parent)
	o.depth = append(o.depth, d)
	o.end = append(o.end, int32(len(o.end)))
	return b
}

func (o *outline) close(b int32) {
	o.end[b] = int32(len(o.parent) - 1)
}

// newOutline renders the page under root.
func newOutline(root *html.Node) *outline {
	o := &outline{}
	o.paras = render(root, o)
	return o
}

// Thresholds of the body's recovery from the page (outline.recoverChosen).
const (
	// holdShare: the block the body is measured against is the smallest
	// one holding this share of the body's words found in the page.
	holdShare = 0.9
	// recoverMax: a body under this share of that block's words may be
	// only some of its items...
	recoverMax = 0.5
	// edgeMax: ...when all but this share of the block's other words sit
	// between the body's first and last paragraphs in it.
	edgeMax = 0.01
	// itemsMax: a body under this share of its block's words is
	// completed from the block when all it lacks between its first and
	// last paragraphs is list items and headings (see recoverChosen).
	itemsMax = 0.95
)

// recoverChosen returns the whole block of the page that holds the chosen
// body c.paras when the body is only scattered parts of it, else the body
// unchanged. Both extractors can settle on some items of a grid or list
// of sections (one card of a row, the first entries of a guide) and lose
// the rest: then the block that holds the body has several times its
// words, and they sit between the body's own paragraphs, not before or
// after them as a teaser list, comment section or newsletter box would.
// It reuses the words and gram set chooseBody built for the body, when
// c has them, else hashes the paragraphs itself (the same hashes).
func (o *outline) recoverChosen(c chosen) []para {
	body := c.paras
	// Most bodies hold half the page's words or more: words are counted
	// first, and hashed only when the body may be scattered parts. The
	// body's words are those chooseBody hashed when it kept them (a hash
	// per word as wordCount counts them); the page's are counted only
	// until they are too many for the body to be nearly all of them.
	bodyW, pageW := 0, 0
	if c.words != nil {
		for _, ws := range c.words {
			bodyW += len(ws)
		}
	} else {
		for _, p := range body {
			bodyW += wordCount(p.text)
		}
	}
	for _, p := range o.paras {
		if pageW += wordCount(p.text); float64(bodyW) < itemsMax*float64(pageW) {
			break
		}
	}
	if bodyW == 0 || float64(bodyW) >= itemsMax*float64(pageW) {
		return body
	}
	bw, grams := c.words, c.grams
	if bw == nil {
		bw = paraWords(body)
	}
	if grams.slots == nil {
		grams = gramSet(bw)
	}
	pw := paraWords(o.paras)
	found := make([]bool, len(o.paras))
	held := make([]int, len(o.parent))
	foundW := 0
	for i, ws := range pw {
		if len(ws) == 0 || !occursIn(ws, grams) {
			continue
		}
		found[i] = true
		foundW += len(ws)
		for b := o.block[i]; b >= 0; b = o.parent[b] {
			held[b] += len(ws)
		}
	}
	best := int32(-1)
	for b, w := range held {
		if float64(w) >= holdShare*float64(foundW) && (best < 0 || o.depth[b] > o.depth[best]) {
			best = int32(b)
		}
	}
	if best < 0 {
		return body
	}
	in := func(i int) bool { return o.block[i] >= best && o.block[i] <= o.end[best] }
	first, last := -1, -1
	blockW := 0
	for i, ws := range pw {
		if !in(i) {
			continue
		}
		blockW += len(ws)
		if found[i] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if float64(bodyW) >= itemsMax*float64(blockW) {
		return body
	}
	// edge: the words of the block before the body's first paragraph or
	// after its last; trail: those of them that are list items or
	// headings after the last; lost: the words between them that the
	// body lacks, and items whether all of those are list items or
	// headings.
	edge, trail, lost := 0, 0, 0
	items := true
	var out []para
	for i, ws := range pw {
		if !in(i) {
			continue
		}
		if !found[i] && len(ws) > 0 {
			item := o.block[i] >= 0 && o.item[o.block[i]] && !o.linked[i]
			switch {
			case i > first && i < last:
				lost += len(ws)
				items = items && item
			case i > last && item:
				trail += len(ws)
			default:
				edge += len(ws)
			}
		}
		if len(ws) > 0 {
			out = append(out, para{text: collapseSpace(o.paras[i].text)})
		}
	}
	if float64(edge) > edgeMax*float64(blockW) {
		return body
	}
	// go-trafilatura, finding no container it knows, gathers a page's
	// paragraphs, quotes, code and tables and leaves out its lists and
	// headings: a body that lacks only those between its own paragraphs
	// is that pass's output, and the block is the article, lists after
	// its last paragraph included.
	if items && lost > 0 {
		return out
	}
	if float64(bodyW) >= recoverMax*float64(blockW) || float64(edge+trail) > edgeMax*float64(blockW) {
		return body
	}
	return out
}

// Thresholds of dropRepeats.
const (
	// repeatMin: a repeated run of paragraphs is dropped when it holds at
	// least this share of the body's words...
	repeatMin = 0.1
	// repeatMinWords: ...and at least this many words.
	repeatMinWords = 100
)

// dropRepeats removes a run of paragraphs that repeats, paragraph for
// paragraph and in order, a run earlier in the body, when the run is a
// large part of the body: the page renders the article more than once
// (one copy per screen size, all but one hidden by style sheets). Shorter
// repeats stay: a pull quote or a standfirst repeated in the text, or the
// same line in each section of a menu or schedule, belong to the article.
func dropRepeats(paras []para) []para {
	// Copies render the same elements, so their paragraphs are equal as
	// text; the body's words are counted only once a repeated run is long
	// enough to matter.
	first := make(map[string]int, len(paras))
	total := -1
	var out []para
	for i := 0; i < len(paras); {
		j, ok := first[paras[i].text]
		if !ok {
			first[paras[i].text] = i
		} else {
			n, w := 0, 0
			for i+n < len(paras) && j+n < i && paras[i+n].text == paras[j+n].text {
				w += wordCount(paras[i+n].text)
				n++
			}
			if w >= repeatMinWords && total < 0 {
				total = 0
				for _, p := range paras {
					total += wordCount(p.text)
				}
			}
			if w >= repeatMinWords && float64(w) >= repeatMin*float64(total) {
				i += n
				continue
			}
		}
		out = append(out, paras[i])
		i++
	}
	return out
}
