package sqlite

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

// SearchStories returns a page of the stories whose articles match; see
// store.StorySearcher.
func (st *Store) SearchStories(ctx context.Context, p store.SearchPage) (store.SearchResult, error) {
	if err := p.Validate(); err != nil {
		return store.SearchResult{}, fmt.Errorf("search stories: %w", err)
	}
	q, args := sqlq.SQLiteSearch(p)
	rows, err := queryAll(ctx, st.db, sqlq.ScanSearch, q, args...)
	if err != nil {
		return store.SearchResult{}, fmt.Errorf("search stories: %w", err)
	}
	res, err := sqlq.SearchResult(p, rows, func(id int64) (news.Article, error) { return st.Article(ctx, id) })
	if err != nil {
		return store.SearchResult{}, fmt.Errorf("search stories: %w", err)
	}
	return res, nil
}
