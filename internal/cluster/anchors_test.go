package cluster

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestAnchors checks which details count as incident anchors and that two
// ways of writing one address or one person agree.
func TestAnchors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		a, b    string
		same    bool     // a and b share an anchor
		streets []string // the streets of a
	}{
		{"block and house number", "shots in the 13500 block of Cerise Avenue.", "a party at 13548 Cerise Ave. on Tuesday", true, []string{"cerise"}},
		{"direction and ordinal", "found at 2200 N. 14th Street", "the 2200 block of North 14th St", true, []string{"14th"}},
		{"two-word street", "at 400 Martin Luther King Boulevard", "near 400 King Blvd.", true, []string{"king"}},
		{"block of a street without its type", "in the 700 block of North Homan in Chicago", "the 700 block of N. Homan Ave.", true, []string{"homan"}},
		{"block of a street before a weekday", "the 7700 block of Utica Tuesday", "at 7748 Utica Street", true, []string{"utica"}},
		{"block of a street before a weekday's", "near the 7700 block of Utica Tuesday's shooting", "at 7748 Utica Street", true, []string{"utica"}},
		{"block of a street at a sentence's end", "the 5200 block of Hickory Woods. Police", "5200 block of Hickory Woods Drive", true, []string{"woods"}},
		{"street named after a month", "at 1200 May Street", "the 1200 block of May St.", true, []string{"may"}},
		{"house number without a street type", "at 700 North Homan in Chicago", "at 700 North Homan in Chicago", false, nil},
		{"other block", "in the 1500 block of Versailles Avenue", "at 1620 Versailles Avenue", false, []string{"versailles"}},
		{"person and age", "Julian L. Sims, 20, died.", "police named Julian Sims, 20, of Hawthorne", true, nil},
		{"person with a suffix and age", "Darell Alston Jr., 26, was", "identified as Darell Alston, 26, of", true, nil},
		{"person with a suffix after a comma", "Anthony Rosemond, Jr., 31, was", "Anthony Rosemond Sr., 31, said", true, nil},
		{"suffix alone", "said Jr., 26, who", "said Jr., 26, who", false, nil},
		{"other age", "Julian Sims, 20, died.", "Monica Sims, 43, said", false, nil},
		{"count in a headline", "4 Shot Near Park Drive", "4 Shot Near Park Drive", false, nil},
		{"figure, not a number", "spent 1,500 Main Street dollars", "at 500 Main Street", false, nil},
		{"time, not a number", "at 1:15 Elm Street time", "15 Elm Street", false, nil},
		{"street type inside a word", "a 20 Mile Drive-By", "a 20 Mile Drive-By", false, nil},
		{"date, not an age", "on Tuesday, Jan. 5, 2013, police said", "on Tuesday, Jan. 5, 2013, police said", false, nil},
		{"surname alone", "said Sims, 20, who", "said Sims, 20, who", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, streets := anchors(tt.a)
			b, _ := anchors(tt.b)
			if got := sharesAnchor(a, b); got != tt.same {
				t.Errorf("shares an anchor = %v, want %v (%d and %d anchors)", got, tt.same, len(a), len(b))
			}
			if diff := cmp.Diff(tt.streets, streets); diff != "" {
				t.Errorf("streets (-want +got):\n%s", diff)
			}
			if !slices.IsSorted(a) || len(slices.Compact(slices.Clone(a))) != len(a) {
				t.Errorf("anchors %v not sorted and unique", a)
			}
		})
	}
}

// TestOtherStreets checks the street conflict: both sides give streets and
// none of one side's is the other's, a letter's slip apart.
func TestOtherStreets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b []string
		want bool
	}{
		{"same street", []string{"hewitt"}, []string{"elm", "hewitt"}, false},
		{"a letter dropped", []string{"killiam"}, []string{"kiliam"}, false},
		{"a letter added", []string{"star"}, []string{"starr"}, false},
		{"a letter changed", []string{"betanna"}, []string{"bentanna"}, false},
		{"other streets", []string{"halsted"}, []string{"monroe"}, true},
		{"two letters apart", []string{"park"}, []string{"pine"}, true},
		{"no street on one side", nil, []string{"monroe"}, false},
		{"no street on the other", []string{"halsted"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := otherStreets(tt.a, tt.b); got != tt.want {
				t.Errorf("otherStreets(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestIncidentDetails checks the two rules on hand-made reports: a
// follow-up that shares only the address with the first report, and
// scores under Threshold, joins at AnchorThreshold (not when the address
// differs, not with AnchorThreshold 0); a look-alike shooting on another
// street, scoring over Threshold on the city's words, starts a story of
// its own under the street discount, and joins without it. Each case is
// replayed with Restore for the first article.
func TestIncidentDetails(t *testing.T) {
	t.Parallel()
	day := time.Date(2015, 6, 1, 12, 0, 0, 0, time.UTC)
	next := day.Add(3 * 24 * time.Hour)
	first := Doc{ID: 1, Time: day, Title: "Two wounded in Oakdale shooting",
		Text: "Two men were wounded late Saturday in a shooting in the 4700 block of Calloway Street, Oakdale police said. " +
			"Officers found the men on a porch. Both were taken to Mercy Hospital. Police have made no arrests."}
	arrest := Doc{ID: 2, Time: next, Title: "Teen charged after Oakdale gunfire",
		Text: "A 17-year-old was charged Tuesday with attempted murder. Prosecutors say he fired from a car at a house at 4712 Calloway St., " +
			"where two men were wounded Saturday. A judge set bond at $250,000 and ordered an evaluation."}
	elsewhere := arrest
	elsewhere.Text = "A 17-year-old was charged Tuesday with attempted murder. Prosecutors say he fired from a car at a house at 1900 Calloway St., " +
		"where two men were wounded Saturday. A judge set bond at $250,000 and ordered an evaluation."
	lookalike := Doc{ID: 2, Time: next, Title: "Woman hurt in Oakdale shooting",
		Text: "A woman was hurt late Monday in a shooting in the 900 block of Briar Lane, Oakdale police said. " +
			"She was taken to Mercy Hospital in stable condition. A neighbour heard four shots."}
	sameStreet := lookalike
	sameStreet.Text = "A woman was hurt late Monday in a shooting in the 900 block of Calloway Street, Oakdale police said. " +
		"She was taken to Mercy Hospital in stable condition. A neighbour heard four shots."
	def := DefaultConfig()
	tests := []struct {
		name      string
		second    Doc
		anchorThr float64
		street    float64
		joins     bool
		between   bool // the score lies between AnchorThreshold and Threshold
	}{
		{"follow-up at the address", arrest, def.AnchorThreshold, def.StreetConflict, true, true},
		{"follow-up at the address, rule off", arrest, 0, def.StreetConflict, false, true},
		{"follow-up elsewhere on the street", elsewhere, def.AnchorThreshold, def.StreetConflict, false, true},
		{"look-alike on another street", lookalike, def.AnchorThreshold, def.StreetConflict, false, false},
		{"look-alike on another street, no discount", lookalike, def.AnchorThreshold, 0, true, false},
		{"second shooting on the same street", sameStreet, def.AnchorThreshold, def.StreetConflict, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.AnchorThreshold, cfg.StreetConflict = tt.anchorThr, tt.street
			c := New(cfg)
			a1 := c.Add(first)
			got := c.Add(tt.second)
			if got.NewStory == tt.joins {
				t.Errorf("joins = %v (score %.3f), want %v", !got.NewStory, got.Score, tt.joins)
			}
			if tt.between && (got.Score < def.AnchorThreshold || got.Score >= def.Threshold) {
				t.Errorf("score %.3f outside [%.2f, %.2f)", got.Score, def.AnchorThreshold, def.Threshold)
			}
			r := New(cfg)
			r.Restore(first, a1)
			if diff := cmp.Diff(got, r.Add(tt.second)); diff != "" {
				t.Errorf("after Restore (-Add +Restore):\n%s", diff)
			}
		})
	}
}

// TestTextAges checks which ages a text gives.
func TestTextAges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want []int
	}{
		{"a 7-year-old girl and her 34-year-old father", []int{7, 34}},
		{"2-Year-Old Boy Shot", []int{2}},
		{"Boy, 3, shot", nil},
		{"a 125-year-old house", nil},
		{"the M4-year-old rifle", nil},
		{"a year-old case", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			want := agesOf(tt.want...)
			if got := textAges(tt.text); got != want {
				t.Errorf("textAges(%q) = %v, want %v", tt.text, got, want)
			}
		})
	}
}

// TestAgeJoin checks the age rule: a follow-up that names the accused and
// gives the victim's age, scoring under Threshold, joins its best
// candidate at AgeThreshold; not with another age, not when it gives four
// ages (a round-up), not with AgeThreshold 0. Each case is replayed with
// Restore for the first article.
func TestAgeJoin(t *testing.T) {
	t.Parallel()
	day := time.Date(2015, 6, 1, 12, 0, 0, 0, time.UTC)
	next := day.Add(4 * 24 * time.Hour)
	first := Doc{ID: 1, Time: day, Title: "Girl, 7, shot in Oakdale home",
		Text: "A 7-year-old girl was shot Saturday evening inside a home in Oakdale, police said. " +
			"She was taken to Mercy Hospital in critical condition. Detectives said the shot came from inside the house."}
	followUp := func(ageText string) Doc {
		return Doc{ID: 2, Time: next, Title: "Man charged after child shot",
			Text: "Prosecutors charged Dale Rourke of Oakdale on Wednesday with child endangerment after " + ageText +
				" was shot by a gun left in a bedroom of the home. Rourke is held on a $50,000 bond."}
	}
	def := DefaultConfig()
	tests := []struct {
		name    string
		second  Doc
		ageThr  float64
		joins   bool
		between bool // the score lies between AgeThreshold and Threshold
	}{
		{"same age", followUp("a 7-year-old girl"), def.AgeThreshold, true, true},
		{"same age, rule off", followUp("a 7-year-old girl"), 0, false, true},
		{"other age", followUp("a 9-year-old girl"), def.AgeThreshold, false, false},
		{"round-up", followUp("a 7-year-old girl, a 12-year-old, a 15-year-old and a 19-year-old"), def.AgeThreshold, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.AgeThreshold = tt.ageThr
			c := New(cfg)
			a1 := c.Add(first)
			got := c.Add(tt.second)
			if got.NewStory == tt.joins {
				t.Errorf("joins = %v (score %.3f), want %v", !got.NewStory, got.Score, tt.joins)
			}
			if tt.between && (got.Score < def.AgeThreshold || got.Score >= def.Threshold) {
				t.Errorf("score %.3f outside [%.2f, %.2f)", got.Score, def.AgeThreshold, def.Threshold)
			}
			r := New(cfg)
			r.Restore(first, a1)
			if diff := cmp.Diff(got, r.Add(tt.second)); diff != "" {
				t.Errorf("after Restore (-Add +Restore):\n%s", diff)
			}
		})
	}
}

// TestAgeConflict checks the headline-age discount: a look-alike report
// whose headline gives another child's age is kept apart, and joins with
// AgeConflict 0; a follow-up whose headline age the story gives in its
// text, or whose headline gives no age, still joins. Each case is
// replayed with Restore for the first article.
func TestAgeConflict(t *testing.T) {
	t.Parallel()
	day := time.Date(2015, 6, 1, 12, 0, 0, 0, time.UTC)
	next := day.Add(2 * 24 * time.Hour)
	first := Doc{ID: 1, Time: day, Title: "10-year-old girl shot in Oakdale home",
		Text: "A 10-year-old girl was shot Saturday evening inside a home in Oakdale, police said. " +
			"Her 12-year-old brother was hurt by flying glass. Both were taken to Mercy Hospital. " +
			"Detectives said the shot came from a car on the street."}
	second := func(title string) Doc {
		return Doc{ID: 2, Time: next, Title: title,
			Text: "Officers responded Monday night to a report of gunfire near Fulton Park in Oakdale. " +
				"A child was found wounded and taken to a hospital; neighbours described a dark sedan speeding away. " +
				"No arrests were announced."}
	}
	tests := []struct {
		name     string
		second   Doc
		conflict float64
		joins    bool
	}{
		{"another age", second("9-year-old boy shot in Oakdale home"), 0.5, false},
		{"another age, rule off", second("9-year-old boy shot in Oakdale home"), 0, true},
		{"an age the story gives", second("12-year-old boy shot in Oakdale home"), 0.5, true},
		{"no age", second("Boy shot in Oakdale home"), 0.5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.AgeConflict = tt.conflict
			c := New(cfg)
			a1 := c.Add(first)
			got := c.Add(tt.second)
			if got.NewStory == tt.joins {
				t.Errorf("joins = %v (score %.3f), want %v", !got.NewStory, got.Score, tt.joins)
			}
			r := New(cfg)
			r.Restore(first, a1)
			if diff := cmp.Diff(got, r.Add(tt.second)); diff != "" {
				t.Errorf("after Restore (-Add +Restore):\n%s", diff)
			}
		})
	}
}

// TestOtherAges checks when headline ages conflict.
func TestOtherAges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                    string
		artTitle, artText       string
		storyTitles, storyTexts string
		want                    bool
	}{
		{"other ages", "9-year-old shot", "", "10-year-old shot", "", true},
		{"story gives it in its text", "9-year-old shot", "", "10-year-old shot", "and a 9-year-old", false},
		{"article gives the story's in its text", "9-year-old shot", "the 10-year-old", "10-year-old shot", "", false},
		{"article headline without an age", "Boy shot", "", "10-year-old shot", "", false},
		{"story headlines without an age", "9-year-old shot", "", "Boy shot", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &prepared{ages: textAges(tt.artTitle, tt.artText), titleAges: textAges(tt.artTitle)}
			s := &story{ages: textAges(tt.storyTitles, tt.storyTexts), titleAges: textAges(tt.storyTitles)}
			if got := otherAges(p, s); got != tt.want {
				t.Errorf("otherAges = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHeadlineCounts checks which victim counts a headline gives.
func TestHeadlineCounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		title string
		want  []int
	}{
		{"5 Dead, 17 Wounded In Weekend Shootings", []int{5, 17}},
		{"Five are shot outside southwest Fresno market", []int{5}},
		{"Police search for suspects after 4 teens shot - WMC Action News 5", []int{4}},
		{"1 killed, 3 critically injured after grocery shooting", []int{1, 3}},
		{"Boy, 7, shot in drive-by", nil},
		{"3-year-old shot in home", nil},
		{"Man charged in 2014 shooting", nil},
		{"Two charged after weekend shooting", nil},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			t.Parallel()
			want := agesOf(tt.want...)
			if got := headlineCounts(tt.title); got != want {
				t.Errorf("headlineCounts(%q) = %v, want %v", tt.title, got, want)
			}
		})
	}
}

// TestCountConflict checks the victim-count discount: a look-alike
// shooting whose headline gives another toll scores lower than one
// giving the same toll or none, and the same as it with CountConflict 0.
func TestCountConflict(t *testing.T) {
	t.Parallel()
	day := time.Date(2015, 6, 1, 12, 0, 0, 0, time.UTC)
	first := Doc{ID: 1, Time: day, Title: "4 teens shot after basketball tournament",
		Text: "Four teenagers were shot early Saturday after a basketball tournament at the Oakdale recreation centre, police said. " +
			"All were taken to Mercy Hospital. Police have made no arrests."}
	second := func(title string) Doc {
		return Doc{ID: 2, Time: day.Add(24 * time.Hour), Title: title,
			Text: "Teenagers were shot late Sunday outside a recreation centre in Oakdale, police said. " +
				"They were taken to Mercy Hospital. Police are looking for a grey car."}
	}
	def := DefaultConfig()
	off := DefaultConfig()
	off.CountConflict = 0
	other, same, none := second("Five teens shot outside recreation centre"), second("4 teens shot outside recreation centre"),
		second("Teens shot outside recreation centre")
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"another toll", bestScore(t, def, []Doc{first}, other), (1 - def.CountConflict) * bestScore(t, off, []Doc{first}, other)},
		{"the same toll", bestScore(t, def, []Doc{first}, same), bestScore(t, off, []Doc{first}, same)},
		{"no toll", bestScore(t, def, []Doc{first}, none), bestScore(t, off, []Doc{first}, none)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if math.Abs(tt.got-tt.want) > 1e-9 || tt.got == 0 {
				t.Errorf("score %.4f, want %.4f", tt.got, tt.want)
			}
		})
	}
}

// agesOf is the set of the ages ns.
func agesOf(ns ...int) ages {
	var a ages
	for _, n := range ns {
		a.set(n)
	}
	return a
}

// TestPersonAges checks which ages personAges leaves out: an age of a
// thing, the head of the noun after it (up to three words, ended by
// punctuation, a preposition, article or verb) naming one.
func TestPersonAges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text   string
		all    []int // textAges
		people []int // personAges
	}{
		{"an arrest in a 41-year-old double murder case", []int{41}, nil},
		{"a 41-year-old murder suspect", []int{41}, []int{41}},
		{"a 41-year-old murder suspect was", []int{41}, []int{41}},
		{"a 60-year-old woman charged", []int{60}, []int{60}},
		{"the 30-year-old family feud", []int{30}, nil},
		{"a 7-year-old girl and the 40-year-old home", []int{7, 40}, []int{7}},
		{"61-year-old Sharron Smith", []int{61}, []int{61}},
		{"a 7-year-old at home", []int{7}, []int{7}},
		{"a 15-year-old in his house", []int{15}, []int{15}},
		{"a 16-year-old murder victim's family", []int{16}, []int{16}},
		{"the 35-year-old store manager and father", []int{35}, []int{35}},
		{"the 7-year-old's murder", []int{7}, []int{7}},
		{"the 8-year-old boy came home", []int{8}, []int{8}},
		{"68-year-old Navarro Franco, killing him", []int{68}, []int{68}},
		{"Ford's almost 30-year-old record, but", []int{30}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			if got, want := textAges(tt.text), agesOf(tt.all...); got != want {
				t.Errorf("textAges(%q) = %v, want %v", tt.text, got, want)
			}
			if got, want := personAges(tt.text), agesOf(tt.people...); got != want {
				t.Errorf("personAges(%q) = %v, want %v", tt.text, got, want)
			}
		})
	}
}

// TestPersonAgesConflict checks Config.PersonAges: a report of an arrest
// in a decades-old case, whose headline gives the case's age, is not
// discounted as another person against a story whose headline gives the
// suspect's age (AgeConflict with PersonAges off).
func TestPersonAgesConflict(t *testing.T) {
	t.Parallel()
	story := []Doc{{ID: 1, Title: "60-year-old woman charged in Staunton ice cream shop killings",
		Text: "A 60-year-old woman was charged with killing two young women in a Staunton ice cream shop in 1967, police said."}}
	doc := Doc{ID: 2, Title: "Staunton police make arrest in 41-year-old double murder case",
		Text: "Staunton police said they arrested a woman in the 1967 killings of two young women at an ice cream shop."}
	score := func(people bool) float64 {
		cfg := DefaultConfig()
		cfg.PersonAges = people
		return bestScore(t, cfg, story, doc)
	}
	on, off := score(true), score(false)
	if diff := cmp.Diff(on*(1-DefaultConfig().AgeConflict), off, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("score without PersonAges, against with it (-want +got):\n%s", diff)
	}
}
