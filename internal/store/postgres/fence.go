package postgres

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Lead raises the database's leader epoch and returns the writes fenced by
// it (see store.Leader). The pipeline calls it after taking the worker
// lock and before reading the store, so that a leader that lost the lock
// without noticing (its process frozen) can write nothing its successor
// has not read. The UPDATE is atomic, so two Leads never share an epoch,
// and it waits for the row's share locks: for every fenced write already
// past its check (see fenced) to commit or roll back.
func (st *Store) Lead(ctx context.Context) (store.Leader, error) {
	var epoch int64
	if err := st.pool.QueryRow(ctx, `UPDATE leader_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch`).Scan(&epoch); err != nil {
		return nil, fmt.Errorf("take the lead of %s: %w", st.dsn, err)
	}
	return &leader{st: st, epoch: epoch}, nil
}

// FenceIdleTimeout bounds how long a fenced write's transaction may sit
// idle on the server, holding the epoch row's share lock while its process
// does nothing: a leader frozen (not scheduled) between its check and its
// COMMIT would otherwise hold its successor's Lead back until the
// connection died, about two hours of TCP timeouts on a machine that
// vanished, since pool connections have no keepalive and the server's
// idle_in_transaction_session_timeout is 0 by default. Past it the server
// ends the session, the frozen write's COMMIT fails, having written
// nothing, and the Lead goes on. A live leader's transaction is idle only
// between its statements, for microseconds; a pause longer than this (a
// GC or swap storm) costs a failed group job, redone from the store. Set
// per transaction (set_config, local), not on the pool, so that River's
// and the migrations' transactions keep the server's setting.
const FenceIdleTimeout = 5 * time.Second

// leader is a store.Leader: the store's writes, each checking the epoch
// in its own transaction (fenced, or SetArticleGroup's one statement).
type leader struct {
	st    *Store
	epoch int64
}

func (l *leader) Epoch() int64 { return l.epoch }

// SetArticleGroup, the write of every decision, is one statement rather
// than fenced's transaction: its epoch check is a sub-select FOR SHARE in
// the UPDATE's WHERE, evaluated before the article's row is locked (a
// condition on no column of it), so that the share lock orders it against
// a Lead exactly as fenced's read does, and held until the statement's
// own transaction commits. One round trip instead of four (BEGIN, read,
// UPDATE, COMMIT), and no idle transaction for a frozen process to hold
// open: the server commits without waiting for the client. Only when
// nothing was written does a second read tell a superseded leader from a
// missing article; the epoch only grows, so a leader superseded at the
// UPDATE is seen superseded.
func (l *leader) SetArticleGroup(ctx context.Context, id int64, g store.Group) error {
	what := fmt.Sprintf("set group of article %d", id)
	tag, err := l.st.pool.Exec(ctx, setArticleGroupSQL+` AND $8 = (SELECT epoch FROM leader_epoch WHERE id = 1 FOR SHARE)`,
		append(setArticleGroupArgs(id, g), l.epoch)...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if tag.RowsAffected() > 0 {
		return nil
	}
	var now int64
	if err := l.st.pool.QueryRow(ctx, `SELECT epoch FROM leader_epoch WHERE id = 1`).Scan(&now); err != nil {
		return fmt.Errorf("%s: read the leader epoch: %w", what, err)
	}
	if now != l.epoch {
		return l.superseded(what, now)
	}
	return mustAffect(tag, fmt.Sprintf("article %d", id))
}

// superseded is the error of a write of l refused because the epoch
// stands at now.
func (l *leader) superseded(what string, now int64) error {
	return fmt.Errorf("%s as leader %d, superseded by leader %d: %w", what, l.epoch, now, store.ErrFenced)
}

func (l *leader) PutStory(ctx context.Context, s news.Story) error {
	return l.fenced(ctx, fmt.Sprintf("put story %d", s.ID), func(tx pgx.Tx) error { return putStory(ctx, tx, s) })
}

func (l *leader) PutBriefing(ctx context.Context, b news.Briefing) error {
	what := fmt.Sprintf("put briefing of story %d", b.StoryID)
	return l.fenced(ctx, what, func(tx pgx.Tx) error {
		if err := putBriefing(ctx, tx, b); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	})
}

func (l *leader) PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error {
	return l.fenced(ctx, fmt.Sprintf("put cluster snapshot after article %d", s.After),
		func(tx pgx.Tx) error { return putClusterSnapshot(ctx, tx, s) })
}

// fenced runs write in a transaction that first reads the epoch FOR SHARE
// and returns store.ErrFenced, writing nothing, if it no longer stands at
// l's. The share lock is what closes the race a plain check in the write's
// WHERE would leave under READ COMMITTED: a Lead's UPDATE waits for it, so
// a write that passed its check commits before the new epoch does (and
// the new leader, reading after Lead, sees it); and a check that meets a
// Lead in progress waits for it and then reads the new epoch. The same
// statement bounds the transaction's idle time (see FenceIdleTimeout),
// without a round trip of its own. what names the write in errors;
// write's own come back as they are.
func (l *leader) fenced(ctx context.Context, what string, write func(tx pgx.Tx) error) error {
	tx, err := l.st.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var (
		now  int64
		idle string
	)
	if err := tx.QueryRow(ctx, `SELECT epoch, set_config('idle_in_transaction_session_timeout', $1, true)
		FROM leader_epoch WHERE id = 1 FOR SHARE`, strconv.FormatInt(l.st.fenceIdle.Milliseconds(), 10)).Scan(&now, &idle); err != nil {
		return fmt.Errorf("%s: read the leader epoch: %w", what, err)
	}
	if now != l.epoch {
		return l.superseded(what, now)
	}
	if err := write(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
