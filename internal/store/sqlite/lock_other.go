//go:build !unix

package sqlite

import "errors"

// ErrLocked is returned by LockWorker when another process holds the lock.
var ErrLocked = errors.New("another newsdesk process is working on this database")

// LockWorker is a no-op where flock is not available: the operator must
// make sure that one process only runs the pipeline on the file.
func (st *Store) LockWorker() (release func(), err error) { return func() {}, nil }
