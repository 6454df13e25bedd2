package cluster

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestYearRival checks that an undated report dated by its dateline joins
// the story of its year, not a look-alike story that gives no year and
// shares more of its words (even if it writes a year in passing), when
// the story of its year scores at least YearRivalScore of the threshold; and that it joins the look-alike with
// the rule off, when the other story is of another year, or when the
// other story scores too little.
func TestYearRival(t *testing.T) {
	t.Parallel()
	// The look-alike: an earlier cable cut, told without a year.
	lookAlike := []Doc{
		{ID: 1, Title: "Undersea internet cables cut near Egyptian coast",
			Text: "Undersea internet cables were cut near the Egyptian coast, disrupting internet connections across India, " +
				"Egypt and the Gulf, and repair ships were sent to the breaks in the Mediterranean."},
		{ID: 2, Title: "Internet disrupted as undersea cables cut near Egypt",
			Text: "Internet connections across India, Egypt and the Gulf were disrupted after undersea cables were cut " +
				"near the Egyptian coast; repair ships were sent to the breaks in the Mediterranean."},
	}
	// The article's own event, told by a report giving its year.
	own := func(dateline string) Doc {
		return Doc{ID: 3, Title: "Cable severed off Alexandria",
			Text: dateline + " An undersea cable was severed off Abu Talat near Alexandria on Tuesday, slowing internet " +
				"services near the Egyptian coast, officials said; engineers expect to repair it this week."}
	}
	article := Doc{ID: 4, Title: "August 17, 2011",
		Text: "August 17, 2011 Undersea internet cable severed near Egyptian coast. Another undersea cable was cut " +
			"near the Egyptian coast, disrupting internet connections across Egypt, and a repair ship was sent."}
	unrelated := Doc{ID: 3, Title: "Cairo shares close higher",
		Text: "August 16, 2011 Shares in Cairo closed higher on Tuesday as banks gained, traders said."}
	// The look-alike writing a year in passing, not as its dateline.
	passing := append([]Doc{}, lookAlike...)
	passing[1].Text += " The Act of 1996 obliges carriers to report such breaks."
	tests := []struct {
		name      string
		off       bool
		lookAlike []Doc
		other     Doc
		want      int64 // the ID of the first article of the story joined
	}{
		{"the story of its year", false, lookAlike, own("August 16, 2011"), 3},
		{"the look-alike writes a year in passing", false, passing, own("August 16, 2011"), 3},
		{"rule off", true, lookAlike, own("August 16, 2011"), 1},
		{"the other story of another year", false, lookAlike, own("August 16, 2010"), 1},
		{"the other story scores too little", false, lookAlike, unrelated, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			// The look-alike's two yearless reports would hold the
			// article off by YearlessSeveral alone; this test is of
			// the rival, so the lighter YearlessConflict applies.
			cfg.YearlessSeveral = 0
			if tt.off {
				cfg.YearRival = 0
			}
			c := New(cfg)
			first := map[int64]int64{}
			for _, d := range append(append([]Doc{}, tt.lookAlike...), tt.other) {
				a := c.Add(d)
				if a.NewStory {
					first[a.StoryID] = d.ID
				}
			}
			for _, e := range c.Explain(article, 5) {
				t.Logf("story of %d: score %.3f words %.2f names %.2f", first[e.StoryID], e.Score, e.Words, e.Names)
			}
			a := c.Add(article)
			if diff := cmp.Diff(tt.want, first[a.StoryID]); diff != "" {
				t.Errorf("story joined, by its first article (-want +got):\n%s", diff)
			}
		})
	}
}
