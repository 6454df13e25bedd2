package brief

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

// wordCandidates makes a candidate of each word count, restating none of
// the others, with those at the indexes in leans opening on a pronoun and
// those in refers referring back.
func wordCandidates(words, leans, refers []int) []candidate {
	cands := make([]candidate, len(words))
	for i, w := range words {
		cands[i].u.words = w
		cands[i].near = make([]bool, len(words))
	}
	for _, i := range leans {
		cands[i].leans = true
	}
	for _, i := range refers {
		cands[i].refers = true
	}
	return cands
}

func TestEachSubset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		words  []int
		budget int
		near   [][2]int // pairs that restate each other
		leans  []int    // sentences that open on a pronoun
	}{
		{"none fits", []int{10, 12}, 5, nil, nil},
		{"all fit together", []int{3, 4, 5}, 12, nil, nil},
		{"some pairs fit", []int{20, 30, 40, 25}, 60, nil, nil},
		{"one at a time", []int{40, 50, 45}, 50, nil, nil},
		{"restatements apart", []int{3, 4, 5, 6}, 30, [][2]int{{0, 2}, {1, 3}}, nil},
		{"pronoun openers only with a named one", []int{3, 4, 5, 6}, 30, nil, []int{0, 1, 2}},
		{"both rules", []int{3, 4, 5, 6}, 30, [][2]int{{0, 3}}, []int{1, 3}},
		{"every one a pronoun opener", []int{3, 4, 5}, 30, [][2]int{{0, 1}}, []int{0, 1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cands := wordCandidates(tc.words, tc.leans, nil)
			for _, p := range tc.near {
				cands[p[0]].near[p[1]], cands[p[1]].near[p[0]] = true, true
			}
			// Brute force over bit masks.
			allLean := len(tc.leans) == len(cands)
			want := map[int]bool{}
		masks:
			for mask := 1; mask < 1<<len(cands); mask++ {
				sum, named := 0, false
				for i := range cands {
					if mask&(1<<i) != 0 {
						sum += cands[i].u.words
						named = named || !cands[i].leans
					}
				}
				for _, p := range tc.near {
					if mask&(1<<p[0]) != 0 && mask&(1<<p[1]) != 0 {
						continue masks
					}
				}
				if sum <= tc.budget && (named || allLean) {
					want[mask] = true
				}
			}
			got := map[int]bool{}
			eachSubset(cands, tc.budget, func(pick []int) {
				mask := 0
				for _, i := range pick {
					mask |= 1 << i
				}
				if got[mask] {
					t.Errorf("set %b seen twice", mask)
				}
				got[mask] = true
			})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBestSubset wants the best-rated set with a sentence that may open the
// summary, where there is one: not a one-sentence summary, or a set, whose
// every sentence refers back ("The move follows…").
func TestBestSubset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		words  []int
		budget int
		refers []int
		leans  []int     // open on a pronoun: eachSubset offers no set of them alone
		value  []float64 // each sentence's worth; a set's is their sum
		want   []int
	}{
		{"best set stands alone", []int{10, 10, 10}, 20, []int{1}, nil, []float64{3, 2, 1}, []int{0, 1}},
		{"one sentence that refers back", []int{40, 40}, 50, []int{0}, nil, []float64{3, 1}, []int{1}},
		{"every sentence of the best set refers back", []int{10, 10, 10}, 20, []int{0, 1}, nil, []float64{3, 2, 1}, []int{0, 2}},
		{"every candidate refers back", []int{40, 40}, 50, []int{0, 1}, nil, []float64{3, 1}, []int{0}},
		// The only sentence that may open leans on a pronoun and does not
		// fit beside the named one, so no offered set stands alone: the
		// best offered set is still better than an empty summary.
		{"no offered set stands alone", []int{40, 40}, 50, []int{0}, []int{1}, []float64{3, 1}, []int{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cands := wordCandidates(tc.words, tc.leans, tc.refers)
			got := bestSubset(cands, tc.budget, func(pick []int) float64 {
				var v float64
				for _, k := range pick {
					v += tc.value[k]
				}
				return v
			})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("best set (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCapsShare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
	}{
		{"", 0},
		{"Alone", 0},
		{"The mayor met Ana Ortiz.", 0.5},
		{"He quoted \"Reuters\" and (AP) today", 0.4},
		{"all lower case words", 0},
	}
	for _, tc := range tests {
		if got := capsShare(tc.in); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("capsShare(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestSummaryFeatures checks the features every sentence gets: as many as
// the model has names for, finite, and exactly one bin set per binned
// feature, which is what the embedded weights assume.
func TestSummaryFeatures(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	units, feats := summaryFeatures(usable(in.Articles))
	if len(units) == 0 || len(units) != len(feats) {
		t.Fatalf("%d units, %d feature rows", len(units), len(feats))
	}
	first := featureIndex("uni_others") + 1
	for i, f := range feats {
		if len(f) != len(summaryFeatureNames) {
			t.Fatalf("sentence %d: %d features, want %d", i, len(f), len(summaryFeatureNames))
		}
		for k, x := range f {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("sentence %d: %s = %v", i, summaryFeatureNames[k], x)
			}
		}
		k := first
		for _, b := range binned {
			set := 0
			for _, x := range f[k : k+len(b.edges)+1] {
				set += int(x)
			}
			if set != 1 {
				t.Errorf("sentence %d: %d bins of %s set", i, set, b.feature)
			}
			k += len(b.edges) + 1
		}
	}
}

// TestSelectSummary checks the rules the choice must keep whatever the
// model's weights: the budget, exact spans, the skip set and reading order.
func TestSelectSummary(t *testing.T) {
	t.Parallel()
	in := loadInput(t, "bridge.json")
	arts := usable(in.Articles)
	for _, words := range []int{10, 25, 65, 150} {
		o := SummaryOptions{Words: words}.withDefaults()
		units, feats := usableFeatures(analyze(arts), o)
		got := selectSummary(arts, articleLangs(arts), o, defaultSummaryModel, nil, units, feats)
		n := 0
		for _, u := range got {
			n += u.words
			if arts[u.doc].Text[u.span.Start:u.span.End] != u.text {
				t.Errorf("budget %d: %q is not its span", words, u.text)
			}
		}
		if n > words {
			t.Errorf("budget %d: %d words chosen", words, n)
		}
		for i := 1; i < len(got); i++ {
			if got[i-1].pos != 0 && got[i].pos == 0 {
				t.Errorf("budget %d: a lead follows a later sentence", words)
			}
		}
		if len(got) == 0 {
			continue
		}
		skip := map[news.Citation]bool{news.Cite(arts[got[0].doc].ID, got[0].span): true}
		for _, u := range selectSummary(arts, articleLangs(arts), o, defaultSummaryModel, skip, units, feats) {
			if u.doc == got[0].doc && u.span == got[0].span {
				t.Errorf("budget %d: skipped sentence %q chosen", words, u.text)
			}
		}
	}
}
