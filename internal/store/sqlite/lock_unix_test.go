//go:build unix

package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store/sqlite"
	"github.com/newsdesk/newsdesk/internal/store/storetest"
)

// TestLockWorker runs where the lock is a flock: elsewhere LockWorker
// admits every caller.
func TestLockWorker(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	storetest.RunLockWorker(t, func(t *testing.T) storetest.WorkerLocker {
		st, err := sqlite.Open(context.Background(), path, nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return st
	})
}
