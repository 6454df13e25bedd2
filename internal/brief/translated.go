package brief

import (
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// translationShare is how much of a foreign quote's machine-translated
// content words (their first five letters: "opened" and "open", "doors"
// and "door") another quote by the same speaker must hold for the two to
// be one remark in two languages. The glossary translator renders word by
// word ("Call to all the doors between the bridge and the factory of
// cerveza" for Oster's "We knocked on every door between the bridge and
// the brewery"), so far less than the near-duplicate share of two
// sentences in one language. On the demo corpus a foreign quote shares
// 0.17 to 0.88 with its English original, and up to 0.40 with another
// remark of the speaker, but every quote that high had its original in
// the story too, so none without one is left out (docs/briefing.md,
// Dogfood round 3).
const translationShare = 0.3

// minTranslationWords is the fewest content words a translated quote needs
// for its share to mean anything; one of two needs both found.
const minTranslationWords = 3

// quoteGlosses returns, for each of qs (the quotes of a), the machine
// translation of its words, read from the article's stored translation:
// "" for every quote when the article has none, and for a quote the
// translation cannot be aligned with. The translation keeps the
// article's paragraphs (after the title's), so a quote is found in its
// paragraph as the same run between quotation marks, counted from the
// paragraph's start; a paragraph whose translation holds another number
// of runs aligns nothing.
func quoteGlosses(a news.Article, qs []text.Quote) []string {
	out := make([]string, len(qs))
	tr := a.Translation.Text
	if tr == "" {
		return out
	}
	orig := paragraphSpans(a.Text)
	trParas := strings.Split(tr, "\n\n")
	switch len(trParas) {
	case len(orig) + 1:
		trParas = trParas[1:] // the title
	case len(orig):
	default:
		return out
	}
	// Each paragraph's runs, read once for all the quotes in it.
	runs := make([][]news.Span, len(orig))
	trRuns := make([][]news.Span, len(orig))
	read := make([]bool, len(orig))
	for i, q := range qs {
		var gloss []string
		for _, part := range q.Parts {
			p := paragraphOf(orig, part.Start)
			if p < 0 {
				gloss = nil
				break
			}
			if !read[p] {
				runs[p] = quotedRuns(a.Text, orig[p])
				trRuns[p] = quotedRuns(trParas[p], news.Span{End: len(trParas[p])})
				read[p] = true
			}
			k := runOf(runs[p], part)
			if k < 0 || len(runs[p]) != len(trRuns[p]) {
				gloss = nil
				break
			}
			gloss = append(gloss, trRuns[p][k].Of(trParas[p]))
		}
		out[i] = strings.Join(gloss, " ")
	}
	return out
}

// paragraphSpans cuts s at its blank lines.
func paragraphSpans(s string) []news.Span {
	var out []news.Span
	start := 0
	for {
		i := strings.Index(s[start:], "\n\n")
		if i < 0 {
			return append(out, news.Span{Start: start, End: len(s)})
		}
		out = append(out, news.Span{Start: start, End: start + i})
		start += i + 2
	}
}

// paragraphOf returns the index of the paragraph holding pos, or -1.
func paragraphOf(paras []news.Span, pos int) int {
	for i, p := range paras {
		if p.Start <= pos && pos < p.End {
			return i
		}
	}
	return -1
}

// runOf returns the index of the run holding part, or -1.
func runOf(runs []news.Span, part news.Span) int {
	for k, r := range runs {
		if r.Start <= part.Start && part.End <= r.End {
			return k
		}
	}
	return -1
}

// quotedRuns returns the runs of s within p that stand between a pair of
// quotation marks: “…”, «…», „…“ or straight "…", in order. It reads
// marks only, not who speaks, so that a translation, whose attributions
// the quote extractor may not parse, yields the same runs as its original.
func quotedRuns(s string, p news.Span) []news.Span {
	closers := map[rune]rune{'“': '”', '«': '»', '„': '“', '"': '"'}
	var out []news.Span
	body := s[p.Start:p.End]
	for i := 0; i < len(body); {
		r, n := utf8.DecodeRuneInString(body[i:])
		c, ok := closers[r]
		if !ok {
			i += n
			continue
		}
		j := strings.IndexRune(body[i+n:], c)
		if j < 0 {
			break
		}
		out = append(out, news.Span{Start: p.Start + i + n, End: p.Start + i + n + j})
		i += n + j + len(string(c))
	}
	return out
}

// remarkStems are a quote's content words keyed by their first five
// letters (stems), as sameRemark compares them.
func remarkStems(s string) map[string]bool { return stems(contentWords(s)) }

// sameRemark reports whether g, the stems (remarkStems) of a foreign
// quote's translated words, renders the quote whose stems are said:
// enough of g are among said, as a word-by-word translation often gets a
// word's first five letters right when the ending differs.
func sameRemark(g, said map[string]bool) bool {
	if len(g) < 2 {
		return false
	}
	shared := 0
	for w := range g {
		if said[w] {
			shared++
		}
	}
	if len(g) < minTranslationWords {
		// Two words say too little for a share: both must be there
		// ("I will be the mayor of who me voted" in "I will be the
		// mayor of those who voted for me").
		return shared == len(g)
	}
	return float64(shared) >= translationShare*float64(len(g))
}
