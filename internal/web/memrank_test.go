package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// RankedStories pages the stories as the store's conformance suite says
// a back end does (storetest): by store.StoryRank, highest first, ties by
// ID, highest first.
func (m *memStore) RankedStories(ctx context.Context, p store.StoryPage) (store.RankedPage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return store.RankedPage{}, err
	}
	if p.Limit <= 0 || (!p.After.IsZero() && !p.Before.IsZero()) {
		return store.RankedPage{}, errors.New("ranked stories: bad page")
	}
	type ranked struct {
		c store.StoryCursor
		s news.Story
	}
	var all []ranked
	for _, s := range m.stories {
		all = append(all, ranked{store.StoryCursor{Rank: store.StoryRank(s, time.Time{}), ID: s.ID}, s})
	}
	higher := func(a, b store.StoryCursor) bool { return a.Rank > b.Rank || (a.Rank == b.Rank && a.ID > b.ID) }
	slices.SortFunc(all, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.c.Rank, a.c.Rank), cmp.Compare(b.c.ID, a.c.ID))
	})
	var lo, hi int // the page lies in all[lo:hi]
	switch {
	case !p.After.IsZero():
		for lo < len(all) && !higher(p.After, all[lo].c) {
			lo++
		}
		hi = min(lo+p.Limit, len(all))
	case !p.Before.IsZero():
		hi = 0
		for hi < len(all) && higher(all[hi].c, p.Before) {
			hi++
		}
		lo = max(hi-p.Limit, 0)
	default:
		hi = min(p.Limit, len(all))
	}
	var page store.RankedPage
	for _, r := range all[lo:hi] {
		page.Stories = append(page.Stories, r.s)
	}
	if lo < hi {
		if lo > 0 {
			page.Prev = all[lo].c
		}
		if hi < len(all) {
			page.Next = all[hi-1].c
		}
	}
	return page, nil
}

func (m *memStore) RetrySource(ctx context.Context, id int64, now time.Time) (news.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Source{}, err
	}
	s, ok := m.sources[id]
	if !ok {
		return news.Source{}, fmt.Errorf("source %d: %w", id, store.ErrNotFound)
	}
	s.NextPollAt, s.LastError, s.ErrorCount = now, "", 0
	if s.Kind == news.SourcePage && s.Status == news.StatusError {
		s.Status = news.StatusNew
	}
	m.sources[id] = s
	return s, nil
}
