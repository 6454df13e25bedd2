package cluster

import (
	"testing"
	"time"
)

// TestNameConflict checks the name discount on hand-made reports of one
// chain's two store fires: a report of the other town's fire is
// discounted when a side is undated, a follow-up of the same fire that
// names a new man is not, nor are two dated reports; and the look-alike
// starts its own story under the discount, joins without it, and decides
// the same after Restore.
func TestNameConflict(t *testing.T) {
	t.Parallel()
	day := time.Date(2013, 7, 21, 9, 0, 0, 0, time.UTC)
	surrey := []Doc{
		{ID: 1, Title: "Fire destroys Waitrose store in Banstead, Surrey",
			Text: "A fire has destroyed the Waitrose supermarket in Banstead, Surrey, and police are treating it as suspicious. " +
				"More than fifty firefighters tackled the blaze at the store on Friday night."},
		{ID: 2, Title: "Waitrose store in Banstead gutted by blaze",
			Text: "The Waitrose store in Banstead High Street, Surrey, was gutted by a fire that began on the roof on Friday night. " +
				"Residents were evacuated and police said the fire was potentially suspicious."},
	}
	wellington := Doc{ID: 3, Title: "Fire destroys Waitrose store in Wellington",
		Text: "A fire has destroyed the Waitrose supermarket in Wellington, Somerset, and police are treating it as suspicious. " +
			"Firefighters tackled the blaze at the store, which began on the roof on Sunday morning."}
	charged := Doc{ID: 3, Title: "Man charged over Waitrose fire in Banstead",
		Text: "Police have charged John Tapley with arson after the fire that destroyed the Waitrose supermarket in Banstead, Surrey, on Friday night. " +
			"He will appear before magistrates."}
	dated := func(ds []Doc) []Doc {
		out := make([]Doc, len(ds))
		for i, d := range ds {
			d.Time = day.Add(time.Duration(i) * time.Hour)
			out[i] = d
		}
		return out
	}
	wellingtonDated := wellington
	wellingtonDated.Time = day.Add(24 * time.Hour)
	tests := []struct {
		name     string
		story    []Doc
		doc      Doc
		discount bool
	}{
		{"undated, another town", surrey, wellington, true},
		{"undated, same fire, a new man", surrey, charged, false},
		{"dated story, undated article", dated(surrey), wellington, true},
		{"both dated", dated(surrey), wellingtonDated, false},
	}
	set := func(c *Config, k float64) { c.NameConflict = k }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkDiscount(t, set, DefaultConfig().NameConflict, tt.story, tt.doc, tt.discount)
		})
	}
	checkStartsOwnStory(t, "NameConflict", set, DefaultConfig().NameConflict, surrey, wellington)

	// An undated story whose datelines give the dated article's year
	// (NameConflictYear): no discount, unless the rule is off or the
	// datelines give another year.
	datelined := func(date string) []Doc {
		out := make([]Doc, len(surrey))
		for i, d := range surrey {
			d.Text = date + " " + d.Text
			out[i] = d
		}
		return out
	}
	years := []struct {
		name     string
		on       bool
		story    []Doc
		discount bool
	}{
		{"datelines of the article's year", true, datelined("July 19, 2013"), false},
		{"datelines of the article's year, rule off", false, datelined("July 19, 2013"), true},
		{"datelines of another year", true, datelined("July 19, 2012"), true},
	}
	for _, tt := range years {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set := func(c *Config, k float64) { c.NameConflict, c.NameConflictYear = k, tt.on }
			checkDiscount(t, set, DefaultConfig().NameConflict, tt.story, wellingtonDated, tt.discount)
		})
	}
}
