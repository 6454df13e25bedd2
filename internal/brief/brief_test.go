package brief

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var fixedNow = time.Date(2026, 3, 11, 12, 0, 0, 0, time.UTC)

func loadInput(t testing.TB, name string) Input {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var in Input
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return in
}

func articleMap(in Input) map[int64]news.Article {
	m := map[int64]news.Article{}
	for _, a := range in.Articles {
		m[a.ID] = a
	}
	for _, a := range in.Earlier {
		m[a.ID] = a
	}
	return m
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got), rerun with -update if intended:\n%s", name, diff)
	}
}

func TestBuildGolden(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	b := Build(in, Options{Now: fixedNow})
	if err := CheckGrounded(b, articleMap(in)); err != nil {
		t.Fatalf("briefing not grounded:\n%v", err)
	}
	js, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "bridge.golden.json", append(js, '\n'))

	var md bytes.Buffer
	if err := Markdown(&md, b, articleMap(in)); err != nil {
		t.Fatal(err)
	}
	golden(t, "bridge.golden.md", md.Bytes())
}

func TestBuildSections(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	b := Build(in, Options{Now: fixedNow})
	var kinds []news.SectionKind
	for _, s := range b.Sections {
		kinds = append(kinds, s.Kind)
	}
	// Sections that the fixture must always yield, whatever the text
	// analysis finds for voices and facts.
	for _, k := range []news.SectionKind{news.SectionHeadline, news.SectionCategory, news.SectionDisclaimer,
		news.SectionSummary, news.SectionSources, news.SectionBackground, news.SectionRelated,
		news.SectionBottomLine, news.SectionReferences} {
		if _, ok := b.Section(k); !ok {
			t.Errorf("section %s missing; got %v", k, kinds)
		}
	}
	// The headline is chosen afresh from the articles' titles, not kept
	// from the story's: Harbour Times's is the one the other two outlets'
	// leads echo most (bridge, closed, inspectors, cracks) and the earliest.
	if want := "Riverton bridge closed after inspectors find cracks"; b.Headline != want {
		t.Errorf("headline = %q, want %q", b.Headline, want)
	}
	d, _ := b.Section(news.SectionDisclaimer)
	if want := news.Disclaimer(3); d.Items[0].Text != want {
		t.Errorf("disclaimer = %q, want %q", d.Items[0].Text, want)
	}
	refs, _ := b.Section(news.SectionReferences)
	if len(refs.Items) != len(in.Articles) {
		t.Errorf("%d references, want one per article (%d)", len(refs.Items), len(in.Articles))
	}
	sum, _ := b.Section(news.SectionSummary)
	words := 0
	for _, it := range sum.Items {
		words += len(strings.Fields(it.Text))
	}
	if words > DefaultSummaryWords+10 {
		t.Errorf("summary has %d words, budget %d", words, DefaultSummaryWords)
	}
	bl, _ := b.Section(news.SectionBottomLine)
	for _, it := range sum.Items {
		if it.Citations[0] == bl.Items[0].Citations[0] {
			t.Errorf("bottom line repeats a summary sentence: %q", it.Text)
		}
	}
	bg, _ := b.Section(news.SectionBackground)
	for i := 1; i < len(bg.Items); i++ {
		if bg.Items[i].Date.Before(*bg.Items[i-1].Date) {
			t.Errorf("background out of date order at %d", i)
		}
	}
}

func TestBuildEmptyAndPartial(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   Input
		want []news.SectionKind
	}{
		{"no articles", Input{Story: news.Story{ID: 1, Title: "Nothing yet"}}, []news.SectionKind{news.SectionHeadline}},
		{"title only", Input{Story: news.Story{ID: 2}, Articles: []news.Article{{ID: 1, URL: "https://a.example/x", Title: "A title"}}},
			[]news.SectionKind{news.SectionHeadline, news.SectionDisclaimer, news.SectionSources, news.SectionReferences}},
		{"one short article", Input{Story: news.Story{ID: 3}, Articles: []news.Article{{ID: 1, URL: "https://a.example/y", Title: "Fire in the old mill",
			Text: "A fire broke out in the old mill on Friday night and burned until morning."}}},
			[]news.SectionKind{news.SectionHeadline, news.SectionDisclaimer, news.SectionSummary, news.SectionSources, news.SectionReferences}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := Build(tc.in, Options{Now: fixedNow})
			var got []news.SectionKind
			for _, s := range b.Sections {
				got = append(got, s.Kind)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
			if err := CheckGrounded(b, articleMap(tc.in)); err != nil {
				t.Errorf("not grounded: %v", err)
			}
		})
	}
}

func TestCheckGroundedCatches(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	arts := articleMap(in)
	good := Build(in, Options{Now: fixedNow})
	if err := CheckGrounded(good, arts); err != nil {
		t.Fatalf("good briefing rejected: %v", err)
	}
	// Each case corrupts a deep copy of the good briefing.
	tests := []struct {
		name string
		kind news.SectionKind
		edit func(s *news.Section)
		want string
	}{
		{"shifted span", news.SectionSummary, func(s *news.Section) { s.Items[0].Citations[0].Start++ }, "differ from text"},
		{"invented text", news.SectionSummary, func(s *news.Section) { s.Items[0].Text += " Allegedly." }, "differ from text"},
		{"unknown article", news.SectionBottomLine, func(s *news.Section) { s.Items[0].Citations[0].ArticleID = 999 }, "unknown article"},
		{"span past end", news.SectionBottomLine, func(s *news.Section) { s.Items[0].Citations[0].End = 1 << 20 }, "outside article"},
		{"no citation", news.SectionSummary, func(s *news.Section) { s.Items[0].Citations = nil }, "no citation"},
		{"undated background", news.SectionBackground, func(s *news.Section) { s.Items[0].Date = nil }, "without date"},
		{"empty section", news.SectionRelated, func(s *news.Section) { s.Items = nil }, "empty"},
		{"foreign reference", news.SectionReferences, func(s *news.Section) { s.Items[0].URL = "https://elsewhere.example/" }, "no article"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var b news.Briefing
			raw, _ := json.Marshal(good)
			if err := json.Unmarshal(raw, &b); err != nil {
				t.Fatal(err)
			}
			found := false
			for i := range b.Sections {
				if b.Sections[i].Kind == tc.kind {
					tc.edit(&b.Sections[i])
					found = true
				}
			}
			if !found {
				t.Fatalf("fixture briefing has no %s section", tc.kind)
			}
			err := CheckGrounded(b, arts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("CheckGrounded = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestCheckGroundedFacts(t *testing.T) {
	t.Parallel()
	a := news.Article{ID: 1, URL: "https://a.example/", Text: "Repairs will cost $12 million. Nothing else."}
	sent := news.Citation{ArticleID: 1, Start: 0, End: 30}
	fig := news.Figure{Value: 12e6, Unit: "USD", Text: "$12 million", Citation: news.Citation{ArticleID: 1, Start: 18, End: 29}}
	mk := func(f news.Figure, v ...news.Item) news.Briefing {
		return news.Briefing{Sections: []news.Section{{Kind: news.SectionFacts, Items: []news.Item{
			{Text: "Repairs will cost $12 million.", Citations: []news.Citation{sent}, Figure: &f, Variants: v}}}}}
	}
	badFig := fig
	badFig.Citation.Start = 17
	outside := fig
	outside.Citation = news.Citation{ArticleID: 1, Start: 31, End: 38}
	tests := []struct {
		name string
		b    news.Briefing
		want string // "" for no error
	}{
		{"good", mk(fig), ""},
		{"figure text differs", mk(badFig), "figure text"},
		{"figure outside sentence", mk(outside), "not inside"},
		{"bad variant", mk(fig, news.Item{Text: "Other.", Citations: []news.Citation{sent}, Figure: &fig}), "variant 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := CheckGrounded(tc.b, map[int64]news.Article{1: a})
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("CheckGrounded = %v, want error containing %q", err, tc.want)
			}
		})
	}
}

// TestCheckGroundedWritten checks that a written-summary sentence, which
// restates its spans, is held to the writer's verifier rather than passed
// for having valid citations.
func TestCheckGroundedWritten(t *testing.T) {
	t.Parallel()
	a := news.Article{ID: 1, URL: "https://a.example/", Text: "Repairs will cost $12 million. The mayor did not comment."}
	sent := news.Citation{ArticleID: 1, Start: 0, End: 30}
	mk := func(text string, cites ...news.Citation) news.Briefing {
		return news.Briefing{Sections: []news.Section{{Kind: news.SectionWritten, Items: []news.Item{{Text: text, Citations: cites}}}}}
	}
	tests := []struct {
		name string
		b    news.Briefing
		want string // "" for no error
	}{
		{"supported", mk("The repairs will cost $12 million.", sent), ""},
		{"changed figure", mk("The repairs will cost $15 million.", sent), "figure"},
		{"no citation", mk("The repairs will cost $12 million."), "no citation"},
		{"span outside", mk("The repairs will cost $12 million.", news.Citation{ArticleID: 1, Start: 0, End: 99}), "outside"},
		{"flipped negation", mk("The mayor commented.", news.Citation{ArticleID: 1, Start: 31, End: 57}), "negate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := CheckGrounded(tc.b, map[int64]news.Article{1: a})
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("CheckGrounded = %v, want error containing %q", err, tc.want)
			}
		})
	}
}

func TestSummarizeBudget(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	for _, words := range []int{15, 40, 65, 200} {
		items := Summarize(usable(in.Articles), SummaryOptions{Words: words})
		if len(items) == 0 {
			t.Fatalf("budget %d: empty summary", words)
		}
		n := 0
		for _, it := range items {
			n += len(wordsOf(it.Text))
		}
		if len(items) > 1 && n > words {
			t.Errorf("budget %d: %d words in %d sentences", words, n, len(items))
		}
	}
}

func wordsOf(s string) []string { return strings.Fields(s) }

// FuzzBuild feeds arbitrary article text through the whole briefing: whatever
// the text, every citation must hold.
func FuzzBuild(f *testing.F) {
	in := loadInput(f, "bridge.json")
	for _, a := range in.Articles {
		f.Add(a.Text, a.Title)
	}
	f.Add("“Quoted,” she said. \"Unclosed quote. 5 km and $3bn.\n\n", "T")
	f.Add("\xff\xfe broken UTF-8 “ 12% ”", "")
	f.Fuzz(func(t *testing.T, body, title string) {
		in := Input{
			Story: news.Story{ID: 1, Title: title},
			Articles: []news.Article{
				{ID: 1, URL: "https://a.example/1", Title: title, Text: body, PublishedAt: fixedNow},
				{ID: 2, URL: "https://b.example/2", Title: "Other", Text: body + "\n" + body, PublishedAt: fixedNow.Add(time.Hour)},
			},
			Earlier: []news.Article{{ID: 3, URL: "https://c.example/3", Text: body, PublishedAt: fixedNow.Add(-72 * time.Hour)}},
		}
		// A section that fails is left out of a briefing, but must fail
		// the fuzz test.
		var logged bytes.Buffer
		log := slog.New(slog.NewTextHandler(&logged, nil))
		b := Build(in, Options{Now: fixedNow, Logger: log})
		if logged.Len() > 0 {
			t.Fatalf("a section failed: %s", logged.String())
		}
		if err := CheckGrounded(b, articleMap(in)); err != nil {
			t.Fatalf("not grounded: %v", err)
		}
		if err := Markdown(&bytes.Buffer{}, b, articleMap(in)); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkBuild builds a briefing for a large story: 60 articles, each the
// fixture's texts repeated to about 40 sentences, with 120 earlier articles.
func BenchmarkBuild(b *testing.B) {
	in := loadInput(b, "bridge.json")
	big := Input{Story: in.Story, Sources: in.Sources}
	for i := 0; i < 60; i++ {
		a := in.Articles[i%len(in.Articles)]
		a.ID = int64(1000 + i)
		a.URL = fmt.Sprintf("%s?%d", a.URL, i)
		a.Text = strings.Repeat(a.Text+"\n\n", 6)
		big.Articles = append(big.Articles, a)
	}
	for i := 0; i < 120; i++ {
		a := in.Earlier[i%len(in.Earlier)]
		a.ID = int64(5000 + i)
		a.PublishedAt = a.PublishedAt.Add(-time.Duration(i) * 24 * time.Hour)
		big.Earlier = append(big.Earlier, a)
	}
	b.ResetTimer()
	for b.Loop() {
		Build(big, Options{Now: fixedNow})
	}
}

func TestBuildRelatedAndEarlier(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	// The story itself and a repeat among the related; one of the story's
	// own articles among the earlier ones.
	in.Related = append([]news.Story{{ID: in.Story.ID, Title: "Itself"}}, in.Related...)
	in.Related = append(in.Related, in.Related[1])
	in.Earlier = append(in.Earlier, in.Articles[0])
	b := Build(in, Options{Now: fixedNow})
	rel, _ := b.Section(news.SectionRelated)
	if len(rel.Items) != 1 || rel.Items[0].StoryID != 5 {
		t.Errorf("related = %+v, want only story 5", rel.Items)
	}
	bg, _ := b.Section(news.SectionBackground)
	for _, it := range bg.Items {
		// Build allows a background entry that cites nothing.
		if len(it.Citations) > 0 && it.Citations[0].ArticleID == in.Articles[0].ID {
			t.Errorf("background cites the story's own article: %q", it.Text)
		}
	}
}

func TestFactsVariants(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	items := allFacts(usable(in.Articles), in.Sources, 8, nil)
	variants := 0
	for _, it := range items {
		for _, v := range it.Variants {
			variants++
			if v.Figure.Value == it.Figure.Value {
				t.Errorf("variant %q repeats the value of %q", v.Figure.Text, it.Figure.Text)
			}
			if v.Citations[0].ArticleID == it.Citations[0].ArticleID {
				t.Errorf("variant %q comes from the same article as %q", v.Text, it.Text)
			}
		}
	}
	// The fixture's outlets give 42,000 and 45,000 vehicles, counts with
	// no word that says which (on the labelled pairs of TestFigurePairs
	// all 37 such pairs were false), and "$12 million" and "as much
	// as $15 million", which can both be true: no disagreement to show.
	if variants != 0 {
		t.Errorf("%d variants, want none: the fixture's differing values can both be true", variants)
	}
}

// TestFactsTrueDisagreements wants a death toll and an aid package that two
// sources give differently shown as disagreements, and a lower bound that
// the other value meets shown as none.
func TestFactsTrueDisagreements(t *testing.T) {
	t.Parallel()
	arts := []news.Article{
		{ID: 1, URL: "https://a.example/1", Text: "The blast killed 12 people in the market. Donors pledged $2bn in aid. At least 30 people were injured."},
		{ID: 2, URL: "https://b.example/2", Text: "The blast killed 15 people on Monday. The $2.5bn aid package was approved. The blast injured 32 people."},
	}
	got := map[string][]string{}
	for _, it := range allFacts(arts, nil, 8, nil) {
		for _, v := range it.Variants {
			got[it.Figure.Quantity] = append(got[it.Figure.Quantity], it.Figure.Text+" / "+v.Figure.Text)
		}
	}
	want := map[string][]string{"dead": {"12 people / 15 people"}, "aid": {"$2bn / $2.5bn"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("disagreements (-want +got):\n%s", diff)
	}
}

// TestFactsSkipShownSentence wants a figure whose sentence the summary
// shows to be listed with another sentence that could be shown and gives
// the same value for the same quantity, and with its own sentence only
// when no other one does.
func TestFactsSkipShownSentence(t *testing.T) {
	t.Parallel()
	arts := []news.Article{
		{ID: 1, Title: "Bridge closed", Text: "The Riverton Bridge traffic ban will last 6 weeks. Repairs will cost $12 million."},
		{ID: 2, Title: "Riverton Bridge shut", Text: "The city said the traffic ban on the bridge would last 6 weeks. About 42,000 vehicles cross it every day."},
		{ID: 3, Title: "Puente cerrado", Lang: "es", Text: "La prohibición del tráfico en el puente de Riverton durará 6 semanas. Lo cruzan 42.000 vehículos al día."},
		{ID: 4, Title: "Brücke gesperrt", Lang: "de", Text: "Die gesperrte Brücke ist 300 Meter lang. Sie wurde am Montag gesperrt."},
		{ID: 5, Title: "Bridge shut", Text: "The city said the traffic ban on the bridge would last 6 weeks. The bridge is 300 metres long."},
	}
	sentence := func(a news.Article, k int) news.Citation {
		return news.Cite(a.ID, text.Sentences(a.Text)[k])
	}
	tests := []struct {
		name string
		arts []news.Article
		skip []news.Citation
		want []string // each fact's sentence
	}{
		{"nothing shown", arts[:2], nil, []string{
			"The Riverton Bridge traffic ban will last 6 weeks.",
			"Repairs will cost $12 million.",
			"About 42,000 vehicles cross it every day.",
		}},
		{"english: another sentence states the value", arts[:2], []news.Citation{sentence(arts[0], 0)}, []string{
			"The city said the traffic ban on the bridge would last 6 weeks.",
			"Repairs will cost $12 million.",
			"About 42,000 vehicles cross it every day.",
		}},
		{"english: no other sentence states it", arts[:2], []news.Citation{sentence(arts[0], 1)}, []string{
			"The Riverton Bridge traffic ban will last 6 weeks.",
			"Repairs will cost $12 million.",
			"About 42,000 vehicles cross it every day.",
		}},
		{"spanish: another sentence states the value", []news.Article{arts[2], arts[4]}, []news.Citation{sentence(arts[2], 0)}, []string{
			"The city said the traffic ban on the bridge would last 6 weeks.",
			"The bridge is 300 metres long.",
			"Lo cruzan 42.000 vehículos al día.",
		}},
		// Nothing names what the 300 metres measure, so the other
		// sentence may be about another quantity.
		{"german: the quantity is not named", []news.Article{arts[3], arts[4]}, []news.Citation{sentence(arts[3], 0)}, []string{
			"The city said the traffic ban on the bridge would last 6 weeks.",
			"Die gesperrte Brücke ist 300 Meter lang.",
		}},
		{"german: no other sentence states it", []news.Article{arts[3]}, []news.Citation{sentence(arts[3], 0)}, []string{
			"Die gesperrte Brücke ist 300 Meter lang.",
		}},
		// "Ban lasts 6 weeks." is too short for a briefing: it does not
		// stand in for the summary's sentence.
		{"english: the other sentence could not be shown", []news.Article{arts[0], {ID: 6, Title: "Bridge", Text: "Ban lasts 6 weeks."}}, []news.Citation{sentence(arts[0], 0)}, []string{
			"The Riverton Bridge traffic ban will last 6 weeks.",
			"Repairs will cost $12 million.",
		}},
		// The same number and unit for another quantity is not the
		// summary's figure.
		{"english: the other sentence states another quantity", []news.Article{arts[0], {ID: 7, Title: "Mayor", Text: "The mayor was elected 6 weeks ago by a wide margin."}}, []news.Citation{sentence(arts[0], 0)}, []string{
			"The Riverton Bridge traffic ban will last 6 weeks.",
			"Repairs will cost $12 million.",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			skip := map[news.Citation]bool{}
			for _, c := range tc.skip {
				skip[c] = true
			}
			var got []string
			for _, it := range allFacts(tc.arts, nil, 8, skip) {
				got = append(got, it.Text)
				for _, v := range it.Variants {
					got = append(got, v.Text)
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("facts' sentences (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBuildFactsDoNotRepeatSummary wants no key fact to show a summary
// sentence again when another outlet's sentence gives the same value for
// the same quantity (the traffic ban's 6 weeks).
func TestBuildFactsDoNotRepeatSummary(t *testing.T) {
	t.Parallel()
	in := Input{
		Story: news.Story{ID: 1, Title: "Riverton Bridge shut"},
		Articles: []news.Article{
			{ID: 1, Title: "Riverton Bridge shut", Text: "Engineers found cracks in two steel beams of the Riverton Bridge on Monday. Repairs will cost $12 million. Its traffic ban will last 6 weeks, the city said."},
			{ID: 2, Title: "Bridge closed to traffic", Text: "The city said the traffic ban on the Riverton Bridge would last 6 weeks while engineers assess the damage. About 42,000 vehicles cross the bridge every day."},
		},
	}
	b := Build(in, Options{Now: fixedNow})
	summary := map[news.Citation]bool{}
	for _, sec := range b.Sections {
		if sec.Kind == news.SectionSummary {
			for _, it := range sec.Items {
				summary[it.Citations[0]] = true
			}
		}
	}
	facts := 0
	for _, sec := range b.Sections {
		if sec.Kind != news.SectionFacts {
			continue
		}
		for _, it := range sec.Items {
			facts++
			for _, x := range append([]news.Item{it}, it.Variants...) {
				if summary[x.Citations[0]] {
					t.Errorf("key fact %q repeats a summary sentence", x.Text)
				}
			}
		}
	}
	if len(summary) == 0 || facts == 0 {
		t.Fatalf("%d summary items, %d key facts: the test checks nothing", len(summary), facts)
	}
}

func TestGuardLeavesSectionOut(t *testing.T) {
	t.Parallel()
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	items := guard(log, 7, news.SectionVoices, func() []news.Item {
		var m map[string][]news.Item
		m["x"][0] = news.Item{} // a failing analysis
		return nil
	})
	if items != nil || !strings.Contains(logged.String(), "section=voices") {
		t.Errorf("guard returned %v, logged %q", items, logged.String())
	}
	ok := guard(nil, 7, news.SectionFacts, func() []news.Item { return []news.Item{{Text: "x"}} })
	if len(ok) != 1 {
		t.Errorf("guard dropped a good section: %v", ok)
	}
}

// TestMarkdownAllFootnotes renders two briefings into one document: every
// footnote a briefing cites must be defined once, by that briefing, since
// Markdown resolves a label anywhere in the document.
func TestMarkdownAllFootnotes(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	first := Build(in, Options{Now: fixedNow})
	second := first
	second.StoryID++
	var buf bytes.Buffer
	if err := MarkdownAll(&buf, []news.Briefing{first, second}, articleMap(in)); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(buf.String(), "\n---\n")
	if len(parts) != 2 {
		t.Fatalf("%d parts, want 2:\n%s", len(parts), buf.String())
	}
	// Within each briefing, the labels used (cited or defined) must be the
	// ones it defines; across briefings, no label may be defined twice.
	labels := func(re *regexp.Regexp, s string) []string {
		var out []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	used := regexp.MustCompile(`\[\^([^\]]+)\]`)
	defined := regexp.MustCompile(`(?m)^\[\^([^\]]+)\]:`)
	seen := map[string]bool{}
	for i, p := range parts {
		defs := labels(defined, p)
		if len(defs) == 0 {
			t.Errorf("briefing %d has no footnotes", i+1)
		}
		if diff := cmp.Diff(defs, labels(used, p)); diff != "" {
			t.Errorf("briefing %d cites footnotes it does not define (-defined +used):\n%s", i+1, diff)
		}
		for _, d := range defs {
			if seen[d] {
				t.Errorf("footnote %s defined again in briefing %d", d, i+1)
			}
			seen[d] = true
		}
	}
}

// TestFactsDisplayUnit wants a distance the article gives in metres kept in
// metres in the briefing's figure, not restated as a tiny number of km, and
// compared with a distance in km by its value.
func TestFactsDisplayUnit(t *testing.T) {
	t.Parallel()
	arts := []news.Article{
		{ID: 1, URL: "https://a.example/1", Text: "The river rose 4.2 metres above its normal level. The new wall is 800 metres long."},
		{ID: 2, URL: "https://b.example/2", Text: "The new wall is 0.8 km long."},
	}
	type shown struct {
		Value    float64
		Unit     string
		Variants int
	}
	got := map[string]shown{}
	for _, it := range allFacts(arts, nil, 8, nil) {
		got[it.Figure.Text] = shown{it.Figure.Value, it.Figure.Unit, len(it.Variants)}
	}
	// "800 metres" restates "0.8 km", so it is listed once.
	want := map[string]shown{"4.2 metres": {4.2, "m", 0}, "0.8 km": {0.8, "km", 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts' figures (-want +got):\n%s", diff)
	}
}
