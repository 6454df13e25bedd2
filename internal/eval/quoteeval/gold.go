package quoteeval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Doc is one article of a PolNeAR-layout folder with its gold direct quotes.
type Doc struct {
	Name   string
	Text   string
	Quotes []GoldQuote
}

// GoldQuote is a gold direct quote: the quoted bytes of one Content
// annotation, and the Source of its attribution.
type GoldQuote struct {
	// Parts are the bytes of the Content span that lie inside quotation
	// marks, in text order, without the marks.
	Parts []news.Span
	// Source is the attribution's Source span; zero if it has none.
	Source news.Span
	// Referent is the text of the nearest named Source at or before this
	// one (see docs/voices-and-figures.md); empty if none.
	Referent string
	// Words is how many words the parts hold, for the secondary figure
	// over quotes of at least LongQuoteWords words.
	Words int
}

// LongQuoteWords is the fewest words of a quote in the secondary figures
// (the JSON key long_quotes). Issue 5 scores every gold direct quote, one
// word ("deplorables") or more, so the headline figures do; the secondary
// ones keep the earlier definition visible. They are not what the Voices
// section shows: Voices needs four words or more and a named speaker.
const LongQuoteWords = 3

// LoadDir reads a PolNeAR-layout folder: text/NAME.txt with
// attributions/NAME_ANNOTATOR.ann. When several annotators annotated one
// text, the annotation file whose name sorts first is used.
func LoadDir(dir string) ([]Doc, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("list texts in %q: %w", dir, err)
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no text/*.txt in %q", dir)
	}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("list annotations in %q: %w", dir, err)
	}
	sort.Strings(anns)
	annFor := map[string]string{}
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i]
		}
		if _, ok := annFor[base]; !ok {
			annFor[base] = a
		}
	}
	sort.Strings(texts)
	var docs []Doc
	for _, t := range texts {
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		a, ok := annFor[name]
		if !ok {
			continue
		}
		b, err := os.ReadFile(t)
		if err != nil {
			return nil, fmt.Errorf("read text: %w", err)
		}
		f, err := os.Open(a)
		if err != nil {
			return nil, fmt.Errorf("read annotations: %w", err)
		}
		d, err := ParseDoc(name, string(b), f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("parse %q: %w", a, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// ParseDoc builds a Doc from a text and its brat standoff annotations.
// PolNeAR offsets count characters (code points); they are converted to
// byte offsets here.
func ParseDoc(name, text string, ann io.Reader) (Doc, error) {
	byteAt := runeToByte(text)
	tbs := map[string]textBound{}
	// contents holds the Content argument and any further ones
	// (Content2, …): brat gives a Content that an attribution splits into
	// separate text-bound annotations that way, and they are one quote.
	type rel struct {
		contents []string
		source   string
	}
	var rels []rel
	sc := bufio.NewScanner(ann)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		switch {
		case strings.HasPrefix(f[0], "T"):
			kind, rest, ok := strings.Cut(f[1], " ")
			if !ok {
				continue
			}
			var spans []news.Span
			for _, frag := range strings.Split(rest, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
				if !ok {
					continue
				}
				x, err1 := strconv.Atoi(a)
				y, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || x < 0 || y < x || y >= len(byteAt) {
					return Doc{}, fmt.Errorf("bad span %q in %q", frag, line)
				}
				spans = append(spans, news.Span{Start: byteAt[x], End: byteAt[y]})
			}
			tbs[f[0]] = textBound{kind: kind, spans: spans}
		case strings.HasPrefix(f[0], "E"):
			var r rel
			for _, arg := range strings.Fields(f[1]) {
				role, id, _ := strings.Cut(arg, ":")
				switch {
				case role == "Content":
					r.contents = append([]string{id}, r.contents...)
				case strings.HasPrefix(role, "Content") && strings.Trim(role[len("Content"):], "0123456789") == "":
					r.contents = append(r.contents, id)
				case role == "Source":
					r.source = id
				}
			}
			if len(r.contents) > 0 {
				rels = append(rels, r)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return Doc{}, fmt.Errorf("read annotations of %s: %w", name, err)
	}
	segs := quotedSegments(text)
	d := Doc{Name: name, Text: text}
	// A Content shared by two attributions (two Sources for one
	// statement) is one quote in the text: counting it twice would ask
	// the extractor for two quotes it cannot tell apart.
	seen := map[string]bool{}
	for _, r := range rels {
		var spans []news.Span
		for _, id := range r.contents {
			if c, ok := tbs[id]; ok && c.kind == "Content" && !seen[id] {
				seen[id] = true
				spans = append(spans, c.spans...)
			}
		}
		var parts []news.Span
		for _, sp := range spans {
			for _, q := range segs {
				a, b := max(sp.Start, q.Start), min(sp.End, q.End)
				if a < b {
					if p, ok := trimSpan(text, news.Span{Start: a, End: b}); ok {
						parts = append(parts, p)
					}
				}
			}
		}
		if len(parts) == 0 {
			continue
		}
		sort.Slice(parts, func(i, j int) bool { return parts[i].Start < parts[j].Start })
		g := GoldQuote{Parts: parts, Words: wordCount(text, parts)}
		if s, ok := tbs[r.source]; ok && len(s.spans) > 0 {
			g.Source = news.Span{Start: s.spans[0].Start, End: s.spans[len(s.spans)-1].End}
		}
		d.Quotes = append(d.Quotes, g)
	}
	sort.Slice(d.Quotes, func(i, j int) bool { return d.Quotes[i].Parts[0].Start < d.Quotes[j].Parts[0].Start })
	resolveReferents(&d, sourceSpans(tbs))
	return d, nil
}

// wordCount counts the white-space separated words of parts; the
// extractor's predictions are counted the same way.
func wordCount(text string, parts []news.Span) int {
	n := 0
	for _, p := range parts {
		n += len(strings.Fields(p.Of(text)))
	}
	return n
}

// textBound is one brat text-bound annotation.
type textBound struct {
	kind  string
	spans []news.Span
}

// sourceSpans lists every Source span of a document in text order.
func sourceSpans(m map[string]textBound) []news.Span {
	var out []news.Span
	for _, v := range m {
		if v.kind == "Source" && len(v.spans) > 0 {
			out = append(out, news.Span{Start: v.spans[0].Start, End: v.spans[len(v.spans)-1].End})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// resolveReferents stands in for gold coreference, which PolNeAR does not
// give: a Source that names nobody ("he", "the spokeswoman") refers to the
// nearest earlier Source that does.
func resolveReferents(d *Doc, sources []news.Span) {
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Source.Len() == 0 {
			continue
		}
		if namesSomeone(q.Source.Of(d.Text)) {
			q.Referent = q.Source.Of(d.Text)
			continue
		}
		for j := len(sources) - 1; j >= 0; j-- {
			s := sources[j]
			if s.Start >= q.Source.Start {
				continue
			}
			if namesSomeone(s.Of(d.Text)) {
				q.Referent = s.Of(d.Text)
				break
			}
		}
	}
}

// namesSomeone reports whether a source phrase holds a capitalised word
// that is not a pronoun or article, i.e. probably a name.
func namesSomeone(s string) bool {
	return len(nameTokens(s)) > 0
}

var notNames = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true,
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"this": true, "that": true, "these": true, "those": true, "president": true, "according": true,
}

// nameTokens returns the lower-cased capitalised words of s that are not
// pronouns, articles, titles or single letters (the initials of "G.K.").
func nameTokens(s string) []string {
	var out []string
	for _, f := range words(s) {
		if w, ok := nameWord(f); ok {
			out = append(out, w)
		}
	}
	return out
}

// words splits s into words of letters, hyphens and apostrophes.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’'
	})
}

// nameWord returns f lower-cased without a possessive, and whether it is
// a name word: capitalised, longer than one letter, no pronoun, article
// or title.
func nameWord(f string) (string, bool) {
	r, _ := utf8.DecodeRuneInString(f)
	if !unicode.IsUpper(r) {
		return "", false
	}
	w := strings.ToLower(f)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if notNames[w] || titles[w] || utf8.RuneCountInString(w) < 2 {
		return "", false
	}
	return w, true
}

// headTokens returns the name words of the person a Source names, its
// head: in the first part between commas and brackets that has one
// ("Lee, a Clinton aide"; "Another critic, Laurence H. Tribe"), the name
// runs but one that only says whose the head is or where they work: a
// possessive ("NBC's Dante Chinni"), a modifier before a lower-case noun
// ("Trump campaign spokesman Jason Miller") or a name after "at", "for",
// "from" or "with" ("His partner at Lenox"). The last run stays when all
// would go ("Clinton’s", "the Trump campaign").
func headTokens(s string) []string {
	var fallback []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",()[]—", r) }) {
		h, last := partHead(part)
		if len(h) > 0 {
			return h
		}
		if fallback == nil {
			fallback = last
		}
	}
	return fallback
}

// partHead returns the head name words of one part of a Source, and its
// last run of names.
func partHead(s string) (head, last []string) {
	var runs [][]string
	var modifier []bool
	inRun, affiliation := false, false
	for _, f := range words(s) {
		w, ok := nameWord(f)
		r, _ := utf8.DecodeRuneInString(f)
		switch {
		case ok:
			if !inRun {
				runs = append(runs, nil)
				modifier = append(modifier, affiliation)
			}
			runs[len(runs)-1] = append(runs[len(runs)-1], w)
			inRun = true
			if strings.HasSuffix(f, "'s") || strings.HasSuffix(f, "’s") {
				modifier[len(modifier)-1] = true
				inRun = false
			}
		case unicode.IsUpper(r):
			// A title or article ("Mr.", "The") neither names nor ends a run.
		default:
			if inRun && !headConnectors[f] {
				modifier[len(modifier)-1] = true
			}
			inRun = false
			affiliation = affiliations[f]
		}
	}
	for i, r := range runs {
		if !modifier[i] {
			head = append(head, r...)
		}
	}
	if len(runs) > 0 {
		last = runs[len(runs)-1]
	}
	return head, last
}

// affiliations are words after which a name says where a person works,
// not who they are.
var affiliations = map[string]bool{"at": true, "for": true, "from": true, "with": true}

// headConnectors are lower-case words that can follow a person's name in
// a Source without making the name a modifier ("Ted Cruz of Texas",
// "Secretary of State John Kerry").
var headConnectors = map[string]bool{
	"of": true, "from": true, "and": true, "or": true, "in": true, "at": true, "for": true,
	"on": true, "himself": true, "herself": true, "who": true,
}

// quotedSegments finds the bytes between paired quotation marks, paragraph
// by paragraph: “…”, «…» and straight "…" pairs. A quotation left open at a
// paragraph's end closes there, as news style continues long quotes in the
// next paragraph with a fresh opening mark.
func quotedSegments(text string) []news.Span {
	var out []news.Span
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		out = append(out, paraSegments(text, start, end)...)
		start = end + 1
	}
	return out
}

func paraSegments(text string, a, b int) []news.Span {
	var out []news.Span
	open := -1
	var closer rune
	for i := a; i < b; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case open < 0 && (r == '“' || r == '«' || r == '"'):
			open, closer = i+n, map[rune]rune{'“': '”', '«': '»', '"': '"'}[r]
		case open >= 0 && (r == closer || closer == '"' && r == '”' || closer == '”' && r == '"'):
			out = append(out, news.Span{Start: open, End: i})
			open = -1
		case open >= 0 && r == '“' && closer == '”':
			// An unclosed quotation followed by a new one: restart.
			open = i + n
		}
		i += n
	}
	if open >= 0 && open < b {
		out = append(out, news.Span{Start: open, End: b})
	}
	return out
}

// trimSpan drops white space and punctuation other than what ends a word
// from both ends of sp, so that gold and predicted spans compare on words.
func trimSpan(text string, sp news.Span) (news.Span, bool) {
	a, b := sp.Start, sp.End
	for a < b {
		r, n := utf8.DecodeRuneInString(text[a:b])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(text[a:b])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		b -= n
	}
	return news.Span{Start: a, End: b}, b > a
}

// runeToByte maps each code-point offset of text (and len) to its byte
// offset.
func runeToByte(text string) []int {
	out := make([]int, 0, len(text)+1)
	for i := range text {
		out = append(out, i)
	}
	return append(out, len(text))
}
