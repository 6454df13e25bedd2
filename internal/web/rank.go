package web

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/store"
)

// The ranked story list (front page, GET /api/stories) is paged by
// cursor: the store orders stories by a stored rank (store.StoryRank) and
// reads a page along its index from the last story shown, so the newest
// page costs the same however many stories are kept, and paging on while
// stories are added neither repeats nor skips one that kept its rank.
// Clients get the cursors as opaque strings ("next", "prev"), so that
// their form can change.

// encodeCursor is c as the opaque string of the API and the page links,
// "" for no place.
func encodeCursor(c store.StoryCursor) string {
	if c.IsZero() {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(
		[]byte(strconv.FormatInt(c.Rank, 10) + "." + strconv.FormatInt(c.ID, 10)))
}

// categoryParam reads ?category=, the one category a list or feed shows.
// It is compared exactly, so any value is safe; the bound, the longest
// category a source may be given (maxCategoryLen), only keeps a junk URL
// from reaching SQL. Its error is errBadQuery.
func categoryParam(q url.Values) (string, error) {
	c := q.Get("category")
	if len(c) > maxCategoryLen {
		return "", fmt.Errorf("%w: category must be at most %d bytes", errBadQuery, maxCategoryLen)
	}
	return c, nil
}

// errBadQuery is a story list query that a client got wrong: a 400.
var errBadQuery = errors.New("bad query")

// errBadCursor is what a client is told of a cursor it did not get from
// newsdesk, or has mangled.
var errBadCursor = fmt.Errorf("%w: bad cursor: pass a next or prev value from an earlier page as it was given", errBadQuery)

// decodeCursor reads what encodeCursor wrote.
func decodeCursor(s string) (store.StoryCursor, error) {
	if len(s) > 64 {
		return store.StoryCursor{}, errBadCursor
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return store.StoryCursor{}, errBadCursor
	}
	r, id, ok := strings.Cut(string(b), ".")
	if !ok {
		return store.StoryCursor{}, errBadCursor
	}
	var c store.StoryCursor
	c.Rank, err = strconv.ParseInt(r, 10, 64)
	if err != nil {
		return store.StoryCursor{}, errBadCursor
	}
	c.ID, err = strconv.ParseInt(id, 10, 64)
	if err != nil || c.ID <= 0 {
		return store.StoryCursor{}, errBadCursor
	}
	return c, nil
}

// rankedPage reads the page of the ranked list that the query q asks for:
// ?after=CURSOR, ?before=CURSOR or neither, the first; ?limit=N stories,
// at most and by default Config.MaxStories. Its error is errBadQuery for
// a query a client got wrong.
func (s *Server) rankedPage(ctx context.Context, q url.Values) (store.RankedPage, error) {
	var p store.StoryPage
	var err error
	if p.Limit, err = intParam(q, queryRange{Name: "limit", Default: s.cfg.MaxStories, Min: 1, Max: s.cfg.MaxStories}); err != nil {
		return store.RankedPage{}, err
	}
	if p.Category, err = categoryParam(q); err != nil {
		return store.RankedPage{}, err
	}
	after, before := q.Get("after"), q.Get("before")
	switch {
	case after != "" && before != "":
		return store.RankedPage{}, fmt.Errorf("%w: give after or before, not both", errBadQuery)
	case after != "":
		p.After, err = decodeCursor(after)
	case before != "":
		p.Before, err = decodeCursor(before)
	}
	if err != nil {
		return store.RankedPage{}, err
	}
	page, err := s.st.RankedStories(ctx, p)
	if err != nil {
		return store.RankedPage{}, fmt.Errorf("list stories: %w", err)
	}
	return page, nil
}
