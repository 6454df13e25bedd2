// Package text finds the units a briefing is built from in an article's
// stored text: sentences, words, named entities, quotes with their speakers,
// figures with units, and dates. Every result carries byte offsets into the
// text it was given, so callers can cite it exactly.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Words returns the lower-cased word tokens of s: maximal runs of letters,
// digits and underscores. It is the tokeniser the evaluation metrics use.
func Words(s string) []string {
	spans := WordSpans(s)
	if len(spans) == 0 {
		return nil
	}
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = strings.ToLower(s[sp.Start:sp.End])
	}
	return out
}

// Sentences splits s into sentences and returns their byte spans, trimmed of
// surrounding white space. Paragraph breaks always end a sentence.
func Sentences(s string) []news.Span {
	var out []news.Span
	emit := func(a, b int) {
		for a < b {
			r, n := utf8.DecodeRuneInString(s[a:])
			if !unicode.IsSpace(r) {
				break
			}
			a += n
		}
		for b > a {
			r, n := utf8.DecodeLastRuneInString(s[a:b])
			if !unicode.IsSpace(r) {
				break
			}
			b -= n
		}
		if b > a {
			out = append(out, news.Span{Start: a, End: b})
		}
	}
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			emit(start, i)
			start = i + n
			i += n
			continue
		}
		if r == '.' || r == '!' || r == '?' {
			j := i + n
			// Take closing quotes and brackets with the sentence. “ and «
			// close a quotation in German (»Ja.« Er ging.) but open one
			// in English and Spanish: right before a letter they open the
			// next sentence, its space lost (He left.“We will…,
			// Se fue.«¿Volverás?»).
			for j < len(s) {
				c, m := utf8.DecodeRuneInString(s[j:])
				if c == '“' || c == '«' {
					if next, _ := utf8.DecodeRuneInString(s[j+m:]); unicode.IsLetter(next) || unicode.IsDigit(next) || next == '¿' || next == '¡' {
						break
					}
				} else if !strings.ContainsRune("\"'”’)]»", c) && c != '.' && c != '!' && c != '?' {
					break
				}
				j += m
			}
			if j >= len(s) || boundaryAfter(s, i, j) {
				emit(start, j)
				start = j
				i = j
				continue
			}
		}
		i += n
	}
	emit(start, len(s))
	return out
}

// boundaryAfter decides whether the terminator at s[i] (with trailing
// punctuation up to j) ends a sentence: it must be followed by space, or an
// opening quotation mark with no space before it, then an upper-case
// letter, digit or opening quote, and not close an abbreviation.
func boundaryAfter(s string, i, j int) bool {
	c, m := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsSpace(c) && !opensNoSpace(s, j, c, m) {
		return false
	}
	k := j
	for k < len(s) {
		r, m := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsSpace(r) {
			break
		}
		k += m
	}
	if k >= len(s) {
		return true
	}
	next, n := utf8.DecodeRuneInString(s[k:])
	if next == '»' {
		// German opens with it (»Wir…«); French closes with it after a
		// space (« Il part. » Puis…).
		after, _ := utf8.DecodeRuneInString(s[k+n:])
		if !unicode.IsLetter(after) && !unicode.IsDigit(after) {
			return false
		}
	} else if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'“‘«„¿¡(", next)) {
		return false
	}
	// `"Why me?" Trump said.`: a quotation ending in its own stop, then
	// its attribution, is one sentence.
	if j > i+1 && strings.ContainsAny(s[i:j], "\"”»“«'’") && attributionFollows(s[k:]) {
		return false
	}
	if s[i] == '.' {
		w := i
		for w > 0 {
			r, m := utf8.DecodeLastRuneInString(s[:w])
			if !unicode.IsLetter(r) && r != '.' {
				break
			}
			w -= m
		}
		word := strings.ToLower(s[w:i])
		if abbreviations[word] {
			// A dotted acronym ends a sentence when a sentence opener
			// follows: "in the U.S. The next day".
			return strings.Contains(word, ".") && notStartNames[Key(firstWord(s[k:]))] && !strings.HasPrefix(word, "a.m") && !strings.HasPrefix(word, "p.m")
		}
		// A single capital letter is an initial: "John F. Kennedy".
		if utf8.RuneCountInString(word) == 1 {
			return false
		}
		// Dotted initials ("J.D. Salinger", "W.E.B. Du Bois") end a
		// sentence only where an acronym would: before a sentence opener.
		if dottedInitials(word) {
			return notStartNames[Key(firstWord(s[k:]))]
		}
	}
	return true
}

// opensNoSpace reports whether the mark c of n bytes at j, right after a
// sentence's stop with no space, opens the next sentence: “, « or „ before
// an upper-case letter, a digit or Spanish ¿ or ¡. Text extracted from
// pages loses the break between paragraphs that way (He left.“We will…).
func opensNoSpace(s string, j int, c rune, n int) bool {
	if c != '“' && c != '«' && c != '„' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[j+n:])
	return unicode.IsUpper(next) || unicode.IsDigit(next) || next == '¿' || next == '¡'
}

// attributionFollows reports whether s starts with a short name or
// pronoun phrase followed by a speech verb: "Trump said", "the aide told".
func attributionFollows(s string) bool {
	if len(s) > 80 {
		s = s[:80]
	}
	n := 0
	for _, f := range strings.Fields(s) {
		if n >= 5 {
			return false
		}
		w := strings.TrimRight(f, ",.;:!?")
		if speechVerbs[Key(w)] && !isCap(w) {
			return n > 0
		}
		k := Key(w)
		_, pron := pronounGender[k]
		if w != f || strings.ContainsAny(w, "\"“”«»") || !(isCap(w) || pron || isDeterminer(k) || roleNouns[k] || groupNouns[k]) {
			return false
		}
		n++
	}
	return false
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "gov": true, "sen": true, "rep": true, "col": true, "lt": true, "sgt": true, "capt": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "no": true, "vs": true, "etc": true, "u.s": true,
	"u.k": true, "u.n": true, "jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true,
	"sep": true, "oct": true, "nov": true, "dec": true, "sra": true, "srta": true, "ud": true, "uds": true,
	"a.m": true, "p.m": true, "e.g": true, "i.e": true, "approx": true, "dept": true, "est": true,
	"ee.uu": true, "d.c": true, "ave": true, "mt": true, "ft": true, "univ": true, "gob": true, "av": true, "dra": true, "lic": true, "ing": true,
	"rev": true, "hon": true, "del": true,
}

// dottedInitials reports whether word (lower-cased, its last stop cut) is
// single letters joined by stops: "j.d", "w.e.b".
func dottedInitials(word string) bool {
	n := 0
	for i, r := range word {
		if i%2 == 1 {
			if r != '.' {
				return false
			}
			continue
		}
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 2 && len(word)%2 == 1
}

// firstWord returns the leading run of letters of s.
func firstWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}
