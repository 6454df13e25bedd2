package cluster

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestTitleOnly checks that a report known only by its headline (a first
// sign-up wall of its kind, an empty body) joins its incident at
// TitleThreshold, that a full report joins a story begun by one, and that
// a full report scoring as low still needs Threshold. Each case is also
// replayed with Restore for the first article, which must leave the same
// decision for the second.
func TestTitleOnly(t *testing.T) {
	t.Parallel()
	day := time.Date(2015, 6, 1, 12, 0, 0, 0, time.UTC)
	next := day.Add(20 * time.Hour)
	const headline = "Police in Oakdale seek weekend gunman"
	full := Doc{ID: 1, Time: day, Title: "Three wounded in Riverside Avenue shooting",
		Text: "Three men were wounded early Sunday in a shooting on Riverside Avenue, Oakdale police said. " +
			"Officers found the victims outside the Blue Anchor bar. Detective Maria Lopez said the gunman fled on foot."}
	// A first sign-up wall of its kind: short, copying nothing, none of
	// its headline's words.
	walled := Doc{ID: 2, Time: next, Title: headline,
		Text: "Thank you for registering! We look forward to seeing you frequently. Visit us and sign in to update your profile."}
	// The same headline over a short body that tells it: the article.
	short := Doc{ID: 2, Time: next, Title: headline,
		Text: "Police in Oakdale seek a weekend gunman."}
	empty := Doc{ID: 1, Time: day, Title: "Oakdale police seek Riverside gunman"}
	later := full
	later.ID, later.Time = 2, next
	def := DefaultConfig()
	tests := []struct {
		name      string
		first     Doc
		second    Doc
		thinWords int
		titleThr  float64
		joins     bool
		between   bool // the score lies between the two thresholds
	}{
		{"wall follow-up", full, walled, def.ThinWords, def.TitleThreshold, true, true},
		{"wall follow-up, one threshold", full, walled, def.ThinWords, 0, false, true},
		{"wall follow-up, body trusted", full, walled, 0, def.TitleThreshold, false, false},
		{"short body on its headline", full, short, def.ThinWords, def.TitleThreshold, false, true},
		{"story begun without a body", empty, later, def.ThinWords, def.TitleThreshold, true, true},
		{"story begun without a body, one threshold", empty, later, def.ThinWords, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.ThinWords, cfg.TitleThreshold = tt.thinWords, tt.titleThr
			c := New(cfg)
			first := c.Add(tt.first)
			got := c.Add(tt.second)
			if got.NewStory == tt.joins {
				t.Errorf("joins = %v (score %.3f), want %v", !got.NewStory, got.Score, tt.joins)
			}
			// Where the thresholds decide, the score sits between them,
			// or the case tests nothing.
			if tt.between && (got.Score < def.TitleThreshold || got.Score >= def.Threshold) {
				t.Errorf("score %.3f outside [%.2f, %.2f)", got.Score, def.TitleThreshold, def.Threshold)
			}
			r := New(cfg)
			r.Restore(tt.first, first)
			if diff := cmp.Diff(got, r.Add(tt.second)); diff != "" {
				t.Errorf("after Restore (-Add +Restore):\n%s", diff)
			}
		})
	}
}
