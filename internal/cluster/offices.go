package cluster

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/text"
)

// Holders of one office: a report that names the Interior Secretary as
// Dirk Kempthorne is not of the story that names him Ken Salazar. One
// person holds a cabinet post at a time, so two holders with no name in
// common place the two texts in two administrations, however much else
// (the law, the agency, the president) they share. This is the evidence
// an editor reads when an undated report of a rule's making scores high
// against the story of its reversal (round 16 of issue 4).
//
// Only posts that a qualifier makes one of a kind are read: "Interior
// Secretary", "Prime Minister", "Secretary of State"; a bare
// "Secretary" or "Minister" may be any of many. Coaches, sheriffs and
// mayors are left out: a story of a game or a county names two of them.

// officeHolder matches a post and the whole name after it: a capitalised
// qualifier before "Secretary" or "Minister", or "of" and one after it,
// then two to four capitalised words or initials, so that a double
// surname ("Jose Luis Rodriguez Zapatero") is read whole rather than cut
// to its given names, which would make one holder two.
var officeHolder = regexp.MustCompile(`\b(?:([A-Z][a-z]+) (Secretary|Minister)|(Secretary|Minister) of ([A-Z][a-z]+)) ([A-Z][a-z]+(?: (?:[A-Z]\.|[A-Z][a-z]+)){1,3})\b`)

// heldOffices is how many office holders a story keeps.
const heldOffices = 16

// notQualifier are capitalised words before a post that do not say which
// post it is: a past holder's or a second's mark, or a post of which
// there are many ("Press Secretary", "Permanent Secretary" of each
// department, "Cabinet Secretary" in each cabinet, "General Secretary"
// of each party or union), or one in each region, which no nationality
// before it need name ("First Minister" of Scotland and of Wales, "Chief
// Minister" of each Indian state). A function word, capitalised at a
// sentence's start ("When Secretary Ken Salazar spoke", "The Minister"),
// is not one either: qualifier reads the package's stopwords for those.
var notQualifier = map[string]bool{
	"Former": true, "Ex": true, "Acting": true, "Deputy": true,
	"Assistant": true, "Press": true, "Shadow": true, "Junior": true, "Vice": true,
	"Permanent": true, "Cabinet": true, "Private": true, "Principal": true, "Parliamentary": true, "General": true,
	"First": true, "Chief": true,
}

// qualifier reports whether q, the capitalised word before "Secretary"
// or "Minister", makes the post one of a kind.
func qualifier(q string) bool {
	return !notQualifier[q] && !stopwords[strings.ToLower(q)]
}

// notHolderMarks are the words before a post that make its holder other
// than the one person who holds it now: a past holder ("former Interior
// Secretary", "then-Prime Minister") or a second ("Deputy Prime
// Minister", "shadow Foreign Secretary").
var notHolderMarks = []string{
	"former ", "ex-", "then-", "then ", "outgoing ", "late ",
	"deputy ", "vice ", "assistant ", "acting ", "shadow ", "junior ", "under ",
}

// nationalities are the adjectives that say whose post a post is when
// written before it ("Russian Foreign Minister", "Scottish First
// Minister"): each country has its foreign minister and prime minister,
// so a post keyed with its nationality is another post than the same
// post of another country, or than the post with none.
var nationalities = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`afghan albanian algerian american argentine argentinian armenian australian
austrian azerbaijani bangladeshi belgian bolivian bosnian brazilian british bulgarian burmese cambodian
canadian chilean chinese colombian croatian cuban cypriot czech danish dutch ecuadorean ecuadorian egyptian
english estonian ethiopian filipino finnish french georgian german ghanaian greek guatemalan haitian
honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian jamaican japanese
jordanian kazakh kenyan korean kosovar kuwaiti latvian lebanese libyan lithuanian macedonian malaysian
maltese mexican moldovan mongolian moroccan nepalese nigerian norwegian pakistani palestinian panamanian
paraguayan peruvian polish portuguese qatari romanian russian rwandan saudi scottish serbian singaporean
slovak slovenian somali spanish sudanese swedish swiss syrian taiwanese thai tunisian turkish ugandan
ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean`) {
		m[w] = true
	}
	return m
}()

// nationBefore returns the capitalised nationality that ends before (a
// post's match begins after it and one space), if any.
func nationBefore(before string) (string, bool) {
	rest, ok := strings.CutSuffix(before, " ")
	if !ok {
		return "", false
	}
	i := strings.LastIndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) + 1
	w := rest[i:]
	if w == "" || !unicode.IsUpper(rune(w[0])) || !nationalities[strings.ToLower(w)] {
		return "", false
	}
	return w, true
}

// offices returns the posts a text names with their holders, as
// "post|holder words" (lower case, sorted, without repeats). A text that
// begins with its headline is read after it: a headline in title case
// reads its verb as a holder's name ("Prime Minister Calls Bank ...").
// A post written after "former", "then-", "Deputy" and the like
// (notHolderMarks) is not its present holder's.
func offices(title, text string) []string {
	body := strings.TrimPrefix(text, title)
	var out []string
	for _, m := range postMatches(body) {
		before := body[:m[0]]
		if notHolder(before) {
			continue
		}
		nation, ok := nationBefore(before)
		if ok {
			// "former Russian Foreign Minister": the mark is before the
			// nationality.
			if notHolder(before[:len(before)-len(nation)-1]) {
				continue
			}
			nation = strings.ToLower(nation) + " "
		}
		var post string
		switch {
		case m[2] >= 0:
			q := body[m[2]:m[3]]
			if !qualifier(q) {
				continue
			}
			post = q + " " + body[m[4]:m[5]]
		default:
			post = body[m[6]:m[7]] + " of " + body[m[8]:m[9]]
		}
		holder := body[m[10]:m[11]]
		out = append(out, nation+strings.ToLower(post)+"|"+strings.ToLower(holder))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// postReach bounds how far a match of officeHolder reaches from its
// "Secretary" or "Minister": a qualifier or "of" and a word before or
// after it, and a name of up to four words after it.
const postReach = 64

// postMatches returns officeHolder's matches in body (submatch indexes
// into body), as FindAllStringSubmatchIndex over the whole body would:
// in order, each once, none overlapping an earlier one. It runs the
// regexp only over a window about each "Secretary" and "Minister",
// keeping the matches that hold that word: every match holds one of the
// two words, most articles name no post at all, and over the whole text
// the regexp costs some 90 µs an article. A window starts and ends
// between words, so its edges make no word boundary the whole text
// lacks. A match may hold two post words ("Prime Minister Foreign
// Secretary Jack Straw"); the search goes on after its end, so that the
// second word's window neither returns it again nor finds a match that
// overlaps it.
func postMatches(body string) [][]int {
	var out [][]int
	end := 0 // the end of the last match kept
	// The next "Secretary" and "Minister" at or after from; each is
	// looked for again only once the search has passed it.
	sec, mins := indexFrom(body, "Secretary", 0), indexFrom(body, "Minister", 0)
	for from := 0; ; {
		at := sec
		if at < 0 || mins >= 0 && mins < at {
			at = mins
		}
		if at < 0 {
			return out
		}
		// The window starts no earlier than the last match's end, as the
		// whole text's search goes on from there; that end lies on a word
		// boundary, as a window's edge must.
		lo, hi := max(end, wordEdge(body, max(0, at-postReach), -1)), wordEdge(body, min(len(body), at+2*postReach), 1)
		for _, m := range officeHolder.FindAllStringSubmatchIndex(body[lo:hi], -1) {
			if m[0] > at-lo || m[1] <= at-lo {
				continue
			}
			for i := range m {
				if m[i] >= 0 {
					m[i] += lo
				}
			}
			out = append(out, m)
			end = m[1]
		}
		from = max(at+1, end)
		if sec >= 0 && sec < from {
			sec = indexFrom(body, "Secretary", from)
		}
		if mins >= 0 && mins < from {
			mins = indexFrom(body, "Minister", from)
		}
	}
}

// indexFrom returns the index in s of the first w at or after from, or
// -1.
func indexFrom(s, w string, from int) int {
	i := strings.Index(s[from:], w)
	if i < 0 {
		return -1
	}
	return from + i
}

// wordEdge moves i in body by step (-1 back, 1 on) until it stands
// between a letter and a space or other non-letter, or at an end.
func wordEdge(body string, i, step int) int {
	for i > 0 && i < len(body) && isLetter(body[i-1]) && isLetter(body[i]) {
		i += step
	}
	return i
}

// isLetter reports whether b is an ASCII letter, digit or underscore,
// which officeHolder's \b reads as a word's, or a byte of a multi-byte
// character, which it does not, so that a window reaches past such a
// character rather than cut it.
func isLetter(b byte) bool {
	return b >= 0x80 || b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// notHolder reports whether the text before a post ends in one of
// notHolderMarks, in any case, marking its holder as past or second. Each
// mark is compared with as many bytes as it has, so that no window length
// has to be kept at least the longest mark's.
func notHolder(before string) bool {
	for _, w := range notHolderMarks {
		if strings.EqualFold(before[max(0, len(before)-len(w)):], w) {
			return true
		}
	}
	return false
}

// otherHolder reports whether a and b (offices' output) both name a
// post, each side one holder of it, and the two holders share no word of
// two letters or more (two people in one post), while no post they both
// name agrees. A side naming two holders of a post is left out for that
// post: they are a predecessor and a successor, or the ministers of two
// countries (a pandemic's round-up names five health ministers). One
// post held by the same person on both sides shows the two texts share
// a time, so a second post's other holder is a change of staff the
// story reports ("Trump taps Patrick Shanahan"), not another
// administration.
func otherHolder(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	differ := false
	for _, x := range a {
		post, h1, _ := strings.Cut(x, "|")
		h2, ok := soleHolder(b, post)
		if !ok {
			continue
		}
		if _, one := soleHolder(a, post); !one {
			continue
		}
		if sharesNameWord(h1, h2) {
			return false
		}
		differ = true
	}
	return differ
}

// soleHolder returns the holder of post in offs (offices' output) when
// offs names exactly one, or several that share a name word ("jim
// mattis", "james mattis"): the first of them.
func soleHolder(offs []string, post string) (string, bool) {
	var first string
	found := false
	for _, x := range offs {
		p, h, _ := strings.Cut(x, "|")
		if p != post {
			continue
		}
		if !found {
			first, found = h, true
			continue
		}
		if !sharesNameWord(first, h) {
			return "", false
		}
	}
	return first, found
}

// sharesNameWord reports whether two names share a word of two letters
// or more ("dirk a. kempthorne" and "dirk kempthorne"; "jim mattis" and
// "james mattis"). A weekday is no name word: AP style writes "Secretary
// of State Hillary Clinton Monday said", and two holders both read on a
// Monday are still two. It runs for every candidate story of an undated
// article, so it walks the words in place rather than split the names.
func sharesNameWord(a, b string) bool {
	for w := range strings.FieldsSeq(a) {
		if len(w) < 2 || strings.HasSuffix(w, ".") {
			continue
		}
		if _, day := text.WeekdayNumber(w); day {
			continue
		}
		for v := range strings.FieldsSeq(b) {
			if v == w {
				return true
			}
		}
	}
	return false
}

// noteOffices adds an article's office holders to its story's.
func noteOffices(s *story, add []string) { s.offices = insertSorted(s.offices, add, heldOffices) }
