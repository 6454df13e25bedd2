package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// ParseHighlight parses the hl query value "start-end" (byte offsets, as in
// a citation) into a span. It accepts only plain decimal numbers.
func ParseHighlight(v string) (news.Span, bool) {
	a, b, ok := strings.Cut(v, "-")
	if !ok {
		return news.Span{}, false
	}
	start, ok1 := parseOffset(a)
	end, ok2 := parseOffset(b)
	if !ok1 || !ok2 || start >= end {
		return news.Span{}, false
	}
	return news.Span{Start: start, End: end}, true
}

func parseOffset(s string) (int, bool) {
	if s == "" || len(s) > 10 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// HighlightFormat is the hl query value that highlights span.
func HighlightFormat(sp news.Span) string {
	return strconv.Itoa(sp.Start) + "-" + strconv.Itoa(sp.End)
}

// Highlighted is an article text cut around a highlighted span.
type Highlighted struct {
	Before, Mark, After string
}

// SplitHighlight cuts text around span. It refuses a span outside the text
// or one that starts or ends inside a UTF-8 sequence, since a citation never
// does and the page could not show half a character.
func SplitHighlight(text string, sp news.Span) (Highlighted, bool) {
	if !sp.Valid(len(text)) || !utf8.RuneStart(text[sp.Start]) ||
		(sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
		return Highlighted{}, false
	}
	return Highlighted{Before: text[:sp.Start], Mark: text[sp.Start:sp.End], After: text[sp.End:]}, true
}
