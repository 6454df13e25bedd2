package brief

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// The expected ROUGE of a candidate summary: how much of the editors'
// summary it should share, judged from what kind of words it holds. A word
// of the sources falls in a cell by how many articles use it, whether a
// headline has it, whether it is a stop word, how often the sources use it,
// how early it first comes in an article, how many articles open with it
// and whether it is capitalised in mid-sentence (a name); a pair of
// adjacent words likewise. Counted on the
// NeuS train split, each cell's average is the chance that a word (or
// pair) of that cell is in the reference, and the reference's length is
// predicted from the sources'. The subset model weighs the two expected F1
// scores with its other features: they say directly what the sentence
// features only approximate, and they count a word two sentences share
// once, as ROUGE does.

// Cells are the product of the features' buckets, in the order wordCell
// and pairCell combine them.
const (
	wordCells = 3 * 2 * 2 * 4 * 5 * 2 * 3 // articles, headline, stop word, count, first sentence, capital, leads
	pairCells = 3 * 3 * 2 * 3 * 4 * 3     // articles, stop words, headline, count, first sentence, leads
)

// expectedModel is what the expected ROUGE is computed from, fitted on
// NeuS train by TestTrainSummaryModel.
type expectedModel struct {
	// Words and Pairs are, per cell, the chance that a source word or
	// adjacent word pair of that cell is in the editors' summary.
	Words []float64 `json:"words"`
	Pairs []float64 `json:"pairs"`
	// RefLen predicts the log of the summary's words as RefLen[0] +
	// RefLen[1] × the log of the sources' words.
	RefLen [2]float64 `json:"ref_len"`
	// RefSpread are quantiles of the residuals of that line on train:
	// the editors' length varies widely around it, and F1 is not linear
	// in it, so the expected F1 is averaged over these lengths.
	RefSpread []float64 `json:"ref_spread"`
}

// storyWords are the distinct words and adjacent word pairs (within a
// sentence) of a story's articles, each with its cell.
type storyWords struct {
	ids      map[string]int // word → id
	text     []string       // id → word
	cell     []int          // id → word cell
	pairIDs  map[[2]int]int // pair of word ids → pair id
	pairs    [][2]int       // pair id → word ids
	pairCell []int          // pair id → pair cell
	total    int            // words in the articles
}

// occurrence counts where a word or pair turns up in a story.
type occurrence struct {
	docs, lastDoc, count, first int
	capsMid, lowerMid           int // mid-sentence uses with and without a capital
	leads, lastLead             int // articles whose first sentence has it; the last of them + 1
}

func (o *occurrence) add(doc, sentence int) {
	if o.count == 0 || doc != o.lastDoc {
		o.docs++
		o.lastDoc = doc
	}
	if o.count == 0 || sentence < o.first {
		o.first = sentence
	}
	if sentence == 0 && o.lastLead != doc+1 {
		o.leads++
		o.lastLead = doc + 1
	}
	o.count++
}

// newStoryWords reads the words of the articles and their headlines.
func newStoryWords(articles []news.Article) *storyWords {
	sw := &storyWords{ids: map[string]int{}, pairIDs: map[[2]int]int{}}
	var words, pairs []occurrence
	for d, a := range articles {
		for si, sp := range text.Sentences(a.Text) {
			s := sp.Of(a.Text)
			prev := -1
			for k, wsp := range text.WordSpans(s) {
				raw := wsp.Of(s)
				w := strings.ToLower(raw)
				id, ok := sw.ids[w]
				if !ok {
					id = len(sw.text)
					sw.ids[w] = id
					sw.text = append(sw.text, w)
					words = append(words, occurrence{})
				}
				words[id].add(d, si)
				if r, _ := utf8.DecodeRuneInString(raw); k > 0 && unicode.IsLetter(r) {
					if unicode.IsUpper(r) {
						words[id].capsMid++
					} else {
						words[id].lowerMid++
					}
				}
				sw.total++
				if prev >= 0 {
					key := [2]int{prev, id}
					p, ok := sw.pairIDs[key]
					if !ok {
						p = len(sw.pairs)
						sw.pairIDs[key] = p
						sw.pairs = append(sw.pairs, key)
						pairs = append(pairs, occurrence{})
					}
					pairs[p].add(d, si)
				}
				prev = id
			}
		}
	}
	headWords, headPairs := map[string]bool{}, map[string]bool{}
	for _, a := range articles {
		ws := text.Words(a.Title)
		for i, w := range ws {
			headWords[w] = true
			if i > 0 {
				headPairs[ws[i-1]+" "+w] = true
			}
		}
	}
	sw.cell = make([]int, len(words))
	for id, o := range words {
		w := sw.text[id]
		sw.cell[id] = wordCell(o, headWords[w], stopWords[w])
	}
	sw.pairCell = make([]int, len(pairs))
	for p, o := range pairs {
		a, b := sw.text[sw.pairs[p][0]], sw.text[sw.pairs[p][1]]
		stops := 0
		if stopWords[a] {
			stops++
		}
		if stopWords[b] {
			stops++
		}
		sw.pairCell[p] = pairCell(o, headPairs[a+" "+b], stops)
	}
	return sw
}

// wordCell is the cell of a word that occurs as o says.
func wordCell(o occurrence, headline, stop bool) int {
	c := min(max(o.docs, 1), 3) - 1
	c = c*2 + b2i(headline)
	c = c*2 + b2i(stop)
	c = c*4 + bucket(o.count, 1, 3, 7)
	c = c*5 + bucket(o.first, 0, 1, 3, 9)
	c = c*2 + b2i(o.capsMid > o.lowerMid)
	return c*3 + min(o.leads, 2)
}

// pairCell is the cell of a word pair that occurs as o says, stops of its
// two words being stop words.
func pairCell(o occurrence, headline bool, stops int) int {
	c := min(max(o.docs, 1), 3) - 1
	c = c*3 + stops
	c = c*2 + b2i(headline)
	c = c*3 + bucket(o.count, 1, 3)
	c = c*4 + bucket(o.first, 0, 1, 3)
	return c*3 + min(o.leads, 2)
}

// bucket is the index of the first edge x does not exceed, or len(edges).
func bucket(x int, edges ...int) int {
	for i, e := range edges {
		if x <= e {
			return i
		}
	}
	return len(edges)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// refLengths are the lengths of the editors' summary that m expects for
// sources of total words, one per RefSpread quantile (the fit is on the
// logs of both plus one).
func (m expectedModel) refLengths(total int) []float64 {
	mid := m.RefLen[0] + m.RefLen[1]*math.Log(float64(total+1))
	spread := m.RefSpread
	if len(spread) == 0 {
		spread = []float64{0}
	}
	out := make([]float64, len(spread))
	for i, r := range spread {
		out[i] = max(math.Exp(mid+r)-1, 1)
	}
	return out
}

// expectation scores the candidate summaries of one story.
type expectation struct {
	words, pairs [][]int   // per candidate, its distinct word and pair ids
	pw, pp       []float64 // per word and pair id, the chance it is in the reference
	refLens      []float64
	// seenW and seenP mark the ids counted for the summary being scored,
	// by stamp, so that a word two sentences share counts once.
	seenW, seenP []int
	stamp        int
}

// newExpectation prepares the expected ROUGE of sets of cands.
func (m expectedModel) newExpectation(sw *storyWords, cands []candidate) *expectation {
	e := &expectation{
		words:   make([][]int, len(cands)),
		pairs:   make([][]int, len(cands)),
		pw:      make([]float64, len(sw.cell)),
		pp:      make([]float64, len(sw.pairCell)),
		refLens: m.refLengths(sw.total),
		seenW:   make([]int, len(sw.cell)),
		seenP:   make([]int, len(sw.pairCell)),
	}
	for id, c := range sw.cell {
		e.pw[id] = m.Words[c]
	}
	for p, c := range sw.pairCell {
		e.pp[p] = m.Pairs[c]
	}
	for i, c := range cands {
		seen := map[int]bool{}
		seenPair := map[int]bool{}
		prev := -1
		for _, w := range lowerWords(c.u.text) {
			id, ok := sw.ids[w]
			if !ok {
				// Not from these articles (cannot happen for their
				// sentences); it adds length but no expected overlap.
				prev = -1
				continue
			}
			if !seen[id] {
				seen[id] = true
				e.words[i] = append(e.words[i], id)
			}
			if prev >= 0 {
				if p, ok := sw.pairIDs[[2]int{prev, id}]; ok && !seenPair[p] {
					seenPair[p] = true
					e.pairs[i] = append(e.pairs[i], p)
				}
			}
			prev = id
		}
	}
	return e
}

// rouge is the expected ROUGE-1 and ROUGE-2 F1 of the summary made of
// cands[i] for i in pick: the expected overlap over the mean of the
// summary's and the reference's lengths, averaged over the reference
// lengths.
func (e *expectation) rouge(cands []candidate, pick []int) (r1, r2 float64) {
	e.stamp++
	var o1, o2 float64
	words := 0
	for _, i := range pick {
		words += cands[i].u.words
		for _, id := range e.words[i] {
			if e.seenW[id] != e.stamp {
				e.seenW[id] = e.stamp
				o1 += e.pw[id]
			}
		}
		for _, p := range e.pairs[i] {
			if e.seenP[p] != e.stamp {
				e.seenP[p] = e.stamp
				o2 += e.pp[p]
			}
		}
	}
	for _, l := range e.refLens {
		r1 += 2 * o1 / (float64(words) + l)
		if d := float64(words-1) + l - 1; d > 0 {
			r2 += 2 * o2 / d
		}
	}
	k := float64(len(e.refLens))
	return r1 / k, r2 / k
}
