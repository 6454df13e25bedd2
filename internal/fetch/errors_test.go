package fetch

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{"120", 2 * time.Minute},
		{"99999999999", 7 * 24 * time.Hour},
		{now.Add(time.Hour).Format(http1123), time.Hour},
		{now.Add(-time.Hour).Format(http1123), 0},
		{"Fri, 27 Nov 2026 08:00:30 GMT", 30 * time.Second},
		{"Friday, 27-Nov-26 08:00:30 GMT", 30 * time.Second}, // RFC 850
		{"tomorrow", 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "Fri, 27 Nov 2026 08:00:30 GMT", "", "-1", "1e9"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		if d := parseRetryAfter(in, now); d < 0 || d > 7*24*time.Hour {
			t.Fatalf("parseRetryAfter(%q) = %v out of range", in, d)
		}
	})
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want time.Duration
	}{
		{"fetch error", &Error{Kind: KindStatus, StatusCode: 503, RetryAfter: 90 * time.Second}, 90 * time.Second},
		{"wrapped", fmt.Errorf("poll: %w", &Error{Kind: KindStatus, StatusCode: 429, RetryAfter: time.Minute}), time.Minute},
		{"no header", &Error{Kind: KindStatus, StatusCode: 503}, 0},
		{"other error", errors.New("dial tcp: refused"), 0},
		{"nil", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := RetryAfter(tt.err); got != tt.want {
				t.Errorf("RetryAfter = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHeldAndBusy checks that Held and Busy each answer for their own
// kind of request not sent, wrapped or not, and 0 for anything else.
func TestHeldAndBusy(t *testing.T) {
	t.Parallel()
	held := &Error{Kind: KindStatus, StatusCode: 429, RetryAfter: time.Minute, Detail: "held"}
	busy := &Error{Kind: KindBusy, RetryAfter: 3 * time.Second}
	tests := []struct {
		name       string
		err        error
		held, busy time.Duration
	}{
		{"held", held, time.Minute, 0},
		{"held, wrapped", fmt.Errorf("fetch: %w", held), time.Minute, 0},
		{"busy", busy, 0, 3 * time.Second},
		{"busy, wrapped", fmt.Errorf("fetch: %w", busy), 0, 3 * time.Second},
		{"429 answered", &Error{Kind: KindStatus, StatusCode: 429, RetryAfter: time.Minute}, 0, 0},
		{"held detail, other kind", &Error{Kind: KindNetwork, RetryAfter: time.Minute, Detail: "held"}, 0, 0},
		{"other error", errors.New("dial tcp: refused"), 0, 0},
		{"nil", nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Held(tt.err); got != tt.held {
				t.Errorf("Held = %v, want %v", got, tt.held)
			}
			if got := Busy(tt.err); got != tt.busy {
				t.Errorf("Busy = %v, want %v", got, tt.busy)
			}
		})
	}
}
