//go:build unix

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"

	"github.com/newsdesk/newsdesk/internal/store"
)

// LockWorker takes the database's worker lock, an exclusive flock on
// path + "-worker.lock", and returns the function that releases it; another
// holder's lock gives an error matching store.ErrLocked. Only one process
// may run the pipeline on a SQLite file: its jobs reclaim every running job
// at start, and its clusterer numbers stories. The kernel drops the lock
// when the process dies, even by kill -9, so it never goes stale. release
// may be called more than once; the later calls do nothing.
func (st *Store) LockWorker() (release func(), err error) {
	name := st.path + "-worker.lock"
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("lock %s: %w", name, store.ErrLocked)
		}
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	return sync.OnceFunc(func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}), nil
}
