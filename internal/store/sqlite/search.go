package sqlite

import (
	"context"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

// SearchStories returns a page of the stories whose articles match; see
// store.StorySearcher.
func (st *Store) SearchStories(ctx context.Context, p store.SearchPage) (store.SearchResult, error) {
	return sqlq.SearchStories(ctx, sqlTx{st.db}, sqlq.SQLiteSearch, sqlq.InList, p)
}
