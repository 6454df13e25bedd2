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
	// BoundWords are the words just before the figure that say its
	// Bound ("fewer than", "up to", "supera el", "unos"), empty when none
	// does, so that a label can keep them: "300 adults" alone states a
	// figure the article does not give. Read where Bound is, so the two
	// cannot drift apart.
	BoundWords news.Span `json:"-"`
	// BaseValue and BaseUnit restate the value in its kind's base unit,
	// so that "30-day" and "a month-long", or "800 metres" and "0.8 km",
	// can be compared: durations in days, distances in km, weights in kg;
	// for other kinds they equal Value and Unit. Value and Unit keep the
	// unit the article wrote (metric units as written, miles and pounds
	// restated in km and kg), so that a briefing shows "4.2 m", not
	// "0.0042 km".
	BaseValue float64 `json:"base_value"`
	BaseUnit  string  `json:"base_unit,omitempty"`
	// Approx is set when the conversion to the base unit is approximate
	// (months and years to days), so values compare with a wider margin.
	Approx bool `json:"approx,omitempty"`
	// Step is the place of the last digit written before a scale word,
	// in the figure's unit: 1e6 for "$43 million", 1e5 for "$2.3bn"; 0
	// when no scale word rounds the figure ("$43,885,310", "600
	// people": trailing zeros may be exact). A rounded figure agrees
	// with a more exact one it rounds or cuts to (Disagree).
	Step float64 `json:"-"`
	// Event holds what the figure's sentence says of the event it belongs
	// to, so that figures of two incidents are not shown as a
	// disagreement (SameEvent, Disagree).
	Event Event `json:"-"`
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
func Figures(s, lang string) []Figure { return FiguresWith(s, lang, FigureOptions{}) }

// FigureOptions tune how Figures keys what a figure measures. The zero
// value is the default.
type FigureOptions struct {
	// SeparateSums, off by default, keys a money figure by its own noun
	// only: a sum committed by a verb ("announced 2.1 billion crowns for
	// the recovery", "pledged $40 million") gets no key, and a fund, a
	// plan, a package and a programme are four quantities. By default
	// such a sum is keyed "fund", as those nouns are, so that two
	// outlets' sizes of one fund meet and, when they differ, show as
	// sources that differ, unless their sentences name two donors or two
	// recipients (Event.Givers, Event.Recipients; docs/voices-and-figures.md,
	// "One sum set aside").
	//
	// It switches off the fund keys and the givers and recipients only,
	// not the reading that came with them, so it is not the figures of
	// before the rule: "fondo" and "programme" are measure nouns either
	// way ("un fondo de 2.300 millones" is keyed "fondo" with it, where it
	// had no key before), and Spanish "coronas" are money either way
	// after a scale word or before the country ("2.300 millones de
	// coronas", "500 coronas suecas").
	SeparateSums bool
}

// FiguresWith is Figures with options.
func FiguresWith(s, lang string, o FigureOptions) []Figure {
	lang = strings.ToLower(lang)
	if len(lang) > 2 {
		lang = lang[:2]
	}
	if lang == "" {
		lang = GuessLang(s)
	}
	var out []Figure
	names := map[string]bool{}
	sents := Sentences(s)
	cut := cutDecimals(s, sents)
	// The words of every sentence first, so that a sentence's anchors can
	// ask what the whole text capitalises.
	sentWords := make([][]fword, len(sents))
	inner := map[string]bool{} // capitalised past a sentence's first word
	for k, sent := range sents {
		sentWords[k] = figWords(s, sent)
		opener := true
		for _, w := range sentWords[k] {
			up := unicode.IsUpper(firstRune(w.text))
			if up {
				names[w.key] = true
				inner[w.key] = inner[w.key] || !opener
			}
			opener = opener && !up && !unicode.IsLetter(firstRune(w.text))
		}
	}
	for k, sent := range sents {
		words := sentWords[k]
		first := len(out)
		var starts, ends []int // the figures' words
		for i := 0; i < len(words); {
			f, next, ok := parseFigure(s, words, i, lang)
			if !ok {
				i++
				continue
			}
			if cut != nil && (cut[f.Span.End] || cut[f.Span.Start]) {
				i = next // "£1. 7m": half a figure
				continue
			}
			if f.Kind == KindDuration && isArticle(words[i].key) && len(ends) > 0 && ends[len(ends)-1] == i {
				i = next // "$450,000 a year", "500,000 people a year": a rate
				continue
			}
			if f.Kind == KindDuration {
				// "2 hours 11 minutes", "dos horas y media": one
				// duration, read whole.
				f, next = compoundDuration(s, words, f, next, lang)
			}
			f.Sentence = sent
			f.Text = f.Span.Of(s)
			f.Citation = news.Citation{Start: f.Span.Start, End: f.Span.End}
			var nb int
			f.Bound, nb = boundOf(words, i, next, f.Kind, lang)
			if nb > 0 {
				f.BoundWords = news.Span{Start: words[i-nb].start, End: words[i-1].end}
			}
			f.Quantity = quantityOf(words, i, next, f, o)
			f.BaseValue, f.BaseUnit, f.Approx = base(f.Value, f.Unit)
			out = append(out, f)
			starts, ends = append(starts, i), append(ends, next)
			i = next
		}
		figs := out[first:]
		sumParts(words, figs, starts, ends)
		keyed := false
		for _, f := range figs {
			keyed = keyed || f.Quantity != ""
		}
		if keyed {
			eventOf(s, sent, words, figs, starts, inner, o)
		}
	}
	for i := range out {
		out[i].Event.names = names
	}
	return out
}

// cutDecimals finds money figures a tokenised text cut at their decimal
// point, setting the decimals apart so that the point ends a sentence
// ("worth £1. 7m have been stolen", "a $1. 25 million fine"): a currency
// sign and a whole number before the point, one or two digits with a
// scale after. It returns the offsets of the point and of the decimals,
// where no figure may end or start: half a figure ("£1") would be a
// figure the article does not give. Read whole, these figures showed
// more false disagreements than they fixed (docs/voices-and-figures.md).
func cutDecimals(s string, sents []news.Span) map[int]bool {
	var cut map[int]bool
	for k := 0; k+1 < len(sents); k++ {
		a, b := sents[k], sents[k+1]
		if s[a.End-1] != '.' || b.Start != a.End+1 || !splitDecimalEnd(s[a.Start:a.End-1]) || !splitDecimalStart(s[b.Start:b.End]) {
			continue
		}
		if cut == nil {
			cut = map[int]bool{}
		}
		cut[a.End-1], cut[b.Start] = true, true
	}
	return cut
}

// splitDecimalEnd reports whether t ends in a currency sign and one to
// three digits: "worth £1".
func splitDecimalEnd(t string) bool {
	d := len(t)
	for d > 0 && isDigitByte(t[d-1]) {
		d--
	}
	if d == len(t) || len(t)-d > 3 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:d])
	_, ok := currencySymbols[string(r)]
	return ok
}

// splitDecimalStart reports whether t starts with one or two digits and a
// scale: "7m", "25 million".
func splitDecimalStart(t string) bool {
	d := 0
	for d < len(t) && d < 3 && isDigitByte(t[d]) {
		d++
	}
	if d == 0 || d > 2 {
		return false
	}
	rest := strings.TrimPrefix(t[d:], " ")
	e := 0
	for e < len(rest) && (rest[e] >= 'a' && rest[e] <= 'z') {
		e++
	}
	if e == 0 || e < len(rest) && unicode.IsLetter(firstRune(rest[e:])) {
		return false
	}
	sc := rest[:e]
	if e <= 2 && len(rest) != len(t[d:]) {
		return false // "7 m" is metres
	}
	_, ok := scaleWords[sc]
	return ok && sc != "mil" && sc != "k"
}

// sumParts drops the keys of counts joined by "and" where one is counted
// only by its noun or both have one key: "five children and three adults
// were found dead" are parts of one toll, not two tolls; "two dead and six
// injured" keep theirs.
func sumParts(w []fword, figs []Figure, starts, ends []int) {
	for k := 1; k < len(figs); k++ {
		a, b := &figs[k-1], &figs[k]
		if a.Kind != KindCount || b.Kind != KindCount || starts[k]-ends[k-1] < 1 || starts[k]-ends[k-1] > 2 {
			continue
		}
		joined := true
		for x := ends[k-1]; x < starts[k]; x++ {
			joined = joined && (w[x].key == "and" || w[x].key == "y" || w[x].text == ",")
		}
		if joined && (a.Quantity == a.Unit || b.Quantity == b.Unit || a.Quantity == b.Quantity) {
			a.Quantity, b.Quantity = "", ""
		}
	}
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
	"francs": "CHF", "francos": "CHF", "peso": "MXN",
	// Crowns: the English word names no one country's currency, so it is
	// its own unit; the native names tell the country. "a crown" is no
	// money (parseFigure), "a 2.3 billion crown fund" is.
	"crown": "crowns", "crowns": "crowns", "krona": "SEK", "kronor": "SEK", "koruna": "CZK", "korun": "CZK",
	"koruny": "CZK", "coronas": "crowns", "krone": "krone", "kroner": "krone", "kronur": "ISK", "korona": "krone",
}

// crownCountries are the Spanish adjectives of the countries whose
// currency is the crown. Spanish "coronas" are money only after a scale
// word ("2.300 millones de coronas") or before one of these ("500
// coronas suecas"): alone they are far more often wreaths ("dos coronas
// de flores", "30 coronas fúnebres"), as "a crown" alone is no money.
var crownCountries = set(`suecas|danesas|noruegas|checas|islandesas`)

// keyAt is the key of w[k], or "" before the start or past the end.
func keyAt(w []fword, k int) string {
	if k >= 0 && k < len(w) {
		return w[k].key
	}
	return ""
}

// currencyLater returns the currency a bare scaled number's sentence names
// after it, from word j on ("2.1 billion, paid in crowns"), unless another
// number comes first: the currency is then that number's.
func currencyLater(w []fword, j int) (string, bool) {
	for k := j; k < len(w); k++ {
		if isNum(w[k]) || numberWords[w[k].key] > 0 || isArticle(w[k].key) && k+1 < len(w) && currencyWords[w[k+1].key] != "" {
			return "", false
		}
		if c, ok := currencyWords[w[k].key]; ok && w[k].key != "pound" && w[k].key != "crown" {
			return c, true
		}
	}
	return "", false
}

var scaleWords = map[string]float64{
	"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
	"mn": 1e6, "m": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "k": 1e3,
	"mil": 1e3, "millar": 1e3, "millon": 1e6, "millones": 1e6, "millardo": 1e9, "millardos": 1e9, "billon": 1e12, "billones": 1e12,
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
	"millas": {"km", KindDistance, 1.609344}, "metres": {"m", KindDistance, 1}, "meters": {"m", KindDistance, 1},
	"metros": {"m", KindDistance, 1}, "metre": {"m", KindDistance, 1}, "meter": {"m", KindDistance, 1},
	"metro": {"m", KindDistance, 1}, "feet": {"m", KindDistance, 0.3048}, "foot": {"m", KindDistance, 0.3048},
	"pies": {"m", KindDistance, 0.3048},
	"kg":   {"kg", KindWeight, 1}, "kilograms": {"kg", KindWeight, 1}, "kilos": {"kg", KindWeight, 1},
	"kilogramos": {"kg", KindWeight, 1}, "tonnes": {"t", KindWeight, 1}, "tons": {"kg", KindWeight, 907.18474},
	"toneladas": {"t", KindWeight, 1}, "tonne": {"t", KindWeight, 1}, "ton": {"kg", KindWeight, 907.18474},
	"grams": {"g", KindWeight, 1}, "gramos": {"g", KindWeight, 1}, "gram": {"g", KindWeight, 1}, "gramo": {"g", KindWeight, 1},
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
	"heridas": "people", "muertas": "people", "fallecidas": "people", "detenidas": "people", "desaparecidas": "people",
	"evacuadas": "people", "desplazadas": "people", "vecinos": "people", "habitantes": "people",
	"protesters": "protesters", "demonstrators": "protesters", "manifestantes": "protesters",
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
	"contratados": "hired", "voted": "voted", "votaron": "voted", "protested": "protesters",
	"attended": "attendance", "asistieron": "attendance",
	// Spanish inflections: matar, morir, fallecer, herir, evacuar,
	// desalojar, detener, desaparecer, rescatar, desplazar.
	"mato": "dead", "matado": "dead", "matan": "dead", "mata": "dead", "matar": "dead", "matando": "dead",
	"murio": "dead", "mueren": "dead", "muere": "dead", "muerto": "dead", "muertas": "dead", "morir": "dead",
	"murieran": "dead", "fallecio": "dead", "fallecen": "dead", "fallece": "dead", "fallecido": "dead",
	"fallecidas": "dead", "fallecer": "dead", "mortales": "dead",
	"herido": "injured", "herida": "injured", "heridas": "injured", "hirio": "injured", "hirieron": "injured",
	"herir": "injured", "lesionados": "injured", "lesionadas": "injured",
	"evacuar": "evacuated", "evacuo": "evacuated", "evacuaron": "evacuated", "evacuado": "evacuated",
	"evacuadas": "evacuated", "desalojados": "evacuated", "desalojadas": "evacuated", "desalojar": "evacuated",
	"desalojo": "evacuated", "desalojaron": "evacuated", "evacuate": "evacuated", "evacuating": "evacuated",
	"detuvo": "arrested", "detuvieron": "arrested", "detenido": "arrested", "detenidas": "arrested",
	"arresto": "arrested", "arrestaron": "arrested", "arrestadas": "arrested",
	"desaparecidas": "missing", "rescato": "rescued", "rescataron": "rescued", "rescatadas": "rescued",
	"desplazo": "displaced", "desplazaron": "displaced", "desplazadas": "displaced",
	"hospitalizadas": "hospitalized", "afectadas": "affected",
	// English inflections.
	"kills": "dead", "kill": "dead", "dies": "dead", "wounding": "injured", "injures": "injured", "injure": "injured",
	"arresting": "arrested",
	"despedira": "laid-off", "despediran": "laid-off", "despidio": "laid-off", "despidieron": "laid-off", "despedir": "laid-off",
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
cut|recorte|ceasefire|truce|walkout|tregua|alto|sentence|condena|prison|prision|jail|carcel|strike|huelga|
lockdown|confinamiento|quarantine|cuarentena|war|guerra|siege|asedio|term|mandato|mission|mision|
deadline|plazo|delay|retraso|ban|prohibicion|suspension|visit|visita|trip|viaje|journey|flight|vuelo|
border|frontera|wall|muro|road|carretera|line|linea|pipeline|oleoducto|gasoducto|range|alcance|coast|costa|
distance|distancia|radius|radio|zone|zona|area|mandate|reform|reforma|program|programme|programa|plan|package|paquete|fondo|
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
		if fr, k := fractionAfter(w, i); k > 0 {
			val, n = val+fr, 1+k // "4½ months", "4 ½", "2 1/2 years"
		}
	} else if v, k, ok := vagueScale(w, i, lang); ok {
		val, n = v, k // "thousands of people", "decenas de miles": boundOf reads them vague
	} else if v, k, ok := parseNumberWords(w, i); ok {
		val, n = v, k
	} else if v, k, ok := articleHundred(w, i); ok {
		val, n = v, k // "a hundred metres": the article is the number's "one"
	} else if k, ok := articleScale(w, i); ok {
		val, n = 1, k // "a thousand people", "un millar de personas": the scale word follows
	} else if lang == "es" && w[i].key == "mil" && !afterNumber(w, i) {
		val, n = 1000, 1 // "unos mil vecinos", "mil millones": "mil" alone is a thousand
	} else if isArticle(w[i].key) && i+1 < len(w) {
		val, n, article = 1, 1, true
	} else {
		return f, 0, false
	}
	j := i + n
	step := 0.0
	scaled := false // a scale word was read: "millones", "bn"
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
				step = sc * writtenStep(val)
				val *= sc
				j++
				scaled = true
			}
		}
	}
	if v, k := belowThousand(w, i, j, val); k > 0 {
		if y := val + v; y >= 1900 && y <= 2100 && i > 0 && (w[i-1].key == "ano" || w[i-1].key == "year") {
			// "en el año dos mil diez millones de personas": the year
			// in words, not 2,010 million people; the figure, if any,
			// starts after it.
			return f, 0, false
		}
		val, step = val+v, 0
		j += k
		// A million or more after them scales the whole: "mil quinientos
		// millones" is how Spanish writes 1.5 billion, and "two thousand
		// five hundred million" is 2.5 billion, not 2,500. Rounded to
		// that scale as "1.500 millones" is. Abbreviations ("m", "bn")
		// do not follow words.
		if j < len(w) && len(w[j].key) > 2 && scaleWords[w[j].key] >= 1e6 {
			sc := scaleWords[w[j].key]
			step = sc * writtenStep(val)
			val *= sc
			j++
			scaled = true
		}
	}
	if article && j == i+1 {
		// "a" alone is a number only before a unit: "a month-long", "a
		// week"; "one" also before a hyphen and a unit: "a one-month
		// ceasefire".
		if j >= len(w) {
			return f, 0, false
		}
		u := j
		if w[i].key == "one" && w[j].text == "-" && adjacent(w[j-1], w[j]) && j+1 < len(w) {
			u = j + 1
		}
		if _, ok := unitWords[w[u].key]; !ok {
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
		if c, ok := currencyWords[w[k].key]; ok && w[k].key != "pound" && !(article && w[k].key == "crown") &&
			!(w[k].key == "coronas" && !scaled && !crownCountries[keyAt(w, k+1)]) {
			kind, unit, end = KindMoney, c, w[k].end
			j = k + 1
		} else if c, ok := currencyAfterAdjective(w, k); ok && !article {
			// "60 million valdrian crowns", "10 million Swiss francs": the
			// currency after the adjective of its country.
			kind, unit, end = KindMoney, c, w[k+1].end
			j = k + 2
		} else if u, ok := unitWords[w[k].key]; ok && !(w[k].key == "m" && !adjacent(w[k-1], w[k])) && !footNoLength(w, k, article) {
			kind, unit, factor, end = u.kind, u.unit, u.factor, w[k].end
			j = k + 1
			// "42-year-old", "de 42 años de edad".
			if u.unit == "year" && j+1 < len(w) && w[j].text == "-" && w[j+1].key == "old" {
				kind, end = KindAge, w[j+1].end
				j += 2
			} else if u.unit == "year" && j < len(w) && k == j-1 && w[j].key == "old" {
				kind, end = KindAge, w[j].end // "27 years old"
				j++
			} else if u.unit == "year" && (spanishAge(w, i, j) || englishAge(w, i, j) || ageVerb(w, i, j)) {
				kind = KindAge
			}
			if j+1 < len(w) && w[j].text == "-" && w[j+1].key == "long" {
				end = w[j+1].end
				j += 2
			}
		} else if (k == j || w[j].key == "de") && !article {
			// Counts: "12 people", "1.5 million refugees", "30 more
			// civilians", "1,3 millones de personas".
			for x := k; x < len(w) && x <= k+2; x++ {
				if cn, ok := countNouns[w[x].key]; ok && !(w[x].key == "puestos" && !jobPosts(w, x)) {
					kind, unit, end = KindCount, cn, w[x].end
					j = x + 1
					if w[x].key == "police" && j < len(w) && (w[j].key == "officers" || w[j].key == "officer") {
						end = w[j].end // "two police officers"
						j++
					}
					break
				}
				if !unicode.IsLower(firstRune(w[x].text)) || isNum(w[x]) || countStops[w[x].key] {
					break // "1 woman and injured", "11 times by police"
				}
			}
			if kind == KindCount && shareOf(w, i, i+n) {
				return f, 0, false
			}
			if kind == "" && val >= 1e3 && j > i+n {
				kind, unit = KindCount, "" // "1.5 million" with a scale word
				if c, ok := currencyLater(w, j); ok {
					// "2.1 billion, most of it in crowns": the sentence
					// names the unit after the figure.
					kind, unit = KindMoney, c
				}
			}
		}
	}
	if kind == "" {
		return f, 0, false
	}
	f.Value = round(val * factor)
	f.Step = step * factor
	f.Unit = unit
	f.Kind = kind
	f.Span = news.Span{Start: w[start].start, End: end}
	return f, j, true
}

// currencyAfterAdjective reads, at w[k], one word that qualifies a
// currency named right after it ("valdrian crowns", "Swiss francs",
// "US dollars") and returns that currency. The word must be letters
// only, and no word that links the figure to something else ("in
// crowns", "and dollars", "more dollars").
func currencyAfterAdjective(w []fword, k int) (string, bool) {
	if k+1 >= len(w) || currencyAdjectiveStops[w[k].key] || w[k+1].key == "pound" {
		return "", false
	}
	for _, r := range w[k].text {
		if !unicode.IsLetter(r) {
			return "", false
		}
	}
	if _, unit := unitWords[w[k].key]; unit || countNouns[w[k].key] != "" {
		return "", false
	}
	c, ok := currencyWords[w[k+1].key]
	if a, known := adjectiveCurrency[w[k].key]; ok && known {
		// Dollars, pesos, francs, rupees and crowns are many countries':
		// the adjective tells which.
		c = a
	}
	return c, ok
}

// adjectiveCurrency is the currency a country's adjective makes of the
// word after it ("Canadian dollars", "Argentine pesos"); an adjective not
// listed leaves the word's own currency.
var adjectiveCurrency = map[string]string{
	"us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD", "singapore": "SGD",
	"taiwan": "TWD", "taiwanese": "TWD", "jamaican": "JMD",
	"mexican": "MXN", "argentine": "ARS", "argentinian": "ARS", "chilean": "CLP", "colombian": "COP",
	"philippine": "PHP", "cuban": "CUP", "uruguayan": "UYU", "dominican": "DOP",
	"swiss": "CHF", "indian": "INR", "pakistani": "PKR", "nepalese": "NPR", "indonesian": "IDR",
	"swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "czech": "CZK", "icelandic": "ISK",
}

// currencyAdjectiveStops are words that stand between a number and a
// currency without qualifying the currency.
var currencyAdjectiveStops = set(`in|of|and|or|per|a|an|the|more|less|fewer|than|extra|additional|de|en|y|o|por|más|menos|mil`)

// writtenStep is the place of the last digit of v as written: 1 for
// "43", 0.1 for "2.3", 0.001 for "1.375".
func writtenStep(v float64) float64 {
	step := 1.0
	for k := 0; k < 6 && math.Abs(v/step-math.Round(v/step)) > 1e-9; k++ {
		step /= 10
	}
	return step
}

// footNoLength reports whether "foot" at w[k] is no length: only "6-foot"
// is ("a foot chase", "on foot", "one foot in"), and not a height in feet
// and inches ("5-foot-8").
func footNoLength(w []fword, k int, article bool) bool {
	switch w[k].key {
	case "foot":
		if article || w[k-1].text != "-" {
			return true
		}
	case "feet", "pies":
	default:
		return false
	}
	return k+2 < len(w) && w[k+1].text == "-" && adjacent(w[k], w[k+1]) && isNum(w[k+2])
}

// spanishAge reports whether the years w[i:j] are an age: "años de
// edad", or "de 55 años" after a person ("un hombre de 55 años", "Juan
// Pérez, de 55 años,").
func spanishAge(w []fword, i, j int) bool {
	if j+1 < len(w) && w[j].key == "de" && w[j+1].key == "edad" {
		return true
	}
	if i < 2 || w[i-1].key != "de" {
		return false
	}
	if agePersons[w[i-2].key] {
		return true
	}
	ends := j >= len(w) || clauseBreak(w[j])
	if w[i-2].text == "," && i >= 3 {
		// "Juan Pérez, de 55 años,", "el corredor, de 27 años,".
		return ends && (unicode.IsUpper(firstRune(w[i-3].text)) || agePersons[w[i-3].key])
	}
	// "atleta de Villa Serena de 31 años, ganó": a name, then the years
	// closing the phrase.
	return ends && unicode.IsUpper(firstRune(w[i-2].text))
}

// ageVerb reports whether the years w[i:j] are a person's age by the
// verb before them: "nacida hace 44 años", or "tiene 31 años", "cumplió
// 31 años", "turned 31" closing their clause ("tiene 3 años de
// duración" is a length).
func ageVerb(w []fword, i, j int) bool {
	if i < 1 {
		return false
	}
	switch w[i-1].key {
	case "tiene", "tenia", "cumplio", "cumple", "cumplira", "turned", "turns":
		return j >= len(w) || clauseBreak(w[j])
	case "hace":
		if i < 2 {
			return false
		}
		switch w[i-2].key {
		case "nacido", "nacida", "nacio":
			return true
		}
	}
	return false
}

// englishAge reports whether the years w[i:j] are an age: "31 years of
// age", "aged 31 years".
func englishAge(w []fword, i, j int) bool {
	if j+1 < len(w) && w[j].key == "of" && w[j+1].key == "age" {
		return true
	}
	return i >= 1 && w[i-1].key == "aged"
}

// agePersons are the nouns of people whose age follows with "de".
var agePersons = set(`hombre|mujer|joven|nino|nina|chico|chica|anciano|anciana|varon|menor|adolescente|bebe|
senor|senora|individuo|conductor|conductora|vecino|vecina|agente|hijo|hija|madre|padre|atleta|corredor|corredora|
jugador|jugadora|alcalde|alcaldesa|victima|estudiante|abuelo|abuela|profesor|profesora|trabajador|trabajadora|
paciente|pescador|pescadora|agricultor|agricultora|vecinos`)

// fractions are the vulgar fraction glyphs a whole number may take
// ("4½ months").
var fractions = map[string]float64{"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1.0 / 3, "⅔": 2.0 / 3, "⅛": 0.125}

// fractionAfter reads a fraction after the whole number at w[i]: a glyph
// touching it or one space away ("4½", "4 ½", "7\u2009½"), or a small
// fraction in digits ("2 1/2", "2-1/2"). It returns the fraction and the
// number of words it takes, or 0 words.
func fractionAfter(w []fword, i int) (float64, int) {
	if i+1 >= len(w) {
		return 0, 0
	}
	if fr, ok := fractions[w[i+1].text]; ok && w[i+1].start-w[i].end <= 3 {
		return fr, 1
	}
	k := i + 1
	if w[k].text == "-" && adjacent(w[i], w[k]) {
		k++
	}
	if k+2 >= len(w) || !adjacent(w[k], w[k+1]) || w[k+1].text != "/" || !adjacent(w[k+1], w[k+2]) || k == i+1 && adjacent(w[i], w[k]) {
		return 0, 0
	}
	num, err1 := strconv.Atoi(w[k].text)
	den, err2 := strconv.Atoi(w[k+2].text)
	if err1 != nil || err2 != nil || (den != 2 && den != 3 && den != 4 && den != 8) || num < 1 || num >= den {
		return 0, 0
	}
	if k+3 < len(w) && w[k+3].text == "/" {
		return 0, 0 // a date: "3 1/2/2020"
	}
	return float64(num) / float64(den), k + 3 - i - 1
}

// countStops end the search for a counted noun after a number: the noun
// would count something else than the number.
var countStops = set(`and|or|y|o|times|veces|by|por|per`)

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
			// A year or a date is no side of a share: "killed 300
			// people in 2003".
			return !skipNumber(w, k)
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
		case "st", "nd", "rd", "th", "o", "a", "am", "pm", "h", "s": // "s": decades, "the 60s"
			return true
		case ":":
			return true
		}
	}
	if i > 0 && w[i-1].text == ":" && adjacent(w[i-1], w[i]) {
		return true
	}
	// Fractions, ranges and codes: "4 1/2", "9/11", "ages 16-18".
	if i > 1 && (w[i-1].text == "/" || w[i-1].text == "-" && adjacent(w[i-1], w[i]) && adjacent(w[i-2], w[i-1])) && isNum(w[i-2]) {
		return true
	}
	if i+2 < len(w) && w[i+1].text == "/" && isNum(w[i+2]) {
		return true
	}
	// "Nov. 17".
	if i > 1 && w[i-1].text == "." {
		if _, ok := months[w[i-2].key]; ok {
			return true
		}
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
	// A group of a number set apart from its head: "2, 000 feet".
	if len(t) > 1 && t[0] == '0' && !strings.ContainsAny(t, ".,") {
		return true
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
	"setecientos": 700, "ochocientos": 800, "novecientos": 900,
	"doscientas": 200, "trescientas": 300, "cuatrocientas": 400, "quinientas": 500, "seiscientas": 600,
	"setecientas": 700, "ochocientas": 800, "novecientas": 900, "hundred": 100, "hundreds": 200, "cientos": 200,
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
				// "twenty-five", "treinta y cinco"; after "hundred",
				// English joins tens too: "a hundred and fifty".
				// Spanish joins with "y" only after treinta to noventa
				// (16 to 29 are one word): "diez y dos" is two numbers,
				// as in "dos mil diez y dos mil once".
				if k == "y" && !tensAbove20(w[j-1].key) {
					break
				}
				limit := 10.0
				if k == "and" && w[j-1].key == "hundred" {
					limit = 100
				}
				if nv, ok := numberWords[w[j+1].key]; ok && nv < limit {
					j++
					continue
				}
			}
			break
		}
		switch {
		case k == "hundred" || k == "hundreds" || k == "cientos":
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

// tensAbove20 reports whether key is a tens word from thirty to ninety,
// the only ones Spanish joins to a unit with "y".
func tensAbove20(key string) bool {
	v := numberWords[key]
	return v >= 30 && v <= 90 && math.Mod(v, 10) == 0
}

// articleHundred reads "a hundred", "an hundred" or "a dozen" (and what
// follows, "a hundred and five") at w[i] as one number whose words
// include the article, so that the figure's text and span show it:
// "hundred metres" alone misreads "a hundred metres". "A few hundred"
// and "a few dozen" are read whole too: "hundred people" alone looks
// exact.
func articleHundred(w []fword, i int) (float64, int, bool) {
	if k := w[i].key; k != "a" && k != "an" {
		return 0, 0, false
	}
	h := i + 1
	if h < len(w) && w[h].key == "few" {
		h++
	}
	if h >= len(w) || (w[h].key != "hundred" && w[h].key != "dozen") {
		return 0, 0, false
	}
	v, n, ok := parseNumberWords(w, h)
	if !ok {
		return 0, 0, false
	}
	return v, n + h - i, true
}

// vagueScale reads a plural thousand with no number before it as a
// vague figure: "thousands of people", "tens of thousands", "hundreds of
// thousands", "miles de personas", "decenas de miles". Without it they
// were no figure at all, and "hundreds of thousands" was read as
// "hundreds". The value is the order of magnitude only; boundOf marks it
// vague so it is never compared. "miles" is a distance in English.
func vagueScale(w []fword, i int, lang string) (float64, int, bool) {
	plurals := vaguePlurals["en"]
	if lang == "es" {
		plurals = vaguePlurals["es"]
	}
	if afterNumber(w, i) {
		return 0, 0, false
	}
	if sc, ok := plurals[w[i].key]; ok {
		if w[i].key == "miles" && i+2 < len(w) && w[i+1].key == "de" && (w[i+2].key == "millones" || w[i+2].key == "millon") {
			return 1e9, 3, true // "miles de millones": billions
		}
		return sc, 1, true
	}
	var mul float64
	switch w[i].key {
	case "tens", "decenas":
		mul = 10
	case "hundreds", "cientos", "centenares":
		mul = 100
	default:
		return 0, 0, false
	}
	if i+2 < len(w) && (w[i+1].key == "of" || w[i+1].key == "de") {
		if lang == "es" && w[i+2].key == "miles" && i+4 < len(w) && w[i+3].key == "de" && (w[i+4].key == "millones" || w[i+4].key == "millon") {
			// "cientos de miles de millones": hundreds of billions, not
			// "miles de millones" with "cientos de" cut off.
			return mul * 1e9, 5, true
		}
		if sc, ok := plurals[w[i+2].key]; ok {
			return mul * sc, 3, true
		}
	}
	return 0, 0, false
}

// vaguePlurals are the plural scale words that, with no number before
// them, count a multitude rather than give a value, by language:
// "thousands of people" as much as "millions of viewers" or "millones de
// euros". All are read as vague figures (BoundVague), which are shown
// but never compared with another figure: "millions" against "3.2
// million" is no disagreement. Before, the thousands were vague figures
// and the millions no figure at all.
var vaguePlurals = map[string]map[string]float64{
	"en": {"thousands": 1e3, "millions": 1e6, "billions": 1e9},
	"es": {"miles": 1e3, "millones": 1e6, "millardos": 1e9},
}

// afterNumber reports whether w[i] follows a number, in digits or words:
// then a scale word there is that number's ("dos mil", "3 thousands"), not
// a figure of its own.
func afterNumber(w []fword, i int) bool {
	return i > 0 && (isNum(w[i-1]) || numberWords[w[i-1].key] > 0)
}

// belowThousand reads the hundreds, tens and units written in words after
// a thousand that ends the number w[i:j] of value val: "mil quinientos"
// is 1,500 and "dos mil trescientos" 2,300, "two thousand five hundred"
// 2,500 and "a thousand and one" 1,001, not the thousands alone. It
// returns the value they add and how many words they are, 0 for none.
// What they write is exact to the unit, so the caller clears the step,
// unless a million or more follows and scales them all.
func belowThousand(w []fword, i, j int, val float64) (float64, int) {
	if j >= len(w) || j == i || (w[j-1].key != "mil" && w[j-1].key != "thousand") || val < 1e3 || math.Mod(val, 1e3) != 0 {
		return 0, 0
	}
	k := j
	if w[k].key == "and" && k+1 < len(w) {
		k++ // "two thousand and five"
	}
	v, n, ok := parseNumberWords(w, k)
	switch {
	case ok:
	case w[j-1].key == "mil" && w[k].key == "once":
		// After "mil", "once" is eleven, not the English word that
		// parseNumberWords leaves alone: "dos mil once" is 2,011.
		v, n, ok = 11, 1, true
	case k > j && w[k].key == "one":
		// After "thousand and", "one" is a number, not the pronoun
		// parseNumberWords leaves alone: "a thousand and one" is 1,001.
		v, n, ok = 1, 1, true
	}
	if !ok || v < 1 || v >= 1e3 || v != math.Trunc(v) {
		return 0, 0
	}
	return v, k - j + n
}

// articleScale reads the article (and "few") before a scale word as the
// number's "one": "a thousand people", "a few thousand", "un millón de
// personas", "un millar". It returns how many words the number is; the
// scale word itself is left to the caller, which reads it as for "3
// thousand". Without it, an article is a number only before a unit, and
// "a thousand people" was no figure at all.
func articleScale(w []fword, i int) (int, bool) {
	if k := w[i].key; k != "a" && k != "an" && k != "un" {
		return 0, false
	}
	h := i + 1
	if h < len(w) && w[h].key == "few" && w[i].key == "a" {
		h++
	}
	if h >= len(w) || len(w[h].key) < 3 || scaleWords[w[h].key] == 0 || strings.HasSuffix(w[h].key, "s") {
		return 0, false
	}
	return h - i, true
}

// quantityOf builds the key of what a figure counts: for counts, the
// event near it ("were killed" → "dead") or the counted noun; for other
// kinds, the measure noun the figure modifies or that governs it, in the
// figure's own clause ("aid", "ceasefire", "consumer price"). A figure
// whose key cannot be told is left without one, and is never compared.
func quantityOf(w []fword, i, next int, f Figure, o FigureOptions) string {
	if f.Bound == BoundVague {
		return "" // "dozens of police": no value to compare
	}
	switch f.Kind {
	case KindCount:
		return countKey(w, i, next, f)
	case KindAge:
		return "" // two ages in a story are nearly always two people's
	}
	lo, hi := clause(w, i, next)
	if f.Kind == KindDuration {
		return durationKey(w, i, next, lo, hi)
	}
	best, bestDist := -1, 1<<30
	for x := max(lo, i-8); x < hi && x < next+8; x++ {
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
				best, bestDist = x, d
			}
		}
	}
	if best < 0 {
		if f.Kind == KindMoney && !o.SeparateSums && committedSum(w, i, next) {
			// "promised 2.1 billion crowns to help Lanmere recover":
			// the sum an authority commits is its fund, whatever noun
			// another outlet gives it.
			return "fund"
		}
		return ""
	}
	key := measureKey(w, best, i, next)
	if f.Kind == KindMoney && !o.SeparateSums {
		// "a 2.3 billion crown plan", "the $2bn package", "un fondo de
		// 2.300 millones": a sum set aside is one quantity whichever of
		// these nouns an outlet calls it by; the word that says which
		// one ("pension fund", "stimulus package") still tells two apart.
		head, mod := key, ""
		if sp := strings.LastIndexByte(key, ' '); sp >= 0 {
			mod, head = key[:sp+1], key[sp+1:]
		}
		if allocationNouns[head] {
			key = mod + "fund"
		}
	}
	return key
}

// allocationNouns name a sum set aside for a purpose (keys as
// canonicalMeasure gives them).
var allocationNouns = set(`fund|plan|package|program|programme|fondo|paquete`)

// committedSum reports whether the money figure at w[i] is the object of a
// verb that commits a sum ("announced 2.1 billion crowns for the
// recovery", "pledged $40 million", "destinó 300 millones de euros"), past
// determiners, bound words and the day ("prometió el lunes"). A sum said to come on top of another ("a
// further $40 million", "otros 300 millones") is that other sum's
// complement, not its size, and is not one. Nor is a sum the word after
// which, w[next], names what it is the size of: that noun is not a
// measure noun, so not a fund ("committed a $2 million fraud",
// "announced a $90 billion buyback"); a link to its purpose, a day or the
// clause's end may follow ("committed $4 billion to hiring").
func committedSum(w []fword, i, next int) bool {
	if next < len(w) && namesThing(w[next]) {
		return false
	}
	for y := i - 1; y >= 0 && y >= i-4; y-- {
		k := w[y].key
		switch {
		case commitVerb(w, y):
			return true
		case addedSum[k]:
			return false
		case sumDays[k] || isWeekday(k):
			// "prometió el lunes 2.100 millones", "announced Monday $2bn".
		case !stageObjects[k] && !boundWords[k]:
			return false
		}
	}
	return false
}

// commitVerbs commit a sum of money to a purpose: the sum is the fund,
// package or plan another outlet may name.
var commitVerbs = set(`announced|announces|announce|announcing|promised|promises|promise|promising|pledged|pledges|
pledge|pledging|earmarked|earmarks|earmark|allocated|allocates|allocate|allocating|committed|commits|commit|
unveiled|unveils|unveil|aside|anuncio|anuncia|anuncian|anunciaron|prometio|promete|prometen|prometieron|destino|
destina|destinan|destinaron|asigno|asigna|asignan|asignaron|comprometio|compromete|comprometen|comprometieron`)

// commitVerb reports whether w[y] is a verb that commits a sum; "aside"
// only after "set" or "put" ("set aside $2bn"), not in "politics aside".
func commitVerb(w []fword, y int) bool {
	if w[y].key == "aside" {
		return y > 0 && setAside[w[y-1].key]
	}
	return commitVerbs[w[y].key]
}

var setAside = set(`set|sets|setting|put|puts|putting`)

// namesThing reports whether fw, the word right after a sum, is a
// lower-case word that names a thing rather than linking the sum to the
// rest of its clause.
func namesThing(fw fword) bool {
	k := fw.key
	return unicode.IsLower(firstRune(fw.text)) && !clauseBreak(fw) && !sumLinks[k] && !boundWords[k] &&
		!sumDays[k] && !afterSum[k]
}

// afterSum may follow a committed sum without naming what it pays for:
// prepositions, conjunctions, days, rates and the verbs of a clause the
// sum opens ("$2 billion that would rebuild homes").
var afterSum = set(`in|on|from|by|into|toward|towards|across|during|within|through|with|over|and|or|nor|plus|this|
last|next|that|would|will|was|were|is|are|be|had|has|have|could|should|can|may|might|must|each|per|apiece|
annually|earlier|en|con|por|durante|desde|sobre|entre|hacia|y|o|e|ni|que|esta|cada|al|del|se|fue|sera|seran`)

// sumDays may stand between the verb and the sum it commits, with a
// weekday: "anunció este lunes", "anunció el pasado lunes", "announced
// on Monday", "announced last Monday".
var sumDays = set(`on|today|yesterday|last|next|este|hoy|ayer|pasado|proximo`)

// addedSum before a sum makes it one on top of another.
var addedSum = set(`further|additional|another|extra|otros|otras|adicionales`)

// countKey keys a count: the event the words around it name ("30 people
// were killed", "killing 30 people", "30 dead"), else the counted noun. The
// event after the figure is looked for up to the end of its clause ("killed
// 13 people and injured 30 others": the 13 were killed). A part of a
// group ("two other victims", "three of the dead", "four remaining
// victims") is not the group's count, and gets no key; "others" after
// another event in the sentence ("one dead and three others injured") is
// the whole count of its own event.
func countKey(w []fword, i, next int, f Figure) string {
	ev := ""
	if e, ok := eventWords[w[next-1].key]; ok && e != "" && next-1 > i {
		ev = e
	}
	for x := next; ev == "" && x < len(w) && x < next+4; x++ {
		if clauseBreak(w[x]) || countStops[w[x].key] {
			break
		}
		if e := eventAt(w, x); e != "" {
			ev = e
		}
	}
	for x := i - 1; ev == "" && x >= 0 && x >= i-4; x-- {
		if clauseBreak(w[x]) || countStops[w[x].key] {
			break
		}
		if e := eventAt(w, x); e != "" {
			ev = e
		}
	}
	if ev == "" {
		if e, ok := eventWords[Key(f.Unit)]; ok && e != "" {
			ev = e
		}
	}
	if ev == "" {
		ev = f.Unit
	}
	for x := i + 1; x < next; x++ {
		if perpetrators[w[x].key] {
			// "2 suspects killed": the attackers' toll, not the
			// victims'.
			return ev + " suspects"
		}
	}
	if partOfGroup(w, i, next) {
		for x := 0; x < i; x++ {
			if e, ok := eventWords[w[x].key]; ok && e != "" && e != ev {
				return ev // "one dead and three others injured"
			}
		}
		return ""
	}
	return ev
}

// eventAt is the event the word w[x] names, with "perder la vida"
// ("12 personas perdieron la vida") read as a death like "lost their
// lives".
func eventAt(w []fword, x int) string {
	if k := w[x].key; (k == "vida" || k == "vidas") && x >= 2 {
		p := x - 1
		if w[p].key == "la" || w[p].key == "sus" || w[p].key == "su" {
			p--
		}
		if strings.HasPrefix(w[p].key, "perd") {
			return "dead"
		}
	}
	if forcedFromHome(w, x) {
		return "evacuated"
	}
	return eventWords[w[x].key]
}

// forcedFromHome reports whether w[x] is "forced" (or "forcing", "force",
// "forces") and its clause says from where: "forced 120 residents out of
// their homes", "forcing 150 people to leave their homes". Those people
// were evacuated as much as "evacuated 150 people" says; "forced 30
// workers to strike" names no event of that kind.
func forcedFromHome(w []fword, x int) bool {
	switch w[x].key {
	case "forced", "forcing", "force", "forces":
	default:
		return false
	}
	for k := x + 1; k < len(w) && k <= x+14; k++ {
		if clauseBreak(w[k]) {
			return false
		}
		switch w[k].key {
		case "home", "homes", "houses":
			return true
		}
	}
	return false
}

// perpetrators are the nouns of those who attacked, counted apart from
// their victims.
var perpetrators = set(`suspects|gunmen|attackers|assailants|shooters|militants|sospechosos|atacantes|pistoleros|agresores`)

// partOfGroup reports whether the count w[i:next] names part of a group:
// "three other people", "seven others", "three more people", "four
// remaining victims", "three of the dead", "dos de los heridos".
func partOfGroup(w []fword, i, next int) bool {
	for x := i + 1; x < next; x++ {
		switch w[x].key {
		case "other", "others", "more", "remaining", "additional", "otros", "otras", "mas", "restantes":
			return true
		case "of", "de":
			if x+1 < next && (w[x+1].key == "the" || w[x+1].key == "their" || w[x+1].key == "los" || w[x+1].key == "las" || w[x+1].key == "them") {
				return true
			}
		}
	}
	return false
}

// durationKey keys a duration by the noun it measures, only where the
// words say it is that noun's length: the figure before the noun ("a
// 30-day ceasefire", "a 14-week writers strike"), the noun and a link
// before the figure ("a ceasefire of 30 days", "the siege lasted three
// weeks", "a sentence of up to five years"), or "in" after it ("12 years
// in prison"). A duration after "in", "after", "since" or before "ago" is
// a time between events ("the first strike in six years", "11 days after
// the strike ended"), not a length, and gets no key.
func durationKey(w []fword, i, next, lo, hi int) string {
	b := i
	for b > lo && boundWords[w[b-1].key] {
		b--
	}
	if b > lo {
		switch w[b-1].key {
		case "in", "within", "after", "since", "over", "en", "tras", "desde", "hace", "ago":
			return ""
		}
	}
	if next < hi {
		switch w[next].key {
		case "ago", "later", "earlier", "before", "after", "despues", "antes":
			return ""
		}
	}
	// "30-day ceasefire", "14-week Hollywood writers strike".
	for x := next; x < hi && x <= next+2; x++ {
		if measureWords[w[x].key] {
			return measureKey(w, x, i, next)
		}
		if !unicode.IsLetter(firstRune(w[x].text)) {
			break
		}
	}
	// "12 years in prison", "tres años de cárcel", "cuatro años en la
	// cárcel".
	if next+1 < hi && (w[next].key == "in" || w[next].key == "en" || w[next].key == "de" || w[next].key == "behind") {
		x := next + 1
		if x+1 < hi && (w[x].key == "the" || w[x].key == "la" || w[x].key == "el") {
			x++
		}
		if measureWords[w[x].key] {
			return measureKey(w, x, i, next)
		}
	}
	// "a ceasefire of 30 days", "the siege lasted three weeks".
	lasts := false
	for x := b - 1; x >= lo && x >= b-4; x-- {
		if measureWords[w[x].key] {
			return measureKey(w, x, i, next)
		}
		if w[x].key == "fuego" && x-2 >= lo && (w[x-1].key == "el" || w[x-1].key == "al") && w[x-2].key == "alto" {
			return measureKey(w, x-2, i, next) // "un alto el fuego de 30 días"
		}
		if !durationLinks[w[x].key] {
			break
		}
		lasts = lasts || lastVerbs[w[x].key]
	}
	// "the traffic ban on the bridge would last 6 weeks": the subject of
	// a verb of lasting, further back in the clause.
	for x := b - 1; lasts && x >= lo && x >= b-10; x-- {
		if measureWords[w[x].key] {
			return measureKey(w, x, i, next)
		}
	}
	return ""
}

// durationLinks are the words that may stand between a noun and the
// duration that is its length.
var durationLinks = set(`of|de|del|for|lasting|lasted|lasts|last|will|would|to|a|an|the|was|is|be|has|had|been|
maximum|minimum|durante|duro|durara|dura|un|una|que|por|hasta|set|extended|extendida|runs|ran`)

// lastVerbs say how long their subject lasts.
var lastVerbs = set(`last|lasts|lasted|lasting|dura|duro|durara|extended|runs|ran`)

// clause returns the bounds [lo, hi) of the clause around w[i:next]: up to
// punctuation that ends a phrase or a word that opens another clause.
func clause(w []fword, i, next int) (lo, hi int) {
	lo = i
	for lo > 0 && !clauseBreak(w[lo-1]) {
		lo--
	}
	hi = next
	for hi < len(w) && !clauseBreak(w[hi]) {
		hi++
	}
	return lo, hi
}

// clauseBreak reports whether w ends a phrase: punctuation between
// clauses or a word that opens another clause ("while inflation...").
func clauseBreak(w fword) bool {
	switch w.text {
	case ",", ";", ":", "(", ")", "—", "–", "\"", "“", "”", "«", "»", ".", "!", "?":
		return true
	}
	return clauseWords[w.key]
}

var clauseWords = set(`while|whereas|but|which|who|although|though|when|mientras|pero|aunque|cuando|cual|quien`)

// measureKey is the key of the measure noun at w[x]: the noun, with the
// word that says which of its kind it is ("consumer prices", "food
// prices", "interest rate"; Spanish "precios de los alimentos", "tasa de
// interés"), so that two different prices or rates are not compared.
// Words that do not tell one quantity from another (the, annual, new)
// are not part of it; nor are the figure's own words.
func measureKey(w []fword, x, i, next int) string {
	head := canonicalMeasure(w[x].key)
	if head == "wealth" {
		// "jewellery worth $160m", "$108m worth of rings": the word
		// before is what is valued, not which value.
		return head
	}
	mod := ""
	if p := x - 1; p >= 0 && (p < i || p >= next) && isModifier(w[p]) && !verbBefore(w, p) {
		mod = w[p].key
	}
	// Spanish puts it after: "precios alimentarios", "precios de los
	// alimentos", "precios al consumo".
	if mod == "" && x+1 < len(w) && (x+1 < i || x+1 >= next) {
		k := x + 1
		if w[k].key == "de" || w[k].key == "del" || w[k].key == "al" {
			k++
			if k < len(w) && (w[k].key == "los" || w[k].key == "las" || w[k].key == "la" || w[k].key == "el") {
				k++
			}
		}
		if k < len(w) && (k < i || k >= next) && spanishModifier(w, x, k) {
			mod = w[k].key
		}
	}
	if mod == "" {
		return head
	}
	if m, ok := modifierSynonyms[mod]; ok {
		mod = m
	} else if m, ok := measureSynonyms[mod]; ok {
		mod = m
	}
	return mod + " " + head
}

// isModifier reports whether w, before a measure noun, says which of its
// kind it is: a word of letters that is not a function word or an
// adjective every such quantity may take.
func isModifier(w fword) bool {
	if !unicode.IsLetter(firstRune(w.text)) || utf8.RuneCountInString(w.text) < 3 {
		return false
	}
	return !genericWords[w.key] && !measureVerbs[w.key]
}

// verbBefore reports whether w[p], before a measure noun, is a verb that
// says what was done with it, not which it is: "Apple reported revenue",
// "the firm posted losses", "registró pérdidas" (a Spanish past tense).
// After a determiner an -ed word is an adjective: "a suspended sentence".
func verbBefore(w []fword, p int) bool {
	if strings.HasSuffix(w[p].text, "ó") {
		return true
	}
	if len(w[p].key) <= 4 || !strings.HasSuffix(w[p].key, "ed") {
		return false
	}
	return p == 0 || !determiners[w[p-1].key]
}

var determiners = set(`a|an|the|its|their|his|her|this|that|our|your|any|no|each`)

// spanishModifier reports whether w[k], after the Spanish measure noun at
// w[x], says which one it is: a word after "de"/"al" ("de los
// alimentos"), or a lower-case adjective right after the noun ("precios
// alimentarios").
func spanishModifier(w []fword, x, k int) bool {
	if !unicode.IsLower(firstRune(w[k].text)) || !isModifier(w[k]) {
		return false
	}
	if _, ok := unitWords[w[k].key]; ok {
		return false
	}
	if k > x+1 {
		return true
	}
	// Right after the noun: an adjective, by its Spanish ending.
	for _, suf := range []string{"ario", "aria", "arios", "arias", "al", "ales", "ico", "ica", "icos", "icas", "ivo", "iva", "ivos", "ivas"} {
		if strings.HasSuffix(w[k].key, suf) {
			return true
		}
	}
	return false
}

// genericWords are words before a measure noun that do not tell one
// quantity from another.
var genericWords = set(`the|and|its|their|his|her|our|your|this|that|these|those|new|total|overall|annual|main|key|
current|official|first|last|latest|record|average|estimated|proposed|planned|initial|final|full|whole|entire|
same|such|some|any|each|for|with|from|per|into|than|more|less|most|over|under|about|around|nearly|almost|
year|yearly|monthly|weekly|daily|long|short|high|low|higher|lower|big|biggest|largest|large|small|huge|
record|historic|massive|only|other|another|further|additional|extra|all|both|was|were|has|had|have|will|
would|been|being|said|says|also|just|still|even|already|now|then|los|las|del|una|uno|por|con|sus|que|
nuevo|nueva|total|anual|primer|primera|gran|mayor|menor|este|esta|ese|esa|otro|otra|whose|what|
quarter|half|least|much|many|several|previous|earlier|later|next|national|global|worth|per|
could|can|may|might|should|must|shall|did|does|not|expected|likely|set|due|puede|podria|debe`)

// measureVerbs are verbs that come between a noun and its figure; they
// never modify the measure noun after them.
var measureVerbs = set(`rose|fell|rise|fall|rises|falls|grew|grow|dropped|drop|reached|reach|hit|raised|cut|cuts|
increased|decreased|climbed|jumped|slipped|stood|stands|is|are|be|to|of|in|on|at|by|as|de|en|al|el|la`)

// modifierSynonyms map Spanish modifiers onto the English key.
var modifierSynonyms = map[string]string{
	"consumo": "consumer", "alimentos": "food", "alimentarios": "food", "alimentaria": "food", "alimentario": "food",
	"vivienda": "housing", "viviendas": "housing", "energia": "energy", "energeticos": "energy", "combustible": "fuel",
	"combustibles": "fuel", "militar": "military", "humanitaria": "humanitarian", "humanitario": "humanitarian",
	"juvenil": "youth", "federal": "federal", "electricidad": "electricity", "gasolina": "petrol", "gas": "gas",
	"gasoline": "petrol", "foods": "food", "houses": "housing", "homes": "housing", "home": "housing", "house": "housing",
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
	"subida": "rise", "caida": "drop", "descenso": "decline", "recorte": "cut", "truce": "ceasefire", "walkout": "strike",
	"tregua": "ceasefire", "alto": "ceasefire", "condena": "sentence", "prision": "prison", "carcel": "prison",
	"jail": "prison", "huelga": "strike", "confinamiento": "lockdown", "cuarentena": "quarantine", "guerra": "war",
	"asedio": "siege", "mandato": "term", "mision": "mission", "plazo": "deadline", "retraso": "delay",
	"prohibicion": "ban", "visita": "visit", "viaje": "trip", "vuelo": "flight", "frontera": "border", "muro": "wall",
	"carretera": "road", "linea": "line", "oleoducto": "pipeline", "gasoducto": "pipeline", "alcance": "range",
	"costa": "coast", "distancia": "distance", "radio": "radius", "zona": "zone", "reforma": "reform",
	"programa": "program", "paquete": "package", "fortuna": "fortune", "worth": "wealth", "net": "wealth",
	"loss": "loss", "radius": "radius", "bonus": "bonus",
}

// base restates a value in its kind's base unit: durations in days,
// distances in km, weights in kg.
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
	case "m":
		return round(v / 1000), "km", false
	case "g":
		return round(v / 1000), "kg", false
	case "t":
		return v * 1000, "kg", false
	}
	return v, unit, false
}

// Bounds: how exact a figure's value is as written (news.Figure.Bound).
const (
	BoundMin   = "min"   // "at least 30", "more than 30", "más de 30"
	BoundMax   = "max"   // "up to 30", "as many as 30", "hasta 30"
	BoundAbout = "about" // "about 30", "nearly 30", "unos 30"
	BoundVague = "vague" // "dozens", "hundreds", "several": no value
)

// boundWords are the words that may stand before a figure to bound it.
var boundWords = set(`at|least|more|than|over|above|up|to|as|many|much|nearly|almost|about|around|roughly|
approximately|some|estimated|an|close|fewer|less|under|al|menos|por|lo|mas|cerca|de|unos|unas|alrededor|
aproximadamente|casi|hasta|un|total|of`)

// exceedsES are the Spanish verbs that put a figure's value as a least
// ("la ocupación supera el 90 %", "superaron los 300 muertos"), read with
// the article between them and the number. English "exceeds" needs none.
var exceedsES = set(`supera|superan|superó|superaron|superaba|superaban|rebasa|rebasan|rebasó|sobrepasa|sobrepasan|sobrepasó`)

// vulgarFraction reports whether k is a fraction glyph ("11½ to 23
// months": the range's first number ends in one).
func vulgarFraction(k string) bool {
	return k != "" && strings.ContainsAny(k, "½¼¾⅓⅔⅛")
}

// boundOf reads the words before the figure w[i:next] that bound its
// value ("at least 30", "up to five years", "unos 30"), and the number
// words that are no value at all ("dozens of police", "hundreds of
// people", "several", "a dozen": in news a round guess, not twelve). n
// is how many words before w[i] say the bound, so that a label can keep
// them (Figure.BoundWords); 0 for a vague figure, the top of a range and
// a hundred or thousand bounded by its article alone.
func boundOf(w []fword, i, next int, kind, lang string) (bound string, n int) {
	for x := i; x < next; x++ {
		switch w[x].key {
		case "dozen", "dozens", "hundreds", "cientos", "few":
			return BoundVague, 0 // "few": "a few hundred", "a few thousand"
		}
	}
	// "thousands of", "decenas de miles": the figure's number is
	// vagueScale's reading, asked again rather than copied. "40 miles" is
	// not: there the plural follows a number.
	if _, _, ok := vagueScale(w, i, lang); ok {
		return BoundVague, 0
	}
	k1, k2, k3 := keyAt(w, i-1), keyAt(w, i-2), keyAt(w, i-3)
	// The top of a range: "46 to 57 months", "de 2 a 5 años", "entre 2 y
	// 5 años", "nine to 18 months".
	_, k2Word := numberWords[k2] // "zero" is 0: presence is what tells
	if (k1 == "to" || k1 == "a" || k1 == "y" || k1 == "-" || k1 == "and") && i >= 2 && (isNum(w[i-2]) || k2Word || vulgarFraction(k2)) {
		return BoundMax, 0 // a range's top: "to" bounds nothing alone
	}
	// Longest first within each bound, so that the count of words is
	// the whole phrase: "por lo menos", not "lo menos".
	switch {
	case k1 == "several" || k1 == "many" || k1 == "scores" || k2 == "scores" && k1 == "of" || k1 == "varios" || k1 == "varias":
		return BoundVague, 0
	case k3 == "por" && k2 == "lo" && k1 == "menos":
		return BoundMin, 3
	case k2 == "at" && k1 == "least", k2 == "more" && k1 == "than", k2 == "al" && k1 == "menos", k2 == "mas" && k1 == "de",
		exceedsES[k2] && (k1 == "el" || k1 == "la" || k1 == "los" || k1 == "las"):
		return BoundMin, 2
	case k1 == "above", k1 == "exceeding", k1 == "exceeds", k1 == "over" && kind != KindDuration:
		return BoundMin, 1
	case k3 == "as" && k2 == "many" && k1 == "as", k3 == "as" && k2 == "much" && k1 == "as",
		k3 == "a" && k2 == "maximum" && k1 == "of":
		return BoundMax, 3
	case k2 == "up" && k1 == "to", k2 == "fewer" && k1 == "than", k2 == "less" && k1 == "than",
		k2 == "menos" && k1 == "de", k2 == "maximum" && k1 == "of":
		return BoundMax, 2
	case k1 == "under", k1 == "hasta", k1 == "maximum":
		return BoundMax, 1
	case k2 == "an" && k1 == "estimated", k2 == "close" && k1 == "to",
		k2 == "cerca" && k1 == "de", k2 == "alrededor" && k1 == "de":
		return BoundAbout, 2
	case k1 == "about" || k1 == "around" || k1 == "roughly" || k1 == "approximately" || k1 == "some" ||
		k1 == "nearly" || k1 == "almost" || k1 == "estimated" ||
		k1 == "unos" || k1 == "unas" || k1 == "aproximadamente" || k1 == "casi":
		return BoundAbout, 1
	}
	if roundArticle(w, i, next) {
		return BoundAbout, 0 // the article is the figure's own word
	}
	return "", 0
}

// roundArticle reports whether the figure w[i:next] is a round hundred or
// thousand by its article alone: "a hundred metres", "a thousand people",
// "un millar de personas" say roughly how many, as "about 1,000" does; "a
// hundred and fifty" counts. A bound word before it ("about a thousand",
// "more than a hundred") is read by boundOf after this.
func roundArticle(w []fword, i, next int) bool {
	if w[i].key == "mil" {
		// "mil vecinos" alone, as "a thousand people" ("unos mil" is read
		// by boundOf before this; "dos mil" starts at "dos"; "mil
		// millones" and "mil quinientos" count).
		if i+1 >= next {
			return true
		}
		k := w[i+1].key
		return k != "millones" && k != "millon" && numberWords[k] == 0
	}
	if i+1 >= next || (w[i].key != "a" && w[i].key != "an" && w[i].key != "un") {
		return false
	}
	switch w[i+1].key {
	case "hundred", "thousand", "millar", "million", "billion", "millon":
	default:
		return false
	}
	return i+2 >= next || w[i+2].key != "and" && numberWords[w[i+2].key] == 0
}

// SameQuantity reports whether two figures measure the same thing, so
// that different values are a disagreement between sources: same kind,
// units of one family (any currency only with itself; durations of any
// length; metres with km), the same non-empty Quantity key, and neither
// vague ("dozens").
func SameQuantity(a, b news.Figure) bool {
	if a.Kind == "" || a.Kind != b.Kind || a.Quantity == "" || a.Quantity != b.Quantity {
		return false
	}
	if a.Bound == BoundVague || b.Bound == BoundVague {
		return false
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
	va, ua, xa := base(a.Value, a.Unit)
	vb, ub, xb := base(b.Value, b.Unit)
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

// aboutMargin is how far an approximate value ("about 100") may be from
// another and both be true.
const aboutMargin = 0.1

// Conflict reports whether two figures are a disagreement a reader can
// trust: they measure the same quantity (SameQuantity) and no value
// makes both true. "At least 30" and "32" agree, as do "at least 20" and
// "at least 22", "as many as seven" and "five", "about 100" and "at least
// 70"; "12" and "15" do not.
func Conflict(a, b news.Figure) bool {
	if !SameQuantity(a, b) || SameValue(a, b) {
		return false
	}
	loA, hiA := interval(a)
	loB, hiB := interval(b)
	return loA > hiB || loB > hiA
}

// interval is the range of base values a figure allows as written.
func interval(f news.Figure) (lo, hi float64) {
	v, _, approx := base(f.Value, f.Unit)
	lo, hi = v, v
	if approx {
		lo, hi = v*0.97, v*1.03
	}
	if f.Unit == "month" {
		// A month is four weeks to 31 days as news writes it: "a
		// four-week strike" and "a month-long strike" can both be true.
		lo, hi = min(lo, f.Value*28), max(hi, f.Value*31)
	}
	switch f.Bound {
	case BoundMin:
		hi = math.Inf(1)
	case BoundMax:
		lo = math.Inf(-1)
	case BoundAbout:
		lo, hi = v*(1-aboutMargin), v*(1+aboutMargin)
	}
	return min(lo, hi), max(lo, hi)
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

// durationRank orders the units of time, so that a compound duration reads
// only from a larger unit to a smaller one ("2 hours 11 minutes"; "5
// years, 3 years" is a list).
var durationRank = map[string]int{"second": 1, "minute": 2, "hour": 3, "day": 4, "week": 5, "month": 6, "year": 7}

// compoundDuration reads the rest of a duration written in several units
// after f, the duration ending before w[next]: "2 hours 11 minutes and 48
// seconds", "1 hour and 20 minutes", "2 horas, 27 minutos y 5 segundos",
// "3 years, 4 months", and a half ("dos horas y media", "two hours and a
// half"). The parts may be joined by a comma, "and", "y" or "e". The
// figure's span then covers every part, and its value is the whole in
// f's unit. It returns f and next unchanged when no smaller unit follows.
func compoundDuration(s string, w []fword, f Figure, next int, lang string) (Figure, int) {
	rank := durationRank[f.Unit]
	if rank == 0 {
		return f, next
	}
	unitDays, _, _ := base(1, f.Unit)
	for next < len(w) {
		k := next
		if w[k].text == "," {
			k++
		}
		if k < len(w) && (w[k].key == "and" || w[k].key == "y" || w[k].key == "e") {
			k++
		}
		if k >= len(w) {
			break
		}
		// "y media", "and a half": half the last unit, once.
		if k > next && w[k-1].text != "," && f.Value == math.Trunc(f.Value) {
			h := k
			half := (w[h].key == "media" || w[h].key == "medio") ||
				w[h].key == "a" && h+1 < len(w) && w[h+1].key == "half"
			if w[h].key == "a" {
				h++
			}
			if half && !(h+1 < len(w) && w[h+1].text == "-") { // not "a half-dozen"
				f.Value += 0.5
				f.Span.End = w[h].end
				next = h + 1
				break
			}
		}
		g, after, ok := parseFigure(s, w, k, lang)
		if !ok || g.Kind != KindDuration || durationRank[g.Unit] == 0 || durationRank[g.Unit] >= rank {
			break
		}
		gDays, _, _ := base(g.Value, g.Unit)
		f.Value = round(f.Value + gDays/unitDays)
		f.Span.End = g.Span.End
		rank = durationRank[g.Unit]
		next = after
	}
	return f, next
}
