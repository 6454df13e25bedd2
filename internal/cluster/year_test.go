package cluster

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDatelineYear(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       int
	}{
		{"month day year", "Lindsay Lohan checks into Betty Ford Center May 03, 2013 After skipping rehab", 2013},
		{"day month year", "Major fire at Waitrose. 21 July 2013 Last updated at 11:11 GMT", 2013},
		{"ordinal", "September 18th, 2013, 05: 31 GMT Microsoft Launches Emergency Patch", 2013},
		{"capitals", "WEDNESDAY, MARCH 4, 2009, 10: 53 AM President Barack Obama announced", 2009},
		{"abbreviated March", "Instated Mar 4, 2009 In a move that could anger some", 2009},
		{"latest of several", "Signed on June 1, 2009, renewed on March 3, 2011.", 2011},
		{"bare year is background", "Klitschko, who beat him in 2008, defended his titles in 1,000 words.", 0},
		{"month and year only", "He was at Betty Ford from September 2010 to January 2011.", 0},
		{"no date", "The Microsoft patch fixes a flaw in Internet Explorer.", 0},
		{"slashed, spaced", "Climber dead after Aoraki Mount Cook fall Last updated 13: 26 14 / 09 / 2013 A climber", 2013},
		{"slashed, month first", "Ellen DeGeneres to Host Oscars 8: 13 AM PDT 8 / 2 / 2013 She will", 2013},
		{"slashed, unspaced", "Posted at 3:21 PM ET, 01/5/2011 New Orleans Saints", 2011},
		{"slashed, month and year only", "Issue 9 / 2013 of the review, about 1/2 of it on 2012.", 0},
		{"slashed, longer run", "Case 1/14/09/2013 was filed; ticket 123/4/2013 paid.", 0},
		{"slashed, glued to a word", "Ref. nº14/09/2013 and ab5/4/2013.", 0},
		{"slashed, after an accent", "Publicado el día 14 / 09 / 2013 en Madrid", 2013},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := extract(Doc{Text: tt.text})
			if diff := cmp.Diff(tt.want, r.year); diff != "" {
				t.Errorf("year of %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestYearConflict checks that a report dated by its text to another year
// than a story's undated reports is discounted, that one of the same year
// is not, and that two dated reports across New Year are left to the time
// discount alone.
func TestYearConflict(t *testing.T) {
	t.Parallel()
	const body = "Wladimir Klitschko stopped his challenger in the sixth round in Bern to retain his heavyweight titles, " +
		"knocking him down twice before the referee waved the fight off."
	undated := func(id int64, date string) Doc {
		return Doc{ID: id, Title: "Klitschko retains heavyweight titles", Text: date + " " + body}
	}
	dated := func(id int64, tm time.Time) Doc {
		return Doc{ID: id, Time: tm, Title: "Klitschko retains heavyweight titles", Text: body}
	}
	newYear := time.Date(2012, 12, 31, 22, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		story    []Doc
		doc      Doc
		discount bool
	}{
		{"undated, other year", []Doc{undated(1, "July 7, 2012"), undated(2, "July 8, 2012")}, undated(3, "December 11, 2006"), true},
		{"undated, same year", []Doc{undated(1, "July 7, 2012")}, undated(3, "July 9, 2012"), false},
		{"undated story without dateline", []Doc{undated(1, "")}, undated(3, "December 11, 2006"), false},
		{"dated article, undated story of another year", []Doc{undated(1, "December 11, 2006")}, dated(3, time.Date(2012, 7, 8, 12, 0, 0, 0, time.UTC)), true},
		{"dated across New Year", []Doc{dated(1, newYear)}, dated(3, newYear.Add(4*time.Hour)), false},
		{"undated, its address of another year", []Doc{undated(1, "July 7, 2012")}, inYear(undated(3, ""), 2006), true},
		{"undated, its address's year before its text's", []Doc{undated(1, "July 7, 2012")}, inYear(undated(3, "December 11, 2006"), 2012), false},
		{"compact dateline of another year", []Doc{undated(1, "20120707")}, undated(3, "2006/12/11"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantDiscount(t, "year", func(c *Config, k float64) { c.YearConflict = k }, tt.story, tt.doc, tt.discount)
		})
	}
}

// patchReport is an undated report of a browser patch whose text opens
// with date.
func patchReport(id int64, date string) Doc {
	return Doc{ID: id, Title: "Microsoft to patch Internet Explorer flaw",
		Text: date + " Microsoft will push out an out-of-cycle Windows patch to fix the critical Internet Explorer flaw " +
			"revealed earlier this week, the Trustworthy Computing group said."}
}

// TestYearAdjacent checks that a story's year one off the article's takes
// a quarter off the year discount (0.2 becomes 0.15), and that a year
// further off, or the rule turned off, keeps the whole discount.
func TestYearAdjacent(t *testing.T) {
	t.Parallel()
	story := []Doc{patchReport(1, "September 18, 2013"), patchReport(2, "September 18, 2013")}
	tests := []struct {
		name     string
		adjacent float64
		doc      Doc
		factor   float64 // of the score without the year check
	}{
		{"a year off", 0.25, patchReport(3, "September 19, 2012"), 0.85},
		{"a year off the other way", 0.25, patchReport(3, "January 3, 2014"), 0.85},
		{"six years off", 0.25, patchReport(3, "September 19, 2007"), 0.8},
		{"a year off, rule off", 0, patchReport(3, "September 19, 2012"), 0.8},
		{"same year", 0.25, patchReport(3, "September 19, 2013"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.YearConflict, cfg.YearAdjacent = 0.2, tt.adjacent
			wantYearFactor(t, cfg, story, tt.doc, tt.factor)
		})
	}
}

// wantYearFactor wants doc's best score against story under cfg to be
// factor times its score with the year check off.
func wantYearFactor(t *testing.T, cfg Config, story []Doc, doc Doc, factor float64) {
	t.Helper()
	off := cfg
	off.YearConflict = 0
	base := bestScore(t, off, story, doc)
	if base <= 0 {
		t.Fatalf("score without the year check %v: want a candidate", base)
	}
	if diff := cmp.Diff(factor*base, bestScore(t, cfg, story, doc), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("score (-want +got):\n%s", diff)
	}
}

// wantDiscount wants doc's best score against story, with the check that
// set turns on at 0.5, to be its score without the check, halved when
// discount is true and unchanged when not: the check discounts a join by
// its factor and by nothing else.
func wantDiscount(t *testing.T, check string, set func(*Config, float64), story []Doc, doc Doc, discount bool) {
	t.Helper()
	score := func(k float64) float64 {
		cfg := DefaultConfig()
		set(&cfg, k)
		return bestScore(t, cfg, story, doc)
	}
	const k = 0.5
	with, without := score(k), score(0)
	want := without
	if discount {
		want *= 1 - k
	}
	if diff := cmp.Diff(want, with, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("score with the %s check (-want +got):\n%s", check, diff)
	}
}

// inYear gives d the year its address would (Doc.Year).
func inYear(d Doc, y int) Doc {
	d.Year = y
	return d
}

// TestUndatedHold checks that an undated article joins an undated story
// only within UndatedHold articles of the story's last change, while a
// dated article is not held back (Window decides for it once the story
// has a time).
func TestUndatedHold(t *testing.T) {
	t.Parallel()
	const body = "Wladimir Klitschko stopped his challenger in the sixth round in Bern to retain his heavyweight titles."
	report := func(id int64, tm time.Time) Doc {
		return Doc{ID: id, Time: tm, Title: "Klitschko retains heavyweight titles", Text: body}
	}
	// Not a copy of the first, which would join it whatever its age.
	late := func(tm time.Time) Doc {
		return Doc{ID: 100, Time: tm, Title: "Klitschko keeps his heavyweight titles in Bern",
			Text: "In Bern, Wladimir Klitschko kept his heavyweight titles, his challenger stopped in round six."}
	}
	at := time.Date(2012, 7, 8, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		hold   int
		filler int
		late   Doc
		joins  bool
	}{
		{"undated, within the hold", 10, 8, late(time.Time{}), true},
		{"undated, past the hold", 10, 12, late(time.Time{}), false},
		{"undated, held open", 0, 12, late(time.Time{}), true},
		{"dated, past the hold", 10, 12, late(at), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.UndatedHold = tt.hold
			c := New(cfg)
			first := c.Add(report(1, time.Time{}))
			for i := range tt.filler {
				c.Add(Doc{ID: int64(2 + i), Title: fmt.Sprintf("Council of Town%d meets", i),
					Text: fmt.Sprintf("Members of the Town%d council met Mayor Ann%d Lee%d about budget item %d.", i, i, i, i)})
			}
			if got := c.Add(tt.late).StoryID == first.StoryID; got != tt.joins {
				t.Errorf("late report joins the story = %v, want %v", got, tt.joins)
			}
		})
	}
}

func TestWritesYear(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"full date", "Lindsay Lohan checks into Betty Ford Center May 03, 2013", true},
		{"bare year", "Klitschko, who beat him in 2008, defended his titles.", true},
		{"compact date", "Filed 20081216 by the desk.", true},
		{"thousands", "The 1,000 fans and 5000 seats of the arena.", false},
		{"no year", "The Microsoft patch fixes a flaw in Internet Explorer.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := extract(Doc{Text: tt.text}).writesYear; got != tt.want {
				t.Errorf("writesYear of %q = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestYearlessConflict checks that an article whose year is known is
// discounted against a story that gives no year at all (no time, no
// dateline, no year in its texts), and not against a story that writes a
// year anywhere or is dated, nor when the article's year is unknown too.
func TestYearlessConflict(t *testing.T) {
	t.Parallel()
	const body = "Undersea internet cables were cut near the Egyptian coast, disrupting connections " +
		"across India and the Gulf, and repair ships were sent to the breaks."
	report := func(id int64, extra string) Doc {
		return Doc{ID: id, Title: "Undersea cables cut, internet disrupted", Text: extra + " " + body}
	}
	dated := func(d Doc, tm time.Time) Doc {
		d.Time = tm
		return d
	}
	at := time.Date(2011, 8, 17, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		story    []Doc
		doc      Doc
		discount bool
	}{
		{"dateline against a story with no year", []Doc{report(1, ""), report(2, "Ships are on the way.")}, report(3, "August 17, 2011"), true},
		{"dated article against a story with no year", []Doc{report(1, "")}, dated(report(3, ""), at), true},
		{"address's year against a story with no year", []Doc{report(1, "")}, inYear(report(3, ""), 2011), true},
		{"story writes a year in passing", []Doc{report(1, ""), report(2, "The last such cut was in 2008.")}, report(3, "August 17, 2011"), false},
		{"story has a dateline", []Doc{report(1, "August 16, 2011")}, report(3, "August 17, 2011"), false},
		{"dated story", []Doc{dated(report(1, ""), at)}, dated(report(3, ""), at.Add(time.Hour)), false},
		{"article gives no year either", []Doc{report(1, "")}, report(3, "Ships are on the way."), false},
		{"article writes only a bare year", []Doc{report(1, "")}, report(3, "The last such cut was in 2008."), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantDiscount(t, "yearless", func(c *Config, k float64) { c.YearlessConflict, c.YearlessSeveral = k, k }, tt.story, tt.doc, tt.discount)
		})
	}
}

// TestYearlessSeveral checks that the yearless discount is
// Config.YearlessSeveral when two or more reports of the story give no
// year, and YearlessConflict when one does: several reports all silent
// about the year are surer evidence of another era than one.
func TestYearlessSeveral(t *testing.T) {
	t.Parallel()
	const body = "Voters chose members of parliament in a two-party election, " +
		"observers from abroad watched the polling stations."
	report := func(id int64, extra string) Doc {
		return Doc{ID: id, Title: "Parliamentary elections held", Text: extra + " " + body}
	}
	const conflict, several = 0.3, 0.6
	tests := []struct {
		name  string
		story []Doc
		want  float64 // the share of the score left
	}{
		{"one report", []Doc{report(1, "")}, 1 - conflict},
		{"two reports", []Doc{report(1, ""), report(2, "Polls closed at eight.")}, 1 - several},
		{"three reports", []Doc{report(1, ""), report(2, "Polls closed at eight."), report(4, "Turnout was high.")}, 1 - several},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := report(3, "26 September 2013")
			score := func(conflict, several float64) float64 {
				cfg := DefaultConfig()
				cfg.YearlessConflict, cfg.YearlessSeveral = conflict, several
				return bestScore(t, cfg, tt.story, doc)
			}
			without := score(0, 0)
			if without <= 0 {
				t.Fatalf("score without the check = %v, want > 0", without)
			}
			got := score(conflict, several) / without
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("share of the score left (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWrittenYearConflict checks that an undated article whose full date
// gives a year is discounted against an undated story whose texts write
// years, none of them the article's (Config.WrittenYearConflict), and
// not when a text of the story writes the year, the story is dated or
// has a dateline, writes no year, or the article's year is a bare one
// or its address's. A dated article is discounted the same way
// (Config.WrittenYearDated), and not with that option off.
func TestWrittenYearConflict(t *testing.T) {
	t.Parallel()
	const body = "Voters chose members of parliament in a two-party election, " +
		"observers from abroad watched the polling stations."
	report := func(id int64, extra string) Doc {
		return Doc{ID: id, Title: "Parliamentary elections held", Text: extra + " " + body}
	}
	at := time.Date(2008, 12, 14, 12, 0, 0, 0, time.UTC)
	dated := func(d Doc, tm time.Time) Doc {
		d.Time = tm
		return d
	}
	// Config.WrittenYearDated: a dated report of 2013 is discounted too.
	at2013 := time.Date(2013, 9, 26, 12, 0, 0, 0, time.UTC)
	report2013 := dated(report(3, ""), at2013)
	tests := []struct {
		name     string
		story    []Doc
		doc      Doc
		discount bool
		datedOff bool // WrittenYearDated off
	}{
		{"story writes only other years", []Doc{report(1, "The last vote was in 2006."), report(2, "")}, report(3, "26 September 2013"), true, false},
		{"dated article, story writes only other years", []Doc{report(1, "The last vote was in 2006."), report(2, "")}, report2013, true, false},
		{"dated article, WrittenYearDated off", []Doc{report(1, "The last vote was in 2006."), report(2, "")}, report2013, false, true},
		{"dated article, story writes its year", []Doc{report(1, "The last vote was in 2006."), report(2, "Turnout rose since 2013.")}, report2013, false, false},
		{"dated article, story writes no year", []Doc{report(1, ""), report(2, "Polls closed at eight.")}, report2013, false, false},
		{"dated article, story has a dateline", []Doc{report(1, "December 14, 2008")}, report2013, false, false},
		{"dated article, dated story", []Doc{dated(report(1, "The last vote was in 2006."), at2013.AddDate(0, 0, -2))}, report2013, false, false},
		{"story writes the article's year", []Doc{report(1, "The last vote was in 2006."), report(2, "Turnout rose since 2013.")}, report(3, "26 September 2013"), false, false},
		{"story writes no year", []Doc{report(1, ""), report(2, "Polls closed at eight.")}, report(3, "26 September 2013"), false, false},
		{"story has a dateline", []Doc{report(1, "December 14, 2008")}, report(3, "26 September 2013"), false, false},
		{"dated story", []Doc{dated(report(1, "The last vote was in 2006."), at)}, report(3, "26 September 2013"), false, false},
		{"article writes only a bare year", []Doc{report(1, "The last vote was in 2006.")}, report(3, "A vote is due in 2013."), false, false},
		{"address's year", []Doc{report(1, "The last vote was in 2006.")}, inYear(report(3, ""), 2013), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantDiscount(t, "written year", func(c *Config, k float64) {
				c.WrittenYearConflict = k
				c.WrittenYearDated = !tt.datedOff
			}, tt.story, tt.doc, tt.discount)
		})
	}
}

// TestUndatedKeep checks that a dated story past ThreadWindow by the dated
// articles' clock is still held for an undated report of it while undated
// articles are arriving (Config.UndatedKeep), and forgotten by time alone
// when none is, or with UndatedKeep 0.
func TestUndatedKeep(t *testing.T) {
	t.Parallel()
	const body = "Regina Benjamin, an Alabama family doctor, was nominated by President Barack Obama as Surgeon General."
	first := Doc{ID: 1, Time: time.Date(2009, 7, 13, 12, 0, 0, 0, time.UTC),
		Title: "Obama names Regina Benjamin Surgeon General", Text: body}
	// Not a copy of the first, which would join it whatever its age.
	late := Doc{ID: 1000, Title: "Regina Benjamin nominated Surgeon General",
		Text: "President Barack Obama nominated Regina Benjamin, the Alabama family doctor, Surgeon General."}
	undated := Doc{ID: 2, Title: "Harbour dredging resumes", Text: "The harbour dredging resumed after the storm."}
	tests := []struct {
		name    string
		keep    int
		undated bool // an undated article arrives before the dated filler
		joins   bool
	}{
		{"kept while undated articles arrive", 5000, true, true},
		{"no undated article before: forgotten by time", 5000, false, false},
		{"off", 0, true, false},
		{"kept fewer articles than came since", 100, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.UndatedKeep = tt.keep
			c := New(cfg)
			story := c.Add(first).StoryID
			if tt.undated {
				c.Add(undated)
			}
			// Three years of other news, past ThreadWindow and through
			// two sweeps (every 128 articles).
			at := time.Date(2012, 7, 1, 12, 0, 0, 0, time.UTC)
			for i := range 260 {
				c.Add(Doc{ID: int64(3 + i), Time: at.Add(time.Duration(i) * time.Hour),
					Title: fmt.Sprintf("Council of Town%d meets", i),
					Text:  fmt.Sprintf("Members of the Town%d council met Mayor Ann%d Lee%d about budget item %d.", i, i, i, i)})
			}
			if _, held := c.Story(story); held != tt.joins {
				t.Errorf("story held = %v, want %v", held, tt.joins)
			}
			if got := c.Add(late).StoryID == story; got != tt.joins {
				t.Errorf("undated report joins the story = %v, want %v", got, tt.joins)
			}
		})
	}
}

// TestUndatedKeepThreads checks that a story held past ThreadWindow only
// for undated articles (Config.UndatedKeep) carries no dated story into
// its thread: a dated report years later that names its people starts a
// story in a thread of its own, as it would once the story was forgotten.
func TestUndatedKeepThreads(t *testing.T) {
	t.Parallel()
	c := New(DefaultConfig())
	first := c.Add(Doc{ID: 1, Time: time.Date(2009, 7, 13, 12, 0, 0, 0, time.UTC),
		Title: "Obama names Regina Benjamin Surgeon General",
		Text:  "Regina Benjamin, an Alabama family doctor from Bayou La Batre, was nominated by President Barack Obama as Surgeon General."})
	c.Add(Doc{ID: 2, Title: "Harbour dredging resumes", Text: "The harbour dredging resumed after the storm."})
	at := time.Date(2012, 7, 1, 12, 0, 0, 0, time.UTC)
	for i := range 260 {
		c.Add(Doc{ID: int64(3 + i), Time: at.Add(time.Duration(i) * time.Hour),
			Title: fmt.Sprintf("Council of Town%d meets", i),
			Text:  fmt.Sprintf("Members of the Town%d council met Mayor Ann%d Lee%d about budget item %d.", i, i, i, i)})
	}
	if _, held := c.Story(first.StoryID); !held {
		t.Fatal("the 2009 story is not held for undated articles")
	}
	late := c.Add(Doc{ID: 1000, Time: at.Add(300 * time.Hour),
		Title: "Regina Benjamin of Bayou La Batre leaves as Surgeon General",
		Text:  "Regina Benjamin, the Alabama family doctor from Bayou La Batre whom President Barack Obama named Surgeon General, leaves."})
	if !late.NewStory {
		t.Fatalf("dated report three years on joins story %d, want a new story", late.StoryID)
	}
	if got := c.ThreadOf(late.StoryID); got == c.ThreadOf(first.StoryID) {
		t.Errorf("dated report three years on continues the kept story's thread %d", got)
	}
}

// TestNamesOnlyWeight checks that an undated report is scored against a
// dated story past Window, which keeps only its names, at
// NamesOnlyWeight times the names' cosine instead of EntityWeight times,
// and that a dated report's score is not changed.
func TestNamesOnlyWeight(t *testing.T) {
	t.Parallel()
	report := Doc{ID: 1000, Title: "Former AMA trustee Benjamin named",
		Text: "President Barack Obama named Regina Benjamin, an Alabama doctor and former AMA trustee, to the post."}
	later := report
	later.Time = time.Date(2012, 9, 1, 12, 0, 0, 0, time.UTC)
	scores := func(weight float64) (undated, dated Candidate) {
		cfg := DefaultConfig()
		cfg.NamesOnlyWeight = weight
		c := New(cfg)
		story := c.Add(Doc{ID: 1, Time: time.Date(2009, 7, 13, 12, 0, 0, 0, time.UTC),
			Title: "Obama names Regina Benjamin Surgeon General",
			Text:  "Regina Benjamin, an Alabama family doctor, was nominated by President Barack Obama as Surgeon General."}).StoryID
		c.Add(Doc{ID: 2, Title: "Harbour dredging resumes", Text: "The harbour dredging resumed after the storm."})
		at := time.Date(2012, 7, 1, 12, 0, 0, 0, time.UTC)
		for i := range 260 {
			c.Add(Doc{ID: int64(3 + i), Time: at.Add(time.Duration(i) * time.Hour),
				Title: fmt.Sprintf("Council of Town%d meets", i),
				Text:  fmt.Sprintf("Members of the Town%d council met Mayor Ann%d Lee%d about budget item %d.", i, i, i, i)})
		}
		find := func(d Doc) Candidate {
			for _, cd := range c.Explain(d, 15) {
				if cd.StoryID == story {
					return cd
				}
			}
			t.Fatalf("weight %v: the 2009 story is not a candidate of report %v", weight, d.Time)
			return Candidate{}
		}
		return find(report), find(later)
	}
	offU, offD := scores(0)
	onU, onD := scores(0.4)
	if offU.Words != 0 || offU.Names <= 0 {
		t.Fatalf("the story past Window: words %v, names %v; want words dropped, names kept", offU.Words, offU.Names)
	}
	want := map[string]float64{"undated": offU.Score * 0.4 / DefaultConfig().EntityWeight, "dated": offD.Score}
	got := map[string]float64{"undated": onU.Score, "dated": onD.Score}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("scores with NamesOnlyWeight 0.4 (-want +got):\n%s", diff)
	}
	if offU.Score >= DefaultConfig().Threshold || onU.Score < DefaultConfig().Threshold {
		t.Errorf("undated report scores %.3f at the names' weight, %.3f at 0.4; want under and over %v",
			offU.Score, onU.Score, DefaultConfig().Threshold)
	}
}

// escapeReport is a report of an inmate's escape, dated by its text with
// date (undated Doc) or by t.
func escapeReport(id int64, date string, t time.Time) Doc {
	return Doc{ID: id, Time: t, Title: "Inmate Arcade Comeaux escapes guards",
		Text: date + " Arcade Comeaux, a prison inmate, pulled a gun on two guards, handcuffed them and ran away " +
			"near Huntsville, the Texas prison agency said."}
}

// TestDatelineNear checks that an undated report whose text writes a
// full date within DatelineWindow of a dated story's articles is not
// discounted for its year (a January report of a December escape), and
// that a date further off, a year from the address or the rule turned off
// keep the year discount (0.85 for a year one off, see YearAdjacent).
func TestDatelineNear(t *testing.T) {
	t.Parallel()
	day := time.Date(2009, 12, 7, 9, 0, 0, 0, time.UTC)
	story := []Doc{escapeReport(1, "", day), escapeReport(2, "", day.Add(time.Hour))}
	tests := []struct {
		name   string
		window time.Duration
		doc    Doc
		factor float64 // of the score without the year check
	}{
		{"five weeks on", 60 * 24 * time.Hour, escapeReport(3, "12 January 2010", time.Time{}), 1},
		{"five weeks on, rule off", 0, escapeReport(3, "12 January 2010", time.Time{}), 0.85},
		{"seven months on", 60 * 24 * time.Hour, escapeReport(3, "12 July 2010", time.Time{}), 0.85},
		{"a year from the address", 60 * 24 * time.Hour,
			func() Doc { d := escapeReport(3, "12 January 2010", time.Time{}); d.Year = 2010; return d }(), 0.85},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.YearConflict, cfg.YearAdjacent, cfg.DatelineWindow = 0.2, 0.25, tt.window
			wantYearFactor(t, cfg, story, tt.doc, tt.factor)
		})
	}
}

// TestYearRivalConflict checks that an undated report of a 2004 death
// joins the 2004 story, which its names confirm, rather than a reprint
// dated eight years on that shares more of its words, and that with the
// rule off it joins the reprint.
func TestYearRivalConflict(t *testing.T) {
	t.Parallel()
	died := time.Date(2004, 7, 28, 9, 0, 0, 0, time.UTC)
	docs := []Doc{
		{ID: 1, Time: died, Title: "Fred LaRue, top Nixon aide, dies at 75",
			Text: "Fred LaRue, a Nixon campaign aide who delivered hush money to the Watergate burglars, was found " +
				"dead in his Biloxi hotel room on Tuesday, the Harrison County coroner Gary Hargrove said."},
		{ID: 2, Time: died.Add(5 * time.Hour), Title: "Watergate figure Fred LaRue found dead",
			Text: "The Harrison County coroner Gary Hargrove said Fred LaRue died of natural causes in Biloxi. " +
				"LaRue served four and a half months in prison for his part in the Watergate cover-up."},
		{ID: 3, Time: died.AddDate(8, 0, 0), Title: "Watergate 'bagman' Fred LaRue dies at 75",
			Text: "Fred LaRue, the Mississippi oilman who carried cash for the Nixon White House to the Watergate " +
				"burglars and pleaded guilty to obstruction of justice, has died at 75, aides to John Mitchell " +
				"recalled, in a career that began with the 1968 campaign."},
	}
	late := Doc{ID: 4, Year: 2004, Title: "Fred LaRue, Nixon campaign aide, dies",
		Text: "Fred LaRue, the Mississippi oilman who carried Nixon campaign cash to the Watergate burglars and " +
			"pleaded guilty to obstruction of justice, died in Biloxi, Gary Hargrove said; aides to John Mitchell recalled him."}
	tests := []struct {
		name string
		on   bool
		want int64 // the story the undated report joins, by its first article
	}{
		{"rule on", true, 1},
		{"rule off", false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			cfg.YearRivalConflict = tt.on
			c := New(cfg)
			first := map[int64]int64{} // a story's first article
			for _, d := range docs {
				if a := c.Add(d); a.NewStory {
					first[a.StoryID] = d.ID
				}
			}
			if len(first) != 2 {
				t.Fatalf("stories %v, want the 2004 story and the reprint's", first)
			}
			cands := c.Explain(late, 3)
			if got := first[c.Add(late).StoryID]; got != tt.want {
				t.Errorf("joined the story of article %d, want %d (candidates %+v)", got, tt.want, cands)
			}
		})
	}
}
