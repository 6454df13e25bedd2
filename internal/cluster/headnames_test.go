package cluster

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestHeadNameConflict checks that an undated report whose headline names
// a two-word name the story never names (a boxer's other opponent) scores
// HeadNameConflict less against it, and that a headline naming the
// story's people, a first sentence standing as the title, or a dated
// article against a dated story is not discounted.
func TestHeadNameConflict(t *testing.T) {
	t.Parallel()
	story := []Doc{
		{ID: 1, Title: "Wladimir Klitschko stops Hasim Rahman in seventh round",
			Text: "Wladimir Klitschko defended his heavyweight title by stopping Hasim Rahman in the seventh round at SAP Arena " +
				"in Mannheim on Saturday night. Klitschko dominated Rahman with his jab from the opening bell."},
		{ID: 2, Title: "Klitschko retains title against Rahman",
			Text: "Wladimir Klitschko retained his heavyweight title against Hasim Rahman, the referee stopping the fight " +
				"in the seventh round in Mannheim on Saturday night as Klitschko landed jab after jab."},
	}
	body := "Wladimir Klitschko stopped his challenger in the sixth round to retain his heavyweight title on Saturday " +
		"night, landing his jab from the opening bell."
	day := time.Date(2012, 7, 7, 22, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		title  string
		dated  bool
		wantBy float64 // the share the score keeps with the rule on
	}{
		{"another opponent in the headline", "Wladimir Klitschko stops Tony Thompson in sixth round", false, 0.8},
		{"the story's people in the headline", "Wladimir Klitschko stops Hasim Rahman again", false, 1},
		{"a first sentence as the title", "Wladimir Klitschko stopped Tony Thompson in the sixth round to retain his WBA, IBF and WBO " +
			"heavyweight title belts on Saturday night in Bern", false, 1},
		{"both dated", "Wladimir Klitschko stops Tony Thompson in sixth round", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			score := func(k float64) float64 {
				cfg := DefaultConfig()
				cfg.HeadNameConflict = k
				c := New(cfg)
				for _, d := range story {
					if tt.dated {
						d.Time = day
					}
					c.Add(d)
				}
				d := Doc{ID: 3, Title: tt.title, Text: body}
				if tt.dated {
					d.Time = day.Add(time.Hour)
				}
				cands := c.Explain(d, 1)
				if len(cands) == 0 {
					t.Fatal("no candidate story")
				}
				return cands[0].Score
			}
			on, off := score(0.2), score(0)
			if off <= 0 {
				t.Fatalf("score with the rule off %v, want > 0", off)
			}
			got := math.Round(on/off*100) / 100
			if diff := cmp.Diff(tt.wantBy, got); diff != "" {
				t.Errorf("share of the score kept (-want +got):\n%s", diff)
			}
		})
	}
}
