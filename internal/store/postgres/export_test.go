package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdesk/newsdesk/internal/store"
)

// LockMigrate is the first key of the migration lock.
const LockMigrate = lockMigrate

// SetFenceIdleTimeout replaces st's FenceIdleTimeout, so that a test of it
// need not wait the default.
func SetFenceIdleTimeout(st *Store, d time.Duration) { st.fenceIdle = d }

// Fenced runs write as a write of l (a Leader of this package) would run:
// in the transaction that checked the epoch.
func Fenced(ctx context.Context, l store.Leader, write func(tx pgx.Tx) error) error {
	return l.(*leader).fenced(ctx, "test write", write)
}
