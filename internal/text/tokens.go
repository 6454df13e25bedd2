package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Key folds s for matching: lower case, accents removed, runs of
// white space collapsed, a trailing possessive dropped. "María López’s"
// and "maria lopez" have the same key.
func Key(s string) string {
	s = strings.TrimSpace(s)
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	if isPlainASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// isPlainASCII reports whether s is ASCII without white space, so Key
// needs no accent folding or space collapsing.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c <= ' ' {
			return false
		}
	}
	return true
}

// token is a word or a punctuation mark of a text, with its byte span.
type token struct {
	start, end int
	word       bool // letters or digits, not punctuation
	initial    bool // first word of its sentence, or just after an opening quote
}

func (t token) text(s string) string { return s[t.start:t.end] }

// tokenize splits s into words and punctuation marks. A word may hold
// inner apostrophes, hyphens and periods ("O’Malley", "U.S."), and keeps a
// final period when it is an initial or an abbreviation with inner periods.
func tokenize(s string) []token {
	var out []token
	sents := Sentences(s)
	si := 0
	sentFirst := true
	for i := 0; i < len(s); {
		for si < len(sents) && sents[si].End <= i {
			si++
			sentFirst = true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !isWordRune(r) {
			out = append(out, token{start: i, end: i + n})
			i += n
			continue
		}
		j := i + n
		dots := false
		for j < len(s) {
			c, m := utf8.DecodeRuneInString(s[j:])
			if isWordRune(c) {
				j += m
				continue
			}
			if c == '\'' || c == '’' || c == '-' || c == '.' || c == '‑' {
				d, _ := utf8.DecodeRuneInString(s[j+m:])
				// An inner period joins initials ("U.S.", "EE.UU."), not
				// two words missing a space ("said.Trump").
				if c == '.' && j-lastDot(s, i, j) > 2 {
					break
				}
				if j+m < len(s) && isWordRune(d) {
					dots = dots || c == '.'
					j += m
					continue
				}
			}
			break
		}
		if j < len(s) && s[j] == '.' {
			first, _ := utf8.DecodeRuneInString(s[i:])
			if dots || (j-i == utf8.RuneLen(first) && unicode.IsUpper(first)) || (unicode.IsUpper(first) && capitalAbbreviation(s[i:j])) {
				j++
			}
		}
		t := token{start: i, end: j, word: true}
		if sentFirst {
			t.initial = true
			sentFirst = false
		} else if len(out) > 0 {
			p := out[len(out)-1]
			if !p.word && strings.ContainsRune("\"“«‘(¿¡—–-:", []rune(s[p.start:p.end])[0]) {
				t.initial = true
			}
		}
		out = append(out, t)
		i = j
	}
	markTitleCase(s, out, sents)
	return out
}

// titleConnectors stay lower case in English title case.
var titleConnectors = map[string]bool{"a": true, "an": true, "in": true, "to": true, "at": true, "by": true, "or": true, "as": true, "with": true, "from": true}

// markTitleCase treats every word of a title-cased sentence (a headline:
// "Ben Carson Defends Himself Against Claims") as sentence-initial, as its
// capitals say nothing about names.
func markTitleCase(s string, toks []token, sents []news.Span) {
	k := 0
	for _, sp := range sents {
		for k < len(toks) && toks[k].start < sp.Start {
			k++
		}
		a := k
		words, lower := 0, 0
		for k < len(toks) && toks[k].start < sp.End {
			if toks[k].word && !isDigitByte(s[toks[k].start]) && !nameConnectors[Key(toks[k].text(s))] && !titleConnectors[Key(toks[k].text(s))] {
				words++
				if !isCap(toks[k].text(s)) {
					lower++
				}
			}
			k++
		}
		if words >= 4 && lower == 0 {
			for x := a; x < k; x++ {
				toks[x].initial = toks[x].word
			}
		}
	}
}

// lastDot returns the byte after the last period in s[i:j], or i.
func lastDot(s string, i, j int) int {
	if k := strings.LastIndexByte(s[i:j], '.'); k >= 0 {
		return i + k + 1
	}
	return i
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isCap reports whether w starts with an upper-case letter.
func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isAllCaps reports whether w has two or more letters, all upper case.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// capitalAbbreviation reports whether word, which opens with a capital,
// is an abbreviation or a title whose stop is its own ("Gen.", "Sens.").
// tokenize asks it only of a capitalised word before a stop, so that no
// other word is lower-cased for the lookup.
func capitalAbbreviation(word string) bool {
	low := strings.ToLower(word)
	return abbreviations[low] || titleAbbreviations[low]
}
