package brief

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// A summary is read, not only scored: two rules keep the chosen set
// readable whatever the subset model would prefer (see docs/briefing.md,
// "Readable sets").
//
//   - Two outlets often say the same thing in their own words ("She will
//     lead the agency from May." and "Moreno will lead the agency from
//     May."). Both in one summary spend the budget twice on one fact, so
//     no set holds two near duplicates (nearDuplicate).
//   - A summary cannot open on a sentence whose subject is a pronoun
//     ("He said …", "Ella dijo …", Spanish "Dijo que …" with the subject
//     dropped): the reader never saw who it is. No set is made only of
//     such sentences, and the first sentence shown is one that is not
//     (opensOnPronoun, nameFirst). A later sentence that opens on a
//     pronoun comes right after one that names a referent of its kind
//     (a person for "his", an organisation or thing for "its"), or is
//     left out (placeLeaners): "Its chief engineer said …" after "Lanmere
//     mayor Piet Halloran welcomed the fund." points at nothing.
//   - Nor does a summary open on a sentence that refers back in other
//     words: "Most of the cases …", "The move …", "But …" (refersBack,
//     nameFirst). This only orders the chosen set.

// nearDuplicateShare is how much of the shorter sentence's concepts
// (content words and word pairs, conceptsOf) the other must hold for the
// two to count as saying the same thing. Measured on NeuS val, the pairs
// at or above it restate one fact; below it they share a name and a verb
// but report different things (docs/briefing.md).
const nearDuplicateShare = 0.6

// minDuplicateConcepts is the fewest concepts the shorter sentence needs
// for the share to mean anything: two short sentences sharing a name and
// one word are not restatements.
const minDuplicateConcepts = 4

// nearDuplicate reports whether two sentences, given as their concept
// sets, say the same thing: at least nearDuplicateShare of the smaller
// set is in the larger.
func nearDuplicate(a, b map[string]bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < minDuplicateConcepts {
		return false
	}
	shared := 0
	for c := range a {
		if b[c] {
			shared++
		}
	}
	return float64(shared) >= nearDuplicateShare*float64(len(a))
}

// conceptSet is conceptsOf as a set.
func conceptSet(s string) map[string]bool {
	cs := conceptsOf(s)
	m := make(map[string]bool, len(cs))
	for _, c := range cs {
		m[c] = true
	}
	return m
}

// pronounOpeners are the first words that make a sentence lean on one
// before it for who or what it is about, by language. English: a
// personal or possessive pronoun as the first word. Spanish: the same,
// and, as Spanish drops the subject, a third-person speech verb as the
// first word ("Dijo que …": he or she said).
var pronounOpeners = map[string]map[string]bool{
	"en": wordSet("he", "she", "they", "it", "his", "her", "their", "its", "him", "them"),
	"es": wordSet("él", "ella", "ellos", "ellas", "su", "sus",
		"dijo", "afirmó", "aseguró", "señaló", "explicó", "declaró", "indicó", "añadió", "agregó",
		"sostuvo", "subrayó", "destacó", "advirtió", "insistió", "precisó", "recordó", "reconoció",
		"aclaró", "admitió", "anunció", "respondió", "comentó", "expresó", "manifestó", "apuntó"),
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// opensOnPronoun reports whether sentence s, in language lang ("en" or
// "es"; anything else reads as English), opens on a word that needs the
// sentence before it to say whom it is about. English "it" as the empty
// subject of what follows ("It is not clear whether …", "It's no secret
// that …", "It seemed like a coup: …") points forward, not back, and does
// not count (emptyIt).
func opensOnPronoun(s, lang string) bool {
	ws := text.Words(s)
	if len(ws) == 0 {
		return false
	}
	op, ok := pronounOpeners[lang]
	if !ok {
		lang, op = "en", pronounOpeners["en"]
	}
	if lang == "en" && ws[0] == "it" && emptyIt(s, ws) {
		return false
	}
	return op[ws[0]]
}

// itAuxiliaries may stand between an opening "it" and its verb.
var itAuxiliaries = wordSet("has", "had", "have", "will", "would", "may", "might", "could", "can", "must",
	"should", "not", "also", "now", "still")

// itAlwaysEmpty are the verbs whose "it" stands for what follows
// whatever comes after ("It seems the plan …", "It took 200 attempts …").
var itAlwaysEmpty = wordSet("seems", "seemed", "appears", "appeared", "took", "takes")

// itLinks are the linking verbs after which an opening "it" stands for a
// clause later in the sentence, if one follows (itClauses).
var itLinks = wordSet("is", "was", "s", "be", "been", "remains", "remained", "looks", "looked", "became", "becomes")

// itClauses are the words that bring in the clause an empty "it" stands
// for.
var itClauses = wordSet("that", "whether", "to", "like", "if", "how", "why", "what", "when", "who")

// emptyIt reports whether sentence s (its words ws, ws[0] "it") opens on
// an "it" that stands for what comes later in the sentence: a colon
// follows ("It had been dubbed a brilliant move: …"), or its verb is one
// of itAlwaysEmpty, or a linking verb with a clause after it ("It is not
// clear whether …").
func emptyIt(s string, ws []string) bool {
	if hasClauseColon(s) {
		return true
	}
	i := 1
	for i < len(ws) && itAuxiliaries[ws[i]] {
		i++
	}
	switch {
	case i >= len(ws):
		return false
	case itAlwaysEmpty[ws[i]]:
		return true
	case itLinks[ws[i]]:
		return slices.ContainsFunc(ws[i+1:], func(w string) bool { return itClauses[w] })
	}
	return false
}

// hasClauseColon reports whether s holds a colon that brings in a
// clause: one not followed by a digit, as in a clock time ("10:30") or a
// score ("3:1"), which points nowhere.
func hasClauseColon(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0; i = strings.IndexByte(s, ':') {
		s = s[i+1:]
		if s == "" || s[0] < '0' || s[0] > '9' {
			return true
		}
	}
	return false
}

// articleLangs is each article's language, "en" or "es": its own hint
// where it has one, else guessed from its text.
func articleLangs(articles []news.Article) []string {
	out := make([]string, len(articles))
	for i, a := range articles {
		l := strings.ToLower(a.Lang)
		switch {
		case strings.HasPrefix(l, "es"):
			out[i] = "es"
		case strings.HasPrefix(l, "en"):
			out[i] = "en"
		default:
			out[i] = text.GuessLang(a.Title + ". " + a.Text)
		}
	}
	return out
}

// nameFirst puts first a sentence that does not refer back (whose
// candidate's refers is false: no pronoun, connective, demonstrative or
// other opener of refersBack), keeping the others in their order, so the
// summary's first line says whom it is about and stands on its own: the
// first such sentence that names someone (named), else the first such
// sentence. With the first sentence not referring back, or every one
// doing so, the order stays.
func nameFirst(chosen []candidate, named func(unit) bool) {
	if len(chosen) == 0 || !chosen[0].refers {
		return
	}
	at := -1
	for i, c := range chosen {
		if c.refers {
			continue
		}
		if named(c.u) {
			at = i
			break
		}
		if at < 0 {
			at = i
		}
	}
	if at < 0 {
		return
	}
	c := chosen[at]
	copy(chosen[1:at+1], chosen[:at])
	chosen[0] = c
}

// storyNames are the words the articles mostly capitalise in
// mid-sentence: names of people, places and bodies ("Lopez" in "Maria
// Lopez won"), stop words left out.
func storyNames(articles []news.Article) map[string]bool {
	caps, lower := map[string]int{}, map[string]int{}
	for _, a := range articles {
		for _, sp := range text.Sentences(a.Text) {
			s := sp.Of(a.Text)
			for i, ws := range text.WordSpans(s) {
				if i == 0 {
					continue
				}
				w := s[ws.Start:ws.End]
				r, _ := utf8.DecodeRuneInString(w)
				if unicode.IsUpper(r) {
					caps[strings.ToLower(w)]++
				} else {
					lower[strings.ToLower(w)]++
				}
			}
		}
	}
	names := map[string]bool{}
	for w, n := range caps {
		if n > lower[w] && !stopWords[w] {
			names[w] = true
		}
	}
	return names
}

// namesSomeone reports whether sentence s holds one of names.
func namesSomeone(s string, names map[string]bool) bool {
	return slices.ContainsFunc(text.Words(s), func(w string) bool { return names[w] })
}

// referentKinds says, for a pronoun opener, which kinds of named entity
// it may refer to; an opener not listed (Spanish "su", a dropped-subject
// "Dijo") may refer to any.
var referentKinds = map[string][]text.EntityKind{
	"he": {text.Person}, "she": {text.Person}, "his": {text.Person}, "her": {text.Person}, "him": {text.Person},
	"él": {text.Person}, "ella": {text.Person},
	"it": {text.Organization, text.Place, text.OtherEntity}, "its": {text.Organization, text.Place, text.OtherEntity},
	"they": {text.Organization, text.Place, text.OtherEntity}, "their": {text.Organization, text.Place, text.OtherEntity},
	"them": {text.Organization, text.Place, text.OtherEntity},
}

// sinGenero are the Spanish openers that may refer to a person, a body or
// a thing.
var sinGenero = wordSet("su", "sus", "ellos", "ellas")

// namesReferent reports whether sentence prev names something the
// pronoun opening s may refer to: a named entity of a kind the opener
// allows (referentKinds), or, for "they"/"their"/"them", two people.
func namesReferent(prev, s string) bool {
	ws := text.Words(s)
	if len(ws) == 0 {
		return true
	}
	kinds, ok := referentKinds[ws[0]]
	if !ok && pronounOpeners["es"][ws[0]] && !sinGenero[ws[0]] {
		kinds, ok = []text.EntityKind{text.Person}, true // "Dijo que …": he or she said
	}
	people := 0
	for _, e := range text.Entities(prev) {
		if !ok || slices.Contains(kinds, e.Kind) {
			return true
		}
		if e.Kind == text.Person {
			people++
		}
	}
	switch ws[0] {
	case "they", "their", "them":
		return people >= 2
	}
	return false
}

// placeLeaners moves each sentence after the first that opens on a
// pronoun (the candidate leans) to right after a sentence that names a
// referent of its kind and is not already followed by another such
// sentence, or leaves it out when there is none: "Its chief engineer,
// Samuel Idowu, said the dam was sound." after a sentence naming only
// the mayor reads as the mayor's engineer. A first sentence that leans
// is left to nameFirst; a sentence already after its referent stays.
func placeLeaners(chosen []candidate) []candidate {
	if len(chosen) < 2 {
		return chosen
	}
	out := []candidate{chosen[0]}
	var moved []candidate
	for _, c := range chosen[1:] {
		if c.leans && !namesReferent(out[len(out)-1].u.text, c.u.text) {
			moved = append(moved, c)
			continue
		}
		out = append(out, c)
	}
	for _, c := range moved {
		for i := range out {
			if out[i].leans || i+1 < len(out) && out[i+1].leans || !namesReferent(out[i].u.text, c.u.text) {
				continue
			}
			out = slices.Insert(out, i+1, c)
			break
		}
	}
	return out
}

// A summary's first sentence is read with nothing before it but the
// headline, so it must not refer back to something only an earlier
// sentence of its article said: "Most of the cases are children at two
// primary schools" (what cases?), "The move follows…", "Both said…", "But
// the union…". opensOnPronoun covers a pronoun subject; refersBack adds
// the other openers an editor would strike from a first line, in English
// and Spanish, and nameFirst keeps them out of first place. Definite nouns
// in general are not read ("The plan, agreed after six hours of talks…"
// opens well under its headline): only those that can mean nothing but
// something said before.

// backConnectives are first words (or word pairs) that tie a sentence to
// the one before it: "But …", "However, …", "Sin embargo, …".
var backConnectives = map[string]map[string]bool{
	"en": wordSet("but", "however", "yet", "still", "also", "meanwhile", "instead", "nevertheless",
		"nonetheless", "moreover", "furthermore", "besides", "therefore", "thus", "hence", "consequently",
		"likewise", "similarly", "and", "or", "nor",
		"even so", "as a", "in addition", "by contrast", "in response", "in turn", "despite this", "after that"),
	"es": wordSet("pero", "además", "también", "asimismo", "entonces", "igualmente", "tampoco", "y", "o",
		"sin embargo", "no obstante", "por ello", "por eso", "por tanto", "por su", "en cambio",
		"mientras tanto", "a su", "pese a", "aun así"),
}

// demonstratives open a sentence on something named before ("This is the
// fifth increase…", "These were the first…", "Such cuts…"), unless a time
// word follows ("This week the council voted", "Este jueves…", "This
// year's festival…", "That same day…", "Este 2024…"; pointsAtTime).
var demonstratives = map[string]map[string]bool{
	"en": wordSet("this", "that", "these", "those", "such"),
	"es": wordSet("este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", "esto", "eso",
		"aquel", "aquella", "aquellos", "aquellas", "aquello", "dicho", "dicha", "dichos", "dichas", "tal", "tales"),
}

// timeWords after a demonstrative make it point at the calendar, not back.
// They are folded as text.Key folds ("ano", "dia"), so a word written
// without its accent ("Este miercoles") reads the same; weekdays and
// months are text's lists (pointsAtTime).
var timeWords = wordSet("week", "year", "month", "morning", "afternoon", "evening", "night", "weekend", "season",
	"spring", "summer", "autumn", "fall", "winter", "time", "day", "decade", "century", "quarter", "term",
	"session", "christmas", "weeks", "years", "months", "days",
	"semana", "ano", "mes", "manana", "tarde", "noche", "fin", "temporada", "primavera", "verano",
	"otono", "invierno", "dia", "decada", "siglo", "madrugada", "jornada", "curso", "navidad",
	"semanas", "anos", "meses", "dias")

// pastSame is the word that a demonstrative before ws points at: the
// first, or the one after "same" or "mismo", as "That same day" and "Ese
// mismo día" point at the calendar as "That day" does; "" when ws is
// empty.
func pastSame(ws []string) string {
	if len(ws) > 1 && (ws[0] == "same" || ws[0] == "mismo" || ws[0] == "misma") {
		return ws[1]
	}
	if len(ws) == 0 {
		return ""
	}
	return ws[0]
}

// pointsAtTime reports whether w, the word after a demonstrative, names a
// time: a time word, a weekday or a month ("This Friday", "Este enero"),
// or a year ("Este 2024"), possessive or not ("This year's festival").
// "May" is left out, as "That may change" is far more common than "That
// May", and so are abbreviations ("mar" is also the sea).
func pointsAtTime(w string) bool {
	k := text.Key(w)
	if timeWords[k] {
		return true
	}
	if _, ok := text.WeekdayNumber(k); ok {
		return true
	}
	if _, ok := text.MonthNumber(k); ok && len(k) > 4 {
		return true
	}
	return k != "" && strings.Trim(k, "0123456789") == ""
}

// quantifiers, with "of the"/"de los" after them ("Most of the cases…",
// "La mayoría de los casos…") or standing alone before a verb ("All are
// recovering"), count members of a group named before. With a noun of
// their own ("Most trains were cancelled") they do not lean.
var quantifiers = map[string]map[string]bool{
	"en": wordSet("all", "most", "many", "some", "none", "several", "few", "half", "each", "either", "neither"),
	"es": wordSet("todos", "todas", "muchos", "muchas", "algunos", "algunas", "varios", "varias", "ninguno",
		"ninguna", "mayoría", "mitad", "cada", "otros", "otras"),
}

// ofTheGroup are the words after "of"/"de" that make a quantifier count
// a group named before.
var ofTheGroup = wordSet("the", "them", "these", "those", "its", "their", "his", "her",
	"los", "las", "ellos", "ellas", "estos", "estas", "esos", "esas", "sus")

// countsGroupBefore reports whether ws, the words after a quantifier's
// "of"/"de" ("the cases are…"), count a group named before; raw are the
// same words as written. A possessive or a superlative right after the
// article names the group in the same phrase ("Some of the world's
// biggest banks", "Half of the country's adults", "Most of the largest
// firms", "Algunos de los principales bancos", "La mayoría de los más
// afectados"); after a share quantifier (share), so does a people or a
// population (populationGroup: "La mayoría de los españoles").
func countsGroupBefore(ws, raw []string, lang string, share bool) bool {
	if len(ws) == 0 || !ofTheGroup[ws[0]] {
		return false
	}
	if len(ws) > 1 && definiteArticles[ws[0]] && (namesOwnGroup(ws[1], ws[2:]) || share && populationGroup(raw[1], lang)) {
		return false
	}
	return true
}

// namesOwnGroup reports whether w, after "of the"/"de los", names the
// group itself: a possessive ("world's") or a superlative ("biggest",
// "principales", "más"). An English "-est" counts only before a word
// that is not a verb, as a superlative comes before its noun: "Most of
// the protest was peaceful" is a noun that points back.
func namesOwnGroup(w string, rest []string) bool {
	switch {
	case strings.HasSuffix(w, "'s"), strings.HasSuffix(w, "’s"), strings.HasSuffix(w, "s'"), strings.HasSuffix(w, "s’"):
		return true
	case len(w) > 5 && strings.HasSuffix(w, "est"):
		return len(rest) > 0 && !bareVerbs[rest[0]]
	}
	return superlatives[w]
}

// shareQuantifiers count a share of a group ("Most of the …", "La mayoría
// de los …", "Half of the …"). Of a whole people or population, named by
// its own noun (populationGroup), the share stands on its own: "La
// mayoría de los españoles cree …", "Most of the Americans polled …".
// Other quantifiers count members of a group said before even then:
// "Several of the Americans were injured", "Both of the Americans …".
var shareQuantifiers = wordSet("most", "half", "mayoría", "mitad")

// populationGroup reports whether w, the word after a share quantifier's
// "of the"/"de los" as written, names a people or a population by
// itself: an English capitalised word ("the Americans", "the
// Democrats"), or a noun of populationNouns (Spanish writes demonyms in
// lower case: "los españoles", "los estadounidenses").
func populationGroup(w, lang string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if lang == "en" && unicode.IsUpper(r) {
		return true
	}
	return populationNouns[strings.ToLower(w)]
}

// populationNouns name a whole people or population: demonyms (Spanish,
// in lower case; English ones are capitalised) and the electorate's and
// market's nouns. Nouns of a group an event picked out ("victims",
// "heridos", "residents", "vecinos") are not here: they point back.
var populationNouns = wordSet(
	"voters", "citizens", "taxpayers", "consumers", "electorate", "public", "population",
	"votantes", "electores", "ciudadanos", "ciudadanas", "contribuyentes", "consumidores",
	"españoles", "españolas", "estadounidenses", "americanos", "americanas", "latinoamericanos",
	"europeos", "europeas", "mexicanos", "mexicanas", "argentinos", "argentinas", "colombianos",
	"colombianas", "chilenos", "chilenas", "peruanos", "peruanas", "venezolanos", "venezolanas",
	"cubanos", "cubanas", "ecuatorianos", "ecuatorianas", "bolivianos", "bolivianas", "uruguayos",
	"uruguayas", "paraguayos", "paraguayas", "dominicanos", "dominicanas", "puertorriqueños",
	"puertorriqueñas", "hondureños", "hondureñas", "salvadoreños", "salvadoreñas", "guatemaltecos",
	"guatemaltecas", "nicaragüenses", "costarricenses", "panameños", "panameñas", "canadienses",
	"brasileños", "brasileñas", "portugueses", "portuguesas", "franceses", "francesas", "alemanes",
	"alemanas", "británicos", "británicas", "italianos", "italianas", "catalanes", "catalanas",
	"vascos", "vascas", "gallegos", "gallegas", "andaluces", "andaluzas", "madrileños", "madrileñas",
	"canarios", "canarias", "ucranianos", "ucranianas", "rusos", "rusas", "chinos", "chinas",
	"japoneses", "japonesas", "israelíes", "palestinos", "palestinas", "iraníes")

// superlatives are the Spanish words that, after "de los", pick out the
// group they count ("de los principales bancos", "de los más
// afectados"); English superlatives are read by their "-est".
var superlatives = wordSet("principales", "más", "mayores", "grandes", "menores", "mejores", "peores")

// bareVerbs after a quantifier make it the whole subject ("All are
// recovering", "Todos están…").
var bareVerbs = wordSet("are", "were", "is", "was", "have", "had", "has", "will", "would", "could", "can",
	"may", "might", "must", "should", "said", "say", "says", "remain", "remained", "did", "do",
	"están", "estaban", "estuvieron", "son", "eran", "fueron", "han", "habían", "tienen", "dijeron",
	"se", "siguen", "serán", "pueden")

// backNouns after "the"/"el"/"la" name only something said before: the
// move, the decision, the two (men), the latter. A number word counts
// only on its own ("The two men", not "The two-day strike"). A noun
// followed by what it is of or about names its own referent ("The
// decision to close the plant", "El anuncio de la OTAN"; namingAfter).
var backNouns = map[string]map[string]bool{
	"en": wordSet("move", "decision", "announcement", "remarks", "comments", "incident", "development",
		"step", "latter", "pair", "trio", "duo", "same"),
	"es": wordSet("medida", "decisión", "anuncio", "incidente", "declaraciones", "iniciativa", "misma", "mismo"),
}

// backNumbers after "the"/"los" count people or things named before ("The
// two men", "Los dos hombres"), whatever follows: "The two of them" points
// back too.
var backNumbers = map[string]map[string]bool{
	"en": wordSet("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
	"es": wordSet("dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"),
}

var definiteArticles = wordSet("the", "el", "la", "los", "las")

// namingAfter are the words after a back noun that go on to say what it
// is ("The move to ban diesel", "La decisión del Gobierno de cerrar…").
// They do not rescue a number word: "The two of them" still points back.
var namingAfter = wordSet("to", "that", "of", "by", "de", "del", "que")

// refersBack reports whether sentence s, in language lang ("en" or "es";
// anything else reads as English), opens on words that refer to
// something an earlier sentence said: a pronoun (opensOnPronoun), a
// connective, a demonstrative, a quantifier over a group named before, or
// a definite noun that can only point back ("The move…", "The two…").
func refersBack(s, lang string) bool {
	return opensOnPronoun(s, lang) || opensOnBackWords(s, lang)
}

// opensOnBackWords is refersBack but for the pronoun: the connectives,
// demonstratives, quantifiers and definite nouns. A caller that has asked
// opensOnPronoun already (openerMarks) asks only this, so that the
// sentence is not split into words twice.
func opensOnBackWords(s, lang string) bool {
	if _, ok := backConnectives[lang]; !ok {
		lang = "en"
	}
	raw := leadingFields(s, 6)
	if len(raw) == 0 {
		return false
	}
	ws := make([]string, len(raw))
	for i, f := range raw {
		ws[i] = strings.ToLower(f)
	}
	at := func(i int) string {
		if i < len(ws) {
			return ws[i]
		}
		return ""
	}
	w0, w1, w2 := ws[0], at(1), at(2)
	switch {
	case w0 == "además" && w1 == "de":
		// "Además de la policía, …" names what it adds to, as "In
		// addition to …" does.
		return false
	case lang == "en" && w0 == "so":
		// "So the union…" points back; "So far, 23 people…" and "So
		// many came that…" do not.
		return w1 != "far" && w1 != "many" && w1 != "much"
	case backConnectives[lang][w0]:
		return true
	case w1 != "" && backConnectives[lang][w0+" "+w1]:
		// "As a result" points back, "As a child" does not; "In response
		// to the attack, …" and "In addition to …" name what they follow,
		// and so does "Pese a la lluvia" (not "Pese a ello").
		switch w0 + " " + w1 {
		case "as a":
			return w2 == "result"
		case "in response", "in addition":
			return w2 != "to"
		case "pese a":
			return w2 == "ello" || w2 == "esto" || w2 == "eso"
		case "a su":
			// "A su vez" points back; "A su llegada a Madrid, el
			// presidente…" names its "su" after the comma.
			return w2 == "vez"
		}
		return true
	case demonstratives[lang][w0]:
		// "Those who …", "Those killed …", "Tal como …", "Tal vez …"
		// describe, they do not point back.
		w1 = pastSame(ws[1:])
		if w0 == "those" && len(w1) > 4 && strings.HasSuffix(w1, "ed") {
			return false
		}
		return !pointsAtTime(w1) && w1 != "who" && w1 != "como" && w1 != "vez" && w1 != "y"
	case w0 == "la" && quantifiers[lang][w1]: // "La mayoría de los…"
		return w2 == "de" && countsGroupBefore(ws[3:], raw[3:], lang, shareQuantifiers[w1])
	case w0 == "others":
		// A group set against one named before ("Others said …").
		// "Another 1.9 million Americans filed …" is a news lead's
		// convention, not a reference, so "another" is not read.
		return true
	case w0 == "both" || w0 == "ambos" || w0 == "ambas":
		// "Both men said …" points back; "Both Republican members of the
		// board …" and "Both Moreno and Greaves …" name their two.
		return (w1 == "of" || w1 == "de") && countsGroupBefore(ws[2:], raw[2:], lang, false) || bareVerbs[w1] || bareVerbs[w2]
	case quantifiers[lang][w0]:
		return (w1 == "of" || w1 == "de") && countsGroupBefore(ws[2:], raw[2:], lang, shareQuantifiers[w0]) || bareVerbs[w1] || w1 == "ellos" || w1 == "ellas"
	case definiteArticles[w0]:
		return backNumbers[lang][w1] || backNouns[lang][w1] && !namingAfter[w2]
	}
	return false
}

// leadingFields are the first n words of s as written, with the
// punctuation at their ends trimmed ("However," is "However"); a word's
// inner hyphen stays, so "two-day" is not "two". A token of punctuation
// alone ("- The move…") is no word. refersBack reads them lower-cased,
// and the case only where it names a people ("the Americans").
func leadingFields(s string, n int) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if f == "" {
			continue
		}
		out = append(out, f)
		if len(out) == n {
			break
		}
	}
	return out
}
