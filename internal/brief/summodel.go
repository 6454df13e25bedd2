package brief

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/news"
)

// summaryFeatureNames names the features of the summary's own sentence
// model, in order. The first len(FeatureNames) are the general scorer's
// features; the rest look harder at agreement between sources, which is
// what a multi-source summary rewards.
var summaryFeatureNames = append(append([]string(nil), FeatureNames...),
	"mean_cross",    // mean over the other articles of the best cosine to one of their sentences
	"other_leads",   // best cosine to another article's first two sentences
	"own_title",     // cosine to its own article's headline
	"other_titles",  // cosine to the other articles' headlines
	"shared_words",  // share of its content words that other articles use too
	"caps",          // share of its words, after the first, that are capitalised
	"second",        // the article's second sentence
	"log_sents",     // log of the sentences in its article
	"words30",       // its length in words / 30
	"said",          // holds "said" or "says"
	"open_quote",    // opens with a quotation mark
	"pos_cent",      // inv_pos × centrality
	"title_cent",    // title × centrality
	"words_central", // words30 × centrality
)

// summaryModel is the summary's sentence model and selection settings,
// fitted and tuned on the NeuS train split by TestTrainSummaryModel (see
// docs/briefing.md).
type summaryModel struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	// Redundancy is the cosine above which a sentence repeats one already
	// chosen.
	Redundancy float64 `json:"redundancy"`
	// MinGain stops the summary when the best remaining sentence scores
	// below it, so a poor sentence is not added merely because it fits.
	MinGain float64 `json:"min_gain"`
}

//go:embed summary_model.json
var summaryModelJSON []byte

// defaultSummaryModel is the embedded model, checked against the features
// at start-up so a stale file fails every test rather than scoring wrongly.
var defaultSummaryModel = func() summaryModel {
	var m summaryModel
	if err := json.Unmarshal(summaryModelJSON, &m); err != nil {
		panic(fmt.Sprintf("brief: summary_model.json: %v", err))
	}
	if strings.Join(m.Features, ",") != strings.Join(summaryFeatureNames, ",") || len(m.Weights) != len(summaryFeatureNames) {
		panic("brief: summary_model.json does not match summaryFeatureNames; refit with go test ./internal/brief -run TestTrainSummaryModel -train")
	}
	return m
}()

// summaryFeatures computes the summary model's features of every sentence
// near the top of its article.
func summaryFeatures(articles []news.Article) ([]unit, [][]float64) {
	all, base := unitFeatures(articles)
	n := len(FeatureNames)

	titles := make([]string, len(articles))
	for d, a := range articles {
		titles[d] = strings.TrimSpace(a.Title)
	}
	// Headlines share the sentences' tf-idf space.
	titleVec := vectorize(all, titles)
	otherTitle := make([]map[string]float64, len(articles))
	for d := range articles {
		var parts []string
		for e, t := range titles {
			if e != d && t != "" {
				parts = append(parts, t)
			}
		}
		otherTitle[d] = vectorize(all, []string{strings.Join(parts, " ")})[0]
	}

	// Which articles use each content word, for shared_words.
	users := map[string]map[int]bool{}
	for _, u := range all {
		for w := range u.vec {
			if users[w] == nil {
				users[w] = map[int]bool{}
			}
			users[w][u.doc] = true
		}
	}

	sparse := sparseVectors(all)
	docs := map[int]bool{}
	for _, u := range all {
		docs[u.doc] = true
	}
	feats := make([][]float64, len(all))
	for i, u := range all {
		f := make([]float64, len(summaryFeatureNames))
		copy(f, base[i])
		best := map[int]float64{}
		var leads float64
		for j, o := range all {
			if o.doc == u.doc {
				continue
			}
			s := sparse[i].dot(sparse[j])
			if s > best[o.doc] {
				best[o.doc] = s
			}
			if o.pos < 2 && s > leads {
				leads = s
			}
		}
		if len(docs) > 1 {
			var sum float64
			for _, s := range best {
				sum += s
			}
			f[n] = sum / float64(len(docs)-1)
		}
		f[n+1] = leads
		f[n+2] = cosine(u.vec, titleVec[u.doc])
		f[n+3] = cosine(u.vec, otherTitle[u.doc])
		if len(u.vec) > 0 {
			shared := 0
			for w := range u.vec {
				if len(users[w]) > 1 {
					shared++
				}
			}
			f[n+4] = float64(shared) / float64(len(u.vec))
		}
		f[n+5] = capsShare(u.text)
		if u.pos == 1 {
			f[n+6] = 1
		}
		f[n+7] = math.Log(float64(u.nsent + 1))
		f[n+8] = float64(u.words) / 30
		l := strings.ToLower(u.text)
		if strings.Contains(l, "said") || strings.Contains(l, "says") {
			f[n+9] = 1
		}
		if strings.HasPrefix(u.text, "\"") || strings.HasPrefix(u.text, "“") {
			f[n+10] = 1
		}
		f[n+11] = base[i][2] * base[i][4]
		f[n+12] = base[i][6] * base[i][4]
		f[n+13] = f[n+8] * base[i][4]
		feats[i] = f
	}
	return all, feats
}

// capsShare is the share of a sentence's words, after the first, that open
// with a capital letter: names of people, places and organisations.
func capsShare(s string) float64 {
	ws := strings.Fields(s)
	if len(ws) < 2 {
		return 0
	}
	caps := 0
	for _, w := range ws[1:] {
		w = strings.TrimLeft(w, "\"'“‘(")
		for _, r := range w {
			if unicode.IsUpper(r) {
				caps++
			}
			break
		}
	}
	return float64(caps) / float64(len(ws)-1)
}

// summaryScored ranks the usable sentences with the summary model.
func summaryScored(articles []news.Article, o SummaryOptions, m summaryModel) *scoredUnits {
	all, feats := summaryFeatures(articles)
	var units []unit
	var scores []float64
	for i, u := range all {
		if u.words < o.MinWords || u.words > o.MaxWords || !usableSentence(u.text) || leansOnContext(u.text) {
			continue
		}
		var s float64
		for k, x := range feats[i] {
			s += m.Weights[k] * x
		}
		units = append(units, u)
		scores = append(scores, s)
	}
	return &scoredUnits{units, scores}
}
