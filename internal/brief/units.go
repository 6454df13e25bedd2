package brief

import (
	"math"
	"sort"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// unit is one candidate sentence: where it is, and the bag of content words
// that similarity is measured on.
type unit struct {
	doc   int       // index of the article in the slice given
	pos   int       // sentence index within its article
	nsent int       // sentences in its article
	span  news.Span // bytes in the article's Text
	text  string
	words int                // word count, for the length budget
	vec   map[string]float64 // tf-idf weights, unit length
}

// splitUnits cuts every article into sentences. Sentences are the only
// thing a summary may cite, so the span is kept exactly as text.Sentences
// gives it.
func splitUnits(articles []news.Article) []unit {
	var out []unit
	for d, a := range articles {
		spans := text.Sentences(a.Text)
		for i, sp := range spans {
			s := sp.Of(a.Text)
			if s == "" {
				continue
			}
			out = append(out, unit{doc: d, pos: i, nsent: len(spans), span: sp, text: s, words: len(text.Words(s))})
		}
	}
	return out
}

// contentWords returns the lower-cased words of s without stop words, with a
// light plural fold so "bomb" and "bombs" meet.
func contentWords(s string) []string {
	ws := text.Words(s)
	out := ws[:0]
	for _, w := range ws {
		if stopWords[w] || len(w) < 2 {
			continue
		}
		out = append(out, fold(w))
	}
	return out
}

// tfidf weighs words by how few of a story's articles use them. Document
// frequency counts articles, not sentences, so a word every outlet uses is
// not mistaken for a rare one, and a word one outlet repeats does not look
// central.
type tfidf struct {
	df   map[string]int
	docs float64 // articles with a sentence, plus one
}

func newTFIDF(units []unit) tfidf {
	df := map[string]int{}
	docs := map[int]map[string]bool{}
	for _, u := range units {
		if docs[u.doc] == nil {
			docs[u.doc] = map[string]bool{}
		}
		for _, w := range contentWords(u.text) {
			if !docs[u.doc][w] {
				docs[u.doc][w] = true
				df[w]++
			}
		}
	}
	return tfidf{df: df, docs: float64(len(docs)) + 1}
}

// vector is the unit-length tf-idf vector of s's content words.
func (t tfidf) vector(s string) map[string]float64 {
	v := map[string]float64{}
	for _, w := range contentWords(s) {
		v[w]++
	}
	var norm float64
	for w, tf := range v {
		v[w] = (1 + math.Log(tf)) * math.Log(1+t.docs/float64(t.df[w]+1))
		norm += v[w] * v[w]
	}
	norm = math.Sqrt(norm)
	for w := range v {
		if norm > 0 {
			v[w] /= norm
		}
	}
	return v
}

// vectorize fills in each unit's tf-idf vector and returns those of extra,
// weighed by the units' document frequencies.
func vectorize(units []unit, extra []string) []map[string]float64 {
	t := newTFIDF(units)
	for i := range units {
		units[i].vec = t.vector(units[i].text)
	}
	out := make([]map[string]float64, len(extra))
	for i, s := range extra {
		out[i] = t.vector(s)
	}
	return out
}

// cosine is the dot product of two unit-length vectors.
func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var s float64
	for w, x := range a {
		s += x * b[w]
	}
	return s
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours yourself yourselves
said says say one two new also last year years told according mr mrs ms would could may might must shall
el la los las de del y en que un una por con para se su al lo como más pero sus le ya o este ha`) {
		m[w] = true
	}
	return m
}()

// sparseVec is a unit vector as term ids in increasing order with their
// weights: the all-pairs similarity loops run on it, as map look-ups
// there dominate the cost of a large story.
type sparseVec struct {
	ids []int32
	ws  []float64
}

// termIDs numbers the words of one story's vectors, so that their sparse
// forms share one id space.
type termIDs map[string]int32

// sparse converts v, numbering words it has not seen yet.
func (ids termIDs) sparse(v map[string]float64) sparseVec {
	type tw struct {
		id int32
		w  float64
	}
	terms := make([]tw, 0, len(v))
	for w, x := range v {
		id, ok := ids[w]
		if !ok {
			id = int32(len(ids))
			ids[w] = id
		}
		terms = append(terms, tw{id, x})
	}
	sort.Slice(terms, func(a, b int) bool { return terms[a].id < terms[b].id })
	out := sparseVec{ids: make([]int32, len(terms)), ws: make([]float64, len(terms))}
	for k, t := range terms {
		out.ids[k], out.ws[k] = t.id, t.w
	}
	return out
}

// dot is the cosine of two unit vectors.
func (a sparseVec) dot(b sparseVec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] == b.ids[j]:
			s += a.ws[i] * b.ws[j]
			i++
			j++
		case a.ids[i] < b.ids[j]:
			i++
		default:
			j++
		}
	}
	return s
}
