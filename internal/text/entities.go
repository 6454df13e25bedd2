package text

import (
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// EntityKind classifies a named entity.
type EntityKind string

// Entity kinds.
const (
	Person       EntityKind = "person"
	Organization EntityKind = "org"
	Place        EntityKind = "place"
	OtherEntity  EntityKind = "other"
)

// Entity is a named person, organisation or place mentioned in a text.
type Entity struct {
	Text string     `json:"text"`
	Kind EntityKind `json:"kind"`
	Span news.Span  `json:"span"`
	// Key is the canonical form for matching mentions across articles:
	// lower case, accents folded, possessive dropped (see Key).
	Key string `json:"key"`
	// Title is the honorific or title written just before a person's
	// name ("President", "la ministra"), if any.
	Title string `json:"title,omitempty"`
}

// Entities finds named people, organisations and places in s. It is rule
// based: runs of capitalised words (a sentence's first word only when it
// is not a common sentence opener), classified by titles and honorifics,
// organisation words, a gazetteer of places, a list of given names, and
// by earlier mentions of the same name in s.
func Entities(s string) []Entity {
	toks := tokenize(s)
	// Words seen capitalised where capitals are not forced: evidence that
	// a sentence-initial word is a name too.
	capSeen := map[string]bool{}
	for _, t := range toks {
		if t.word && !t.initial && isCap(t.text(s)) {
			capSeen[Key(t.text(s))] = true
		}
	}
	var out []Entity
	var persons []Entity
	for i := 0; i < len(toks); {
		t := toks[i]
		if !t.word || !nameWord(t.text(s)) {
			i++
			continue
		}
		// Extend over capitalised words and inner connectors.
		j := i + 1
		for j < len(toks) {
			w := toks[j]
			if w.word && nameWord(w.text(s)) && !w.initial {
				j++
				continue
			}
			if w.word && connectorFits(s, toks, i, j) && j+1 < len(toks) &&
				toks[j+1].word && nameWord(toks[j+1].text(s)) {
				j += 2
				continue
			}
			break
		}
		e, ok := classify(s, toks, i, j, capSeen, persons)
		i = j
		if !ok {
			continue
		}
		if e.Kind == Person {
			persons = append(persons, e)
		}
		out = append(out, e)
	}
	// A bare surname seen before its full name is a person too.
	for k := range out {
		if out[k].Kind == OtherEntity {
			for _, p := range persons {
				if Corefer(out[k], p) {
					out[k].Kind = Person
					break
				}
			}
		}
	}
	return out
}

// nameWord reports whether w can be part of a name: capitalised, and not a
// month or weekday.
func nameWord(w string) bool {
	if !isCap(w) {
		return false
	}
	k := Key(w)
	if _, ok := months[k]; ok && len(k) > 3 {
		return false
	}
	_, ok := weekdays[k]
	return !ok
}

// classify turns the capitalised run toks[i:j] into an entity.
func classify(s string, toks []token, i, j int, capSeen map[string]bool, persons []Entity) (Entity, bool) {
	word := func(k int) string { return toks[k].text(s) }
	// Drop sentence openers and leading connectors.
	for i < j && ((toks[i].initial && notStartNames[Key(word(i))]) || nameConnectors[Key(word(i))] && !isCap(word(i)) || isDeterminer(Key(word(i))) && i+1 < j) {
		i++ // openers, connectors, and a leading "The"/"El"
	}
	if i >= j {
		return Entity{}, false
	}
	// Titles: written inside the run ("President Obama") or just before it
	// in lower case ("la ministra Calvo", "former president Obama").
	title := ""
	titleStart := -1
	if i > 0 && toks[i-1].word {
		if _, ok := personTitles[Key(word(i-1))]; ok && !isCap(word(i-1)) {
			title, titleStart = word(i-1), toks[i-1].start
			if i > 1 && toks[i-2].word && (Key(word(i-2)) == "la" || Key(word(i-2)) == "el") {
				titleStart = toks[i-2].start
				title = s[titleStart:toks[i-1].end]
			}
		}
	}
	// "Ohio Democratic Party Chairman David Pepper": a title inside the
	// run, after an organisation and before a given name, makes the
	// organisation part of the person's title.
	for t := i + 1; t < j-1 && title == ""; t++ {
		k := Key(strings.TrimSuffix(word(t), "."))
		_, isTitle := personTitles[k]
		if (isTitle || roleNouns[k] && !orgHeads[k]) && firstNames[Key(word(t+1))] != "" && hasOrgHead(s, toks[i:t]) {
			title, titleStart = strings.TrimSpace(s[toks[i].start:toks[t].end]), toks[i].start
			i = t + 1
		}
	}
	for i < j-1 {
		// A title is a title word, or a role noun after role modifiers
		// ("Press Secretary", "Democratic presidential candidate").
		t := i
		for t < j-1 && roleModifier(Key(word(t))) && !orgHeads[Key(word(t))] {
			t++
		}
		k := Key(strings.TrimSuffix(word(t), "."))
		_, isTitle := personTitles[k]
		if !isTitle && !(roleNouns[k] && !orgHeads[k]) || t >= j-1 || hasOrgHead(s, toks[t+1:j]) {
			break // "Justice Department" names no justice
		}
		if titleStart < 0 {
			titleStart = toks[i].start
		}
		i = t + 1
		// "Secretary of State John Kerry", "Minister for Health Ana Ruiz".
		if i+2 < j && nameConnectors[Key(word(i))] && !isCap(word(i)) {
			i += 2
		}
		title = strings.TrimSpace(s[titleStart:toks[i].start])
	}
	for i < j && nameConnectors[Key(word(i))] && !isCap(word(i)) {
		i++
	}
	if i >= j {
		return Entity{}, false
	}
	start, end := toks[i].start, toks[j-1].end
	txt := s[start:end]
	// Drop a possessive ending.
	for _, suf := range []string{"’s", "'s"} {
		if strings.HasSuffix(txt, suf) {
			end -= len(suf)
			txt = s[start:end]
		}
	}
	if txt == "" {
		return Entity{}, false
	}
	e := Entity{Text: txt, Span: news.Span{Start: start, End: end}, Key: Key(txt), Title: title}
	n := j - i
	if n == 1 {
		// Pronouns ("I", "I'm", "They"), openers and bare titles name
		// nobody.
		k := e.Key
		if b, _, ok := strings.Cut(k, "'"); ok {
			k = b
		}
		if b, _, ok := strings.Cut(k, "’"); ok {
			k = b
		}
		_, pron := pronounGender[k]
		_, ttl := personTitles[strings.TrimSuffix(k, ".")]
		if pron || notStartNames[k] && !isAllCaps(txt) || ttl && title == "" || utf8.RuneCountInString(k) < 2 {
			return Entity{}, false
		}
	}
	firstKey := Key(word(i))
	switch {
	case title != "" && !places[e.Key]:
		e.Kind = Person
	case places[e.Key]:
		e.Kind = Place
	case hasOrgHead(s, toks[i:j]):
		e.Kind = Organization
	case (firstNames[firstKey] != "" || n > 1 && firstNames[givenKey(firstKey)] != "") && (n > 1 || !toks[i].initial):
		// A hyphenated word's first part tells a given name only with a
		// surname after it: alone, "Al-Qaeda" or "Mercedes-Benz" names no
		// person.
		e.Kind = Person
	case n == 1 && isAllCaps(txt) && utf8.RuneCountInString(txt) <= 5 && firstNames[e.Key] == "":
		if placeOnlyAcronyms[e.Key] {
			e.Kind = Place
		} else {
			e.Kind = Organization
		}
	default:
		e.Kind = OtherEntity
		for _, p := range persons {
			if Corefer(e, p) {
				e.Kind = Person
				break
			}
		}
		if e.Kind == OtherEntity && n >= 2 && n <= 3 && (followedBySpeech(s, toks, j) || roleAppositive(s, toks, j)) {
			e.Kind = Person
		}
	}
	// A lone capitalised sentence opener is only a name if the text
	// capitalises it elsewhere too, or a list knows it.
	possessive := end < toks[j-1].end
	if n == 1 && toks[i].initial && e.Kind == OtherEntity && !capSeen[firstKey] && !possessive && !followedBySpeech(s, toks, j) {
		return Entity{}, false
	}
	return e, true
}

func hasOrgHead(s string, toks []token) bool {
	for _, t := range toks {
		w := t.text(s)
		if isCap(w) && orgHeads[Key(strings.TrimSuffix(w, "."))] {
			return true
		}
	}
	return false
}

// connectorFits reports whether the lower-case word toks[j] may join the
// capitalised run toks[i:j] to the next capitalised word: name particles
// always ("Rio de Janeiro"), "of", "and", "the" only inside organisation
// names and titles ("Bank of America", "Secretary of State").
func connectorFits(s string, toks []token, i, j int) bool {
	w := toks[j].text(s)
	k := Key(w)
	if !nameConnectors[k] || isCap(w) {
		return false
	}
	switch k {
	case "and", "y", "e":
		return false
	case "of", "for", "the", "on":
		for x := i; x < j; x++ {
			kx := Key(strings.TrimSuffix(toks[x].text(s), "."))
			if _, ok := personTitles[kx]; ok || orgHeads[kx] || roleNouns[kx] {
				return true
			}
		}
		return false
	}
	return true
}

// followedBySpeech reports whether toks[j] (after an optional comma, or
// an adverb: "Cruz openly admitted") is a speech verb: "Haley Morris
// said".
func followedBySpeech(s string, toks []token, j int) bool {
	if j < len(toks) && !toks[j].word && toks[j].text(s) == "," {
		j++
	}
	if j+1 < len(toks) && toks[j].word {
		if w := toks[j].text(s); strings.HasSuffix(w, "ly") && len(w) > 4 && !isCap(w) {
			j++
		}
	}
	return j < len(toks) && toks[j].word && speechVerbs[Key(toks[j].text(s))]
}

// roleAppositive reports whether toks[j:] reads ", a spokeswoman", ", the
// minister", ", 42,": the appositives news writing puts after a person's
// name.
func roleAppositive(s string, toks []token, j int) bool {
	if j+1 >= len(toks) || toks[j].word || toks[j].text(s) != "," {
		return false
	}
	k := j + 1
	if isDigitByte(toks[k].text(s)[0]) && k+1 < len(toks) && toks[k+1].text(s) == "," {
		return true
	}
	if !isDeterminer(Key(toks[k].text(s))) {
		return false
	}
	for x := k + 1; x < len(toks) && x <= k+4 && toks[x].word; x++ {
		if roleNouns[Key(toks[x].text(s))] {
			return true
		}
	}
	return false
}

// Corefer reports whether two mentions may name the same entity: equal
// keys; for people, one name's words a trailing or leading part of the
// other's ("Maria Lopez" / "Lopez", "López Obrador"); for organisations,
// one an acronym of the other ("North Atlantic Treaty Organization" /
// "NATO").
func Corefer(a, b Entity) bool {
	if a.Key == "" || b.Key == "" {
		return false
	}
	if a.Key == b.Key {
		return true
	}
	if a.Kind == Place || b.Kind == Place {
		return false
	}
	aw, bw := strings.Fields(a.Key), strings.Fields(b.Key)
	if len(aw) > len(bw) {
		aw, bw = bw, aw
		a, b = b, a
	}
	if a.Kind != Organization && b.Kind != Organization && (a.Kind == Person || b.Kind == Person) {
		// The shorter must be a contiguous run of the longer's words,
		// ending at its last word or (Spanish double surnames) starting
		// after its given name.
		for off := 1; off+len(aw) <= len(bw); off++ {
			if strings.Join(bw[off:off+len(aw)], " ") == a.Key && (off+len(aw) == len(bw) || off == 1) {
				return true
			}
		}
		return false
	}
	if len(aw) == 1 && isAllCaps(a.Text) {
		var all, content strings.Builder
		for _, w := range bw {
			r, _ := utf8.DecodeRuneInString(w)
			all.WriteRune(r)
			if !nameConnectors[w] {
				content.WriteRune(r)
			}
		}
		return content.String() == a.Key || all.String() == a.Key
	}
	return false
}

// personGender guesses a person's gender from their title or given name:
// "m", "f" or "".
func personGender(e Entity) string {
	if e.Title != "" {
		tw := strings.Fields(Key(e.Title))
		if g := personTitles[strings.TrimSuffix(tw[len(tw)-1], ".")]; g != "" {
			return g
		}
	}
	if w := strings.Fields(e.Key); len(w) > 0 {
		k := w[0]
		if len(w) > 1 {
			// As in entity: a hyphenated word alone ("Mercedes-Benz") is
			// no given name.
			k = givenKey(k)
		}
		if !unisexNames[k] {
			return firstNames[k]
		}
	}
	return ""
}

// givenKey returns k, or for a hyphenated given name that firstNames lacks
// ("jean-luc", "ana-maria") its first part, which tells that the name is a
// person's and, unless unisex, the gender.
func givenKey(k string) string {
	if firstNames[k] != "" {
		return k
	}
	if b, _, ok := strings.Cut(strings.ReplaceAll(k, "\u2011", "-"), "-"); ok {
		return b
	}
	return k
}
