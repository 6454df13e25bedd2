package cluster

import "slices"

// Two more details an editor compares when the words differ: the streets
// a report names anywhere, and the toll its headline or first lines give.
// "4 wounded when bullets start flying during fight" and "Four injured in
// west Shreveport shooting following brawl" are one incident: the first
// gives the address of the apartments on one street and names the other
// ("on Central Street between Clift Avenue and West 68th Street"), the
// second gives the block on that other street; both count four.

const (
	// heldMentions is the default of Config.StreetMentions: a report of
	// one incident names a few streets, a round-up more.
	heldMentions = 16
	// minToll is the least toll the toll rule compares: "1 dead" and "2
	// killed" are in too many reports of one day to tell an incident (two
	// look-alike shootings in two cities, each with two dead).
	minToll = 3
)

// streetMentions returns the streets texts name, with or without a house
// number ("Central Street", "West 68th Street"), as the folded name word
// before the street type, sorted and without repeats. A street named with
// a number is also an address (see anchors).
func streetMentions(texts ...string) []string {
	var out []string
	for _, s := range texts {
		// prev is the word before the current one when only a space
		// parts them ("Clift Avenue, near" ends a name at the comma).
		prev := ""
		for i := 0; i < len(s); {
			if !streetByte(s[i]) {
				i++
				continue
			}
			j := i
			for j < len(s) && (streetByte(s[j]) || s[j] == '\'' || s[j] == '-') {
				j++
			}
			w := s[i:j]
			if prev != "" && len(w) >= 2 && len(w) <= 9 && w[0] >= 'A' && w[0] <= 'Z' && streetTypes[w] &&
				!streetTypes[prev] && (capitalised(prev) || ordinalNumber(prev)) {
				out = append(out, string(fold(nil, prev)))
			}
			prev = ""
			if j < len(s) && s[j] == ' ' {
				prev = w
			}
			i = j
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// streetByte reports whether b may be part of a word: an ASCII letter or
// digit, or a byte of a longer UTF-8 letter.
func streetByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// streetConflict reports whether the article and the story place their
// incidents on different streets (see Config.StreetConflict): both give
// addresses, none of the article's is one of the story's, and, unless
// StreetMentions is 0, neither side's address is on a street the other
// names anywhere. A report that gives the block on the corner's other
// street still names the first report's street.
func (c *Clusterer) streetConflict(p *prepared, s *story) bool {
	if !otherStreets(p.streets, s.streets) {
		return false
	}
	return c.cfg.StreetMentions == 0 || !sharesStreet(p.streets, s.mentions) && !sharesStreet(s.streets, p.mentions)
}

// sharesStreet reports whether a street of a is one of b's, a letter's slip
// apart (see otherStreets).
func sharesStreet(a, b []string) bool {
	return len(a) > 0 && len(b) > 0 && !otherStreets(a, b)
}

// noteMentions adds an article's named streets to its story's, keeping the
// first StreetMentions.
func (c *Clusterer) noteMentions(s *story, mentions []string) {
	s.mentions = insertSorted(s.mentions, mentions, c.cfg.StreetMentions)
}

// tolls returns the victim counts of a headline and of its body's lead
// (see victimCounts).
func tolls(title, text string) ages {
	a := headlineCounts(title)
	a.add(victimCounts(lead(text)))
	return a
}

// leadBytes is how much of a body's start is its lead: where a report
// states its toll ("Three people were found shot to death") and names
// its place and people.
const leadBytes = 300

// lead returns the start of a body up to leadBytes, cut at a space so that
// no word is cut in two (nothing when the start has no space).
func lead(text string) string {
	if len(text) <= leadBytes {
		return text
	}
	i := leadBytes
	for i > 0 && text[i] != ' ' {
		i--
	}
	return text[:i]
}

// sharesToll reports whether a and b give a common toll of at least
// minToll victims.
func sharesToll(a, b ages) bool {
	a[0] &^= 1<<minToll - 1
	return a.shares(b)
}
