package text

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Figure is a number with its unit found in a text.
type Figure struct {
	news.Figure
	Span     news.Span `json:"span"`     // the figure's bytes
	Sentence news.Span `json:"sentence"` // the sentence that holds it
	// BaseValue and BaseUnit restate durations in days, so that
	// "30-day" and "a month-long" can be compared; for other kinds they
	// equal Value and Unit.
	BaseValue float64 `json:"base_value"`
	BaseUnit  string  `json:"base_unit,omitempty"`
	// Approx is set when the conversion to the base unit is approximate
	// (months and years to days), so values compare with a wider margin.
	Approx bool `json:"approx,omitempty"`
}

// Figure kinds.
const (
	KindMoney    = "money"
	KindCount    = "count"
	KindPercent  = "percent"
	KindDuration = "duration"
	KindDistance = "distance"
	KindWeight   = "weight"
	KindAge      = "age"
)

// Figures finds numbers with units in s, written in lang ("en", "es", or
// "" to guess per number): money ("$2.3bn", "€40 millones"), percentages
// ("3,5 %"), durations ("30-day", "three weeks"), distances ("12 km"),
// weights, ages ("42-year-old") and counts of things ("1.5 million
// people"). Numbers may be written in digits, with English or Spanish
// separators, or in words. Bare numbers, years, times and day numbers of
// dates are left out. Each figure keeps its sentence and a Quantity key
// naming what it counts ("dead", "injured", "aid", "ceasefire").
func Figures(s, lang string) []Figure {
	lang = strings.ToLower(lang)
	if len(lang) > 2 {
		lang = lang[:2]
	}
	if lang == "" {
		lang = GuessLang(s)
	}
	var out []Figure
	for _, sent := range Sentences(s) {
		words := figWords(s, sent)
		for i := 0; i < len(words); {
			f, next, ok := parseFigure(s, words, i, lang)
			if !ok {
				i++
				continue
			}
			f.Sentence = sent
			f.Text = f.Span.Of(s)
			f.Citation = news.Citation{Start: f.Span.Start, End: f.Span.End}
			f.Quantity = quantityOf(s, words, i, next, f)
			f.BaseValue, f.BaseUnit, f.Approx = f.Value, f.Unit, false
			if f.Kind == KindDuration {
				f.BaseValue, f.BaseUnit, f.Approx = base(f.Value, f.Unit)
			}
			out = append(out, f)
			i = next
		}
	}
	return out
}

// fword is a word, number or symbol of a sentence.
type fword struct {
	start, end int
	text       string
	key        string // folded
}

// figWords splits a sentence into words (letters), numbers (digits with
// inner separators) and single symbols.
func figWords(s string, sent news.Span) []fword {
	var out []fword
	for i := sent.Start; i < sent.End; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
			continue
		case unicode.IsDigit(r):
			j := i + n
			for j < sent.End {
				c, m := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(c) {
					j += m
					continue
				}
				if (c == ',' || c == '.') && j+m < sent.End && isDigitByte(s[j+m]) {
					j += m
					continue
				}
				break
			}
			out = append(out, fword{start: i, end: j, text: s[i:j], key: s[i:j]})
			i = j
		case unicode.IsLetter(r):
			j := i + n
			for j < sent.End {
				c, m := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) {
					break
				}
				j += m
			}
			out = append(out, fword{start: i, end: j, text: s[i:j], key: Key(s[i:j])})
			i = j
		default:
			out = append(out, fword{start: i, end: i + n, text: s[i : i+n], key: s[i : i+n]})
			i += n
		}
	}
	return out
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isNum(w fword) bool { return w.text != "" && isDigitByte(w.text[0]) }

// adjacent reports whether words a and b touch (no space between).
func adjacent(a, b fword) bool { return a.end == b.start }

var currencySymbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}

var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "dolar": "USD", "dolares": "USD", "usd": "USD",
	"euro": "EUR", "euros": "EUR", "eur": "EUR", "pound": "GBP", "sterling": "GBP", "libras": "GBP", "gbp": "GBP",
	"yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "rupias": "INR", "pesos": "MXN",
	"francs": "CHF", "francos": "CHF",
}

var scaleWords = map[string]float64{
	"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
	"mn": 1e6, "m": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "k": 1e3,
	"mil": 1e3, "millon": 1e6, "millones": 1e6, "millardo": 1e9, "millardos": 1e9, "billon": 1e12, "billones": 1e12,
}

type unitInfo struct {
	unit, kind string
	factor     float64 // to the normalised unit
}

var unitWords = map[string]unitInfo{
	"second": {"second", KindDuration, 1}, "seconds": {"second", KindDuration, 1},
	"minute": {"minute", KindDuration, 1}, "minutes": {"minute", KindDuration, 1},
	"hour": {"hour", KindDuration, 1}, "hours": {"hour", KindDuration, 1},
	"day": {"day", KindDuration, 1}, "days": {"day", KindDuration, 1},
	"week": {"week", KindDuration, 1}, "weeks": {"week", KindDuration, 1},
	"month": {"month", KindDuration, 1}, "months": {"month", KindDuration, 1},
	"year": {"year", KindDuration, 1}, "years": {"year", KindDuration, 1},
	"decade": {"year", KindDuration, 10}, "decades": {"year", KindDuration, 10},
	"segundo": {"second", KindDuration, 1}, "segundos": {"second", KindDuration, 1},
	"minuto": {"minute", KindDuration, 1}, "minutos": {"minute", KindDuration, 1},
	"hora": {"hour", KindDuration, 1}, "horas": {"hour", KindDuration, 1},
	"dia": {"day", KindDuration, 1}, "dias": {"day", KindDuration, 1},
	"semana": {"week", KindDuration, 1}, "semanas": {"week", KindDuration, 1},
	"mes": {"month", KindDuration, 1}, "meses": {"month", KindDuration, 1},
	"ano": {"year", KindDuration, 1}, "anos": {"year", KindDuration, 1},
	"km": {"km", KindDistance, 1}, "kilometres": {"km", KindDistance, 1}, "kilometers": {"km", KindDistance, 1},
	"kilometre": {"km", KindDistance, 1}, "kilometer": {"km", KindDistance, 1}, "kilometro": {"km", KindDistance, 1},
	"kilometros": {"km", KindDistance, 1}, "miles": {"km", KindDistance, 1.609344}, "mile": {"km", KindDistance, 1.609344},
	"millas": {"km", KindDistance, 1.609344}, "metres": {"km", KindDistance, 0.001}, "meters": {"km", KindDistance, 0.001},
	"metros": {"km", KindDistance, 0.001}, "metre": {"km", KindDistance, 0.001}, "meter": {"km", KindDistance, 0.001},
	"metro": {"km", KindDistance, 0.001},
	"kg":    {"kg", KindWeight, 1}, "kilograms": {"kg", KindWeight, 1}, "kilos": {"kg", KindWeight, 1},
	"kilogramos": {"kg", KindWeight, 1}, "tonnes": {"kg", KindWeight, 1000}, "tons": {"kg", KindWeight, 907.18474},
	"toneladas": {"kg", KindWeight, 1000}, "tonne": {"kg", KindWeight, 1000}, "ton": {"kg", KindWeight, 907.18474},
	"pounds": {"kg", KindWeight, 0.45359237}, "lb": {"kg", KindWeight, 0.45359237}, "lbs": {"kg", KindWeight, 0.45359237},
}

// countNouns normalise the nouns people are counted with.
var countNouns = map[string]string{
	"people": "people", "persons": "people", "person": "people", "personas": "people", "persona": "people",
	"civilians": "people", "civiles": "people", "residents": "people", "victims": "people", "victimas": "people",
	"individuals": "people", "adults": "people", "children": "children", "ninos": "children", "menores": "children",
	"soldiers": "soldiers", "soldados": "soldiers", "troops": "soldiers", "militares": "soldiers",
	"migrants": "migrants", "migrantes": "migrants", "refugees": "refugees", "refugiados": "refugees",
	"workers": "workers", "trabajadores": "workers", "employees": "workers", "empleados": "workers",
	"jobs": "jobs", "empleos": "jobs", "puestos": "jobs", "students": "students", "estudiantes": "students",
	"alumnos": "students", "patients": "patients", "pacientes": "patients", "cases": "cases", "casos": "cases",
	"homes": "homes", "houses": "homes", "viviendas": "homes", "casas": "homes", "votes": "votes", "votos": "votes",
	"deaths": "people", "muertes": "people", "fallecidos": "people", "muertos": "people", "heridos": "people",
	"detenidos": "people", "desaparecidos": "people", "evacuados": "people", "desplazados": "people",
	"dead": "people", "injured": "people", "wounded": "people", "killed": "people", "missing": "people",
	"arrests": "people", "delegates": "delegates", "delegados": "delegates", "seats": "seats", "escanos": "seats",
	"vehicles": "vehicles", "vehiculos": "vehicles", "cars": "vehicles", "flights": "flights", "vuelos": "flights",
	"members": "members", "miembros": "members", "firefighters": "firefighters", "bomberos": "firefighters",
	"police": "police", "policias": "police", "agentes": "police", "officers": "police", "doctors": "doctors",
	"medicos": "doctors", "hospitals": "hospitals", "hospitales": "hospitals", "schools": "schools",
	"escuelas": "schools", "colegios": "schools", "countries": "countries", "paises": "countries",
	"states": "states", "companies": "companies", "empresas": "companies", "buildings": "buildings",
	"edificios": "buildings", "hectares": "hectares", "hectareas": "hectares", "acres": "acres",
}

// eventWords map what happened to the counted, near a count, to a
// quantity key.
var eventWords = map[string]string{
	"killed": "dead", "dead": "dead", "died": "dead", "die": "dead", "deaths": "dead", "death": "dead",
	"fatalities": "dead", "killing": "dead", "lives": "dead", "muertos": "dead", "murieron": "dead",
	"fallecieron": "dead", "fallecidos": "dead", "muertes": "dead", "mataron": "dead", "victimas": "dead",
	"injured": "injured", "wounded": "injured", "hurt": "injured", "injuring": "injured", "heridos": "injured",
	"resultaron": "", "arrested": "arrested", "detained": "arrested", "detenidos": "arrested", "arrestados": "arrested",
	"missing": "missing", "desaparecidos": "missing", "evacuated": "evacuated", "evacuados": "evacuated",
	"displaced": "displaced", "desplazados": "displaced", "rescued": "rescued", "rescatados": "rescued",
	"infected": "infected", "infectados": "infected", "contagiados": "infected", "hospitalized": "hospitalized",
	"hospitalised": "hospitalized", "hospitalizados": "hospitalized", "affected": "affected", "afectados": "affected",
	"homeless": "homeless", "fired": "laid-off", "laid": "laid-off", "despedidos": "laid-off", "hired": "hired",
	"contratados": "hired", "voted": "voted", "votaron": "voted", "protested": "protesters", "manifestantes": "protesters",
	"protesters": "protesters", "attended": "attendance", "asistieron": "attendance",
}

// measureWords are nouns a money figure, percentage or duration often
// measures; the nearest one names the quantity.
var measureWords = set(`aid|ayuda|budget|presupuesto|cost|costs|coste|costo|costes|fine|multa|deal|acuerdo|
fined|multado|multada|revenue|revenues|ingresos|profit|profits|beneficio|beneficios|ganancias|loss|losses|perdidas|salary|salario|
sueldo|wage|wages|donation|donations|donacion|investment|inversion|debt|deuda|deficit|spending|gasto|
funding|financiacion|fondos|fund|loan|prestamo|bailout|rescate|compensation|indemnizacion|damages|danos|
price|precio|prices|precios|tax|taxes|impuesto|impuestos|tariff|tariffs|aranceles|arancel|sales|ventas|
valuation|valoracion|bonus|contract|contrato|settlement|reward|recompensa|ransom|rescate|
unemployment|paro|desempleo|inflation|inflacion|growth|crecimiento|turnout|participacion|interest|interes|
rate|tasa|share|cuota|stake|participacion|support|apoyo|approval|aprobacion|vote|voto|votes|votos|poll|
encuesta|gdp|pib|economy|economia|market|mercado|increase|aumento|rise|subida|drop|caida|decline|descenso|
cut|recorte|ceasefire|truce|tregua|alto|sentence|condena|prison|prision|jail|carcel|strike|huelga|
lockdown|confinamiento|quarantine|cuarentena|war|guerra|siege|asedio|term|mandato|mission|mision|
deadline|plazo|delay|retraso|ban|prohibicion|suspension|visit|visita|trip|viaje|journey|flight|vuelo|
border|frontera|wall|muro|road|carretera|line|linea|pipeline|oleoducto|gasoducto|range|alcance|coast|costa|
distance|distancia|radius|radio|zone|zona|area|mandate|reform|reforma|program|programa|plan|package|paquete|
wealth|fortune|fortuna|net|worth`)

func parseFigure(s string, w []fword, i int, lang string) (Figure, int, bool) {
	var f Figure
	start := i
	cur := ""
	// Currency before the number: "$", "US$", "€", "USD".
	if sym, ok := currencySymbols[w[i].text]; ok && i+1 < len(w) {
		cur = sym
		i++
	} else if (w[i].key == "us" || w[i].key == "a" || w[i].key == "c") && i+2 < len(w) && w[i+1].text == "$" && adjacent(w[i], w[i+1]) {
		cur = map[string]string{"us": "USD", "a": "AUD", "c": "CAD"}[w[i].key]
		i += 2
	} else if c, ok := currencyWords[w[i].key]; ok && strings.ToUpper(w[i].text) == w[i].text && len(w[i].text) == 3 && i+1 < len(w) && isNum(w[i+1]) {
		cur = c
		i++
	}
	if i >= len(w) {
		return f, 0, false
	}
	// The number itself.
	var val float64
	var n int
	article := false
	if isNum(w[i]) {
		if skipNumber(w, i) {
			return f, 0, false
		}
		v, ok := parseDigits(w[i].text, lang)
		if !ok {
			return f, 0, false
		}
		val, n = v, 1
	} else if v, k, ok := parseNumberWords(w, i); ok {
		val, n = v, k
	} else if isArticle(w[i].key) && i+1 < len(w) {
		val, n, article = 1, 1, true
	} else {
		return f, 0, false
	}
	j := i + n
	// "1.5 million", "$2.3bn", "40 millones", "mil millones".
	if j < len(w) {
		sc, ok := scaleWords[w[j].key]
		if ok && (len(w[j].key) > 2 || adjacent(w[j-1], w[j]) || cur != "") && !(w[j].key == "m" && !adjacent(w[j-1], w[j]) && cur == "") {
			if w[j].key == "mil" && j+1 < len(w) && (w[j+1].key == "millones" || w[j+1].key == "millon") {
				sc = 1e9
				j++
			}
			if w[j].key == "m" && cur == "" && !adjacent(w[j-1], w[j]) {
				sc = 0
			}
			if sc > 0 {
				val *= sc
				j++
			}
		}
	}
	if article && j == i+1 {
		// "a" alone is a number only before a unit: "a month-long", "a week".
		if j >= len(w) {
			return f, 0, false
		}
		if _, ok := unitWords[w[j].key]; !ok {
			return f, 0, false
		}
	}
	kind, unit := "", ""
	factor := 1.0
	end := w[j-1].end
	switch {
	case cur != "":
		kind, unit = KindMoney, cur
	case j < len(w) && w[j].text == "%":
		kind, unit = KindPercent, "percent"
		end = w[j].end
		j++
	case j+1 < len(w) && (w[j].key == "percent" || w[j].key == "per" && w[j+1].key == "cent" || w[j].key == "por" && w[j+1].key == "ciento"):
		kind, unit = KindPercent, "percent"
		if w[j].key == "percent" {
			end = w[j].end
			j++
		} else {
			end = w[j+1].end
			j += 2
		}
	case j < len(w) && w[j].key == "percent":
		kind, unit, end = KindPercent, "percent", w[j].end
		j++
	case j < len(w) && (w[j].key == "percentage" || w[j].key == "puntos") && j+1 < len(w) && (w[j+1].key == "points" || w[j+1].key == "porcentuales"):
		kind, unit, end = KindPercent, "pp", w[j+1].end
		j += 2
	}
	// A currency written after the number: "40 €".
	if kind == "" && j < len(w) && currencySymbols[w[j].text] != "" {
		kind, unit, end = KindMoney, currencySymbols[w[j].text], w[j].end
		j++
	}
	if kind == "" && j < len(w) {
		k := j
		if w[k].key == "de" && k+1 < len(w) && val >= 1e6 {
			k++ // "3 millones de euros", "2 millones de personas"
		}
		if w[k].text == "-" && adjacent(w[k-1], w[k]) && k+1 < len(w) {
			k++ // "30-day", "42-year-old", "month-long"
		}
		if c, ok := currencyWords[w[k].key]; ok && w[k].key != "pound" {
			kind, unit, end = KindMoney, c, w[k].end
			j = k + 1
		} else if u, ok := unitWords[w[k].key]; ok && !(w[k].key == "m" && !adjacent(w[k-1], w[k])) {
			kind, unit, factor, end = u.kind, u.unit, u.factor, w[k].end
			j = k + 1
			// "42-year-old", "de 42 años de edad".
			if u.unit == "year" && j+1 < len(w) && w[j].text == "-" && w[j+1].key == "old" {
				kind, end = KindAge, w[j+1].end
				j += 2
			}
			if j+1 < len(w) && w[j].text == "-" && w[j+1].key == "long" {
				end = w[j+1].end
				j += 2
			}
		} else if k == j && !article {
			// Counts: "12 people", "1.5 million refugees", "30 more civilians".
			for x := j; x < len(w) && x <= j+2; x++ {
				if cn, ok := countNouns[w[x].key]; ok && !(w[x].key == "puestos" && !jobPosts(w, x)) {
					kind, unit, end = KindCount, cn, w[x].end
					j = x + 1
					break
				}
				if !unicode.IsLower(firstRune(w[x].text)) || isNum(w[x]) {
					break
				}
			}
			if kind == KindCount && shareOf(w, i, i+n) {
				return f, 0, false
			}
			if kind == "" && val >= 1e3 && j > i+n {
				kind, unit = KindCount, "" // "1.5 million" with a scale word
			}
		}
	}
	if kind == "" {
		return f, 0, false
	}
	f.Value = round(val * factor)
	f.Unit = unit
	f.Kind = kind
	f.Span = news.Span{Start: w[start].start, End: end}
	return f, j, true
}

// jobPosts reports whether "puestos" at w[x] are jobs ("puestos de
// trabajo", "de empleo"): alone the word is as often checkpoints
// ("puestos de control") or places in a ranking.
func jobPosts(w []fword, x int) bool {
	return x+2 < len(w) && w[x+1].key == "de" && (w[x+2].key == "trabajo" || w[x+2].key == "empleo")
}

// shareOf reports whether the number w[i:end] is one side of a share
// ("two votes in three", "nine out of 10 doctors", "uno de cada cinco"):
// a proportion, not a count of the noun after it.
func shareOf(w []fword, i, end int) bool {
	num := func(k int) bool {
		if k < 0 || k >= len(w) {
			return false
		}
		if isNum(w[k]) {
			return true
		}
		_, ok := numberWords[w[k].key]
		return ok
	}
	key := func(k int) string {
		if k < 0 || k >= len(w) {
			return ""
		}
		return w[k].key
	}
	// The number after: "two votes in three", "two in three votes". After
	// the noun, "in" and a number end the phrase, or they say where ("10
	// people in 3 villages").
	for k := end; k < len(w) && k <= end+1; k++ {
		ends := k+2 >= len(w) || !unicode.IsLetter(firstRune(w[k+2].text))
		switch {
		case key(k) == "in" && num(k+1) && (k == end || ends),
			key(k) == "out" && key(k+1) == "of" && num(k+2),
			key(k) == "de" && key(k+1) == "cada" && num(k+2):
			return true
		}
	}
	// The number before: "nine out of 10 doctors", "one in 10 people".
	return key(i-1) == "in" && num(i-2) ||
		key(i-1) == "of" && key(i-2) == "out" && num(i-3) ||
		key(i-1) == "cada" && key(i-2) == "de" && num(i-3)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isArticle(k string) bool { return k == "a" || k == "an" || k == "un" || k == "una" || k == "one" }

func round(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// skipNumber reports whether the number at w[i] is part of a time, date,
// code or ordinal rather than a figure.
func skipNumber(w []fword, i int) bool {
	t := w[i].text
	// Letters or hyphenated codes glued to it: "G7", "COVID-19", "3rd".
	if i > 0 && adjacent(w[i-1], w[i]) && (unicode.IsLetter(firstRune(w[i-1].text)) || w[i-1].text == "-" && i > 1 && adjacent(w[i-2], w[i-1]) && unicode.IsLetter(firstRune(w[i-2].text))) {
		return true
	}
	if i+1 < len(w) && adjacent(w[i], w[i+1]) {
		switch w[i+1].key {
		case "st", "nd", "rd", "th", "o", "a", "am", "pm", "h":
			return true
		case ":":
			return true
		}
	}
	if i > 0 && w[i-1].text == ":" && adjacent(w[i-1], w[i]) {
		return true
	}
	if i+1 < len(w) && (w[i+1].key == "a" || w[i+1].key == "p") && i+2 < len(w) && w[i+2].text == "." {
		return true // 7 a.m.
	}
	// Dates: "March 3", "3 March", "3 de marzo".
	if i > 0 {
		if _, ok := months[w[i-1].key]; ok {
			return true
		}
	}
	if i+1 < len(w) {
		if _, ok := months[w[i+1].key]; ok {
			return true
		}
		if w[i+1].key == "de" && i+2 < len(w) {
			if _, ok := months[w[i+2].key]; ok {
				return true
			}
		}
	}
	// Years.
	if len(t) == 4 && !strings.ContainsAny(t, ".,") {
		if y, err := strconv.Atoi(t); err == nil && y >= 1800 && y <= 2100 {
			return true
		}
	}
	return false
}

// parseDigits reads a number written in digits with separators, English
// ("1,234.5") or Spanish ("1.234,5", "3,5"). lang decides ambiguous
// cases; with no lang, a separator followed by exactly three digits is a
// thousands separator.
func parseDigits(t, lang string) (float64, bool) {
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	groupsOf3 := func(sep string) bool {
		parts := strings.Split(t, sep)
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return false
			}
		}
		return len(parts[0]) >= 1 && len(parts[0]) <= 3
	}
	var clean string
	switch {
	case dots == 0 && commas == 0:
		clean = t
	case dots > 0 && commas > 0:
		// The last separator is the decimal one.
		if strings.LastIndex(t, ",") > strings.LastIndex(t, ".") {
			clean = strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), ",", ".")
		} else {
			clean = strings.ReplaceAll(t, ",", "")
		}
	case commas > 0:
		if commas > 1 || groupsOf3(",") && lang != "es" {
			clean = strings.ReplaceAll(t, ",", "")
		} else {
			clean = strings.ReplaceAll(t, ",", ".")
		}
	default: // dots only
		if dots > 1 || groupsOf3(".") && lang == "es" {
			clean = strings.ReplaceAll(t, ".", "")
		} else {
			clean = t
		}
	}
	v, err := strconv.ParseFloat(clean, 64)
	return v, err == nil
}

var numberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "dozens": 24,
	"uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
	"nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
	"dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
	"veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
	"veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
	"sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
	"doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600,
	"setecientos": 700, "ochocientos": 800, "novecientos": 900, "hundred": 100, "hundreds": 200,
	"half": 0.5, "medio": 0.5, "media": 0.5,
}

// parseNumberWords reads a number written in words at w[i]: "thirty",
// "twenty-five", "three hundred", "treinta y cinco". "one"/"una" alone is
// not read (it is too often a pronoun), nor is "once" in English text.
func parseNumberWords(w []fword, i int) (float64, int, bool) {
	total, cur := 0.0, 0.0
	j := i
	seen := false
	for j < len(w) {
		k := w[j].key
		v, ok := numberWords[k]
		if !ok {
			if seen && (k == "-" || k == "y" || k == "and") && j+1 < len(w) {
				if nv, ok := numberWords[w[j+1].key]; ok && nv < 10 {
					j++
					continue
				}
			}
			break
		}
		switch {
		case k == "hundred" || k == "hundreds":
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		case k == "dozen" || k == "dozens":
			if cur == 0 {
				cur = 1
			}
			cur *= v
		default:
			cur += v
		}
		seen = true
		j++
	}
	total += cur
	if !seen {
		return 0, 0, false
	}
	n := j - i
	if n == 1 && (w[i].key == "one" || w[i].key == "una" || w[i].key == "uno" || w[i].key == "once" || w[i].key == "half" ||
		w[i].key == "media" || w[i].key == "medio") {
		return 0, 0, false
	}
	return total, n, true
}

// quantityOf builds the key of what a figure counts: for counts, the
// event near it ("were killed" → "dead") or the counted noun; for other
// kinds, the nearest measure noun in the sentence ("aid", "ceasefire").
func quantityOf(s string, w []fword, i, next int, f Figure) string {
	if f.Kind == KindCount {
		// "30 dead", "30 people were killed", "killing 30 people".
		if ev, ok := eventWords[w[next-1].key]; ok && ev != "" && next-1 > i {
			return ev
		}
		for x := next; x < len(w) && x < next+4; x++ {
			if ev, ok := eventWords[w[x].key]; ok && ev != "" {
				return ev
			}
			if w[x].text == "." || w[x].text == ";" {
				break
			}
		}
		for x := i - 1; x >= 0 && x >= i-3; x-- {
			if ev, ok := eventWords[w[x].key]; ok && ev != "" {
				return ev
			}
		}
		if ev, ok := eventWords[Key(f.Unit)]; ok && ev != "" {
			return ev
		}
		return f.Unit
	}
	best, bestDist := "", 1<<30
	for x := max(0, i-8); x < len(w) && x < next+8; x++ {
		if x >= i && x < next {
			continue
		}
		if measureWords[w[x].key] {
			// A noun right after the figure names it ("30-day
			// ceasefire"); further on, nouns before it come first ("aid
			// of $40m and unemployment").
			d := x - next
			if d > 0 {
				d++
			}
			if x < i {
				d = i - x
			}
			if d < bestDist {
				best, bestDist = w[x].key, d
			}
		}
	}
	if best == "" {
		return ""
	}
	return canonicalMeasure(best)
}

// canonicalMeasure maps Spanish and inflected measure nouns onto one key.
func canonicalMeasure(k string) string {
	if c, ok := measureSynonyms[k]; ok {
		return c
	}
	return strings.TrimSuffix(k, "s")
}

var measureSynonyms = map[string]string{
	"fined": "fine", "multado": "fine", "multada": "fine", "ayuda": "aid", "presupuesto": "budget", "coste": "cost", "costo": "cost", "costes": "cost", "multa": "fine",
	"acuerdo": "deal", "ingresos": "revenue", "beneficio": "profit", "beneficios": "profit", "ganancias": "profit",
	"perdidas": "loss", "losses": "loss", "salario": "salary", "sueldo": "salary", "wages": "wage",
	"donacion": "donation", "inversion": "investment", "deuda": "debt", "gasto": "spending", "financiacion": "funding",
	"fondos": "funding", "prestamo": "loan", "rescate": "bailout", "indemnizacion": "compensation", "danos": "damages",
	"precio": "price", "precios": "price", "impuesto": "tax", "impuestos": "tax", "taxes": "tax", "aranceles": "tariff",
	"arancel": "tariff", "tariffs": "tariff", "ventas": "sales", "sales": "sales", "valoracion": "valuation",
	"contrato": "contract", "recompensa": "reward", "paro": "unemployment", "desempleo": "unemployment",
	"inflacion": "inflation", "crecimiento": "growth", "participacion": "turnout", "interes": "interest",
	"tasa": "rate", "cuota": "share", "apoyo": "support", "aprobacion": "approval", "voto": "vote", "votos": "vote",
	"votes": "vote", "encuesta": "poll", "pib": "gdp", "economia": "economy", "mercado": "market", "aumento": "increase",
	"subida": "rise", "caida": "drop", "descenso": "decline", "recorte": "cut", "truce": "ceasefire",
	"tregua": "ceasefire", "alto": "ceasefire", "condena": "sentence", "prision": "prison", "carcel": "prison",
	"jail": "prison", "huelga": "strike", "confinamiento": "lockdown", "cuarentena": "quarantine", "guerra": "war",
	"asedio": "siege", "mandato": "term", "mision": "mission", "plazo": "deadline", "retraso": "delay",
	"prohibicion": "ban", "visita": "visit", "viaje": "trip", "vuelo": "flight", "frontera": "border", "muro": "wall",
	"carretera": "road", "linea": "line", "oleoducto": "pipeline", "gasoducto": "pipeline", "alcance": "range",
	"costa": "coast", "distancia": "distance", "radio": "radius", "zona": "zone", "reforma": "reform",
	"programa": "program", "paquete": "package", "fortuna": "fortune", "worth": "wealth", "net": "wealth",
}

// base restates a value in its kind's base unit: durations in days.
func base(v float64, unit string) (float64, string, bool) {
	switch unit {
	case "second":
		return v / 86400, "day", false
	case "minute":
		return v / 1440, "day", false
	case "hour":
		return v / 24, "day", false
	case "day":
		return v, "day", false
	case "week":
		return v * 7, "day", false
	case "month":
		return v * 30.436875, "day", true
	case "year":
		return v * 365.2425, "day", true
	}
	return v, unit, false
}

// SameQuantity reports whether two figures measure the same thing, so
// that different values are a disagreement between sources: same kind,
// units of one family (any currency only with itself; durations of any
// length), and the same non-empty Quantity key.
func SameQuantity(a, b news.Figure) bool {
	if a.Kind == "" || a.Kind != b.Kind || a.Quantity == "" || a.Quantity != b.Quantity {
		return false
	}
	if a.Kind != KindDuration {
		return a.Unit == b.Unit
	}
	_, ua, _ := base(a.Value, a.Unit)
	_, ub, _ := base(b.Value, b.Unit)
	return ua == ub
}

// Comparable reports whether two figures found in texts measure the same
// quantity (see SameQuantity).
func Comparable(a, b Figure) bool { return SameQuantity(a.Figure, b.Figure) }

// SameValue reports whether two comparable figures state the same value:
// equal within 0.5% in base units, or within 3% when a month or year was
// converted to days ("30-day" and "a month-long" agree).
func SameValue(a, b news.Figure) bool {
	va, ua, xa := a.Value, a.Unit, false
	vb, ub, xb := b.Value, b.Unit, false
	if a.Kind == KindDuration && b.Kind == KindDuration {
		va, ua, xa = base(a.Value, a.Unit)
		vb, ub, xb = base(b.Value, b.Unit)
	}
	if ua != ub {
		return false
	}
	tol := 0.005
	if xa != xb {
		tol = 0.03
	}
	d := math.Abs(va - vb)
	return d <= tol*math.Max(math.Abs(va), math.Abs(vb)) || d < 1e-9
}

// GuessLang tells Spanish from English text by its commonest function
// words: "es" or "en".
func GuessLang(s string) string {
	es, en := 0, 0
	for _, w := range Words(s) {
		switch w {
		case "el", "la", "los", "las", "del", "que", "y", "en", "por", "con", "una", "se":
			es++
		case "the", "and", "of", "to", "in", "is", "was", "that", "with", "for", "on":
			en++
		}
	}
	if es > en {
		return "es"
	}
	return "en"
}
