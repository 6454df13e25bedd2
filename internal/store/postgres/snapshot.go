package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/store"
)

// PutClusterSnapshot replaces the clusterer's snapshot kept.
func (st *Store) PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error {
	return putClusterSnapshot(ctx, st.pool, s)
}

func putClusterSnapshot(ctx context.Context, db execer, s store.ClusterSnapshot) error {
	if _, err := db.Exec(ctx, `INSERT INTO cluster_snapshot (id, data, after_article, fingerprint, taken_at)
		VALUES (1, $1, $2, $3, $4)
		ON CONFLICT (id) DO UPDATE SET data = excluded.data, after_article = excluded.after_article,
			fingerprint = excluded.fingerprint, taken_at = excluded.taken_at`,
		s.Data, s.After, s.Fingerprint, s.TakenAt.UnixNano()); err != nil {
		return fmt.Errorf("put cluster snapshot after article %d: %w", s.After, err)
	}
	return nil
}

// ClusterSnapshot returns the clusterer's snapshot kept.
func (st *Store) ClusterSnapshot(ctx context.Context) (store.ClusterSnapshot, error) {
	var (
		s     store.ClusterSnapshot
		taken int64
	)
	err := st.pool.QueryRow(ctx, `SELECT data, after_article, fingerprint, taken_at FROM cluster_snapshot WHERE id = 1`).
		Scan(&s.Data, &s.After, &s.Fingerprint, &taken)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ClusterSnapshot{}, fmt.Errorf("cluster snapshot: %w", store.ErrNotFound)
	}
	if err != nil {
		return store.ClusterSnapshot{}, fmt.Errorf("cluster snapshot: %w", err)
	}
	s.TakenAt = time.Unix(0, taken).UTC()
	return s, nil
}
