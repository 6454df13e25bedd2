package sqlq

import (
	"context"
	"errors"
	"fmt"
)

// StoryIDMark is store.Store's StoryIDMark for both back ends: the largest
// story or thread ID ever saved, which triggers raise as stories are put
// and articles grouped (SQLite's migration 0013_story_id_mark.sql,
// PostgreSQL's 0012_story_id_mark.sql). Their migrations insert its one
// row, so a missing row is an error.
func StoryIDMark(ctx context.Context, q Tx) (int64, error) {
	var mark int64
	found, err := queryRow(ctx, q, `SELECT mark FROM story_id_mark WHERE id = 1`, nil, &mark)
	if err == nil && !found {
		err = errors.New("no row")
	}
	if err != nil {
		return 0, fmt.Errorf("story ID mark: %w", err)
	}
	return mark, nil
}
