package text

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// EntityKind classifies a named entity.
type EntityKind string

// Entity kinds.
const (
	Person       EntityKind = "person"
	Organization EntityKind = "org"
	Place        EntityKind = "place"
	OtherEntity  EntityKind = "other"
)

// Entity is a named person, organisation or place mentioned in a text.
type Entity struct {
	Text string     `json:"text"`
	Kind EntityKind `json:"kind"`
	Span news.Span  `json:"span"`
}

// Entities finds named entities in s. This first version takes runs of
// capitalised words that do not start a sentence.
func Entities(s string) []Entity {
	var out []Entity
	for _, sent := range Sentences(s) {
		seg := s[sent.Start:sent.End]
		first := true
		runStart, runEnd := -1, -1
		flush := func() {
			if runStart >= 0 {
				out = append(out, Entity{Text: s[runStart:runEnd], Kind: OtherEntity, Span: news.Span{Start: runStart, End: runEnd}})
			}
			runStart, runEnd = -1, -1
		}
		for i := 0; i < len(seg); {
			r, n := utf8.DecodeRuneInString(seg[i:])
			if !unicode.IsLetter(r) {
				if r != ' ' || runStart < 0 {
					flush()
				}
				i += n
				continue
			}
			j := i
			for j < len(seg) {
				c, m := utf8.DecodeRuneInString(seg[j:])
				if !unicode.IsLetter(c) && c != '-' && c != '\'' {
					break
				}
				j += m
			}
			if unicode.IsUpper(r) && !first {
				if runStart < 0 {
					runStart = sent.Start + i
				}
				runEnd = sent.Start + j
			} else {
				flush()
			}
			first = false
			i = j
		}
		flush()
	}
	return out
}

// Quote is a direct quote with its speaker. Parts are the byte spans of the
// quoted words (without the quotation marks); a quote split by its
// attribution has two or more parts.
type Quote struct {
	Text        string      `json:"text"` // parts joined by news.QuoteJoiner
	Parts       []news.Span `json:"parts"`
	Speaker     string      `json:"speaker,omitempty"`
	SpeakerSpan news.Span   `json:"speaker_span"`
	Role        string      `json:"role,omitempty"`
}

// Quotes finds direct quotes in s. This first version takes text between
// typographic or straight double quotes and leaves the speaker empty.
func Quotes(s string) []Quote {
	var out []Quote
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '"' && r != '“' && r != '«' {
			i += n
			continue
		}
		closer := map[rune]string{'"': "\"", '“': "”", '«': "»"}[r]
		end := strings.Index(s[i+n:], closer)
		if end < 0 {
			break
		}
		a, b := i+n, i+n+end
		if nl := strings.IndexByte(s[a:b], '\n'); nl < 0 && len(strings.Fields(s[a:b])) >= 4 {
			out = append(out, Quote{Text: s[a:b], Parts: []news.Span{{Start: a, End: b}}})
		}
		i = b + len(closer)
	}
	return out
}

// Figure is a number with its unit found in a text.
type Figure struct {
	news.Figure
	Span     news.Span `json:"span"`     // the figure's bytes
	Sentence news.Span `json:"sentence"` // the sentence that holds it
}

// Figures finds numbers with units in s, written in lang ("en", "es"...).
// This first version finds digit runs only.
func Figures(s, lang string) []Figure {
	var out []Figure
	for _, sent := range Sentences(s) {
		seg := s[sent.Start:sent.End]
		for i := 0; i < len(seg); {
			if seg[i] < '0' || seg[i] > '9' {
				i++
				continue
			}
			j := i
			for j < len(seg) && (seg[j] >= '0' && seg[j] <= '9' || seg[j] == ',' || seg[j] == '.') {
				j++
			}
			for j > i && (seg[j-1] == ',' || seg[j-1] == '.') {
				j--
			}
			sp := news.Span{Start: sent.Start + i, End: sent.Start + j}
			out = append(out, Figure{Figure: news.Figure{Text: sp.Of(s)}, Span: sp, Sentence: sent})
			i = j
		}
	}
	return out
}

// Date is a calendar date mentioned in a text.
type Date struct {
	Span news.Span `json:"span"`
	Time time.Time `json:"time"`
}

// Dates finds dates in s, resolving relative ones ("on Tuesday") against ref.
// This first version finds none.
func Dates(s string, ref time.Time) []Date { return nil }
