package store

import (
	"context"
	"math"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// RankDoubling is what a doubling of a story's distinct sources is worth
// on the front page, in seconds of recency: a story five outlets covered
// a day ago (2.3 doublings, 28 hours) outranks a fresh story of one
// outlet; two outlets a day ago do not.
const RankDoubling = 12 * 60 * 60

// StoryRank is a story's place on the front page, higher first: the Unix
// second of its last update plus RankDoubling per doubling of its number
// of sources. A story never updated counts from its first sighting, and
// one without either from stored, when it is stored. Being a sum of a
// time and a fixed bonus, a story's rank does not change as time passes,
// so it can be stored and indexed, and a list can be paged by it
// (RankedStories) instead of being sorted whole on every request.
func StoryRank(s news.Story, stored time.Time) int64 {
	t := s.LastUpdated
	if t.IsZero() {
		t = s.FirstSeen
	}
	if t.IsZero() {
		t = stored
	}
	n := max(s.SourceCount, 1)
	return t.Unix() + int64(math.Round(RankDoubling*math.Log2(float64(n))))
}

// StoryCursor is a place in the ranked story list: a story's rank and ID,
// which together order it (ties of rank go to the higher ID). The zero
// value is no place.
type StoryCursor struct {
	Rank int64
	ID   int64
}

// IsZero reports whether c is no place.
func (c StoryCursor) IsZero() bool { return c == StoryCursor{} }

// StoryPage asks RankedStories for a page of the ranked story list: the
// Limit stories right after After, or right before Before, or the first
// Limit without either. Setting both is an error.
type StoryPage struct {
	After, Before StoryCursor
	Limit         int
	// Category, if not empty, lists only the stories of that category
	// (news.Story.Category, compared exactly): a desk's view of one beat.
	// The cursors page that list alone.
	Category string
}

// RankedPage is a page of the ranked story list. Next is the cursor to
// ask for the page after (After), zero at the list's end; Prev the one to
// ask for the page before (Before), zero at its start.
type RankedPage struct {
	Stories    []news.Story
	Next, Prev StoryCursor
}

// StoryRanker pages the ranked story list; every Store is one.
type StoryRanker interface {
	// RankedStories returns one page of the stories by StoryRank, highest
	// first, ties by ID, highest first. A cursor need not name a stored
	// story: the page starts at its place in the order, so a story that
	// changed rank since the previous page neither breaks the paging nor
	// stops it.
	RankedStories(ctx context.Context, p StoryPage) (RankedPage, error)
}
