package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestStreetMentions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want []string
	}{
		{"It happened on Central Street between Clift Avenue and West 68th Street.", []string{"68th", "central", "clift"}},
		{"in the 700 block of Central Street", []string{"central"}},
		{"near Main St. and Oak Ave", []string{"main", "oak"}},
		{"Police found him on the street. A Drive-By Shooting", nil},
		{"the avenue Street", nil},
		{"Officers said St. Paul police", nil},
		{"Main Street Road", []string{"main"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, streetMentions(tt.text)); diff != "" {
			t.Errorf("streetMentions(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestMentionedStreet checks the street discount's mentions: a report
// whose address is on a street the story names without a number (a brawl
// between two streets) is not on another street, and joins; with
// StreetMentions 0, or when the story never names it, it is discounted
// and stays apart. Each case is replayed with Restore for the first
// article.
func TestMentionedStreet(t *testing.T) {
	t.Parallel()
	day := time.Date(2016, 10, 31, 8, 0, 0, 0, time.UTC)
	first := func(street string) Doc {
		return Doc{ID: 1, Time: day, Title: "Gunfire erupts during fight outside Woodlawn apartments",
			Text: "Gunfire erupted during a fight involving more than 30 people early Monday at the Woodlawn Terrace " +
				"apartments in the 700 block of West 68th Street, police said. The fight spilled onto " + street +
				" before shots rang out. Three women and a man were taken to University Health with wounds that " +
				"did not appear life-threatening. No arrest has been made."}
	}
	second := Doc{ID: 2, Time: day.Add(6 * time.Hour), Title: "Brawl outside apartment complex ends in shooting",
		Text: "Officers responded just after 2 a.m. to the 700 block of Central Street after a fight between two women " +
			"outside an apartment complex turned into a brawl. Shots were fired during the melee and four victims " +
			"were taken to University Health. Detectives with the Violent Crimes Unit are seeking warrants."}
	tests := []struct {
		name     string
		first    Doc
		mentions int
		joins    bool
	}{
		{"street named", first("Central Street"), heldMentions, true},
		{"street named, rule off", first("Central Street"), 0, false},
		{"street not named", first("the parking lot"), heldMentions, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.StreetMentions = tt.mentions
			cfg.TollThreshold = 0
			c := New(cfg)
			a1 := c.Add(tt.first)
			got := c.Add(second)
			if got.NewStory == tt.joins {
				t.Errorf("joins = %v (score %.3f), want %v", !got.NewStory, got.Score, tt.joins)
			}
			r := New(cfg)
			r.Restore(tt.first, a1)
			if diff := cmp.Diff(got, r.Add(second)); diff != "" {
				t.Errorf("after Restore (-Add +Restore):\n%s", diff)
			}
		})
	}
}

func TestTolls(t *testing.T) {
	t.Parallel()
	lead := "MIAMI - The bodies of three people found shot to death last week inside a car have been identified. "
	tests := []struct {
		title, text string
		want        []int
	}{
		{"4 wounded when bullets start flying during fight", "", []int{4}},
		{"Four injured in west Shreveport shooting", "", []int{4}},
		{"Miami man killed 2 daughters in car before shooting himself", lead, []int{3}},
		{"Man charged", "Police said 2 men were shot. " + strings.Repeat("and so on ", leadBytes/10) + " Five people were killed.", []int{2}},
		{"Boy, 7, shot", "A 3-year-old was hurt.", nil},
	}
	for _, tt := range tests {
		got := tolls(tt.title, tt.text)
		var want ages
		for _, n := range tt.want {
			want.set(n)
		}
		if got != want {
			t.Errorf("tolls(%q, %.30q) = %v, want %v", tt.title, tt.text, got, want)
		}
	}
}

// TestTollJoin checks the toll rule: a report that counts the story's
// victims in other words joins at a score between TollThreshold and
// Threshold; not with TollThreshold 0, another toll, a toll of one, or an
// address on another street. Each case is replayed with Restore for the
// first article.
func TestTollJoin(t *testing.T) {
	t.Parallel()
	day := time.Date(2016, 10, 20, 12, 0, 0, 0, time.UTC)
	first := func(n, where string) Doc {
		return Doc{ID: 1, Time: day, Title: "Deputies say " + n + " people found fatally shot in car near Ochopee",
			Text: "Collier County deputies found the car parked on the side of the highway near Ochopee on Thursday. " +
				"A passerby called the sheriff's office shortly after noon. Detectives are conducting a death " +
				"investigation and have not released names." + where}
	}
	second := func(n, where string) Doc {
		return Doc{ID: 2, Time: day.Add(7 * 24 * time.Hour), Title: "Father killed daughters before turning gun on himself, deputies say",
			Text: "The bodies of " + n + " people found shot to death last week inside a car parked near Ochopee were identified Thursday as " +
				"Jesus Valencia and his daughters Jael and Melani, the Collier County sheriff's office said." + where + " Detectives believe Valencia shot " +
				"his daughters before turning the gun on himself; a pistol was found in his hand."}
	}
	def := DefaultConfig()
	// Six days on, "Thursday" is the first report's day: a higher score
	// that the mild discount below keeps above TollThreshold.
	near := func(d Doc) Doc { d.Time = day.Add(6 * 24 * time.Hour); return d }
	street := [2]string{" The car stood in the 54000 block of Tamiami Trail.", " The car stood in the 1200 block of Loop Road."}
	tests := []struct {
		name    string
		first   Doc
		second  Doc
		thr     float64
		street  float64 // StreetConflict
		joins   bool
		between bool // the score lies between TollThreshold and Threshold
	}{
		{"same toll", first("3", ""), second("three", ""), def.TollThreshold, def.StreetConflict, true, true},
		{"same toll, rule off", first("3", ""), second("three", ""), 0, def.StreetConflict, false, true},
		{"another toll", first("4", ""), second("three", ""), def.TollThreshold, def.StreetConflict, false, true},
		{"a toll of one", first("1", ""), second("one", ""), def.TollThreshold, def.StreetConflict, false, true},
		{"a toll of two", first("2", ""), second("two", ""), def.TollThreshold, def.StreetConflict, false, true},
		// A mild discount keeps the score above TollThreshold: the
		// other street alone keeps them apart.
		{"same toll, another street", first("3", street[0]), near(second("three", street[1])), def.TollThreshold, 0.05, false, true},
		{"same toll, streets not compared", first("3", street[0]), near(second("three", street[1])), def.TollThreshold, 0, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.TollThreshold = tt.thr
			cfg.StreetConflict = tt.street
			c := New(cfg)
			a1 := c.Add(tt.first)
			got := c.Add(tt.second)
			if got.NewStory == tt.joins {
				t.Errorf("joins = %v (score %.3f), want %v", !got.NewStory, got.Score, tt.joins)
			}
			if tt.between && (got.Score < def.TollThreshold || got.Score >= def.Threshold) {
				t.Errorf("score %.3f outside [%.2f, %.2f)", got.Score, def.TollThreshold, def.Threshold)
			}
			r := New(cfg)
			r.Restore(tt.first, a1)
			if diff := cmp.Diff(got, r.Add(tt.second)); diff != "" {
				t.Errorf("after Restore (-Add +Restore):\n%s", diff)
			}
		})
	}
}
