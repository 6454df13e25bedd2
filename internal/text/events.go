package text

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Event is what a figure's sentence tells of the event the figure belongs
// to. A gold story often holds several incidents (two shootings, a quake
// and an older one, two defendants), each with its own figures; two
// figures whose sentences name different places, people or dates, or one
// of which sums several incidents, are not two sources' values for one
// quantity. Only contradicting anchors tell events apart: a figure whose
// sentence names nothing still compares with any other (SameEvent).
type Event struct {
	// Places are the words (keys) of names after a locative preposition
	// in the sentence: "in Orange County", "at Bunny Friend Playground",
	// "en Valencia".
	Places []string
	// People are the words (keys) of the person the figure is about, in
	// its clause before it: a possessive ("the Clintons' tax rate"), the
	// subject of a verb that is not one of speech ("Smith was sentenced
	// to"), or a speaker of his own figure ("Mr. Bush said his rate").
	People []string
	// Dates are the dates, months and years the sentence names ("July
	// 23, 2015", "in March", "in 2003", "3 de marzo").
	Dates []EventDate
	// Aggregate: the sentence sums several incidents ("a series of
	// shootings", "seven separate shootings").
	Aggregate bool
	// History: the sentence tells of an earlier event than the text's
	// own, by a marker: "last year", "years ago", "earlier this year",
	// "el año pasado", "hace tres años".
	History bool
	// Parts are the counts the sentence gives as parts of its own
	// ("seven men were wounded, including four men who..."): another
	// source's count of that part is no disagreement.
	Parts []float64
	// VictimsOnly: a death toll that counts a killer's victims and not
	// the killer ("the gunman killed 12 people", "killed three and then
	// himself", "were killed by a man"); another source's toll may count
	// the killer too.
	VictimsOnly bool
	// Pollsters are the words (keys) of who ran, paid for or published
	// the poll or survey the sentence cites ("a Gallup poll", "an
	// opinion poll published by Ethnos newspaper", "una encuesta de
	// Metroscopia"): two polls' figures are two polls' findings, not two
	// sources' values for one.
	Pollsters []string
	// Stage is what the figure's verb says of an amount: "asked" (asked,
	// requested, demanded, sought, pidió) or "given" (granted, awarded,
	// received, got, concedió). The sum a side asked for and the sum it
	// got are two amounts of one noun, not two values of one.
	Stage string
	// Givers and Recipients are who commits a sum and who gets it, for a
	// sum keyed as a fund: a name right before the verb that commits it
	// ("The World Bank pledged $50 million"), a name after "to" or "for"
	// right after it ("$2 million to the Red Cross"), each name's words
	// joined. Two donors' pledges, or one donor's sums for two places,
	// are two sums, not two values of one.
	Givers, Recipients []string
	// names are the words (keys) of the text's capitalised words, shared
	// by every figure of one text: a place the other source names
	// anywhere is not a contradicting place.
	names map[string]bool
}

// EventDate is a date as far as a sentence gives it: a zero field is not
// given.
type EventDate struct {
	Year, Month, Day int
	// Weekday is a day of the week the sentence names with no date
	// ("Thursday", "el domingo"), 1 for Sunday to 7 for Saturday, until
	// ResolveDates makes it the date of that day in the week before
	// publication; alone it can be any day.
	Weekday int
	// Ahead is set for a weekday of a sentence that tells of a plan or
	// the future ("espera … el domingo", "will vote on Friday"; see
	// weekdayAhead): ResolveDates makes it the coming such day.
	Ahead bool `json:",omitempty"`
}

// compatible reports whether two partial dates can name the same day;
// days one apart are compatible (a night across midnight, time zones).
func (d EventDate) compatible(e EventDate) bool {
	if d.Weekday != 0 || e.Weekday != 0 {
		return true // a weekday not resolved against a publication date
	}
	if d.Year != 0 && d.Month != 0 && d.Day != 0 && e.Year != 0 && e.Month != 0 && e.Day != 0 {
		a := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		b := time.Date(e.Year, time.Month(e.Month), e.Day, 0, 0, 0, 0, time.UTC)
		return a.Sub(b).Abs() <= 24*time.Hour // "Dec. 31" and "Jan. 1" too
	}
	if d.Year != 0 && e.Year != 0 && d.Year != e.Year {
		return false
	}
	if d.Month != 0 && e.Month != 0 && d.Month != e.Month {
		return false
	}
	if d.Day != 0 && e.Day != 0 && d.Month == e.Month && abs(d.Day-e.Day) > 1 {
		return false
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// SameEvent reports whether two figures may belong to one event: their
// anchors do not contradict. Different named places (when neither text
// names the other's place at all), different people the figures are
// about, dates that cannot be one day, or a sum of several incidents
// against one incident, tell two events apart; a side with no anchor of a
// kind contradicts nothing of that kind.
func SameEvent(a, b Figure) bool {
	ea, eb := a.Event, b.Event
	if ea.Aggregate != eb.Aggregate {
		return false
	}
	if ea.History != eb.History && !overlap(ea.Places, eb.Places) {
		return false
	}
	if len(ea.Pollsters) > 0 && len(eb.Pollsters) > 0 && !overlap(ea.Pollsters, eb.Pollsters) {
		return false
	}
	if ea.Stage != "" && eb.Stage != "" && ea.Stage != eb.Stage {
		return false
	}
	if !partiesMeet(ea.Givers, eb.Givers, ea.names, eb.names) || !partiesMeet(ea.Recipients, eb.Recipients, ea.names, eb.names) {
		return false
	}
	if len(ea.People) > 0 && len(eb.People) > 0 && !overlap(ea.People, eb.People) {
		return false
	}
	if len(ea.Dates) > 0 && len(eb.Dates) > 0 && !datesMeet(ea.Dates, eb.Dates) {
		return false
	}
	if len(ea.Places) > 0 && len(eb.Places) > 0 && !overlap(ea.Places, eb.Places) &&
		!namedIn(ea.Places, eb.names) && !namedIn(eb.Places, ea.names) {
		return false
	}
	return true
}

// Disagree is Conflict for figures found in texts: the same quantity, no
// value that makes both true, and one event (SameEvent). A death toll
// that counts only a killer's victims agrees with another source's toll
// one higher, which may count the killer.
func Disagree(a, b Figure) bool {
	if !SameQuantity(a.Figure, b.Figure) || SameValue(a.Figure, b.Figure) || !SameEvent(a, b) {
		return false
	}
	if a.Kind == KindCount && (slices.Contains(a.Event.Parts, b.Value) || slices.Contains(b.Event.Parts, a.Value)) {
		return false // one source's total holds the other's count as a part
	}
	loA, hiA := interval(a.Figure)
	loB, hiB := interval(b.Figure)
	loA, hiA = roundedTo(a, b, loA, hiA)
	loB, hiB = roundedTo(b, a, loB, hiB)
	switch {
	case a.Event.VictimsOnly && !b.Event.VictimsOnly:
		hiA++
	case b.Event.VictimsOnly && !a.Event.VictimsOnly:
		hiB++
	}
	return loA > hiB || loB > hiA
}

// roundedTo widens the interval [lo, hi] of f, a figure rounded with a
// scale word ("$43 million"), to the more exact values it rounds or cuts
// to at its own precision, as against other, written more exactly
// ("$43,885,310"): from half a step below to just under a step above,
// since outlets both round and cut. Only a figure with two significant
// digits or more is widened: "$2bn" stays apart from "$2.5bn", where a
// whole step would be a quarter of the value.
func roundedTo(f, other Figure, lo, hi float64) (float64, float64) {
	if f.Step <= 0 || f.Bound != "" || f.Value == 0 || other.Step >= f.Step && other.Step > 0 {
		return lo, hi
	}
	if math.Abs(f.Value)/f.Step < 10-1e-9 {
		return lo, hi // one significant digit
	}
	step := f.Step * f.BaseValue / f.Value // in base units
	v := f.BaseValue
	return min(lo, v-step/2), max(hi, v+step*(1-1e-9))
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// partiesMeet reports whether two sums' givers, or recipients, a and b
// may be the same: they share one, or neither side names any. A side
// that names one when the other does not is two sums unless the other
// text names it somewhere ("The EU pledged €500 million" against "the
// government announced a €2 billion plan", "$2 million for the Red
// Cross" against "$3 million for schools"). Unlike a place, which a
// sentence often leaves out, who gives a sum and who gets it is what a
// report of the sum says: an outlet that names neither is seldom telling
// of the same sum, and a false "sources differ" is the worst error the
// section can make. aNames and bNames are the words each text names.
func partiesMeet(a, b []string, aNames, bNames map[string]bool) bool {
	switch {
	case len(a) > 0 && len(b) > 0:
		return overlap(a, b)
	case len(a) > 0:
		return anyNamedWhole(a, bNames)
	case len(b) > 0:
		return anyNamedWhole(b, aNames)
	}
	return true
}

// anyNamedWhole reports whether every word of one of the names (keys
// joined by spaces, as nameKey gives them) is among names: the other
// text names "World Bank", not only "World" or "Bank".
func anyNamedWhole(parties []string, names map[string]bool) bool {
	for _, p := range parties {
		whole := true
		for _, w := range strings.Fields(p) {
			whole = whole && names[w]
		}
		if whole {
			return true
		}
	}
	return false
}

func namedIn(words []string, names map[string]bool) bool {
	for _, w := range words {
		if names[w] {
			return true
		}
	}
	return false
}

func datesMeet(a, b []EventDate) bool {
	for _, x := range a {
		for _, y := range b {
			if x.compatible(y) {
				return true
			}
		}
	}
	return false
}

// locatives are the prepositions that put an event at a named place.
var locatives = set(`in|at|near|outside|inside|en|cerca|junto`)

// placeSkips may stand between a locative and the place's name: "in the
// city", "in south suburban Calumet City".
func placeSkip(w fword) bool {
	return w.key != "of" && w.key != "de" && w.key != "del" && unicode.IsLower(firstRune(w.text))
}

// placeKinds say what kind of place the name after "of" or "de" is: "the
// city of Zarand", "la provincia de Kermán". Other nouns before "of" do
// not ("the outskirts of Dargahan", "the governor of Qeshm").
var placeKinds = set(`city|town|village|province|state|region|district|county|island|municipality|suburb|
neighborhood|neighbourhood|ciudad|pueblo|localidad|provincia|estado|region|distrito|condado|isla|municipio|barrio|aldea|comarca`)

// killerWords name who killed, before a verb of killing: the toll after
// it counts the killer's victims.
var killerWords = set(`gunman|gunmen|shooter|shooters|suspect|attacker|assailant|killer|man|woman|he|she|teen|teenager|
son|father|husband|pistolero|tirador|atacante|agresor|asesino|hombre|mujer|joven`)

// killerNouns name the killer in "including the suspect": the toll
// counts him.
var killerNouns = set(`gunman|shooter|suspect|attacker|assailant|killer|pistolero|tirador|atacante|agresor|asesino|sospechoso`)

// notKillers are capitalised subjects of a verb of killing who are not a
// killer counted apart from the dead: the police, troops.
var notKillers = set(`police|officers|deputies|troopers|authorities|officials|soldiers|troops|army|policia|agentes|ejercito`)

var killVerbs = set(`killed|murdered|kills|kill|slain|mato|asesino|mataron`)

var reflexiveDeath = set(`himself|herself|themselves|suicide|suicidarse|suicido`)

// aggregateMarkers before a plural incident noun make a sum of incidents.
var aggregateMarkers = set(`series|string|spate|wave|rash|separate|several|multiple|dozen|dozens|serie|ola|varios|varias|distintos|diferentes|separados`)

var incidentNouns = set(`shootings|attacks|incidents|stabbings|bombings|tiroteos|ataques|incidentes|atentados|balaceras`)

// eventOf reads the anchors of the sentence sent of s, whose words are
// w, into the figures figs of that sentence; inner are the words s
// capitalises past a sentence's first word; o.SeparateSums leaves out a
// sum's givers and recipients.
func eventOf(s string, sent news.Span, w []fword, figs []Figure, starts []int, inner map[string]bool, o FigureOptions) {
	var ev Event
	// Places: a name after a locative, maybe past lower-case words
	// ("in the city", "in south suburban Calumet City").
	ents := Entities(s[sent.Start:sent.End])
	idx := map[int]int{} // byte offset → word index
	for x, fw := range w {
		idx[fw.start] = x
	}
	var es []nameRef
	for _, e := range ents {
		lo, ok := idx[sent.Start+e.Span.Start]
		if !ok {
			continue
		}
		hi := lo
		for hi < len(w) && w[hi].start < sent.Start+e.Span.End {
			hi++
		}
		es = append(es, nameRef{e, lo, hi})
	}
	for _, e := range es {
		// isWeekday, not weekdays[...] > 0: Sunday is 0. (Entities keeps
		// weekdays out of names today, so this guards a later change.)
		if e.e.Kind == Person || months[w[e.lo].key] > 0 || isWeekday(w[e.lo].key) {
			continue
		}
		y := e.lo - 1
		if y >= 1 && (w[y].key == "of" || w[y].key == "de") && placeKinds[w[y-1].key] && unicode.IsLower(firstRune(w[y-1].text)) {
			// "the city of Zarand", "the town of Dargahan", "la
			// ciudad de Lorca": a place in any role.
			ev.Places = append(ev.Places, nameKeys(w[e.lo:e.hi])...)
			continue
		}
		for k := 0; k < 2 && y >= 0 && placeSkip(w[y]) && !locatives[w[y].key]; k++ {
			y--
		}
		if y >= 0 && locatives[w[y].key] {
			ev.Places = append(ev.Places, nameKeys(w[e.lo:e.hi])...)
		}
	}
	ev.Dates = sentenceDates(w)
	for x := range w {
		k, k1, k2 := w[x].key, "", ""
		if x+1 < len(w) {
			k1 = w[x+1].key
		}
		if x+2 < len(w) {
			k2 = w[x+2].key
		}
		switch {
		case k == "last" && (k1 == "year" || k1 == "month") && !(x+2 < len(w) && (k2 == "'" || k2 == "’")), // not "last year's elections"
			k == "earlier" && k1 == "this" && (k2 == "year" || k2 == "month"),
			(k == "years" || k == "months") && k1 == "ago",
			k == "year" && k1 == "ago" && x > 0 && (w[x-1].key == "a" || w[x-1].key == "one"),
			(k == "ano" || k == "mes") && (k1 == "pasado" || k1 == "anterior"),
			k == "hace" && (k1 == "anos" || k1 == "meses" || k2 == "anos" || k2 == "meses"):
			ev.History = true
		}
	}
	for x := range w {
		if !incidentNouns[w[x].key] {
			continue
		}
		for y := x - 1; y >= 0 && y >= x-3; y-- {
			if aggregateMarkers[w[y].key] || isNum(w[y]) && w[y].key != "1" && w[y].key != "2" || numberWords[w[y].key] > 2 {
				ev.Aggregate = true
			}
		}
	}
	for x := 0; x+1 < len(w); x++ {
		switch w[x].key {
		case "including", "incluidos", "incluidas":
		default:
			continue
		}
		if v, ok := parseDigits(w[x+1].text, "en"); ok && isNum(w[x+1]) {
			ev.Parts = append(ev.Parts, v)
		} else if v, n, ok := parseNumberWords(w, x+1); ok && n > 0 {
			ev.Parts = append(ev.Parts, v)
		}
	}
	ev.Pollsters = pollsters(w, es)
	reflexive, including := false, false
	for x := range w {
		reflexive = reflexive || reflexiveDeath[w[x].key]
		if w[x].key == "including" || w[x].key == "incluido" || w[x].key == "incluyendo" {
			for y := x + 1; y < len(w) && y <= x+3; y++ {
				including = including || killerNouns[w[y].key] // "including the alleged gunman"
			}
		}
	}
	for k := range figs {
		f := &figs[k]
		e := ev
		i := starts[k]
		e.People = figurePeople(w, es, i)
		e.Stage = stageOf(w, i, f.Span.End)
		if !o.SeparateSums && f.Kind == KindMoney && (f.Quantity == "fund" || strings.HasSuffix(f.Quantity, " fund")) {
			e.Givers, e.Recipients = sumParties(w, es, i, f.Span.End, inner)
		}
		if f.Quantity == "dead" && !including {
			e.VictimsOnly = reflexive || victimsOnly(w, i, f.Span.End)
		}
		f.Event = e
	}
}

// pollNouns name a poll or survey.
var pollNouns = set(`poll|polls|survey|surveys|encuesta|encuestas|sondeo|sondeos`)

// pollsterLinks stand between a poll noun and who ran, paid for or
// published it: "a poll by", "published by", "for", "una encuesta de".
var pollsterLinks = set(`by|for|from|of|de|del|para|por`)

// pollsters reads the names of who ran, paid for or published the polls
// the sentence w cites: a name right before the poll noun ("a Gallup
// poll", "the Ethnos opinion poll"), or after it behind a link within a
// few words ("an opinion poll published by Ethnos newspaper", "an
// opinion poll for the respected Kathimerini newspaper", "una encuesta
// de Metroscopia para El País").
func pollsters(w []fword, es []nameRef) []string {
	var out []string
	for x := range w {
		if !pollNouns[w[x].key] {
			continue
		}
		for _, e := range es {
			switch {
			case e.hi <= x && e.hi >= x-2 && (e.hi == x || w[x-1].key == "opinion"):
				// "a Gallup poll", "an Ethnos opinion poll".
				out = append(out, nameKeys(w[e.lo:e.hi])...)
			case e.lo > x && e.lo <= x+6:
				// The link right before the name, past at most two
				// lower-case words ("for the respected Kathimerini"),
				// and no clause break after the poll noun: "un sondeo
				// del CIS da al PP" names no pollster in PP.
				linked := false
				for y := e.lo - 1; y > x && y >= e.lo-3; y-- {
					if pollsterLinks[w[y].key] {
						linked = true
						break
					}
					if !unicode.IsLower(firstRune(w[y].text)) {
						break
					}
				}
				for y := x + 1; y < e.lo; y++ {
					linked = linked && !clauseBreak(w[y])
				}
				if linked {
					out = append(out, nameKeys(w[e.lo:e.hi])...)
				}
			}
		}
	}
	return out
}

// askVerbs say that an amount was asked for; giveVerbs that it was given.
var askVerbs = set(`asked|asks|ask|asking|requested|requests|request|requesting|demanded|demands|demand|demanding|
sought|seeks|seek|seeking|wanted|wants|proposed|proposes|propose|pidio|pide|piden|pidieron|solicito|solicita|
solicitan|solicitaron|reclamo|reclama|reclaman|exigio|exige|exigen|propuso|propone|proponen`)

var giveVerbs = set(`granted|grants|grant|granting|awarded|awards|award|gave|gives|give|given|giving|received|
receives|receive|got|gets|get|won|wins|allocated|allocates|approved|approves|approve|concedio|concede|conceden|
otorgo|otorga|otorgan|recibio|recibe|reciben|obtuvo|obtiene|obtienen|aprobo|aprueba|aprueban|asigno|asigna|
sentenced|condenado|condenada|condenados|condeno|condenaron`)

// stageObjects may stand between the verb and the amount: "grants him
// $1.375 billion", "asked Congress for $5.7 billion".
var stageObjects = set(`him|her|them|us|me|it|for|to|le|les|the|a|an|el|la|los|las|un|una|of|de`)

// stageOf reads whether the figure w[i:] ending at byte end is an amount
// asked for or one given: a verb of asking or giving right before it,
// past an object pronoun and bound words ("grants him $1.375 billion",
// "requested at least $5.7 billion"), or in a relative clause right after
// it ("the $5.7 billion he initially demanded").
func stageOf(w []fword, i, end int) string {
	stage := func(k string) string {
		switch {
		case askVerbs[k]:
			return "asked"
		case giveVerbs[k]:
			return "given"
		}
		return ""
	}
	for y := i - 1; y >= 0 && y >= i-4; y-- {
		if st := stage(w[y].key); st != "" {
			return st
		}
		if !stageObjects[w[y].key] && !boundWords[w[y].key] {
			break
		}
	}
	x := i
	for x < len(w) && w[x].start < end {
		x++
	}
	// "the $5.7 billion he initially demanded": a subject pronoun or name,
	// maybe an adverb, then the verb.
	for y := x; y < len(w) && y < x+4; y++ {
		if clauseBreak(w[y]) {
			break
		}
		if st := stage(w[y].key); st != "" && y > x {
			return st
		}
	}
	return ""
}

// sumParties reads who commits the sum w[i:] ending at byte end, and who
// gets it: the name that is the subject of the verb committing it before
// it in its clause, past at most two lower-case words ("The World Bank
// has pledged", "la Unión Europea destinó"), and a name after "to",
// "for", "a" or "para" right after it, past an article ("$2 million to
// the Red Cross", "300 millones para Valencia"). A possessive's name
// ("Valdria's government announced") is left out: the government is the
// subject. So is a giver that is only a capitalised common noun for a
// government ("el Gobierno", "el Ejecutivo", British "the Government"):
// it names whichever government the story is about, as English "the
// government" does, which is no name at all; kept, it would make
// "el Gobierno" and "el Ejecutivo", one government, two givers. And so is
// a lone word that opens the sentence and that the text capitalises
// nowhere else (inner): "Donors pledged", "Officials announced" name no
// one, though Entities keeps them, as it keeps "Smith" before a verb of
// speech, which many of the committing verbs are.
func sumParties(w []fword, es []nameRef, i, end int, inner map[string]bool) (givers, recipients []string) {
	lo, _ := clause(w, i, i+1)
	for v := i - 1; v >= lo; v-- {
		if !commitVerb(w, v) {
			continue
		}
		for _, e := range es {
			if e.hi > v || e.hi < v-2 || e.lo < lo {
				continue
			}
			between := true
			for y := e.hi; y < v; y++ {
				between = between && unicode.IsLower(firstRune(w[y].text))
			}
			opener := e.hi == e.lo+1 && e.e.Kind == OtherEntity && !inner[w[e.lo].key] && firstLetterWord(w) == e.lo
			if k := nameKey(w[e.lo:e.hi]); between && k != "" && !governmentNouns[k] && !opener {
				givers = append(givers, k)
			}
		}
		break
	}
	x := i
	for x < len(w) && w[x].start < end {
		x++
	}
	if x < len(w) && sumLinks[w[x].key] {
		y := x + 1
		if y < len(w) && definiteArticles[w[y].key] {
			y++
		}
		for _, e := range es {
			if k := nameKey(w[e.lo:e.hi]); e.lo == y && k != "" {
				recipients = append(recipients, k)
			}
		}
	}
	return givers, recipients
}

// governmentNouns are common nouns that Spanish, and British English,
// capitalise when they mean the government of the day. A name key is
// matched whole: "gobierno vasco" and "trump administration" are givers.
var governmentNouns = set(`government|gobierno|ejecutivo|executive|administration|administracion|cabinet|gabinete|
state|estado`)

// firstLetterWord is the index of the first word of w that starts with a
// letter (past an opening quote or dash), or len(w).
func firstLetterWord(w []fword) int {
	for x, fw := range w {
		if unicode.IsLetter(firstRune(fw.text)) {
			return x
		}
	}
	return len(w)
}

// sumLinks stand between a sum and who gets it.
var sumLinks = set(`to|for|a|para`)

// definiteArticles may stand between a sum's link and its recipient ("to
// the city of Lanmere", "para la Junta").
var definiteArticles = set(`the|el|la|los|las`)

// nameKey is a name's words (nameKeys) joined: "world bank".
func nameKey(w []fword) string { return strings.Join(nameKeys(w), " ") }

// nameRef is an entity of a sentence with its words w[lo:hi].
type nameRef struct {
	e      Entity
	lo, hi int
}

// genericPlaceWords say what kind of place a name is, not which: "South
// Shore" and "South Exchange" share no place.
var genericPlaceWords = set(`north|south|east|west|northeast|northwest|southeast|southwest|new|old|upper|lower|
street|avenue|road|boulevard|county|city|town|village|island|lake|river|mount|fort|port|saint|st|san|santa|
los|las|la|el|de|del|of|the|and|norte|sur|este|oeste|calle|avenida|ciudad|isla|condado`)

// nameKeys are the keys of a name's words, months and words that say
// what kind of place it is aside.
func nameKeys(w []fword) []string {
	var out []string
	for _, fw := range w {
		if unicode.IsUpper(firstRune(fw.text)) && months[fw.key] == 0 && !genericPlaceWords[fw.key] {
			out = append(out, fw.key)
		}
	}
	return out
}

// victimsOnly reports whether the death toll at w[i] counts a killer's
// victims: a killer before a verb of killing right before it ("a gunman
// killed 12 people", "the gunman who killed three", "Houser killed two
// people"), or an agent after it ("were killed by a man").
func victimsOnly(w []fword, i, end int) bool {
	b := i
	for b > 0 && boundWords[w[b-1].key] && !killVerbs[w[b-1].key] {
		b--
	}
	if b > 0 && (killVerbs[w[b-1].key] || b > 1 && w[b-1].key == "a" && killVerbs[w[b-2].key]) {
		v := b - 1
		if w[v].key == "a" {
			v--
		}
		for y := v - 1; y >= 0 && y >= v-4; y-- {
			k := w[y].key
			if notKillers[k] || clauseBreak(w[y]) && k != "who" && k != "quien" {
				break
			}
			if killerWords[k] || y == v-1 && unicode.IsUpper(firstRune(w[y].text)) && !notKillers[k] && !places[k] && k != "it" && k != "this" {
				return true
			}
		}
	}
	// "Four people were killed by a man".
	x := 0
	for x < len(w) && w[x].end <= end {
		x++
	}
	for y := x; y < len(w) && y < x+5; y++ {
		if clauseBreak(w[y]) {
			break
		}
		if (w[y].key == "by" || w[y].key == "por") && killVerbs[w[max(0, y-1)].key] {
			for z := y + 1; z < len(w) && z <= y+3; z++ {
				if notKillers[w[z].key] {
					return false
				}
				if killerWords[w[z].key] {
					return true
				}
			}
		}
	}
	return false
}

// figurePeople are the name words of the person the figure at w[i] is
// about, in its clause before it: a possessive name ("The Clintons'
// effective tax rate"), a person who is the subject of a verb that is
// not one of speech ("Juan Pérez fue condenado a"), or a speaker followed
// by his own possessive ("Mr. Bush said his").
func figurePeople(w []fword, es []nameRef, i int) []string {
	lo, _ := clause(w, i, i+1)
	var out []string
	for _, e := range es {
		if e.lo < lo || e.hi > i || e.e.Kind == Place || e.e.Kind == Organization {
			continue
		}
		possessive := e.hi < i && (w[e.hi].text == "'" || w[e.hi].text == "’") && adjacent(w[e.hi-1], w[e.hi])
		about := possessive
		if !about && e.e.Kind == Person && e.hi < i {
			next := w[e.hi].key
			before := ""
			if e.lo > 0 {
				before = w[e.lo-1].key
			}
			switch {
			case speechVerbs[next]:
				// A speaker of his own figure: "Mr. Bush said his rate".
				about = e.hi+1 < i && ownPossessives[w[e.hi+1].key]
			case notSubjectBefore[before]:
			default:
				about = unicode.IsLower(firstRune(w[e.hi].text))
			}
		}
		if about {
			out = append(out, nameKeys(w[e.lo:e.hi])...)
		}
	}
	return out
}

// ownPossessives after a speech verb make the speaker the one the figure
// is about.
var ownPossessives = set(`his|her|their|su|sus`)

// notSubjectBefore are the words before a name that make it no subject:
// "according to", "by", "with", "of".
var notSubjectBefore = set(`to|by|with|of|from|for|against|about|de|por|con|para|segun|contra|sobre|a`)

// sentenceDates reads the dates a sentence names: "July 23, 2015", "Aug.
// 9", "3 March 2024", "3 de marzo de 2024", "in March", "March 2024",
// "in 2003". A month alone needs a preposition or a year, as "March" and
// "May" are words too.
func sentenceDates(w []fword) []EventDate {
	var out []EventDate
	year := func(x int) int {
		if x < 0 || x >= len(w) || !isNum(w[x]) || len(w[x].text) != 4 {
			return 0
		}
		y, err := strconv.Atoi(w[x].text)
		if err != nil || y < 1800 || y > 2100 {
			return 0
		}
		return y
	}
	day := func(x int) int {
		if x < 0 || x >= len(w) || !isNum(w[x]) || len(w[x].text) > 2 {
			return 0
		}
		d, err := strconv.Atoi(w[x].text)
		if err != nil || d < 1 || d > 31 {
			return 0
		}
		return d
	}
	used := map[int]bool{}
	for x := 0; x < len(w); x++ {
		m := months[w[x].key]
		if m == 0 || (x+1 < len(w) && unicode.IsUpper(firstRune(w[x+1].text)) && months[w[x+1].key] == 0) {
			continue // "March Lane"
		}
		if unicode.IsLower(firstRune(w[x].text)) && !SpanishMonth(w[x].key) {
			continue // "may", "march" in English are words
		}
		d := EventDate{Month: m}
		n := x + 1
		if n < len(w) && w[n].text == "." {
			n++
		}
		if dd := day(n); dd > 0 {
			d.Day = dd
			used[n] = true
			n++
			if n < len(w) && w[n].text == "," {
				n++
			}
			if y := year(n); y > 0 {
				d.Year = y
				used[n] = true
			}
		} else if y := year(n); y > 0 {
			d.Year = y
			used[n] = true
		} else if n+1 < len(w) && w[n].key == "de" {
			if y := year(n + 1); y > 0 {
				d.Year = y
				used[n+1] = true
			}
		}
		// "3 March", "3 de marzo (de 2024)".
		p := x - 1
		if p >= 0 && w[p].key == "de" {
			p--
		}
		if d.Day == 0 {
			if dd := day(p); dd > 0 {
				d.Day = dd
			}
		}
		if d.Day == 0 && d.Year == 0 {
			// A month alone: "in March", "en marzo", "since February".
			if x == 0 {
				continue
			}
			switch w[x-1].key {
			case "in", "en", "since", "desde", "early", "late", "mid", "last", "de":
			default:
				continue
			}
			if months[w[x].key] == 5 && w[x-1].key != "in" && w[x-1].key != "en" {
				continue
			}
		}
		out = append(out, d)
	}
	for x := range w {
		if used[x] {
			continue
		}
		if y := year(x); y > 0 && x > 0 {
			switch w[x-1].key {
			case "in", "en", "since", "desde", "of", "de", "from", "through", "until", "hasta", "during", "durante", "for":
				out = append(out, EventDate{Year: y})
			}
		}
	}
	if len(out) > 0 {
		// A weekday beside a date is as often another event's ("Monday's
		// violence was not connected to shootings in October"): as dates
		// of one sentence meet when any two do, it would only join what
		// the date sets apart.
		return out
	}
	for x := range w {
		if wd, ok := weekdayAt(w, x); ok {
			out = append(out, EventDate{Weekday: wd, Ahead: readWeekday(w, x).ahead})
		}
	}
	return out
}

// ResolveDates reads the dates of figs's sentences against the day their
// text was published: a weekday becomes the date of that day in the week
// up to publication ("Thursday" in a text of Thursday 7 February 2013 is
// that day), or in the week from it in a sentence of a plan or the future
// ("500 people will be evacuated on Sunday"), and a day or month with no year takes the year that puts it
// within a month after publication at the latest ("Dec. 3" in a text of
// February 2013 is 3 December 2012). So "a Dec. 3 incident" is not the
// shooting of "Thursday" two months later. A zero published leaves figs
// as they are: a weekday then contradicts no date.
func ResolveDates(figs []Figure, published time.Time) {
	if published.IsZero() {
		return
	}
	pub := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
	for k := range figs {
		ds := figs[k].Event.Dates
		if len(ds) == 0 {
			continue
		}
		out := make([]EventDate, len(ds)) // figures of one sentence share ds
		for x, d := range ds {
			out[x] = resolveDate(d, pub)
		}
		figs[k].Event.Dates = out
	}
}

// resolveDate is d read against the publication day pub (see
// ResolveDates).
func resolveDate(d EventDate, pub time.Time) EventDate {
	switch {
	case d.Weekday != 0:
		t := onOrBefore(pub, time.Weekday(d.Weekday-1))
		if d.Ahead {
			t = onOrAfter(pub, time.Weekday(d.Weekday-1))
		}
		return EventDate{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	case d.Year == 0 && d.Month != 0:
		day := max(d.Day, 1)
		if time.Date(pub.Year(), time.Month(d.Month), day, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 1, 0)) {
			d.Year = pub.Year() - 1
		} else {
			d.Year = pub.Year()
		}
	}
	return d
}

// weekdayAt reads the weekday w[x] names as an event's day: "Thursday",
// "Sunday's quake", "el domingo". A weekday right after a verb of speech
// is the day something was said ("police said Friday"), and one before a
// date adds nothing to it ("Sunday, Aug. 9").
func weekdayAt(w []fword, x int) (int, bool) {
	wd, ok := weekdays[w[x].key]
	if !ok {
		return 0, false
	}
	p := x - 1
	if p >= 0 && (w[p].key == "on" || w[p].key == "el" || w[p].key == "este" || w[p].key == "del") {
		p--
	}
	if unicode.IsLower(firstRune(w[x].text)) && (x == 0 || w[x-1].key != "el" && w[x-1].key != "este" && w[x-1].key != "del") {
		return 0, false // a Spanish weekday needs its article
	}
	if p >= 0 && speechVerbs[w[p].key] {
		return 0, false
	}
	n := x + 1
	if n < len(w) && w[n].text == "," {
		n++
	}
	if n < len(w) && isNum(w[n]) && len(w[n].text) <= 2 {
		n++ // "domingo 3 de marzo", "Sunday, 9 August"
		if n < len(w) && w[n].key == "de" {
			n++
		}
	}
	if n < len(w) && months[w[n].key] > 0 {
		return 0, false // "Sunday, Aug. 9": the date says it
	}
	return wd + 1, true
}
