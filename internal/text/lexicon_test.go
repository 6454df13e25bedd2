package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCalendarWords pins the month and weekday lookups other packages
// read the lists through (the clusterer's dates and street anchors).
func TestCalendarWords(t *testing.T) {
	t.Parallel()
	type got struct {
		Month        int
		IsMonth      bool
		SpanishMonth bool
		Weekday      int
		IsWeekday    bool
	}
	tests := []struct {
		key  string
		want got
	}{
		{"march", got{Month: 3, IsMonth: true}},
		{"sept", got{Month: 9, IsMonth: true}},
		{"setiembre", got{Month: 9, IsMonth: true, SpanishMonth: true}},
		{"mayo", got{Month: 5, IsMonth: true, SpanishMonth: true}},
		{"sunday", got{Weekday: 0, IsWeekday: true}},
		{"miercoles", got{Weekday: 3, IsWeekday: true}},
		{"March", got{}}, // keys are folded (see Key)
		{"monday's", got{}},
		{"week", got{}},
	}
	for _, tt := range tests {
		var g got
		g.Month, g.IsMonth = MonthNumber(tt.key)
		g.SpanishMonth = SpanishMonth(tt.key)
		g.Weekday, g.IsWeekday = WeekdayNumber(tt.key)
		if diff := cmp.Diff(tt.want, g); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.key, diff)
		}
	}
}

// TestJoinDisjoint checks that joining two word lists that share a key
// panics, not that the second list's number silently wins.
func TestJoinDisjoint(t *testing.T) {
	t.Parallel()
	if diff := cmp.Diff(map[string]int{"may": 5, "mayo": 5}, joinDisjoint(map[string]int{"may": 5}, map[string]int{"mayo": 5})); diff != "" {
		t.Errorf("joined (-want +got):\n%s", diff)
	}
	defer func() {
		if recover() == nil {
			t.Error("joinDisjoint of lists sharing \"mar\" did not panic")
		}
	}()
	joinDisjoint(map[string]int{"mar": 3}, map[string]int{"mar": 0})
}
