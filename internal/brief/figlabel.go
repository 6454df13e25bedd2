package brief

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// periodWords make a duration a period: how often, not how long.
var periodWords = []string{"every", "cada"}

// boundedSpan returns f's span in body widened to take in the words just
// before it that bound its value ("up to 600 crowns", "fewer than 300
// adults", "about 1,500 people"), as text.Figures found them, or make a
// duration a period ("every two weeks"), within its sentence; else f's
// own span. "300 adults" above "The researchers counted fewer than 300
// adults" told an editor a figure the article does not give. The label
// stays a span of the article, so it is still cited byte for byte.
func boundedSpan(body string, f text.Figure) news.Span {
	sp := f.Span
	if !sp.Valid(len(body)) {
		return sp
	}
	if f.BoundWords.Start < f.BoundWords.End {
		// text.Figures read the bound from these words, so the label
		// keeps exactly the words the value was bounded by.
		return news.Span{Start: f.BoundWords.Start, End: sp.End}
	}
	if f.Kind != text.KindDuration || f.Bound != "" || sp.Start <= f.Sentence.Start {
		return sp
	}
	// "every two weeks" is how often, not how long: "two weeks" alone
	// above "will review the measures every two weeks" read as a
	// duration.
	before := body[f.Sentence.Start:sp.Start]
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	if len(trimmed) == len(before) {
		return sp // no space between the word and the number
	}
	lower := strings.ToLower(trimmed)
	for _, w := range periodWords {
		if !strings.HasSuffix(lower, w) {
			continue
		}
		start := len(trimmed) - len(w)
		if start > 0 {
			// A whole word: "cada" in "arcada 2" is not one.
			if r, _ := utf8.DecodeLastRuneInString(trimmed[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		return news.Span{Start: f.Sentence.Start + start, End: sp.End}
	}
	return sp
}
