package postgres

import (
	"context"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

// RankedStories returns one page of the ranked story list; see
// store.StoryRanker.
func (st *Store) RankedStories(ctx context.Context, p store.StoryPage) (store.RankedPage, error) {
	return sqlq.ListRanked(ctx, pgTx{st.pool}, p)
}
