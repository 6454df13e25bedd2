package queue_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/queue"
)

// TestCountDueIn checks that CountDueIn counts the jobs ready to run and
// those scheduled (a snooze) within its horizon, not those further off,
// and stops at its limit.
func TestCountDueIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var done atomic.Int64
	db := openDB(t)
	if err := queue.Migrate(ctx, db, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	q := newQueue(t, db, 1, &done, nil) // not started: nothing runs
	now := time.Now()
	n := 0
	insert := func(count int, at time.Time) {
		for range count {
			n++
			if _, err := q.Client.Insert(ctx, noopArgs{N: n}, &river.InsertOpts{ScheduledAt: at}); err != nil {
				t.Fatal(err)
			}
		}
	}
	insert(2, time.Time{})             // available
	insert(3, now.Add(10*time.Second)) // snoozed until a host's turn
	insert(2, now.Add(2*time.Hour))    // far off
	tests := []struct {
		limit  int
		within time.Duration
		want   int
	}{
		{100, 0, 2},
		{100, time.Minute, 5},
		{100, 3 * time.Hour, 7},
		{4, time.Minute, 4},
		{1, time.Minute, 1},
	}
	var got, want []string
	for _, tt := range tests {
		c, err := q.CountDueIn(ctx, tt.limit, tt.within, river.QueueDefault)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("limit %d within %v: %d", tt.limit, tt.within, c))
		want = append(want, fmt.Sprintf("limit %d within %v: %d", tt.limit, tt.within, tt.want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CountDueIn (-want +got):\n%s", diff)
	}
}
