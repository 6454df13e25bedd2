package text

import (
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Date is a calendar date mentioned in a text.
type Date struct {
	Span news.Span `json:"span"`
	Time time.Time `json:"time"`
	// Precision is "day", or "month" for a month and year alone
	// ("March 2024"), whose Time is the month's first day.
	Precision string `json:"precision"`
	// Relative is set for dates resolved against the reference time
	// ("yesterday", "on Tuesday", "hace dos días").
	Relative bool `json:"relative,omitempty"`
}

// Dates finds dates in s: absolute ones ("2024-03-05", "March 3, 2024",
// "3 March", "3 de marzo de 2024", "March 2024") and, when ref is not
// zero, relative ones resolved against it ("yesterday", "ayer", "on
// Tuesday", "el martes", "last Friday", "two days ago", "hace tres
// días"). A date without a year takes the year that puts it nearest ref
// (or ref's year; with no ref, it is skipped). A bare weekday is the
// latest such day on or before ref, as news reports mostly look back,
// unless its sentence tells of a plan or the future (weekdayAhead): then
// it is the first such day on or after ref.
func Dates(s string, ref time.Time) []Date {
	loc := time.UTC
	if !ref.IsZero() {
		loc = ref.Location()
	}
	day := func(y, m, d int) (time.Time, bool) {
		if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 9999 {
			return time.Time{}, false
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
		if t.Day() != d {
			return time.Time{}, false // February 30
		}
		return t, true
	}
	refDay := time.Time{}
	if !ref.IsZero() {
		refDay = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, loc)
	}
	// nearestYear picks the year for a month and day written without one.
	nearestYear := func(m, d int) (time.Time, bool) {
		if ref.IsZero() {
			return time.Time{}, false
		}
		best, ok := day(ref.Year(), m, d)
		for _, y := range []int{ref.Year() - 1, ref.Year() + 1} {
			if t, ok2 := day(y, m, d); ok2 && (!ok || absDur(t.Sub(refDay)) < absDur(best.Sub(refDay))) {
				best, ok = t, true
			}
		}
		return best, ok
	}
	w := figWords(s, news.Span{Start: 0, End: len(s)})
	var out []Date
	add := func(a, b int, t time.Time, prec string, rel bool) {
		out = append(out, Date{Span: news.Span{Start: w[a].start, End: w[b].end}, Time: t, Precision: prec, Relative: rel})
	}
	num := func(i int) (int, bool) {
		if i >= len(w) || !isNum(w[i]) || len(w[i].text) > 4 {
			return 0, false
		}
		n, err := strconv.Atoi(w[i].text)
		return n, err == nil
	}
	month := func(i int) (int, int, bool) { // month number and words used ("Sept" ".")
		if i >= len(w) {
			return 0, 0, false
		}
		m, ok := months[w[i].key]
		if !ok {
			return 0, 0, false
		}
		if len(w[i].key) <= 4 && w[i].key != "may" && w[i].key != "june" && w[i].key != "july" && w[i].key != "mayo" && w[i].key != "mes" {
			// An abbreviation must be capitalised: "Mar." but not "mar".
			if !isCap(w[i].text) {
				return 0, 0, false
			}
			if i+1 < len(w) && w[i+1].text == "." && adjacent(w[i], w[i+1]) {
				return m, 2, true
			}
		}
		if w[i].key == "may" && !isCap(w[i].text) {
			return 0, 0, false
		}
		return m, 1, true
	}
	year := func(i int) (int, bool) {
		y, ok := num(i)
		return y, ok && len(w[i].text) == 4 && y >= 1000
	}
	// dayAt adds day d of month m written from word i: to the year at word
	// k when there is one, else to word e in the nearest year. It returns
	// the last word used, or i when none is a date.
	dayAt := func(i, e, k, m, d int) int {
		if y, ok := year(k); ok {
			if t, ok := day(y, m, d); ok {
				add(i, k, t, "day", false)
				return k
			}
		}
		if t, ok := nearestYear(m, d); ok {
			add(i, e, t, "day", false)
			return e
		}
		return i
	}
	for i := 0; i < len(w); i++ {
		// ISO: 2024-03-05 or 2024/03/05.
		if y, ok := year(i); ok && i+4 < len(w) && (w[i+1].text == "-" || w[i+1].text == "/") && w[i+3].text == w[i+1].text &&
			adjacent(w[i], w[i+1]) && adjacent(w[i+1], w[i+2]) && adjacent(w[i+3], w[i+4]) {
			m, ok1 := num(i + 2)
			d, ok2 := num(i + 4)
			if t, ok3 := day(y, m, d); ok1 && ok2 && ok3 {
				add(i, i+4, t, "day", false)
				i += 4
				continue
			}
		}
		// Month first: "March 3, 2024", "March 3", "Sept. 5", "March 2024".
		if m, n, ok := month(i); ok {
			j := i + n
			if d, ok := num(j); ok && d <= 31 && len(w[j].text) <= 2 {
				k := j + 1
				if k < len(w) && (w[k].key == "st" || w[k].key == "nd" || w[k].key == "rd" || w[k].key == "th") && adjacent(w[j], w[k]) {
					j = k
					k++
				}
				if k < len(w) && w[k].text == "," {
					k++
				}
				i = dayAt(i, j, k, m, d)
				continue
			}
			if y, ok := year(j); ok && isCap(w[i].text) {
				if t, ok := day(y, m, 1); ok {
					add(i, j, t, "month", false)
					i = j
				}
			}
			continue
		}
		// Day first: "3 March 2024", "3 de marzo de 2024", "3 de marzo".
		if d, ok := num(i); ok && d >= 1 && d <= 31 && len(w[i].text) <= 2 {
			j := i + 1
			if j < len(w) && w[j].key == "de" {
				j++
			}
			if m, n, ok := month(j); ok && (isCap(w[j].text) || w[i+1].key == "de") {
				k := j + n
				e := k - 1
				yk := k
				if yk < len(w) && (w[yk].key == "de" || w[yk].key == "del" || w[yk].text == ",") {
					yk++
				}
				i = dayAt(i, e, yk, m, d)
				continue
			}
		}
		if ref.IsZero() {
			continue
		}
		// Relative days.
		switch w[i].key {
		case "yesterday", "ayer":
			add(i, i, refDay.AddDate(0, 0, -1), "day", true)
			continue
		case "today", "hoy":
			add(i, i, refDay, "day", true)
			continue
		case "tomorrow":
			add(i, i, refDay.AddDate(0, 0, 1), "day", true)
			continue
		case "anteayer":
			add(i, i, refDay.AddDate(0, 0, -2), "day", true)
			continue
		}
		// "two days ago", "hace tres días".
		if w[i].key == "hace" && i+2 < len(w) {
			if n, k, ok := countAt(w, i+1); ok && i+1+k < len(w) && (w[i+1+k].key == "dias" || w[i+1+k].key == "dia") {
				add(i, i+1+k, refDay.AddDate(0, 0, -n), "day", true)
				i += 1 + k
				continue
			}
		}
		if n, k, ok := countAt(w, i); ok && i+k+1 < len(w) && (w[i+k].key == "days" || w[i+k].key == "day") && w[i+k+1].key == "ago" {
			add(i, i+k+1, refDay.AddDate(0, 0, -n), "day", true)
			i += k + 1
			continue
		}
		// Weekdays: "Tuesday", "on Tuesday", "last Friday", "next Monday",
		// "el martes", "el próximo lunes", "el pasado viernes".
		// A bare weekday is read by its sentence's tense (weekdayAhead):
		// "espera … entre el viernes y el domingo" is a plan for the
		// coming days, "arrested on Friday" the past one.
		if wd, ok := weekdays[w[i].key]; ok {
			r := readWeekday(w, i)
			var t time.Time
			if r.ahead {
				if t = onOrAfter(refDay, time.Weekday(wd)); r.strict && t.Equal(refDay) {
					t = refDay.AddDate(0, 0, 7)
				}
			} else if t = onOrBefore(refDay, time.Weekday(wd)); r.strict && t.Equal(refDay) {
				t = refDay.AddDate(0, 0, -7)
			}
			add(r.from, r.to, t, "day", true)
			i = r.to
		}
	}
	return out
}

// countAt reads a small count in digits or words at w[i].
func countAt(w []fword, i int) (int, int, bool) {
	if i >= len(w) {
		return 0, 0, false
	}
	if isNum(w[i]) {
		n, err := strconv.Atoi(w[i].text)
		return n, 1, err == nil && n < 1000
	}
	if isArticle(w[i].key) {
		return 1, 1, true
	}
	v, k, ok := parseNumberWords(w, i)
	return int(v), k, ok && v == float64(int(v))
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// onOrAfter is the earliest day of weekday wd on or after day.
func onOrAfter(day time.Time, wd time.Weekday) time.Time {
	return day.AddDate(0, 0, (int(wd)-int(day.Weekday())+7)%7)
}

// onOrBefore is the latest day of weekday wd on or before day.
func onOrBefore(day time.Time, wd time.Weekday) time.Time {
	return day.AddDate(0, 0, -((int(day.Weekday()) - int(wd) + 7) % 7))
}

// weekdayRead is how the weekday at w[x] is read against a reference day:
// forward or back, strict when that day itself is excluded ("next Friday"
// on a Friday is a week on, "this Friday" that day), and w[from..to] the
// words that name it ("last Monday", "el viernes próximo").
type weekdayRead struct {
	ahead, strict bool
	from, to      int
}

// readWeekday reads the weekday at w[x] by its markers, "last"/"pasado"
// back and "next"/"próximo"/"this"/"coming" forward, before it or, in
// Spanish, after it ("el viernes pasado"); an unmarked one by its
// sentence's tense (weekdayAhead). Dates and a figure's dates both read
// weekdays here, so "the floods of last Sunday" is the Sunday gone in
// either.
func readWeekday(w []fword, x int) weekdayRead {
	r := weekdayRead{from: x, to: x}
	if x > 0 {
		switch w[x-1].key {
		case "last", "pasado":
			return weekdayRead{strict: true, from: x - 1, to: x}
		case "next", "proximo":
			return weekdayRead{ahead: true, strict: true, from: x - 1, to: x}
		case "this", "este", "coming":
			r = weekdayRead{ahead: true, from: x - 1, to: x}
			if w[x-1].key == "coming" && x > 1 && w[x-2].key == "this" {
				r.from = x - 2 // "this coming Sunday"
			}
		}
	}
	if x+1 < len(w) {
		switch w[x+1].key {
		case "pasado":
			return weekdayRead{strict: true, from: r.from, to: x + 1}
		case "proximo":
			return weekdayRead{ahead: true, strict: true, from: r.from, to: x + 1}
		}
	}
	if r.from == x {
		r.ahead = weekdayAhead(w, x)
	}
	return r
}

// weekdayAhead reports whether the weekday at w[x] is read forward: the
// tense marker nearest to it in its sentence, looking back first and then
// ahead, is one of the future or of a plan ("will", "is expected to",
// "plans", "espera", "prevé", "se celebrará", "a partir del"), not one
// of the past ("arrested", "said", "fue", "detuvo"). A sentence with
// neither is read back, the news default.
func weekdayAhead(w []fword, x int) bool {
	for k := x - 1; k >= 0 && !sentenceEnd(w[k].text); k-- {
		if t := tenseAt(w, k); t != 0 {
			return t > 0
		}
	}
	for k := x + 1; k < len(w) && !sentenceEnd(w[k].text); k++ {
		if t := tenseAt(w, k); t != 0 {
			return t > 0
		}
	}
	return false
}

func sentenceEnd(t string) bool { return t == "." || t == "!" || t == "?" || t == ";" }

// SpanishPlan reports whether a Spanish word marks a plan or the future;
// key is the word's Key, low its lower-cased text and prev and next the
// Keys of the words around it ("" at an end): "espera", "prevé",
// "prevista", "planea", "a partir (del lunes)", the future tense's
// "-rá"/"-rán" ("se celebrará", "abrirán") and "próximo" beside a day,
// month or span ("el próximo lunes", "el domingo próximo", "la próxima
// semana", "el próximo 3 de marzo"), not as "near" ("un bar próximo a la
// estación"). Dates and the briefing's event days (internal/brief) read
// Spanish plans by this one rule.
func SpanishPlan(key, low, prev, next string) bool {
	switch key {
	case "espera", "esperan", "preve", "preven", "prevista", "previsto", "previstas", "previstos",
		"planea", "planean":
		return true
	case "proximo", "proxima", "proximos", "proximas":
		// A number after it is the day or year: "el próximo 3 de marzo",
		// "las próximas 48 horas".
		return spanishTimeWord(prev) || spanishTimeWord(next) || next != "" && isDigitByte(next[0])
	case "partir":
		return prev == "a"
	}
	return strings.HasSuffix(low, "rá") || strings.HasSuffix(low, "rán")
}

// spanishTimeWord reports whether key names a Spanish day, month or span
// that "próximo" before or after it makes a plan ("el próximo lunes",
// "el próximo fin de semana", "los próximos días").
func spanishTimeWord(key string) bool {
	if _, ok := spanishWeekdays[key]; ok {
		return true
	}
	switch key {
	case "dia", "semana", "mes", "ano", "fin", "dias", "semanas", "meses", "anos", "horas":
		return true
	}
	return SpanishMonth(key)
}

// EnglishPlan reports whether an English word marks a plan or the future;
// key is the word's Key and next the Key of the word after it ("" at the
// end): "will", "shall", "'ll", "coming" and "upcoming" ("this coming
// Monday", "the coming weeks"), "next" before a day, month or span ("next
// Monday", "next week", "next March") and "later this" ("later this
// month"). "next day" and "next morning" tell a story in the past ("The
// next day, police arrested him"), and "later that day" too, so neither
// is a plan. "tomorrow" is left out: a sentence naming it is dated that
// day, which held T17's summary figures (a plan there mostly has "will"
// or "is set to" anyway). Dates and the briefing's event days
// (internal/brief) read English plans by this one rule, as SpanishPlan is
// the Spanish one.
func EnglishPlan(key, next string) bool {
	switch key {
	case "will", "shall", "ll", "upcoming", "coming":
		return true
	case "next":
		return englishPlanSpan(next)
	case "later":
		return next == "this"
	}
	return false
}

// englishPlanSpan reports whether key names an English day, month or span
// that "next" before it makes a plan.
func englishPlanSpan(key string) bool {
	switch key {
	case "week", "weekend", "month", "year", "season":
		return true
	}
	_, day := englishWeekdays[key]
	_, month := englishMonths[key]
	return day || month
}

// notPastEd holds lower-case words in "-ed" that are not a past tense
// ("indeed", "hundred"); names such as "Ahmed" or "United" are told apart
// by their capital instead.
var notPastEd = map[string]bool{
	"hundred": true, "indeed": true, "speed": true, "breed": true, "greed": true, "proceed": true,
	"exceed": true, "succeed": true, "sacred": true, "naked": true, "wicked": true, "hatred": true,
	"kindred": true,
}

// isBe reports whether key is a form of "be".
func isBe(key string) bool {
	switch key {
	case "is", "are", "was", "were", "be", "been", "being", "am":
		return true
	}
	return false
}

// tenseAt is 1 when w[k] marks the future or a plan, -1 when it marks the
// past and 0 otherwise. English past is read from a few common verbs and
// the regular "-ed" of a lower-case word ("Ahmed" and "United" are names,
// "indeed" no verb); Spanish future from its "-rá"/"-rán" endings and
// past from the preterite's "-ó", "-aron", "-ieron".
func tenseAt(w []fword, k int) int {
	key := w[k].key
	low := strings.ToLower(w[k].text)
	prev, next := "", ""
	if k > 0 {
		prev = w[k-1].key
	}
	if k+1 < len(w) {
		next = w[k+1].key
	}
	if SpanishPlan(key, low, prev, next) || EnglishPlan(key, next) {
		return 1
	}
	switch key {
	case "due":
		// "is due on Friday", "is due to vote"; "due to" after anything
		// but a form of "be" gives a cause ("cancelled due to rain on
		// Friday"), which says nothing of the tense.
		if k+1 < len(w) && w[k+1].key == "to" {
			if k > 0 && isBe(w[k-1].key) {
				return 1
			}
			return 0
		}
		return 1
	case "expected", "planned":
		// A verb after "to" ("expected to dock") or an adjective after a
		// determiner ("the planned strike", "the expected vote"); else a
		// verb's past ("They planned a march", "had planned", "than
		// expected"), which the "-ed" rule below reads.
		if k+1 < len(w) && w[k+1].key == "to" || k > 0 && isDeterminer(w[k-1].key) {
			return 1
		}
	case "set", "plans", "plan", "scheduled", "going", "aims", "intends":
		if k+1 < len(w) && w[k+1].key == "to" || key == "plans" || key == "plan" || key == "scheduled" {
			return 1
		}
	case "said", "told", "was", "were", "had", "did", "met", "made", "took", "gave", "left", "won",
		"lost", "began", "held", "fue", "fueron", "dijo", "hubo", "estuvo", "tuvo", "hizo", "pasado", "ayer":
		return -1
	}
	switch {
	case len(key) > 4 && strings.HasSuffix(key, "ed") && low == w[k].text && !notPastEd[key]:
		if k > 0 {
			switch w[k-1].key {
			case "be", "been", "being", "is", "are":
				return 0 // a passive: "will be evacuated", its tense read on
			}
		}
		return -1 // "arrested"
	case len(low) > 3 && strings.HasSuffix(low, "ó"), len(key) > 5 && (strings.HasSuffix(key, "aron") || strings.HasSuffix(key, "ieron")):
		return -1 // "anunció", "detuvieron"
	}
	return 0
}
