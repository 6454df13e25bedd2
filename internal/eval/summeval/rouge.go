package summeval

import "github.com/newsdesk/newsdesk/internal/eval/rouge"

// Score is precision, recall and F1 of one ROUGE variant.
type Score struct {
	P, R, F float64
}

func prf(overlap, pred, ref int) Score {
	if overlap == 0 || pred == 0 || ref == 0 {
		return Score{}
	}
	p, r := float64(overlap)/float64(pred), float64(overlap)/float64(ref)
	return Score{P: p, R: r, F: 2 * p * r / (p + r)}
}

// RougeN scores n-gram overlap between a candidate and a reference token
// sequence, counting each n-gram at most as often as the reference has it.
func RougeN(cand, ref []string, n int) Score {
	cc, rc := rouge.NGrams(cand, n), rouge.NGrams(ref, n)
	overlap, total := 0, 0
	for g, c := range cc {
		overlap += min(c, rc[g])
		total += c
	}
	rt := 0
	for _, c := range rc {
		rt += c
	}
	return prf(overlap, total, rt)
}

// RougeL scores the longest common subsequence of the two token sequences
// taken whole (rouge-score's "rougeL", not the sentence-split "rougeLsum").
func RougeL(cand, ref []string) Score {
	if len(cand) == 0 || len(ref) == 0 {
		return Score{}
	}
	prev := make([]int, len(ref)+1)
	cur := make([]int, len(ref)+1)
	for i := 1; i <= len(cand); i++ {
		for j := 1; j <= len(ref); j++ {
			switch {
			case cand[i-1] == ref[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prf(prev[len(ref)], len(cand), len(ref))
}

// Rouge holds mean F1 of ROUGE-1, ROUGE-2 and ROUGE-L over a set of
// summaries.
type Rouge struct {
	R1 float64 `json:"rouge1_f1"`
	R2 float64 `json:"rouge2_f1"`
	RL float64 `json:"rougeL_f1"`
}

// rougeSum accumulates weighted per-summary F1 scores for averaging.
type rougeSum struct {
	r1, r2, rl float64
	w          float64
}

func (s *rougeSum) add(cand, ref string) { s.addWeighted(cand, ref, 1) }

func (s *rougeSum) addWeighted(cand, ref string, w float64) {
	c, r := rouge.Tokens(cand), rouge.Tokens(ref)
	s.r1 += w * RougeN(c, r, 1).F
	s.r2 += w * RougeN(c, r, 2).F
	s.rl += w * RougeL(c, r).F
	s.w += w
}

func (s rougeSum) mean() Rouge {
	if s.w == 0 {
		return Rouge{}
	}
	return Rouge{R1: s.r1 / s.w, R2: s.r2 / s.w, RL: s.rl / s.w}
}
