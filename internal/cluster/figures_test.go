package cluster

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFigures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, title, text string
		want              []uint16
	}{
		{"score in the headline", "Colts Clinch Playoff Berth With 31-24 Victory Against Jaguars", "", []uint16{3124}},
		{"spaced score, loser first", "Chiefs lose 13 - 20 to the Colts", "", []uint16{2013}},
		{"score in the lead", "Colts clinch playoff spot",
			"Peyton Manning was nearly perfect as the Colts beat the host Jaguars, 31-24, on Thursday night.", []uint16{3124}},
		{"record in brackets", "Klitschko stops Rahman", "Klitschko (52-3, 46 KOs) won his 10th fight in a row.", nil},
		{"record without a cue", "Klitschko stops Rahman", "Heavyweight Champion, Wladimir Klitschko, 53-3, 47 KO's, easily dismantled him.", nil},
		{"date", "Turkmen election to have 2 parties for 1st time", "2013 - 09 - 26 | The vote was won by the party.", nil},
		{"leading zero", "Vote on 09-26 won by the party", "", nil},
		{"glued word", "8-year deal won by the striker", "", nil},
		{"spaced magnitude", "Ten dead in southern Iran quake", "The 6. 1 - magnitude quake struck Qeshm island.", []uint16{magnitudeBase + 61}},
		{"magnitudes", "Quake hits Qeshm", "A magnitude-5.2 quake struck; the USGS put it at magnitude 5.4.", []uint16{magnitudeBase + 52, magnitudeBase + 54}},
		{"decimal without a cue", "Paris thieves nab jewellery", "Sales rose 3.5 percent.", nil},
		{"spaced amount", "Paris thieves nab $2. 5 million worth of jewellery", "", []uint16{amountBase + 64}},
		{"euro sign lost", "Robbers in drag steal e80 million from Paris diamond store", "", []uint16{amountBase + 79}},
		{"euro glued, AP style", "Gems worth euro85 million stolen", "", []uint16{amountBase + 79}},
		{"two currencies", "Heist", "Gems valued at 85 million euros ($108 million) were taken.", []uint16{amountBase + 79, amountBase + 80}},
		{"pounds sign, short scale", "Watches worth £1. 7m have been stolen", "", []uint16{amountBase + 62}},
		{"thousands and billions", "Deal", "The $1,500 million deal, or €1.2bn, was signed.", []uint16{amountBase + 91, amountBase + 92}},
		{"currency word after", "Paris hit by 2 mn - euro jewelry heist", "", []uint16{amountBase + 63}},
		{"no scale word", "Tickets cost $20", "", nil},
		{"no currency", "Two million people watched", "The 2 million viewers and 3 million pounds of rice.", nil},
		{"letter glued", "Heist", "the80 million figure", nil},
		{"both kinds", "Quake of magnitude 6.1 stops the game", "The Colts won 20-13 despite it.", []uint16{2013, magnitudeBase + 61}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, figures(tt.title, tt.text)); diff != "" {
				t.Errorf("figures(%q, %q) (-want +got):\n%s", tt.title, tt.text, diff)
			}
		})
	}
}

func TestOtherFigures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b []uint16
		want bool
	}{
		{"other scores", []uint16{3124}, []uint16{2013}, true},
		{"a shared score", []uint16{2013, 3124}, []uint16{3124}, false},
		{"scores against magnitudes", []uint16{3124}, []uint16{magnitudeBase + 61}, false},
		{"amounts 30 times apart", []uint16{amountBase + 64}, []uint16{amountBase + 79}, true},
		{"one haul in two currencies", []uint16{amountBase + 79}, []uint16{amountBase + 82}, false},
		{"amounts within the slack", []uint16{amountBase + 64}, []uint16{amountBase + 64 + 5}, false},
		{"amounts just past the slack", []uint16{amountBase + 64}, []uint16{amountBase + 65 + 5}, true},
		{"one side without an amount", []uint16{3124}, []uint16{3124, amountBase + 79}, false},
		{"other magnitudes", []uint16{magnitudeBase + 56}, []uint16{magnitudeBase + 61}, true},
		{"one quake by two agencies", []uint16{magnitudeBase + 52, magnitudeBase + 54}, []uint16{magnitudeBase + 56}, false},
		{"magnitudes just past the slack", []uint16{magnitudeBase + 56}, []uint16{magnitudeBase + 57 + 2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := otherFigures(tt.a, tt.b, 2, 5); got != tt.want {
				t.Errorf("otherFigures(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := otherFigures(tt.b, tt.a, 2, 5); got != tt.want {
				t.Errorf("otherFigures(%v, %v) = %v, want %v", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

// TestFigureConflict checks the figure discount on hand-made reports of
// one team's two wins over one opponent: a report of the other game's
// score is discounted, dated or not, a report repeating the score is not,
// nor one that gives no score; and the other game starts its own story
// under the discount, joins without it, and decides the same after
// Restore.
func TestFigureConflict(t *testing.T) {
	t.Parallel()
	story := []Doc{
		{ID: 1, Title: "Colts beat Jaguars 31-24 to clinch a playoff berth",
			Text: "Peyton Manning threw for three touchdowns as the Indianapolis Colts beat the Jacksonville Jaguars in Jacksonville " +
				"and clinched a playoff berth."},
		{ID: 2, Title: "Colts clinch playoff berth with 31-24 win over Jaguars",
			Text: "The Indianapolis Colts clinched a playoff berth with a win over the Jacksonville Jaguars on Thursday night, " +
				"Peyton Manning leading the comeback."},
	}
	other := Doc{ID: 3, Title: "Colts clinch playoff berth with 20-13 win",
		Text: "The Indianapolis Colts clinched a playoff berth with a win at Kansas City on Sunday, Peyton Manning throwing a late touchdown."}
	same := Doc{ID: 3, Title: "Manning leads Colts past Jaguars, 31-24",
		Text: "Peyton Manning led the Indianapolis Colts to a win over the Jacksonville Jaguars that clinched a playoff berth."}
	noScore := Doc{ID: 3, Title: "Colts into the playoffs",
		Text: "The Indianapolis Colts clinched a playoff berth after beating the Jacksonville Jaguars, Peyton Manning said."}
	day := time.Date(2008, 12, 18, 23, 0, 0, 0, time.UTC)
	dated := func(ds ...Doc) []Doc {
		out := make([]Doc, len(ds))
		for i, d := range ds {
			d.Time = day.Add(time.Duration(i) * time.Hour)
			out[i] = d
		}
		return out
	}
	otherDated := other
	otherDated.Time = day.AddDate(0, 0, 4)
	tests := []struct {
		name     string
		story    []Doc
		doc      Doc
		discount bool
	}{
		{"another score", story, other, true},
		{"another score, both dated", dated(story...), otherDated, true},
		{"the same score", story, same, false},
		{"no score", story, noScore, false},
	}
	set := func(c *Config, k float64) { c.FigureConflict = k }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkDiscount(t, set, DefaultConfig().FigureConflict, tt.story, tt.doc, tt.discount)
		})
	}
	checkStartsOwnStory(t, "FigureConflict", set, DefaultConfig().FigureConflict, story, other)
}

// TestFigureSlacks checks that MagnitudeSlack and AmountSlack set how far
// apart two magnitudes or two amounts may be and still agree: a quake
// report 3 tenths off the story's magnitude is discounted at the default
// slack 2 and not at 3, a heist report 5 tenths of a decade off the
// story's haul is not discounted at the default 5 and is at 4.
func TestFigureSlacks(t *testing.T) {
	t.Parallel()
	quake := []Doc{
		{ID: 1, Title: "Earthquake of magnitude 5.6 shakes southern Iran",
			Text: "An earthquake measuring 5.6 on the Richter scale shook the province of Hormozgan in southern Iran, " +
				"damaging villages near Bandar Abbas, officials said."},
		{ID: 2, Title: "Magnitude 5.6 quake hits Hormozgan province",
			Text: "A magnitude 5.6 earthquake struck Hormozgan province near Bandar Abbas in southern Iran, damaging " +
				"villages, officials said."},
	}
	quakeDoc := Doc{ID: 3, Title: "Magnitude 5.9 earthquake rocks southern Iran",
		Text: "An earthquake of magnitude 5.9 rocked Hormozgan province near Bandar Abbas in southern Iran, damaging villages, officials said."}
	heist := []Doc{
		{ID: 1, Title: "Thieves steal $2.6 million in jewels from Paris store",
			Text: "Armed thieves stole jewels worth $2.6 million from a store on the Champs Elysees in Paris, police said."},
		{ID: 2, Title: "Paris jewel heist nets $2.6 million",
			Text: "Police in Paris said armed thieves took jewels worth $2.6 million from a Champs Elysees store."},
	}
	heistDoc := Doc{ID: 3, Title: "Armed thieves take $8 million in jewels in Paris",
		Text: "Armed thieves took jewels worth $8 million from a store on the Champs Elysees in Paris, police said."}
	tests := []struct {
		name     string
		slack    func(*Config)
		story    []Doc
		doc      Doc
		discount bool
	}{
		{"magnitudes 3 apart, slack 2", func(*Config) {}, quake, quakeDoc, true},
		{"magnitudes 3 apart, slack 3", func(c *Config) { c.MagnitudeSlack = 3 }, quake, quakeDoc, false},
		{"amounts 5 apart, slack 5", func(*Config) {}, heist, heistDoc, false},
		{"amounts 5 apart, slack 4", func(c *Config) { c.AmountSlack = 4 }, heist, heistDoc, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set := func(c *Config, k float64) { tt.slack(c); c.FigureConflict = k }
			checkDiscount(t, set, DefaultConfig().FigureConflict, tt.story, tt.doc, tt.discount)
		})
	}
}

// TestValidateSlacks checks that Validate refuses a negative or too wide
// slack and a negative headline length, and takes the defaults.
func TestValidateSlacks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		set     func(*Config)
		wantErr bool
	}{
		{"defaults", func(*Config) {}, false},
		{"no slack", func(c *Config) { c.MagnitudeSlack, c.AmountSlack, c.HeadlineWords = 0, 0, 0 }, false},
		{"negative magnitude slack", func(c *Config) { c.MagnitudeSlack = -1 }, true},
		{"amount slack past the bound", func(c *Config) { c.AmountSlack = maxSlack + 1 }, true},
		{"negative headline words", func(c *Config) { c.HeadlineWords = -1 }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			tt.set(&cfg)
			if err := cfg.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("Validate() = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
