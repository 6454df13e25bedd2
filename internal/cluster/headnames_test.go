package cluster

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestHeadNameConflict checks that an undated report whose headline names
// a two-word name the story never names (a boxer's other opponent) scores
// HeadNameConflict less against it, and that a headline naming the
// story's people, a first sentence standing as the title, or a dated
// article against a dated story is not discounted; and that
// HeadlineWords sets which titles are headlines (the 9-word one is none
// at 5, the 24-word first sentence is one at 30).
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
	short := "Wladimir Klitschko stops Tony Thompson in sixth round"
	long := "Wladimir Klitschko stopped Tony Thompson in the sixth round to retain his WBA, IBF and WBO " +
		"heavyweight title belts on Saturday night in Bern" // 24 words
	tests := []struct {
		name   string
		title  string
		dated  bool
		words  int     // HeadlineWords; 0: the default 15
		wantBy float64 // the share the score keeps with the rule on
	}{
		{"another opponent in the headline", short, false, 0, 0.8},
		{"the story's people in the headline", "Wladimir Klitschko stops Hasim Rahman again", false, 0, 1},
		{"a first sentence as the title", long, false, 0, 1},
		{"both dated", short, true, 0, 1},
		{"another opponent, headline words 5", short, false, 5, 1},
		{"a first sentence, headline words 30", long, false, 30, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			score := func(k float64) float64 {
				cfg := DefaultConfig()
				cfg.HeadNameConflict = k
				if tt.words > 0 {
					cfg.HeadlineWords = tt.words
				}
				docs, d := atDay(story, Doc{ID: 3, Title: tt.title, Text: body}, day, tt.dated)
				return bestScore(t, cfg, docs, d)
			}
			wantShareKept(t, score, tt.wantBy)
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
				docs, d := atDay(story, Doc{ID: 3, Title: tt.title, Text: tt.text}, day, tt.dated)
				return bestScore(t, cfg, docs, d)
			}
			wantShareKept(t, score, tt.wantBy)
		})
	}
}

// TestLeadNameConflict checks that a report with no time and no year whose
// lead leaves out the story's man, naming him only further down, keeps
// 1 - LeadNameConflict of its score, and that a lead naming him (whole or
// by his last word), a year, a time or a title-case story headline keeps
// all of it.
func TestLeadNameConflict(t *testing.T) {
	t.Parallel()
	day := time.Date(2011, 1, 5, 9, 0, 0, 0, time.UTC)
	story := []Doc{
		{ID: 1, Title: "Pierre Thomas is headed to injured reserve", Time: day,
			Text: "The New Orleans Saints placed running back Pierre Thomas on injured reserve with an ankle injury. " +
				"Pierre Thomas missed practice all week, and Reggie Bush will carry the load in the playoffs."},
		{ID: 2, Title: "Saints place Pierre Thomas on injured reserve", Time: day.Add(time.Hour),
			Text: "Pierre Thomas is out for the playoffs after the Saints placed him on injured reserve on Wednesday. " +
				"Pierre Thomas hurt his ankle on Sunday; Reggie Bush and Chris Ivory share the backfield."},
		{ID: 3, Title: "Saints' Pierre Thomas placed on IR", Time: day.Add(2 * time.Hour),
			Text: "The Saints placed Pierre Thomas on injured reserve, ending his season. Pierre Thomas had an ankle " +
				"injury; Reggie Bush is the starter again."},
	}
	// The look-alike's lead (its first 300 bytes) names only its own man;
	// the story's comes further down.
	passing := "The Associated Press reports New Orleans Saints running back Reggie Bush will miss the rest of the " +
		"season with a knee injury. Bush had an MRI this week, and the head coach decided the team would place " +
		"Bush on injured reserve. It has been a disappointing campaign for Bush, who played in ten games this " +
		"year. In Bush's absence, running back Pierre Thomas has established himself as the starter."
	tests := []struct {
		name    string
		title   string
		text    string
		year    int
		time    bool
		storyTC bool // the story's first headline in title case
		wantBy  float64
	}{
		{"the story's man named only in passing", "Reggie Bush's season over", passing, 0, false, false, 0.5},
		{"the story's man in the lead", "Reggie Bush's season over, Pierre Thomas starts", passing, 0, false, false, 1},
		{"by his last word", "Reggie Bush's season over as Thomas starts", passing, 0, false, false, 1},
		{"a year given", "Reggie Bush's season over", passing, 2011, false, false, 1},
		{"a dated report", "Reggie Bush's season over", passing, 0, true, false, 1},
		{"a title-case story headline", "Reggie Bush's season over", passing, 0, false, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs := slices.Clone(story)
			if tt.storyTC {
				docs[0].Title = "Pierre Thomas Headed To Injured Reserve"
			}
			d := Doc{ID: 4, Title: tt.title, Text: tt.text, Year: tt.year}
			if tt.time {
				d.Time = day.Add(3 * time.Hour)
			}
			score := func(k float64) float64 {
				cfg := DefaultConfig()
				cfg.LeadNameConflict = k
				return bestScore(t, cfg, docs, d)
			}
			if diff := cmp.Diff(tt.wantBy, keptShare(t, score(0.5), score(0))); diff != "" {
				t.Errorf("share of the score kept (-want +got):\n%s", diff)
			}
		})
	}
}

// keptShare is the share of the score off that a rule leaves, to two
// places.
func keptShare(t *testing.T, on, off float64) float64 {
	t.Helper()
	if off <= 0 {
		t.Fatalf("score with the rule off %v, want > 0", off)
	}
	return math.Round(on/off*100) / 100
}

// TestHeadNameEvery checks that with HeadNameEvery a report naming one of
// the story's headline names keeps its score, though a run of capitals in
// that headline gives pairs across two names ("Saints RB") it does not
// write, and that a report naming none of them is still discounted.
func TestHeadNameEvery(t *testing.T) {
	t.Parallel()
	story := []Doc{
		{ID: 1, Title: "New Orleans Saints RB Reggie Bush placed on injured reserve",
			Text: "New Orleans Saints RB Reggie Bush was placed on injured reserve on Wednesday with a sprained knee, " +
				"the team said, and will miss the last two games of the season."},
		{ID: 2, Title: "Saints RB Reggie Bush out for the season",
			Text: "Saints RB Reggie Bush will miss the rest of the season with a knee injury, New Orleans said on " +
				"Wednesday, placing him on injured reserve before the last two games."},
	}
	tests := []struct {
		name   string
		every  bool
		text   string
		wantBy float64 // the share the score keeps with HeadNameConflict 0.2
	}{
		{"names Reggie Bush", true, "New Orleans Saints running back Reggie Bush has been placed on injured reserve " +
			"and will miss the final two games of the season, the team said on Wednesday.", 1},
		{"names Reggie Bush, rule off", false, "New Orleans Saints running back Reggie Bush has been placed on injured " +
			"reserve and will miss the final two games of the season, the team said on Wednesday.", 0.8},
		{"names none of them", true, "The Saints running back has been placed on injured reserve and will miss the " +
			"final two games of the season, the team said on Wednesday.", 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			score := func(k float64) float64 {
				cfg := DefaultConfig()
				cfg.HeadNameConflict, cfg.HeadNameEvery, cfg.LeadNameConflict = k, tt.every, 0
				c := New(cfg)
				for _, d := range story {
					c.Add(d)
				}
				for i, w := range []string{"flood", "storm", "drought"} { // other news, for the words' rarity
					c.Add(Doc{ID: int64(10 + i), Title: "A " + w + " hits the coast", Text: "A " + w + " hit the coast on Monday, officials said."})
				}
				// As in the feed, the text starts with the headline (else it reads as a
				// sign-up wall, see thin).
				cands := c.Explain(Doc{ID: 3, Title: "Sports news in brief", Text: "Sports news in brief: " + tt.text}, 1)
				if len(cands) == 0 {
					t.Fatal("no candidate story")
				}
				return cands[0].Score
			}
			wantShareKept(t, score, tt.wantBy)
		})
	}
}

// atDay returns story and d as they are, or, when dated, with the story's
// articles at day and d an hour later: one pair of a table test's rows
// undated, the other dated.
func atDay(story []Doc, d Doc, day time.Time, dated bool) ([]Doc, Doc) {
	if !dated {
		return story, d
	}
	story = slices.Clone(story)
	for i := range story {
		story[i].Time = day
	}
	d.Time = day.Add(time.Hour)
	return story, d
}

// wantShareKept wants score with the rule at 0.2 to be want times its
// score with the rule off (to two places).
func wantShareKept(t *testing.T, score func(k float64) float64, want float64) {
	t.Helper()
	on, off := score(0.2), score(0)
	if off <= 0 {
		t.Fatalf("score with the rule off %v, want > 0", off)
	}
	got := math.Round(on/off*100) / 100
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("share of the score kept (-want +got):\n%s", diff)
	}
}
