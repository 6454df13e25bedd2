package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Lead raises the database's leader epoch and returns the writes fenced by
// it (see store.Leader). One process works a SQLite file (LockWorker), so
// nothing raises the epoch behind a leader's back and its fence always
// holds; it is checked all the same, so that the pipeline has one path and
// both back ends pass the same conformance case.
func (st *Store) Lead(ctx context.Context) (store.Leader, error) {
	var epoch int64
	if err := st.db.QueryRowContext(ctx, `UPDATE leader_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch`).Scan(&epoch); err != nil {
		return nil, fmt.Errorf("take the lead of %s: %w", st.path, err)
	}
	return &leader{st: st, epoch: epoch}, nil
}

// leader is a store.Leader: the store's writes, each in a transaction that
// first checks the epoch.
type leader struct {
	st    *Store
	epoch int64
}

func (l *leader) Epoch() int64 { return l.epoch }

func (l *leader) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	return l.fenced(ctx, fmt.Sprintf("set group of article %d", id), func(tx *sql.Tx) error { return setArticleGroup(ctx, tx, id, g) })
}

func (l *leader) PutStory(ctx context.Context, s news.Story) error {
	return l.fenced(ctx, fmt.Sprintf("put story %d", s.ID), func(tx *sql.Tx) error { return putStory(ctx, tx, s) })
}

func (l *leader) PutBriefing(ctx context.Context, b news.Briefing) error {
	return l.fenced(ctx, fmt.Sprintf("put briefing of story %d", b.StoryID), func(tx *sql.Tx) error { return putBriefing(ctx, tx, b) })
}

func (l *leader) PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error {
	return l.fenced(ctx, fmt.Sprintf("put cluster snapshot after article %d", s.After),
		func(tx *sql.Tx) error { return putClusterSnapshot(ctx, tx, s) })
}

// fenced runs write in a transaction that first checks that the epoch
// still stands at l's, and returns store.ErrFenced without writing if not.
// Transactions take the write lock as they begin (IMMEDIATE, see dsn), so
// no Lead can come between the check and the commit. what names the write
// in errors; write's own come back as they are.
func (l *leader) fenced(ctx context.Context, what string, write func(tx *sql.Tx) error) error {
	tx, err := l.st.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	var now int64
	if err := tx.QueryRowContext(ctx, `SELECT epoch FROM leader_epoch WHERE id = 1`).Scan(&now); err != nil {
		return fmt.Errorf("%s: read the leader epoch: %w", what, err)
	}
	if now != l.epoch {
		return fmt.Errorf("%s as leader %d, superseded by leader %d: %w", what, l.epoch, now, store.ErrFenced)
	}
	if err := write(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
