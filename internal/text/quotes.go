package text

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Quote is a direct quote with its speaker. Parts are the byte spans of the
// quoted words (without the quotation marks); a quote split by its
// attribution has two or more parts.
type Quote struct {
	Text        string      `json:"text"` // parts joined by news.QuoteJoiner
	Parts       []news.Span `json:"parts"`
	Speaker     string      `json:"speaker,omitempty"`
	SpeakerSpan news.Span   `json:"speaker_span"`
	Role        string      `json:"role,omitempty"`
	// Mention is where the attribution names the speaker: "he" in
	// `"…," he said`, while SpeakerSpan is the fullest mention of the
	// person it resolves to ("Haley Morris"). Zero when no attribution was
	// found: the quote then has no speaker.
	Mention news.Span `json:"mention"`
	// RoleSpan is the bytes of Role.
	RoleSpan news.Span `json:"role_span"`
	// Rule names the path that produced Speaker, "where/how": where the
	// attribution was found (after, before, clause-subject, …) and how
	// its phrase was resolved (name, pronoun-…, role-to-name, as-written,
	// plural-carried for a "they said" given the quote before's speaker).
	// Empty when Speaker is. The eval scores speakers by rule; it is not
	// published.
	Rule string `json:"-"`
}

// MinQuoteWords is the fewest space-separated words a quotation must hold
// to be reported without an attribution of its own: a shorter quoted
// phrase is reported only when the article says who used it (`Trump
// called her "weak"`, `"Never," she said`); unattributed ones are scare
// quotes or titles. Readers' views hide short quotes (brief.Voices needs
// this many space-separated words too); the eval counts them, as PolNeAR
// annotates them.
const MinQuoteWords = 3

// maxAttribution is how many tokens an attribution clause may span. A
// name with a relative clause before its verb (`"…," Ana Ruiz, who has
// run the authority for twelve years, said`) needs more than 14; 18 gained
// on train, and 22 gained on dev only.
const maxAttribution = 18

// Quotes finds direct quotes in s, in English or Spanish, with their
// speakers. See QuotesLang.
func Quotes(s string) []Quote { return QuotesLang(s, "") }

// QuotesLang finds direct quotes in s and who said them. lang ("en", "es",
// or "" for either) is a hint; the cue lists of both languages are always
// used, as articles quote across languages.
//
// A quote is the text between paired quotation marks (“…”, «…», "…"), or,
// in Spanish text (lang "es", or guessed so when lang is ""), a dialogue
// line opened by a dash and closed by "—dijo X—". Its
// speaker is found in the attribution clause after the quote (`," Smith
// said`, `—afirmó la ministra—`) or before it (`Smith said: "…"`); failing
// that, in the sentence before, or in the paragraph before. A quotation
// with no attribution is shown with no speaker rather than the previous
// quote's (it goes on that quote when it continues it). Pronouns and bare
// surnames are resolved to the fullest earlier mention of a matching
// person, and left unresolved rather than guessed when no one fits nearby. A quote interrupted by its
// attribution (`"We will," she said, "keep going."`) is one quote with two
// parts.
func QuotesLang(s, lang string) []Quote {
	q := newQuoter(s)
	if lang == "" {
		lang = GuessLang(s)
	}
	// English news opens paragraphs with dashes for bullets, section
	// heads ("– Old hands –.") and the signatures of embedded posts, not
	// for dialogue.
	primary, _, _ := strings.Cut(lang, "-") // BCP 47: "es-419" is Spanish
	q.dialogue = strings.EqualFold(primary, "es")
	return q.run()
}

type segment struct {
	body    news.Span // trimmed interior
	closeAt int       // byte after the closing mark (paragraph end if unclosed)
	openAt  int       // byte of the opening mark
	para    int
	dash    bool
	short   bool // fewer than MinQuoteWords words: kept only as part of a quote
}

type quoter struct {
	s        string
	toks     []token
	ents     []Entity
	paras    []news.Span
	sents    []news.Span
	segs     []segment
	speakers []Entity
	// midCap holds words the text capitalises inside sentences: names,
	// not capitalised sentence openers like "Critics".
	midCap map[string]bool
	// lastSpeaker is the person the previous quote was resolved to, and
	// lastSpeakerAt where that quote ends: the speaker's fullest mention
	// may lie paragraphs earlier, but a pronoun after the quote refers
	// to whoever spoke last.
	lastSpeaker   *Entity
	lastSpeakerAt int
	// dialogue reads paragraphs opened by a dash as Spanish dialogue; the
	// text is Spanish, so occupations are read by Spanish endings too
	// (spanishOccupation).
	dialogue bool
	// headline caches headlineAt by paragraph: 1 yes, -1 no, 0 unknown.
	headline []int8
	// how is set by resolve and pronounReferent to the path that
	// resolved the last phrase, for Quote.Rule.
	how string
}

func newQuoter(s string) *quoter {
	q := &quoter{s: s, toks: tokenize(s), ents: Entities(s), sents: Sentences(s), midCap: map[string]bool{}}
	for _, t := range q.toks {
		if t.word && !t.initial && isCap(t.text(s)) {
			q.midCap[Key(t.text(s))] = true
		}
	}
	start := 0
	for start <= len(s) {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		// Blank lines separate paragraphs but are none themselves.
		if strings.TrimSpace(s[start:end]) != "" || len(q.paras) == 0 {
			q.paras = append(q.paras, news.Span{Start: start, End: end})
		}
		start = end + 1
	}
	return q
}

// attribution is a found speaker phrase.
type attribution struct {
	phrase    news.Span // the words naming the speaker
	role      news.Span // an appositive role, if any
	end       int       // byte after the attribution clause
	endsComma bool      // the clause ends with a comma: a quote may go on
	weak      bool      // found in a clause joined by a conjunction
	// participle marks `"…," adding, "…"`: a gerund introduces a new
	// statement, so the quotation after it is a quote of its own.
	participle bool
}

func (q *quoter) run() []Quote {
	all := q.segments()
	q.segs = all
	// `on NBC's "Meet the Press"`: titles are not speech, and must not
	// break a quote that goes on after them.
	segs := make([]segment, 0, len(all))
	for _, sg := range all {
		if !(titleCased(sg.body.Of(q.s)) && q.titleContext(sg.body)) && !dateOnly(sg.body.Of(q.s)) && !q.nickname(sg) {
			segs = append(segs, sg)
		}
	}
	var out []Quote
	type resolved struct {
		speaker, role news.Span
		para          int
		speakerText   string
	}
	var last *resolved
	for i := 0; i < len(segs); i++ {
		sg := segs[i]
		qt := Quote{Parts: []news.Span{sg.body}}
		att, ok := q.after(sg)
		where := "after"
		if ok && sg.dash && i+1 < len(segs) && segs[i+1].dash && segs[i+1].para == sg.para {
			// "—No cederemos —dijo el ministro—. Seguiremos."
			i++
			qt.Parts = append(qt.Parts, segs[i].body)
		} else if ok && !att.participle && i+1 < len(segs) && q.interrupted(att, segs[i+1], sg.para) {
			// "We will," she said, "keep going."
			i++
			qt.Parts = append(qt.Parts, segs[i].body)
		} else if !ok {
			att, ok = q.before(sg)
			where = "before"
		} else if att.weak {
			// `X said he "…," and he said…`: the attribution before the
			// quote is the one that introduces it.
			if b, bok := q.before(sg); bok {
				att, where = b, "before"
			}
		}
		if !ok && sg.short {
			// `Trump called her "weak"`: a short phrase is a quote when
			// the clause it sits in has a speaker.
			att, ok = q.clauseSubject(sg)
			where = "clause-subject"
		}
		if !ok && sg.short {
			// "called him a "loser," "liar" and "whiner"": a fragment in
			// the sentence of the quote before is one more part of it.
			if len(out) > 0 && i > 0 && q.sentenceAt(sg.openAt) == q.sentenceAt(segs[i-1].openAt) {
				prev := &out[len(out)-1]
				if prev.Parts[len(prev.Parts)-1] == segs[i-1].body {
					prev.Parts = append(prev.Parts, sg.body)
					prev.Text += news.QuoteJoiner + sg.body.Of(q.s)
				}
			}
			continue
		}
		if !ok {
			att, ok = q.colonParagraph(sg)
			where = "colon-paragraph"
		}
		if !ok {
			att, ok = q.previousSentence(sg)
			where = "previous-sentence"
		}
		if !ok {
			att, ok = q.previousParagraph(sg)
			where = "previous-paragraph"
		}
		if !ok {
			att, ok = q.clauseSubject(sg)
			where = "clause-subject"
		}
		if !ok && len(out) > 0 && !titleCased(sg.body.Of(q.s)) && q.continues(segs, i, &out[len(out)-1]) {
			prev := &out[len(out)-1]
			prev.Parts = append(prev.Parts, qt.Parts...)
			prev.Text += news.QuoteJoiner + strings.Join(partTexts(q.s, qt.Parts), news.QuoteJoiner)
			continue
		}
		var spk, role news.Span
		var spkText, how string
		if ok {
			qt.Mention = att.phrase
			spk, role = q.resolve(att.phrase, sg.openAt)
			how = q.how
			if att.role.Len() > 0 {
				role = att.role
			}
			spkText = spk.Of(q.s)
			// "It added", "they said": the speaker of the quote before.
			if g, ok := pronounGender[Key(spkText)]; ok && g == "" {
				if last != nil && sg.para-last.para <= 1 {
					spk, role, spkText = last.speaker, last.role, last.speakerText
					how = "plural-carried"
				} else {
					// A bare "they" or "I" names nobody a reader can
					// use; Mention still shows the attribution.
					spk, role, spkText = news.Span{}, news.Span{}, ""
				}
			}
		}
		if spkText != "" {
			qt.Rule = where + "/" + how
		}
		role = q.trimRoleStart(role)
		qt.SpeakerSpan, qt.RoleSpan = spk, role
		qt.Speaker, qt.Role = spkText, q.roleText(role)
		if spkText == spk.Of(q.s) {
			qt.SpeakerSpan = q.shownName(spk)
			qt.Speaker = qt.SpeakerSpan.Of(q.s)
		}
		qt.Text = strings.Join(partTexts(q.s, qt.Parts), news.QuoteJoiner)
		q.lastSpeaker = nil
		for _, e := range q.ents {
			if e.Span == spk && (e.Kind == Person || e.Kind == OtherEntity && strings.Contains(e.Key, " ")) {
				e := e
				q.lastSpeaker = &e
				q.lastSpeakerAt = qt.Parts[len(qt.Parts)-1].End
				break
			}
		}
		if spkText != "" {
			last = &resolved{speaker: spk, role: role, para: q.paraOf(qt.Parts[len(qt.Parts)-1].Start), speakerText: spkText}
		}
		out = append(out, qt)
	}
	// Drop quotes that are only a short fragment, unless an attribution
	// of their own names who said it.
	kept := out[:0]
	for _, qt := range out {
		n := 0
		for _, p := range qt.Parts {
			n += len(strings.Fields(p.Of(q.s)))
		}
		if n < MinQuoteWords && (qt.Mention.Len() == 0 || qt.Speaker == "") {
			continue
		}
		// A title-case quotation whose speaker is only carried over from
		// the quote before ("So, That Happened.", "CBS This Morning") is a
		// show, book or column name far more often than speech.
		if titleCased(qt.Text) && (qt.Speaker == "" || qt.Mention.Len() == 0 || len(qt.Parts) == 1 && q.titleContext(qt.Parts[0])) {
			continue // a title or slogan: "appeared on "Meet the Press""
		}
		kept = append(kept, qt)
	}
	return kept
}

// interrupted reports whether next goes on with the quotation whose
// attribution is att: right after it (`"We will," she said, "keep
// going."`), or after an appositive or aside that ends in a comma and
// before a quotation that opens in lower case, so it cannot start a
// sentence of its own (`"…," said Jane Doe, a party spokeswoman, "and
// we will…"`).
func (q *quoter) interrupted(att attribution, next segment, para int) bool {
	if next.para != para || att.end > next.openAt {
		return false
	}
	gap := strings.TrimSpace(q.s[att.end:next.openAt])
	if gap == "" {
		return att.endsComma
	}
	if !att.endsComma || !strings.HasSuffix(gap, ",") || strings.ContainsAny(gap, ".!?;:\"“”«»") ||
		len(strings.Fields(gap)) > maxAttribution {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next.body.Of(q.s))
	return unicode.IsLower(r)
}

// colonParagraph finds the attribution of a quotation that opens its
// paragraph after one ending in a colon: "Reporter Jane Doe says:".
func (q *quoter) colonParagraph(sg segment) (attribution, bool) {
	p := q.paras[sg.para]
	if strings.TrimSpace(q.s[p.Start:sg.openAt]) != "" {
		return attribution{}, false
	}
	k := sg.para - 1
	for k >= 0 && strings.TrimSpace(q.paras[k].Of(q.s)) == "" {
		k--
	}
	if k < 0 {
		return attribution{}, false
	}
	prev := strings.TrimSpace(q.paras[k].Of(q.s))
	if !strings.HasSuffix(prev, ":") {
		return attribution{}, false
	}
	end := q.paras[k].Start + strings.LastIndex(q.paras[k].Of(q.s), ":")
	sent := q.sentenceAt(end)
	return q.attributionBefore(q.tokAt(sent.Start), q.tokAt(end), true)
}

func partTexts(s string, parts []news.Span) []string {
	texts := make([]string, len(parts))
	for k, p := range parts {
		texts[k] = p.Of(s)
	}
	return texts
}

// continues reports whether segs[i], which has no attribution of its own,
// goes on with the previous quote: in the same paragraph, or opening the
// next paragraph after the previous quote was left open (news style for a
// quote running over paragraphs).
func (q *quoter) continues(segs []segment, i int, prev *Quote) bool {
	if i == 0 {
		return false
	}
	last := segs[i-1]
	if last.body.End > prev.Parts[len(prev.Parts)-1].End {
		return false
	}
	sg := segs[i]
	if sg.para == last.para {
		// A quotation inside a later sentence ("He urged the party to
		// "…"") has an attribution of its own, if one we cannot read.
		sent := q.sentenceAt(sg.openAt)
		n, lastWord := trailingFields(q.s[sent.Start:sg.openAt], 3)
		return sent == q.sentenceAt(last.openAt) || n == 0 ||
			n <= 2 && strings.HasSuffix(lastWord, ",") // "Instead, "…""
	}
	if sg.para != last.para+1 {
		return false
	}
	return strings.TrimSpace(q.s[q.paras[sg.para].Start:sg.openAt]) == ""
}

// trailingFields counts the space-separated fields at the end of s, up to
// limit, and returns the last one. Only a lead-in's last words matter, and
// reading no further keeps a text that is one endless sentence linear.
func trailingFields(s string, limit int) (n int, last string) {
	for n < limit {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		start := 0
		if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			start = i + size
		}
		if n == 0 {
			last = s[start:]
		}
		s = s[:start]
		n++
	}
	return n, last
}

func (q *quoter) paraOf(pos int) int {
	return sort.Search(len(q.paras), func(i int) bool { return q.paras[i].End >= pos })
}

// segments finds the quotations of the text, paragraph by paragraph.
func (q *quoter) segments() []segment {
	var out []segment
	for pi, p := range q.paras {
		if q.dialogue {
			if dash, ok := q.dashLine(p, pi); ok {
				out = append(out, dash...)
				continue
			}
		}
		open := -1
		var closer rune
		openAt := 0
		for i := p.Start; i < p.End; {
			r, n := utf8.DecodeRuneInString(q.s[i:])
			switch {
			case r == '"' && inchMark(q.s[p.Start:i]):
				// `Trump is 6'3" tall`: a height, not a quotation mark.
			case open < 0 && (r == '“' || r == '«' || r == '"' || r == '„'):
				open, openAt = i+n, i
				closer = map[rune]rune{'“': '”', '«': '»', '"': '"', '„': '“'}[r]
			case open >= 0 && closes(closer, r):
				out = q.addSeg(out, open, i, i+n, openAt, pi)
				open = -1
			case open >= 0 && r == '“' && closer == '”':
				// An unclosed quotation followed by a new one: restart.
				open, openAt = i+n, i
			}
			i += n
		}
		if open >= 0 {
			out = q.addSeg(out, open, p.End, p.End, openAt, pi)
		}
	}
	return out
}

// closes reports whether r closes a quotation expecting closer. Straight
// and curly double quotes are mixed up often enough ("But he won,” she
// said) that either closes the other.
// inchMark reports whether a straight double mark after text before
// closes a height in feet and inches: a digit, an apostrophe or prime,
// and one or two digits right before it ("6'3", "5’11").
func inchMark(before string) bool {
	n := len(before)
	d := 0
	for d < 2 && d < n && before[n-1-d] >= '0' && before[n-1-d] <= '9' {
		d++
	}
	if d == 0 {
		return false
	}
	rest := before[:n-d]
	for _, mark := range []string{"'", "’", "′"} {
		if strings.HasSuffix(rest, mark) {
			r := rest[:len(rest)-len(mark)]
			return len(r) > 0 && r[len(r)-1] >= '0' && r[len(r)-1] <= '9'
		}
	}
	return false
}

func closes(closer, r rune) bool {
	switch closer {
	case '”', '"':
		return r == '”' || r == '"'
	case '“':
		return r == '“' || r == '”'
	}
	return r == closer
}

func (q *quoter) addSeg(out []segment, a, b, closeAt, openAt, para int) []segment {
	body, ok := trimQuote(q.s, a, b)
	if !ok {
		return out
	}
	short := len(strings.Fields(body.Of(q.s))) < MinQuoteWords
	return append(out, segment{body: body, closeAt: closeAt, openAt: openAt, para: para, short: short})
}

// trimQuote trims white space, and commas and colons that only lead into
// the attribution, from a quotation's interior. A leading quotation mark is
// trimmed too: it opens a quote nested at the very start ("«"Sí", dijo»),
// and a shown quote never starts with a stray mark.
func trimQuote(s string, a, b int) (news.Span, bool) {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !unicode.IsSpace(r) && r != '…' && r != '.' && r != '"' && r != '“' && r != '«' {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) && r != ',' && r != ':' && r != ';' && r != '—' && r != '–' {
			break
		}
		b -= n
	}
	return news.Span{Start: a, End: b}, b > a
}

// dashLine reads a Spanish dialogue paragraph: "—No cederemos —dijo el
// ministro—. Seguiremos." Its quote parts are the dash-delimited runs that
// are not the attribution.
func (q *quoter) dashLine(p news.Span, pi int) ([]segment, bool) {
	line := q.s[p.Start:p.End]
	trimmed := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(trimmed, "—") && !strings.HasPrefix(trimmed, "–") {
		return nil, false
	}
	start := p.Start + len(line) - len(trimmed)
	_, dn := utf8.DecodeRuneInString(q.s[start:])
	a := start + dn
	// The first part runs to the next " —".
	rest := q.s[a:p.End]
	cut := indexAny(rest, " —", " –")
	if cut < 0 {
		body, ok := trimQuote(q.s, a, p.End)
		if !ok || len(strings.Fields(body.Of(q.s))) < MinQuoteWords {
			return nil, true
		}
		return []segment{{body: body, openAt: start, closeAt: p.End, para: pi, dash: true}}, true
	}
	var out []segment
	if body, ok := trimQuote(q.s, a, a+cut); ok {
		out = append(out, segment{body: body, openAt: start, closeAt: a + cut + 1, para: pi, dash: true})
	}
	// The attribution runs to the next dash or the end of its sentence;
	// whatever follows a closing dash is the quote going on.
	attStart := a + cut + 1
	_, dn = utf8.DecodeRuneInString(q.s[attStart:])
	attStart += dn
	rest = q.s[attStart:p.End]
	if k := strings.IndexAny(rest, "—–"); k >= 0 {
		_, dn := utf8.DecodeRuneInString(rest[k:])
		b := attStart + k + dn
		for b < p.End && (q.s[b] == '.' || q.s[b] == ',' || q.s[b] == ' ') {
			b++
		}
		if body, ok := trimQuote(q.s, b, p.End); ok && len(strings.Fields(body.Of(q.s))) >= 2 {
			out = append(out, segment{body: body, openAt: attStart + k, closeAt: p.End, para: pi, dash: true})
		}
	}
	return out, true
}

func indexAny(s string, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if i := strings.Index(s, sub); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// tokAt returns the index of the first token starting at or after pos.
func (q *quoter) tokAt(pos int) int {
	return sort.Search(len(q.toks), func(i int) bool { return q.toks[i].start >= pos })
}

func (q *quoter) word(i int) string { return q.toks[i].text(q.s) }

func (q *quoter) isPunct(i int, set string) bool {
	return !q.toks[i].word && strings.Contains(set, q.word(i))
}

// after looks for the attribution just after a quotation: `," Smith said`,
// `," said Smith`, `—dijo el ministro—`.
func (q *quoter) after(sg segment) (attribution, bool) {
	body := sg.body.Of(q.s)
	lastR, _ := utf8.DecodeLastRuneInString(body)
	i := q.tokAt(sg.closeAt)
	if i >= len(q.toks) || q.paraOf(q.toks[i].start) != sg.para {
		return attribution{}, false
	}
	if q.toks[i].word && !isCap(q.word(i)) {
		if att, ok := q.sentenceEndAttribution(sg, i); ok {
			return att, true
		}
	}
	signed := q.isPunct(i, "—–―")
	if q.isPunct(i, ",—–―") {
		i++
	} else if lastR == '.' && !sg.dash && i < len(q.toks) && q.toks[i].word && isCap(q.word(i)) && !q.nameThenVerb(i, sg.para) {
		// `"… done." Smith said.` is rare; a capital after a full stop
		// starts a new sentence, unless a name and a speech verb make
		// the whole of it.
		return attribution{}, false
	}
	limit := min(len(q.toks), i+maxAttribution)
	if q.personStartsAt(i) {
		// `"…," Scott Pruitt, the Republican attorney general of
		// Oklahoma, one of the states suing the EPA, said`: a name with
		// appositives may run longer, as long as a comma closes the
		// last one right before the verb (checked below).
		limit = min(len(q.toks), i+maxNamedAttribution)
	}
	// Find the speech verb; stop at the end of the clause.
	v := -1
	for k := i; k < limit; k++ {
		t := q.toks[k]
		if q.paraOf(t.start) != sg.para {
			break
		}
		if !t.word {
			w := q.word(k)
			// An abbreviation's full stop before a comma or a closing
			// parenthesis ends no clause: `, Mitch McConnell, R-Ky., said`,
			// `, Rep. Elijah E. Cummings (D-Md.) said`.
			if w == "." && k+1 < limit && q.isPunct(k+1, ",)") {
				continue
			}
			// The marks of a nickname inside the speaker's name:
			// `," Marcia "Cia" Price shouted`.
			if q.nicknameMark(k) {
				continue
			}
			if strings.ContainsAny(w, ".!?;:“”\"«»—–") && k > i {
				break
			}
			continue
		}
		if q.isVerb(k) || (Key(q.word(k)) == "according" && k+1 < limit && Key(q.word(k+1)) == "to") ||
			Key(q.word(k)) == "segun" {
			if k >= i+maxAttribution && !q.isPunct(k-1, ",") {
				break
			}
			v = k
			break
		}
	}
	if v < 0 {
		if signed {
			return q.signature(sg, i)
		}
		return attribution{}, false
	}
	weak := false
	for k := i; k < v; k++ {
		kw := Key(q.word(k))
		if q.toks[k].word && (kw == "that" || kw == "which" || kw == "que") {
			return attribution{}, false // a new clause, not the attribution
		}
		if k == i && q.toks[k].word && (kw == "while" || kw == "whereas" || kw == "mientras") {
			// `"…," while 73 percent said the same of Trump`: a
			// contrast, another clause with its own speaker.
			return attribution{}, false
		}
		if q.toks[k].word && conjunctions[kw] {
			weak = true // `"…," and he said he hoped`: a new clause
		}
	}
	var att attribution
	if isParticiple(Key(q.word(v))) {
		// `"…," saying that…`: the speaker is the main clause's subject.
		ph, ok := q.mainSubject(v)
		if !ok {
			return attribution{}, false
		}
		att.phrase = ph
		att.end, att.endsComma = q.clauseEnd(v, sg.para)
		att.participle = true
		return att, true
	}
	if v > i {
		// Subject before the verb: `, Smith said`, `, the aide, 42, told`.
		ph, role, ok := q.subject(i, v)
		if !ok {
			return attribution{}, false
		}
		att.phrase, att.role = ph, role
	} else {
		// Verb first: `said Smith`, `dijo la ministra de Sanidad, Ana Ruiz`.
		vv := v + 1
		if Key(q.word(v)) == "according" {
			vv++
		}
		ph, role, ok := q.object(vv, limit)
		if !ok && q.proDrop(v) {
			// `«…», dijo.`: Spanish drops the subject. The speaker is
			// the subject of the sentence before when it reports
			// speech; else the verb stands for the person the
			// paragraph named last (resolve).
			if prev, pok := q.previousSentence(sg); pok {
				ph, role = prev.phrase, prev.role
			} else {
				ph, role = news.Span{Start: q.toks[v].start, End: q.toks[v].end}, news.Span{}
			}
			ok = true
		}
		if !ok {
			return attribution{}, false
		}
		att.phrase, att.role = ph, role
	}
	att.end, att.endsComma = q.clauseEnd(v, sg.para)
	att.weak = weak
	return att, true
}

// appositiveName returns the last name before pos in its paragraph,
// outside quotations, that the recogniser left unclassified and the text
// sets off by commas between a role and a verb ("La consejera delegada de
// Valdria Rail, Ingrid Solberg, calificó…", "Su entrenador, Paco
// Lebrija, cree…"): the way Spanish names the person a dropped subject
// then refers to.
func (q *quoter) appositiveName(pos int) (Entity, bool) {
	para := q.paraOf(pos)
	for k := len(q.ents) - 1; k >= 0; k-- {
		e := q.ents[k]
		if e.Span.End > pos || q.inQuote(e.Span.Start) {
			continue
		}
		if q.paraOf(e.Span.Start) != para {
			break
		}
		if n := len(strings.Fields(e.Key)); e.Kind != OtherEntity || n < 2 || n > 3 {
			continue
		}
		i, j := q.tokAt(e.Span.Start), q.tokAt(e.Span.End)
		if i > 1 && j+1 < len(q.toks) && q.isPunct(i-1, ",") && q.isPunct(j, ",") && q.toks[i-2].word && q.toks[j+1].word {
			return e, true
		}
	}
	return Entity{}, false
}

// proDrop reports whether the speech verb at v is a Spanish third-person
// one with no subject after it: the clause ends right after it (`«…»,
// dijo.`, `“…”, dijo, “…”`).
func (q *quoter) proDrop(v int) bool {
	if !proDropVerbs[Key(q.word(v))] {
		return false
	}
	if v+1 >= len(q.toks) {
		return true
	}
	return !q.toks[v+1].word && strings.ContainsAny(q.word(v+1), ".,;")
}

// proDropVerbs are the Spanish speech verbs in the third person singular
// past or present that attribute a quote with the subject dropped.
var proDropVerbs = set(`dijo|dice|afirmó|afirma|aseguró|asegura|señaló|señala|explicó|explica|declaró|indicó|
añadió|añade|agregó|agrega|sostuvo|subrayó|destacó|advirtió|insistió|precisó|recordó|reconoció|aclaró|admitió|
anunció|respondió|comentó|expresó|manifestó|apuntó|contó|relató|concluyó|lamentó|prometió`)

// maxNamedAttribution is how far after a quotation the speech verb may
// be when a person's name opens the attribution and a comma ends its
// appositives.
const maxNamedAttribution = 26

// personStartsAt reports whether a person's name starts at token i.
func (q *quoter) personStartsAt(i int) bool {
	if i >= len(q.toks) {
		return false
	}
	for _, en := range q.ents {
		if en.Kind == Person && en.Span.Start == q.toks[i].start {
			return true
		}
	}
	return false
}

// sentenceEndAttribution reads an attribution that closes the sentence
// a quotation runs on into, from token i after the closing mark: `"…"
// that Sanders can catch Clinton, said Steve Elmendorf.`, `"…" about the
// decision, RoseAnn DeMoro said.` The clause must follow a comma and end
// the sentence; no other quotation may lie between.
func (q *quoter) sentenceEndAttribution(sg segment, i int) (attribution, bool) {
	sent := q.sentenceAt(sg.closeAt)
	end := min(q.tokAt(sent.End), len(q.toks))
	for k := i; k+1 < end; k++ {
		if !q.toks[k].word && strings.ContainsAny(q.word(k), "“”\"«»") {
			return attribution{}, false
		}
		if !q.isPunct(k, ",") {
			continue
		}
		// `, said Steve Elmendorf, deputy campaign manager.`
		if q.isVerb(k+1) && !isParticiple(Key(q.word(k+1))) {
			ph, role, ok := q.object(k+2, end)
			if ok && q.endsSentence(ph.End, role.End, end) {
				return attribution{phrase: ph, role: role, end: sent.End}, true
			}
			continue
		}
		// `, RoseAnn DeMoro said.`
		for v := k + 2; v < end && v <= k+7; v++ {
			if q.isVerb(v) && !isParticiple(Key(q.word(v))) {
				if v+1 < len(q.toks) && q.isPunct(v+1, ".") {
					if ph, role, ok := q.subject(k+1, v); ok {
						return attribution{phrase: ph, role: role, end: sent.End}, true
					}
				}
				break
			}
		}
	}
	return attribution{}, false
}

// endsSentence reports whether only punctuation follows the speaker
// phrase (ending at byte a) and its role (ending at byte b, or 0) before
// token end.
func (q *quoter) endsSentence(a, b, end int) bool {
	k := q.tokAt(max(a, b))
	for ; k < end; k++ {
		if q.toks[k].word {
			return false
		}
	}
	return true
}

// nameThenVerb reports whether the tokens from i are a capitalised name
// (with titles and a parenthesis: "Rep. Jim McDermott (D-Wash.)") and a
// speech verb that ends the sentence: `"…." Trump said.`
func (q *quoter) nameThenVerb(i, para int) bool {
	for k := i; k < len(q.toks) && k < i+10 && q.paraOf(q.toks[k].start) == para; k++ {
		if q.toks[k].word && q.isVerb(k) && !isParticiple(Key(q.word(k))) {
			return k > i && k+1 < len(q.toks) && q.isPunct(k+1, ".")
		}
		if q.toks[k].word && !isCap(q.word(k)) {
			return false
		}
	}
	return false
}

// signature reads the name that signs a quotation making up its
// paragraph, after a dash: `"…" ― Sonya Herridge`, `"…" — Donald J.
// Trump (@realDonaldTrump) March 5, 2016`, as reader comments, epigraphs
// and embedded posts are signed. Inside running text a dash and a name
// after a quotation are more often a byline or an aside, so the quotation
// must open its paragraph. Tokens from i follow the dash.
func (q *quoter) signature(sg segment, i int) (attribution, bool) {
	p := q.paras[sg.para]
	if strings.TrimSpace(q.s[p.Start:sg.openAt]) != "" || i >= len(q.toks) || q.paraOf(q.toks[i].start) != sg.para {
		return attribution{}, false
	}
	end := q.tokAt(p.End)
	if end-i > maxAttribution || !q.toks[i].word || !isCap(q.word(i)) || notStartNames[Key(q.word(i))] {
		return attribution{}, false // "— Then he left."
	}
	ph, role, ok := q.object(i, end)
	if !ok || !isCap(ph.Of(q.s)) {
		return attribution{}, false
	}
	if k := q.tokAt(ph.End); k < end && q.toks[k].word && !isCap(q.word(k)) {
		return attribution{}, false // a name that a clause goes on from
	}
	// What follows the name is a handle, a date, a place or an age, not
	// a sentence going on: no quotation and no sentence end before the
	// paragraph's.
	rest := q.s[ph.End:p.End]
	// Sentences knows abbreviations, so "— Ana Ruiz, St. Louis" and
	// "Washington, D.C." still end a signature.
	if strings.ContainsAny(rest, "“”\"«»!?") || len(Sentences(strings.TrimSpace(rest))) > 1 {
		return attribution{}, false
	}
	return attribution{phrase: ph, role: role, end: p.End}, true
}

// clauseEnd finds where the attribution clause containing token v ends,
// and whether it ends with a comma.
func (q *quoter) clauseEnd(v, para int) (int, bool) {
	for k := v + 1; k < len(q.toks) && k < v+maxAttribution; k++ {
		t := q.toks[k]
		if q.paraOf(t.start) != para {
			return q.toks[k-1].end, false
		}
		if t.word {
			continue
		}
		switch w := q.word(k); {
		case w == ",":
			return t.end, true
		case strings.ContainsAny(w, "“\"«"):
			return t.start, false
		case strings.ContainsAny(w, ".!?;:—–"):
			return t.end, false
		}
	}
	return q.toks[v].end, false
}

// subjectSkip are words between a subject and its speech verb.
var subjectSkip = set(`also|then|later|has|had|have|was|were|is|would|will|once|previously|recently|
repeatedly|further|again|simply|only|just|publicly|privately|quickly|flatly|ha|había|habría|también|luego`)

// subject finds the speaker phrase in tokens [a, v) before a speech verb.
func (q *quoter) subject(a, v int) (news.Span, news.Span, bool) {
	e := v
	for e > a && q.toks[e-1].word {
		k := Key(q.word(e - 1))
		if subjectSkip[k] || strings.HasSuffix(k, "ly") && len(k) > 4 && !isCap(q.word(e-1)) {
			e-- // "also", "similarly", "later"
			continue
		}
		// "Beck, who has in the past described": skip "in the past".
		if e-3 > a && q.toks[e-3].word && q.toks[e-2].word && isDeterminer(Key(q.word(e-2))) && !isCap(q.word(e-1)) {
			switch Key(q.word(e - 3)) {
			case "in", "on", "at", "during", "for", "en", "durante":
				e -= 3
				continue
			}
		}
		// "She went on to say", "he continued to insist".
		if k == "to" && e-2 > a && q.toks[e-2].word && !isCap(q.word(e-2)) {
			e -= 2 // "to" and the verb before it: "continued to say"
			if Key(q.word(e)) == "on" && e-1 > a && q.toks[e-1].word && !isCap(q.word(e-1)) {
				e-- // "went on to say"
			}
			continue
		}
		// "Smith on Tuesday said", "Smith last week told".
		_, wd := weekdays[k]
		if (wd || k == "today" || k == "yesterday" || k == "week" || k == "month" || k == "night" || k == "morning") &&
			e-2 > a && q.toks[e-2].word {
			if p := Key(q.word(e - 2)); p == "on" || p == "last" || p == "this" || p == "el" {
				e -= 2
				continue
			}
		}
		break
	}
	if e <= a {
		return news.Span{}, news.Span{}, false
	}
	// Appositive: `Smith, a spokeswoman for the agency, said`.
	var role news.Span
	if q.isPunct(e-1, ",") {
		// `Smith, 58, told`, `Smith, the party's frontrunner, said`.
		c := e - 2
		for c > a && !q.isPunct(c, ",") && e-c < 30 {
			c--
		}
		if c > a && q.isPunct(c, ",") && c+1 < e-1 && allCapsWords(q, c+1, e-1) {
			// "el líder del PP, Alberto Núñez Feijóo, criticó": the name
			// is the appositive, the role comes before it.
			r := c
			for r > a && q.toks[r-1].word && c-r < 10 {
				r--
			}
			if q.looksLikeRole(r, c) {
				return news.Span{Start: q.toks[c+1].start, End: q.toks[e-2].end}, news.Span{Start: q.toks[r].start, End: q.toks[c-1].end}, true
			}
		}
		if c > a && q.isPunct(c, ",") && c+1 < e-1 && q.capBefore(c, a) {
			if q.looksLikeRole(c+1, e-1) {
				role = news.Span{Start: q.toks[c+1].start, End: q.toks[e-2].end}
			}
			e = c
		} else {
			e--
		}
	}
	// "Humphrey, who calls": the name before the relative pronoun.
	if e-2 > a && q.toks[e-1].word && (Key(q.word(e-1)) == "who" || Key(q.word(e-1)) == "quien") && q.isPunct(e-2, ",") {
		e -= 2
	}
	// "Gov. John Kasich (R-OH), said": skip the parenthesis.
	if e-1 > a && q.isPunct(e-1, ")") {
		c := e - 2
		for c > a && !q.isPunct(c, "(") && e-c < 12 {
			c--
		}
		if c > a && q.isPunct(c, "(") {
			e = c
		}
	}
	// The subject phrase is the noun phrase ending just before the verb:
	// a name, a pronoun, or a determiner phrase with a role or group noun
	// at its head ("the former Mexican president").
	last := e - 1
	if last < a || !q.toks[last].word {
		return news.Span{}, news.Span{}, false
	}
	lw := q.word(last)
	lk := Key(lw)
	if lk == "percent" || lk == "%" || lk == "cent" || lk == "ciento" || lk == "voters" || lk == "votantes" {
		// "63 percent said", "52 percent of voters said": a share.
		for k := max(a, last-7); k < last; k++ {
			if ph, ok := q.shareSubject(k, e); ok && ph.End == q.toks[last].end && (k == a || !q.toks[k-1].word || !isCap(q.word(k-1))) {
				return ph, role, true
			}
		}
	}
	_, pron := pronounGender[lk]
	head := roleNouns[lk] || roleNouns[strings.TrimSuffix(lk, "s")] || groupNouns[lk]
	if !pron && !head && !isCap(lw) {
		if notStartNames[lk] || nameConnectors[lk] || !unicode.IsLetter(firstRune(lw)) && !strings.Contains(lw, "-") {
			return news.Span{}, news.Span{}, false
		}
		// "the insider said", "a source told": a short determiner phrase.
		for d := last - 1; d >= a && d >= last-3 && q.toks[d].word; d-- {
			if dk := Key(q.word(d)); isDeterminer(dk) && dk != "that" && dk != "this" {
				if d > a && q.toks[d-1].word && prepositions[Key(q.word(d-1))] {
					// "Protesters marching through the streets chanted":
					// the object of a preposition is no subject; the
					// subject is before the participle it hangs off.
					if p := d - 2; p > a && q.toks[p].word && strings.HasSuffix(Key(q.word(p)), "ing") {
						return q.subject(a, p)
					}
					return news.Span{}, news.Span{}, false
				}
				return news.Span{Start: q.toks[d].start, End: q.toks[last].end}, role, true
			}
			if notStartNames[Key(q.word(d))] || speechVerbs[Key(q.word(d))] {
				break
			}
		}
		return news.Span{}, news.Span{}, false
	}
	b := last
	if !pron {
		for b > a && e-b < 8 {
			t := q.toks[b-1]
			if !t.word {
				break
			}
			w := q.word(b - 1)
			k := Key(w)
			if _, p := pronounGender[k]; p || speechVerbs[k] || subjectSkip[k] {
				break
			}
			if isCap(w) && !(t.initial && notStartNames[k]) || roleModifier(k) || roleNouns[k] || groupNouns[k] ||
				nameConnectors[k] && b-2 >= a && isCap(q.word(b-2)) {
				b--
				continue
			}
			if head && !isCap(w) && (k == "the" || k == "a" || k == "an" || k == "his" || k == "her" || k == "their" || k == "its") {
				b--
				break
			}
			// A lower-case modifier inside a role phrase ("two-term").
			if head && b-1 > a && e-b < 5 && !notStartNames[k] && q.toks[b-2].word &&
				(roleModifier(Key(q.word(b-2))) || Key(q.word(b-2)) == "the" || Key(q.word(b-2)) == "a") {
				b--
				continue
			}
			break
		}
	}
	// "Trump’s" before "campaign" belongs to the phrase; a sentence
	// opener does not.
	for b < last && q.toks[b].initial && notStartNames[Key(q.word(b))] && !isDeterminer(Key(q.word(b))) {
		b++
	}
	ph := news.Span{Start: q.toks[b].start, End: q.toks[e-1].end}
	if !q.plausibleSpeaker(b, e) {
		return news.Span{}, news.Span{}, false
	}
	if n, ok := q.nameBeforeRole(a, b, e); ok {
		// "Michael Mulgrew, president of the teachers' union, which
		// represents …, said": the role phrase is an appositive of the
		// name before it, which is the speaker.
		return n, ph, true
	}
	return ph, role, true
}

// nameBeforeRole returns the name of a person that tokens [b, e), a role
// phrase, stand in apposition to: `Name, role phrase, … said`, where the
// aside after the role phrase was skipped. The comma after the role
// phrase is what makes it an appositive: in "At a rally in Chelsea, the
// mayor said" and "Clinton, a top aide said," the role phrase is the
// subject.
func (q *quoter) nameBeforeRole(a, b, e int) (news.Span, bool) {
	if b-2 < a || !q.isPunct(b-1, ",") || !q.isPunct(e, ",") || !q.toks[b-2].word || !q.looksLikeRole(b, e) {
		return news.Span{}, false
	}
	end := q.toks[b-2].end
	for _, en := range q.ents {
		if en.Span.End == end && en.Span.Start >= q.toks[a].start && (en.Kind == Person || en.Kind == OtherEntity && strings.Contains(en.Key, " ")) {
			return en.Span, true
		}
	}
	return news.Span{}, false
}

// prepositions take an object that is no subject.
var prepositions = set(`in|on|at|through|from|with|by|of|into|onto|over|under|across|around|near|for|to|
after|before|during|about|against|outside|inside|toward|towards|between|behind|beyond|past|along|
en|por|con|de|desde|hacia|sobre|entre|tras|durante`)

// capBefore reports whether a capitalised word ends the tokens (a, c),
// or one followed by a parenthesis: "Roy Cooper (D), McCrory's opponent,
// called".
func (q *quoter) capBefore(c, a int) bool {
	k := c - 1
	if k > a && q.isPunct(k, ")") {
		for k > a && !q.isPunct(k, "(") && c-k < 12 {
			k--
		}
		if !q.isPunct(k, "(") {
			return false
		}
		k--
	}
	return k >= a && q.toks[k].word && isCap(q.word(k))
}

var conjunctions = set(`and|but|so|yet|then|however|still|also|y|pero|así|luego|también|e|o|or`)

// isVerb reports whether token i is a speech verb: a listed word written
// in lower case ("States" in "United States" is not "states").
func (q *quoter) isVerb(i int) bool {
	w := q.word(i)
	if !q.toks[i].word || isCap(w) && !q.toks[i].initial {
		return false
	}
	k := Key(w)
	if (k == "fired" || k == "shot" || k == "hit" || k == "pushed" || k == "wrote") && i+1 < len(q.toks) && Key(q.word(i+1)) == "back" {
		return true // "fired back"
	}
	if (k == "put" || k == "puts") && i+1 < len(q.toks) && Key(q.word(i+1)) == "it" {
		return true // "as Vulture put it"
	}
	if (k == "claims" || k == "claim") && i > 0 && q.toks[i-1].word {
		// "the claims", "Republican claims": a noun after a determiner or
		// a party word.
		if p := Key(q.word(i - 1)); isDeterminer(p) || partyWords[p] || p == "these" || p == "those" || p == "such" {
			return false
		}
	}
	return speechVerbs[k]
}

// isParticiple reports whether a speech verb is a gerund hanging off a
// main clause ("…, saying", "…, afirmando"), whose speaker is the
// sentence's subject.
func isParticiple(k string) bool {
	if k == "according" {
		return false
	}
	return participles[k] || strings.HasSuffix(k, "ing") || strings.HasSuffix(k, "ando") || strings.HasSuffix(k, "iendo")
}

func isDeterminer(k string) bool {
	switch k {
	case "one", "another", "some", "this", "that", "the", "a", "an", "his", "her", "their", "its", "el", "la", "los", "las", "un", "una", "su", "sus":
		return true
	}
	return false
}

// plausibleSpeaker rejects subject phrases that cannot name a speaker: a
// lone lower-case word that is neither pronoun nor role, or one holding a
// verb-like cue.
func (q *quoter) plausibleSpeaker(b, e int) bool {
	hasName, hasNoun := false, false
	// "a narrator", "the insider": a short determiner phrase names someone.
	if isDeterminer(Key(q.word(b))) && Key(q.word(b)) != "that" && Key(q.word(b)) != "this" && e-b >= 2 && e-b <= 4 {
		hasNoun = true
	}
	switch Key(q.word(b)) {
	case "on", "in", "for", "at", "which", "that", "who", "to", "from", "with", "by", "of", "including", "en", "por", "con", "que", "incluido", "incluida":
		return false
	}
	for k := b; k < e; k++ {
		if _, wd := weekdays[Key(q.word(k))]; wd {
			return false
		}
		if _, m := months[Key(q.word(k))]; m && len(q.word(k)) > 3 {
			return false
		}
		if !q.toks[k].word {
			continue
		}
		w := q.word(k)
		kw := Key(w)
		if isCap(w) && !(q.toks[k].initial && notStartNames[kw]) {
			hasName = true
		}
		if _, ok := pronounGender[kw]; ok {
			hasNoun = true
		}
		if roleNouns[kw] || roleNouns[strings.TrimSuffix(kw, "s")] || groupNouns[kw] || orgHeads[kw] {
			hasNoun = true
		}
	}
	return hasName || hasNoun
}

// groupNouns name groups that speak: "officials said", "police said".
var groupNouns = set(`police|officials|authorities|people|residents|witnesses|critics|supporters|experts|
analysts|sources|prosecutors|investigators|organizers|organisers|voters|democrats|republicans|aides|
advisers|campaign|statement|report|group|lawyers|doctors|scientists|researchers|agency|company|government|
administration|ministry|department|office|spokesperson|fuentes|policía|autoridades|vecinos|testigos|
expertos|analistas|investigadores|gobierno|ministerio|empresa|organización|portavoces|responsables|
comunicado|informe|sindicato|partido|equipo|familia|family|everyone|nobody|someone|one|many|others|
ad|email|e-mail|tweet|statement|letter|memo|post|newspaper|website|poll|survey|study|paper|editorial|
article|book|release|filing|lawsuit|complaint|ruling|order|document|documents|message|video|sign|
banner|headline|site|network|magazine|outlet|blog|campaign|team|office|committee|court|judge|carta|
account|insider|source|person|man|woman|spokesman|official|aide|transcript|excerpt|excerpts|speech|interview|caller|crowd|
mensaje|anuncio|encuesta|estudio|sentencia|auto|documento|periódico|diario|nota|respondents|votantes|encuestados`)

// looksLikeRole reports whether tokens [a, b) read as a role appositive:
// "a spokeswoman for the agency", "the former governor", "42", or an
// occupation after "a" or "an" ("a pharmacist in central Lanmere", "an
// electrical engineer at …", "a paediatrician at …"; occupationAfterA).
func (q *quoter) looksLikeRole(a, b int) bool {
	if b-a > 14 {
		return false
	}
	first := Key(q.word(a))
	// A possessive pronoun opens a role as an article does: "Sven
	// Halle, its managing director", "Pablo Ruiz, su portavoz".
	det := first == "a" || first == "an" || first == "the" || first == "el" || first == "la" || first == "un" ||
		first == "una" || first == "former" || first == "ex" || first == "who" || rolePossessives[first]
	for k := a; k < b; k++ {
		kw := Key(q.word(k))
		if roleNouns[kw] || roleNouns[strings.TrimSuffix(kw, "s")] {
			return det || k == a || isCap(q.word(a)) || q.modifiersOnly(a, k)
		}
	}
	return q.occupationAfterA(a, b) || q.whoDoes(a, b) || q.oneOfThe(a, b) || q.dialogue && q.spanishOccupation(a, b)
}

// rolePossessives are the possessive pronouns a role may open on.
var rolePossessives = set(`its|his|her|their|our|su|sus`)

// spanishOpeners may come before a Spanish occupation: an article or a
// possessive ("la enfermera del hospital", "su entrenador").
var spanishOpeners = set(`el|la|un|una|su|sus`)

// spanishOccupationEndings are the agent-noun endings of Spanish
// occupations (folded by Key): "entrenador", "enfermera", "periodista",
// "dependienta", "estudiante", "funcionario", "mecánico", "bióloga".
var spanishOccupationEndings = []string{"dor", "dora", "tor", "tora", "sor", "sora", "ero", "era", "ista",
	"iente", "ienta", "ante", "ario", "aria", "ico", "ica", "logo", "loga"}

// notSpanishOccupations have an occupation's ending but open a place, a
// time or a manner after a comma ("fuera del hospital", "durante la
// reunión", "frente al ayuntamiento", "primera vez").
var notSpanishOccupations = set(`fuera|afuera|durante|delante|adelante|mediante|bastante|importante|
primero|primera|tercero|tercera|entero|entera|dinero|enero|febrero|manera|carrera|frontera|bandera|madera|
espera|lista|vista|entrevista|pista|conquista|siguiente|suficiente|ambiente|horario|diario|calendario|
primario|primaria|publico|publica|republica|clinica|logica|practica|unico|unica|basico|basica`)

// spanishMannerAdjectives share an occupation's ending (-iente, -ante,
// -ista) but set off a manner after a speaker ("dijo Pablo Ruiz,
// sonriente", "tajante", "optimista", "desafiante"): alone, they are no
// role; after an opener or before a preposition they are read as the
// rest. A short closed list, because the occupations with these endings
// are an open set ("periodista", "estudiante", "dependiente",
// "sindicalista") and lost their role when every bare word with the
// ending was left out.
var spanishMannerAdjectives = set(`sonriente|tajante|optimista|pesimista|desafiante|contundente|vehemente|
elocuente|exultante|triunfante|radiante|jadeante|titubeante|vacilante|cortante|hiriente|distante|arrogante|
impaciente|insistente|convincente|complaciente|condescendiente|displicente|expectante|suplicante|anhelante|
sollozante|desconfiante|prudente|exigente|tolerante|realista|idealista|fatalista|alarmista|derrotista|
triunfalista|conformista`)

// hasAnySuffix reports whether s ends with one of ends.
func hasAnySuffix(s string, ends []string) bool {
	for _, end := range ends {
		if strings.HasSuffix(s, end) {
			return true
		}
	}
	return false
}

// spanishPrepositions may follow an occupation in its appositive:
// "enfermera del hospital", "dependienta en el centro".
var spanishPrepositions = set(`de|del|en|a|al|para|con|desde`)

// spanishOccupation reports whether tokens [a, b) are a Spanish
// occupation read by its ending, after at most an article or a
// possessive: "enfermera del hospital", "dependienta en el centro de
// Villa Serena", "su entrenador". Spanish writes the appositive without
// an article, so what makes the ending safe here is the word's place: in
// lower case, first in the appositive, and ending it or followed by a
// preposition, as no adjective is.
func (q *quoter) spanishOccupation(a, b int) bool {
	k := a
	opener := spanishOpeners[Key(q.word(k))]
	if opener {
		k++
	}
	if k >= b || !q.toks[k].word || isCap(q.word(k)) {
		return false
	}
	kw := Key(q.word(k))
	if utf8.RuneCountInString(kw) < 5 || notSpanishOccupations[kw] || strings.HasSuffix(kw, "mente") {
		return false
	}
	if k+1 < b && !spanishPrepositions[Key(q.word(k+1))] {
		return false
	}
	if k+1 >= b && !opener && spanishMannerAdjectives[kw] {
		return false
	}
	return hasAnySuffix(kw, spanishOccupationEndings)
}

// oneOfThe reports whether tokens [a, b) are "one of the" and a plural
// occupation ("one of the drivers", "one of the organisers"): the group
// the speaker belongs to is their role.
func (q *quoter) oneOfThe(a, b int) bool {
	if a+3 >= b || Key(q.word(a)) != "one" || Key(q.word(a+1)) != "of" || Key(q.word(a+2)) != "the" || !q.toks[a+3].word {
		return false
	}
	w := q.word(a + 3)
	kw, ok := strings.CutSuffix(Key(w), "s")
	return ok && !isCap(w) && (roleNouns[kw] || q.agentNoun(kw))
}

// occupationVerbs tell, after "who", what a person does for a living
// ("who runs a bakery on Tanner Street"), in the present: "who runs" is
// their role, "who ran" a story about them.
var occupationVerbs = set(`runs|owns|manages|heads|leads|teaches|organises|organizes|works|chairs|coaches|directs`)

// whoDoes reports whether tokens [a, b) are "who" and an occupation verb:
// the clause says what the speaker does, which no role noun names ("Hilde
// Marsh, who runs a bakery on Tanner Street").
func (q *quoter) whoDoes(a, b int) bool {
	if a+2 >= b || Key(q.word(a)) != "who" || !q.toks[a+1].word {
		return false
	}
	v := Key(q.word(a + 1))
	// "who speaks for the group", "who speaks on humanitarian affairs for
	// the Civic Alliance": a spokesperson; not "who speaks Spanish".
	return occupationVerbs[v] || v == "speaks" && q.toks[a+2].word && (Key(q.word(a+2)) == "for" || Key(q.word(a+2)) == "on")
}

// modifiersOnly reports whether tokens [a, k) are all role modifiers
// ("managing director", "senior vice president"), so that the role noun
// at k opens the role as the first word would.
func (q *quoter) modifiersOnly(a, k int) bool {
	for i := a; i < k; i++ {
		if !q.toks[i].word || !roleModifier(Key(q.word(i))) {
			return false
		}
	}
	return true
}

// maxAffiliationWords is the most words an affiliation after "of" has
// for affiliation to read it ("the consumer group Fair Money").
const maxAffiliationWords = 6

// affiliation reads, from token j right after a person's name, "of" and
// the organisation the person speaks for, up to the clause's end: "of
// Anselm Capital", "of the consumer group Fair Money", and returns the
// organisation's words (the caption "Kasper Lund, Anselm Capital"). The
// words must open on a capital or "the" and end on a name, and not be a
// place alone ("John Smith of Chicago" is where he is
// from, not whom he speaks for).
func (q *quoter) affiliation(j int) (news.Span, bool) {
	if j+1 >= len(q.toks) || !q.toks[j].word || Key(q.word(j)) != "of" {
		return news.Span{}, false
	}
	a := j + 1
	f := a
	for f < len(q.toks) && (q.toks[f].word || q.possessiveMark(f)) && f-a < maxAffiliationWords {
		f++
	}
	if f == a || f < len(q.toks) && !q.isPunct(f, ",.;") {
		return news.Span{}, false // a longer run, or one the clause goes on past
	}
	// A name ends the run ("Anselm Capital", "the consumer group Fair
	// Money") and nothing but a name's own words follows its first
	// capital: "of Texas spoke first" and "of Anselm Capital on Friday"
	// go on into the clause.
	if (!isCap(q.word(a)) && Key(q.word(a)) != "the") || !q.toks[f-1].word || !isCap(q.word(f-1)) {
		return news.Span{}, false
	}
	inName := false
	for k := a; k < f; k++ {
		w := q.word(k)
		if inName && q.toks[k].word && !isCap(w) && !nameConnectors[Key(w)] {
			return news.Span{}, false
		}
		if isWeekday(Key(w)) {
			return news.Span{}, false
		}
		inName = inName || isCap(w)
	}
	sp := news.Span{Start: q.toks[a].start, End: q.toks[f-1].end}
	for _, e := range q.ents {
		if e.Kind == Place && e.Span == sp {
			return news.Span{}, false
		}
	}
	return sp, true
}

// maxOccupationModifiers is the most words between "a" and the occupation
// occupationAfterA reads ("a 24-year-old retired engineer").
const maxOccupationModifiers = 2

// occupationAfterA reports whether tokens [a, b) open on "a" or "an" and,
// after at most maxOccupationModifiers lower-case words, a lower-case
// occupation by its ending (agentNoun's "-er", "-or", "-ist", "-ian"
// or "-ic": "pharmacist", "engineer", "paediatrician", "mechanic"). The article is
// what makes the ending safe here: a given name is never written "a
// Julian", and the occupation is in lower case.
func (q *quoter) occupationAfterA(a, b int) bool {
	if first := Key(q.word(a)); first != "a" && first != "an" {
		return false
	}
	for k := a + 1; k < b && k <= a+1+maxOccupationModifiers && q.toks[k].word; k++ {
		w := q.word(k)
		if isCap(w) {
			return false
		}
		kw := Key(w)
		if q.agentNoun(kw) || utf8.RuneCountInString(kw) >= 6 && strings.HasSuffix(kw, "ian") {
			return true
		}
		// "a 24-year-old mechanic", "a medic with the Red Cross": "-ic"
		// ends adjectives too ("a historic day"), so the word must end
		// the appositive or come before a preposition, as a noun does.
		if utf8.RuneCountInString(kw) >= 5 && strings.HasSuffix(kw, "ic") &&
			(k+1 == b || q.toks[k+1].word && occupationPrepositions[Key(q.word(k+1))]) {
			return true
		}
	}
	return false
}

// occupationPrepositions may follow an occupation in its appositive: "a
// mechanic at the depot", "a medic with the Red Cross".
var occupationPrepositions = set(`at|in|for|from|with|of|on`)

// object finds the speaker phrase after a verb-first attribution, in
// tokens [a, limit): a name run with an optional appositive role ("said
// Ana Ruiz, the minister"), or a role phrase with an optional appositive
// name ("dijo la ministra de Sanidad, Ana Ruiz").
func (q *quoter) object(a, limit int) (news.Span, news.Span, bool) {
	if a >= limit || !q.toks[a].word {
		return news.Span{}, news.Span{}, false
	}
	first := Key(q.word(a))
	if first == "that" || first == "que" || first == "to" {
		return news.Span{}, news.Span{}, false
	}
	e := a
	if isCap(q.word(a)) && !(q.toks[a].initial && notStartNames[first]) {
		// A name: capitalised words and inner connectors.
		for e < limit && q.toks[e].word && (isCap(q.word(e)) || q.innerConnector(e, limit)) && e-a < 8 {
			e++
		}
		// `said Brightfield chief executive Tobias Marr`: the first name is
		// the speaker's organisation, part of the role before the name.
		if n, ne, ok := q.roleThenName(e, limit); ok && q.plausibleSpeaker(n, ne) {
			return news.Span{Start: q.toks[n].start, End: q.toks[ne-1].end}, news.Span{Start: q.toks[a].start, End: q.toks[n-1].end}, true
		}
		// `said Brightfield's chief executive, Tobias Marr`: the name set
		// off by the comma is the speaker, the phrase before it the role.
		if n, ne, ok := q.roleCommaName(a, e, limit); ok && q.plausibleSpeaker(n, ne) {
			return news.Span{Start: q.toks[n].start, End: q.toks[ne-1].end}, news.Span{Start: q.toks[a].start, End: q.toks[n-2].end}, true
		}
		if q.orgNameGoesOn(e, limit) {
			return news.Span{}, news.Span{}, false
		}
	} else {
		// A role phrase, up to a comma or a preposition of place or time;
		// "9/11 widow Terry Strada" holds a number with a separator.
		for e < limit && (q.toks[e].word || q.inNumber(e)) && e-a < 10 {
			kw := Key(q.word(e))
			if e > a && (kw == "on" || kw == "in" || kw == "at" || kw == "to" || kw == "en" || kw == "ante" || kw == "during" ||
				kw == "durante" || kw == "after" || kw == "tras" || kw == "when" || kw == "cuando" || kw == "that" || kw == "que" ||
				kw == "who" || kw == "quien" || kw == "by" || kw == "with" || kw == "from" || kw == "por" || speechVerbs[kw]) {
				break
			}
			e++
		}
	}
	// Drop trailing connectors.
	for e > a && nameConnectors[Key(q.word(e-1))] && !isCap(q.word(e-1)) {
		e--
	}
	if e <= a || !q.plausibleSpeaker(a, e) {
		return news.Span{}, news.Span{}, false
	}
	ph := news.Span{Start: q.toks[a].start, End: q.toks[e-1].end}
	if e+1 < limit && q.isPunct(e, ",") && q.toks[e+1].word {
		f := e + 1
		for f < limit && (q.toks[f].word || q.possessiveMark(f)) && f-e < 12 {
			f++
		}
		nameAfter := isCap(q.word(e+1)) && allCapsWords(q, e+1, f)
		if nameAfter && !isCap(q.word(a)) {
			// "el portavoz de la patronal, Juan Pérez".
			return news.Span{Start: q.toks[e+1].start, End: q.toks[f-1].end}, ph, true
		}
		if isCap(q.word(a)) && q.looksLikeRole(e+1, f) {
			return ph, news.Span{Start: q.toks[e+1].start, End: q.toks[f-1].end}, true
		}
	}
	return ph, news.Span{}, true
}

// innerConnector reports whether token k joins two parts of one name
// ("Bank of England"): a connector before a capitalised word that is not a
// day or a month, since `said Ana Ruiz on Tuesday` names Ana Ruiz, not "Ana
// Ruiz on Tuesday".
func (q *quoter) innerConnector(k, limit int) bool {
	if !nameConnectors[Key(q.word(k))] || k+1 >= limit || !q.toks[k+1].word || !isCap(q.word(k+1)) {
		return false
	}
	next := Key(q.word(k + 1))
	if _, wd := weekdays[next]; wd {
		return false
	}
	_, m := months[next]
	return !m || len(next) <= 3
}

// roleThenName reads, from token r, a short lower-case role ("chief
// executive", "press secretary") and the name that ends the clause after
// it, or is followed by on, in or at and the rest of the clause ("on
// Tuesday", "in a statement"), and returns the name's tokens [n, ne). Every
// role word is a singular role noun or a modifier, so that "Smith on
// Tuesday" is not read as a role, nor "workers" in `said Brightfield
// workers Union`, where the capitalised run is an organisation, not a
// person holding a role.
func (q *quoter) roleThenName(r, limit int) (n, ne int, ok bool) {
	n = r
	noun := false
	for n < limit && q.toks[n].word && !isCap(q.word(n)) && n-r < 4 {
		kw := Key(q.word(n))
		isNoun := roleNouns[kw]
		if !isNoun && !roleModifier(kw) {
			return 0, 0, false
		}
		noun = noun || isNoun
		n++
	}
	if !noun || n >= limit || !q.toks[n].word || !isCap(q.word(n)) {
		return 0, 0, false
	}
	ne = n
	for ne < limit && q.toks[ne].word && (isCap(q.word(ne)) || q.innerConnector(ne, limit)) && ne-n < 5 {
		ne++
	}
	if !q.closesClause(ne, limit) {
		return 0, 0, false // the clause goes on: not a name closing it
	}
	return n, ne, true
}

// roleCommaName reads, after a name run [a, r), a lower-case role and an
// appositive name set off by a comma that ends the clause (`said
// Brightfield's chief executive, Tobias Marr`), and returns the name's
// tokens [n, ne). After a possessive ("Brightfield's farm minister") any
// lower-case words holding a role noun make the role, as the possessive
// says whose role it is; otherwise every word must be a role noun or a
// modifier, as in roleThenName, so `said Ana Ruiz on Tuesday, Smith` is no
// role.
func (q *quoter) roleCommaName(a, r, limit int) (n, ne int, ok bool) {
	w := q.word(r - 1)
	possessive := possessiveWord(w)
	c := r
	noun := false
	for c < limit && q.toks[c].word && !isCap(q.word(c)) && c-r < 6 {
		kw := Key(q.word(c))
		if speechVerbs[kw] || kw == "that" || kw == "who" || kw == "which" {
			return 0, 0, false
		}
		isNoun := roleNouns[kw]
		if !possessive && !isNoun && !roleModifier(kw) {
			return 0, 0, false
		}
		noun = noun || isNoun
		c++
	}
	if !noun || c == r || c+1 >= limit || !q.isPunct(c, ",") || !q.toks[c+1].word || !isCap(q.word(c+1)) {
		return 0, 0, false
	}
	n = c + 1
	ne = n
	for ne < limit && q.toks[ne].word && (isCap(q.word(ne)) || q.innerConnector(ne, limit)) && ne-n < 5 {
		ne++
	}
	if !q.closesClause(ne, limit) {
		return 0, 0, false
	}
	return n, ne, true
}

// closesClause reports whether a name ending before token k ends its
// clause: nothing follows but punctuation, or on, in or at and the rest
// of the clause ("on Tuesday", "in a statement").
func (q *quoter) closesClause(k, limit int) bool {
	if k >= limit || !q.toks[k].word {
		return true
	}
	switch Key(q.word(k)) {
	case "on", "in", "at":
		return true
	}
	return false
}

// orgNameGoesOn reports whether a name run ending before token r goes on
// over lower-case words to a capitalised run that ends in an
// organisation's head and closes the clause: `said Brightfield workers
// Union`. Cut at the first lower-case word, the speaker would be the
// company, not its workers' union, and the whole run would resolve to
// its first name all the same (resolve), so the attribution is left
// without a speaker rather than given the wrong one.
func (q *quoter) orgNameGoesOn(r, limit int) bool {
	n := r
	for n < limit && q.toks[n].word && !isCap(q.word(n)) && !nameConnectors[Key(q.word(n))] && n-r < 2 {
		n++
	}
	if n == r || n >= limit || !q.toks[n].word || !isCap(q.word(n)) {
		return false
	}
	ne := n
	for ne < limit && q.toks[ne].word && isCap(q.word(ne)) && ne-n < 4 {
		ne++
	}
	return orgHeads[Key(q.word(ne-1))] && q.closesClause(ne, limit)
}

// allCapsWords reports whether tokens [a, b) are capitalised words or
// name connectors between them.
func allCapsWords(q *quoter, a, b int) bool {
	for k := a; k < b; k++ {
		if !q.toks[k].word || !isCap(q.word(k)) && !nameConnectors[Key(q.word(k))] {
			return false
		}
	}
	return b > a
}

// roleModifier words may sit inside a role phrase ("the former deputy
// minister", "a senior White House official").
func roleModifier(k string) bool {
	switch k {
	case "former", "senior", "top", "chief", "deputy", "acting", "interim", "then", "vice", "assistant", "managing",
		"presidential", "foreign", "prime", "general", "executive", "national", "local", "state", "federal",
		"campaign", "press", "official", "democratic", "republican", "the", "a", "an", "his", "her", "their",
		"el", "la", "los", "las", "un", "una", "su", "sus", "ex", "nuevo", "nueva", "actual", "for", "of", "de", "del":
		return true
	}
	return false
}

// before looks for an attribution ending at the quotation: `Smith said:
// "…"`, `Smith told reporters that the plan was "…"`.
func (q *quoter) before(sg segment) (attribution, bool) {
	sent := q.sentenceAt(sg.openAt)
	a := q.tokAt(sent.Start)
	o := q.tokAt(sg.openAt)
	// Do not reach back past an earlier quotation, the attribution an
	// earlier quote used, or the end of a sentence.
	for k := o - 1; k >= a; k-- {
		if !q.toks[k].word && strings.ContainsAny(q.word(k), "“”\"«»") && q.titleMark(k) {
			// `Johnson tells MSNBC's "Morning Joe" that "…"`: a title
			// or nickname in the clause is no earlier quotation.
			continue
		}
		if !q.toks[k].word && (strings.ContainsAny(q.word(k), "”\"»") || k < o-1 && strings.ContainsAny(q.word(k), ".!?") &&
			q.toks[k+1].word && isCap(q.word(k+1))) {
			a = k + 1
			break
		}
	}
	return q.attributionBefore(a, o, false)
}

// attributionBefore finds the speaker of a clause in tokens [a, o) that
// leads into a quotation. With subjectFallback, a clause without a speech
// verb ("released the following statement:") gives its subject.
func (q *quoter) attributionBefore(a, o int, subjectFallback bool) (attribution, bool) {
	for v := o - 1; v >= a; v-- {
		if !q.toks[v].word {
			continue
		}
		kw := Key(q.word(v))
		if kw == "according" && v+1 < o && Key(q.word(v+1)) == "to" {
			if ph, role, ok := q.object(v+2, o); ok {
				return attribution{phrase: ph, role: role}, true
			}
		}
		if kw == "segun" {
			if ph, role, ok := q.object(v+1, o); ok {
				return attribution{phrase: ph, role: role}, true
			}
		}
		if !q.isVerb(v) {
			continue
		}
		if isParticiple(kw) {
			// The subject of a participle is the main clause's: that of
			// the speech verb before it ("Hollande said…, noting"), else
			// the sentence's, which may lie before an earlier quotation.
			if ph, ok := q.mainSubject(v); ok {
				return attribution{phrase: ph}, true
			}
			continue
		}
		if ph, role, ok := q.subject(a, v); ok {
			// The speaker who reports the clause, not the one it
			// reports on: the quotation is the outer speaker's account.
			if oph, orole, ok := q.outerSpeaker(a, q.tokAt(ph.Start)); ok {
				return attribution{phrase: oph, role: orole}, true
			}
			return attribution{phrase: ph, role: role}, true
		}
		// "She greeted supporters and told them": the sentence's subject.
		if v > a && q.toks[v-1].word && conjunctions[Key(q.word(v-1))] {
			if ph, ok := q.mainSubject(v); ok {
				return attribution{phrase: ph}, true
			}
		}
		// Verb first, at the start of its clause: `Said Smith: "…"`.
		if v == a || q.isPunct(v-1, ",:;—–") {
			if ph, role, ok := q.object(v+1, o); ok {
				return attribution{phrase: ph, role: role}, true
			}
		}
	}
	if subjectFallback {
		if ph, ok := q.sentenceSubject(a, o); ok {
			return attribution{phrase: ph}, true
		}
	}
	// "… surprise Republican pollster Daron Shaw: "…"": a name right
	// before the colon that opens the quotation.
	if o-1 > a && q.isPunct(o-1, ":") {
		for _, e := range q.ents {
			if e.Span.End == q.toks[o-2].end && (e.Kind == Person || e.Kind == OtherEntity && strings.Contains(e.Key, " ")) {
				return attribution{phrase: e.Span}, true
			}
		}
		// "The Illinois Board of Elections was conclusive: "…"": the
		// subject of the clause, if it names someone.
		if ph, ok := q.sentenceSubject(a, o-1); ok && q.namesSpeaker(ph) {
			return attribution{phrase: ph}, true
		}
	}
	return attribution{}, false
}

// outerSpeaker finds, for a speech clause starting at token b, an outer
// speech verb in [a, b) whose "that" clause holds it: `Trump said during
// a rally that Clinton described the deal as "…"`.
func (q *quoter) outerSpeaker(a, b int) (news.Span, news.Span, bool) {
	if b-1 > a && q.isVerb(b-1) && !isParticiple(Key(q.word(b-1))) {
		// "Israel said Clinton called on members to be "…"": a clause
		// with no "that" right after the outer speech verb.
		if ph, role, ok := q.subject(a, b-1); ok {
			return ph, role, true
		}
	}
	for t := b - 1; t > a; t-- {
		if !q.toks[t].word || Key(q.word(t)) != "that" {
			continue
		}
		for u := t - 1; u >= a; u-- {
			if q.isVerb(u) && !isParticiple(Key(q.word(u))) {
				if q.subordinateBefore(a, u, b) {
					return news.Span{}, news.Span{}, false
				}
				return q.subject(a, u)
			}
		}
		return news.Span{}, news.Span{}, false
	}
	return news.Span{}, news.Span{}, false
}

// subordinateBefore reports whether the speech verb at token u heads a
// subordinate clause that ends before the clause at token b: `When
// Clinton noted that …, Trump boasted, "…"` is Trump's. The clause opens
// with a subordinating conjunction and a comma or dash closes it right
// before b.
func (q *quoter) subordinateBefore(a, u, b int) bool {
	if !q.isPunct(b-1, ",—–―") {
		return false
	}
	for k := u - 1; k >= a && k >= u-8; k-- {
		if !q.toks[k].word {
			return false
		}
		if subordinators[Key(q.word(k))] {
			return true
		}
	}
	return false
}

// subordinators open an adverbial clause. English only: outerSpeaker
// reads English "that" clauses only.
var subordinators = set(`when|whenever|while|after|before|as|because|since|although|though|if|once|unless|until`)

// sentenceSubject finds the subject of the clause in tokens [a, v): the
// noun phrase that starts it (after a conjunction or an introductory
// phrase), a pronoun, else the first person named in it.
func (q *quoter) sentenceSubject(a, v int) (news.Span, bool) {
	// Skip a leading conjunction and an introductory phrase ending in a
	// comma ("And ...", "On Monday, ...").
	for a < v && q.toks[a].word && conjunctions[Key(q.word(a))] {
		a++
	}
	a = q.skipRunInHead(a, v)
	if a < v && q.toks[a].word {
		if _, ok := pronounGender[Key(q.word(a))]; ok {
			return news.Span{Start: q.toks[a].start, End: q.toks[a].end}, true
		}
	}
	k := a
	// An introductory phrase: a short one ("On Monday,"), or a longer
	// one opened by a participle or a preposition ("Worried about a lack
	// of passion for Hillary Clinton among young voters,").
	reach := 6
	if fw := Key(q.word(a)); q.toks[a].word && (prepositions[fw] || strings.HasSuffix(fw, "ed") || strings.HasSuffix(fw, "ing")) {
		reach = 16
	}
	for j := a; j < v && j < a+reach; j++ {
		if q.isPunct(j, ",") && !q.inNumber(j) {
			k = j + 1
			break
		}
	}
	if k > a+1 && k < v && q.toks[k].word && partyStateTag(q.word(k)) {
		// "House Speaker Paul Ryan, R-Wis., despite admitting": the
		// party and state after a name are its appositive, no subject.
		if ph, ok := q.personEndingAt(a, k-1); ok {
			return ph, true
		}
	}
	if k > a+1 {
		// "Dean, a medical doctor, then appeared": the name before an
		// appositive role is the subject, not an introductory phrase.
		for c := k; c < v && c-k <= 14; c++ {
			if !q.isPunct(c, ",") {
				continue
			}
			if q.looksLikeRole(k, c) {
				if n, ok := q.nameBeforeRole(a, k, c); ok {
					return n, true
				}
			}
			break
		}
	}
	if ph, ok := q.shareSubject(k, v); ok {
		return ph, true
	}
	e := k
	det := k < v && q.toks[k].word && isDeterminer(Key(q.word(k))) && Key(q.word(k)) != "that"
	for e < v && q.toks[e].word && e-k < 7 {
		kw := Key(q.word(e))
		if e > k && (auxiliaries[kw] || q.isVerb(e)) {
			break
		}
		if e > k && !det && !isCap(q.word(e)) && !roleNouns[kw] && !groupNouns[kw] && !roleModifier(kw) {
			break
		}
		e++
	}
	if e > k && q.plausibleSpeaker(k, e) {
		return news.Span{Start: q.toks[k].start, End: q.toks[e-1].end}, true
	}
	for _, en := range q.ents {
		if en.Span.Start >= q.toks[a].start && en.Span.End <= q.toks[v-1].end && en.Kind == Person {
			return en.Span, true
		}
	}
	return news.Span{}, false
}

// skipRunInHead returns the token after a run-in heading that opens the
// clause in tokens [a, v): two or more words in capitals and a dash
// (`CONGRESS HAS INVESTIGATED HIM — Oz's dubious advice…`). The heading
// is the writer's, not the clause's subject.
func (q *quoter) skipRunInHead(a, v int) int {
	words := 0
	for k := a; k < v && k < a+16; k++ {
		if !q.toks[k].word {
			if q.isPunct(k, "—–―") && words >= 2 {
				return k + 1
			}
			if q.isPunct(k, "'’") {
				continue // "OZ’S"
			}
			return a
		}
		if !isAllCaps(q.word(k)) {
			return a
		}
		words++
	}
	return a
}

// partyStateTag reports whether w is a US party and state abbreviation
// written after a legislator's name: "R-Wis", "D-Mo", "I-Vt" (the full
// stop is a token of its own).
func partyStateTag(w string) bool {
	if len(w) < 4 || len(w) > 8 || w[1] != '-' || !strings.ContainsRune("RDI", rune(w[0])) {
		return false
	}
	for i, r := range w[2:] {
		if !unicode.IsLetter(r) || i == 0 && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// personEndingAt returns the person named by the entity that ends right
// before token c and starts at or after token a.
func (q *quoter) personEndingAt(a, c int) (news.Span, bool) {
	if c <= a {
		return news.Span{}, false
	}
	for _, en := range q.ents {
		if en.Kind == Person && en.Span.End == q.toks[c-1].end && en.Span.Start >= q.toks[a].start {
			return en.Span, true
		}
	}
	return news.Span{}, false
}

// shareSubject reads a share of a polled group that opens a clause in
// tokens [k, v): "63 percent", "Only 52 percent of registered voters",
// "el 40 por ciento de los votantes". Polls make such shares the
// speakers of the words they were asked to agree with.
func (q *quoter) shareSubject(k, v int) (news.Span, bool) {
	b := k
	for b < v && b < k+2 && q.toks[b].word && shareAdverbs[Key(q.word(b))] {
		b++ // "only", "solo el"
	}
	n := b
	if n >= v || !q.toks[n].word || !unicode.IsDigit(firstRune(q.word(n))) {
		return news.Span{}, false
	}
	e := n + 1
	switch {
	case e < v && q.isPunct(e, "%"):
		e++
	case e < v && q.toks[e].word && Key(q.word(e)) == "percent":
		e++
	case e+1 < v && q.toks[e].word && q.toks[e+1].word && (Key(q.word(e)) == "per" && Key(q.word(e+1)) == "cent" ||
		Key(q.word(e)) == "por" && Key(q.word(e+1)) == "ciento"):
		e += 2
	default:
		return news.Span{}, false
	}
	// "of registered voters", "de los votantes": the group, up to a verb.
	if e < v && q.toks[e].word && (Key(q.word(e)) == "of" || Key(q.word(e)) == "de") {
		for f := e + 1; f < v && f <= e+5 && q.toks[f].word; f++ {
			fk := Key(q.word(f))
			if auxiliaries[fk] || q.isVerb(f) || fk == "that" || fk == "que" || fk == "who" {
				break
			}
			if groupNouns[fk] || roleNouns[strings.TrimSuffix(fk, "s")] {
				e = f + 1
			}
		}
	}
	return news.Span{Start: q.toks[k].start, End: q.toks[e-1].end}, true
}

// shareAdverbs may open a share of a group: "only 52 percent".
var shareAdverbs = set(`only|just|about|nearly|almost|some|roughly|solo|sólo|casi|apenas|unos|un|el`)

// inNumber reports whether token j is a separator inside a number, the
// comma of "100,000": no clause boundary.
func (q *quoter) inNumber(j int) bool {
	return j > 0 && j+1 < len(q.toks) && q.toks[j-1].end == q.toks[j].start && q.toks[j].end == q.toks[j+1].start &&
		unicode.IsDigit(lastRuneOf(q.word(j-1))) && unicode.IsDigit(firstRune(q.word(j+1)))
}

func lastRuneOf(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// mainSubject finds the subject of the clause a participle at token v
// hangs off: the subject of the nearest speech verb before it in the
// sentence, outside quotations, else the sentence's subject.
func (q *quoter) mainSubject(v int) (news.Span, bool) {
	sa := q.tokAt(q.sentenceAt(q.toks[v].start).Start)
	for u := v - 1; u >= sa; u-- {
		if q.isVerb(u) && !isParticiple(Key(q.word(u))) && !q.inQuote(q.toks[u].start) {
			if ph, _, ok := q.subject(sa, u); ok {
				return ph, true
			}
		}
	}
	return q.sentenceSubject(sa, v)
}

// namesSpeaker reports whether a phrase holds a name, or a role, group or
// organisation noun: strict enough to stand as a speaker without a
// speech verb.
func (q *quoter) namesSpeaker(ph news.Span) bool {
	for _, e := range q.ents {
		if e.Span.Start >= ph.Start && e.Span.End <= ph.End && e.Kind != Place {
			return true
		}
	}
	for _, w := range strings.Fields(Key(ph.Of(q.s))) {
		if roleNouns[w] || groupNouns[w] || orgHeads[w] {
			return true
		}
	}
	if _, ok := q.shareSubject(q.tokAt(ph.Start), q.tokAt(ph.End)); ok {
		return true // "63 percent"
	}
	return false
}

// auxiliaries end a subject noun phrase.
var auxiliaries = set(`has|have|had|is|was|were|are|will|would|can|could|may|might|must|should|did|does|do|
also|then|ha|han|había|habían|es|fue|era|será|sería|puede|podría`)

// clauseSubject takes the subject of the sentence a quotation sits in
// when the quotation does not start it and no speech verb was found: `He
// urged the party to "do the right thing"` (the verb is not a listed
// speech verb, but the subject still voices the quote).
func (q *quoter) clauseSubject(sg segment) (attribution, bool) {
	sent := q.sentenceAt(sg.openAt)
	if strings.TrimSpace(q.s[sent.Start:sg.openAt]) == "" || strings.ContainsAny(q.s[sent.Start:sg.openAt], "“”\"«»") {
		return attribution{}, false
	}
	ph, ok := q.sentenceSubject(q.tokAt(sent.Start), q.tokAt(sg.openAt))
	if !ok {
		return attribution{}, false
	}
	_, pron := pronounGender[Key(ph.Of(q.s))]
	if !pron && !q.namesSpeaker(ph) {
		return attribution{}, false
	}
	_, share := q.shareSubject(q.tokAt(ph.Start), q.tokAt(ph.End))
	if !pron && !share && !q.entityIn(ph) {
		// No name: only a short noun phrase before a speech or naming
		// verb, not the words up to the quotation ("El presidente
		// calificó la ley de «basura»", not "Los vecinos denuncian el
		// «abandono»").
		if ph, ok = q.phraseBeforeVerb(ph); !ok {
			return attribution{}, false
		}
	}
	return attribution{phrase: ph}, true
}

// entityIn reports whether ph holds a person or an organisation: a name
// of either kind, or an unclassified name of two words or one the text
// capitalises mid-sentence ("PolitiFact").
func (q *quoter) entityIn(ph news.Span) bool {
	for _, e := range q.ents {
		if e.Span.Start >= ph.Start && e.Span.End <= ph.End &&
			(e.Kind == Person || e.Kind == Organization || e.Kind == OtherEntity && (strings.Contains(e.Key, " ") || q.midCap[e.Key])) {
			return true
		}
	}
	return false
}

// phraseBeforeVerb returns the words of ph before its first speech or
// naming verb, or ph itself when such a verb follows it, if they are a
// noun phrase of one to four words.
func (q *quoter) phraseBeforeVerb(ph news.Span) (news.Span, bool) {
	a, b := q.tokAt(ph.Start), q.tokAt(ph.End)
	for k := a; k <= b && k < len(q.toks); k++ {
		if k > a && q.toks[k].word && (q.isVerb(k) || namingVerbs[Key(q.word(k))]) {
			if k-a > 4 {
				return news.Span{}, false
			}
			return news.Span{Start: q.toks[a].start, End: q.toks[k-1].end}, true
		}
	}
	return news.Span{}, false
}

// namingVerbs call something by a quoted word ("called it «basura»").
var namingVerbs = set(`called|calls|call|described|describes|labeled|labelled|labels|dubbed|dubs|branded|brands|termed|terms|
calificó|califica|calificaron|llamó|llama|llamaron|tildó|tilda|tachó|tacha|definió|define|denominó|denomina`)

// previousSentence looks for a speaker in the sentence before the
// quotation's, in the same paragraph: `Smith explained the plan. "It
// works," ...`.
func (q *quoter) previousSentence(sg segment) (attribution, bool) {
	si := sort.Search(len(q.sents), func(i int) bool { return q.sents[i].End > sg.openAt })
	if si == 0 || si > len(q.sents) {
		return attribution{}, false
	}
	prev := q.sents[si-1]
	if q.paraOf(prev.Start) != sg.para || strings.ContainsAny(prev.Of(q.s), "“”\"«»") {
		return attribution{}, false
	}
	a, b := q.tokAt(prev.Start), q.tokAt(prev.End)
	for v := a; v < b; v++ {
		if q.isVerb(v) {
			if ph, role, ok := q.subject(a, v); ok {
				return attribution{phrase: ph, role: role}, true
			}
			return attribution{}, false
		}
	}
	return attribution{}, false
}

// previousParagraph finds the speaker of a quotation that opens its
// paragraph with no attribution, in the last sentence of the paragraph
// before when that reports speech: `Smith said the plan works. ¶ "…"`.
func (q *quoter) previousParagraph(sg segment) (attribution, bool) {
	p := q.paras[sg.para]
	if sg.para == 0 || strings.TrimSpace(q.s[p.Start:sg.openAt]) != "" {
		return attribution{}, false
	}
	prevPara := q.paras[sg.para-1]
	if strings.ContainsAny(prevPara.Of(q.s), "“”\"«»") {
		return attribution{}, false
	}
	prev := q.sentenceAt(max(prevPara.Start, prevPara.End-1))
	a, b := q.tokAt(prev.Start), q.tokAt(prev.End)
	for v := a; v < b; v++ {
		if q.isVerb(v) && !isParticiple(Key(q.word(v))) {
			if ph, role, ok := q.subject(a, v); ok {
				return attribution{phrase: ph, role: role}, true
			}
			return attribution{}, false
		}
	}
	return attribution{}, false
}

func (q *quoter) sentenceAt(pos int) news.Span {
	i := sort.Search(len(q.sents), func(i int) bool { return q.sents[i].End > pos })
	if i < len(q.sents) && q.sents[i].Start <= pos {
		return q.sents[i]
	}
	p := q.paras[q.paraOf(pos)]
	return p
}

// resolve maps a speaker phrase to the fullest mention of the person it
// names, and that person's role; a phrase that names no known person is
// its own speaker.
func (q *quoter) resolve(ph news.Span, before int) (news.Span, news.Span) {
	// A person named inside the phrase.
	for _, e := range q.ents {
		if e.Span.Start >= ph.Start && e.Span.End <= ph.End && e.Kind == Person {
			q.how = "name"
			if o, ok := q.nameAfterRole(e, ph); ok {
				e, q.how = o, "name-after-role"
			}
			full := q.fullest(e)
			return full.Span, q.roleOf(full, ph)
		}
	}
	for _, e := range q.ents {
		// An unclassified name that is the phrase itself ("Sims said"),
		// not a name inside a role phrase ("el jefe del Ejecutivo").
		if e.Span.Start == ph.Start && e.Span.End <= ph.End && e.Kind == OtherEntity && len(strings.Fields(e.Key)) <= 3 {
			// An unclassified name used as a speaker is a person.
			e.Kind, q.how = Person, "unclassified-name"
			full := q.fullest(e)
			return full.Span, q.roleOf(full, ph)
		}
	}
	if e, role, ok := q.roleThenUnclassified(ph); ok {
		// The name alone is the speaker, so that "director Oskar
		// Lindqvist" and "Oskar Lindqvist, director" are one voice.
		q.how = "role-then-name"
		return q.fullest(e).Span, role
	}
	words := strings.Fields(Key(ph.Of(q.s)))
	if len(words) == 1 && (strings.EqualFold(ph.Of(q.s), "it") || strings.EqualFold(ph.Of(q.s), "they")) {
		// "It" is no person: the organisation or publication named
		// last (`the Times wrote. ¶ "…," it added.`), else as written.
		// "They" is that organisation too when one was named in this or
		// the previous paragraph (`the Security Council issued a
		// statement. ¶ "…," they said.`), else as written: the speaker of
		// the quote before, below.
		if o, ok := q.lastOrganization(ph.Start); ok {
			q.how = "it-organization"
			return o.Span, news.Span{}
		}
		if Key(ph.Of(q.s)) == "it" {
			if o, ok := q.groupSubjectBefore(ph.Start); ok {
				q.how = "it-group-subject"
				return o, news.Span{}
			}
		}
		q.how = "as-written"
		return ph, news.Span{}
	}
	if len(words) == 1 && proDropVerbs[words[0]] {
		// The person the paragraph names last before the quote, as a
		// reader of `La consejera delegada de Valdria Rail, Ingrid
		// Solberg, calificó… «…», dijo.` takes it; the company named
		// there is no one who speaks.
		p, ok := q.lastPerson(ph.Start, "")
		ok = ok && q.paraOf(p.Span.Start) == q.paraOf(ph.Start)
		q.how = "pro-drop"
		// A name set off as an appositive after the person found is
		// the later one, whom the reader has in mind ("Alcántara …. Su
		// entrenador, Paco Lebrija, cree …. «…», dijo.").
		if ap, aok := q.appositiveName(ph.Start); aok && (!ok || ap.Span.Start > p.Span.Start) {
			p, ok, q.how = ap, true, "pro-drop-appositive"
			p.Kind = Person
		}
		if ok {
			full := q.fullest(p)
			return full.Span, q.roleOf(full, news.Span{})
		}
		q.how = "pro-drop-unresolved"
		return news.Span{}, news.Span{}
	}
	if len(words) == 1 {
		if g, ok := pronounGender[words[0]]; ok && words[0] != "they" && words[0] != "we" && words[0] != "ellos" &&
			words[0] != "i" && words[0] != "yo" && words[0] != "nosotros" {
			if p, ok := q.pronounReferent(ph.Start, g); ok {
				full := q.fullest(p)
				return full.Span, q.roleOf(full, news.Span{})
			}
			q.how = "pronoun-unresolved"
			return news.Span{}, news.Span{}
		}
	}
	// A role phrase ("the spokeswoman") naming a person introduced with
	// that role earlier.
	head := ""
	for _, w := range words {
		if roleNouns[w] {
			head = w
		}
	}
	if head != "" && (words[0] == "the" || words[0] == "el" || words[0] == "la") {
		for k := len(q.ents) - 1; k >= 0; k-- {
			e := q.ents[k]
			if e.Kind != Person && !(e.Kind == OtherEntity && strings.Contains(e.Key, " ")) || e.Span.End > ph.Start {
				continue
			}
			full := q.fullest(e)
			r := q.roleOf(full, news.Span{})
			if strings.Contains(Key(r.Of(q.s)), head) || strings.Contains(Key(e.Title), head) {
				q.how = "role-to-name"
				return full.Span, r
			}
		}
	}
	q.how = "as-written"
	return ph, news.Span{}
}

// roleThenUnclassified reads a lower-case role phrase ending in an
// unclassified name of two or three words ("director Oskar Lindqvist",
// "passenger Elif Morse", "the agency's Amara Quist"): the name the
// recogniser could not classify, as its given name is not in the list, is
// a person when a role noun, an occupation or a possessive stands right
// before it. It returns the name as a person and the words before it as
// the role; none after a possessive, whose "the agency's" is no role.
func (q *quoter) roleThenUnclassified(ph news.Span) (Entity, news.Span, bool) {
	a := q.tokAt(ph.Start)
	if a >= len(q.toks) || !q.toks[a].word || isCap(q.word(a)) {
		return Entity{}, news.Span{}, false
	}
	for _, e := range q.ents {
		if e.Kind != OtherEntity || e.Span.Start <= ph.Start || e.Span.End != ph.End {
			continue
		}
		if n := len(strings.Fields(e.Key)); n < 2 || n > 3 {
			continue
		}
		k := q.tokAt(e.Span.Start) - 1
		if k < a {
			continue
		}
		for i := a; i <= k; i++ {
			if !q.toks[i].word || isCap(q.word(i)) {
				return Entity{}, news.Span{}, false
			}
		}
		w := q.word(k)
		kw := Key(w)
		if possessiveWord(w) {
			e.Kind = Person
			return e, news.Span{}, true
		}
		if !roleNouns[kw] && !q.agentNoun(kw) {
			continue
		}
		e.Kind = Person
		return e, news.Span{Start: ph.Start, End: q.toks[k].end}, true
	}
	return Entity{}, news.Span{}, false
}

// lastOrganization returns the organisation named last before pos,
// outside quotations, in the same or the previous paragraph.
// groupSubjectBefore returns the subject of the sentence before pos in
// its paragraph when it is a singular organisation or group phrase with
// a name in it: `Donald Trump's campaign is defending his tweets. It's
// denouncing what it calls "…"` (the campaign is no organisation name).
func (q *quoter) groupSubjectBefore(pos int) (news.Span, bool) {
	si := sort.Search(len(q.sents), func(i int) bool { return q.sents[i].End > pos })
	if si == 0 || si > len(q.sents) {
		return news.Span{}, false
	}
	prev := q.sents[si-1]
	if q.paraOf(prev.Start) != q.paraOf(pos) {
		return news.Span{}, false
	}
	a, v := q.tokAt(prev.Start), q.tokAt(prev.End)
	ph, ok := q.sentenceSubject(a, v)
	if !ok || q.inQuote(ph.Start) {
		return news.Span{}, false
	}
	f := strings.Fields(Key(ph.Of(q.s)))
	last := f[len(f)-1]
	if !orgHeads[last] && !singularGroups[last] || !q.namesSpeaker(ph) || !strings.ContainsFunc(ph.Of(q.s), unicode.IsUpper) {
		return news.Span{}, false
	}
	return ph, true
}

// singularGroups are the group nouns "it" may stand for.
var singularGroups = set(`campaign|company|agency|ministry|department|government|administration|committee|
office|court|newspaper|network|magazine|website|group|team|party|union|firm|bank|board|council|commission`)

func (q *quoter) lastOrganization(pos int) (Entity, bool) {
	for k := len(q.ents) - 1; k >= 0; k-- {
		e := q.ents[k]
		if e.Span.End > pos {
			continue
		}
		if q.paraOf(pos)-q.paraOf(e.Span.Start) > 1 {
			break
		}
		if e.Kind == Organization && !q.inQuote(e.Span.Start) {
			return e, true
		}
	}
	return Entity{}, false
}

// nameAfterRole returns the name that follows e inside ph across a role
// phrase: in "Trump campaign spokesman Jason Miller" the first name is
// whom the person works for, the name after the role is the person
// ("Clinton campaign Chairman John Podesta" too, where the role noun is
// capitalised as a title). A conjunction or punctuation between them
// ("Trump and spokesman Jason Miller") keeps e.
func (q *quoter) nameAfterRole(e Entity, ph news.Span) (Entity, bool) {
	for _, o := range q.ents {
		if o.Span.Start < e.Span.End || o.Span.End > ph.End {
			continue
		}
		if o.Kind != Person && !(o.Kind == OtherEntity && strings.Contains(o.Key, " ")) {
			return Entity{}, false
		}
		role := o.Title != "" && roleNouns[Key(lastField(o.Title))]
		for i := q.tokAt(e.Span.End); i < len(q.toks) && q.toks[i].start < o.Span.Start; i++ {
			if !q.toks[i].word {
				return Entity{}, false
			}
			k := Key(q.word(i))
			if k == "and" || k == "or" || k == "y" || k == "o" {
				return Entity{}, false
			}
			role = role || roleNouns[k]
		}
		if !role {
			return Entity{}, false
		}
		o.Kind = Person
		return o, true
	}
	return Entity{}, false
}

// lastField returns the last whitespace-separated field of s.
func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// personAfter reports whether ph names a person after e: e is then what
// they work for or where, capitalised at the sentence's start ("Relief
// minister Tomas Brandt", "Lanmere mayor Piet Halloran").
func (q *quoter) personAfter(e Entity, ph news.Span) bool {
	for _, o := range q.ents {
		if o.Span.Start >= e.Span.End && o.Span.End <= ph.End && o.Kind == Person {
			return true
		}
	}
	return false
}

// pronounReferent resolves a subject pronoun of a speech verb at pos: to
// the latest person named as the subject of a speech verb before it in the
// same or the previous two paragraphs (the discourse's current speaker),
// else to lastPerson.
func (q *quoter) pronounReferent(pos int, g string) (Entity, bool) {
	if q.speakers == nil {
		q.speakers = q.namedSpeakers()
	}
	lp, lok := q.lastPerson(pos, g)
	para := q.paraOf(pos)
	if e, ok := q.previousSubject(pos, g); ok {
		q.how = "pronoun-previous-subject"
		return e, true
	}
	// A person the pronoun's own paragraph names after the quote before
	// is who a reader takes the pronoun for: a speaker from an earlier
	// paragraph must not outrank them (`"…," said Bram Oster. ¶ Maria
	// Okafor visited…. "…," she said.`), even when no gender tells them
	// apart.
	local, hasLocal := q.paragraphPerson(pos, g)
	outranked := func(e Entity) bool {
		return hasLocal && q.paraOf(e.Span.Start) < para && local.Span.Start > e.Span.Start
	}
	// A person named as the subject of a speech verb since the quote
	// before (`McLenney said…. ¶ "…," she said.`, `…, noted NBC's Dante
	// Chinni. ¶ "…," he wrote.`) has taken the floor from its speaker.
	if q.lastSpeaker != nil {
		for k := len(q.speakers) - 1; k >= 0; k-- {
			e := q.speakers[k]
			if e.Span.Start >= pos {
				continue
			}
			if e.Span.Start < q.lastSpeakerAt || para-q.paraOf(e.Span.Start) > 1 {
				break
			}
			if g != "" {
				if pg := personGender(q.fullest(e)); pg != "" && pg != g {
					continue
				}
			}
			if outranked(e) {
				q.how = "pronoun-paragraph-person"
				return local, true
			}
			q.how = "pronoun-new-speaker"
			return e, true
		}
	}
	// The speaker of the quote just before, if a person who fits.
	if ls := q.lastSpeaker; ls != nil && q.paraOf(pos)-q.paraOf(q.lastSpeakerAt) <= 1 && q.lastSpeakerAt <= pos && !outranked(*ls) {
		if pg := personGender(*ls); g == "" || pg == "" || pg == g {
			if !lok || lp.Span.Start < q.lastSpeakerAt || q.paraOf(pos)-q.paraOf(lp.Span.Start) > 0 {
				q.how = "pronoun-last-speaker"
				return *ls, true
			}
		}
	}
	for k := len(q.speakers) - 1; k >= 0; k-- {
		e := q.speakers[k]
		if e.Span.Start >= pos {
			continue
		}
		if para-q.paraOf(e.Span.Start) > 2 {
			break
		}
		if g != "" {
			if pg := personGender(q.fullest(e)); pg != "" && pg != g {
				continue
			}
		}
		if outranked(e) {
			q.how = "pronoun-paragraph-person"
			return local, true
		}
		q.how = "pronoun-named-speaker"
		return e, true
	}
	if hasLocal && (!lok || local.Span.Start > lp.Span.Start) {
		q.how = "pronoun-paragraph-person"
		return local, true // a name the list lacks: "Benedikt Rolle"
	}
	// No speaker in this or the two paragraphs before: the latest person
	// mentioned. Two or more paragraphs back that was wrong two times in
	// three (train even half: 24 of 36), so the pronoun is left
	// unresolved there rather than guessed, and the quote is shown
	// without a named speaker. Abstaining from the previous paragraph on
	// too (55 of 107 wrong) cost dev speaker accuracy to 0.882.
	if lok && q.paraOf(lp.Span.Start) < para-1 {
		q.how = "pronoun-unresolved"
		return Entity{}, false
	}
	q.how = "pronoun-last-person"
	return lp, lok
}

// previousSubject returns the person who opens the sentence before the
// one at pos (its subject, after at most a few words of title or role:
// `Cruz openly admitted that his pick was political. "…," he said.`)
// when that sentence lies in the same paragraph, holds no quotation and
// no named speaker (`Cruz is right, Viguerie argues.` is Viguerie's), and
// the person's gender fits g. Reaching into the previous paragraph as
// well lost on train (−1).
func (q *quoter) previousSubject(pos int, g string) (Entity, bool) {
	si := sort.Search(len(q.sents), func(i int) bool { return q.sents[i].End > pos })
	if si == 0 || si > len(q.sents) {
		return Entity{}, false
	}
	prev := q.sents[si-1]
	if q.paraOf(prev.Start) != q.paraOf(pos) || strings.ContainsAny(prev.Of(q.s), "“”\"«»") || q.headlineAt(prev.Start) {
		return Entity{}, false
	}
	for _, e := range q.speakers {
		if e.Span.Start >= prev.Start && e.Span.End <= prev.End {
			return Entity{}, false // "Cruz is right, Viguerie argues."
		}
	}
	a := q.tokAt(prev.Start)
	for _, e := range q.ents {
		if e.Span.Start < prev.Start {
			continue
		}
		if e.Span.Start >= prev.End || q.tokAt(e.Span.Start)-a > 4 {
			break
		}
		if e.Kind != Person {
			continue
		}
		if g != "" {
			if pg := personGender(q.fullest(e)); pg != "" && pg != g {
				return Entity{}, false
			}
		}
		return e, true
	}
	return Entity{}, false
}

// namedSpeakers lists, in text order, the people named as the subject of
// a speech verb outside quotations.
func (q *quoter) namedSpeakers() []Entity {
	out := []Entity{}
	for v := range q.toks {
		if Key(q.word(v)) == "according" && v+2 < len(q.toks) && Key(q.word(v+1)) == "to" && !q.inQuote(q.toks[v].start) {
			// "According to Ham, …": Ham has the floor as a speaker would.
			// A party word ("according to a Democrat familiar with …")
			// names nobody a pronoun can refer to.
			sent := q.sentenceAt(q.toks[v].start)
			if ph, _, ok := q.object(v+2, min(q.tokAt(sent.End), v+2+maxAttribution)); ok {
				if e, named := q.personIn(ph, true); named && !partyWords[e.Key] {
					out = append(out, e)
				}
			}
			continue
		}
		if !q.isVerb(v) || isParticiple(Key(q.word(v))) || q.inQuote(q.toks[v].start) {
			continue
		}
		sent := q.sentenceAt(q.toks[v].start)
		a := q.tokAt(sent.Start)
		for k := v - 1; k >= a; k-- {
			if !q.toks[k].word && strings.ContainsAny(q.word(k), "”\"»") {
				a = k + 1
				break
			}
		}
		ph, _, ok := q.subject(a, v)
		e, named := q.personIn(ph, ok)
		if !named && ok {
			// "McLenney said": a lone unclassified name that is the
			// whole subject of a speech verb is a person.
			for _, o := range q.ents {
				if o.Span == ph && o.Kind == OtherEntity && !isAllCaps(o.Text) && !groupNouns[o.Key] &&
					!notStartNames[o.Key] && !roleNouns[strings.TrimSuffix(o.Key, "s")] {
					o.Kind = Person
					e, named = o, true
					break
				}
			}
		}
		if !named && (v == a || q.isPunct(v-1, ",:;—–")) {
			// Verb first: `"…," said Ana Ruiz.`, `…, noted NBC's Dante
			// Chinni.`
			ph, _, ok = q.object(v+1, min(q.tokAt(sent.End), v+1+maxAttribution))
			e, named = q.personIn(ph, ok)
		}
		if named {
			out = append(out, e)
		}
	}
	return out
}

// personIn returns the first person named in ph, if ok: a person, or an
// unclassified name of two words or one the text capitalises mid-sentence
// that no person follows in ph.
func (q *quoter) personIn(ph news.Span, ok bool) (Entity, bool) {
	if !ok {
		return Entity{}, false
	}
	for _, e := range q.ents {
		if e.Span.Start >= ph.Start && e.Span.End <= ph.End && (e.Kind == Person || e.Kind == OtherEntity && (strings.Contains(e.Key, " ") || q.midCap[e.Key]) && !q.personAfter(e, ph)) {
			if o, ok := q.nameAfterRole(e, ph); ok {
				return o, true
			}
			e.Kind = Person
			return e, true
		}
	}
	return Entity{}, false
}

// lastPerson returns the person a pronoun at pos most likely refers to:
// among person mentions before pos outside quotations whose gender fits g
// ("" fits any), the latest that is the first person named in its
// sentence (usually its subject), else the latest.
func (q *quoter) lastPerson(pos int, g string) (Entity, bool) {
	var fallback *Entity
	for k := len(q.ents) - 1; k >= 0; k-- {
		e := q.ents[k]
		if e.Kind != Person || e.Span.End > pos || pos-e.Span.End > 3000 || q.inQuote(e.Span.Start) {
			continue
		}
		if g != "" {
			if pg := personGender(q.fullest(e)); pg != "" && pg != g {
				continue
			}
		}
		if q.firstPersonInSentence(k) {
			return e, true
		}
		if fallback == nil {
			fallback = &q.ents[k]
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return Entity{}, false
}

// paragraphPerson returns the person a pronoun at pos can refer to in
// its own paragraph after the quote before: the latest mention outside
// quotations whose gender fits g that is the first person named in its
// sentence. Like personIn it takes a two-word unclassified name for a
// person, since a given name missing from the name list ("Gregor Maddox")
// leaves the name unclassified.
func (q *quoter) paragraphPerson(pos int, g string) (Entity, bool) {
	para := q.paraOf(pos)
	personLike := func(e Entity) bool {
		return e.Kind == Person || e.Kind == OtherEntity && strings.Contains(e.Key, " ")
	}
	for k := len(q.ents) - 1; k >= 0; k-- {
		e := q.ents[k]
		if e.Span.End > pos || !personLike(e) || q.inQuote(e.Span.Start) {
			continue
		}
		if q.paraOf(e.Span.Start) != para || q.lastSpeaker != nil && e.Span.Start < q.lastSpeakerAt {
			break
		}
		if g != "" {
			if pg := personGender(q.fullest(e)); pg != "" && pg != g {
				continue
			}
		}
		sent := q.sentenceAt(e.Span.Start)
		first := true
		for x := k - 1; x >= 0 && q.ents[x].Span.Start >= sent.Start; x-- {
			if personLike(q.ents[x]) && !q.inQuote(q.ents[x].Span.Start) {
				first = false
				break
			}
		}
		if first {
			e.Kind = Person
			return e, true
		}
	}
	return Entity{}, false
}

// firstPersonInSentence reports whether q.ents[k] is the first person
// named in its sentence.
func (q *quoter) firstPersonInSentence(k int) bool {
	sent := q.sentenceAt(q.ents[k].Span.Start)
	for x := k - 1; x >= 0; x-- {
		e := q.ents[x]
		if e.Span.Start < sent.Start {
			break
		}
		if e.Kind == Person && !q.inQuote(e.Span.Start) {
			return false
		}
	}
	return true
}

// inQuote reports whether pos lies inside a quotation.
func (q *quoter) inQuote(pos int) bool {
	i := sort.Search(len(q.segs), func(i int) bool { return q.segs[i].closeAt > pos })
	return i < len(q.segs) && q.segs[i].openAt <= pos
}

// fullest returns the longest mention of the person e names, preferring
// mentions before e.
func (q *quoter) fullest(e Entity) Entity {
	best := e
	for _, o := range q.ents {
		if o.Kind != Person && o.Kind != OtherEntity {
			continue
		}
		if !Corefer(e, Entity{Text: o.Text, Kind: Person, Key: o.Key}) {
			continue
		}
		// "Crooked Hillary Clinton" in a quoted tweet, "Donald Trump Is
		// Right" in a headline: not how the article names the person.
		if o.Span != e.Span && (q.inQuote(o.Span.Start) || q.headlineAt(o.Span.Start)) {
			continue
		}

		better := len(strings.Fields(o.Key)) > len(strings.Fields(best.Key)) ||
			(len(strings.Fields(o.Key)) == len(strings.Fields(best.Key)) && best.Title == "" && o.Title != "")
		if better && (o.Span.Start < e.Span.Start || best.Span == e.Span) {
			best = o
		}
	}
	return best
}

// shownName trims what an article writes around a person's name but is
// no part of it: a party or an employer's possessive before it
// ("Republican Ted Cruz", "NBC's Dante Chinni": an affiliation, not a
// given name), a sentence opener before a given name ("Rival Hillary
// Clinton") and a place after it ("Ted Cruz of Texas": where they
// serve).
func (q *quoter) shownName(sp news.Span) news.Span {
	// A speaker the entity recogniser left unclassified ("Republican Ted
	// Cruz") is a person too, unless an organisation word says otherwise
	// ("Republican Jewish Coalition").
	person := false
	for _, e := range q.ents {
		if e.Span.Start == sp.Start && (e.Kind == Person || e.Kind == OtherEntity) {
			person = true
			break
		}
	}
	for _, w := range strings.Fields(Key(sp.Of(q.s))) {
		if orgHeads[w] {
			person = false
		}
	}
	if !person {
		return sp
	}
	if name, place, ok := strings.Cut(sp.Of(q.s), " of "); ok && name != "" && places[Key(place)] {
		sp.End = sp.Start + len(name)
	}
	for {
		first, rest, ok := strings.Cut(sp.Of(q.s), " ")
		possessive := possessiveWord(first)
		party := partyWords[Key(first)] && !partyGroup(rest)
		if !ok || !party && !possessive && !q.openerBeforeName(sp.Start, first, rest) || !isCap(rest) {
			return sp
		}
		sp.Start += len(first) + 1
	}
}

// openerBeforeName reports whether first, the word at pos, opens a
// sentence and stands before a given name and a surname ("Rival Hillary
// Clinton"): its capital is the sentence's, not the name's. Only a word
// known to describe or open, not one the name list merely lacks: "Xosé
// Manuel Beiras", "Jo Ann Emerson" keep their first given name.
func (q *quoter) openerBeforeName(pos int, first, rest string) bool {
	rw := strings.Fields(Key(rest))
	k0 := Key(first)
	if len(rw) < 2 || firstNames[k0] != "" || firstNames[rw[0]] == "" ||
		!notStartNames[k0] && !roleNouns[k0] && !roleModifier(k0) && !nameOpeners[k0] && !q.agentNoun(k0) {
		return false
	}
	k := q.tokAt(pos)
	return k < len(q.toks) && q.toks[k].initial
}

// nameOpeners are words that describe a person before their name and
// open sentences ("Rival Hillary Clinton"), beside role nouns and role
// modifiers.
var nameOpeners = set(`rival|fellow|candidate|nominee|challenger|incumbent|veteran|critic|opponent|activist|billionaire|businessman|businesswoman`)

// agentNoun reports whether k reads as an occupation ("Grocer Yusuf
// Dalmar", "Shopkeeper …"): an agent-noun ending the text never
// capitalises mid-sentence, as it would a given name.
func (q *quoter) agentNoun(k string) bool {
	return utf8.RuneCountInString(k) >= 5 && !q.midCap[k] && !notAgentNouns[k] &&
		(strings.HasSuffix(k, "er") || strings.HasSuffix(k, "or") || strings.HasSuffix(k, "ist"))
}

// notAgentNouns end like agent nouns but are prepositions, adverbs and
// determiners: "Emre Salk, a week after the attack" has no role.
var notAgentNouns = set(`after|under|other|another|either|neither|rather|never|whether|together|later|
further|earlier|however|whatever|whoever|wherever|whenever|prior|major|minor`)

// partyWords are party affiliations written before a name. Not "tory":
// it is a given name too ("Tory Burch").
var partyWords = set(`republican|democrat|democratic|gop|libertarian|independent|conservative|liberal|socialist|labour|green`)

// partyGroup reports whether rest, what follows a party word, opens with
// a party's plural ("Liberal Democrats", "Democratic Socialists of
// America"): the party word is then part of the group's name.
func partyGroup(rest string) bool {
	w, _, _ := strings.Cut(Key(rest), " ")
	return strings.HasSuffix(w, "s") && partyWords[strings.TrimSuffix(w, "s")]
}

// headlineAt reports whether pos lies in a paragraph written like a
// headline: four or more words, at least three in four of them
// capitalised ("Politifact: Donald Trump Is Right, ‘Thousands of
// Shootings’ in Chicago this Year."). Its capitals say nothing about
// names, even when a word or two is lower case.
func (q *quoter) headlineAt(pos int) bool {
	pi := q.paraOf(pos)
	if q.headline == nil {
		q.headline = make([]int8, len(q.paras))
	}
	if q.headline[pi] == 0 {
		q.headline[pi] = -1
		if q.headlinePara(q.paras[pi]) {
			q.headline[pi] = 1
		}
	}
	return q.headline[pi] > 0
}

func (q *quoter) headlinePara(p news.Span) bool {
	words, caps := 0, 0
	for k := q.tokAt(p.Start); k < len(q.toks) && q.toks[k].start < p.End; k++ {
		w := q.word(k)
		if !q.toks[k].word || isDigitByte(w[0]) || nameConnectors[Key(w)] || titleConnectors[Key(w)] {
			continue
		}
		words++
		if isCap(w) {
			caps++
		}
		if words > 25 {
			return false
		}
	}
	return words >= 4 && 4*caps >= 3*words
}

// roleOf finds a person's role: their title extended over its modifiers
// ("Democratic presidential candidate"), or an appositive next to a
// mention ("Haley Morris, a spokeswoman for the campaign,"). skip is a
// span not to take the role from.
func (q *quoter) roleOf(p Entity, skip news.Span) news.Span {
	for _, e := range q.ents {
		if e.Kind != Person && e.Kind != OtherEntity || !Corefer(Entity{Text: e.Text, Kind: Person, Key: e.Key}, p) {
			continue
		}
		i := q.tokAt(e.Span.Start)
		j := q.tokAt(e.Span.End)
		// Appositive after: ", a spokeswoman for the campaign,".
		if j+1 < len(q.toks) && q.isPunct(j, ",") {
			f := j + 1
			for f < len(q.toks) && q.toks[f].word && f-j <= 12 {
				f++
			}
			if f < len(q.toks) && q.looksLikeRole(j+1, f) && q.isPunct(f, ",.;") {
				return news.Span{Start: q.toks[j+1].start, End: q.toks[f-1].end}
			}
		}
		// An affiliation after "of": "Kasper Lund of Anselm Capital",
		// "Renate Holm of the consumer group Fair Money".
		if r, ok := q.affiliation(j); ok {
			return r
		}
		// Role before, set off by a comma: "La ministra de Sanidad, Ana
		// Ruiz,", "The agency's director, Ana Ruiz,".
		if i > 1 && q.isPunct(i-1, ",") {
			c := i - 2
			// The verb of `said Brightfield's chief executive, Tobias
			// Marr` is not part of the role.
			for c > 0 && q.toks[c-1].word && !q.isVerb(c-1) && i-c < 10 {
				c--
			}
			if c >= 0 && q.looksLikeRole(c, i-1) {
				return news.Span{Start: q.toks[c].start, End: q.toks[i-2].end}
			}
		}
		// A role word the recogniser took into the name, opening a
		// sentence before a given name ("Shopkeeper Yusuf Dalmar said…":
		// the speaker is Yusuf Dalmar, openerBeforeName) is the role.
		if first, rest, ok := strings.Cut(e.Span.Of(q.s), " "); ok && (roleNouns[Key(first)] || q.agentNoun(Key(first))) &&
			q.openerBeforeName(e.Span.Start, first, rest) {
			return news.Span{Start: e.Span.Start, End: e.Span.Start + len(first)}
		}
		// Title before, with its modifiers: a role noun, or an occupation
		// ("Harbour master Ruth Calder", "striker Diego Salcedo"), as
		// roleThenUnclassified reads one before an attribution's name.
		if e.Title != "" || (i > 0 && q.toks[i-1].word && (roleNouns[Key(q.word(i-1))] || q.agentNoun(Key(q.word(i-1))))) {
			end := i
			k := i - 1
			// The title may be inside the entity's run ("President Obama").
			for k >= 0 && q.toks[k].word && i-k <= 6 {
				kw := Key(q.word(k))
				// A verb or an object pronoun ends the title's modifiers:
				// "Among them was Senator Ted Cruz" has the role "Senator".
				// So does a time or date: "at about 9 p.m. Police chief
				// Elsa Brun" has the role "Police chief".
				if notStartNames[kw] || speechVerbs[kw] || auxiliaries[kw] || objectPronouns[kw] || q.timeWord(k) {
					break
				}
				k--
			}
			if k+1 < end {
				return news.Span{Start: q.toks[k+1].start, End: q.toks[end-1].end}
			}
		}
	}
	return news.Span{}
}

// trimRoleStart drops the times, dates and numbers a role starts with:
// a sentence splitter that keeps "3 a.m." inside the sentence after it,
// or a date before a title ("On Tuesday Fire chief …"), can leave them
// before the role, and no role begins with one.
func (q *quoter) trimRoleStart(role news.Span) news.Span {
	if role.Len() == 0 {
		return role
	}
	i, j := q.tokAt(role.Start), q.tokAt(role.End)
	for i < j && (q.timeWord(i) || !q.toks[i].word) {
		i++
	}
	// A leading article is no part of the title: "the local public
	// health director" shows as "local public health director" after a
	// name.
	// "the party's leader" keeps its article, which belongs to the
	// possessor.
	if i+1 < j && roleArticles[Key(q.word(i))] && q.toks[i+1].word && !possessiveWord(q.word(i+1)) {
		i++
	}
	if i >= j {
		return news.Span{}
	}
	return news.Span{Start: q.toks[i].start, End: role.End}
}

// possessiveWord reports whether w ends in a possessive 's.
func possessiveWord(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// withoutPossessive is w without a possessive 's (possessiveWord).
func withoutPossessive(w string) string {
	return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
}

// roleArticles are the articles trimRoleStart drops from a role's start.
var roleArticles = set(`the|a|an|el|la|los|las|un|una`)

// roleText is the text of a role span as shown after a name. A role that
// opens a sentence ("Fire chief Bram Oster said") has its first letter
// lower-cased, as it reads mid-phrase ("Bram Oster, fire chief"), unless
// the word is a proper noun or an acronym: one written in capitals, or
// capitalised somewhere else in the text where no sentence starts
// ("Brightfield chief executive"), and unless it is a one-word title.
// Only the first letter's case differs
// from the span's bytes.
func (q *quoter) roleText(role news.Span) string {
	s := role.Of(q.s)
	if s == "" {
		return s
	}
	k := q.tokAt(role.Start)
	if k >= len(q.toks) || q.toks[k].start != role.Start {
		return s
	}
	// "until about 3 a.m. Fire chief Bram Oster said": the tokenizer
	// keeps the abbreviation's period, and the sentence goes on, but the
	// capital is a new sentence's all the same.
	if !q.toks[k].initial && (k == 0 || !strings.HasSuffix(q.word(k-1), ".")) {
		return s
	}
	w := q.word(k)
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || n >= len(w) || isAllCaps(w) || strings.ContainsAny(w[n:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return s
	}
	// A lone capitalised word before a name is a title written so
	// ("Governor Mark Lopez", "Rep. Ana Ruiz"), but not an occupation
	// known only by its ending ("Shopkeeper Yusuf Dalmar"), which no
	// one writes as a title; a phrase whose next word is lower case was
	// capitalised by the sentence.
	if k+1 >= len(q.toks) || q.toks[k+1].start >= role.End || !q.toks[k+1].word || isCap(q.word(k+1)) {
		lone := k+1 >= len(q.toks) || q.toks[k+1].start >= role.End
		if lk := Key(w); !lone || roleNouns[lk] || !q.agentNoun(lk) {
			return s
		}
	}
	// A possessive is a name's ("Eastgate's mayor", "Lanmere's fire
	// chief"): a common noun would have its article before it.
	if possessiveWord(w) || q.word(k+1) == "'s" || q.word(k+1) == "’s" || q.word(k+1) == "s" && k+1 < len(q.toks) && q.toks[k+1].start == q.toks[k].end+1 {
		return s
	}
	// The text writing the word capitalised inside a sentence makes it a
	// proper noun, unless it does so only as a later word of an
	// organisation's name and writes it in lower case too: "Brightfield
	// Energy" capitalises a common noun, and "clean energy" shows it is
	// one, so "Energy minister Leif Sandvik" has the sentence's capital.
	// A team's short name ("Rovers manager", of "Port Anselm Rovers")
	// is never written in lower case, and a person's later name ("Ruiz
	// campaign spokesman") is a name.
	bare := withoutPossessive(w)
	lower := strings.ToLower(bare)
	inName, common := false, false
	for m, t := range q.toks {
		if m == k || !t.word {
			continue
		}
		wm := withoutPossessive(q.word(m))
		switch {
		case wm == lower:
			common = true
		case wm == bare && !t.initial && !q.inOrgName(t.start):
			return s
		case wm == bare && !t.initial:
			inName = true
		}
	}
	if inName && !common {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// inOrgName reports whether the word at byte at is a later word of a name
// the recogniser does not take for a person's (an organisation's, a
// place's).
func (q *quoter) inOrgName(at int) bool {
	for _, e := range q.ents {
		if e.Kind != Person && e.Span.Start < at && at < e.Span.End {
			return true
		}
	}
	return false
}

// possessiveMark reports whether token k is the apostrophe of a plural
// possessive ("the pilots' association"): attached to a word ending in
// s and followed by a word, so a role phrase goes on across it.
func (q *quoter) possessiveMark(k int) bool {
	if k <= 0 || k+1 >= len(q.toks) || q.toks[k].word || !q.toks[k-1].word || !q.toks[k+1].word {
		return false
	}
	if w := q.word(k); w != "'" && w != "’" {
		return false
	}
	prev := q.word(k - 1)
	return q.toks[k-1].end == q.toks[k].start && q.toks[k].end < q.toks[k+1].start &&
		(strings.HasSuffix(prev, "s") || strings.HasSuffix(prev, "S"))
}

// timeWord reports whether token k is a number or part of a time or a
// date: "3", "10:30", "a.m.", "Tuesday", "March", "yesterday".
func (q *quoter) timeWord(k int) bool {
	if !q.toks[k].word {
		return false
	}
	w := q.word(k)
	if strings.ContainsAny(w, "0123456789") {
		return true
	}
	kw := Key(w)
	switch kw {
	case "a.m.", "p.m.", "a.m", "p.m", "noon", "midnight", "today", "tonight", "yesterday", "tomorrow":
		return true
	}
	if _, ok := weekdays[kw]; ok {
		return true
	}
	_, ok := months[kw]
	return ok && len(kw) > 3
}

// objectPronouns never modify a title.
var objectPronouns = set(`them|him|me|us|whom`)

// titleContext reports whether the word before a quotation introduces a
// title rather than speech: "on", "in", "titled", "the"...
func (q *quoter) titleContext(p news.Span) bool {
	o := q.tokAt(p.Start) - 2 // the word before the opening mark
	if o < 0 || !q.toks[o].word {
		return false
	}
	if possessiveWord(q.word(o)) {
		return true // "CNN's "State of the Union""
	}
	switch Key(q.word(o)) {
	case "on", "in", "at", "of", "for", "titled", "entitled", "named", "the", "a", "an", "en", "el", "la", "del", "titulado", "titulada":
		return true
	}
	return titleNouns[Key(q.word(o))]
}

// titleNouns name works and programmes whose title may follow them
// (`the podcast "So, That Happened."`, `her memoir "Tough Choices"`), and
// "told" and "with", after which a title is the programme spoken to
// (`told "Fox and Friends"`, `an interview with "The Axe Files"`).
var titleNouns = set(`podcast|show|program|programme|movie|film|series|album|song|anthem|book|memoir|novel|
documentary|column|newsletter|segment|play|musical|episode|told|with|programa|libro|película|serie|canción|columna`)

// titleCased reports whether most words of s longer than three letters
// are capitalised: a title or slogan ("Meet the Press"), not speech.
func titleCased(s string) bool {
	words, caps := 0, 0
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) > 3 || isCap(w) {
			words++
			if isCap(w) {
				caps++
			}
		}
	}
	return words > 0 && caps*10 >= words*8
}

// nickname reports whether a quotation is a nickname inside a person's
// name: one or two capitalised words between a given name (or a
// capitalised word inside a sentence) and a capitalised word (`state Del. Marcia "Cia" Price`, `Juan "Chico"
// Manriquez`). It is no speech, and must not join the quotes around it.
func (q *quoter) nickname(sg segment) bool {
	body := sg.body.Of(q.s)
	f := strings.Fields(body)
	if len(f) == 0 || len(f) > 2 || body != strings.TrimSpace(body) {
		return false
	}
	for _, w := range f {
		if !isCap(w) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' && r != '\'' && r != '’' }) >= 0 {
			return false
		}
	}
	o, c := q.tokAt(sg.openAt), q.tokAt(sg.closeAt)
	if o < 1 || c >= len(q.toks) || !q.toks[o-1].word || !q.toks[c].word {
		return false
	}
	// Spaces on the outer sides only: `Marcia "Cia" Price`.
	if q.toks[o-1].end == sg.openAt || q.toks[c].start == sg.closeAt {
		return false
	}
	prev := q.word(o - 1)
	if !isCap(prev) || !isCap(q.word(c)) || q.headlineAt(sg.openAt) {
		return false // a title-case headline capitalises every word
	}
	// A given name the list knows, or a capitalised word inside a
	// sentence, where it is a name (the token before it may be the
	// closing mark of a quote: `," Marcia "Cia" Price said`).
	return firstNames[Key(prev)] != "" ||
		o >= 2 && q.paraOf(q.toks[o-2].start) == sg.para && !q.isPunct(o-2, ".!?¡¿")
}

// titleMark reports whether token k is a quotation mark of a title
// (`on NBC's "Meet the Press"`) or a nickname, which run skips as
// quotes.
func (q *quoter) titleMark(k int) bool {
	for _, sg := range q.segs {
		if sg.openAt == q.toks[k].start || sg.closeAt == q.toks[k].end {
			return titleCased(sg.body.Of(q.s)) && q.titleContext(sg.body) || q.nickname(sg)
		}
	}
	return false
}

// nicknameMark reports whether token k is a quotation mark of a
// nickname.
func (q *quoter) nicknameMark(k int) bool {
	for _, sg := range q.segs {
		if (sg.openAt == q.toks[k].start || sg.closeAt == q.toks[k].end) && q.nickname(sg) {
			return true
		}
	}
	return false
}

// dateOnly reports whether a quotation holds nothing but a date
// ("February 10, 2016"): the dateline of an embedded post, whose stray
// quotation marks paired up across the post, not speech.
func dateOnly(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 5 {
		return false
	}
	month, digits := false, false
	for _, w := range f {
		w = strings.Trim(w, ",.")
		switch {
		case months[strings.ToLower(w)] > 0:
			month = true
		case w != "" && strings.Trim(w, "0123456789") == "":
			digits = true
		case w == "de" || w == "del":
		default:
			return false
		}
	}
	return month && digits
}
