package cluster

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/dedup"
	"github.com/newsdesk/newsdesk/internal/text"
)

// Feature kinds share one hash space; the kind byte keeps "may" the word
// apart from "May" the name and "12" the number.
const (
	kindWord   = 'w'
	kindEntity = 'e'
	kindNumber = 'n'
	kindTitle  = 't'
)

// raw holds what one document says, before any weighting: counts of words,
// names and numbers, the words of its title, and its copy fingerprint.
type raw struct {
	words map[uint64]float64
	ents  map[uint64]float64
	nums  map[uint64]float64
	title map[uint64]float64
	// titleWords are the title's words (the words of its names too, which
	// titleNames marks), as title hashes: what a new development's
	// headline adds (see develops).
	titleWords []uint64
	// titleNames are those of titleWords that the text writes as a name
	// ("Villa" of "Villa Serena"), each with its name hash (see
	// placeHeadline).
	titleNames []titleName
	// capWords maps a capitalised word's name hash to its word hash while
	// a headline is scanned, for titleNames; nil otherwise.
	capWords map[uint64]uint64
	shown    map[uint64]string // entity hash -> the name as written, for Related
	// pairs maps each two-word name to its words' hashes, for the
	// archive's check that both are written as names (see rejoin).
	pairs  map[uint64]pairWords
	fp     dedup.Fingerprint
	tokens int
	ref    time.Time // the article's time, to resolve "on Saturday"
	// year is the latest year the text writes in a full date ("May 3,
	// 2013"), 0 if none: for an undated article, when it was written.
	year int
	// dated is the latest full date the text writes (day, month and
	// year), zero if none.
	dated time.Time
	// writesYear is set when the text writes a year anywhere, in a date
	// or alone ("his 2005 fight").
	writesYear bool
	// written holds the years the text writes (as writesYear counts
	// them), unsorted, for story.written.
	written []int
}

// extract reads d. Names and numbers come from the original text, since they
// survive translation unchanged; words come from the translation when there
// is one, so a Spanish article can share vocabulary with English ones.
func extract(d Doc) raw {
	// Sized for a typical article, to spare the maps growing.
	n := (len(d.Title) + len(d.Text) + len(d.Translated)) / 10
	r := raw{
		words: make(map[uint64]float64, n),
		ents:  make(map[uint64]float64, n/8),
		nums:  make(map[uint64]float64, n/32),
		title: map[uint64]float64{},
		shown: map[uint64]string{},
		pairs: map[uint64]pairWords{},
		ref:   d.Time,
	}
	r.fp = dedup.Of(d.Text)
	orig := d.Title + "\n" + d.Text
	if d.Translated != "" {
		scan(d.Translated, &r, true, false)
		scan(orig, &r, false, true)
	} else {
		scan(orig, &r, true, true)
	}
	title := headline(d.Title)
	if d.Translated != "" {
		// The translation starts with the translated title.
		if i := strings.IndexByte(d.Translated, '\n'); i > 0 {
			title = d.Translated[:i]
		}
	}
	var tr raw
	tr.words = map[uint64]float64{}
	tr.ents = map[uint64]float64{}
	tr.nums = map[uint64]float64{}
	tr.shown = map[uint64]string{}
	tr.capWords = map[uint64]uint64{}
	scan(title, &tr, true, true)
	names := map[uint64]uint64{}
	for e, w := range tr.capWords {
		if r.ents[e] > 0 || tr.ents[e] > 0 {
			names[w] = e
		}
	}
	for h := range tr.words {
		r.title[retag(h, kindTitle)] = 1
		r.titleWords = append(r.titleWords, retag(h, kindTitle))
		if e, ok := names[h]; ok {
			r.titleNames = append(r.titleNames, titleName{retag(h, kindTitle), e})
		}
	}
	for h := range tr.ents {
		r.title[retag(h, kindTitle)] = 1
	}
	return r
}

// titleName is a headline word written as a name: its title hash and its
// name hash.
type titleName struct{ word, name uint64 }

// retag moves a hash into another kind's space.
func retag(h uint64, kind byte) uint64 { return (h ^ uint64(kind)<<56) * 0x9e3779b97f4a7c15 }

// scan tokenises s into words (when words is set) and into names and numbers
// (when names is set). A capitalised word that does not begin a sentence is
// taken as part of a name; one that begins a sentence counts only if the
// same word appears capitalised elsewhere in the text.
func scan(s string, r *raw, words, names bool) {
	sentenceStart := true
	var initial []string
	var buf []byte
	// prev is the previous capitalised word when only a space separates it
	// from the next: "Blue Anchor" and "Tara Reid" also count as pairs,
	// which tell one Michael or one Street from another. A hyphen (or a
	// non-breaking hyphen) joins a pair as a space does: "García-Márquez"
	// and "Lloyd-Webber" are one name of two words, as "García Márquez"
	// is, not two names (see nameJoin).
	prev, prevEnd := "", -1
	// Dates: a month next to a day number, a weekday, "yesterday". They are
	// resolved against the article's time into calendar days, which count
	// among its numbers: two reports of one incident name the same day.
	month, monthAt, day, dayAt, tokIdx := 0, -9, 0, -9, 0
	// dateAt is where the last month-and-day ended: a year right after it
	// ("May 3, 2013", "18 September 2013") dates the text, while a bare
	// year is as often background ("his 2005 fight").
	dateAt := -9
	addDay := func(t time.Time) {
		if names && !t.IsZero() {
			r.nums[hashStr(kindNumber, t.Format("d2006-01-02"))]++
		}
	}
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(c) {
			if c == '.' || c == '!' || c == '?' || c == '\n' || c == '¿' || c == '¡' || c == ':' || c == '"' || c == '“' || c == '`' {
				sentenceStart = true
			}
			i += n
			continue
		}
		j := i
		upper := unicode.IsUpper(c)
		digit := unicode.IsDigit(c)
		for j < len(s) {
			c2, m := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(c2) {
				// Keep "1,000" and "3.5" whole.
				if digit && (c2 == ',' || c2 == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += m
					continue
				}
				break
			}
			j += m
		}
		tok := s[i:j]
		start := i
		i = j
		buf = fold(buf[:0], tok)
		low := string(buf)
		wasStart := sentenceStart
		sentenceStart = false
		r.tokens++
		tokIdx++
		if m, ok := text.MonthNumber(low); ok && (upper || low == strings.ToLower(tok) && len(low) > 4 && m > 0 && text.SpanishMonth(low)) {
			month, monthAt = m, tokIdx
			if day > 0 && tokIdx-dayAt <= 2 {
				dateAt = tokIdx
				addDay(calendarDay(r.ref, month, day))
			}
		} else if wd, ok := text.WeekdayNumber(low); ok && !r.ref.IsZero() {
			back := (int(r.ref.Weekday()) - wd + 7) % 7
			addDay(r.ref.AddDate(0, 0, -back))
		} else if low == "yesterday" || low == "ayer" {
			addDay(r.ref.AddDate(0, 0, -1))
		} else if low == "today" || low == "hoy" {
			addDay(r.ref)
		}
		if digit {
			prev = ""
			if names {
				// A compact date, "20081216", "2005/0726", "2005_05_01":
				// one calendar day, and a full date for the text's year.
				if y, m, dd, end, ok := compactDate(s, start); ok {
					addDay(time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC))
					r.year = max(r.year, y)
					r.sawDate(y, m, dd)
					r.writesYear = true
					r.written = append(r.written, y)
					dateAt = tokIdx
					i = end
					continue
				}
			}
			if v, err := strconv.Atoi(ordinal(low)); err == nil && v >= 1 && v <= 31 && len(low) <= 4 {
				day, dayAt = v, tokIdx
				if month > 0 && tokIdx-monthAt == 1 {
					dateAt = tokIdx
					addDay(calendarDay(r.ref, month, day))
				}
			}
			if names {
				if len(low) == 4 {
					if y, err := strconv.Atoi(low); err == nil && y >= 1900 && y <= 2100 {
						r.writesYear = true
						r.written = append(r.written, y)
						if tokIdx-dateAt <= 2 || slashedDate(s, start) {
							r.year = max(r.year, y)
							if tokIdx-dateAt <= 2 && month > 0 && day > 0 {
								r.sawDate(y, month, day)
							}
						}
					}
				}
				num := strings.ReplaceAll(low, ",", "")
				num = strings.TrimLeft(num, "0")
				if num != "" {
					r.nums[hashStr(kindNumber, num)]++
				}
			}
			continue
		}
		stop := stopwords[low]
		if words && !stop && len(low) > 1 {
			r.words[hashStr(kindWord, stem(low))]++
		}
		if !names || !upper || stop || len(low) < 2 {
			prev = ""
			continue
		}
		if r.capWords != nil {
			r.capWords[hashStr(kindEntity, low)] = hashStr(kindWord, stem(low))
		}
		if prev != "" && prevEnd >= 0 && nameJoin(s[prevEnd:start]) {
			ph := hashStr(kindEntity, prev+" "+low)
			r.ents[ph]++
			if _, ok := r.pairs[ph]; !ok && r.pairs != nil {
				r.pairs[ph] = pairWords{
					hashStr(kindEntity, prev), hashStr(kindEntity, low),
					hashStr(kindWord, stem(prev)), hashStr(kindWord, stem(low)),
				}
			}
		}
		prev, prevEnd = low, i
		if wasStart {
			initial = append(initial, low)
			continue
		}
		h := hashStr(kindEntity, low)
		r.ents[h]++
		if _, ok := r.shown[h]; !ok {
			r.shown[h] = tok
		}
	}
	for _, low := range initial {
		h := hashStr(kindEntity, low)
		if _, ok := r.ents[h]; ok {
			r.ents[h]++
		}
	}
}

// sawDate keeps the latest full date the text writes in r.dated.
func (r *raw) sawDate(y, m, d int) {
	if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.After(r.dated) {
		r.dated = t
	}
}

// nameJoin reports whether sep, what stands between two capitalised
// words, makes them one name: a space, a hyphen or a non-breaking hyphen
// (U+2011). An en dash joins two names ("Paris–Berlin"), not one.
func nameJoin(sep string) bool {
	return sep == " " || sep == "-" || sep == "\u2011"
}

// ordinal strips an English ordinal suffix: "18th" is 18.
func ordinal(s string) string {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if t, ok := strings.CutSuffix(s, suf); ok {
			return t
		}
	}
	return s
}

func isWordRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}

// fold lower-cases tok and strips the accents of Latin letters, so that
// "Sánchez" and "Sanchez" match across outlets and languages.
func fold(dst []byte, tok string) []byte {
	for _, c := range tok {
		c = unicode.ToLower(c)
		if c < utf8.RuneSelf {
			dst = append(dst, byte(c))
			continue
		}
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if b, ok := accents[c]; ok {
			dst = append(dst, b)
			continue
		}
		dst = utf8.AppendRune(dst, c)
	}
	return dst
}

var accents = func() map[rune]byte {
	m := map[rune]byte{}
	for base, list := range map[byte]string{
		'a': "àáâãäåā", 'c': "çćč", 'e': "èéêëēėę", 'i': "ìíîïī", 'n': "ñń",
		'o': "òóôõöøō", 'u': "ùúûüū", 'y': "ýÿ", 's': "śš", 'z': "źżž", 'l': "ł",
	} {
		for _, r := range list {
			m[r] = base
		}
	}
	return m
}()

// stem strips the commonest English and Spanish inflections. It is crude on
// purpose: it only has to make "shooting" meet "shootings" and "killed" meet
// "kills", not produce dictionary forms.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es"):
		return w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's':
		return w[:n-1]
	}
	return w
}

func hashStr(kind byte, s string) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * 1099511628211
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// term is one weighted feature of a document vector.
type term struct {
	h uint64
	w float64
}

// vector is a sparse vector sorted by hash.
type vector []term

// weigh turns counts into a unit tf-idf vector: sublinear term frequency
// times inverse document frequency.
func weigh(counts map[uint64]float64, idf func(uint64) float64) vector {
	v := make(vector, 0, len(counts))
	for h, c := range counts {
		if w := (1 + math.Log(c)) * idf(h); w > 0 {
			v = append(v, term{h, w})
		}
	}
	// Sum in a fixed order: map order would change the last bits of the
	// norm from run to run, and with them a decision at the threshold.
	slices.SortFunc(v, byHash)
	var n2 float64
	for _, t := range v {
		n2 += t.w * t.w
	}
	if n2 == 0 {
		return nil
	}
	inv := 1 / math.Sqrt(n2)
	for i := range v {
		v[i].w *= inv
	}
	return v
}

func byHash(a, b term) int { return cmp.Compare(a.h, b.h) }

// byWeight orders heaviest first, ties by hash.
func byWeight(a, b term) int {
	if c := cmp.Compare(b.w, a.w); c != 0 {
		return c
	}
	return cmp.Compare(a.h, b.h)
}

// heaviest returns the n heaviest terms of v, heaviest first.
func heaviest(v vector, n int) vector {
	out := append(vector(nil), v...)
	slices.SortFunc(out, byWeight)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// stopwords are function words of English and Spanish; they carry no topic
// and, capitalised at a sentence start, would pass for names.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during each
few for from further had has have having he her here hers herself him himself his how i if in into is
it its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves said says say told according
one two three four five six seven eight nine ten new last first year years day days week weeks
monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr am pm
january february march april may june july august september october november december
yesterday today tomorrow morning night afternoon evening news reported report reports
el la los las un una unos unas de del al y o u e en con por para sin sobre entre que quien
quienes cual cuales cuando como donde porque pero sino se su sus lo le les me te nos es son fue
fueron ser estar esta este esto estos estas ese esa esos esas ha han hay habia no si ya mas muy
tambien segun dijo ano anos dia dias lunes martes miercoles jueves viernes sabado domingo
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre`) {
		m[w] = true
	}
	return m
}()

// calendarDay is month/day in the year that puts it closest before ref (a
// report looks back), or zero without a reference time.
func calendarDay(ref time.Time, month, day int) time.Time {
	if ref.IsZero() {
		return time.Time{}
	}
	t := time.Date(ref.Year(), time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}
	}
	if t.After(ref.AddDate(0, 0, 31)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

// headline drops what follows the last " - " or " | " of a title when it is
// short: the outlet's name ("… - KCTV5", "… | City News, Weather"), which
// would make one outlet's headlines look alike.
func headline(t string) string {
	for range 2 {
		i := max(strings.LastIndex(t, " - "), strings.LastIndex(t, " | "), strings.LastIndex(t, " – "), strings.LastIndex(t, " — "))
		if i <= 0 || len(strings.Fields(t[i:])) > 7 || len(strings.Fields(t[:i])) < 3 {
			break
		}
		t = t[:i]
	}
	return t
}

// compactDate reads a date written as digits from s[i:], a year of
// 1900-2100 then a month and a day, together or each after one separator
// ("/", "_" or "-"): "20081216", "2005/0726", "2005_05_01", "2013-06-06".
// It returns the date and where it ends; ok is false for anything else, a
// longer number or an impossible day included.
func compactDate(s string, i int) (y, m, d, end int, ok bool) {
	run := func(k int) int {
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		return k
	}
	if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		return 0, 0, 0, 0, false
	}
	j := run(i)
	var digits string
	switch {
	case j-i == 8:
		digits, end = s[i:j], j
	case j-i == 4 && j+1 < len(s) && strings.IndexByte("/_-", s[j]) >= 0:
		k := run(j + 1)
		switch {
		case k-(j+1) == 4:
			digits, end = s[i:j]+s[j+1:k], k
		case k-(j+1) == 2 && k+1 < len(s) && s[k] == s[j]:
			if l := run(k + 1); l-(k+1) == 2 {
				digits, end = s[i:j]+s[j+1:k]+s[k+1:l], l
			}
		}
	}
	if digits == "" {
		return 0, 0, 0, 0, false
	}
	y, _ = strconv.Atoi(digits[:4])
	m, _ = strconv.Atoi(digits[4:6])
	d, _ = strconv.Atoi(digits[6:])
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d {
		return 0, 0, 0, 0, false
	}
	return y, m, d, end, true
}

// slashedDate reports whether the year at s[i:] ends a date written in
// digits, a day and a month of one or two digits each before it, slashes
// between ("14/09/2013", "8 / 2 / 2013" as ECB+'s tokenised pages write
// it): a dateline, which dates the text as "May 3, 2013" does. Which of
// the two numbers is the month is not known ("8 / 2" is August 2 or 8
// February), so the date gives its year alone, not a calendar day.
func slashedDate(s string, i int) bool {
	back := func(k int) (int, bool) { // skips "N /" or "N/" before k
		for k > 0 && s[k-1] == ' ' {
			k--
		}
		if k == 0 || s[k-1] != '/' {
			return k, false
		}
		k--
		for k > 0 && s[k-1] == ' ' {
			k--
		}
		n := 0
		for k > 0 && s[k-1] >= '0' && s[k-1] <= '9' {
			k--
			n++
		}
		return k, n >= 1 && n <= 2
	}
	k, ok := back(i)
	if !ok {
		return false
	}
	k, ok = back(k)
	if !ok {
		return false
	}
	// The day must begin the date, not end a longer run ("1/14/09/2013").
	before, _ := utf8.DecodeLastRuneInString(s[:k])
	return k == 0 || before != '/' && !isWordRune(before)
}

// URLYear returns the year an article's address gives in its path, 0 if
// none: a compact date ("/20130606/", "2005_05_01_archive") or a year
// segment followed by a month, in digits or by name ("/2009/07/",
// "/2009/apr/28/"). Many sites file their pages by date; a page whose
// time its feed or markup did not give is still of that year (Doc.Year).
// A bare number of four digits is as often an ID, and does not count.
func URLYear(url string) int {
	path := url
	if k := strings.Index(path, "://"); k >= 0 {
		path = path[k+3:]
	}
	k := strings.IndexByte(path, '/')
	if k < 0 {
		return 0
	}
	path = path[k:]
	for i := 0; i < len(path); i++ {
		if path[i] < '0' || path[i] > '9' || i > 0 && path[i-1] >= '0' && path[i-1] <= '9' {
			continue
		}
		if y, _, _, _, ok := compactDate(path, i); ok {
			return y
		}
		if i == 0 || path[i-1] != '/' || i+5 >= len(path) || path[i+4] != '/' {
			continue
		}
		y, err := strconv.Atoi(path[i : i+4])
		if err != nil || y < 1900 || y > 2100 {
			continue
		}
		rest := path[i+5:]
		n := 0
		for n < len(rest) && n < 3 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n == 2 {
			if mo, _ := strconv.Atoi(rest[:n]); mo >= 1 && mo <= 12 {
				return y
			}
		}
		if n == 0 && len(rest) >= 3 {
			if mo, ok := text.MonthNumber(strings.ToLower(rest[:3])); ok && mo > 0 && (len(rest) == 3 || rest[3] == '/') {
				return y
			}
		}
	}
	return 0
}
