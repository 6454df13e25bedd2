//go:build !unix

package sqlite

// LockWorker is a no-op where flock is not available: the operator must
// make sure that one process only runs the pipeline on the file.
func (st *Store) LockWorker() (release func(), err error) { return func() {}, nil }
