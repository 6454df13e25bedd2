package brief

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// boundWords are the words before a figure that bound its value, by the
// bound text.Figures reads from them, longest first so that "more than"
// is taken whole: the words a key fact's label must keep. "300 adults"
// above "The researchers counted fewer than 300 adults" told an editor
// a figure the article does not give; "fewer than 300 adults" is what it
// says.
var boundWords = withExceeding(map[string][]string{
	text.BoundMin: {"por lo menos", "at least", "more than", "al menos", "más de", "mas de", "exceeding", "exceeds", "above", "over"},
	text.BoundMax: {"as many as", "as much as", "a maximum of", "maximum of", "fewer than", "less than", "menos de", "up to", "under", "hasta"},
	text.BoundAbout: {"approximately", "aproximadamente", "alrededor de", "an estimated", "cerca de", "close to", "estimated",
		"roughly", "around", "nearly", "almost", "about", "some", "unos", "unas", "casi"},
})

// periodWords make a duration a period: how often, not how long.
var periodWords = []string{"every", "cada"}

// withExceeding adds to words' least bounds the Spanish verbs of
// exceeding with the article before the number ("supera el 90 %"), which
// text.Figures reads as a least.
func withExceeding(words map[string][]string) map[string][]string {
	for _, v := range []string{"supera", "superan", "superó", "superaron", "superaba", "superaban",
		"rebasa", "rebasan", "rebasó", "sobrepasa", "sobrepasan", "sobrepasó"} {
		for _, art := range []string{"el", "la", "los", "las"} {
			words[text.BoundMin] = append(words[text.BoundMin], v+" "+art)
		}
	}
	return words
}

// boundedSpan returns f's span in body widened to take in the words just
// before it that bound its value ("up to 600 crowns", "fewer than 300
// adults", "about 1,500 people") or make a duration a period ("every two
// weeks"), when they are there, within its sentence; else f's own span. The label stays a
// span of the article, so it is still cited byte for byte.
func boundedSpan(body string, f text.Figure) news.Span {
	sp := f.Span
	words, ok := boundWords[f.Bound]
	if f.Kind == text.KindDuration && f.Bound == "" {
		// "every two weeks" is how often, not how long: "two weeks"
		// alone above "will review the measures every two weeks" read
		// as a duration.
		words, ok = periodWords, true
	}
	if !ok || !sp.Valid(len(body)) || sp.Start <= f.Sentence.Start {
		return sp
	}
	before := body[f.Sentence.Start:sp.Start]
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	if len(trimmed) == len(before) {
		return sp // no space between the words and the number
	}
	lower := strings.ToLower(trimmed)
	for _, w := range words {
		if !strings.HasSuffix(lower, w) {
			continue
		}
		start := len(trimmed) - len(w)
		if start > 0 {
			// A whole word: "some" in "handsome 30" is not a bound.
			if r, _ := utf8.DecodeLastRuneInString(trimmed[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		return news.Span{Start: f.Sentence.Start + start, End: sp.End}
	}
	return sp
}
