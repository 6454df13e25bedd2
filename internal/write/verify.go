package write

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/text"
)

// MinCoverage is the share of a draft's content words (stopwords left
// out, crudely stemmed) that must occur in the spans it cites. 0.8 lets a
// sentence add the odd connective a paraphrase needs ("after", "while")
// and re-inflect words, but not bring in a claim of its own: a clause of
// new content words in a 20-word sentence is already 4 or more of them.
const MinCoverage = 0.8

// negationWindow is how many words after a negator ("not", "never", "no",
// "-n't") it is taken to govern, up to the end of the clause.
const negationWindow = 3

// Rejection says why a draft was not published.
type Rejection struct {
	Reason string
}

func (r *Rejection) Error() string { return "unsupported: " + r.Reason }

func reject(format string, args ...any) error {
	return &Rejection{Reason: fmt.Sprintf(format, args...)}
}

// Verify reports whether draft d is supported by the sources it cites,
// and if not, why (a *Rejection). It is pure and deterministic. A draft is
// supported when
//
//   - it has text and cites at least one span, every one of them among
//     sources;
//   - every figure in it (text.Figures) has a figure of the same kind and
//     unit and the same value (text.SameValue) in a cited span, and every
//     other run of digits occurs as a number in a cited span;
//   - every name in it (text.Entities) occurs in a cited span;
//   - every quotation in it, in straight or curly marks, occurs verbatim
//     in one cited span;
//   - its negations agree with the cited spans: a content word it negates
//     is negated there too, and a word every cited use of which is
//     negated is not asserted plainly;
//   - at least MinCoverage of its content words occur in the cited spans.
func Verify(d Draft, sources []Source) error {
	draft := strings.TrimSpace(d.Text)
	if draft == "" {
		return reject("empty sentence")
	}
	if len(d.Cites) == 0 {
		return reject("cites no span")
	}
	byN := make(map[int]string, len(sources))
	for _, s := range sources {
		byN[s.N] = s.Text
	}
	var cited []string
	for _, n := range d.Cites {
		t, ok := byN[n]
		if !ok {
			return reject("cites span %d, which does not exist", n)
		}
		cited = append(cited, t)
	}
	support := strings.Join(cited, "\n")
	if err := checkQuotes(draft, cited); err != nil {
		return err
	}
	if err := checkNumbers(draft, support); err != nil {
		return err
	}
	if err := checkNames(draft, support); err != nil {
		return err
	}
	if err := checkNegation(draft, support); err != nil {
		return err
	}
	return checkCoverage(draft, support)
}

// quoteRE finds quotations in straight or curly double quotes,
// guillemets, or curly single quotes, which British outlets quote in. A
// curly single quotation ends at the first ’, which is also an apostrophe
// ("‘We won’t stop’" is read as "We won"): the part read must still be
// verbatim, and one wrongly read only drops the sentence. Straight single
// quotes are left out: as apostrophes they are everywhere.
var quoteRE = regexp.MustCompile(`"([^"]+)"|“([^”]+)”|«([^»]+)»|‘([^’]+)’`)

func checkQuotes(draft string, cited []string) error {
	for _, m := range quoteRE.FindAllStringSubmatch(draft, -1) {
		q := strings.TrimSpace(m[1] + m[2] + m[3] + m[4])
		// A quote's own closing comma or stop may move outside it.
		q = strings.TrimRight(q, ",.;:")
		if q == "" {
			continue
		}
		found := false
		for _, c := range cited {
			if strings.Contains(c, q) {
				found = true
				break
			}
		}
		if !found {
			return reject("quotation %q is not verbatim in a cited span", q)
		}
	}
	if n := strings.Count(draft, `"`); n%2 == 1 {
		return reject("unbalanced quotation mark")
	}
	if strings.Count(draft, "“") != strings.Count(draft, "”") {
		return reject("unbalanced quotation mark")
	}
	return nil
}

// digitRunRE finds numbers written in digits, with thousands separators
// and a decimal part.
var digitRunRE = regexp.MustCompile(`\d+(?:[.,]\d+)*`)

func checkNumbers(draft, support string) error {
	sf := text.Figures(support, "")
	covered := make([]bool, len(draft))
	for _, f := range text.Figures(draft, "") {
		ok := false
		for _, g := range sf {
			if f.Kind == g.Kind && f.Unit == g.Unit && text.SameValue(f.Figure, g.Figure) {
				ok = true
				break
			}
		}
		if !ok {
			return reject("figure %q is not in a cited span", f.Text)
		}
		for i := f.Span.Start; i < f.Span.End && i < len(covered); i++ {
			covered[i] = true
		}
	}
	have := map[string]bool{}
	for _, m := range digitRunRE.FindAllString(support, -1) {
		have[digits(m)] = true
	}
	for _, loc := range digitRunRE.FindAllStringIndex(draft, -1) {
		if covered[loc[0]] {
			continue // checked as a figure
		}
		if m := draft[loc[0]:loc[1]]; !have[digits(m)] {
			return reject("number %q is not in a cited span", m)
		}
	}
	return nil
}

// digits normalises a digit run: its thousands separators dropped, so
// that "1,200", "1.200" (Spanish) and "1200" are the same number, and a
// decimal separator kept as ".", so that "2,3" (Spanish) is "2.3" but
// neither is 23. A separator before exactly three digits is taken for a
// thousands separator; a trailing ".0" is dropped.
func digits(s string) string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ",0")
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '.' })
	if last := len(groups) - 1; last > 0 && len(groups[last]) != 3 {
		return strings.Join(groups[:last], "") + "." + groups[last]
	}
	return strings.Join(groups, "")
}

func checkNames(draft, support string) error {
	hay := " " + wordsKey(support) + " "
	for _, e := range text.Entities(draft) {
		k := wordsKey(e.Text)
		if k == "" {
			continue
		}
		if !strings.Contains(hay, " "+k+" ") {
			return reject("name %q is not in a cited span", e.Text)
		}
	}
	return nil
}

// wordsKey folds s with text.Key and reduces it to its words, single
// spaced, so that names match whatever punctuation surrounds them.
func wordsKey(s string) string {
	return strings.Join(tokens(text.Key(s)), " ")
}

// tokens splits s into lower-case words: letters and digits, with inner
// apostrophes kept ("didn't").
func tokens(s string) []string {
	s = strings.ReplaceAll(s, "’", "'")
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, "'")
		w = strings.TrimSuffix(w, "'s")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// negators are the words that negate what follows them, in the desk's
// languages: English and Spanish ("no" is both). Without the Spanish
// ones, "nunca reabrirá" passed as "reabrirá" does, its one new word
// within the coverage a paraphrase is allowed.
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "none": true, "nor": true, "neither": true,
	"nobody": true, "nothing": true, "without": true, "cannot": true,
	"nunca": true, "jamás": true, "jamas": true, "ni": true, "sin": true, "tampoco": true,
	"nadie": true, "nada": true, "ningún": true, "ningun": true, "ninguno": true, "ninguna": true,
}

func isNegator(w string) bool { return negators[w] || strings.HasSuffix(w, "n't") }

// clauses splits s at punctuation that ends a negation's reach.
func clauses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(".,;:!?()—–\n", r) })
}

// negationUse tallies, per content stem, its uses within negationWindow
// words after a negator and its plain uses, and names each stem by the
// first word it came from.
func negationUse(s string) (negated, plain map[string]int, word map[string]string) {
	negated, plain, word = map[string]int{}, map[string]int{}, map[string]string{}
	for _, cl := range clauses(s) {
		reach := 0
		for _, w := range tokens(cl) {
			if isNegator(w) {
				reach = negationWindow
				continue
			}
			if !isContent(w) {
				continue
			}
			st := stem(w)
			if _, ok := word[st]; !ok {
				word[st] = w
			}
			if reach > 0 {
				negated[st]++
				reach--
			} else {
				plain[st]++
			}
		}
	}
	return negated, plain, word
}

func checkNegation(draft, support string) error {
	dn, dp, word := negationUse(draft)
	sn, sp, _ := negationUse(support)
	// Walk the draft's words in order, so that the reason given is the
	// same on every run.
	for _, w := range tokens(draft) {
		if !isContent(w) {
			continue
		}
		st := stem(w)
		if dn[st] > 0 && sn[st] == 0 {
			return reject("negates %q, which the cited spans do not", word[st])
		}
		if dp[st] > 0 && sn[st] > 0 && sp[st] == 0 {
			return reject("asserts %q, which the cited spans negate", word[st])
		}
	}
	return nil
}

func checkCoverage(draft, support string) error {
	have := map[string]bool{}
	for _, w := range tokens(support) {
		have[stem(w)] = true
	}
	var n, hit int
	var missing []string
	for _, w := range tokens(draft) {
		if !isContent(w) {
			continue
		}
		n++
		if have[stem(w)] {
			hit++
		} else {
			missing = append(missing, w)
		}
	}
	if n == 0 {
		return reject("no content words")
	}
	if float64(hit) < MinCoverage*float64(n) {
		return reject("only %d of %d content words are in the cited spans (missing %s)", hit, n, strings.Join(missing, ", "))
	}
	return nil
}

// isContent reports whether w carries content: not a stopword, a
// negator or a number (numbers are checked on their own).
func isContent(w string) bool {
	if stopwords[w] || isNegator(w) {
		return false
	}
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// stem is a crude suffix stripper: enough to match "approved" with
// "approves", "talks" with "talk", not a linguist's stemmer.
func stem(w string) string {
	for _, suf := range []string{"ing", "ies", "ied", "ed", "es", "s", "ly"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// A silent final e comes and goes with the suffix: "approve",
	// "approved".
	if len(w) >= 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if then so of to in on at by for from with as into
		onto over under about after before than that this these those there here it its it's is are was
		were be been being am has have had having do does did will would shall should can could may
		might must he she they we you i him her them us me his hers their theirs our your my who whom
		whose which what when where why how also just very more most some any all each both other such
		only own same too said says say told according while during until since per up down out off
		again further once one`) {
		m[w] = true
	}
	return m
}()
