package web

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

// RankedStories pages the stories as the back ends do: it reads the rows
// their query would (from the cursor outwards, one more than the page)
// and builds the page with the same sqlq.RankedPage, so that these tests
// check the web's use of the real paging, not a copy of it.
func (m *memStore) RankedStories(ctx context.Context, p store.StoryPage) (store.RankedPage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return store.RankedPage{}, err
	}
	if _, _, err := sqlq.RankedStories(p); err != nil {
		return store.RankedPage{}, err
	}
	var all []sqlq.RankedRow
	for _, s := range m.stories {
		if p.Category != "" && s.Category != p.Category {
			continue
		}
		all = append(all, sqlq.RankedRow{Story: s, Rank: store.StoryRank(s, time.Time{})})
	}
	// above reports whether r ranks above c: ties of rank go to the higher ID.
	above := func(r sqlq.RankedRow, c store.StoryCursor) bool {
		return r.Rank > c.Rank || (r.Rank == c.Rank && r.Story.ID > c.ID)
	}
	below := func(r sqlq.RankedRow, c store.StoryCursor) bool {
		return r.Rank < c.Rank || (r.Rank == c.Rank && r.Story.ID < c.ID)
	}
	slices.SortFunc(all, func(a, b sqlq.RankedRow) int {
		return cmp.Or(cmp.Compare(b.Rank, a.Rank), cmp.Compare(b.Story.ID, a.Story.ID))
	})
	rows := all
	switch {
	case !p.After.IsZero():
		rows = slices.DeleteFunc(slices.Clone(all), func(r sqlq.RankedRow) bool { return !below(r, p.After) })
	case !p.Before.IsZero():
		rows = slices.DeleteFunc(slices.Clone(all), func(r sqlq.RankedRow) bool { return !above(r, p.Before) })
		slices.Reverse(rows) // read upwards, as the query does
	}
	rows = rows[:min(len(rows), p.Limit+1)]
	return sqlq.RankedPage(p, rows, func(c store.StoryCursor, up bool) (bool, error) {
		return slices.ContainsFunc(all, func(r sqlq.RankedRow) bool {
			if up {
				return above(r, c)
			}
			return below(r, c)
		}), nil
	})
}

// SearchStories finds the stories with a grouped article whose title or
// text holds every term, as words in a row, case-folded; it ranks them by
// StoryRank alone (relevance is the back ends', checked by storetest).
func (m *memStore) SearchStories(ctx context.Context, p store.SearchPage) (store.SearchResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return store.SearchResult{}, err
	}
	if err := p.Validate(); err != nil {
		return store.SearchResult{}, err
	}
	holds := func(a news.Article) bool {
		words := " " + strings.Join(store.Words(a.Title+" "+a.Text), " ") + " "
		for _, term := range p.Query.Terms {
			if !strings.Contains(words, " "+strings.Join(term, " ")+" ") {
				return false
			}
		}
		return true
	}
	best := map[int64]int64{}
	for _, a := range sortedByID(m.articles, func(a news.Article) int64 { return a.ID }) {
		if _, ok := best[a.StoryID]; !ok && a.StoryID != 0 && holds(a) {
			best[a.StoryID] = a.ID
		}
	}
	var rows []sqlq.SearchRow
	for id, aid := range best {
		rows = append(rows, sqlq.SearchRow{Story: m.stories[id], ArticleID: aid})
	}
	rank := func(s news.Story) int64 { return store.StoryRank(s, time.Time{}) }
	slices.SortFunc(rows, func(a, b sqlq.SearchRow) int {
		return cmp.Or(cmp.Compare(rank(b.Story), rank(a.Story)), cmp.Compare(b.Story.ID, a.Story.ID))
	})
	rows = rows[min(p.Offset, len(rows)):]
	rows = rows[:min(len(rows), p.Limit+1)]
	return sqlq.SearchResult(p, rows, func(ids []int64) (map[int64]news.Article, error) {
		byID := make(map[int64]news.Article, len(ids))
		for _, id := range ids {
			byID[id] = m.articles[id]
		}
		return byID, nil
	})
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
	if s.Kind == news.SourcePage {
		return news.Source{}, fmt.Errorf("source %d: %w", id, store.ErrReadOnce)
	}
	s.NextPollAt, s.LastError, s.ErrorCount, s.UnchangedPolls = now, "", 0, 0
	if s.Status == news.StatusError {
		s.Status = news.StatusNew
	}
	m.sources[id] = s
	return s, nil
}

// ReaddSource is store.SourceRetrier's: memStore's pages are never
// retried (see RetrySource), so it finds the source by key or says none.
func (m *memStore) ReaddSource(ctx context.Context, url string, now time.Time) (news.Source, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Source{}, false, err
	}
	for _, s := range m.sources {
		if news.SourceKey(s.URL) == news.SourceKey(url) {
			return s, false, nil
		}
	}
	return news.Source{}, false, fmt.Errorf("source %q: %w", url, store.ErrNotFound)
}

func (m *memStore) EditSource(ctx context.Context, id int64, edit func(*news.Source) error) (news.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Source{}, err
	}
	s, ok := m.sources[id]
	if !ok {
		return news.Source{}, fmt.Errorf("source %d: %w", id, store.ErrNotFound)
	}
	if err := edit(&s); err != nil {
		return news.Source{}, err
	}
	m.sources[id] = s
	return s, nil
}
