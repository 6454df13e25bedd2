package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Search limits. A query is a user's typing, read on every keystroke of
// nobody in particular: the bounds keep one request from costing more than
// a page of the front page does.
const (
	// MaxQueryBytes is the longest query text accepted.
	MaxQueryBytes = 256
	// MaxQueryTerms is the most words and phrases a query may hold; each
	// is one more posting list to intersect.
	MaxQueryTerms = 12
	// MaxSearchLimit is the most results a page may ask for.
	MaxSearchLimit = 50
	// MaxSearchOffset is the deepest a page may start: relevance pages
	// are read by offset (a score is no stable cursor), and nobody reads
	// a thousand results deep.
	MaxSearchOffset = 1000
)

// Errors ParseQuery returns, wrapped, so a web handler can tell the user
// what to change.
var (
	ErrEmptyQuery   = errors.New("empty search query")
	ErrQueryTooLong = fmt.Errorf("search query longer than %d bytes or %d terms", MaxQueryBytes, MaxQueryTerms)
)

// Query is a parsed search: stories whose articles hold every term. A
// term is a word or, from a quoted phrase, several words that must appear
// together in that order. Terms hold only words (letters, digits and
// marks), lower-cased, so no character of the user's input reaches a back
// end's query syntax: each back end quotes every word itself (see the
// back end's SearchStories).
type Query struct {
	Terms [][]string
}

// ParseQuery reads a user's query: words separated by spaces, and phrases
// in double quotes (an unclosed quote runs to the end). Punctuation splits
// words, as the back ends' tokenizers split the stored text, so that
// "U.S." is the phrase "u s" on both sides; a term with no word in it
// ("*", "-") is dropped. It returns ErrEmptyQuery if no word is left and
// ErrQueryTooLong past MaxQueryBytes or MaxQueryTerms.
func ParseQuery(s string) (Query, error) {
	if len(s) > MaxQueryBytes {
		return Query{}, ErrQueryTooLong
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	var q Query
	// A term is a phrase of its words: a quoted phrase, or outside quotes
	// a word the tokenizers split ("U.S." is "u s"), as they will split
	// it in the text.
	add := func(part string) {
		if words := Words(part); len(words) > 0 {
			q.Terms = append(q.Terms, words)
		}
	}
	rest := s
	for rest != "" {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			for _, f := range strings.Fields(rest) {
				add(f)
			}
			break
		}
		for _, f := range strings.Fields(rest[:i]) {
			add(f)
		}
		rest = rest[i+1:]
		j := strings.IndexByte(rest, '"')
		if j < 0 {
			add(rest)
			break
		}
		add(rest[:j])
		rest = rest[j+1:]
	}
	if len(q.Terms) == 0 {
		return Query{}, ErrEmptyQuery
	}
	if len(q.Terms) > MaxQueryTerms {
		return Query{}, ErrQueryTooLong
	}
	return q, nil
}

// Words splits s into lower-cased words: runs of letters, digits and
// marks, the characters SQLite's unicode61 tokenizer keeps.
func Words(s string) []string {
	var words []string
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}) {
		words = append(words, strings.ToLower(f))
	}
	return words
}

// SearchPage asks SearchStories for a page of results: Limit (1 to
// MaxSearchLimit) stories from Offset (0 to MaxSearchOffset).
type SearchPage struct {
	Query  Query
	Limit  int
	Offset int
}

// Validate reports a page out of bounds.
func (p SearchPage) Validate() error {
	switch {
	case len(p.Query.Terms) == 0:
		return ErrEmptyQuery
	case len(p.Query.Terms) > MaxQueryTerms:
		return ErrQueryTooLong
	case p.Limit < 1 || p.Limit > MaxSearchLimit:
		return fmt.Errorf("search limit %d not in 1..%d", p.Limit, MaxSearchLimit)
	case p.Offset < 0 || p.Offset > MaxSearchOffset:
		return fmt.Errorf("search offset %d not in 0..%d", p.Offset, MaxSearchOffset)
	}
	return nil
}

// SearchHit is a story that matches, with its best-matching article (Text
// loaded), from which a caller cuts a snippet.
type SearchHit struct {
	Story   news.Story
	Article news.Article
}

// SearchResult is a page of hits, best first. More reports whether
// another page follows.
type SearchResult struct {
	Hits []SearchHit
	More bool
}

// StorySearcher finds stories by the titles and text of their articles;
// every Store is one.
type StorySearcher interface {
	// SearchStories returns the stories with an article holding every
	// term of the query, ordered by the relevance of their best article
	// (SQLite's bm25, PostgreSQL's ts_rank), then by StoryRank, then by
	// ID. Articles not yet given to a story are not searched.
	SearchStories(ctx context.Context, p SearchPage) (SearchResult, error)
}
