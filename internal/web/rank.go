package web

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// RankHalfLife is how fast a story sinks: a story's weight, its number of
// distinct sources, halves for every RankHalfLife hours since its last
// update. A story five outlets covered twelve hours ago outranks a fresh
// one-source story; two outlets a day ago do not.
const RankHalfLife = 12.0 // hours

// rankScore is log2 of sources·2^(-age/halflife), up to a constant that
// depends only on now: exponential decay keeps the order the same whenever
// it is computed, so ranking needs no clock.
func rankScore(s news.Story) float64 {
	n := max(s.SourceCount, 1)
	hours := float64(s.LastUpdated.Unix()) / 3600
	return math.Log2(float64(n)) + hours/RankHalfLife
}

// RankStories orders stories for the front page: by recency and number of
// sources (see RankHalfLife), ties broken by last update, then newest ID.
func RankStories(stories []news.Story) {
	slices.SortStableFunc(stories, func(a, b news.Story) int {
		if c := cmp.Compare(rankScore(b), rankScore(a)); c != 0 {
			return c
		}
		if c := b.LastUpdated.Compare(a.LastUpdated); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
}

// candidateFactor widens the store query so ranking can lift an older,
// widely covered story above the newest few.
const candidateFactor = 5

func (s *Server) rankedStories(ctx context.Context) ([]news.Story, error) {
	stories, err := s.st.Stories(ctx, store.StoryFilter{Limit: s.cfg.MaxStories * candidateFactor})
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	RankStories(stories)
	if len(stories) > s.cfg.MaxStories {
		stories = stories[:s.cfg.MaxStories]
	}
	if stories == nil {
		stories = []news.Story{}
	}
	return stories, nil
}
