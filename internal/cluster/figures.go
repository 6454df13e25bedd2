package cluster

import (
	"math"
	"slices"
	"strings"
)

// Figures of an event. Two look-alike events of one kind (a team's two
// wins over two opponents, two earthquakes in one region) share their
// words and their main names; the figure the headline or the lead gives
// for the event tells them apart: the final score ("31-24 Victory"
// against "20 - 13 win"), the quake's magnitude ("6.1 on the Richter
// scale" against "a magnitude-5.2 quake"). A report of the same event
// repeats the figure, so a story and an article that both give a figure
// of one kind and share none tell of different events. Victims' counts
// and ages are left to the toll and age rules.

// heldFigures bounds the figures a story keeps: a story's first reports
// give its event's figures.
const heldFigures = 16

// A figure is a code: a score "hi-lo" is hi·100+lo (below
// magnitudeBase), a magnitude "d.t" is magnitudeBase+10·d+t.
const magnitudeBase = 10_000

// magnitudeCue is how near (in bytes) to a decimal number "magnitude" or
// "Richter" must be for it to be a quake's magnitude.
const magnitudeCue = 30

// figures returns the scores and magnitudes a headline and its body's
// lead give, sorted and without repeats.
func figures(title, text string) []uint16 {
	var out []uint16
	for _, s := range []string{title, lead(text)} {
		out = scores(s, out)
		out = magnitudes(s, out)
		out = amounts(s, out)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// number reads the digits of s from i: the value, the end and how many
// digits there were (0 when s[i] is no digit).
func number(s string, i int) (v, end, digits int) {
	end = i
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		v = v*10 + int(s[end]-'0')
		end++
	}
	return v, end, end - i
}

// skipSpace returns the first index from i that is not a space.
func skipSpace(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// scores appends the game scores s gives: two numbers of one or two
// digits joined by a hyphen, spaced or not ("31-24", "20 - 13"), standing
// alone (not part of a date "2013 - 09 - 26", a time or a range "4 - 1 /
// 2", no word glued to them: "8-year", "2-party"), without a leading zero
// ("09-26"), not in brackets (a boxer's or team's record, "(52-3, 46
// KOs)"), and with a word of winning or losing within scoreCue bytes
// ("31-24 Victory", "Chiefs lose 20 - 13"): a record ("a 9-14 start",
// "Klitschko, 53-3,") changes from game to game.
func scores(s string, out []uint16) []uint16 {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || i > 0 && !scoreEdge(s[i-1]) {
			continue
		}
		a, j, da := number(s, i)
		k := skipSpace(s, j)
		if da > 2 || da == 2 && s[i] == '0' || k >= len(s) || s[k] != '-' {
			i = j
			continue
		}
		k = skipSpace(s, k+1)
		b, end, db := number(s, k)
		if db == 0 || db > 2 || db == 2 && s[k] == '0' || end < len(s) && !scoreEdge(s[end]) {
			i = j
			continue
		}
		before := strings.TrimRight(s[:i], " ")
		after := s[skipSpace(s, end):]
		if strings.HasSuffix(before, "-") || strings.HasSuffix(before, "/") || strings.HasSuffix(before, "(") ||
			strings.HasPrefix(after, "-") || strings.HasPrefix(after, "/") || !scoreCued(s[max(0, i-scoreCue):i]+" "+s[end:min(len(s), end+scoreCue)]) {
			i = end
			continue
		}
		out = append(out, uint16(max(a, b)*100+min(a, b)))
		i = end
	}
	return out
}

// scoreCue is how near (in bytes) to a score a word of winning or losing
// must be.
const scoreCue = 25

// scoreWords begin the words of winning or losing that mark a game's
// score.
var scoreWords = []string{"win", "won", "victor", "beat", "defeat", "loss", "lose", "lost", "top", "edge", "rout"}

// scoreCued reports whether s has a word beginning as one of scoreWords.
func scoreCued(s string) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
		for _, p := range scoreWords {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// scoreEdge reports whether b may stand next to a score: a space or
// punctuation that ends a phrase, not a digit, letter or a date's or
// time's separator.
func scoreEdge(b byte) bool {
	return strings.IndexByte(" ,;()\"'!?\n\t", b) >= 0
}

// magnitudes appends the quake magnitudes s gives: "d.t" or "d. t" (a
// tokenised text spaces its points) from 1.0 to 9.9 with "magnitude" or
// "Richter" within magnitudeCue bytes.
func magnitudes(s string, out []uint16) []uint16 {
	for i := 0; i+2 < len(s); i++ {
		if s[i] < '1' || s[i] > '9' || i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.' || s[i-1] == '$') || s[i+1] != '.' {
			continue
		}
		k := i + 2
		if s[k] == ' ' {
			k++
		}
		if k >= len(s) || s[k] < '0' || s[k] > '9' || k+1 < len(s) && s[k+1] >= '0' && s[k+1] <= '9' {
			continue
		}
		lo, hi := max(0, i-magnitudeCue), min(len(s), k+1+magnitudeCue)
		near := strings.ToLower(s[lo:hi])
		if !strings.Contains(near, "magnitude") && !strings.Contains(near, "richter") {
			continue
		}
		out = append(out, uint16(magnitudeBase+10*int(s[i]-'0')+int(s[k]-'0')))
		i = k
	}
	return out
}

// otherFigures reports whether a and b, sorted figures, both give a
// figure of one kind (score, magnitude or amount) and share none of that
// kind (magnitudes: none within magSlack tenths of each other, amounts:
// within amountSlack tenths of a decade; Config.MagnitudeSlack and
// Config.AmountSlack).
func otherFigures(a, b []uint16, magSlack, amountSlack uint16) bool {
	split := func(f []uint16) (scores, mags, money []uint16) {
		i, _ := slices.BinarySearch(f, magnitudeBase)
		j, _ := slices.BinarySearch(f, amountBase)
		return f[:i], f[i:j], f[j:]
	}
	as, am, ay := split(a)
	bs, bm, by := split(b)
	return disjoint(as, bs) || apart(am, bm, magSlack) || apart(ay, by, amountSlack)
}

// apart reports whether a and b, sorted codes of one kind, are both
// non-empty and no two of them are within slack of each other.
func apart(a, b []uint16, slack uint16) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, v := range a {
		i, _ := slices.BinarySearch(b, v-min(v, slack))
		if i < len(b) && b[i] <= v+slack {
			return false
		}
	}
	return true
}

// Amounts of money. A heist's haul, a contract's value or a fine is the
// figure a report of the event gives in its headline or lead; reports of
// one event give it in several currencies and roundings ("85 million
// euros ($108 million)", "$102 million", "$160 million"), look-alike
// events differ by far more (a $2.6 million jewellery raid against an
// 80 million euro one). An amount is kept as its order of magnitude in
// tenths of a decade, amountBase+round(10·log10(value)), and two amounts
// agree when within Config.AmountSlack tenths.
const amountBase = 20_000

// amounts appends the amounts of money s gives: a number ("2.6", "2. 6",
// "1,500") and a scale word (million, billion, mln, mn, m, bln, bn),
// after a currency sign (see currencySign) or before a currency word
// ("85 million euros", "2 mn - euro", "2 million dollars"). An amount
// without a scale word (a ticket's "$20") is no event's figure.
func amounts(s string, out []uint16) []uint16 {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.' || s[i-1] == ',') {
			continue
		}
		sign := currencySign(s[:i])
		v, j, _ := number(s, i)
		val := float64(v)
		for j+3 < len(s) && s[j] == ',' && s[j+1] >= '0' && s[j+1] <= '9' {
			w, k, d := number(s, j+1)
			if d != 3 {
				break
			}
			val = val*1000 + float64(w)
			j = k
		}
		k := j
		if k < len(s) && s[k] == '.' {
			k++
			if k < len(s) && s[k] == ' ' {
				k++
			}
			if f, e, d := number(s, k); d > 0 {
				val += float64(f) / math.Pow(10, float64(d))
				j = e
			}
		}
		k = skipSpace(s, j)
		if k < len(s) && s[k] == '-' {
			k = skipSpace(s, k+1)
		}
		scale, n := amountScale(s[k:])
		if scale == 0 {
			i = j
			continue
		}
		if !sign {
			rest := strings.ToLower(s[skipSpace(s, k+n):min(len(s), k+n+12)])
			rest = strings.TrimLeft(rest, "- ")
			// Not "pounds": a weight as often as sterling, which is
			// written "£".
			if !strings.HasPrefix(rest, "euro") && !strings.HasPrefix(rest, "dollar") {
				i = j
				continue
			}
		}
		val *= scale
		if val >= 1 {
			out = append(out, uint16(amountBase+int(math.Round(10*math.Log10(val)))))
		}
		i = k + n
	}
	return out
}

// currencySign reports whether s, the text before a number, ends in a
// currency sign: "$", "£" or "€", spaced or not (a tokenised text writes
// "$ 2"), or "e" or "euro" glued to the number, as text without the euro
// sign writes it ("e80 million", "euro85 million"), not the end of a word
// ("the80").
func currencySign(s string) bool {
	for _, glued := range []string{"e", "euro"} {
		if rest, ok := strings.CutSuffix(s, glued); ok && (rest == "" || !isLetterByte(rest[len(rest)-1])) {
			return true
		}
	}
	s = strings.TrimSuffix(s, " ")
	return strings.HasSuffix(s, "$") || strings.HasSuffix(s, "£") || strings.HasSuffix(s, "€")
}

// amountScale reads the scale word s begins with: its factor and length,
// 0 if none.
func amountScale(s string) (float64, int) {
	low := strings.ToLower(s[:min(len(s), 9)])
	for _, w := range []struct {
		word  string
		scale float64
	}{{"million", 1e6}, {"billion", 1e9}, {"mln", 1e6}, {"mn", 1e6}, {"bln", 1e9}, {"bn", 1e9}, {"m", 1e6}} {
		if strings.HasPrefix(low, w.word) && (len(low) == len(w.word) || !isLetterByte(low[len(w.word)])) {
			return w.scale, len(w.word)
		}
	}
	return 0, 0
}

// isLetterByte reports whether b is an ASCII letter.
func isLetterByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// disjoint reports whether a and b, sorted, are both non-empty and share
// no value.
func disjoint(a, b []uint16) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, v := range a {
		if _, found := slices.BinarySearch(b, v); found {
			return false
		}
	}
	return true
}
