package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/news"
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

// RetrySource makes a source due now; see store.SourceRetrier.
func (st *Store) RetrySource(ctx context.Context, id int64, now time.Time) (news.Source, error) {
	q, args := sqlq.RetrySource(id, now)
	tag, err := st.pool.Exec(ctx, q, args...)
	if err != nil {
		return news.Source{}, fmt.Errorf("retry source %d: %w", id, err)
	}
	if err := mustAffect(tag, fmt.Sprintf("retry source %d", id)); err != nil {
		return news.Source{}, err
	}
	return st.Source(ctx, id)
}

// EditSource changes what a person edits of a source; see
// store.SourceEditor. The row is read FOR UPDATE, so a poll saved
// meanwhile waits for the edit, and the edit for it.
func (st *Store) EditSource(ctx context.Context, id int64, edit func(*news.Source) error) (news.Source, error) {
	var editErr error
	err := pgx.BeginFunc(ctx, st.pool, func(tx pgx.Tx) error {
		_, err := sqlq.EditSource(ctx, pgTx{tx}, sourceKeys().Lock, id, func(s *news.Source) error {
			editErr = edit(s)
			return editErr
		})
		return err
	})
	switch {
	case editErr != nil:
		return news.Source{}, editErr
	case err != nil:
		return news.Source{}, fmt.Errorf("edit source %d: %w", id, err)
	}
	return st.Source(ctx, id)
}
