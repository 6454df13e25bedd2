package sqlq

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
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

// row is a Scanner of one row of values, each set through its
// destination pointer as a driver would, so that a scan that reads the
// columns in another order or number fails.
type row []any

func (r row) Scan(dest ...any) error {
	if len(dest) != len(r) {
		return fmt.Errorf("scan of %d columns into %d destinations", len(r), len(dest))
	}
	for i, v := range r {
		d := reflect.ValueOf(dest[i]).Elem()
		if v == nil {
			d.SetZero()
			continue
		}
		if !reflect.TypeOf(v).AssignableTo(d.Type()) {
			return fmt.Errorf("column %d: %T into %s", i, v, d.Type())
		}
		d.Set(reflect.ValueOf(v))
	}
	return nil
}

// TestScanStoryRows checks that the queries that select a story, alone
// or followed by a rank or a hit's article ID, read the story alike and
// the extra column last.
func TestScanStoryRows(t *testing.T) {
	t.Parallel()
	first, last := int64(1_773_480_600_000_000_000), int64(1_773_484_200_000_000_001)
	story := news.Story{ID: 7, ThreadID: 3, Title: "Bridge reopens", Category: "local",
		FirstSeen: time.Unix(0, first).UTC(), LastUpdated: time.Unix(0, last).UTC(),
		ArticleCount: 4, SourceCount: 2, Briefed: true}
	cols := row{int64(7), int64(3), "Bridge reopens", "local", &first, &last, 4, 2, true}
	unseen := news.Story{ID: 8, Title: "Not yet seen"}
	unseenCols := row{int64(8), int64(0), "Not yet seen", "", nil, nil, 0, 0, false}
	with := func(r row, extra any) row { return append(slices.Clone(r), extra) }
	tests := []struct {
		name string
		scan func(Scanner) (any, error)
		cols row
		want any
	}{
		{"story", func(r Scanner) (any, error) { return ScanStory(r) }, cols, story},
		{"story, no times", func(r Scanner) (any, error) { return ScanStory(r) }, unseenCols, unseen},
		{"ranked", func(r Scanner) (any, error) { return ScanRanked(r) }, with(cols, int64(-42)), RankedRow{Story: story, Rank: -42}},
		{"ranked, no times", func(r Scanner) (any, error) { return ScanRanked(r) }, with(unseenCols, int64(5)), RankedRow{Story: unseen, Rank: 5}},
		{"search", func(r Scanner) (any, error) { return ScanSearch(r) }, with(cols, int64(99)), SearchRow{Story: story, ArticleID: 99}},
	}
	for _, tc := range tests {
		got, err := tc.scan(tc.cols)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", tc.name, diff)
		}
	}
	// One column short: an error, not a story read from the wrong columns.
	if _, err := ScanRanked(cols); err == nil {
		t.Errorf("ScanRanked of a row without its rank: no error")
	}
}
