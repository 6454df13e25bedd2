package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/store"
)

// instanceCallers is how many calls ask for the instance ID at once.
const instanceCallers = 8

// instanceIDs calls InstanceID on each store at once, n calls a store,
// released together so that they race to store their draws, and returns
// every ID they got.
func instanceIDs(t *testing.T, stores []store.Store, n int) []string {
	t.Helper()
	ctx := context.Background()
	ids := make([]string, len(stores)*n)
	errs := make([]error, len(ids))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			<-start
			ids[i], errs[i] = stores[i%len(stores)].InstanceID(ctx)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("InstanceID, call %d: %v", i, err)
		}
	}
	return ids
}

// checkOneInstanceID fails t unless every ID in ids is the first one, and
// that one fits the generator URN.
func checkOneInstanceID(t *testing.T, ids []string) {
	t.Helper()
	if !feed.ValidInstanceID(ids[0]) {
		t.Errorf("InstanceID = %q; want 1 to 64 letters, digits, '-', '_' or '.'", ids[0])
	}
	for i, id := range ids {
		if id != ids[0] {
			t.Errorf("InstanceID, call %d = %q; call 0 got %q: callers disagree", i, id, ids[0])
		}
	}
}

// testInstanceID checks that a store's instance ID is drawn once and then
// kept: calls at once (on PostgreSQL, on as many pooled connections) and
// calls after all get the first one stored.
func testInstanceID(t *testing.T, st store.Store) {
	stores := []store.Store{st}
	first := instanceIDs(t, stores, instanceCallers)
	checkOneInstanceID(t, append(first, instanceIDs(t, stores, 2)...))
}

// RunInstanceID checks that processes starting together on one new
// database agree on its instance ID, as several workers sharing one
// PostgreSQL database must: else each would take another's Atom feed for
// another desk's. open must open a new store on the same database on every
// call, empty on the first; the stores are opened first, then every one
// asks at once, and the suite closes them. Then a store opened on the
// database that holds the ID, as a restart opens it, must read that ID
// rather than draw another.
func RunInstanceID(t *testing.T, open func(t *testing.T) store.Store) {
	opened := func() store.Store {
		st := open(t)
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return st
	}
	stores := make([]store.Store, 4)
	for i := range stores {
		stores[i] = opened()
	}
	ids := instanceIDs(t, stores, 2)
	checkOneInstanceID(t, ids)
	reopened := instanceIDs(t, []store.Store{opened()}, 1)
	checkOneInstanceID(t, append(ids, reopened...))
}
