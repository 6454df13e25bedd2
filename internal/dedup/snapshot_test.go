package dedup

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestIndexBinaryRoundTrip checks that a decoded index equals the encoded
// one field by field, including the exact-copy map after the first of two
// equal texts was evicted, and finds what the original finds.
func TestIndexBinaryRoundTrip(t *testing.T) {
	t.Parallel()
	day := time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		cfg  Config
		add  func(x *Index)
	}{
		{"empty", DefaultConfig(), func(*Index) {}},
		{"evicted by time, copies held", DefaultConfig(), func(x *Index) {
			x.Add(1, Of("short text"), day)
			x.Add(2, Of("short text"), day.Add(5*24*time.Hour))
			x.Add(3, Of(wire), day.Add(6*24*time.Hour))
			x.Add(4, Of(wire+" more"), day.Add(9*24*time.Hour))
			x.Add(5, Of("undated"), time.Time{})
		}},
		{"evicted by count past compaction", Config{MinSimilarity: 0.6, MinWords: 5, MaxEntries: 50}, func(x *Index) {
			for i := range 3000 {
				x.Add(int64(i+1), Of(fmt.Sprintf("text number %d about nothing in particular %s", i%700, strings.Repeat("x ", i%9))), day.Add(time.Duration(i)*time.Minute))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := NewIndex(tt.cfg)
			tt.add(x)
			data, err := x.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			y := NewIndex(tt.cfg)
			if err := y.UnmarshalBinary(data); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			if diff := cmp.Diff(x, y, cmp.AllowUnexported(Index{}, entry{})); diff != "" {
				t.Errorf("decoded index (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzIndexUnmarshalBinary(f *testing.F) {
	x := NewIndex(DefaultConfig())
	x.Add(1, Of(wire), time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC))
	x.Add(2, Of("short"), time.Time{})
	data, _ := x.MarshalBinary()
	f.Add(data)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		y := NewIndex(DefaultConfig())
		if err := y.UnmarshalBinary(data); err != nil {
			return
		}
		// Whatever decodes must be usable.
		y.Find(Of(wire))
		y.Add(99, Of(wire), time.Time{})
	})
}
