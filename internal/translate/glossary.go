package translate

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/lang"
)

//go:embed glossary_es_en.tsv
var esEnData string

// maxPhraseWords is the longest source phrase the glossary matches.
const maxPhraseWords = 5

// Glossary is an offline word-by-word translator from a dictionary, with
// multi-word phrases ("sin embargo" → "however") matched longest first.
// It keeps the text's punctuation, spacing and line breaks, and the case of
// each word (Capitalised, UPPER); words it does not know pass through
// unchanged, so names and numbers survive. A capitalised word inside a
// sentence is taken for a name and kept unless the glossary lists it as a
// proper noun ("Alemania" → "Germany").
//
// The result is a gist, not a translation: word order and agreement stay
// Spanish. It is enough to tell what a story is about.
type Glossary struct {
	from, to string
	common   map[string]string // lower-cased source phrase -> target
	proper   map[string]string // lower-cased proper noun phrase -> target
}

// builtin parses the embedded glossary once; the result is never modified,
// so every caller can share it.
var builtin = sync.OnceValues(func() (*Glossary, error) { return ParseGlossary("es", GlossaryTarget, esEnData) })

// NewGlossary returns the built-in Spanish→English glossary. It is
// immutable and shared.
func NewGlossary() *Glossary {
	g, err := builtin()
	if err != nil {
		// The data is embedded and covered by tests; failing here is a
		// build defect, not a runtime condition.
		panic(err)
	}
	return g
}

// ParseGlossary reads a glossary from lines "source<TAB>target". Lines
// starting with "#" and blank lines are ignored. A source starting with an
// upper-case letter is a proper noun, translated even inside a sentence. An
// empty target drops the word. A source listed twice is an error.
func ParseGlossary(from, to, data string) (*Glossary, error) {
	g := &Glossary{from: lang.Primary(from), to: lang.Primary(to), common: map[string]string{}, proper: map[string]string{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		src, dst, ok := strings.Cut(line, "\t")
		src = strings.Join(strings.Fields(src), " ")
		if !ok || src == "" {
			return nil, fmt.Errorf("glossary line %d: want source<TAB>target", n)
		}
		if len(strings.Fields(src)) > maxPhraseWords {
			return nil, fmt.Errorf("glossary line %d: phrase %q longer than %d words", n, src, maxPhraseWords)
		}
		key := strings.ToLower(src)
		m := g.common
		if startsUpper(src) {
			m = g.proper
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("glossary line %d: %q listed twice", n, src)
		}
		m[key] = strings.TrimSpace(dst)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	return g, nil
}

// Len reports the number of entries.
func (g *Glossary) Len() int { return len(g.common) + len(g.proper) }

// Translate implements Translator. Only the glossary's own pair is
// supported; the same language in and out returns text unchanged.
func (g *Glossary) Translate(ctx context.Context, text, from, to string) (string, error) {
	if lang.Same(from, to) {
		return text, nil
	}
	if lang.Primary(from) != g.from || lang.Primary(to) != g.to {
		return "", fmt.Errorf("translate %s to %s: glossary translates %s to %s only: %w", from, to, g.from, g.to, ErrUnsupported)
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return g.translate(text), nil
}

// token is a run of word characters or of everything else; lower is the
// lower-cased form of a word, the glossary's key.
type token struct {
	s     string
	lower string
	word  bool
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

func tokenize(s string) []token {
	var toks []token
	start := 0
	inWord := false
	emit := func(end int) {
		t := token{s: s[start:end], word: inWord}
		if inWord {
			t.lower = strings.ToLower(t.s)
		}
		toks = append(toks, t)
	}
	for i, r := range s {
		w := isWordRune(r)
		if i > start && w != inWord {
			emit(i)
			start = i
		}
		inWord = w
	}
	if start < len(s) {
		emit(len(s))
	}
	return toks
}

func (g *Glossary) translate(text string) string {
	toks := tokenize(text)
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	sentenceStart := true
	capNext := false // a dropped sentence-initial word left its capital behind
	var keyBuf []byte
	for i := 0; i < len(toks); {
		t := toks[i]
		if !t.word {
			b.WriteString(t.s)
			if endsSentence(t.s) {
				sentenceStart = true
			} else if strings.TrimSpace(t.s) != "" && !onlyOpeners(t.s) {
				sentenceStart = false
			}
			i++
			continue
		}
		dst, n, ok := g.lookup(toks[i:], sentenceStart, &keyBuf)
		sentenceStart = false
		if !ok {
			if capNext {
				b.WriteString(capitalise(t.s))
				capNext = false
			} else {
				b.WriteString(t.s)
			}
			i++
			continue
		}
		end := i + 2*n - 1 // tokens covered: n words and the spaces between
		if dst == "" {
			// Drop the word and the space after it, so no double space
			// is left behind; a dropped capital passes to the next word.
			i = end
			if i < len(toks) && toks[i].s == " " {
				i++
			}
			capNext = capNext || startsUpper(t.s)
			sentenceStart = capNext
			continue
		}
		out := matchCase(t.s, toks[end-1].s, dst)
		if capNext {
			out = capitalise(out)
			capNext = false
		}
		b.WriteString(out)
		i = end
	}
	return b.String()
}

// lookup finds the longest phrase starting at toks[0] (a word). Words of a
// phrase must be separated by plain spaces. buf is scratch space for keys.
func (g *Glossary) lookup(toks []token, sentenceStart bool, buf *[]byte) (string, int, bool) {
	key := (*buf)[:0]
	var ends [maxPhraseWords]int
	words := 0
	for j := 0; j < len(toks) && words < maxPhraseWords; j += 2 {
		if !toks[j].word {
			break
		}
		if words > 0 {
			key = append(key, ' ')
		}
		key = append(key, toks[j].lower...)
		ends[words] = len(key)
		words++
		if j+1 < len(toks) && toks[j+1].s != " " {
			break
		}
	}
	*buf = key
	first, _ := utf8.DecodeRuneInString(toks[0].s)
	upper := unicode.IsUpper(first)
	capitalised := upper && !isUpperWord(toks[0].s)
	for n := words; n >= 1; n-- {
		k := key[:ends[n-1]]
		if upper {
			if dst, ok := g.proper[string(k)]; ok {
				return dst, n, true
			}
		}
		// A capitalised word inside a sentence is most likely a name.
		if capitalised && !sentenceStart {
			continue
		}
		if dst, ok := g.common[string(k)]; ok {
			return dst, n, true
		}
	}
	if !capitalised || sentenceStart {
		if dst, ok := g.withClitics(toks[0].lower); ok {
			return dst, 1, true
		}
	}
	return "", 0, false
}

// clitics are the object pronouns Spanish attaches to infinitives,
// gerunds and imperatives, longest first so "les" is tried before "es".
var clitics = []struct{ suffix, en string }{
	{"selo", "it"}, {"sela", "it"}, {"selos", "them"}, {"selas", "them"},
	{"nos", "us"}, {"les", "them"}, {"los", "them"}, {"las", "them"},
	{"se", ""}, {"lo", "it"}, {"la", "it"}, {"le", "him"}, {"me", "me"}, {"te", "you"},
}

// withClitics translates a verb form with attached pronouns, such as
// "presentarse" or "diciéndoles", as the bare form plus the pronoun. The
// stress accent a pronoun forces on a gerund ("diciéndo") is removed
// before the lookup.
func (g *Glossary) withClitics(word string) (string, bool) {
	for _, c := range clitics {
		stem, ok := strings.CutSuffix(word, c.suffix)
		if !ok || utf8.RuneCountInString(stem) < 3 {
			continue
		}
		stem = unstressGerund(stem)
		if !strings.HasSuffix(stem, "ar") && !strings.HasSuffix(stem, "er") && !strings.HasSuffix(stem, "ir") &&
			!strings.HasSuffix(stem, "ndo") {
			continue
		}
		dst, ok := g.common[stem]
		if !ok || dst == "" {
			continue
		}
		if c.en == "" {
			return dst, true
		}
		return dst + " " + c.en, true
	}
	return "", false
}

func unstressGerund(stem string) string {
	for _, p := range [][2]string{{"ándo", "ando"}, {"iéndo", "iendo"}, {"yéndo", "yendo"}} {
		if s, ok := strings.CutSuffix(stem, p[0]); ok {
			return s + p[1]
		}
	}
	return stem
}

// matchCase gives dst the case pattern of the source: all upper-case for an
// upper-case source of more than one letter, a capital initial for a
// capitalised one.
func matchCase(src, last, dst string) string {
	switch {
	case isUpperWord(src) && (utf8.RuneCountInString(src) > 1 || isUpperWord(last)):
		return strings.ToUpper(dst)
	case startsUpper(src):
		return capitalise(dst)
	}
	return dst
}

func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isUpperWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

// endsSentence reports whether a separator closes a sentence or a line.
func endsSentence(sep string) bool {
	return strings.ContainsAny(sep, ".!?:\n¿¡") || strings.Contains(sep, "—")
}

// onlyOpeners reports whether a separator holds only spaces and opening
// quotes or brackets, which do not end a sentence start.
func onlyOpeners(sep string) bool {
	for _, r := range sep {
		if !unicode.IsSpace(r) && !strings.ContainsRune("\"'«“‘([", r) {
			return false
		}
	}
	return true
}
