package extracteval

import (
	"strings"
	"time"
	"unicode"
)

// PRF is a precision, recall and F1 triple.
type PRF struct {
	P, R, F1 float64
}

// words splits text into the word metric's tokens: maximal runs of
// [\p{L}\p{N}_], lower-cased.
func words(text string) []string {
	out := rawWords(text)
	for i, w := range out {
		out[i] = strings.ToLower(w)
	}
	return out
}

// rawWords splits text into maximal runs of [\p{L}\p{N}_], keeping case:
// the scrapinghub benchmark's re.findall(r'\w+').
func rawWords(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		w := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// WordPRF scores predicted against true text as bags of words (multisets).
// An empty truth and an empty prediction agree perfectly; an empty
// prediction against a non-empty truth scores zero.
func WordPRF(truth, pred string) PRF {
	tw, pw := words(truth), words(pred)
	if len(tw) == 0 && len(pw) == 0 {
		return PRF{1, 1, 1}
	}
	if len(tw) == 0 || len(pw) == 0 {
		return PRF{}
	}
	counts := make(map[string]int, len(tw))
	for _, w := range tw {
		counts[w]++
	}
	tp := 0
	for _, w := range pw {
		if counts[w] > 0 {
			counts[w]--
			tp++
		}
	}
	if tp == 0 {
		return PRF{}
	}
	p := float64(tp) / float64(len(pw))
	r := float64(tp) / float64(len(tw))
	return PRF{p, r, 2 * p * r / (p + r)}
}

// shingleCounts is the scrapinghub benchmark's normalised (tp, fp, fn) for
// one page.
type shingleCounts struct{ tp, fp, fn float64 }

// shingles returns the 4-token shingles of text as evaluate.py's _ngrams
// does: a text shorter than four tokens yields one short shingle, an empty
// text none.
func shingles(text string, n int) map[string]int {
	toks := rawWords(text)
	out := map[string]int{}
	last := len(toks) - n + 1
	if last < 1 {
		last = 1
	}
	for i := 0; i < last; i++ {
		end := min(i+n, len(toks))
		if end <= i {
			continue
		}
		out[strings.Join(toks[i:end], "\x00")]++
	}
	return out
}

// ShingleCounts implements evaluate.py's string_shingle_matching.
func shingleMatch(truth, pred string) shingleCounts {
	ts, ps := shingles(truth, 4), shingles(pred, 4)
	var c shingleCounts
	for k, tc := range ts {
		pc := ps[k]
		c.tp += float64(min(tc, pc))
		c.fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		c.fp += float64(max(0, pc-ts[k]))
	}
	if s := c.tp + c.fp + c.fn; s > 0 {
		c.tp, c.fp, c.fn = c.tp/s, c.fp/s, c.fn/s
	}
	return c
}

// shinglePRF implements evaluate.py's metrics_from_tp_fp_fns: precision
// averaged over pages with tp+fp > 0, recall over pages with tp+fn > 0, and
// F1 from those two means (not a mean of per-page F1s).
func shinglePRF(cs []shingleCounts) PRF {
	var ps, rs []float64
	for _, c := range cs {
		if c.tp+c.fp > 0 {
			ps = append(ps, prec(c))
		}
		if c.tp+c.fn > 0 {
			rs = append(rs, rec(c))
		}
	}
	p, r := mean(ps), mean(rs)
	if p+r == 0 {
		return PRF{}
	}
	return PRF{p, r, 2 * p * r / (p + r)}
}

func prec(c shingleCounts) float64 {
	if c.fp == 0 && c.fn == 0 {
		return 1
	}
	if c.tp == 0 && c.fp == 0 {
		return 0
	}
	return c.tp / (c.tp + c.fp)
}

func rec(c shingleCounts) float64 {
	if c.fp == 0 && c.fn == 0 {
		return 1
	}
	if c.tp == 0 && c.fn == 0 {
		return 0
	}
	return c.tp / (c.tp + c.fn)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// titleMatch is exact, case-sensitive equality after collapsing whitespace,
// writing typographic quotes, apostrophes, dashes and the ellipsis in
// ASCII (the WCXB truth writes ’ as ', — as -- and … as ...), and dropping
// Markdown asterisks.
func titleMatch(truth, pred string) bool {
	return normTitle(truth) == normTitle(pred)
}

var titleReplacer = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", "-", "…", "...", "\u00a0", " ")

func normTitle(s string) string {
	s = titleReplacer.Replace(s)
	// "--" is how plain text writes a dash; the truth uses it where pages
	// print "—". Asterisks are Markdown emphasis that leaked into some
	// truth titles; a page's title never shows them.
	s = strings.ReplaceAll(s, "--", "-")
	s = strings.ReplaceAll(s, "*", "")
	return strings.Join(strings.Fields(s), " ")
}

// parseTruthDate reads the truth's publish_date: YYYY-MM-DD, YYYY-MM, or an
// RFC 3339 time.
func parseTruthDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2006-01", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateMatch reports whether pred falls within one calendar day of the
// truth's date. The predicted time is read in its own zone, as the page
// states it, since the truth is a calendar date.
//
// A truth that gives only a month ("2015-11") matches any day of that
// month: the truth is that precise and no more.
func dateMatch(truth string, pred time.Time) bool {
	tt, ok := parseTruthDate(truth)
	if !ok || pred.IsZero() {
		return false
	}
	if _, err := time.Parse("2006-01", strings.TrimSpace(truth)); err == nil {
		return pred.Year() == tt.Year() && pred.Month() == tt.Month()
	}
	py, pm, pd := pred.Date()
	pday := time.Date(py, pm, pd, 0, 0, 0, 0, time.UTC)
	diff := pday.Sub(tt)
	if diff < 0 {
		diff = -diff
	}
	return diff <= 24*time.Hour
}

// bylineTokens lower-cases a byline into name tokens, dropping the
// connectives and labels ("by", "and", "author") bylines wrap names in.
func bylineTokens(s string) []string {
	var out []string
	for _, w := range words(s) {
		switch w {
		case "by", "and", "author", "authors", "written", "posted", "von", "par", "por", "di":
			continue
		}
		out = append(out, w)
	}
	return out
}

// bylineMatch counts a byline correct when its set of name tokens equals the
// truth's, or when the first names listed (before the first comma, which
// separates credentials like "Ph.D." and co-authors) agree token for token.
func bylineMatch(truth, pred string) bool {
	if bylineExact(truth, pred) {
		return true
	}
	first := func(s string) []string {
		if i := strings.IndexAny(s, ",;|"); i >= 0 {
			s = s[:i]
		}
		return bylineTokens(s)
	}
	ft, fp := first(truth), first(pred)
	return len(ft) > 0 && sameSet(ft, fp)
}

// bylineExact counts a byline correct only when its set of name tokens
// equals the truth's: every author named, none added.
func bylineExact(truth, pred string) bool {
	t := bylineTokens(truth)
	return len(t) > 0 && sameSet(t, bylineTokens(pred))
}

func sameSet(a, b []string) bool {
	as := map[string]bool{}
	for _, x := range a {
		as[x] = true
	}
	bs := map[string]bool{}
	for _, x := range b {
		bs[x] = true
	}
	if len(as) != len(bs) {
		return false
	}
	for x := range as {
		if !bs[x] {
			return false
		}
	}
	return true
}
