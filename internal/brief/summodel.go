package brief

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// summaryFeatureNames names the features of the summary's own sentence
// model, in order. The first len(FeatureNames) are the general scorer's
// features; the rest look harder at agreement between sources, which is
// what a multi-source summary rewards.
var summaryFeatureNames = withBins(append(append([]string(nil), FeatureNames...),
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
	"bi_other",      // share of its word bigrams another article has
	"bi_others",     // share of its word bigrams two other articles have
	"uni_others",    // share of its content words two other articles have
))

// binned are features whose effect is far from linear; each also enters
// one-hot, by the bin its value falls in (edges are the bins' upper
// bounds, chosen by hand from the features' spread on NeuS train).
var binned = []struct {
	feature string
	edges   []float64
}{
	{"inv_pos", []float64{0.2, 0.34, 0.51, 0.99}},
	{"log_words", []float64{2.4, 2.8, 3.1, 3.4, 3.7}},
	{"centrality", []float64{0.1, 0.2, 0.3, 0.4}},
	{"title", []float64{0.1, 0.2, 0.3, 0.45}},
	{"bi_others", []float64{0.05, 0.15, 0.3}},
	{"mean_cross", []float64{0.15, 0.3, 0.45, 0.6}},
}

// withBins appends the names of the bin features.
func withBins(names []string) []string {
	for _, b := range binned {
		for k := 0; k <= len(b.edges); k++ {
			names = append(names, fmt.Sprintf("%s_bin%d", b.feature, k))
		}
	}
	return names
}

// featureIndex is the position of a named feature in summaryFeatureNames.
func featureIndex(name string) int {
	for i, n := range summaryFeatureNames {
		if n == name {
			return i
		}
	}
	panic("brief: no summary feature " + name)
}

// addBins sets the one-hot bin features of f.
func addBins(f []float64, first int) {
	k := first
	for _, b := range binned {
		x := f[featureIndex(b.feature)]
		bin := sort.SearchFloat64s(b.edges, x)
		f[k+bin] = 1
		k += len(b.edges) + 1
	}
}

// summaryModel is the summary's sentence model and selection settings,
// fitted and tuned on the NeuS train split by TestTrainSummaryModel (see
// docs/briefing.md).
type summaryModel struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	// Shortlist is how many of the best sentences the subset search
	// chooses from.
	Shortlist int `json:"shortlist"`
	// Subset weighs subsetFeatureNames to score a whole candidate summary.
	Subset []float64 `json:"subset"`
	// Expected gives the subset model's expected ROUGE features (see
	// expectedModel).
	Expected expectedModel `json:"expected"`
	// Fingerprint hashes what the fit read of NeuS train, so that an
	// ordinary test run notices when later code changes the candidates or
	// their features without a refit (TestSummaryModelFresh). Only the
	// training writes it; it plays no part in summarising.
	Fingerprint *fitFingerprint `json:"fingerprint,omitempty"`
}

// fitFingerprint is the summary model's fingerprint: a hash of each kind of
// training row the fit consumes, over all Stories stories of NeuS train,
// computed by the training's test code (fingerprinter). The parts are
// hashed apart so a failure says which kind of row changed.
type fitFingerprint struct {
	Stories int `json:"stories"`
	// Candidates hashes the usable sentences: article, position, span,
	// words and text, and the articles' languages.
	Candidates string `json:"candidates"`
	// Features hashes the sentence features, rounded (fingerprintScale).
	Features string `json:"features"`
	// Labels hashes the sentence model's targets and the reference lengths.
	Labels string `json:"labels"`
	// Expected hashes the expected ROUGE's per-cell counts.
	Expected string `json:"expected"`
	// Subsets hashes every candidate set's features and ROUGE under the
	// model's shortlist: the subset model's rows.
	Subsets string `json:"subsets"`
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
	if strings.Join(m.Features, ",") != strings.Join(summaryFeatureNames, ",") || len(m.Weights) != len(summaryFeatureNames) ||
		len(m.Subset) != len(subsetFeatureNames) || m.Shortlist <= 0 ||
		len(m.Expected.Words) != wordCells || len(m.Expected.Pairs) != pairCells {
		panic("brief: summary_model.json does not match summaryFeatureNames; refit with go test ./internal/brief -run TestTrainSummaryModel -train")
	}
	return m
}()

// summaryFeatures computes the summary model's features of every sentence
// near the top of its article.
func summaryFeatures(articles []news.Article) ([]unit, [][]float64) {
	return analyze(articles).summaryFeatures()
}

// summaryFeatures extends the general features of the analysed sentences
// with the summary model's own.
func (an *analysis) summaryFeatures() ([]unit, [][]float64) {
	articles, all, base := an.articles, an.units, an.base
	n := len(FeatureNames)
	binsAt := featureIndex("uni_others") + 1

	titles := make([]string, len(articles))
	for d, a := range articles {
		titles[d] = strings.TrimSpace(a.Title)
	}
	// Headlines share the sentences' tf-idf space: each article's own, then
	// each article's others' together.
	titleVec := make([]vec, len(articles))
	otherTitle := make([]vec, len(articles))
	for d := range articles {
		titleVec[d] = an.tf.vector(titles[d])
		var parts []string
		for e, t := range titles {
			if e != d && t != "" {
				parts = append(parts, t)
			}
		}
		otherTitle[d] = an.tf.vector(strings.Join(parts, " "))
	}

	// Which articles use each content word, for shared_words.
	users := map[string]map[int]bool{}
	for _, u := range all {
		for _, w := range u.vec.terms {
			if users[w] == nil {
				users[w] = map[int]bool{}
			}
			users[w][u.doc] = true
		}
	}

	// Which articles use each word bigram and content word: n-grams the
	// sources share are the ones a neutral summary keeps.
	biUsers := map[string]map[int]bool{}
	for d, a := range articles {
		ws := lowerWords(a.Text)
		for i := 1; i < len(ws); i++ {
			g := ws[i-1] + " " + ws[i]
			if biUsers[g] == nil {
				biUsers[g] = map[int]bool{}
			}
			biUsers[g][d] = true
		}
	}
	docs := map[int]bool{}
	for _, u := range all {
		docs[u.doc] = true
	}
	feats := make([][]float64, len(all))
	for i, u := range all {
		f := make([]float64, len(summaryFeatureNames))
		copy(f, base[i])
		if len(docs) > 1 {
			f[n] = an.crossSum[i] / float64(len(docs)-1)
		}
		f[n+1] = an.crossLead[i]
		f[n+2] = cosine(u.vec, titleVec[u.doc])
		f[n+3] = cosine(u.vec, otherTitle[u.doc])
		f[n+4] = sharedShare(u.vec, users, 1)
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
		if ws := lowerWords(u.text); len(ws) > 1 {
			one, two := 0, 0
			for k := 1; k < len(ws); k++ {
				others := len(biUsers[ws[k-1]+" "+ws[k]]) - 1
				if others >= 1 {
					one++
				}
				if others >= 2 {
					two++
				}
			}
			f[n+14] = float64(one) / float64(len(ws)-1)
			f[n+15] = float64(two) / float64(len(ws)-1)
		}
		f[n+16] = sharedShare(u.vec, users, 2)
		addBins(f, binsAt)
		feats[i] = f
	}
	return all, feats
}

// sharedShare is the share of vec's words that more than k documents use
// (users maps a word to its documents); 0 for an empty vec.
func sharedShare(v vec, users map[string]map[int]bool, k int) float64 {
	if len(v.terms) == 0 {
		return 0
	}
	n := 0
	for _, w := range v.terms {
		if len(users[w]) > k {
			n++
		}
	}
	return float64(n) / float64(len(v.terms))
}

// lowerWords is text.Words lower-cased.
func lowerWords(s string) []string {
	ws := text.Words(s)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return ws
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

// usableFeatures keeps the sentences a summary may show, with their
// features.
func usableFeatures(an *analysis, o SummaryOptions) ([]unit, [][]float64) {
	all, feats := an.summaryFeatures()
	var units []unit
	var fs [][]float64
	for i, u := range all {
		if !o.shows(u) {
			continue
		}
		units = append(units, u)
		fs = append(fs, feats[i])
	}
	return units, fs
}

// selectSummary chooses the summary's sentences from units: of every set
// of shortlisted sentences that fits the budget, the one the subset model
// scores highest. Sentences whose span is in skip are not chosen. The
// result is in reading order (see readingOrder). langs are the articles'
// languages (articleLangs).
func selectSummary(articles []news.Article, langs []string, o SummaryOptions, m summaryModel, skip map[news.Citation]bool, units []unit, feats [][]float64) []unit {
	return selectFrom(articles, langs, newStoryWords(articles), o, m, skip, units, feats)
}

// selectFrom is selectSummary with the articles' words read already.
func selectFrom(articles []news.Article, langs []string, sw *storyWords, o SummaryOptions, m summaryModel, skip map[news.Citation]bool, units []unit, feats [][]float64) []unit {
	cands, weight := candidates(articles, langs, o, m, skip, units, feats)
	src := sourceLengths(articles, o.Words)
	ex := m.Expected.newExpectation(sw, cands)
	best := bestSubset(cands, o.Words, func(pick []int) float64 {
		var v float64
		for k, x := range subsetFeatures(cands, pick, weight, o.Words, len(articles), src, ex) {
			v += m.Subset[k] * x
		}
		return v
	})
	chosen := make([]candidate, len(best))
	for i, k := range best {
		chosen[i] = cands[k]
	}
	readingOrder(chosen)
	var names map[string]bool
	nameFirst(chosen, func(u unit) bool {
		if names == nil {
			names = storyNames(articles)
		}
		return namesSomeone(u.text, names)
	})
	chosen = placeLeaners(chosen)
	out := make([]unit, len(chosen))
	for i, c := range chosen {
		out[i] = c.u
	}
	return out
}

// bestSubset is the set of eachSubset that value rates highest, of those
// with a sentence that may open the summary (not candidate.refers) where
// any offered set has one. nameFirst can only put one of the set's own
// sentences first, so a set whose every sentence refers back, a
// one-sentence summary among them, would open on "The move follows…"
// under its headline; an editor would rather take the best set that
// stands on its own. With SummaryOptions.BackReferenceOpeners, refers is
// leans, which eachSubset already keeps from making a set alone, so the
// rule is off. eachSubset, which the model's training reads too, is left
// as it was: the rule decides among the sets the model rates, not which
// sets it was fitted on.
func bestSubset(cands []candidate, budget int, value func(pick []int) float64) []int {
	anyAlone := slices.ContainsFunc(cands, func(c candidate) bool { return !c.refers })
	var best, bestAny []int
	bestVal, bestAnyVal := math.Inf(-1), math.Inf(-1)
	eachSubset(cands, budget, func(pick []int) {
		// Strictly better only: of sets that tie, the first enumerated
		// (of the better-ranked candidates) stays.
		v := value(pick)
		if v > bestAnyVal {
			bestAnyVal = v
			bestAny = append(bestAny[:0], pick...)
		}
		if anyAlone && !slices.ContainsFunc(pick, func(k int) bool { return !cands[k].refers }) {
			return
		}
		if v > bestVal {
			bestVal = v
			best = append(best[:0], pick...)
		}
	})
	// anyAlone looks at every candidate, but eachSubset does not offer
	// every set: the sentences that may open can all lean on a pronoun and
	// not fit, or restate, beside a named one. Then no offered set stands
	// alone, and the best set overall still beats an empty summary.
	if best == nil {
		return bestAny
	}
	return best
}

// subsetFeatureNames names the features of a whole candidate summary that
// the subset model weighs. Sentence features enter summed with each
// sentence's share of the budget as its weight, so a long sentence counts
// for more of what the summary says.
var subsetFeatureNames = append(append([]string(nil), summaryFeatureNames...),
	"fill",     // words / budget
	"fill2",    // fill squared
	"sents",    // number of sentences
	"max_sim",  // highest cosine between two chosen sentences
	"outlets",  // share of the articles cited
	"concepts", // weight of the shared concepts covered, per budget word and article
	"score",    // sum of the sentence model's scores
	// Short sources get short summaries: the length to aim for depends on
	// how much the articles say.
	"fill_src",       // fill × log(source words / budget)
	"fill2_src",      // fill squared × log(source words / budget)
	"fill_min",       // fill × log(shortest article's words / budget)
	"leads",          // share of the sentences that open their article
	"fill_concepts",  // fill × concepts
	"sents_src",      // sents × log(source words / budget)
	"score_per_sent", // score / sents
	"exp_rouge1",     // expected ROUGE-1 F1 (see expectedModel)
	"exp_rouge2",     // expected ROUGE-2 F1
)

// candidate is a sentence the subset search may choose.
type candidate struct {
	u        unit
	feats    []float64
	score    float64
	concepts []int
	// near marks the shortlisted candidates this one restates
	// (nearDuplicate): a set holds at most one of them.
	near []bool
	// leans marks a sentence that opens on a pronoun (opensOnPronoun): no
	// set is made only of such sentences, and it may not be a summary's
	// first sentence.
	leans bool
	// refers marks a sentence that may not open the summary (nameFirst):
	// one that refers back (refersBack), or, with
	// SummaryOptions.BackReferenceOpeners, one that leans. The model's
	// inputs do not depend on it; bestSubset only passes over a set made
	// of such sentences alone.
	refers bool
}

// subsetFeatures describes the summary made of cands[i] for i in pick.
// src describes the articles' lengths (see sourceLengths), ex their words.
func subsetFeatures(cands []candidate, pick []int, weight []float64, budget, docs int, src [2]float64, ex *expectation) []float64 {
	n := len(summaryFeatureNames)
	f := make([]float64, len(subsetFeatureNames))
	words := 0
	cited := map[int]bool{}
	covered := make([]bool, len(weight))
	var maxSim, score float64
	for k, i := range pick {
		c := cands[i]
		share := float64(c.u.words) / float64(budget)
		for a := range n {
			f[a] += share * c.feats[a]
		}
		words += c.u.words
		cited[c.u.doc] = true
		for _, id := range c.concepts {
			covered[id] = true
		}
		for _, j := range pick[:k] {
			maxSim = math.Max(maxSim, cosine(c.u.vec, cands[j].u.vec))
		}
		score += c.score
	}
	var cw float64
	for id, ok := range covered {
		if ok {
			cw += weight[id]
		}
	}
	fill := float64(words) / float64(budget)
	f[n] = fill
	f[n+1] = fill * fill
	f[n+2] = float64(len(pick))
	f[n+3] = maxSim
	f[n+4] = float64(len(cited)) / float64(max(docs, 1))
	f[n+5] = cw / float64(budget*max(docs, 1))
	f[n+6] = score
	f[n+7] = fill * src[0]
	f[n+8] = fill * fill * src[0]
	f[n+9] = fill * src[1]
	leads := 0
	for _, i := range pick {
		if cands[i].u.pos == 0 {
			leads++
		}
	}
	k := float64(max(len(pick), 1))
	f[n+10] = float64(leads) / k
	f[n+11] = fill * f[n+5]
	f[n+12] = f[n+2] * src[0]
	f[n+13] = score / k
	f[n+14], f[n+15] = ex.rouge(cands, pick)
	return f
}

// candidates shortlists the usable sentences by the sentence model and
// finds the concepts they cover that more than one source mentions; langs
// are the articles' languages (articleLangs), which tell a pronoun.
func candidates(articles []news.Article, langs []string, o SummaryOptions, m summaryModel, skip map[news.Citation]bool, units []unit, feats [][]float64) ([]candidate, []float64) {
	var cands []candidate
	for i, u := range units {
		if skip[news.Cite(articles[u.doc].ID, u.span)] || u.words > o.Words {
			continue
		}
		var s float64
		for k, x := range feats[i] {
			s += m.Weights[k] * x
		}
		cands = append(cands, candidate{u: u, feats: feats[i], score: s})
	}
	// Ties (a wire copy's sentences tie with the original's) go to the
	// earlier article, then the earlier sentence.
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.u.doc, b.u.doc), cmp.Compare(a.u.span.Start, b.u.span.Start))
	})
	// Outlets often print one sentence word for word (an agency's line
	// reused): the summary shows it once, from the better-ranked copy, and
	// the shortlist's places go to sentences that say something else.
	seen := map[string]bool{}
	cands = slices.DeleteFunc(cands, func(c candidate) bool {
		k := printedKey(c.u.text)
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
	if len(cands) > m.Shortlist {
		cands = cands[:m.Shortlist]
	}
	sets := make([]map[string]bool, len(cands))
	for k := range cands {
		sets[k] = conceptSet(cands[k].u.text)
		cands[k].leans, cands[k].refers = openerMarks(cands[k].u.text, langs[cands[k].u.doc], o)
		cands[k].near = make([]bool, len(cands))
		for j := range k {
			if nearDuplicate(sets[k], sets[j]) {
				cands[k].near[j], cands[j].near[k] = true, true
			}
		}
	}
	df := map[string]int{}
	for _, a := range articles {
		seen := map[string]bool{}
		for _, c := range conceptsOf(a.Title + ". " + a.Text) {
			if !seen[c] {
				seen[c] = true
				df[c]++
			}
		}
	}
	ids := map[string]int{}
	var weight []float64
	for k := range cands {
		for _, c := range conceptsOf(cands[k].u.text) {
			if df[c] < 2 {
				continue
			}
			id, ok := ids[c]
			if !ok {
				id = len(weight)
				ids[c] = id
				weight = append(weight, float64(df[c]))
			}
			cands[k].concepts = append(cands[k].concepts, id)
		}
	}
	return cands, weight
}

// openerMarks tells, of sentence s in language lang, whether it opens on
// a pronoun (candidate.leans) and whether it may not open the summary
// (candidate.refers).
func openerMarks(s, lang string, o SummaryOptions) (leans, refers bool) {
	leans = opensOnPronoun(s, lang)
	if o.BackReferenceOpeners {
		return leans, leans
	}
	return leans, leans || opensOnBackWords(s, lang) // refersBack, the pronoun read once
}

// sourceLengths is the log of the articles' total words and of the
// shortest article's words, each over the budget.
func sourceLengths(articles []news.Article, budget int) [2]float64 {
	total, shortest := 0, -1
	for _, a := range articles {
		w := len(text.Words(a.Text))
		total += w
		if shortest < 0 || w < shortest {
			shortest = w
		}
	}
	b := float64(budget)
	return [2]float64{math.Log(float64(total+1) / b), math.Log(float64(max(shortest, 0)+1) / b)}
}

// eachSubset calls fn with every non-empty set of candidates that fits the
// budget and reads well, up to maxSubsets of them; pick is reused between
// calls. A set reads well when no two of its sentences restate each other
// and not all of them open on a pronoun (see readable.go). Where every
// candidate opens on one, the second rule is dropped: a summary that
// opens on a pronoun under its headline says more than none.
func eachSubset(cands []candidate, budget int, fn func(pick []int)) {
	var pick []int
	n := 0
	anyNamed := slices.ContainsFunc(cands, func(c candidate) bool { return !c.leans })
	var walk func(from, words, named int)
	walk = func(from, words, named int) {
		for k := from; k < len(cands) && n < maxSubsets; k++ {
			c := cands[k]
			if words+c.u.words > budget || slices.ContainsFunc(pick, func(j int) bool { return c.near[j] }) {
				continue
			}
			pick = append(pick, k)
			n++
			// named counts the sentences of pick that do not open on a
			// pronoun: a set of pronoun openers alone is not offered, but
			// it may grow into one that is.
			withName := named
			if !c.leans {
				withName++
			}
			if withName > 0 || !anyNamed {
				fn(pick)
			}
			walk(k+1, words+c.u.words, withName)
			pick = pick[:len(pick)-1]
		}
	}
	walk(0, 0, 0)
}

// maxSubsets bounds the subset search; candidates come best first, so the
// sets left out are those of the weakest sentences.
const maxSubsets = 20000
