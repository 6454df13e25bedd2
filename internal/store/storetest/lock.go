package storetest

import (
	"errors"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
)

// WorkerLocker is a store with a worker lock, one holder per database
// (sqlite.Store.LockWorker, postgres.Store.LockWorker): what RunLockWorker
// needs of it.
type WorkerLocker interface {
	LockWorker() (release func(), err error)
	Close() error
}

// RunLockWorker checks a back end's worker lock: open must open a new store
// on the same database on every call, and the suite closes them. While one
// store holds the lock another is refused with store.ErrLocked; once it is
// released another takes it; and a release called again does nothing, so
// it cannot free the lock of the holder that took it since.
func RunLockWorker(t *testing.T, open func(t *testing.T) WorkerLocker) {
	var stores [3]WorkerLocker
	for i := range stores {
		st := open(t)
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		stores[i] = st
	}
	a, b, c := stores[0], stores[1], stores[2]
	// mustRefuse checks that st is refused, releasing the lock if it was
	// wrongly given so that the stores close cleanly.
	mustRefuse := func(st WorkerLocker, when string) {
		t.Helper()
		release, err := st.LockWorker()
		if err == nil {
			release()
		}
		if !errors.Is(err, store.ErrLocked) {
			t.Errorf("LockWorker %s: err = %v, want store.ErrLocked", when, err)
		}
	}

	releaseA, err := a.LockWorker()
	if err != nil {
		t.Fatalf("first LockWorker: %v", err)
	}
	mustRefuse(b, "while another store holds the lock")
	releaseA()
	releaseB, err := b.LockWorker()
	if err != nil {
		t.Fatalf("LockWorker after the holder released: %v", err)
	}
	releaseA()
	mustRefuse(c, "after the previous holder released again")
	releaseB()
	releaseB()
	releaseC, err := c.LockWorker()
	if err != nil {
		t.Fatalf("LockWorker after releasing twice: %v", err)
	}
	releaseC()
}
