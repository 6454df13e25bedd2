package quoteeval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

func TestLoadDir(t *testing.T) {
	t.Parallel()
	docs, err := LoadDir(filepath.Join("testdata", "polnear"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d docs, want 1", len(docs))
	}
	d := docs[0]
	var got [][]string
	var sources []string
	for _, q := range d.Quotes {
		var parts []string
		for _, p := range q.Parts {
			parts = append(parts, p.Of(d.Text))
		}
		got = append(got, parts)
		sources = append(sources, q.Source.Of(d.Text)+"|"+q.Referent)
	}
	want := [][]string{
		{"We will rebuild the bridge", "It will take a year"},
		{"a waste of money and time"},
		{"Nobody asked us"},
		{"reckless"}, // one word: gold all the same
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gold quotes mismatch (-want +got):\n%s", diff)
	}
	wantSrc := []string{"Ana Ruiz, the mayor|Ana Ruiz, the mayor", "Critics|Critics", "he|Critics", "Ruiz|Ruiz"}
	if diff := cmp.Diff(wantSrc, sources); diff != "" {
		t.Errorf("sources mismatch (-want +got):\n%s", diff)
	}
}

func TestParseDocOffsets(t *testing.T) {
	t.Parallel()
	// Character offsets count code points: "é" and "’" are one each.
	txt := "Café’s owner said: “We close at nine every day.”"
	ann := "T1\tContent 20 47\tWe close at nine every day.\nT2\tSource 0 12\tCafé’s owner\nE1\tContent:T1 Source:T2\n"
	d, err := ParseDoc("x", txt, strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 1 {
		t.Fatalf("got %d quotes", len(d.Quotes))
	}
	if got := d.Quotes[0].Parts[0].Of(txt); got != "We close at nine every day" {
		t.Errorf("part = %q", got)
	}
	if got := d.Quotes[0].Source.Of(txt); got != "Café’s owner" {
		t.Errorf("source = %q", got)
	}
	if _, err := ParseDoc("x", "short", strings.NewReader("T1\tContent 0 99\tx\n")); err == nil {
		t.Error("span past the text: want an error")
	}
}

func TestParseDocSharedContent(t *testing.T) {
	t.Parallel()
	// Two attributions citing one Content are one quote in the text.
	txt := "Ana and Bo said: “We close at nine every day.”"
	ann := "T1\tContent 17 45\tWe close at nine every day.\nT2\tSource 0 3\tAna\nT3\tSource 8 10\tBo\n" +
		"E1\tContent:T1 Source:T2\nE2\tContent:T1 Source:T3\n"
	d, err := ParseDoc("x", txt, strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 1 {
		t.Fatalf("got %d gold quotes, want 1", len(d.Quotes))
	}
	if got := d.Quotes[0].Source.Of(txt); got != "Ana" {
		t.Errorf("source = %q, want the first attribution's", got)
	}
}

func TestParseDocSecondContent(t *testing.T) {
	t.Parallel()
	// brat writes a Content that its attribution splits as Content and
	// Content2: both are parts of one gold quote.
	txt := "“We close at nine,” Ana said. “We open at six every day.”"
	ann := "T1\tContent 0 19\tx\nT2\tSource 20 23\tAna\nT3\tContent 30 57\ty\n" +
		"E1\tAttribution:T9 Content:T1 Source:T2 Content2:T3\n"
	d, err := ParseDoc("x", txt, strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, q := range d.Quotes {
		var parts []string
		for _, p := range q.Parts {
			parts = append(parts, p.Of(txt))
		}
		got = append(got, parts)
	}
	want := [][]string{{"We close at nine", "We open at six every day"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gold quotes mismatch (-want +got):\n%s", diff)
	}
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	docs, err := LoadDir(filepath.Join("testdata", "polnear"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Evaluate(context.Background(), docs, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{
		"gold": float64(res.Gold), "pred": float64(res.Predicted), "matched": float64(res.Matched),
		"f1": res.F1, "scored": float64(res.SpeakerScored), "correct": float64(res.SpeakerCorrect),
		"long gold": float64(res.Long.Gold), "long pred": float64(res.Long.Predicted), "long matched": float64(res.Long.Matched),
		"shown": float64(res.SpeakerShown), "precision": res.SpeakerPrecision, "coverage": res.SpeakerCoverage,
	}
	// "reckless" counts in the headline figures, not in the long ones;
	// "he" resolves to nobody, so it is wrong: shown with no speaker, it
	// costs coverage, not precision.
	want := map[string]float64{
		"gold": 4, "pred": 4, "matched": 4, "f1": 1, "scored": 4, "correct": 3,
		"long gold": 3, "long pred": 3, "long matched": 3,
		"shown": 3, "precision": 1, "coverage": 0.75,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result mismatch (-want +got):\n%s", diff)
	}
	if res.Errors[ErrNoSpeaker] != 1 {
		t.Errorf("errors = %v, want one %s", res.Errors, ErrNoSpeaker)
	}
	shown, correct := 0, 0
	for rule, r := range res.Rules {
		if rule == "" || !strings.Contains(rule, "/") {
			t.Errorf("rule %q: want where/how", rule)
		}
		shown, correct = shown+r.Shown, correct+r.Correct
	}
	if shown != res.SpeakerShown || correct != res.SpeakerCorrect {
		t.Errorf("rules count %d shown, %d correct; want %d, %d", shown, correct, res.SpeakerShown, res.SpeakerCorrect)
	}
}

func TestMatching(t *testing.T) {
	t.Parallel()
	doc := strings.Repeat("x", 200)
	sp := func(a, b int) news.Span { return news.Span{Start: a, End: b} }
	gold := GoldQuote{Parts: []news.Span{sp(10, 50), sp(60, 100)}, Source: sp(52, 58)}
	tests := []struct {
		name  string
		parts []news.Span
		want  bool
	}{
		{"both parts", []news.Span{sp(10, 50), sp(60, 100)}, true},
		{"one part of two", []news.Span{sp(10, 50)}, false},
		{"spanning the gap", []news.Span{sp(10, 100)}, true},
		{"slightly short", []news.Span{sp(12, 50), sp(60, 98)}, true},
		{"too long", []news.Span{sp(10, 150)}, false},
	}
	for _, tc := range tests {
		docs := []Doc{{Name: "d", Text: doc, Quotes: []GoldQuote{gold}}}
		sh := shared(gold.Parts, tc.parts)
		got := float64(sh) >= MinOverlap*float64(max(total(gold.Parts), total(tc.parts)))
		if got != tc.want {
			t.Errorf("%s: match = %v, want %v", tc.name, got, tc.want)
		}
		_ = docs
	}
}

func TestMarked(t *testing.T) {
	t.Parallel()
	doc := `"We will win," she said. "And then we rest."`
	sp := func(a, b int) news.Span { return news.Span{Start: a, End: b} }
	tests := []struct {
		name  string
		gold  []news.Span
		preds [][]news.Span
		want  string
	}{
		{"joined too much", []news.Span{sp(1, 12)}, [][]news.Span{{sp(1, 12), sp(26, 42)}},
			`"\"[[{{We will win]]}},\" she said. \"{{And then we rest}}.\""`},
		{"cut short", []news.Span{sp(1, 12), sp(26, 42)}, [][]news.Span{{sp(26, 42)}},
			`"\"[[We will win]],\" she said. \"[[{{And then we rest]]}}.\""`},
	}
	for _, tc := range tests {
		if got := marked(doc, tc.gold, tc.preds); got != tc.want {
			t.Errorf("%s: marked = %s, want %s", tc.name, got, tc.want)
		}
	}
	long := strings.Repeat("é", 1000)
	if got := clipMiddle(long, 600); len(got) >= len(long) || !strings.Contains(got, " <…> ") || !utf8.ValidString(got) {
		t.Errorf("clipMiddle of %d bytes: %d bytes, valid %v", len(long), len(got), utf8.ValidString(got))
	}
}

func TestSpeakerMatches(t *testing.T) {
	t.Parallel()
	doc := "Haley Morris spoke. Later he said it. Morris agreed. So officials said no. " +
		"Donald Trump Is Right, wrote Ann Lee. Lee said so. Then he said yes."
	// at is the span of the first occurrence of w in doc at or after from.
	at := func(w, from string) news.Span {
		i := strings.Index(doc, from)
		i += strings.Index(doc[i:], w)
		return news.Span{Start: i, End: i + len(w)}
	}
	he := GoldQuote{Source: at("he", "Later"), Referent: "Haley Morris"}
	officials := GoldQuote{Source: at("officials", ""), Referent: "Haley Morris"}
	lee := GoldQuote{Source: at("Lee", "Lee said"), Referent: "Lee"}
	heAlone := GoldQuote{Source: at("he", "Then")} // no named Source before it
	morris := text.Quote{Speaker: "Haley Morris", SpeakerSpan: at("Haley Morris", ""), Mention: he.Source}
	annLee := at("Ann Lee", "")
	tests := []struct {
		name          string
		g             GoldQuote
		q             text.Quote
		strict, loose bool
	}{
		{"pronoun resolved", he, morris, true, true},
		{"pronoun shown unresolved", he, text.Quote{Speaker: "he", SpeakerSpan: he.Source, Mention: he.Source}, false, true},
		{"pronoun resolved to the wrong person", he, text.Quote{Speaker: "Ann Lee", SpeakerSpan: annLee, Mention: he.Source}, false, true},
		{"wrong person", he, text.Quote{Speaker: "John Smith", SpeakerSpan: at("Haley", "")}, false, false},
		{"surname only", he, text.Quote{Speaker: "Morris", SpeakerSpan: at("Morris", "Morris agreed")}, true, false},
		{"empty", he, text.Quote{}, false, false},
		{"group shown as written", officials, text.Quote{Speaker: "officials", SpeakerSpan: officials.Source, Mention: officials.Source}, true, true},
		{"group elsewhere", officials, text.Quote{Speaker: "the officials", SpeakerSpan: at("he", "Then"), Mention: at("he", "Then")}, false, false},
		{"headline taken as a name", lee, text.Quote{Speaker: "Donald Trump Is Right", SpeakerSpan: at("Donald Trump Is Right", ""), Mention: lee.Source}, false, true},
		{"named Source", lee, text.Quote{Speaker: "Ann Lee", SpeakerSpan: annLee, Mention: lee.Source}, true, true},
		{"pronoun, nothing named before", heAlone, text.Quote{Speaker: "Ann Lee", SpeakerSpan: annLee, Mention: heAlone.Source}, true, true},
		{"initials shown at a group Source", officials, text.Quote{Speaker: "G.K.", SpeakerSpan: officials.Source, Mention: officials.Source}, false, true},
		{"title shown at a group Source", officials, text.Quote{Speaker: "the Rev", SpeakerSpan: officials.Source, Mention: officials.Source}, false, true},
		{"pronoun, nothing named before, elsewhere", heAlone, text.Quote{Speaker: "Ann Lee", SpeakerSpan: annLee, Mention: at("Lee", "Lee said")}, false, false},
	}
	for _, tc := range tests {
		if got := SpeakerMatches(doc, tc.g, tc.q); got != tc.strict {
			t.Errorf("%s: SpeakerMatches = %v, want %v", tc.name, got, tc.strict)
		}
		if got := OverlapMatches(doc, tc.g, tc.q); got != tc.loose {
			t.Errorf("%s: OverlapMatches = %v, want %v", tc.name, got, tc.loose)
		}
	}
}

func TestRun(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if err := Run(context.Background(), []string{"--data", filepath.Join("testdata", "polnear"), "--json"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	for _, k := range []string{"quote_precision", "quote_recall", "quote_f1", "speaker_accuracy", "speaker_overlap_accuracy", "speaker_precision", "speaker_coverage", "speaker_rules", "long_quotes"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if long, _ := m["long_quotes"].(map[string]any); long["quote_f1"] == nil || long["min_words"] != float64(LongQuoteWords) {
		t.Errorf("JSON long_quotes = %v, want quote_f1 and min_words %d", m["long_quotes"], LongQuoteWords)
	}
	out.Reset()
	if err := Run(context.Background(), []string{"--data", filepath.Join("testdata", "polnear")}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "quote F1             1.000") {
		t.Errorf("text report lacks F1 line:\n%s", out.String())
	}
	if err := Run(context.Background(), nil, &out, &errb); err == nil {
		t.Error("no --data: want an error")
	}
	if err := Run(context.Background(), []string{"--data", t.TempDir()}, &out, &errb); err == nil {
		t.Error("empty folder: want an error")
	}
}

func TestHalf(t *testing.T) {
	t.Parallel()
	docs := []Doc{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e"}}
	for _, tc := range []struct {
		half string
		want []string
	}{
		{"", []string{"a", "b", "c", "d", "e"}},
		{"even", []string{"a", "c", "e"}},
		{"odd", []string{"b", "d"}},
	} {
		got, err := Half(docs, tc.half)
		if err != nil {
			t.Fatalf("Half(%q): %v", tc.half, err)
		}
		var names []string
		for _, d := range got {
			names = append(names, d.Name)
		}
		if diff := cmp.Diff(tc.want, names); diff != "" {
			t.Errorf("Half(%q) names (-want +got):\n%s", tc.half, diff)
		}
	}
	if _, err := Half(docs, "first"); err == nil {
		t.Error(`Half("first"): want an error`)
	}
	var out, errb bytes.Buffer
	if err := Run(context.Background(), []string{"--data", filepath.Join("testdata", "polnear"), "--half", "both"}, &out, &errb); err == nil {
		t.Error("--half both: want an error")
	}
}

func FuzzParseDoc(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "polnear", "attributions", "doc1_abcd.ann"))
	if err != nil {
		f.Fatal(err)
	}
	txt, err := os.ReadFile(filepath.Join("testdata", "polnear", "text", "doc1.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(txt), string(b))
	f.Add("“a b c d”", "T1\tContent 1 8;2 3\tx\nE1\tContent:T1 Source:T9\n")
	f.Add("x", "T1\tContent -1 2\n")
	f.Fuzz(func(t *testing.T, txt, ann string) {
		d, err := ParseDoc("f", txt, strings.NewReader(ann))
		if err != nil {
			return
		}
		for _, q := range d.Quotes {
			for _, p := range q.Parts {
				if !p.Valid(len(txt)) {
					t.Fatalf("part %v out of range", p)
				}
			}
			if q.Source.Len() > 0 && !q.Source.Valid(len(txt)) {
				t.Fatalf("source %v out of range", q.Source)
			}
		}
	})
}

func TestNameMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		speaker, ref string
		want         bool
	}{
		{"Brent Bozell III", "Bozell", true},
		{"Martin Luther King Jr.", "Dr. King", true},
		{"Donald Trump Is Right", "Trump", false},
		{"Kent County Republican", "Joe Smith", false},
		// The head of the Source is who it names; a name before a
		// lower-case role noun or a possessive only says whose.
		{"Hillary Clinton", "Clinton’s spokesman Brian Fallon", false},
		{"Brian Fallon", "Clinton’s spokesman Brian Fallon", true},
		{"Hillary Clinton", "Clinton campaign spokesman Brian Fallon", false},
		{"Donald Trump", "Trump campaign spokesman Jason Miller", false},
		{"Jason Miller", "Trump campaign spokesman Jason Miller", true},
		{"Dante Chinni", "NBC's Dante Chinni", true},
		{"Hillary Clinton", "Clinton’s", true},
		{"Ted Cruz", "Sen. Ted Cruz of Texas", true},
		{"John Kerry", "Secretary of State John Kerry", true},
		{"Ann Lee", "Lee, a Clinton aide", true},
		{"Laurence H. Tribe", "Another critic, Laurence H. Tribe,", true},
		{"Lawrence B. Cummings", "His former business partner at Lenox, Lawrence B. Cummings,", true},
		{"Ann Lenox", "His former business partner at Lenox, Lawrence B. Cummings,", false},
		{"Hillary Clinton", "Lee, a Clinton aide", false},
		// A title or initials shown alone name nobody.
		{"Del", "Del. Ann Lee", false},
		{"the Rev", "the Rev. Al Sharpton", false},
		{"G.K.", "G.K. Butterfield", false},
		{"the campaign", "Clinton", false},
	}
	for _, tc := range tests {
		if got := nameMatch(tc.speaker, tc.ref); got != tc.want {
			t.Errorf("nameMatch(%q, %q) = %v, want %v", tc.speaker, tc.ref, got, tc.want)
		}
	}
}
