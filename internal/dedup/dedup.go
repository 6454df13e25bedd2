// Package dedup recognises copies among news articles: exact copies (the same
// words) and near copies (wire stories that outlets reprint with a changed
// headline, byline or closing paragraph).
//
// Near copies are found with MinHash over word shingles: the share of equal
// minimum hashes estimates the Jaccard similarity of the two shingle sets, and
// texts at or above Config.MinSimilarity are copies. An Index answers "have I
// seen a copy of this?" in time that does not grow with the number of texts
// it holds, by locality-sensitive hashing: the signature is cut into bands and
// only texts sharing a whole band are compared.
package dedup

import (
	"slices"
	"time"
	"unicode"
	"unicode/utf8"
)

// Fingerprint summarises a text for copy detection.
type Fingerprint struct {
	Exact uint64 // hash of the full word sequence: equal texts, equal hashes
	Words int    // number of words the fingerprint was built from
	// Min is the MinHash signature of the word shingles.
	Min [MinHashes]uint32
}

// MinHashes is the length of a MinHash signature; bands*rows equals it.
const (
	MinHashes = 32
	bands     = 8
	rows      = MinHashes / bands
)

// Similarity estimates the Jaccard similarity of the shingle sets of two
// fingerprints.
func Similarity(a, b Fingerprint) float64 {
	if a.Words == 0 || b.Words == 0 {
		return 0
	}
	eq := 0
	for i := range a.Min {
		if a.Min[i] == b.Min[i] {
			eq++
		}
	}
	return float64(eq) / MinHashes
}

// ShingleSize is the number of consecutive words hashed together. Three
// words make reordered or lightly edited sentences differ, while a changed
// headline or byline disturbs only a few shingles.
const ShingleSize = 3

// Of fingerprints text: words are lower-cased runs of letters and digits, so
// punctuation, case and spacing do not matter.
func Of(text string) Fingerprint {
	var words []uint64
	start := -1
	for i, r := range text {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			words = append(words, hashLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, hashLower(text[start:]))
	}
	return ofHashes(words)
}

// ofHashes fingerprints a text given as the 64-bit hashes of its words.
func ofHashes(words []uint64) Fingerprint {
	fp := Fingerprint{Words: len(words)}
	exact := uint64(offset64)
	for _, w := range words {
		exact = mix(exact ^ w)
	}
	fp.Exact = exact
	sh := shingles(words)
	fp.Min = minHash(sh)
	return fp
}

// shingles hashes every run of ShingleSize consecutive words; a text
// shorter than that is one shingle of all its words.
func shingles(words []uint64) []uint64 {
	if len(words) == 0 {
		return nil
	}
	hash := func(ws []uint64) uint64 {
		h := uint64(offset64)
		for _, w := range ws {
			h = mix(h ^ w)
		}
		return h
	}
	if len(words) < ShingleSize {
		return []uint64{hash(words)}
	}
	out := make([]uint64, 0, len(words)-ShingleSize+1)
	for i := 0; i+ShingleSize <= len(words); i++ {
		out = append(out, hash(words[i:i+ShingleSize]))
	}
	return out
}

func minHash(shingles []uint64) [MinHashes]uint32 {
	var sig [MinHashes]uint32
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, h := range shingles {
		for i := range sig {
			v := uint32(mix(h+uint64(i)*0x9e3779b97f4a7c15) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// mix is a 64-bit finaliser (from SplitMix64); it spreads every input bit
// over the output, which MinHash needs from its feature hashes.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hashLower is FNV-1a over the lower-cased runes of s. It is stable across
// processes, so fingerprints can be stored and compared after a restart.
func hashLower(s string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * prime64
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		r = unicode.ToLower(r)
		var buf [utf8.UTFMax]byte
		m := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:m] {
			h = (h ^ uint64(b)) * prime64
		}
		i += n
	}
	return h
}

// Config tunes copy detection.
type Config struct {
	// MinSimilarity is the least estimated Jaccard similarity of shingle
	// sets for a near copy. Default 0.6: a reprint under a new headline and
	// byline, or with a paragraph cut, stays above it; two reports of one
	// event written separately stay far below.
	MinSimilarity float64
	// MinWords is the shortest text (in words) matched as a near copy;
	// shorter texts share too few shingles for their MinHash to be
	// trusted, and are only matched exactly. Default 40.
	MinWords int
	// Window is how long an indexed text stays findable, measured back from
	// the newest time seen. Default 7 days. Texts without a time stay until
	// MaxEntries pushes them out.
	Window time.Duration
	// MaxEntries bounds the index whatever the times. Default 200,000.
	MaxEntries int
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{MinSimilarity: 0.6, MinWords: 40, Window: 7 * 24 * time.Hour, MaxEntries: 200_000}
}

type entry struct {
	id   int64
	fp   Fingerprint
	time time.Time
}

// Index finds copies of new texts among the texts added within its window.
// It is not safe for concurrent use.
type Index struct {
	cfg    Config
	exact  map[uint64]int64
	band   map[uint64][]int64 // band number and its rows' hash -> ids
	byID   map[int64]entry
	order  []int64 // ids in insertion order, for eviction
	head   int
	newest time.Time
}

// NewIndex returns an empty index.
func NewIndex(cfg Config) *Index {
	if cfg.MaxEntries <= 0 {
		cfg.MaxEntries = DefaultConfig().MaxEntries
	}
	return &Index{
		cfg:   cfg,
		exact: map[uint64]int64{},
		band:  map[uint64][]int64{},
		byID:  map[int64]entry{},
	}
}

func bandKey(i int, fp *Fingerprint) uint64 {
	h := uint64(offset64) + uint64(i)
	for _, v := range fp.Min[i*rows : (i+1)*rows] {
		h = mix(h ^ uint64(v))
	}
	return h
}

// Find returns the indexed text that fp copies, if any, with the estimated
// similarity (1 for an exact copy). An exact copy wins over a near one;
// among near copies the most similar, then the earliest added, wins.
func (x *Index) Find(fp Fingerprint) (id int64, similarity float64, ok bool) {
	if fp.Words == 0 {
		return 0, 0, false
	}
	if id, ok := x.exact[fp.Exact]; ok {
		return id, 1, true
	}
	if fp.Words < x.cfg.MinWords {
		return 0, 0, false
	}
	best, bestS := int64(0), -1.0
	for i := range bands {
		for _, cand := range x.band[bandKey(i, &fp)] {
			e := x.byID[cand]
			s := Similarity(e.fp, fp)
			if s > bestS || s == bestS && cand < best {
				best, bestS = cand, s
			}
		}
	}
	if bestS < x.cfg.MinSimilarity {
		return 0, 0, false
	}
	return best, bestS, true
}

// Add indexes a text under id. Adding an id twice is a no-op.
func (x *Index) Add(id int64, fp Fingerprint, t time.Time) {
	if _, dup := x.byID[id]; dup || fp.Words == 0 {
		return
	}
	x.byID[id] = entry{id: id, fp: fp, time: t}
	x.order = append(x.order, id)
	if _, seen := x.exact[fp.Exact]; !seen {
		x.exact[fp.Exact] = id
	}
	if fp.Words >= x.cfg.MinWords {
		for i := range bands {
			k := bandKey(i, &fp)
			x.band[k] = append(x.band[k], id)
		}
	}
	if t.After(x.newest) {
		x.newest = t
	}
	x.evict()
}

// Len reports the number of texts the index holds.
func (x *Index) Len() int { return len(x.byID) }

// evict drops texts older than the window, oldest added first, and any over
// MaxEntries. A text added late with an old time waits for those before it.
func (x *Index) evict() {
	cutoff := x.newest.Add(-x.cfg.Window)
	for x.head < len(x.order) {
		id := x.order[x.head]
		e := x.byID[id]
		old := x.cfg.Window > 0 && !e.time.IsZero() && e.time.Before(cutoff)
		if !old && len(x.byID) <= x.cfg.MaxEntries {
			break
		}
		x.remove(e)
		x.head++
	}
	if x.head > 1024 && x.head*2 > len(x.order) {
		x.order = append([]int64(nil), x.order[x.head:]...)
		x.head = 0
	}
}

func (x *Index) remove(e entry) {
	delete(x.byID, e.id)
	if x.exact[e.fp.Exact] == e.id {
		delete(x.exact, e.fp.Exact)
	}
	if e.fp.Words < x.cfg.MinWords {
		return
	}
	for i := range bands {
		k := bandKey(i, &e.fp)
		if ids := without(x.band[k], e.id); len(ids) == 0 {
			delete(x.band, k)
		} else {
			x.band[k] = ids
		}
	}
}

// without removes the first id from ids, in place.
func without(ids []int64, id int64) []int64 {
	if i := slices.Index(ids, id); i >= 0 {
		return slices.Delete(ids, i, i+1)
	}
	return ids
}
