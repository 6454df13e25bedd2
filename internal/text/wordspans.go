package text

import (
	"unicode"

	"github.com/newsdesk/newsdesk/internal/news"
)

// WordSpans returns the byte spans of the words Words finds in s, in
// order: the word as written, for callers that need its case (a capital
// in mid-sentence marks a name) or its place, which Words' lower-cased
// copies do not keep.
func WordSpans(s string) []news.Span {
	var out []news.Span
	start := -1
	for i, r := range s {
		w := inWord(r)
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			out = append(out, news.Span{Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, news.Span{Start: start, End: len(s)})
	}
	return out
}

// inWord reports whether r belongs to a word as Words reads it (unlike
// isWordRune, an underscore does).
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}
