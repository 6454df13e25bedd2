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

// TestStoryHeadNameConflict checks the other way of newHeadName: an
// undated report with a headline of its own that never names a two-word
// name of the story's first headline (a team's other player) scores
// HeadNameConflict less against it, and that a report naming the story's
// man, one whose title is its first sentence (the guard: the name may come
// later in its text) and a dated pair are not discounted.
func TestStoryHeadNameConflict(t *testing.T) {
	t.Parallel()
	story := []Doc{
		{ID: 1, Title: "Chargers ' Jamal Williams arrested for DUI",
			Text: "San Diego Chargers nose tackle Jamal Williams was arrested on suspicion of drunken driving early " +
				"Sunday, police said. The Chargers said they were aware of the arrest and would not comment further."},
		{ID: 2, Title: "Chargers nose tackle arrested on suspicion of drunken driving",
			Text: "Jamal Williams of the San Diego Chargers was arrested on suspicion of drunken driving early Sunday " +
				"in San Diego, police said. The team said it was aware of the arrest."},
	}
	day := time.Date(2010, 2, 7, 9, 0, 0, 0, time.UTC)
	other := "San Diego Chargers receiver Vincent Jackson was arrested on suspicion of drunken driving early Sunday, " +
		"police said. The Chargers said they were aware of the arrest."
	tests := []struct {
		name   string
		title  string
		text   string
		dated  bool
		wantBy float64 // the share the score keeps with the rule on
	}{
		{"another player, the story's man never named", "Chargers ' Jackson arrested on suspicion of DUI", other, false, 0.8},
		{"the story's man named", "Chargers ' Williams arrested on suspicion of DUI",
			"San Diego Chargers nose tackle Jamal Williams was arrested on suspicion of drunken driving early Sunday, " +
				"police said. The Chargers said they were aware of the arrest.", false, 1},
		{"a first sentence as the title", "San Diego Chargers receiver Vincent Jackson was arrested on suspicion of " +
			"drunken driving early Sunday, police said, and the team said it was aware", other, false, 1},
		{"both dated", "Chargers ' Jackson arrested on suspicion of DUI", other, true, 1},
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
				d := Doc{ID: 3, Title: tt.title, Text: tt.text}
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
