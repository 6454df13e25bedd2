package cluster

import (
	"cmp"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/text"
)

// Incident anchors are the details a reporter writes to pin down where and
// to whom something happened, and that a later report of the same incident
// repeats word for word: a street address ("the 13500 block of Cerise
// Avenue", "2806 Long Lane") and a person named with an age ("Julian L.
// Sims, 20,"). Two incidents seldom share one: a street number and a
// street name, or a surname and an age, pick out one house or one person.
// An article sharing an anchor with a story may join it at a lower score
// (see Config.AnchorThreshold): a follow-up that names the arrested man or
// the victim's family shares few other words with the first report.

const (
	kindAnchor = 'a'
	// heldAnchors bounds the anchors a story keeps: its first reports
	// name the address and the victims.
	heldAnchors = 32
	// heldStreets bounds the street names a story keeps.
	heldStreets = 8
	// roundUpAges is the most ages an article may give for the age rule
	// (see Config.AgeThreshold): a report of one incident gives the
	// victim's age and perhaps the suspect's and a witness's; one that
	// gives more is a round-up of several incidents.
	roundUpAges = 3
)

// streetTypes are the words that end a street's name, as written with a
// capital, with or without a full stop.
var streetTypes = map[string]bool{
	"Street": true, "St": true, "Avenue": true, "Ave": true, "Av": true,
	"Road": true, "Rd": true, "Boulevard": true, "Blvd": true, "Drive": true,
	"Dr": true, "Lane": true, "Ln": true, "Way": true, "Court": true, "Ct": true,
	"Place": true, "Pl": true, "Parkway": true, "Pkwy": true, "Highway": true,
	"Hwy": true, "Circle": true, "Terrace": true, "Trail": true, "Pike": true,
}

// directions may stand between a street number and the street's name.
var directions = map[string]bool{
	"N": true, "S": true, "E": true, "W": true, "NE": true, "NW": true, "SE": true, "SW": true,
	"North": true, "South": true, "East": true, "West": true,
}

// anchors returns the incident anchors of texts, hashed, sorted and
// without repeats, and the names of the streets their addresses are on
// (folded, sorted, without repeats). Only digit runs start the search, so a text
// costs one pass and a few look-arounds.
func anchors(texts ...string) ([]uint64, []string) {
	var out []uint64
	var streets []string
	for _, s := range texts {
		out, streets = appendAnchors(out, streets, s)
	}
	slices.Sort(out)
	slices.Sort(streets)
	return slices.Compact(out), slices.Compact(streets)
}

// appendAnchors appends the anchors and streets of s.
func appendAnchors(out []uint64, streets []string, s string) ([]uint64, []string) {
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' || i > 0 && !numberStart(s, i) {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j < len(s) && s[j] == ' ' && j-i >= 2 && j-i <= 6 {
			if h, street, ok := address(s, i, j); ok {
				out = append(out, h)
				streets = append(streets, street)
			}
		}
		if j < len(s) && s[j] == ',' && j-i <= 3 {
			if h, ok := namedAge(s, i, j); ok {
				out = append(out, h)
			}
		}
		i = j
	}
	return out, streets
}

// numberStart reports whether the digit at i starts a number of its own:
// not inside a word ("M16"), a figure ("1,500", "3.5") or a time ("1:15").
func numberStart(s string, i int) bool {
	c, _ := utf8.DecodeLastRuneInString(s[:i])
	if isWordRune(c) || c == ':' || c == '$' || c == '-' || c == '/' {
		return false
	}
	if (c == ',' || c == '.') && i >= 2 && s[i-2] >= '0' && s[i-2] <= '9' {
		return false
	}
	return true
}

// nextWord returns the word starting at i (letters, digits, an apostrophe
// or hyphen inside) and where it ends.
func nextWord(s string, i int) (string, int) {
	j := i
	for j < len(s) {
		c, n := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(c) && !(c == '\'' || c == '-') {
			break
		}
		j += n
	}
	return s[i:j], j
}

// capitalised reports whether w begins with an upper-case letter.
func capitalised(w string) bool {
	c, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(c)
}

// address reads a street address whose number is s[i:j]: the number, an
// optional "block of", an optional direction, one to three capitalised
// words (or an ordinal, "14th") and a street type. The anchor is the
// hundred-block with the street's last name word, so "13548 Cerise Avenue"
// and "the 13500 block of Cerise Ave." agree. A single digit is not taken
// for a street number: in a headline's capitals "4 Shot Near Park Drive"
// would read as one. It also returns the street's name word.
func address(s string, i, j int) (uint64, string, bool) {
	k := j + 1
	w, e := nextWord(s, k)
	blockOf := false
	if strings.EqualFold(w, "block") {
		blockOf = true
		if e+1 >= len(s) || s[e] != ' ' {
			return 0, "", false
		}
		of, e2 := nextWord(s, e+1)
		if of != "of" || e2 >= len(s) || s[e2] != ' ' {
			return 0, "", false
		}
		k = e2 + 1
		w, e = nextWord(s, k)
	}
	if directions[w] {
		if e < len(s) && s[e] == '.' {
			e++
		}
		if e >= len(s) || s[e] != ' ' {
			return 0, "", false
		}
		k = e + 1
		w, e = nextWord(s, k)
	}
	var last string
	for n := 0; n < 4; n++ {
		if n > 0 && streetTypes[w] {
			return blockAnchor(s[i:j], last)
		}
		if w == "" || !(capitalised(w) || ordinalNumber(w)) || n > 0 && calendarWord(w) {
			// "the 700 block of North Homan in ...": after "block of"
			// the street is plain without its type, which many
			// reports leave out.
			if blockOf && n > 0 {
				return blockAnchor(s[i:j], last)
			}
			return 0, "", false
		}
		if n == 3 {
			return 0, "", false
		}
		last = w
		if e >= len(s) || s[e] != ' ' {
			if blockOf {
				return blockAnchor(s[i:j], last)
			}
			return 0, "", false
		}
		w, e = nextWord(s, e+1)
	}
	return 0, "", false
}

// blockAnchor is the anchor of an address in the hundred-block of the
// street number num, on the street whose last name word is name, and the
// street's name folded.
func blockAnchor(num, name string) (uint64, string, bool) {
	block := 0
	for k := 0; k < len(num); k++ {
		block = block*10 + int(num[k]-'0')
	}
	street := string(fold(nil, name))
	key := strconv.Itoa(block/100*100) + " " + street
	return hashStr(kindAnchor, key), street, true
}

// calendarWord reports whether w names a weekday or a month, which may
// follow a street without its type ("the 7700 block of Utica Tuesday")
// but is not part of its name (a street may begin with one: "May
// Street"). w is folded as text's lists are (text.Key: accents and a
// possessive dropped), so "Tuesday's" and "Miércoles" are read too.
func calendarWord(w string) bool {
	k := text.Key(w)
	_, month := text.MonthNumber(k)
	_, day := text.WeekdayNumber(k)
	return month || day
}

// ordinalNumber reports whether w is a numbered street's name: "14th".
func ordinalNumber(w string) bool {
	d := ordinal(w)
	if d == w || d == "" {
		return false
	}
	for k := 0; k < len(d); k++ {
		if d[k] < '0' || d[k] > '9' {
			return false
		}
	}
	return true
}

// namedAge reads a person named with an age whose number is s[i:j]:
// "First Last, 20," or "First M. Last, 20,". The anchor is the surname
// with the age: the same person, whatever first name or initial the
// outlet gives.
func namedAge(s string, i, j int) (uint64, bool) {
	if j-i > 3 || i < 2 || s[i-1] != ' ' || s[i-2] != ',' {
		return 0, false
	}
	age := 0
	for k := i; k < j; k++ {
		age = age*10 + int(s[k]-'0')
	}
	if age == 0 || age > 110 || j+1 >= len(s) || s[j+1] != ' ' {
		return 0, false
	}
	// The surname ends at the comma; the word before it must be a
	// capitalised first name or an initial.
	end := i - 2
	end = beforeSuffix(s, end)
	start := wordStart(s, end)
	sur := s[start:end]
	if len(sur) < 2 || !capitalised(sur) || start < 2 || s[start-1] != ' ' {
		return 0, false
	}
	prevEnd := start - 1
	if s[prevEnd-1] == '.' {
		prevEnd-- // an initial, "L."
	}
	prev := s[wordStart(s, prevEnd):prevEnd]
	if prev == "" || !capitalised(prev) {
		return 0, false
	}
	var b []byte
	b = fold(b, sur)
	b = append(b, ' ')
	b = append(b, s[i:j]...)
	return hashStr(kindAnchor, string(b)), true
}

// nameSuffixes may follow a surname: "Darell Alston Jr., 26,".
var nameSuffixes = map[string]bool{"Jr": true, "Sr": true, "II": true, "III": true, "IV": true}

// beforeSuffix returns where the surname ends when the name ending at end
// closes with a suffix ("Alston Jr." or "Alston, Jr."), end otherwise:
// the suffix is left out of the anchor, as outlets add or drop it.
func beforeSuffix(s string, end int) int {
	k := end
	if k > 0 && s[k-1] == '.' {
		k--
	}
	w := wordStart(s, k)
	if !nameSuffixes[s[w:k]] || w < 2 || s[w-1] != ' ' {
		return end
	}
	k = w - 1
	if s[k-1] == ',' {
		k--
	}
	return k
}

// wordStart returns where the word ending at end begins.
func wordStart(s string, end int) int {
	k := end
	for k > 0 {
		c, n := utf8.DecodeLastRuneInString(s[:k])
		if !isWordRune(c) && !(c == '\'' || c == '-') {
			break
		}
		k -= n
	}
	return k
}

// sharesAnchor reports whether two sorted anchor lists share one.
func sharesAnchor(a, b []uint64) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			return true
		}
	}
	return false
}

// noteAnchors adds an article's anchors to its story's, keeping the first
// heldAnchors.
func noteAnchors(s *story, as []uint64) { s.anchors = insertSorted(s.anchors, as, heldAnchors) }

// otherStreets reports whether a and b, sorted street names, both name
// streets and none of a's is one of b's, a letter's slip apart ("Starr"
// and "Star", "Killiam" and "Kiliam"): the article and the story place
// their incidents on different streets.
func otherStreets(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if nearSpelling(x, y) {
				return false
			}
		}
	}
	return true
}

// nearSpelling reports whether a and b are at most one edit apart.
func nearSpelling(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return i == len(a) || a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// noteStreets adds an article's streets to its story's, keeping the first
// heldStreets.
func noteStreets(s *story, streets []string) {
	s.streets = insertSorted(s.streets, streets, heldStreets)
}

// insertSorted adds the values of add missing from set, a sorted slice
// without repeats, keeping it so and stopping at limit values.
func insertSorted[T cmp.Ordered](set, add []T, limit int) []T {
	for _, v := range add {
		if len(set) >= limit {
			break
		}
		if i, found := slices.BinarySearch(set, v); !found {
			set = slices.Insert(set, i, v)
		}
	}
	return set
}

// ages is a set of ages from 1 to 127, as a text gives them: "a
// 6-year-old", "the 14-Year-Old girl".
type ages [2]uint64

// textAges returns the ages texts write as "N-year-old".
func textAges(texts ...string) ages { return readAges(false, texts...) }

// personAges is textAges without the ages of things: "an arrest in a
// 41-year-old double murder case" gives the case's age, not a person's,
// and a report of an old crime gives it where the others give the
// suspect's age.
func personAges(texts ...string) ages { return readAges(true, texts...) }

// thingAgeWords name what an age can be of besides a person, as the
// head of the noun after the age (see thingAge).
var thingAgeWords = map[string]bool{
	"case": true, "cases": true, "murder": true, "murders": true, "killing": true,
	"killings": true, "slaying": true, "slayings": true, "crime": true, "crimes": true,
	"mystery": true, "homicide": true, "homicides": true, "record": true, "law": true,
	"building": true, "house": true, "home": true, "company": true, "business": true,
	"tradition": true, "rivalry": true, "feud": true, "dispute": true, "bridge": true,
	"church": true, "warehouse": true, "store": true, "shop": true, "restaurant": true,
}

// ageStops end the noun an age is read with: "a 7-year-old at home" is
// a child's age, whatever the words after "at" name.
var ageStops = map[string]bool{
	"at": true, "in": true, "on": true, "of": true, "to": true, "from": true, "with": true,
	"by": true, "for": true, "and": true, "or": true, "his": true, "her": true, "their": true,
	"its": true, "the": true, "a": true, "an": true, "was": true, "is": true, "were": true,
	"had": true, "has": true, "who": true, "that": true,
}

// ageModifiers may stand before a thing's name after its age: "a
// 41-year-old double murder case", "a 30-year-old family feud".
var ageModifiers = map[string]bool{
	"double": true, "triple": true, "cold": true, "unsolved": true, "family": true, "old": true,
}

// thingAge reports whether the noun after s[:e] names a thing: its words
// up to punctuation or an ageStops word, at most three, are all
// thingAgeWords or ageModifiers, one of them a thing ("a 41-year-old
// double murder case.", "his 30-year-old record, but"). Any other word
// makes it a person's age ("a 41-year-old murder suspect", "the
// 35-year-old store manager", "the 8-year-old boy came home"), as does a
// possessive ("the 7-year-old's murder").
func thingAge(s string, e int) bool {
	end := e
	for end < len(s) && end-e < 60 && (s[end] == ' ' || s[end] == '-' || s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z') {
		end++
	}
	thing := false
	for i, w := range strings.Fields(s[e:end]) {
		w = strings.ToLower(w)
		if i == 3 || ageStops[w] {
			break
		}
		if !thingAgeWords[w] && !ageModifiers[w] {
			return false
		}
		thing = thing || thingAgeWords[w]
	}
	return thing
}

// readAges returns the ages texts write as "N-year-old", without those
// of things when people is set (see personAges).
func readAges(people bool, texts ...string) ages {
	var a ages
	for _, s := range texts {
		for k := 1; k < len(s); k++ {
			if s[k] != '-' || s[k-1] < '0' || s[k-1] > '9' ||
				!strings.HasPrefix(s[k+1:], "year-old") && !strings.HasPrefix(s[k+1:], "Year-Old") {
				continue
			}
			i := k - 1
			for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
				i--
			}
			if k-i > 2 || i > 0 && isWordRune(rune(s[i-1])) {
				continue
			}
			if people && thingAge(s, k+len("-year-old")) {
				continue
			}
			n := 0
			for _, c := range s[i:k] {
				n = n*10 + int(c-'0')
			}
			if n > 0 {
				a.set(n)
			}
		}
	}
	return a
}

// shares reports whether a and b have an age in common.
func (a ages) shares(b ages) bool { return a[0]&b[0] != 0 || a[1]&b[1] != 0 }

// count is how many ages a holds.
func (a ages) count() int { return bits.OnesCount64(a[0]) + bits.OnesCount64(a[1]) }

// add puts b's ages into a.
func (a *ages) add(b ages) { a[0], a[1] = a[0]|b[0], a[1]|b[1] }

// set puts n, from 1 to 127, into a.
func (a *ages) set(n int) { a[n/64] |= 1 << (n % 64) }

// otherAges reports whether the article's headline and the story's
// headlines each give an age, and neither side's headline age is one the
// other side gives anywhere: "10-year-old shot inside hotel room" is
// another child than "9-year-old girl injured by stray bullet".
func otherAges(p *prepared, s *story) bool {
	if p.titleAges.count() == 0 || s.titleAges.count() == 0 {
		return false
	}
	return !p.titleAges.shares(s.ages) && !s.titleAges.shares(p.ages)
}

// spelledCounts are the counts a headline spells out: "Five teens shot".
var spelledCounts = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}

// casualtyWords are what a headline counts: "3 dead", "4 teens shot",
// "Five are shot", "1 killed, 2 wounded".
var casualtyWords = map[string]bool{
	"dead": true, "killed": true, "shot": true, "wounded": true, "injured": true, "hurt": true,
	"die": true, "dies": true, "slain": true, "victims": true, "people": true, "persons": true,
	"men": true, "women": true, "teens": true, "children": true, "kids": true, "boys": true,
	"girls": true, "shootings": true,
}

// headlineCounts returns the victim counts a headline gives: a number
// from 1 to 99, in digits or spelled out, with a casualty word at most
// two words after it ("5 Dead, 17 Wounded"; "Five are shot"). An age is
// not a count: "3-year-old" is one word, and "Boy, 7, shot" has a comma
// after the number.
func headlineCounts(title string) ages { return victimCounts(headline(title)) }

// victimCounts returns the victim counts s gives, as headlineCounts reads
// them.
func victimCounts(s string) ages {
	var a ages
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(c) {
			i += n
			continue
		}
		w, e := nextWord(s, i)
		i = e
		if w == "" {
			i += n
			continue
		}
		v := spelledCounts[strings.ToLower(w)]
		if w[0] >= '0' && w[0] <= '9' {
			v = 0
			if len(w) <= 2 && (len(w) == 1 || w[1] >= '0' && w[1] <= '9') {
				v = int(w[0] - '0')
				if len(w) == 2 {
					v = v*10 + int(w[1]-'0')
				}
			}
		}
		if v == 0 || e < len(s) && s[e] == ',' || !casualtyFollows(s, e) {
			continue
		}
		a.set(v)
	}
	return a
}

// casualtyFollows reports whether one of the two words after s[:e] is a
// casualty word.
func casualtyFollows(s string, e int) bool {
	for range 2 {
		for e < len(s) && (s[e] == ' ' || s[e] == ',') {
			e++
		}
		w, e2 := nextWord(s, e)
		if w == "" {
			return false
		}
		if casualtyWords[strings.ToLower(w)] {
			return true
		}
		e = e2
	}
	return false
}
