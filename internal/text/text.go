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
		if r == '\n' || bullets[r] {
			// A list's bullet starts an item as a line break does (a
			// list flattened into one line: … last month. ■ The rate …),
			// and is markup, not part of the sentence.
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
	if !unicode.IsSpace(c) && !opensNoSpace(s, j, c, m) && !openerNoSpace(s, i, j) {
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
		if next == '(' && stateAbbreviations[s[w:i]] {
			// A dateline: "SACRAMENTO, Calif. (AP) — The governor …".
			return false
		}
		word := strings.ToLower(s[w:i])
		if titleAbbreviations[word] {
			// A plural title or a rank stands before a name, so it is
			// written with a capital ("Sens. Jon Tester", "Brig. Gen."); in
			// lower case the same letters are a word ending its sentence
			// ("3 sets of 10 reps. Then", "sent to the brig. The").
			first, _ := utf8.DecodeRuneInString(s[w:i])
			return !unicode.IsUpper(first)
		}
		if nameSuffixes[word] && !nameBefore(s, w) {
			// Sr. and Jr. close a name only after one; Spanish Sr.
			// (señor) is a title before it: "el Sr. De la Fuente".
			return false
		}
		if abbreviations[word] {
			// A dotted acronym, or a suffix that may close a name at
			// the end of a sentence, ends a sentence when a sentence
			// opener follows: "in the U.S. The next day", "shared by
			// Donald Trump Jr. The clip"; a title never does.
			return (strings.Contains(word, ".") || closingAbbreviations[word]) && notStartNames[Key(firstWord(s[k:]))] && !strings.HasPrefix(word, "a.m") && !strings.HasPrefix(word, "p.m")
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

// openerNoSpace reports whether the stop at s[i], its trailing marks up
// to j, ends a sentence although no space follows: a word of two or more
// lower-case letters before it and a sentence opener (The, We …) right
// after it, as text whose paragraphs were joined without a break has it
// ("has ended.The committee"). A name with a stop in it ("Hill.TV",
// "Booking.Com") does not read as one.
func openerNoSpace(s string, i, j int) bool {
	next, _ := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsUpper(next) || !notStartNames[Key(firstWord(s[j:]))] {
		return false
	}
	lower := 0
	for w := i; w > 0 && lower < 2; {
		r, m := utf8.DecodeLastRuneInString(s[:w])
		if !unicode.IsLower(r) {
			break
		}
		lower++
		w -= m
	}
	return lower >= 2
}

// bullets are the marks that open a list's items.
var bullets = map[rune]bool{'•': true, '‣': true, '⁃': true, '◦': true, '●': true, '■': true, '▪': true, '►': true, '▶': true, '◆': true}

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

// titleAbbreviations are titles in the plural, military and diplomatic
// ranks, and Congress's resolutions (H. Res. 601): a name or a number
// follows, and they are written with a capital. Some are words in lower
// case ("reps", "brig", "res"), so, unlike abbreviations, they are read
// only with one.
var titleAbbreviations = map[string]bool{
	"sens": true, "reps": true, "govs": true, "gens": true, "maj": true, "brig": true, "adm": true, "amb": true,
	"cmdr": true, "supt": true, "atty": true, "dep": true, "cpl": true, "pvt": true, "res": true,
}

// nameSuffixes are the closing abbreviations that close a person's name
// (Donald Trump Jr.); Spanish writes "Sr." before one, as a title.
var nameSuffixes = map[string]bool{"jr": true, "sr": true}

// nameBefore reports whether the word before s[w:], a comma aside
// ("King, Jr."), begins with a capital, as a name does. A stop right
// before (". Sr. La Rosa") ends a sentence: no name is closed there.
func nameBefore(s string, w int) bool {
	e := strings.TrimRightFunc(s[:w], func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if i := strings.LastIndexFunc(e, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' }); i >= 0 {
		_, n := utf8.DecodeRuneInString(e[i:])
		e = e[i+n:]
	}
	first, _ := utf8.DecodeRuneInString(e)
	return unicode.IsUpper(first)
}

// closingAbbreviations are the abbreviations that may end a sentence, as
// they close a name: Donald Trump Jr., Acme Inc.
var closingAbbreviations = map[string]bool{"jr": true, "sr": true, "inc": true, "corp": true, "ltd": true, "co": true, "etc": true}

// stateAbbreviations are the US states' abbreviations a dateline uses
// (SACRAMENTO, Calif. (AP) —), as written: with a capital. The dotted
// pairs (N.J., S.C.) are read as initials; W.Va. is not a pair, so it is
// here.
var stateAbbreviations = map[string]bool{
	"W.Va": true,
	"Ala":  true, "Ariz": true, "Ark": true, "Calif": true, "Colo": true, "Conn": true, "Del": true, "Fla": true,
	"Ga": true, "Ill": true, "Ind": true, "Kan": true, "Ky": true, "La": true, "Md": true, "Mass": true,
	"Mich": true, "Minn": true, "Miss": true, "Mo": true, "Mont": true, "Neb": true, "Nev": true, "Okla": true,
	"Ore": true, "Pa": true, "Tenn": true, "Vt": true, "Va": true, "Wash": true, "Wis": true, "Wyo": true,
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
