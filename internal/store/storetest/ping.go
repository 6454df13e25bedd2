package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
)

// testPing checks that an open store answers Ping, and that a context
// already done makes it fail rather than hang: the web server's readiness
// probe bounds its Ping with a deadline and must get an answer by then.
func testPing(t *testing.T, st store.Store) {
	if err := st.Ping(t.Context()); err != nil {
		t.Fatalf("Ping on an open store: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	start := time.Now()
	if err := st.Ping(ctx); err == nil {
		t.Errorf("Ping with a cancelled context succeeded")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Ping with a cancelled context took %s", d)
	}
}
