package brief

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// unit is one candidate sentence: where it is, and the bag of content words
// that similarity is measured on.
type unit struct {
	doc   int       // index of the article in the slice given
	pos   int       // sentence index within its article
	nsent int       // sentences in its article
	span  news.Span // bytes in the article's Text
	text  string
	words int // word count, for the length budget
	vec   vec // tf-idf weights, unit length
	// cutsQuote marks a sentence that cuts a quotation (see quoteCuts):
	// the splitter cut a quote of several sentences, and shown alone the
	// sentence would open mid-quote with a closing mark and no opening
	// one, or open a quote and leave it open, its speaker unnamed.
	cutsQuote bool
}

// splitUnits cuts every article into sentences. Sentences are the only
// thing a summary may cite, so the span is kept exactly as text.Sentences
// gives it.
func splitUnits(articles []news.Article) []unit {
	var out []unit
	for d, a := range articles {
		spans := text.Sentences(a.Text)
		cuts := quoteCuts(a.Text, spans)
		for i, sp := range spans {
			s := sp.Of(a.Text)
			if s == "" {
				continue
			}
			out = append(out, unit{doc: d, pos: i, nsent: len(spans), span: sp, text: s, words: len(text.Words(s)), cutsQuote: cuts[i].any()})
		}
	}
	return out
}

// startsInQuote reports whether the sentence at sp of s starts inside a
// quotation; see quoteCuts.
func startsInQuote(s string, sp news.Span) bool {
	return quoteCuts(s, []news.Span{sp})[0].startsIn
}

// leavesQuoteOpen reports whether the sentence at sp of s opens a
// quotation that it does not close; see quoteCuts.
func leavesQuoteOpen(s string, sp news.Span) bool {
	return quoteCuts(s, []news.Span{sp})[0].leavesOpen
}

// quoteCut is how a sentence cuts a quotation, if it does.
type quoteCut struct {
	// startsIn: a quotation opened earlier in its paragraph is still open
	// where it starts, or it closes a quotation it never opened.
	startsIn bool
	// leavesOpen: it opens a quotation and does not close it. Whether a
	// later sentence closes it or none does (a typo, or text cut short),
	// the sentence shown alone leaves it open.
	leavesOpen bool
}

func (c quoteCut) any() bool { return c.startsIn || c.leavesOpen }

// quoteCuts reports, for each sentence at spans of s, whether it starts
// inside a quotation or leaves one open. Straight, curly, low (German „ “,
// Polish „ ”) and angle (« », German » «) double quotation marks count,
// and curly single ones (‘…’) where they read as quotation marks (see
// step); straight single ones do not, as they double as apostrophes.
//
// The paragraph is scanned once for all its sentences, so a long one-line
// text costs time in its length, not in its length times its sentences.
func quoteCuts(s string, spans []news.Span) []quoteCut {
	out := make([]quoteCut, len(spans))
	para := quoteState{closes: &singleCloses{}} // the paragraph's marks up to pos
	pos := 0
	advance := func(end int) {
		for pos < end {
			n, _ := para.step(s, pos)
			pos += n
		}
	}
	for k, sp := range spans {
		if sp.Start < pos {
			// Out of order (not as text.Sentences gives them): start over
			// from the paragraph.
			para.open, pos = para.open[:0], 0
		}
		// text.Sentences ends a sentence at every line break, and a
		// quotation that runs on into the next paragraph opens it with a
		// fresh mark, so the paragraph is the line.
		if nl := strings.LastIndexByte(s[pos:sp.Start], '\n'); nl >= 0 {
			para.open, pos = para.open[:0], pos+nl+1
		}
		advance(sp.Start)
		out[k].startsIn, out[k].leavesOpen = para.cuts(s, sp)
		advance(sp.End)
	}
	return out
}

// singleCloses finds whether a mark that may close a curly single
// quotation follows in the paragraph; it remembers the last answer, so a
// scan moving forward stays linear.
type singleCloses struct {
	from, at, end int // at: the next closing mark at or after from, -1 for none before end
	known         bool
}

// ahead reports whether a closing single mark follows from in its
// paragraph.
func (c *singleCloses) ahead(s string, from int) bool {
	if c.known && from >= c.from && (c.at >= 0 && from <= c.at || c.at < 0 && from <= c.end) {
		return c.at >= 0
	}
	c.known, c.from, c.at, c.end = true, from, -1, len(s)
	for i := from; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			c.end = i
			break
		}
		if (r == '’' || r == '\'') && closesSingle(s, i, n) {
			c.at = i
			break
		}
		i += n
	}
	return c.at >= 0
}

// closesSingle reports whether the single mark ’ or ' of n bytes at i of
// s may close a quotation: not an apostrophe within a word (it’s), not one
// of two standing for a double mark (’’), and not a plural's possessive
// (the dockers’ union).
func closesSingle(s string, i, n int) bool {
	if apostrophe(s, i, n) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, m := utf8.DecodeRuneInString(s[i+n:])
	if prev == '’' || prev == '\'' || next == '’' || next == '\'' {
		return false
	}
	if prev == 's' && next == ' ' {
		after, _ := utf8.DecodeRuneInString(s[i+n+m:])
		return !unicode.IsLower(after)
	}
	return true
}

// quoteState is the quotation marks left open by a scan, innermost last.
type quoteState struct {
	open []rune
	// closes finds the closing single marks ahead; nil for none found
	// yet.
	closes *singleCloses
}

// closesAhead reports whether a mark that may close a ‘ follows from in
// its paragraph.
func (q *quoteState) closesAhead(s string, from int) bool {
	if q.closes == nil {
		q.closes = &singleCloses{}
	}
	return q.closes.ahead(s, from)
}

// opensQuoteAt reports whether a mark at i of s stands where a quotation
// opens rather than where a word may: at the start of a paragraph or
// sentence, or after a colon or an opening double mark.
func opensQuoteAt(s string, i int) bool {
	t := strings.TrimRightFunc(s[:i], unicode.IsSpace)
	if t == "" || len(t) < i && strings.ContainsRune(s[len(t):i], '\n') {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?:“\"„«»", prev)
}

// top is the innermost open double mark: a double mark looks through
// single quotations open inside it (see step).
func (q *quoteState) top() rune {
	for i := len(q.open) - 1; i >= 0; i-- {
		if q.open[i] != '‘' {
			return q.open[i]
		}
	}
	return 0
}

// cuts reports whether the sentence at sp starts inside a quotation left
// open by q, or closes one inside it that it never opened; and whether it
// leaves open a quotation it opened.
func (q *quoteState) cuts(s string, sp news.Span) (startsIn, leavesOpen bool) {
	in := quoteState{closes: q.closes}
	if len(q.open) > 0 {
		r, n := utf8.DecodeRuneInString(s[sp.Start:])
		if !q.opensSentence(s, sp.Start, r, n) {
			return true, false
		}
		// A sentence that opens a quotation starts a new one: the one
		// before was left unclosed (a typo, or text cut short). So the
		// sentence is read from an empty state.
	}
	for i := sp.Start; i < sp.End; {
		n, stray := in.step(s, i)
		if stray {
			return true, false
		}
		i += n
	}
	return false, len(in.open) > 0
}

// opensSentence reports whether the mark r of n bytes at i, the first of
// a sentence, opens a new quotation (the open one left unclosed) rather
// than closing the open one or nesting in it. A quotation nests in one of
// the other kind of mark: ‘ in a double quotation, a double mark in ‘ (in
// British style), so only a mark of the innermost open one's kind starts
// anew.
func (q *quoteState) opensSentence(s string, i int, r rune, n int) bool {
	if q.open[len(q.open)-1] == '‘' {
		return r == '‘'
	}
	switch r {
	case '„', '"':
		return true
	case '“':
		return q.top() != '„'
	case '«':
		return q.top() != '»'
	case '»':
		return q.top() != '«' && opensMark(s, i, n)
	}
	return false
}

// step reads the character at i of s and returns its length; stray
// reports a closing mark that closes no open quotation.
func (q *quoteState) step(s string, i int) (n int, stray bool) {
	r, n := utf8.DecodeRuneInString(s[i:])
	top := q.top()
	switch r {
	case '‘':
		// Within a sentence (not at its start or after a colon), a ‘
		// that nothing later in its paragraph can close is an
		// apostrophe (sang ‘ere we go, the ‘Ndrangheta), as pop reads
		// one left open inside a double quotation: it must not hold
		// every later sentence of the paragraph inside it. One that
		// opens a sentence or follows a colon opens a quotation even so:
		// British style opens each paragraph of a quotation running on
		// with ‘ and closes only the last.
		if opensSingle(s, i, n) && (opensQuoteAt(s, i) || q.closesAhead(s, i+n)) {
			q.push(r)
		}
	case '’', '\'':
		if next, m := utf8.DecodeRuneInString(s[i+n:]); next == '’' || next == '\'' {
			// Two of them stand for a closing double mark
			// (organization,’’ Steyer told): it closes an open double
			// quotation, and is taken as no mark otherwise.
			if top == '“' || top == '„' || top == '"' || top == '”' {
				q.pop()
			}
			return n + m, false
		}
		// Closes an open ‘ unless it is an apostrophe (it’s); never
		// stray, as it mostly is one (the players’ union).
		if len(q.open) > 0 && q.open[len(q.open)-1] == '‘' && !apostrophe(s, i, n) {
			q.open = q.open[:len(q.open)-1]
		}
	case '„':
		q.push(r)
	case '“':
		// German and Czech close „ with “; everywhere else it opens.
		if top == '„' {
			q.pop()
		} else {
			q.push(r)
		}
	case '«':
		// German closes » with «.
		if top == '»' {
			q.pop()
		} else {
			q.push(r)
		}
	case '»':
		switch {
		case top == '«':
			q.pop()
		case top != '»' && opensMark(s, i, n):
			q.push(r) // German »…«, or one nested in „…“
		default:
			stray = true
		}
	case '”':
		// Curly and straight marks are mixed up often enough ("won,”
		// she said) that ” closes any of them; Swedish and Finnish open
		// with it too.
		switch {
		case top == '“' || top == '„' || top == '"' || top == '”':
			q.pop()
		case top == 0 && opensMark(s, i, n):
			q.push(r)
		default:
			stray = true
		}
	case '"', '″':
		// ″ (a double prime) stands in for a straight mark: “Tex″ Alles;
		// after a digit it is seconds of arc (40°26′46″N) or inches.
		if r == '″' && inches(s, i) {
			break
		}
		opens := opensAt(s, i, n)
		switch {
		case top == '"' || (top == '“' || top == '„') && !opens:
			q.pop()
		case opens:
			q.push('"')
		case inches(s, i):
		default:
			stray = true
		}
	}
	return n, stray
}

// push opens a quotation with r. No mark nests in itself (a quotation
// within one takes another kind or single marks), so a second opening mark
// means the first was left unclosed.
func (q *quoteState) push(r rune) {
	last := q.top()
	if r == '‘' && len(q.open) > 0 {
		last = q.open[len(q.open)-1]
	}
	if last != r {
		q.open = append(q.open, r)
	}
}

// pop closes the innermost open double mark, and with it any single
// quotation left open inside it (an unclosed ‘ is more likely a misused
// apostrophe than a quotation).
func (q *quoteState) pop() {
	for len(q.open) > 0 {
		r := q.open[len(q.open)-1]
		q.open = q.open[:len(q.open)-1]
		if r != '‘' {
			return
		}
	}
}

// opensSingle reports whether the curly single mark ‘ of n bytes at i of
// s opens a quotation: the start of the text, white space, an opening
// bracket, a dash or an opening double mark before it, and a letter after
// it. Before a digit it stands for left-out digits (‘90s), and before a
// clipped word (‘til, ‘em) for left-out letters.
func opensSingle(s string, i, n int) bool {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsSpace(prev) && !strings.ContainsRune("([{—–“\"„«»:", prev) {
			return false
		}
	}
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if !unicode.IsLetter(next) {
		return false
	}
	w := i + n
	for w < len(s) {
		r, m := utf8.DecodeRuneInString(s[w:])
		if !unicode.IsLetter(r) {
			break
		}
		w += m
	}
	return !clipped[strings.ToLower(s[i+n:w])]
}

// clipped are words whose front is left out and marked with an
// apostrophe, which typesetting often turns into ‘.
var clipped = map[string]bool{"til": true, "em": true, "cause": true, "cos": true, "tis": true, "twas": true, "bout": true, "n": true, "lil": true, "ndrangheta": true}

// apostrophe reports a single closing mark of n bytes at i of s between
// two letters: it’s, O’Neill.
func apostrophe(s string, i, n int) bool {
	if i == 0 || i+n >= len(s) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	return unicode.IsLetter(prev) && unicode.IsLetter(next)
}

// opensMark reports whether a mark that closes in English (», ”) reads as
// an opening one at i of s: the start of the text, white space or a colon
// before it, and a letter or digit right after it, as in German »Wir…« and
// Swedish ”Vi…”.
func opensMark(s string, i, n int) bool {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsSpace(prev) && prev != ':' {
			return false
		}
	}
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	return unicode.IsLetter(next) || unicode.IsDigit(next)
}

// opensAt reports whether the straight quotation mark of n bytes at i of s
// reads as an opening one: white space, the start of the text or an
// opening bracket before it, or a letter or digit right after it.
func opensAt(s string, i, n int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if unicode.IsSpace(prev) || strings.ContainsRune("([{—–", prev) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	return unicode.IsLetter(next) || unicode.IsDigit(next)
}

// inches reports a straight double mark right after a digit: 12" is
// twelve inches (or seconds), not the end of a quotation.
func inches(s string, i int) bool {
	return i > 0 && s[i-1] >= '0' && s[i-1] <= '9'
}

// contentWords returns the lower-cased words of s without stop words, with a
// light plural fold so "bomb" and "bombs" meet.
func contentWords(s string) []string {
	ws := text.Words(s)
	out := ws[:0]
	for _, w := range ws {
		if stopWords[w] || len(w) < 2 {
			continue
		}
		out = append(out, fold(w))
	}
	return out
}

// tfidf weighs words by how few of a story's articles use them. Document
// frequency counts articles, not sentences, so a word every outlet uses is
// not mistaken for a rare one, and a word one outlet repeats does not look
// central.
type tfidf struct {
	df   map[string]int
	docs float64 // articles with a sentence, plus one
}

func newTFIDF(units []unit) tfidf {
	df := map[string]int{}
	docs := map[int]map[string]bool{}
	for _, u := range units {
		if docs[u.doc] == nil {
			docs[u.doc] = map[string]bool{}
		}
		for _, w := range contentWords(u.text) {
			if !docs[u.doc][w] {
				docs[u.doc][w] = true
				df[w]++
			}
		}
	}
	return tfidf{df: df, docs: float64(len(docs)) + 1}
}

// vector is the unit-length tf-idf vector of s's content words.
func (t tfidf) vector(s string) vec {
	ws := contentWords(s)
	slices.Sort(ws)
	n := 0
	for i := range ws {
		if i == 0 || ws[i] != ws[i-1] {
			n++
		}
	}
	v := vec{terms: make([]string, 0, n), ws: make([]float64, 0, n)}
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j] == ws[i] {
			j++
		}
		tf := float64(j - i)
		v.terms = append(v.terms, ws[i])
		v.ws = append(v.ws, (1+math.Log(tf))*math.Log(1+t.docs/float64(t.df[ws[i]]+1)))
		i = j
	}
	v.normalize()
	return v
}

// vectorize fills in each unit's tf-idf vector and returns those of extra,
// weighed by the units' document frequencies.
func vectorize(units []unit, extra []string) []vec {
	t := newTFIDF(units)
	for i := range units {
		units[i].vec = t.vector(units[i].text)
	}
	out := make([]vec, len(extra))
	for i, s := range extra {
		out[i] = t.vector(s)
	}
	return out
}

// vec is a sparse vector: its terms in increasing order, with their
// weights. Every sum over it runs in term order, so a score comes out to
// the same bit on every run: summed in a map's (random) iteration order,
// floating-point rounding could differ in the last bit between runs and
// between two identical wire copies, and flip a ranking.
type vec struct {
	terms []string
	ws    []float64
}

// sortedVec is m as a vec.
func sortedVec(m map[string]float64) vec {
	v := vec{terms: make([]string, 0, len(m)), ws: make([]float64, len(m))}
	for w := range m {
		v.terms = append(v.terms, w)
	}
	slices.Sort(v.terms)
	for k, w := range v.terms {
		v.ws[k] = m[w]
	}
	return v
}

// normalize scales v to unit length; a zero vector stays zero.
func (v vec) normalize() {
	var n float64
	for _, x := range v.ws {
		n += x * x
	}
	n = math.Sqrt(n)
	if n == 0 {
		return
	}
	for k := range v.ws {
		v.ws[k] /= n
	}
}

// centroid is the normalised sum of vs; each term's weight is summed in
// the order of vs.
func centroid(vs ...vec) vec {
	sum := map[string]float64{}
	for _, v := range vs {
		for k, w := range v.terms {
			sum[w] += v.ws[k]
		}
	}
	c := sortedVec(sum)
	c.normalize()
	return c
}

// cosine is the dot product of two unit-length vectors.
func cosine(a, b vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i] == b.terms[j]:
			s += a.ws[i] * b.ws[j]
			i++
			j++
		case a.terms[i] < b.terms[j]:
			i++
		default:
			j++
		}
	}
	return s
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours yourself yourselves
said says say one two new also last year years told according mr mrs ms would could may might must shall
el la los las de del y en que un una por con para se su al lo como más pero sus le ya o este ha`) {
		m[w] = true
	}
	return m
}()

// sparseVec is a unit vector as term ids in increasing order with their
// weights: the all-pairs similarity loops run on it, as map look-ups
// there dominate the cost of a large story.
type sparseVec struct {
	ids []int32
	ws  []float64
}

// termIDs numbers the words of one story's vectors, so that their sparse
// forms share one id space. Words are numbered as the vectors come, each
// vector's new words in term order, so the numbering (and the order dot
// sums in) is the same on every run.
type termIDs map[string]int32

// sparse converts v, numbering words it has not seen yet.
func (ids termIDs) sparse(v vec) sparseVec {
	type tw struct {
		id int32
		w  float64
	}
	terms := make([]tw, 0, len(v.terms))
	for k, w := range v.terms {
		x := v.ws[k]
		id, ok := ids[w]
		if !ok {
			id = int32(len(ids))
			ids[w] = id
		}
		terms = append(terms, tw{id, x})
	}
	sort.Slice(terms, func(a, b int) bool { return terms[a].id < terms[b].id })
	out := sparseVec{ids: make([]int32, len(terms)), ws: make([]float64, len(terms))}
	for k, t := range terms {
		out.ids[k], out.ws[k] = t.id, t.w
	}
	return out
}

// dot is the cosine of two unit vectors.
func (a sparseVec) dot(b sparseVec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] == b.ids[j]:
			s += a.ws[i] * b.ws[j]
			i++
			j++
		case a.ids[i] < b.ids[j]:
			i++
		default:
			j++
		}
	}
	return s
}
