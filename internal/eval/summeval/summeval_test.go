package summeval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/eval/rouge"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/sharedpath"
)

func TestRouge(t *testing.T) {
	t.Parallel()
	approx := cmpopts.EquateApprox(0, 1e-4)
	tests := []struct {
		name       string
		cand, ref  string
		r1, r2, rl Score
	}{
		// The example of rouge-score's README.
		{"readme", "The quick brown dog jumps on the log.", "The quick brown fox jumps over the lazy dog",
			Score{0.75, 6.0 / 9, 0.7059}, Score{2.0 / 7, 0.25, 0.2667}, Score{0.625, 5.0 / 9, 0.5882}},
		{"identical", "A b c d", "a B c d", Score{1, 1, 1}, Score{1, 1, 1}, Score{1, 1, 1}},
		{"disjoint", "x y z", "a b c", Score{}, Score{}, Score{}},
		{"empty candidate", "", "a b c", Score{}, Score{}, Score{}},
		{"clipped counts", "the the the", "the cat", Score{1.0 / 3, 0.5, 0.4}, Score{}, Score{1.0 / 3, 0.5, 0.4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, r := rouge.Tokens(tc.cand), rouge.Tokens(tc.ref)
			got := []Score{RougeN(c, r, 1), RougeN(c, r, 2), RougeL(c, r)}
			if diff := cmp.Diff([]Score{tc.r1, tc.r2, tc.rl}, got, approx); diff != "" {
				t.Errorf("ROUGE-1, -2, -L (-want +got):\n%s", diff)
			}
		})
	}
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestScoreTimeline(t *testing.T) {
	t.Parallel()
	ref := Timeline{
		day("2010-01-12"): {"An earthquake strikes Haiti near the capital Port-au-Prince ."},
		day("2010-01-14"): {"Rescue teams arrive from many countries ."},
	}
	shifted := Timeline{
		day("2010-01-13"): ref[day("2010-01-12")],
		day("2010-01-15"): ref[day("2010-01-14")],
	}
	half := Timeline{day("2010-01-12"): ref[day("2010-01-12")]}
	tests := []struct {
		name string
		pred Timeline
		want TimelineScore
	}{
		{"perfect", ref, TimelineScore{Dates: 2, DateF1: 1, AR1: 1, AR2: 1}},
		// A day off halves every matched count.
		{"a day late", shifted, TimelineScore{Dates: 2, DateF1: 0, AR1: 0.5, AR2: 0.5}},
		{"empty", Timeline{}, TimelineScore{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := ScoreTimeline(tc.pred, ref)
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// Half the dates: precision 1, recall 1/2 for dates.
	if got := ScoreTimeline(half, ref); math.Abs(got.DateF1-2.0/3) > 1e-9 || got.AR1 <= 0 || got.AR1 >= 1 {
		t.Errorf("half timeline scored %+v, want Date-F1 2/3 and 0 < AR1 < 1", got)
	}
}

func TestReadNeuS(t *testing.T) {
	t.Parallel()
	cs, err := ReadNeuS(filepath.Join("testdata", "neus"), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || len(cs[0].Articles) != 3 || len(cs[1].Articles) != 2 {
		t.Fatalf("read %d clusters, want 2 of 3 and 2 articles", len(cs))
	}
	a := cs[0].Articles[1]
	if a.ID != 2 || a.Title != "East bank to get a park." || !strings.HasPrefix(a.Text, "A new park is coming") {
		t.Errorf("article = %+v", a)
	}
	if want := "The city council voted on Tuesday"; !strings.HasPrefix(cs[0].Target, want) {
		t.Errorf("target = %q, want it to start %q", cs[0].Target, want)
	}
	if _, err := ReadNeuS(filepath.Join("testdata", "neus"), "missing"); err == nil {
		t.Error("missing split: no error")
	}
}

func TestLeadBaselines(t *testing.T) {
	t.Parallel()
	articles := []news.Article{
		{Text: "One two three four. Five six seven eight."},
		{Text: "Alpha beta gamma delta. Epsilon zeta eta theta."},
	}
	tests := []struct {
		name   string
		run    func([]news.Article, int) string
		budget int
		want   string
	}{
		{"lead takes the first article first", Lead, 8, "One two three four. Five six seven eight."},
		{"lead-each takes every lead first", LeadEach, 8, "One two three four. Alpha beta gamma delta."},
		{"a sentence that does not fit is skipped", LeadEach, 5, "One two three four."},
		{"the first sentence always goes in", Lead, 2, "One two three four."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, tc.run(articles, tc.budget)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRunSummarizeJSON(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	err := RunSummarize(context.Background(), []string{"--data", filepath.Join("testdata", "neus"), "--split", "tiny", "--json"}, &out, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		R1        float64                       `json:"rouge1_f1"`
		R2        float64                       `json:"rouge2_f1"`
		RL        float64                       `json:"rougeL_f1"`
		Docs      int                           `json:"docs"`
		Baselines map[string]map[string]float64 `json:"baselines"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if got.Docs != 2 || got.R1 <= 0 || got.R1 > 1 || got.R2 <= 0 || got.RL <= 0 {
		t.Errorf("scores out of range: %s", out.String())
	}
	for _, b := range []string{"lead", "lead-each", "textrank"} {
		if got.Baselines[b]["rouge1_f1"] <= 0 {
			t.Errorf("baseline %s missing or zero: %s", b, out.String())
		}
	}
}

func TestRunTimelineAndBackground(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	args := []string{"--articles", filepath.Join("testdata", "t17-articles.jsonl"), "--timelines", filepath.Join("testdata", "t17-timelines.jsonl"), "--json"}
	if err := RunTimeline(context.Background(), args, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var tl TimelineResult
	if err := json.Unmarshal(out.Bytes(), &tl); err != nil {
		t.Fatal(err)
	}
	// The articles within the reference's span are of 25 and 26 June:
	// 25 June is a reference date, 26 June is not.
	if len(tl.Topics) != 1 || tl.Dates == 0 || tl.DateF1 <= 0 || tl.DateF1 == 1 || tl.AR1 <= 0 {
		t.Errorf("timeline result %+v, want one topic with some but not all dates right", tl)
	}

	out.Reset()
	args = []string{"--data", filepath.Join("testdata", "bg"), "--articles", filepath.Join("testdata", "t17-articles.jsonl"), "--json"}
	if err := RunBackground(context.Background(), args, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var bg BackgroundResult
	if err := json.Unmarshal(out.Bytes(), &bg); err != nil {
		t.Fatal(err)
	}
	// Only 2009-06-28 has a Background, written by both annotators.
	if bg.Dates != 1 || len(bg.Events) != 1 || bg.R1 <= 0 {
		t.Errorf("background result %s", out.String())
	}
	// The server path scores the same date, from the clusterer's story
	// (here alone: the fixture's articles share no names, so nothing links
	// them, and its background may be empty).
	if bg.Server.Dates != 1 || len(bg.ServerEvents) != 1 {
		t.Errorf("server-path background %s", out.String())
	}
}

func TestReadBackgrounds(t *testing.T) {
	t.Parallel()
	days, err := ReadBackgrounds(filepath.Join("testdata", "bg", "mj_death"))
	if err != nil {
		t.Fatal(err)
	}
	want := []BackgroundDay{{Date: day("2009-06-28"), References: []string{
		"The singer died on June 25 after his doctor found him unconscious.",
		"The singer was found unconscious at home and died in hospital.",
	}}}
	if diff := cmp.Diff(want, days); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSummarizeBeatsLead guards the summariser on the first NeuS val
// stories: every item is exactly its cited span, and it stays clearly ahead of LEAD (by 0.029 ROUGE-1 and
// 0.030 ROUGE-2 when the model was fitted) and ahead of TextRank.
func TestSummarizeBeatsLead(t *testing.T) {
	t.Parallel()
	cs, err := ReadNeuS(sharedpath.Dir(t, "data", "summarize", "neus"), "val")
	if err != nil {
		t.Skip(err)
	}
	res, err := Summarize(context.Background(), cs[:min(len(cs), 150)], brief.SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs[:min(len(cs), 150)] {
		byID := map[int64]string{}
		for _, a := range c.Articles {
			byID[a.ID] = a.Text
		}
		for _, it := range brief.Summarize(c.Articles, brief.SummaryOptions{}) {
			cit := it.Citations[0]
			if len(it.Citations) != 1 || byID[cit.ArticleID][cit.Start:cit.End] != it.Text {
				t.Errorf("summary item %q is not its cited span %+v", it.Text, it.Citations)
			}
		}
	}
	lead, tr := res.Baselines["lead"], res.Baselines["textrank"]
	if res.R1 < lead.R1+0.02 || res.R2 < lead.R2+0.02 {
		t.Errorf("newsdesk %+v is not 0.02 ahead of LEAD %+v", res.Rouge, lead)
	}
	if res.R1 <= tr.R1 || res.R2 <= tr.R2 {
		t.Errorf("newsdesk %+v does not beat TextRank %+v", res.Rouge, tr)
	}
}

// FuzzRougeSelf checks that any text scores ROUGE-1 1 against itself
// (the tokens themselves are fuzzed in package rouge).
func FuzzRougeSelf(f *testing.F) {
	f.Add("The quick brown fox.")
	f.Add("Ünïcödé — 12,5 %")
	f.Fuzz(func(t *testing.T, s string) {
		c := rouge.Tokens(s)
		if r := RougeN(c, c, 1); len(c) > 0 && math.Abs(r.F-1) > 1e-9 {
			t.Errorf("ROUGE-1 of %q with itself = %v", s, r.F)
		}
	})
}

// TestRunSummarizeHalf checks --half: even keeps the 1st, 3rd, … story
// of the split, odd the others, the two halves' means make the whole
// one's, and any other value is refused.
func TestRunSummarizeHalf(t *testing.T) {
	t.Parallel()
	type result struct {
		R1, R2, RL float64
		Docs       int
	}
	run := func(extra ...string) result {
		t.Helper()
		var out bytes.Buffer
		args := append([]string{"--data", filepath.Join("testdata", "neus"), "--split", "tiny", "--json"}, extra...)
		if err := RunSummarize(context.Background(), args, &out, &bytes.Buffer{}); err != nil {
			t.Fatalf("eval summarize %q: %v", extra, err)
		}
		var got struct {
			R1   float64 `json:"rouge1_f1"`
			R2   float64 `json:"rouge2_f1"`
			RL   float64 `json:"rougeL_f1"`
			Docs int     `json:"docs"`
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("%v in %s", err, out.String())
		}
		return result(got)
	}
	whole, even, odd, first := run(), run("--half", "even"), run("--half", "odd"), run("--limit", "1")
	if diff := cmp.Diff(first, even); diff != "" {
		t.Errorf("--half even is not the first story (-limit 1 +half even):\n%s", diff)
	}
	if even.Docs != 1 || odd.Docs != 1 || whole.Docs != 2 {
		t.Errorf("docs: whole %d, even %d, odd %d; want 2, 1, 1", whole.Docs, even.Docs, odd.Docs)
	}
	if got := (even.R1 + odd.R1) / 2; math.Abs(got-whole.R1) > 1e-9 {
		t.Errorf("mean of the halves' ROUGE-1 = %v, want the whole's %v", got, whole.R1)
	}
	if err := RunSummarize(context.Background(), []string{"--data", filepath.Join("testdata", "neus"), "--split", "tiny", "--half", "first"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error(`eval summarize --half first = nil error, want one`)
	}
}

func TestInHalf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		half string
		want []bool // dates 0..3
	}{
		{"", []bool{true, true, true, true}},
		{"even", []bool{true, false, true, false}},
		{"odd", []bool{false, true, false, true}},
	} {
		var got []bool
		for i := range 4 {
			got = append(got, inHalf(i, tt.half))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("inHalf(_, %q) (-want +got):\n%s", tt.half, diff)
		}
	}
	args := []string{"--data", filepath.Join("testdata", "bg"), "--articles", filepath.Join("testdata", "t17-articles.jsonl"), "--half", "first"}
	if err := RunBackground(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error(`eval background --half first = nil error, want one`)
	}
}

// TestServerInputs checks the server path's input: the day's story is the
// focus, and its earlier articles come through the clusterer (the story's
// own earlier days, its thread and related stories), not from another
// topic that the gold path would never mix in either.
func TestServerInputs(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	art := func(id int64, date, text string) news.Article {
		return news.Article{ID: id, URL: fmt.Sprint("t17:", id), Text: text, PublishedAt: day(date), Lang: "en", Extraction: news.ExtractFull}
	}
	quake := "Rescue teams in Port-au-Prince searched the rubble of the Hotel Montana after the earthquake. " +
		"President Rene Preval said the death toll in Haiti could pass 100,000. " +
		"The United Nations mission in Haiti lost its chief, Hedi Annabi, in the collapse."
	flu := "Health officials in Mexico City closed schools as the swine flu outbreak spread. " +
		"The World Health Organization raised its pandemic alert to phase five. " +
		"Margaret Chan said every country should activate its preparedness plans."
	arts := map[string][]news.Article{
		"haiti": {
			art(1, "2010-01-13", quake),
			art(2, "2010-01-14", "Aid flights landed in Port-au-Prince on Thursday as President Rene Preval appealed for help after the earthquake. "+
				"The United Nations said Hedi Annabi was confirmed dead in the rubble of the Hotel Montana. "+
				"Rescue teams from many countries searched the ruins across Haiti."),
		},
		"h1n1": {art(3, "2010-01-13", flu)},
	}
	cp := checkpoint{"haiti", day("2010-01-14")}
	got, err := serverInputs(context.Background(), arts, []checkpoint{cp, {"haiti", day("2010-01-20")}})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(as []news.Article) []int64 {
		var out []int64
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	in := got[cp]
	if diff := cmp.Diff([]int64{2}, ids(in.focus)); diff != "" {
		t.Errorf("focus (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{1}, ids(in.earlier)); diff != "" {
		t.Errorf("earlier (-want +got):\n%s", diff)
	}
	if _, ok := got[checkpoint{"haiti", day("2010-01-20")}]; ok {
		t.Error("a day without articles got a server-path story")
	}
}
