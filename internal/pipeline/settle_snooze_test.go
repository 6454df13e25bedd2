package pipeline

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
)

// TestSettleSnoozes checks that a cluster job that finds the articles
// settling is snoozed, not completed: completed, it is inserted again every
// GroupEvery and by every stored article, a queue round trip each.
func TestSettleSnoozes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		left time.Duration
		want time.Duration
	}{
		{"long wait is snoozed in steps", 2 * time.Second, maxSettleSnooze},
		{"short wait is snoozed to its end", 40 * time.Millisecond, 40 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &Pipeline{} // not shared: always the leader
			err := p.groupJob(context.Background(), func(context.Context) error {
				return &settleWait{left: tt.left}
			})
			var snooze *rivertype.JobSnoozeError
			if !errors.As(err, &snooze) {
				t.Fatalf("groupJob = %v, want a snooze", err)
			}
			if snooze.Duration != tt.want {
				t.Errorf("snoozed %s, want %s", snooze.Duration, tt.want)
			}
		})
	}
}
