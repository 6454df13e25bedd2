package postgres

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

// RankedStories returns one page of the ranked story list; see
// store.StoryRanker.
func (st *Store) RankedStories(ctx context.Context, p store.StoryPage) (store.RankedPage, error) {
	q, args, err := sqlq.RankedStories(p)
	if err != nil {
		return store.RankedPage{}, err
	}
	rows, err := queryAll(ctx, st.pool, sqlq.ScanRanked, q, args...)
	if err != nil {
		return store.RankedPage{}, fmt.Errorf("list ranked stories: %w", err)
	}
	page, err := sqlq.RankedPage(p, rows, func(c store.StoryCursor, above bool) (bool, error) {
		q, args := sqlq.HasRankedBeyond(c, above, p.Category)
		var found bool
		err := st.pool.QueryRow(ctx, q, args...).Scan(&found)
		return found, err
	})
	if err != nil {
		return store.RankedPage{}, fmt.Errorf("list ranked stories: %w", err)
	}
	return page, nil
}
