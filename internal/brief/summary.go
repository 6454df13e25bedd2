package brief

import (
	"math"
	"sort"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// DefaultSummaryWords is the summary's length budget when none is given.
const DefaultSummaryWords = 65

// SummaryOptions tunes the extractive summariser. Zero fields take the
// documented defaults.
type SummaryOptions struct {
	// Words is the length budget in words (text.Words); 65 by default.
	// Whole sentences are taken, so the summary may stop short of it.
	Words int
	// Shortlist is how many of the best-scoring sentences the summary
	// chooses among; 0 takes the trained model's (12).
	Shortlist int
	// MinWords and MaxWords bound the length of a usable sentence; 5 and 60
	// by default.
	MinWords, MaxWords int
	// Weights overrides the general sentence scorer's weights, one per
	// feature in the order FeatureNames lists; nil uses the weights fitted
	// on the NeuS train split (see docs/briefing.md). That scorer ranks
	// sentences for the key facts and the bottom line; the summary has its
	// own model.
	Weights []float64
	// BackReferenceOpeners, when true, lets the summary open on a
	// sentence that refers back to one it does not show ("Most of the
	// cases are children …", "The move follows …", "But the union …"),
	// as before the rule; a pronoun opener is kept out of first place
	// either way. False by default: such a sentence is not put first
	// (refersBack, nameFirst; docs/briefing.md, "A first sentence that
	// stands on its own").
	BackReferenceOpeners bool
}

func (o SummaryOptions) withDefaults() SummaryOptions {
	if o.Words <= 0 {
		o.Words = DefaultSummaryWords
	}
	if o.MinWords <= 0 {
		o.MinWords = 5
	}
	if o.MaxWords <= 0 {
		o.MaxWords = 60
	}
	if len(o.Weights) != len(FeatureNames) {
		o.Weights = defaultWeights
	}
	return o
}

// Summarize picks sentences from the articles for a multi-source
// extractive summary within the word budget.
//
// Every usable sentence near the top of its article is described by
// features of its position, its length, its agreement with the other
// sources (tf-idf similarity to their sentences, centroids and leads, and
// the share of its words and word pairs they use too) and its similarity to
// the headlines, and a linear model fitted on the NeuS train split scores
// it. Of the best-scoring sentences, every set that fits the budget is
// then scored as a whole by a second trained model, which weighs what the
// sentences say, how many concepts shared between sources they cover, how
// much they repeat each other, how much of the budget they fill for
// sources of that length and the ROUGE against the editors' summary that
// the kinds of words they hold lead one to expect (see expectedModel); the
// best set is the summary. The chosen
// sentences are ordered by where they stand in their articles, leads
// first, so the summary reads from the top of the story down. See
// docs/briefing.md for the training and the measured quality.
//
// Each item's Text is exactly articles[i].Text[Start:End] of its single
// citation, whose ArticleID is that article's ID.
func Summarize(articles []news.Article, opt SummaryOptions) []news.Item {
	return summarizeItems(analyze(articles), opt, nil)
}

// summarizeItems builds the summary section from the story's sentence
// analysis. The general sentence ranking Build shares with the other
// sections is not used: the summary ranks sentences with its own model
// (see summaryModel).
//
// cite, when not nil, tells the articles whose sentences the summary may
// be made of: an article that is another's machine translation
// (summarizeIn) is there to be agreed with, never cited.
func summarizeItems(an *analysis, opt SummaryOptions, cite []bool) []news.Item {
	articles := an.articles
	o := opt.withDefaults()
	m := defaultSummaryModel
	if opt.Shortlist > 0 {
		m.Shortlist = opt.Shortlist
	}
	units, feats := usableFeatures(an, o)
	if cite != nil {
		var cu []unit
		var cf [][]float64
		for i, u := range units {
			if cite[u.doc] {
				cu = append(cu, u)
				cf = append(cf, feats[i])
			}
		}
		units, feats = cu, cf
	}
	picked := selectSummary(articles, an.langs, o, m, nil, units, feats)
	items := make([]news.Item, len(picked))
	for i, u := range picked {
		items[i] = unitItem(articles, u)
	}
	return items
}

func unitItem(articles []news.Article, u unit) news.Item {
	return news.Item{Text: u.text, Citations: []news.Citation{news.Cite(articles[u.doc].ID, u.span)}}
}

// FeatureNames names the features the sentence scorer weighs, in order.
var FeatureNames = []string{
	"bias",          // 1
	"first",         // the article's first sentence
	"inv_pos",       // 1/(position+1)
	"rel_pos",       // position / sentences in the article
	"centrality",    // mean cosine to the other articles' centroids
	"max_cross",     // best cosine to a sentence of another article
	"title",         // cosine to all headlines together
	"log_words",     // log of the sentence length in words
	"quote",         // holds a quotation mark
	"dangling",      // opens with a word that leans on the sentence before
	"personal",      // uses I, we, you or my
	"digit",         // holds a digit
	"doc_central",   // mean cosine of its article to the other articles
	"first_central", // first sentence of an article, times doc_central
}

// defaultWeights were fitted on the NeuS train split: least squares on each
// sentence's n-gram overlap with the editors' summary, then coordinate
// ascent on the summaries' ROUGE-1 + ROUGE-2 (see docs/briefing.md).
var defaultWeights = []float64{0.38, 0.531, -0.723, -0.515, 1.574, 0.317, 0.202, -0.026, 0.102, -0.041, -0.345, 0.029, 0, -0.2}

// linkWords are the English first words that tie a sentence to the one
// before it: a connective ("But") or a demonstrative ("These"), as the
// sentence scorer (danglers) was fitted with them. Which sentence may open
// a summary, or stand as a key fact or the bottom line, is refersBack's
// question, which reads more openers and both languages; danglers stays
// this set because its weight was fitted on it.
var linkWords = []string{"but", "and", "yet", "so", "however", "also", "still", "this", "that", "these", "those"}

// danglers open sentences that make no sense without the one before: the
// link words, "or" and a personal or possessive pronoun. The "dangling"
// feature's weight was fitted with this set, so it stays as it is.
var danglers = wordSet(append([]string{"or", "he", "she", "it", "they", "his", "her", "their", "its"}, linkWords...)...)

var personal = wordSet("i", "we", "you", "my", "our", "me", "us")

// analysis is the sentence analysis of a story that the general sentence
// scorer and the summary model share. It is the bulk of a briefing's cost
// (all pairs of sentences are compared), so Build computes it once for the
// story's articles and shares it among the sections; a story whose
// articles are in more than one language costs a second one, over the
// articles in the summary's language only (summarizeIn).
type analysis struct {
	articles []news.Article
	// langs is each article's language (articleLangs), which the
	// headline, the summary and the bottom line all read: guessing it
	// reads an untagged article's whole text.
	langs []string
	// units are the sentences near the top of their article, their tf-idf
	// vectors set; base holds each one's features as FeatureNames lists
	// them.
	units []unit
	base  [][]float64
	tf    tfidf // the units' term weights, to place headlines among them
	// crossMax is, for each unit, its best cosine to a sentence of another
	// article; crossSum the sum over the other articles of its best cosine
	// to one of their sentences; crossLead its best cosine to another
	// article's first or second sentence.
	crossMax, crossSum, crossLead []float64
	// quoted holds every sentence of the articles, near the top or not,
	// that starts inside a quotation or leaves one open, by sentenceKey:
	// key facts come from the whole article.
	quoted map[sentenceKey]bool
}

// sentenceKey is a sentence: its article's index and its span.
type sentenceKey struct {
	doc  int
	span news.Span
}

// analyze computes every candidate sentence's features (see FeatureNames).
func analyze(articles []news.Article) *analysis {
	// Only the top of each article is a candidate: that is where news puts
	// what matters, and it bounds the quadratic similarity work on a story
	// with many long articles.
	var all []unit
	quoted := map[sentenceKey]bool{}
	for _, u := range splitUnits(articles) {
		if u.cutsQuote {
			quoted[sentenceKey{u.doc, u.span}] = true
		}
		if u.pos < maxSentencesPerArticle {
			all = append(all, u)
		}
	}
	var titles []string
	for _, a := range articles {
		if t := strings.TrimSpace(a.Title); t != "" {
			titles = append(titles, t)
		}
	}
	tf := newTFIDF(all)
	for i := range all {
		all[i].vec = tf.vector(all[i].text)
	}
	title := tf.vector(strings.Join(titles, " "))

	// Centroid of each article, to measure agreement between sources.
	byDoc := make([][]vec, len(articles))
	for _, u := range all {
		byDoc[u.doc] = append(byDoc[u.doc], u.vec)
	}
	cent := make([]vec, len(articles))
	docs := 0
	for d, vs := range byDoc {
		cent[d] = centroid(vs...)
		if len(cent[d].terms) > 0 {
			docs++
		}
	}
	docCent := make([]float64, len(articles))
	if docs > 1 {
		for d := range cent {
			for e := range cent {
				if d != e {
					docCent[d] += cosine(cent[d], cent[e])
				}
			}
			docCent[d] /= float64(docs - 1)
		}
	}
	// The similarity loops run on sparse vectors, as map look-ups there
	// dominate the cost of a large story.
	ids := termIDs{}
	sparse := make([]sparseVec, len(all))
	for i, u := range all {
		sparse[i] = ids.sparse(u.vec)
	}
	centSparse := make([]sparseVec, len(cent))
	for d, c := range cent {
		centSparse[d] = ids.sparse(c)
	}
	an := &analysis{
		articles:  articles,
		langs:     articleLangs(articles),
		units:     all,
		base:      make([][]float64, len(all)),
		tf:        tf,
		crossMax:  make([]float64, len(all)),
		crossSum:  make([]float64, len(all)),
		crossLead: make([]float64, len(all)),
		quoted:    quoted,
	}
	if docs > 1 {
		// With at most one article holding content words every cosine
		// across articles is 0, so the cross-article figures stay 0.
		an.crossSimilarity(sparse, len(articles))
	}
	for i, u := range all {
		var c float64
		if docs > 1 {
			for d, v := range centSparse {
				if d != u.doc {
					c += sparse[i].dot(v)
				}
			}
			c /= float64(docs - 1)
		} else {
			c = sparse[i].dot(centSparse[u.doc])
		}
		ws := text.Words(u.text)
		f := make([]float64, len(FeatureNames))
		f[0] = 1
		if u.pos == 0 {
			f[1] = 1
		}
		f[2] = 1 / float64(u.pos+1)
		f[3] = float64(u.pos) / float64(max(u.nsent, 1))
		f[4] = c
		f[5] = an.crossMax[i]
		f[6] = cosine(u.vec, title)
		f[7] = math.Log(float64(u.words + 1))
		if strings.ContainsAny(u.text, "\"“”«»") {
			f[8] = 1
		}
		if len(ws) > 0 && danglers[ws[0]] {
			f[9] = 1
		}
		for _, w := range ws {
			if personal[w] {
				f[10] = 1
				break
			}
		}
		if strings.ContainsAny(u.text, "0123456789") {
			f[11] = 1
		}
		f[12] = docCent[u.doc]
		f[13] = f[1] * docCent[u.doc]
		an.base[i] = f
	}
	return an
}

// crossSimilarity compares every unit with every unit of the other
// articles once, for both the general scorer (crossMax) and the summary
// model (crossSum, crossLead).
func (an *analysis) crossSimilarity(sparse []sparseVec, articles int) {
	all := an.units
	best := make([]float64, articles) // per other article
	for i, u := range all {
		clear(best)
		var lead float64
		for j, o := range all {
			if o.doc == u.doc {
				continue
			}
			s := sparse[i].dot(sparse[j])
			best[o.doc] = max(best[o.doc], s)
			if o.pos < 2 {
				lead = max(lead, s)
			}
		}
		var sum, mx float64
		for _, s := range best {
			sum += s
			mx = max(mx, s)
		}
		an.crossSum[i], an.crossLead[i], an.crossMax[i] = sum, lead, mx
	}
}

// scoredUnits are the usable sentences of a story with their scores,
// computed once per briefing and shared by the sections that rank
// sentences.
type scoredUnits struct {
	units  []unit
	scores []float64
	quoted map[sentenceKey]bool // as in analysis
}

// newScored ranks every usable sentence of the articles; the units carry
// their vectors for redundancy checks.
func newScored(articles []news.Article, o SummaryOptions) *scoredUnits {
	return analyze(articles).scored(o)
}

// scored ranks every usable sentence with the general scorer.
func (an *analysis) scored(o SummaryOptions) *scoredUnits {
	var units []unit
	var scores []float64
	for i, u := range an.units {
		if !o.shows(u) {
			continue
		}
		var s float64
		for k, x := range an.base[i] {
			s += o.Weights[k] * x
		}
		units = append(units, u)
		scores = append(scores, s)
	}
	return &scoredUnits{units, scores, an.quoted}
}

// shows reports whether a sentence may stand in a briefing on its own:
// within the length bounds, a statement, neither starting inside a
// quotation nor leaving one open, and not leaning on the sentence before
// it.
func (o SummaryOptions) shows(u unit) bool {
	return u.words >= o.MinWords && u.words <= o.MaxWords && usableSentence(u.text) && !u.cutsQuote && !leansOnContext(u.text)
}

// readingOrder sorts chosen sentences so the summary reads from the top of
// the story down: leads first, then by relative position in their
// articles, ties by article order.
func readingOrder(chosen []candidate) {
	sort.SliceStable(chosen, func(i, j int) bool {
		a, b := chosen[i].u, chosen[j].u
		ra, rb := float64(a.pos)/float64(a.nsent), float64(b.pos)/float64(b.nsent)
		if a.pos == 0 || b.pos == 0 {
			ra, rb = float64(a.pos), float64(b.pos)
		}
		if ra != rb {
			return ra < rb
		}
		return a.doc < b.doc
	})
}

// maxSentencesPerArticle is how deep into each article the summariser
// looks.
const maxSentencesPerArticle = 25

// pronounAttribution matches an attribution to someone the sentence does
// not name, quotation marks taken out: `"…," she said` as `…, she said`,
// and Spanish, which drops the pronoun: `«…», dijo`.
var pronounAttribution = []string{", he said", ", she said", ", they said", ", he added", ", she added", ", he says", ", she says",
	", dijo", ", añadió", ", afirmó", ", explicó", ", aseguró", ", señaló", ", agregó", ", declaró"}

// quoteMarks are taken out of a sentence before pronounAttribution is
// looked for, as the comma sits inside the quotation in English.
var quoteMarks = strings.NewReplacer(`"`, "", "“", "", "”", "", "«", "", "»", "", "„", "")

// leansOnContext reports a sentence that a summary cannot show alone: its
// speaker is only "he" or "she", named in a sentence before it, or it is
// a quotation and nothing else (`"A hundred safe convoys will be."`),
// whose speaker the sentence before it names.
func leansOnContext(s string) bool {
	l := quoteMarks.Replace(strings.ToLower(s))
	for _, p := range pronounAttribution {
		if strings.Contains(l, p) {
			return true
		}
	}
	return wholeQuote(s)
}

// wholeQuote reports whether sentence s is one quotation: it opens on a
// quotation mark and closes on the matching one, with no other mark in
// between.
func wholeQuote(s string) bool {
	s = strings.TrimSpace(s)
	for _, pair := range [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}} {
		if len(s) > len(pair[0])+len(pair[1]) && strings.HasPrefix(s, pair[0]) && strings.HasSuffix(s, pair[1]) {
			inner := s[len(pair[0]) : len(s)-len(pair[1])]
			return !strings.Contains(inner, pair[0]) && !strings.Contains(inner, pair[1])
		}
	}
	return false
}

// usableSentence rejects sentences that do not stand alone in a summary:
// questions, lead-ins to a list, and fragments without a capital start.
func usableSentence(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '?', ':', ',', ';':
		return false
	}
	return true
}
