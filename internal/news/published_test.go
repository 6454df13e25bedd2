package news

import (
	"testing"
	"time"
)

// TestPlausiblePublished checks both bounds of the rule feeds and pages
// share, at and one second past each, and that the first is an instant,
// not a calendar year in whatever zone the date was written in.
func TestPlausiblePublished(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"first second of 1995", time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"last second of 1994", time.Date(1994, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{"1995 in Paris, 1994 in UTC", time.Date(1995, 1, 1, 0, 30, 0, 0, paris), false},
		{"1994 in New York, 1995 in UTC", time.Date(1994, 12, 31, 20, 0, 0, 0, time.FixedZone("EST", -5*3600)), true},
		{"now", now, true},
		{"a year ahead", now.AddDate(1, 0, 0), true},
		{"a year and a second ahead", now.AddDate(1, 0, 0).Add(time.Second), false},
		{"year 9999", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{"zero", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := PlausiblePublished(tt.t, now); got != tt.want {
				t.Errorf("PlausiblePublished(%v) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}
