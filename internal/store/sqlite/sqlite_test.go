package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
	"github.com/newsdesk/newsdesk/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "newsdesk.db"), nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return st
	})
}

// TestReopen checks that data survives closing and that opening an
// up-to-date database applies no migration twice.
func TestReopen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	storetest.RunReopen(t, func(t *testing.T) store.Store {
		st, err := sqlite.Open(ctx, path, nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return st
	}, func(t *testing.T, s store.Store) {
		st := s.(*sqlite.Store)
		var n int
		if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM newsdesk_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		migrations, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
		if err != nil {
			t.Fatal(err)
		}
		if n != len(migrations) {
			t.Errorf("migrations recorded: %d, want %d (one per file)", n, len(migrations))
		}
		var one int
		if err := st.QueueDB().QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
			t.Errorf("QueueDB: %v", err)
		}
	})
}

func TestLockWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsdesk.db")
	a, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	release, err := a.LockWorker()
	if err != nil {
		t.Fatalf("first LockWorker: %v", err)
	}
	if _, err := b.LockWorker(); !errors.Is(err, sqlite.ErrLocked) {
		t.Errorf("second LockWorker: err = %v, want ErrLocked", err)
	}
	release()
	release2, err := b.LockWorker()
	if err != nil {
		t.Fatalf("LockWorker after release: %v", err)
	}
	release2()
}
