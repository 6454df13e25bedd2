package sqlq

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNanos(t *testing.T) {
	t.Parallel()
	for _, in := range []time.Time{{}, time.Unix(0, 1).UTC(), time.Date(2026, 3, 14, 9, 30, 0, 123456789, time.UTC)} {
		n := Nanos(in)
		if (n == nil) != in.IsZero() {
			t.Errorf("Nanos(%v) = %v, want NULL only for the zero time", in, n)
		}
		if got := FromNanos(n); !got.Equal(in) || got.Location() != time.UTC {
			t.Errorf("FromNanos(Nanos(%v)) = %v, want it back in UTC", in, got)
		}
	}
}

func TestArgs(t *testing.T) {
	t.Parallel()
	var a Args
	got := []string{a.Add(int64(7)), a.Add("x"), a.Add(nil)}
	if diff := cmp.Diff([]string{"$1", "$2", "$3"}, got); diff != "" {
		t.Errorf("placeholders mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Args{int64(7), "x", nil}, a); diff != "" {
		t.Errorf("arguments mismatch (-want +got):\n%s", diff)
	}
}
