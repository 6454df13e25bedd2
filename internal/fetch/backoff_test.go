package fetch

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		failures   int
		retryAfter time.Duration
		lo, hi     time.Duration
	}{
		{0, 0, 0, 0},
		{0, time.Minute, time.Minute, time.Minute},
		{-3, 0, 0, 0},
		{1, 0, 30 * time.Second, time.Minute},
		{2, 0, time.Minute, 2 * time.Minute},
		{4, 0, 4 * time.Minute, 8 * time.Minute},
		{9, 0, 128 * time.Minute, 256 * time.Minute},
		{10, 0, 3 * time.Hour, 6 * time.Hour}, // 512 min is over the cap
		{1000, 0, 3 * time.Hour, 6 * time.Hour},
		{1, time.Hour, time.Hour, time.Hour},
		{1, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour}, // the server's word beats the cap
	}
	for _, tt := range tests {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := Backoff(tt.failures, tt.retryAfter)
			if d < tt.lo || d > tt.hi {
				t.Fatalf("Backoff(%d, %v) = %v, want in [%v, %v]", tt.failures, tt.retryAfter, d, tt.lo, tt.hi)
			}
			seen[d] = true
		}
		if tt.lo != tt.hi && len(seen) < 2 {
			t.Errorf("Backoff(%d, %v) has no jitter", tt.failures, tt.retryAfter)
		}
	}
}
