package extracteval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestWordPRF(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		truth, pred string
		want        PRF
	}{
		{"identical", "The cat sat.", "the CAT sat", PRF{1, 1, 1}},
		{"both empty", "", "  ", PRF{1, 1, 1}},
		{"empty prediction", "a b", "", PRF{}},
		{"half recall", "a b c d", "a b", PRF{1, 0.5, 2.0 / 3}},
		{"multiset", "a a b", "a a a b", PRF{0.75, 1, 6.0 / 7}},
		{"unicode words", "Café, naïve_x 42!", "café naïve_x 42", PRF{1, 1, 1}},
	}
	for _, tc := range tests {
		got := WordPRF(tc.truth, tc.pred)
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%s: WordPRF (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestShingle checks the port of evaluate.py against values worked out by
// hand from its definitions.
func TestShingle(t *testing.T) {
	t.Parallel()
	// truth: 5 tokens -> shingles (a b c d), (b c d e);
	// pred: 4 tokens -> (a b c d). tp=1 fn=1 fp=0, normalised by 2.
	c := shingleMatch("a b c d e", "a b c d")
	if diff := cmp.Diff(shingleCounts{0.5, 0, 0.5}, c, cmp.AllowUnexported(shingleCounts{})); diff != "" {
		t.Errorf("shingleMatch (-want +got):\n%s", diff)
	}
	// Case is kept, as re.findall(r'\w+') keeps it.
	if c := shingleMatch("A b", "a b"); c.tp != 0 {
		t.Errorf("shingles should be case-sensitive, got %+v", c)
	}
	// A short text yields one short shingle.
	if c := shingleMatch("a b", "a b"); c.tp != 1 {
		t.Errorf("short text: got %+v", c)
	}
	// F1 comes from the mean precision and mean recall.
	got := shinglePRF([]shingleCounts{{0.5, 0, 0.5}, {1, 0, 0}})
	p, r := 1.0, 0.75
	want := PRF{p, r, 2 * p * r / (p + r)}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("shinglePRF (-want +got):\n%s", diff)
	}
}

func TestMetadataMatch(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time {
		d, _ := time.Parse(time.RFC3339, s)
		return d
	}
	if !dateMatch("2024-06-02", day("2024-06-03T23:00:00Z")) || dateMatch("2024-06-02", day("2024-06-04T00:30:00Z")) || dateMatch("2024-06-02", time.Time{}) {
		t.Error("dateMatch: want within one calendar day only")
	}
	tests := []struct {
		truth, pred string
		want        bool // bylineMatch: every name, or the first listed
		wantExact   bool // bylineExact: every name
	}{
		{"Ines Duarte", "By Ines Duarte", true, true},
		{"Ines Duarte and Tom Roe", "Tom Roe, Ines Duarte", true, true},
		{"Ines Duarte", "Ines Duarte, Tom Roe", true, false},
		{"Ines Duarte, Tom Roe", "Ines Duarte", true, false},
		{"Dylan Bailey, MS, RD", "Dylan Bailey", true, false},
		{"Ines Duarte", "Port News", false, false},
		{"Ines Duarte", "", false, false},
		{"", "", false, false},
	}
	for _, tc := range tests {
		if got := bylineMatch(tc.truth, tc.pred); got != tc.want {
			t.Errorf("bylineMatch(%q, %q) = %v, want %v", tc.truth, tc.pred, got, tc.want)
		}
		if got := bylineExact(tc.truth, tc.pred); got != tc.wantExact {
			t.Errorf("bylineExact(%q, %q) = %v, want %v", tc.truth, tc.pred, got, tc.wantExact)
		}
	}
	if !titleMatch("America's  best", "America’s best") || titleMatch("Best", "best") {
		t.Error("titleMatch: want quote-insensitive, case-sensitive")
	}
}

func TestDateAndTitleRules(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	dates := []struct {
		truth string
		pred  time.Time
		want  bool
	}{
		{"2015-11", at("2015-11-28T10:00:00Z"), true},
		{"2015-11", at("2015-12-01T00:00:00Z"), false},
		{"2015-11", at("2015-10-31T23:00:00Z"), false},
		// The prediction is read in the zone the page gave it.
		{"2024-06-02", at("2024-06-03T23:30:00-05:00"), true},
		{"2024-06-02", at("2024-05-31T23:30:00+02:00"), false},
		{"no date", at("2024-06-02T00:00:00Z"), false},
	}
	for _, tc := range dates {
		if got := dateMatch(tc.truth, tc.pred); got != tc.want {
			t.Errorf("dateMatch(%q, %v) = %v, want %v", tc.truth, tc.pred, got, tc.want)
		}
	}
	titles := []struct {
		truth, pred string
		want        bool
	}{
		{"Cells Can Do It--Simple", "Cells Can Do It—Simple", true},
		{"*A Treatise* (1792)", "A Treatise (1792)", true},
		{"A guide to... Low light plants", "A guide to… Low light plants", true},
		{"A guide to.. Low light plants", "A guide to… Low light plants", false},
		{"Vibe Coding", "Vibe coding", false},
		{"Vibe Coding", "Vibe Coding | Blog", false},
	}
	for _, tc := range titles {
		if got := titleMatch(tc.truth, tc.pred); got != tc.want {
			t.Errorf("titleMatch(%q, %q) = %v, want %v", tc.truth, tc.pred, got, tc.want)
		}
	}
}

func TestInHalf(t *testing.T) {
	t.Parallel()
	even := 0
	for i := range 1000 {
		id := fmt.Sprintf("%04d", i)
		if InHalf(id, "even") == InHalf(id, "odd") {
			t.Fatalf("page %s is in both halves or in neither", id)
		}
		if InHalf(id, "even") {
			even++
		}
	}
	if even < 400 || even > 600 {
		t.Errorf("even half holds %d of 1000 ids, want about half", even)
	}
}

func TestRunJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dir    string
		layout Layout
		meta   bool
	}{
		{"testdata/sh", LayoutScrapinghub, false},
		{"testdata/wcxb", LayoutWCXB, true},
	}
	for _, tc := range tests {
		t.Run(string(tc.layout), func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			if err := Run(context.Background(), []string{"--data", tc.dir, "--json", "--compare"}, &out, &errb); err != nil {
				t.Fatalf("Run: %v (%s)", err, errb.String())
			}
			var rep map[string]any
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("output is not one JSON object: %v\n%s", err, out.String())
			}
			if rep["layout"] != string(tc.layout) {
				t.Errorf("layout = %v, want %v", rep["layout"], tc.layout)
			}
			if f1, _ := rep["word_f1"].(float64); f1 < 0.95 {
				t.Errorf("word_f1 = %v on an easy page, want >= 0.95", rep["word_f1"])
			}
			_, hasShingle := rep["shingle_f1"]
			if hasShingle != (tc.layout == LayoutScrapinghub) {
				t.Errorf("shingle_f1 present = %v for %s", hasShingle, tc.layout)
			}
			for _, k := range []string{"word_precision", "word_recall", "pages_per_second", "title_accuracy", "date_accuracy", "byline_accuracy", "byline_exact_accuracy", "peak_heap_over_base_mb", "base_heap_mb", "max_call_alloc_mb"} {
				if _, ok := rep[k]; !ok {
					t.Errorf("missing key %q", k)
				}
			}
			if tc.meta {
				for _, k := range []string{"title_accuracy", "date_accuracy", "byline_accuracy", "byline_exact_accuracy"} {
					if v, _ := rep[k].(float64); math.Abs(v-1) > 1e-9 {
						t.Errorf("%s = %v, want 1", k, rep[k])
					}
				}
			}
			peers, _ := rep["peers"].(map[string]any)
			for _, name := range []string{"go-trafilatura", "go-trafilatura-fallback", "go-readability"} {
				p, _ := peers[name].(map[string]any)
				if _, ok := p["word_f1"]; !ok {
					t.Errorf("peers.%s.word_f1 missing", name)
				}
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{}, {"--data", "testdata/nope"}, {"--bogus"}} {
		var out, errb bytes.Buffer
		if err := Run(context.Background(), args, &out, &errb); err == nil {
			t.Errorf("Run(%q): want an error", args)
		}
	}
}

func TestRunTable(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if err := Run(context.Background(), []string{"--data", "testdata/wcxb"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"newsdesk", "wordF1", "worst 1 pages"} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunRejectsBadHalf(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	err := Run(context.Background(), []string{"--data", "testdata/sh", "--half", "first"}, &out, &errb)
	if err == nil {
		t.Fatal("Run accepted --half first")
	}
}
