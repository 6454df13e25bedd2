package clustereval

// Scores are the clustering metrics of one run against gold labels.
type Scores struct {
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	BCubedF1        float64 `json:"bcubed_f1"`
	PairwiseP       float64 `json:"pairwise_precision"`
	PairwiseR       float64 `json:"pairwise_recall"`
	PairwiseF1      float64 `json:"pairwise_f1"`
	ARI             float64 `json:"ari"`
	Stories         int     `json:"stories"`
	GoldStories     int     `json:"gold_stories"`
}

// Score compares predicted cluster labels with gold labels, item by item.
func Score(pred []int64, gold []string) Scores {
	n := len(pred)
	if n == 0 || len(gold) != n {
		return Scores{}
	}
	type cell struct {
		p int64
		g string
	}
	joint := map[cell]int{}
	ps := map[int64]int{}
	gs := map[string]int{}
	for i := range pred {
		joint[cell{pred[i], gold[i]}]++
		ps[pred[i]]++
		gs[gold[i]]++
	}
	var s Scores
	for i := range pred {
		j := float64(joint[cell{pred[i], gold[i]}])
		s.BCubedPrecision += j / float64(ps[pred[i]])
		s.BCubedRecall += j / float64(gs[gold[i]])
	}
	s.BCubedPrecision /= float64(n)
	s.BCubedRecall /= float64(n)
	s.BCubedF1 = f1(s.BCubedPrecision, s.BCubedRecall)

	pairs := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var sumJ, sumP, sumG float64
	for _, k := range joint {
		sumJ += pairs(k)
	}
	for _, k := range ps {
		sumP += pairs(k)
	}
	for _, k := range gs {
		sumG += pairs(k)
	}
	if sumP > 0 {
		s.PairwiseP = sumJ / sumP
	} else {
		s.PairwiseP = 1
	}
	if sumG > 0 {
		s.PairwiseR = sumJ / sumG
	} else {
		s.PairwiseR = 1
	}
	s.PairwiseF1 = f1(s.PairwiseP, s.PairwiseR)
	expected := sumP * sumG / pairs(n)
	maxIdx := (sumP + sumG) / 2
	if d := maxIdx - expected; d != 0 {
		s.ARI = (sumJ - expected) / d
	} else {
		s.ARI = 1
	}
	s.Stories = len(ps)
	s.GoldStories = len(gs)
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
