package news

import (
	"math"
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0 seconds"},
		{time.Minute, "1 minute"},
		{90 * time.Minute, "1 hour 30 minutes"},
		{15 * time.Minute, "15 minutes"},
		{2 * time.Hour, "2 hours"},
		{MaxPollInterval, "7 days"},
		{MaxPollInterval + time.Hour, "7 days 1 hour"},
		{36 * time.Hour, "1 day 12 hours"},
		{25*time.Hour + time.Minute + time.Second, "1 day 1 hour 1 minute 1 second"},
		{time.Second, "1 second"},
		{90 * time.Second, "1 minute 30 seconds"},
		{1500 * time.Millisecond, "1 second 500 milliseconds"},
		{250 * time.Millisecond, "250 milliseconds"},
		{time.Microsecond + time.Nanosecond, "1 microsecond 1 nanosecond"},
		// Exact, so a value just past a bound never reads as the bound.
		{MaxPollInterval + time.Nanosecond, "7 days 1 nanosecond"},
		{MinPollInterval - time.Millisecond, "59 seconds 999 milliseconds"},
		{-5 * time.Minute, "-5 minutes"},
		{-time.Nanosecond, "-1 nanosecond"},
		{math.MinInt64, "-106751 days 23 hours 47 minutes 16 seconds 854 milliseconds 775 microseconds 808 nanoseconds"},
	}
	for _, tc := range tests {
		if got := FormatDuration(tc.d); got != tc.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
