package brief

import (
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/newsdesk/newsdesk/internal/news"
)

func TestBucket(t *testing.T) {
	t.Parallel()
	tests := []struct {
		x     int
		edges []int
		want  int
	}{
		{0, []int{0, 1, 3}, 0},
		{1, []int{0, 1, 3}, 1},
		{2, []int{0, 1, 3}, 2},
		{3, []int{0, 1, 3}, 2},
		{4, []int{0, 1, 3}, 3},
		{5, nil, 0},
	}
	for _, tc := range tests {
		if got := bucket(tc.x, tc.edges...); got != tc.want {
			t.Errorf("bucket(%d, %v) = %d, want %d", tc.x, tc.edges, got, tc.want)
		}
	}
}

// TestExpectedRouge checks the expected F1 with every word and pair sure
// to be in a reference of 10 words: a word or pair two sentences share
// counts once, the summary's length every time.
func TestExpectedRouge(t *testing.T) {
	t.Parallel()
	articles := []news.Article{{ID: 1, Title: "Alpha", Text: "Alpha beta gamma. Alpha beta delta."}}
	sw := newStoryWords(articles)
	m := expectedModel{
		Words:  slices.Repeat([]float64{1}, wordCells),
		Pairs:  slices.Repeat([]float64{1}, pairCells),
		RefLen: [2]float64{math.Log(11), 0},
	}
	cands := []candidate{
		{u: unit{text: "Alpha beta gamma.", words: 3}},
		{u: unit{text: "Alpha beta delta.", words: 3}},
	}
	ex := m.newExpectation(sw, cands)
	tests := []struct {
		pick   []int
		r1, r2 float64
	}{
		{[]int{0}, 2 * 3.0 / (3 + 10), 2 * 2.0 / (2 + 9)},
		// alpha, beta, gamma, delta; alpha beta, beta gamma, beta delta.
		{[]int{0, 1}, 2 * 4.0 / (6 + 10), 2 * 3.0 / (5 + 9)},
		// Scoring a set again starts afresh.
		{[]int{1}, 2 * 3.0 / (3 + 10), 2 * 2.0 / (2 + 9)},
	}
	for _, tc := range tests {
		r1, r2 := ex.rouge(cands, tc.pick)
		if diff := cmp.Diff([]float64{tc.r1, tc.r2}, []float64{r1, r2}, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("rouge(%v) mismatch (-want +got):\n%s", tc.pick, diff)
		}
	}
}
