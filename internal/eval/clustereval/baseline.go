package clustereval

import (
	"math"
	"time"

	"github.com/newsdesk/newsdesk/internal/text"
)

// DefaultBaselineThreshold is the baseline's cosine threshold, tuned on
// gva-stream-2013-2015 (the set whose README quotes a tuned baseline).
const DefaultBaselineThreshold = 0.25

// Baseline runs the plain TF-IDF single-pass clusterer: each article's
// tf-idf vector (document frequencies over the articles seen so far) joins
// the cluster whose centroid is most similar if the cosine reaches
// threshold, else starts a new cluster. No names, numbers, times, windows
// or copy detection.
func Baseline(arts []Dated, threshold float64) Result {
	start := time.Now()
	vocab := map[string]int{}
	df := map[int]int{}
	type centroid struct {
		w  map[int]float64
		n2 float64
	}
	var clusters []*centroid
	pred := make([]int64, len(arts))
	gold := make([]string, len(arts))
	for i, a := range arts {
		gold[i] = a.Label()
		tf := map[int]float64{}
		for _, w := range text.Words(a.Title + "\n" + a.Text) {
			id, ok := vocab[w]
			if !ok {
				id = len(vocab)
				vocab[w] = id
			}
			tf[id]++
		}
		for id := range tf {
			df[id]++
		}
		n := float64(i + 1)
		vec := map[int]float64{}
		var n2 float64
		for id, c := range tf {
			w := (1 + math.Log(c)) * math.Log((n+1)/float64(df[id]))
			vec[id] = w
			n2 += w * w
		}
		if n2 > 0 {
			inv := 1 / math.Sqrt(n2)
			for id := range vec {
				vec[id] *= inv
			}
		}
		best, bestCos := -1, -1.0
		for k, c := range clusters {
			if c.n2 == 0 {
				continue
			}
			var dot float64
			for id, w := range vec {
				dot += w * c.w[id]
			}
			if cos := dot / math.Sqrt(c.n2); cos > bestCos {
				best, bestCos = k, cos
			}
		}
		if best < 0 || bestCos < threshold {
			clusters = append(clusters, &centroid{w: map[int]float64{}})
			best = len(clusters) - 1
		}
		c := clusters[best]
		for id, w := range vec {
			old := c.w[id]
			c.w[id] = old + w
			c.n2 += (old+w)*(old+w) - old*old
		}
		pred[i] = int64(best + 1)
	}
	res := Result{Scores: Score(pred, gold)}
	if el := time.Since(start); el > 0 {
		res.PerSecond = float64(len(arts)) / el.Seconds()
	}
	return res
}
