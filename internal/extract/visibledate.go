package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Pages declare dates for machines (JSON-LD, meta tags) and show dates to
// readers, and the two disagree more often than they should: templates
// stamp a site-wide default as datePublished, or show only "Updated …"
// while declaring the original time. The dates a reader sees beside the
// headline are what the page presents as its date, so they arbitrate.

const (
	// headerBefore and headerAfter bound the visible text, in bytes, read
	// around the headline: dates above the headline sit in breadcrumbs and
	// kickers, dates below it in the byline block. Further away they belong
	// to other articles, comments or the footer.
	headerBefore = 200
	headerAfter  = 600
)

const monthNames = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

// visibleDateRE finds dates written for people: "March 5, 2024",
// "5 March 2024", "Mar. 5th, 2024", ISO "2024-03-05", and numeric dates
// with slashes or dots ("2/24/2026", "17.05.2021"). Numeric dates are
// written day first or month first depending on the country (dots too:
// "09.10.2024" is September 10 on some American sites), so one with
// both parts 12 or under is ambiguous (see shownDate).
//
// The month name needs no word boundary before it, nor the year after it:
// bylines are often rendered without spaces between a name and a date, or
// between two dates ("By Jane DoeMar 5, 2025", "March 5, 2025April 2,
// 2025"). "2025 Mar 5" is left out: it also matches a year in a headline
// followed by a "Mar 5, 2025" line.
var visibleDateRE = regexp.MustCompile(`(?i)(?:` +
	monthNames + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` +
	`|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthNames + `\.?,?\s+(\d{4})` +
	`|\b(\d{4})-(\d{2})-(\d{2})` +
	`|\b(\d{1,2})/(\d{1,2})/(\d{4})\b` +
	`|\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b)`)

var monthIndex = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

// shownDate is a date written in the page's visible text.
type shownDate struct {
	t time.Time
	// updated is set when a label such as "Updated" or "Last modified"
	// precedes the date: the page itself says it is not the publication
	// date.
	updated bool
	// alt is the other reading of an ambiguous numeric date ("3/4/2025"
	// is March 4 or April 3); t is then the month-first reading. An
	// ambiguous date can confirm a declared date but is never taken on
	// its own.
	alt time.Time
	// published is set when a label such as "Published" or "Posted"
	// precedes the date: the page names it as its publication date.
	published bool
	// pos is the date's byte offset in the text it was read from, and
	// above is set (by placeDates) when that is before the headline.
	pos   int
	above bool
}

// ambiguous reports whether the date has two readings.
func (s shownDate) ambiguous() bool { return !s.alt.IsZero() }

// updateLabels mark a shown date as the time of an update.
// "update" alone would take "Live updates" or "Sign up for updates" in
// front of a publication date for a label.
var updateLabels = []string{"updated", "update:", "last update", "modified", "revised", "reviewed", "edited"}

// publishLabels mark a shown date as the time of publication.
var publishLabels = []string{"published", "posted", "originally"}

// yearSpans returns the stretches of s that can hold a written date: a
// few words before and after each four-digit run starting 19 or 20,
// merged where they overlap. Running the date pattern only there keeps it
// off most of the text.
func yearSpans(s string) [][2]int {
	var spans [][2]int
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		if !(s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') || !isDigit(s[i+2]) || !isDigit(s[i+3]) || i+4 < len(s) && isDigit(s[i+4]) {
			continue
		}
		lo, hi := max(0, i-40), min(len(s), i+12)
		for lo > 0 && s[lo]&0xC0 == 0x80 {
			lo--
		}
		for hi < len(s) && s[hi]&0xC0 == 0x80 {
			hi++
		}
		if n := len(spans); n > 0 && lo <= spans[n-1][1] {
			spans[n-1][1] = hi
		} else {
			spans = append(spans, [2]int{lo, hi})
		}
		i += 3
	}
	return spans
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseVisibleDates returns the dates written in s, in order, at most 8.
func parseVisibleDates(s string) []shownDate {
	var locs [][]int
	for _, sp := range yearSpans(s) {
		for _, loc := range visibleDateRE.FindAllStringSubmatchIndex(s[sp[0]:sp[1]], 8) {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += sp[0]
				}
			}
			locs = append(locs, loc)
		}
	}
	var out []shownDate
	prevEnd := 0
	for _, loc := range locs[:min(8, len(locs))] {
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		var y, d int
		var mon time.Month
		var alt time.Time
		switch {
		case m[1] != "":
			mon, d, y = monthIndex[strings.ToLower(m[1][:3])], atoi(m[2]), atoi(m[3])
		case m[5] != "":
			mon, d, y = monthIndex[strings.ToLower(m[5][:3])], atoi(m[4]), atoi(m[6])
		case m[7] != "":
			y, mon, d = atoi(m[7]), time.Month(atoi(m[8])), atoi(m[9])
		default:
			g := 10
			if m[10] == "" {
				g = 13
			}
			a, b := atoi(m[g]), atoi(m[g+1])
			y = atoi(m[g+2])
			switch {
			case a > 12:
				d, mon = a, time.Month(b)
			case b > 12 || a == b:
				d, mon = b, time.Month(a)
			default:
				d, mon = b, time.Month(a)
				alt = time.Date(y, time.Month(b), a, 0, 0, 0, 0, time.UTC)
			}
		}
		if mon < time.January || mon > time.December || d < 1 || d > 31 {
			continue
		}
		t := time.Date(y, mon, d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || y < 1995 || t.After(time.Now().AddDate(1, 0, 0)) {
			continue
		}
		// The label is read from the text since the previous date, so
		// that "Updated May 2, 2024 Published Jan 5, 2023" labels only
		// the first.
		before := strings.ToLower(s[max(prevEnd, loc[0]-24):loc[0]])
		prevEnd = loc[1]
		sd := shownDate{t: t, alt: alt, pos: loc[0]}
		for _, l := range updateLabels {
			if strings.Contains(before, l) {
				sd.updated = true
				break
			}
		}
		// "Updates" standing alone in front of the date labels it; with
		// other words it is more likely "Live updates" or "Sign up for
		// updates".
		if strings.Trim(before, " :|-–—·\u00a0\n\t") == "updates" {
			sd.updated = true
		}
		for _, l := range publishLabels {
			if !sd.updated && strings.Contains(before, l) {
				sd.published = true
				break
			}
		}
		if !sd.updated && !sd.published && inSentence(before) {
			continue
		}
		out = append(out, sd)
	}
	return out
}

// sentenceWords are the verbs and prepositions that make a date the
// object of a sentence ("The deadline is April 15, 2025", "valid through
// 01/23/2026", "effective beginning 6/2/2025", "from May 1, 2025 to May
// 5, 2025"): a date the text talks about, not the page's date line. "on"
// and "by" are left out: bylines read "By Jane Doe on March 5, 2024".
var sentenceWords = map[string]bool{
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true,
	"until": true, "till": true, "through": true, "from": true, "since": true,
	"before": true, "after": true, "effective": true, "beginning": true,
	"starting": true, "expires": true, "due": true, "to": true,
}

// inSentence reports whether before, the lower-cased text in front of a
// date, ends with one of sentenceWords.
func inSentence(before string) bool {
	before = strings.TrimRight(before, " \u00a0\n\t")
	i := strings.LastIndexFunc(before, func(r rune) bool { return r < 'a' || r > 'z' })
	return sentenceWords[before[i+1:]]
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// headerText returns the visible text around the headline: the first <h1>
// whose text is the chosen title, else the first <h1>, else the first
// place the title's text occurs. It is "" when no headline is found.
//
// The window is measured in visible text, a run of whitespace counting
// as one byte: templates indent deeply, and a window measured in raw
// bytes can end before the byline below the headline.
func headerText(doc *html.Node, title string) string {
	text, _ := headerWindow(doc, title)
	return text
}

// headerWindow is headerText together with the headline's byte offset in
// the returned text.
func headerWindow(doc *html.Node, title string) (string, int) {
	var sb strings.Builder
	mark, firstH1 := -1, -1
	// Once the headline is found, the walk stops as soon as the text after
	// it covers the window measured below: each step of the window takes
	// at most one byte that is not white space, so len(title)+headerAfter
	// of them, and a few more for the last rune, suffice. The rest of the
	// page is then neither walked nor copied.
	need := len(title) + headerAfter + 2*utf8.UTFMax
	after := -1 // bytes other than white space written since mark; -1 before it
	write := func(s string) {
		sb.WriteString(s)
		if after >= 0 {
			for i := 0; i < len(s); i++ {
				if !isSpaceByte(s[i]) {
					after++
				}
			}
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if after >= need {
			return
		}
		switch n.Type {
		case html.TextNode:
			write(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "head", "title":
				return
			case "time":
				if d, ok := machineDate(n); ok {
					write(" " + d + " ")
					return
				}
			case "h1":
				if firstH1 < 0 {
					firstH1 = sb.Len()
				}
				if mark < 0 && title != "" && collapseSpace(textOf(n)) == title {
					mark = sb.Len()
					after = 0
				}
			}
			if isBlock(n.Data) || n.Data == "br" {
				sb.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlock(n.Data) {
			sb.WriteByte(' ')
		}
	}
	walk(doc)
	text := sb.String()
	if mark < 0 {
		mark = firstH1
	}
	if mark < 0 && title != "" {
		mark = strings.Index(text, title)
	}
	if mark < 0 {
		return "", 0
	}
	// Walk outwards from the headline, counting each run of whitespace
	// as one byte; only the window is scanned, not the page.
	lo, hi := mark, mark
	for n := 0; lo > 0 && n < headerBefore; n++ {
		lo--
		for lo > 0 && isSpaceByte(text[lo]) && isSpaceByte(text[lo-1]) {
			lo--
		}
	}
	for n := 0; hi < len(text) && n < len(title)+headerAfter; n++ {
		hi++
		for hi < len(text) && isSpaceByte(text[hi-1]) && isSpaceByte(text[hi]) {
			hi++
		}
	}
	// Keep the window on rune boundaries.
	for lo > 0 && lo < len(text) && text[lo]&0xC0 == 0x80 {
		lo--
	}
	for hi < len(text) && text[hi]&0xC0 == 0x80 {
		hi++
	}
	// The headline's offset after collapsing: the collapsed text before it,
	// plus the space that separated the two.
	before := collapseSpace(text[lo:mark])
	at := len(before)
	if at > 0 {
		at++
	}
	return collapseSpace(text[lo:hi]), at
}

// placeDates marks the shown dates that sit above the headline, which is
// at byte offset headline of the text they were read from.
func placeDates(shown []shownDate, headline int) {
	for i := range shown {
		shown[i].above = shown[i].pos < headline
	}
}

// teasersAbove reports whether the unlabelled dates above the headline
// name more than one day: a list of other articles (latest news, a
// sidebar rendered first), whose dates are not this article's. Shown
// dates carry no zone, so days are compared exactly: consecutive days
// are a list too.
func teasersAbove(shown []shownDate) bool {
	var first time.Time
	for _, s := range shown {
		switch {
		case !s.above || s.updated || s.published || s.ambiguous():
		case first.IsZero():
			first = s.t
		case !sameDate(first, s.t):
			return true
		}
	}
	return false
}

// machineDate returns the calendar date of a <time> element's datetime
// attribute, written "2006-01-02", when it settles how the element's
// text reads: "10/12/2023" is October 12 or December 10, and the
// attribute, the same date for machines, says which.
func machineDate(n *html.Node) (string, bool) {
	t, ok := parseDate(attr(n, "datetime"))
	if !ok {
		return "", false
	}
	shown := parseVisibleDates(textOf(n))
	if len(shown) != 1 || !shown[0].ambiguous() {
		return "", false
	}
	if !sameDate(t, shown[0].t) && !sameDate(t, shown[0].alt) {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// sameDate reports whether a, read in its own zone, falls on the
// calendar date of b.
func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// listed reports whether the unlabelled dates shown name more than one
// day: a changelog or a list of teasers beside the headline, not the
// article's date line, so none of them outranks the declared date.
func listed(shown []shownDate) bool {
	var first time.Time
	for _, s := range shown {
		switch {
		case s.updated || s.ambiguous():
		case first.IsZero():
			first = s.t
		case !sameDay(first, s.t):
			return true
		}
	}
	return false
}

// sameDay reports whether a and b fall within one calendar day of each
// other, each read in its own zone.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	d := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).Sub(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC))
	return d <= 24*time.Hour && d >= -24*time.Hour
}

// reconcileDate picks the date the page presents, given the declared
// publication and modification times and the dates shown beside the
// headline:
//   - a shown date the page labels "Published" or "Posted" is its own
//     statement of the publication date, and wins (the declared time is
//     kept when it is the same day);
//   - a declared publication date that is shown is kept;
//   - else a declared modification date shown without an "Updated" label
//     is the date the page presents as its own (templates that declare a
//     stale datePublished);
//   - else, when the unlabelled dates shown name more than one day, the
//     declared publication date: the window holds a changelog or a list
//     of teasers, not a date line;
//   - else the first date shown without an update label: the page's own
//     date line disagrees with what it declares;
//   - else the declared publication date, or with none declared the first
//     date shown even if labelled as an update.
//
// A date the page labels "Updated" never replaces a declared publication
// date: it is the modification time, and Modified has it. An ambiguous
// numeric date only ever confirms a declared one.
func reconcileDate(pub, mod time.Time, shown []shownDate) time.Time {
	has := func(t time.Time, labelledOK bool) bool {
		for _, s := range shown {
			if (sameDay(t, s.t) || s.ambiguous() && sameDay(t, s.alt)) && (labelledOK || !s.updated) {
				return true
			}
		}
		return false
	}
	if !pub.IsZero() && has(pub, false) {
		return pub
	}
	// A date the page labels "Published" or "Posted" outranks the declared
	// dates, unless the declared publication date is shown unlabelled: a
	// teaser's "Posted" date in the window must not win over that.
	for _, s := range shown {
		if s.published && !s.ambiguous() {
			return s.t
		}
	}
	switch {
	case !pub.IsZero() && has(pub, true):
		return pub
	case !mod.IsZero() && has(mod, false):
		return mod
	case !pub.IsZero() && listed(shown):
		return pub
	default:
		// Teasers above the headline are passed over for the first date
		// below it, when there is one.
		teasers := teasersAbove(shown)
		for _, s := range shown {
			if !s.updated && !s.ambiguous() && !(teasers && s.above) {
				return s.t
			}
		}
		for _, s := range shown {
			if !s.updated && !s.ambiguous() {
				return s.t
			}
		}
		if pub.IsZero() {
			for _, s := range shown {
				if !s.ambiguous() {
					return s.t
				}
			}
		}
	}
	return pub
}

// monthYearRE finds a month written with its year and no day ("November
// 2015"), as magazines date an issue's articles. Only full month names
// count: "Mar 2015" is as likely a fragment of a longer date.
var monthYearRE = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december),?\s+((?:19|20)\d{2})\b`)

// lastResortDate is for pages that neither declare a date nor show one
// beside the headline, and where go-htmldate found none either. In order:
//   - a date labelled "Published", "Posted", "Updated" and the like
//     anywhere in the page's visible text (a "Last updated" line at the
//     foot of a government page): the page's own statement of its date.
//     Text inside <footer> is left out: a "Site last updated" there dates
//     the site, not the page;
//   - a month and year beside the headline ("Pulse! November 2015"),
//     read as the month's first day.
//
// text is the page's visible text outside <footer> (textOutsideFooters),
// header the visible text around the headline.
func lastResortDate(text, header string) time.Time {
	if t, ok := labelledDate(text); ok {
		return t
	}
	if m := monthYearRE.FindStringSubmatch(header); m != nil {
		return time.Date(atoi(m[2]), monthIndex[strings.ToLower(m[1][:3])], 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// textOutsideFooters is textOf(n) without the <footer> elements.
func textOutsideFooters(n *html.Node) string {
	return visibleText(n, true)
}

// datePair is how far apart, in bytes of text, a publication date and the
// "Updated" date after it sit on one date line ("December 3, 2025.
// Updated: December 7, 2025").
const datePair = 40

// publishedLineDate returns the first unlabelled date in text directly
// followed by one labelled as an update: a date line giving both the
// publication and the revision, wherever the page sets it (some put it
// at the foot of the article). The first is the publication date by the
// page's own account, so it is read before go-htmldate, which would take
// the declared modification time.
func publishedLineDate(text string) (time.Time, bool) {
	for _, sp := range yearSpans(text) {
		shown := parseVisibleDates(text[sp[0]:sp[1]])
		for i := 0; i+1 < len(shown); i++ {
			d, next := shown[i], shown[i+1]
			if d.updated || d.published || d.ambiguous() || !next.updated || next.pos-d.pos > datePair {
				continue
			}
			return d.t, true
		}
	}
	return time.Time{}, false
}

// originallyPhrase introduces the first publication of a page that has
// been revised or republished since ("This article was originally
// published on 26 Sep 2019 at 4:12pm but has been regularly updated").
const originallyPhrase = "originally published"

// originallyPublished returns the unambiguous date that follows "originally
// published" in text (within datePair bytes, as in "originally published
// on the 21st of June 2017"), if any.
func originallyPublished(text string) (time.Time, bool) {
	lower := asciiLower(text)
	for from := 0; ; {
		i := strings.Index(lower[from:], originallyPhrase)
		if i < 0 {
			return time.Time{}, false
		}
		at := from + i + len(originallyPhrase)
		// The text is not collapsed: templates pad the date with runs of
		// white space, which do not count towards the distance.
		tail := collapseSpace(text[at:min(len(text), at+datePair+200)])
		if ds := parseVisibleDates(tail); len(ds) > 0 && ds[0].pos <= datePair && !ds[0].ambiguous() {
			return ds[0].t, true
		}
		from = at
	}
}

// labelledDate returns the first unambiguous date in text that a label
// marks as the publication or update date.
func labelledDate(text string) (time.Time, bool) {
	for _, sp := range yearSpans(text) {
		for _, d := range parseVisibleDates(text[sp[0]:sp[1]]) {
			if (d.updated || d.published) && !d.ambiguous() {
				return d.t, true
			}
		}
	}
	return time.Time{}, false
}

// asciiLower lower-cases the ASCII letters of s only, so that byte offsets
// found in the result are offsets in s: strings.ToLower changes the length
// of some non-ASCII letters ("Ⱥ" is two bytes, "ⱥ" three).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
