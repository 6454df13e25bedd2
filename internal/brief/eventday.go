package brief

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// futureWords mark a clause that tells of what could be, not of what
// happened: "The company expects that talks could resume on Tuesday"
// reports a hope of the day it was written, whatever day it names.
var futureWords = map[string]bool{
	"would": true, "could": true, "might": true,
	"should": true, "must": true, "wo": true, // "wo n't"
	// Plans and the future ("will", "next Monday", "espera", "el próximo
	// lunes") are text.EnglishPlan's and text.SpanishPlan's (future).
}

// futureBefore marks words that make the next "to" a plan: "is due to",
// "is set to", "plans to", "is expected to", "is going to".
var futureBefore = map[string]bool{
	"due": true, "set": true, "plans": true, "plan": true, "planned": true,
	"expected": true, "going": true, "scheduled": true, "aims": true, "intends": true,
}

// relativeWords open a clause that describes something the sentence
// names, not what it reports: "In Lanmere, where the river flooded the
// district on Tuesday, the news was met with anger."
var relativeWords = map[string]bool{
	"where": true, "which": true, "who": true, "whose": true, "whom": true,
}

// token is a word (lower-cased) or one punctuation mark of a sentence.
type token struct {
	text       string
	start, end int
}

// tokens cuts s into words (letters and digits) and single punctuation
// marks; spaces are dropped. Apostrophes split words ("Monday's" is
// "monday", "'", "s"), as the tokenised text of some corpora already is.
func tokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				j += n2
			}
			out = append(out, token{strings.ToLower(s[i:j]), i, j})
			i = j
		case unicode.IsSpace(r):
			i += n
		default:
			out = append(out, token{s[i : i+n], i, i + n})
			i += n
		}
	}
	return out
}

// clauseBreak reports whether t ends a clause for reportsDay's purposes.
func clauseBreak(t string) bool {
	switch t {
	case ",", ";", ":", "(", ")", "—", "–":
		return true
	}
	return false
}

// reportsDay reports whether the sentence s tells of an event of the day
// it mentions at m (bytes of s), so that the mention, not the article's
// date, dates it. It does not when the mentioned day only qualifies a
// noun ("Monday's release of water"), when it sits in a relative clause
// describing something else ("…, where the river flooded the district on
// Tuesday, …"), or when the clause is about the future or what may be
// ("The inquiry will look at the decision to release water on Monday",
// "The vote is due to take place on Monday"): such a sentence reports
// something of its article's day. A mention that opens the sentence ("On
// Monday, the council will vote") is judged by the clause that follows.
func reportsDay(s string, m news.Span) bool {
	toks := tokens(s)
	first, last := -1, -1 // tokens of the mention
	for k, t := range toks {
		if t.start >= m.Start && t.end <= m.End {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return true
	}
	// "Monday's": the day qualifies a noun.
	if last+2 < len(toks) && isApostrophe(toks[last+1].text) && toks[last+2].text == "s" {
		return false
	}
	// The mention's clause, back to the last break before it.
	open := first
	for open > 0 && !clauseBreak(toks[open-1].text) {
		open--
	}
	if open > 0 && toks[open-1].text == "," && relativeWords[toks[open].text] {
		return false
	}
	// The mention's own words count: "el domingo próximo" is a plan.
	if future(s, toks, 0, last+1) {
		return false
	}
	// A fronted mention ("On Monday, …", "Yesterday the …"): the clause
	// after it carries the verb, up to a past one ("Yesterday the minister
	// said he will resign" reports what was said yesterday).
	if first-open <= 1 && open == 0 {
		end := last + 1
		if end < len(toks) && toks[end].text == "," {
			end++
		}
		stop := end
		for stop < min(len(toks), end+8) && !clauseBreak(toks[stop].text) && !pastVerb(toks[stop].text) {
			stop++
		}
		if future(s, toks, end, min(len(toks), stop+2)) {
			return false
		}
	}
	return true
}

// future reports whether the words toks[from:to] of s hold a future or
// modal marker; the words around them are read too where a marker needs
// its neighbour ("el domingo próximo").
func future(s string, toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		t := toks[k]
		if futureWords[t.text] {
			return true
		}
		// "may", not the month "May"; "won't", not "won".
		if s[t.start:t.end] == "may" || t.text == "won" && k+2 < to && isApostrophe(toks[k+1].text) && toks[k+2].text == "t" {
			return true
		}
		if futureBefore[t.text] && k+1 < to && toks[k+1].text == "to" {
			return true
		}
		// Plans ("next Monday", "espera", "prevé abrir el lunes", "a
		// partir del lunes", "el próximo lunes") and the future ("will",
		// "se celebrará"), read as internal/text reads them for dates.
		prev, next := "", ""
		if k > 0 {
			prev = text.Key(toks[k-1].text)
		}
		if k+1 < len(toks) {
			next = text.Key(toks[k+1].text)
		}
		if key := text.Key(t.text); text.SpanishPlan(key, t.text, prev, next) || text.EnglishPlan(key, next) {
			return true
		}
	}
	return false
}

func isApostrophe(t string) bool { return t == "'" || t == "’" }

// pastVerb reports whether the word w looks like a verb in the past: a
// regular one ("announced") or a common verb of reporting.
func pastVerb(w string) bool {
	switch w {
	case "said", "told", "met", "made", "took", "gave", "left", "won", "lost", "began":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed") && !futureBefore[w]
}
