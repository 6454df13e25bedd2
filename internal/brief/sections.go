package brief

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// QuotesPerVoice caps the quotes a voice shows of one speaker: an editor
// wants several people heard, and one fire chief quoted by every outlet
// would otherwise fill the section.
const QuotesPerVoice = 3

// MaxVoiceQuotes caps the quotes of the whole voices section, every
// speaker's first quote counted first: the section was 6 quotes before a
// voice held several, and 18 would bury the facts below it.
const MaxVoiceQuotes = 10

// articleQuotes is text.Quotes of each article's text. Build reads it once
// for the two sections that need it: voices show the quotes, and key facts
// leave out the figures inside them.
func articleQuotes(articles []news.Article) [][]text.Quote {
	out := make([][]text.Quote, len(articles))
	for d, a := range articles {
		out[d] = text.Quotes(a.Text)
	}
	return out
}

// voices lists up to n speakers, each once, with up to QuotesPerVoice of
// their direct quotes whose speaker the article names: every speaker's
// first quote, then further quotes while the section holds fewer than
// MaxVoiceQuotes. Quotes are taken in turn from each article so that one
// outlet's quotes do not crowd out the others; a speaker's first quote is the item's own text and citations, and
// their later quotes are its Quotes, each with its own citations, role and
// outlet. Speakers are the same when their names are, letter case and
// spacing aside. A quote split by its attribution cites each part and
// shows them joined by news.QuoteJoiner. The same words quoted by two
// outlets appear once.
//
// quotes[d] are articles[d]'s quotes (articleQuotes), inDesk tells the
// articles in the desk's language (deskArticles), and langs[d] is
// articles[d]'s guessed language (articleLangs). A foreign quote that
// renders one in the desk's language is left out (dropTranslated), and a
// voice opens on a quote in the desk's language where the speaker has one
// (deskFirst).
func voices(articles []news.Article, quotes [][]text.Quote, inDesk []bool, langs []string, sources map[int64]news.Source, n int) []news.Item {
	perDoc := make([][]news.Item, len(articles))
	glosses := make([][]string, len(articles)) // perDoc's machine translations, where known
	for d, a := range articles {
		qs := quotes[d]
		gl := quoteGlosses(a, qs)
		for qi, q := range qs {
			if strings.TrimSpace(q.Speaker) == "" || len(q.Parts) == 0 {
				continue
			}
			it := news.Item{Speaker: strings.TrimSpace(q.Speaker), Role: shownRole(q.Role), Outlet: Outlet(a, sources)}
			parts := make([]string, 0, len(q.Parts))
			ok := true
			for _, p := range q.Parts {
				s := p.Of(a.Text)
				if s == "" {
					ok = false
					break
				}
				parts = append(parts, s)
				it.Citations = append(it.Citations, news.Cite(a.ID, p))
			}
			// A link alone is no voice.
			body := strings.Join(parts, " ")
			if !ok || !longEnoughQuote(body) || linksOnly(body) {
				continue
			}
			if embeddedFragment(a.Text, q.Parts[0]) {
				continue
			}
			it.Text = strings.Join(parts, news.QuoteJoiner)
			perDoc[d] = append(perDoc[d], it)
			glosses[d] = append(glosses[d], gl[qi])
		}
	}
	dropTranslated(articles, inDesk, langs, perDoc, glosses)
	// The quotes in the order they are offered: in turn from each
	// article, so that one outlet's quotes do not crowd out the others.
	var offered []news.Item
	for round, more := 0, true; more; round++ {
		more = false
		for d := range perDoc {
			if round < len(perDoc[d]) {
				offered = append(offered, perDoc[d][round])
				more = true
			}
		}
	}
	// shown holds the words of each quote listed, space-padded, so that a
	// quote whose every part is a run of them (another outlet printing
	// part of the same remark) is not listed again: the reader has read
	// those words.
	var shown []string
	padded := func(s string) string { return " " + strings.Join(text.Words(s), " ") + " " }
	said := func(it news.Item) bool {
		for _, part := range strings.Split(it.Text, news.QuoteJoiner) {
			p := padded(part)
			if !slices.ContainsFunc(shown, func(s string) bool { return strings.Contains(s, p) }) {
				return false
			}
		}
		return true
	}
	// First every speaker's first quote, up to n speakers, so that a
	// speaker's further quotes never keep another speaker out; then the
	// further quotes, up to QuotesPerVoice a speaker and MaxVoiceQuotes
	// in all.
	var out []news.Item
	bySpeaker := map[string]int{} // index in out of each speaker's voice
	taken := make([]bool, len(offered))
	for i, it := range offered {
		key := speakerKey(it.Speaker)
		if _, ok := bySpeaker[key]; ok || len(out) == n || said(it) {
			continue
		}
		bySpeaker[key] = len(out)
		shown = append(shown, padded(it.Text))
		out = append(out, it)
		taken[i] = true
	}
	total := len(out)
	for i, it := range offered {
		v, ok := bySpeaker[speakerKey(it.Speaker)]
		if taken[i] || !ok || said(it) {
			continue
		}
		if fuller(&out[v], it, padded) {
			// Another outlet printed more of a remark the voice shows:
			// the fuller quote takes its place rather than stand beside
			// it, its first words repeated.
			shown = append(shown, padded(it.Text))
			continue
		}
		if total >= MaxVoiceQuotes || len(out[v].Quotes)+1 >= QuotesPerVoice {
			continue
		}
		it = unsaidParts(it, said)
		if out[v].Role == "" {
			// The caption names the speaker's role as any of their
			// articles gives it.
			out[v].Role = it.Role
		}
		shown = append(shown, padded(it.Text))
		out[v].Quotes = append(out[v].Quotes, it)
		total++
	}
	deskFirst(articles, inDesk, out)
	return out
}

// deskFirst puts first, in each voice, its first quote from an article in
// the desk's language (inDesk, as the headline reads it), when the voice
// opens on a quote in another language: the reader of an English
// briefing reads "Samuel Idowu, the authority's chief engineer" and his
// English words before the Spanish outlet's, and the reader of a Spanish
// one the Spanish outlet's first. The role is then the first the
// reordered quotes give.
func deskFirst(articles []news.Article, inDesk []bool, voices []news.Item) {
	foreignID := map[int64]bool{}
	for d, a := range articles {
		foreignID[a.ID] = !inDesk[d]
	}
	foreign := func(it news.Item) bool { return len(it.Citations) > 0 && foreignID[it.Citations[0].ArticleID] }
	for i, v := range voices {
		k := slices.IndexFunc(v.Quotes, func(q news.Item) bool { return !foreign(q) })
		if !foreign(v) || k < 0 {
			continue
		}
		first := v
		first.Quotes = nil
		all := append([]news.Item{v.Quotes[k], first}, slices.Delete(slices.Clone(v.Quotes), k, k+1)...)
		nv := all[0]
		nv.Quotes = all[1:]
		for _, q := range all {
			if nv.Role = q.Role; nv.Role != "" {
				break
			}
		}
		voices[i] = nv
	}
}

// shownRole is a quote's role as a voice's caption shows it, or "" for a
// role that opens on a possessive pronoun: "Miriam Oyelaran, its
// president" and "Ingrid Moss, his former coach" point at an organisation
// or a person named in the article's sentence before, which the caption
// does not show. The speaker's other quotes may give a role that reads
// alone.
func shownRole(role string) string {
	role = strings.TrimSpace(role)
	if ws := text.Words(role); len(ws) > 0 && possessivePronouns[ws[0]] {
		return ""
	}
	return role
}

// possessivePronouns open a role that leans on the sentence before it.
var possessivePronouns = wordSet("its", "his", "her", "their", "our", "su", "sus")

// dropTranslated leaves out of perDoc each foreign quote that renders, by
// its machine translation (glosses), a quote of the same speaker in an
// article in another language that is in the desk's (inDesk): a Spanish
// outlet quoting the fire chief as an English one did is one remark, and
// the reader of the briefing reads it in the desk's language. langs are
// the articles' guessed languages (articleLangs).
func dropTranslated(articles []news.Article, inDesk []bool, langs []string, perDoc [][]news.Item, glosses [][]string) {
	// Each quote of an article in the desk's language, read once:
	// remarks[e][k] is perDoc[e][k]'s, and is dropped with it.
	remarks := make([][]remark, len(perDoc))
	for e, items := range perDoc {
		if !inDesk[e] {
			continue
		}
		remarks[e] = make([]remark, len(items))
		for k, it := range items {
			remarks[e][k] = remark{speakerKey(it.Speaker), remarkStems(strings.ReplaceAll(it.Text, news.QuoteJoiner, " "))}
		}
	}
	for d := range perDoc {
		kept, keptRemarks := perDoc[d][:0], remarks[d][:0]
		for k, it := range perDoc[d] {
			if glosses[d][k] != "" && renders(articles, inDesk, langs, remarks, d, remark{speakerKey(it.Speaker), remarkStems(glosses[d][k])}) {
				continue
			}
			kept = append(kept, it)
			if remarks[d] != nil {
				keptRemarks = append(keptRemarks, remarks[d][k])
			}
		}
		perDoc[d], remarks[d] = kept, keptRemarks
	}
}

// remark is a quote as dropTranslated compares it: its speaker's key and
// its words' stems (remarkStems).
type remark struct {
	speaker string
	stems   map[string]bool
}

// renders reports whether gloss, a quote of article d translated, says
// what a quote by the same speaker says in an article in another language
// (each article's own, ownLang: its tag's primary subtag, else its guess
// in langs) that is in the desk's; remarks are the quotes of those
// articles.
func renders(articles []news.Article, inDesk []bool, langs []string, remarks [][]remark, d int, gloss remark) bool {
	for e, rs := range remarks {
		// By base language: an "en-GB" quote renders no "en" one, nor
		// an untagged article's one guessed English.
		if e == d || !inDesk[e] || ownLang(articles[e], langs[e]) == ownLang(articles[d], langs[d]) {
			continue
		}
		for _, r := range rs {
			if r.speaker == gloss.speaker && sameRemark(gloss.stems, r.stems) {
				return true
			}
		}
	}
	return false
}

// embeddedFragment reports whether the quote part p of s is a fragment
// embedded in reported speech: it opens in lower case, and the words
// before its quotation mark run on into it with no colon or comma to
// introduce it (`said the city would "do what it takes"`, `exigió
// "responsabilidades políticas inmediatas"`). Such words are the
// writer's sentence with a phrase of the speaker's in it; shown alone as
// a voice they read as something the speaker said whole. Extraction keeps
// them (the quotes evaluation's gold counts them), the voices section
// does not. A quotation introduced by a colon or comma (`Según Juan
// Pérez, “la medida llega tarde”`) or opening its sentence is kept, in
// any case.
func embeddedFragment(s string, p news.Span) bool {
	body := p.Of(s)
	r, _ := utf8.DecodeRuneInString(body)
	if !unicode.IsLower(r) {
		return false
	}
	before := strings.TrimRightFunc(s[:p.Start], unicode.IsSpace)
	// The opening mark, then what stands before it.
	for _, m := range []string{"\"", "“", "«", "„", "‘", "'", "—", "–"} {
		if strings.HasSuffix(before, m) {
			before = strings.TrimSuffix(before, m)
			break
		}
	}
	before = strings.TrimRightFunc(before, unicode.IsSpace)
	last, _ := utf8.DecodeLastRuneInString(before)
	if before == "" || strings.ContainsRune(":,.!?;\n", last) {
		return false
	}
	return unicode.IsLetter(last) || unicode.IsDigit(last)
}

// fuller puts it in the place of the first of v's quotes (its own, then
// its Quotes) whose every word it holds in the same order, and reports
// whether it did. padded gives a text's words, space-padded.
func fuller(v *news.Item, it news.Item, padded func(string) string) bool {
	p := padded(it.Text)
	if strings.Contains(p, padded(v.Text)) {
		v.Text, v.Citations, v.Outlet, v.Role = it.Text, it.Citations, it.Outlet, cmp.Or(it.Role, v.Role)
		return true
	}
	for k, q := range v.Quotes {
		if strings.Contains(p, padded(q.Text)) {
			it.Role = cmp.Or(it.Role, q.Role)
			v.Quotes[k] = it
			return true
		}
	}
	return false
}

// unsaidParts leaves out of a further quote of a voice the parts whose
// words a quote listed holds (said), keeping their citations in step,
// when what is left is still long enough to show (longEnoughQuote): an
// outlet joining a remark another outlet printed to a new one ("We will
// look at every radio call and every radar track … If the equipment
// played a part, we will say so", under "… every radar track from this
// morning") showed the reader the words twice. Each part is a span of
// the article on its own, so what is left is still verbatim. It is asked
// only of a quote that will be listed.
func unsaidParts(it news.Item, said func(news.Item) bool) news.Item {
	parts := strings.Split(it.Text, news.QuoteJoiner)
	if len(parts) < 2 || len(parts) != len(it.Citations) {
		return it
	}
	var keep []string
	var cites []news.Citation
	for k, p := range parts {
		if said(news.Item{Text: p}) {
			continue
		}
		keep = append(keep, p)
		cites = append(cites, it.Citations[k])
	}
	body := strings.Join(keep, " ")
	if len(keep) == len(parts) || len(keep) == 0 || !longEnoughQuote(body) {
		return it
	}
	it.Text, it.Citations = strings.Join(keep, news.QuoteJoiner), cites
	return it
}

// minVoiceWords is the fewest words (text.Words) a quote shown under a
// voice holds: fewer are a phrase, not a remark.
const minVoiceWords = 4

// longEnoughQuote reports whether body, a quote's parts joined by
// spaces, is long enough to show under a voice: minVoiceWords words, and
// as many as the extractor asks of a quote with no attribution of its
// own counted between spaces (text.MinQuoteWords), since text.Words
// splits "a know-it-all" in four.
func longEnoughQuote(body string) bool {
	return len(text.Words(body)) >= minVoiceWords && len(strings.Fields(body)) >= text.MinQuoteWords
}

// speakerKey is a speaker's name with letter case and spacing ignored, so
// that "Bram Oster" and "Bram  OSTER" are one voice.
func speakerKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// printedKey is a sentence as printed, white space aside: two outlets
// that print it word for word (an agency's line reused) give one key, so
// that a briefing shows it once.
func printedKey(s string) string { return strings.Join(strings.Fields(s), " ") }

// linksOnly reports whether every word of s is a web address.
func linksOnly(s string) bool {
	f := strings.Fields(s)
	for _, w := range f {
		w = strings.ToLower(strings.TrimLeft(w, "(<[\"'“‘«"))
		if !strings.HasPrefix(w, "http://") && !strings.HasPrefix(w, "https://") && !strings.HasPrefix(w, "www.") {
			return false
		}
	}
	return len(f) > 0
}

// fact is a figure found in an article, with the score of its sentence.
type fact struct {
	doc   int
	fig   text.Figure
	score float64
	// shown: its sentence is already in the briefing (the summary).
	shown bool
	// usable: its sentence may stand in a briefing (SummaryOptions.shows),
	// so it may stand in for a shown one.
	usable bool
	// twoValues: its sentence gives another value for its quantity.
	twoValues bool
	// person: for an age, the person whose age it is (agePerson).
	person *text.Entity
}

// facts lists up to n figures with units, each shown with the sentence that
// states it, most central sentences first. When sources give different
// values for the same quantity of one event (text.Disagree: not two
// shootings' tolls, nor an older quake's), the first keeps the item and the
// others are its Variants, each with its own sentence, citation and
// outlet; the same value stated twice is shown once.
//
// A figure whose sentence is among the citations in skip (the summary's)
// gives way to another sentence that could be shown and gives the same
// value for the same quantity (text.SameQuantity), so the reader does not
// see the summary's sentence again; with no other such sentence, it is
// kept.
//
// langs are the articles' languages (articleLangs), quotes[d] are
// articles[d]'s quotes (articleQuotes), and sc the story's sentence
// scores. prefer, when not nil, tells the articles in the language the
// briefing reads in (preferArticles): a figure of another article is
// never an item of its own, only, where text.Disagree finds one, another
// source's value of a listed figure (a variant). fo tunes how figures are
// read and keyed.
// A fact shows its whole sentence, and under an English summary "**tres
// días**: Los bomberos de Lanmere evacuaron…" is a line the reader cannot
// read; its figure is most often one an English article gives too, whose
// sentence is shown already (the summary's, or a variant's).
func facts(articles []news.Article, langs []string, quotes [][]text.Quote, sources map[int64]news.Source, n int, skip map[news.Citation]bool, sc *scoredUnits, prefer []bool, fo text.FigureOptions) []news.Item {
	units, scores := sc.units, sc.scores
	sentScore := map[[3]int]float64{}
	for i, u := range units {
		sentScore[[3]int{u.doc, u.span.Start, u.span.End}] = scores[i]
	}
	var facts []fact
	for d, a := range articles {
		figs := text.FiguresWith(a.Text, a.Lang, fo)
		// "Thursday" is a day only against the day the article came
		// out: so dated, it tells this week's shooting from "a Dec. 3
		// incident".
		text.ResolveDates(figs, a.PublishedAt)
		var people []text.Entity // the article's people, read once it has an age
		var quoted []news.Span   // the article's quoted words, read once it has a figure
		for _, f := range figs {
			if f.Unit == "" || f.Kind == "date" || !f.Sentence.Valid(len(a.Text)) || !f.Span.Valid(len(a.Text)) {
				continue
			}
			if quoted == nil {
				quoted = quotedParts(quotes[d])
			}
			if within(quoted, f.Span) {
				// A figure in a speaker's words ("the bus takes five
				// hours") is their claim, not the reporting, and Voices
				// shows the quote already.
				continue
			}
			if sc.quoted[sentenceKey{d, f.Sentence}] {
				continue // its sentence, shown alone, would cut a quotation
			}
			if opensLeaning(f.Sentence.Of(a.Text), langs[d]) {
				// "But these are small complaints about a project that
				// cost 85 million crowns" reads as a fragment on a line
				// of its own, as the bottom line's would.
				continue
			}
			s, ok := sentScore[[3]int{d, f.Sentence.Start, f.Sentence.End}]
			if !ok {
				s = -1 // a heading or an over-long sentence: keep, but last
			}
			fc := fact{doc: d, fig: f, score: s, shown: skip[news.Cite(a.ID, f.Sentence)], usable: ok}
			if f.Kind == text.KindAge {
				if people == nil {
					people = personsOf(a.Text)
				}
				fc.person = agePerson(a.Text, people, f)
				if fc.person == nil {
					continue // an age of nobody named can disagree with none
				}
			}
			facts = append(facts, fc)
		}
	}
	facts = agesInDispute(facts)
	// A usable sentence that gives a shown sentence's value for the same
	// quantity takes its rank, and the tie goes to it: the shown one then
	// restates a listed value and is left out below. The same number in
	// the same unit for another quantity (elected 6 weeks ago) does not
	// stand in for it.
	for _, sf := range facts {
		if !sf.shown {
			continue
		}
		for k := range facts {
			g := facts[k].fig.Figure
			if !facts[k].shown && facts[k].usable && text.SameQuantity(sf.fig.Figure, g) && text.SameValue(sf.fig.Figure, g) {
				facts[k].score = max(facts[k].score, sf.score)
			}
		}
	}
	// A sentence that gives two values for one quantity states a change
	// ("fell from 7.2 to 6.9 percent") or holds two things its nearest
	// nouns key alike (a rate and the inflation beside it): another
	// source's value may be either of them, so its figures show no
	// disagreement.
	bySent := map[[3]int][]int{}
	for k, f := range facts {
		sk := [3]int{f.doc, f.fig.Sentence.Start, f.fig.Sentence.End}
		bySent[sk] = append(bySent[sk], k)
	}
	for _, ks := range bySent {
		for _, k := range ks {
			for _, j := range ks {
				a, b := facts[k].fig.Figure, facts[j].fig.Figure
				if j != k && text.SameQuantity(a, b) && !text.SameValue(a, b) {
					facts[k].twoValues = true
				}
			}
		}
	}
	// Ties (a wire copy's sentences tie with the original's) go to the
	// earlier article, then the figure that comes first.
	// Figures of articles outside prefer come last: they can only be
	// variants of a listed figure, and a variant needs its item listed
	// first.
	read := func(f fact) bool { return prefer == nil || prefer[f.doc] }
	slices.SortStableFunc(facts, func(a, b fact) int {
		if ra, rb := read(a), read(b); ra != rb {
			if ra {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if a.shown != b.shown {
			if b.shown {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.fig.Span.Start, b.fig.Span.Start))
	})

	var out []news.Item
	var mains []text.Figure    // out[i]'s figure, with the event it belongs to
	var twoValues []bool       // out[i]'s sentence gives two values for its quantity
	var persons []*text.Entity // out[i]'s person, when it is an age
	// A sentence is shown once, and so are its words when another outlet
	// prints them too: a sentence with two figures would otherwise come
	// back, from the copy, for the figure the first showing did not list.
	seenSent := map[string]bool{}
	// The figures of each sentence, and those of the sentences listed so
	// far: a figure the reader has read in a listed sentence ("**6
	// percent**: …a pay rise of 6 percent over two years") is not listed
	// again from another ("**two years**: …6 percent over two years").
	sentFigs := map[[3]int][]news.Figure{}
	for _, f := range facts {
		k := [3]int{f.doc, f.fig.Sentence.Start, f.fig.Sentence.End}
		sentFigs[k] = append(sentFigs[k], f.fig.Figure)
	}
	var printed []news.Figure
	markRead := func(f fact) {
		printed = append(printed, sentFigs[[3]int{f.doc, f.fig.Sentence.Start, f.fig.Sentence.End}]...)
	}
	for _, f := range facts {
		a := articles[f.doc]
		sk := printedKey(f.fig.Sentence.Of(a.Text))
		if seenSent[sk] || trivialFigure(f.fig) {
			continue
		}
		it := factItem(a, f.fig, sources)
		placed := false
		for i := range out {
			main := out[i].Figure
			if (f.person != nil) != (persons[i] != nil) {
				continue
			}
			if f.person != nil {
				// An age is shown only as two sources' ages of one
				// person: the first is the item, the others variants.
				if !text.Corefer(*persons[i], *f.person) {
					continue
				}
				placed = true
				if main.Value != f.fig.Value && !slices.ContainsFunc(out[i].Variants, func(v news.Item) bool { return v.Figure.Value == f.fig.Value }) {
					seenSent[sk] = true
					out[i].Variants = append(out[i].Variants, it)
					markRead(f)
				}
				break
			}
			if (peopleOnly(*main) || twoValues[i] || f.twoValues) && !text.SameValue(*main, f.fig.Figure) {
				// Another group of people, not another count of these;
				// or a value beside another in its sentence.
				continue
			}
			if slices.ContainsFunc(out[i].Variants, func(v news.Item) bool { return restates(*v.Figure, f.fig.Figure) }) {
				// Another source's value the item shows already as a
				// variant ("150 personas" after "Northline News gives
				// 150 people").
				placed = true
				break
			}
			if !text.SameQuantity(*main, f.fig.Figure) {
				if restates(*main, f.fig.Figure) {
					placed = true // the same number restated by another source
					break
				}
				continue
			}
			if text.SameValue(*main, f.fig.Figure) || main.Citation.ArticleID == a.ID {
				placed = true
				break // agreement, or one source restating itself
			}
			if !text.Disagree(mains[i], f.fig) {
				// Values that can both be true ("at least 30" and
				// "32", "$12m" and "as much as $15m"), or figures of
				// two events (two shootings, an older quake): no
				// disagreement to show, but another figure worth its
				// own line.
				continue
			}
			placed = true
			dup := false
			for _, v := range out[i].Variants {
				dup = dup || text.SameValue(*v.Figure, f.fig.Figure)
			}
			if !dup {
				seenSent[sk] = true
				out[i].Variants = append(out[i].Variants, it)
				markRead(f)
			}
			break
		}
		if placed || len(out) == n || !read(f) {
			continue
		}
		if f.person == nil && slices.ContainsFunc(printed, func(g news.Figure) bool { return restates(g, f.fig.Figure) }) {
			continue // read already, in a listed sentence
		}
		seenSent[sk] = true
		markRead(f)
		out = append(out, it)
		mains = append(mains, f.fig)
		twoValues = append(twoValues, f.twoValues)
		persons = append(persons, f.person)
	}
	return out
}

// quotedParts returns the spans of every part of qs, the quotations Voices
// finds in an article; never nil, so that an article without one is read
// once.
func quotedParts(qs []text.Quote) []news.Span {
	out := []news.Span{}
	for _, q := range qs {
		out = append(out, q.Parts...)
	}
	return out
}

// within reports whether sp lies inside one of spans.
func within(spans []news.Span, sp news.Span) bool {
	return slices.ContainsFunc(spans, func(p news.Span) bool { return p.Start <= sp.Start && sp.End <= p.End })
}

// personsOf lists the names s gives that may be people, in order: every
// entity but places and organisations (the entity rules know a person
// only by a title or a listed given name, and "Kofi Brenner" is
// neither), and a name that opens a sentence before a comma ("Brenner, a
// 28-year-old", which the entity rules leave to the sentence's opener),
// all kinded as people, so that text.Corefer matches "Brenner" with
// "Kofi Brenner".
func personsOf(s string) []text.Entity {
	out := []text.Entity{}
	for _, e := range text.Entities(s) {
		if e.Kind != text.Place && e.Kind != text.Organization {
			e.Kind = text.Person
			out = append(out, e)
		}
	}
	for _, sent := range text.Sentences(s) {
		head, _, ok := strings.Cut(sent.Of(s), ",")
		if !ok || head == "" || slices.ContainsFunc(out, func(e text.Entity) bool { return e.Span.Start == sent.Start }) {
			continue
		}
		name := true
		for _, w := range strings.Fields(head) {
			r, _ := utf8.DecodeRuneInString(w)
			name = name && unicode.IsUpper(r)
		}
		if name && len(strings.Fields(head)) <= 3 {
			out = append(out, text.Entity{Text: head, Kind: text.Person, Span: news.Span{Start: sent.Start, End: sent.Start + len(head)}, Key: text.Key(head)})
		}
	}
	slices.SortFunc(out, func(a, b text.Entity) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
	return out
}

// agePerson is the person an age is of, s the article's text: the last
// name its sentence gives before it that is no place or origin
// ("Brenner, a 27-year-old from Lanmere"; "Sofía Alcántara, atleta de
// Villa Serena de 31 años" is Sofía Alcántara's, not Villa Serena's),
// else the first after it ("the 27-year-old Kofi Brenner"); nil when the sentence names
// nobody.
func agePerson(s string, people []text.Entity, f text.Figure) *text.Entity {
	var before, after *text.Entity
	for k := range people {
		e := &people[k]
		if e.Span.Start < f.Sentence.Start || e.Span.End > f.Sentence.End || placeAfter(s[f.Sentence.Start:e.Span.Start]) {
			continue
		}
		if e.Span.End <= f.Span.Start {
			before = e
		} else if after == nil && e.Span.Start >= f.Span.End {
			after = e
		}
	}
	return cmp.Or(before, after)
}

// placeAfter reports whether a name after the text before it is a place
// or an origin, not a person: "vecina de Villa Serena", "a runner from
// Lanmere", "in Eastgate". Two people of one town are not one person.
func placeAfter(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(f[len(f)-1]) {
	case "de", "del", "of", "from", "in", "en", "at", "near":
		return true
	}
	return false
}

// agesInDispute drops the ages from facts but those two articles give
// differently for one person (in whole years: 40 and 41 differ, though
// text.SameValue lets years differ by 3%). A person's age describes them and is no key
// figure of a story (the marathon's winner is 27); two sources that
// disagree on it are worth showing, as any disagreement is.
func agesInDispute(facts []fact) []fact {
	disputed := make([]bool, len(facts))
	for i, a := range facts {
		if a.person == nil {
			continue
		}
		for j := i + 1; j < len(facts); j++ {
			b := facts[j]
			if b.person != nil && a.doc != b.doc && text.Corefer(*a.person, *b.person) && a.fig.Value != b.fig.Value {
				disputed[i], disputed[j] = true, true
			}
		}
	}
	out := facts[:0]
	for i, f := range facts {
		if f.person == nil || disputed[i] {
			out = append(out, f)
		}
	}
	return out
}

// restates reports whether b gives a's value for a's quantity, or the same
// number in the same unit.
func restates(a, b news.Figure) bool {
	if text.SameQuantity(a, b) {
		return text.SameValue(a, b)
	}
	return a.Kind == b.Kind && a.Unit == b.Unit && text.SameValue(a, b)
}

// peopleOnly reports whether f counts people, or other things, with no word
// that says what happened to them (killed, evacuated, injured...): every
// counted noun of people folds into "people" (residents, passengers,
// personas), and two sources' different numbers of children, officers,
// patients or seats are as likely two groups (the officers at one scene
// and at another) as one count they disagree on, and a briefing must not
// say the sources differ when it cannot tell. On the labelled pairs of
// TestFigurePairs all 37 such pairs were two groups or two events.
func peopleOnly(f news.Figure) bool {
	return f.Kind == text.KindCount && f.Quantity == f.Unit
}

// trivialFigure is a figure not worth a line: a unit with no number of its
// own, such as "a day" or "a second"; or a number written in words only to
// say roughly how much: vague ("dozens", "a dozen", "several hundred"), or
// a bare hundred or thousand (roundWords). An editor's key figures are
// stated as figures; a number in words that counts ("fourteen people",
// "three hundred residents", "one hundred people", "a hundred and fifty")
// is one of them.
func trivialFigure(f text.Figure) bool {
	if strings.ContainsAny(f.Text, "0123456789") {
		return false
	}
	return f.Value < 2 || f.Bound == text.BoundVague || roundWords(f)
}

// roundWords reports whether f, written in words, is a hundred or a
// thousand by its article or by the scale word alone: "(less than) a
// hundred metres", "(a few) hundred people", "(unos) cien metros", "a
// thousand dollars".
func roundWords(f text.Figure) bool {
	if f.Value != 100 && f.Value != 1000 {
		return false
	}
	w := strings.Fields(strings.ToLower(f.Text))
	return len(w) > 0 && roundWordOpeners[w[0]]
}

// roundWordOpeners open a figure that is a round hundred or thousand in
// words without counting it out.
var roundWordOpeners = wordSet("a", "an", "hundred", "thousand", "cien", "mil")

func factItem(a news.Article, f text.Figure, sources map[int64]news.Source) news.Item {
	fig := f.Figure
	// The label keeps the words that bound the value ("up to 600
	// crowns"): the number alone would state a figure the article does
	// not give.
	label := boundedSpan(a.Text, f)
	fig.Text = label.Of(a.Text)
	fig.Citation = news.Cite(a.ID, label)
	return news.Item{
		Text:      f.Sentence.Of(a.Text),
		Citations: []news.Citation{news.Cite(a.ID, f.Sentence)},
		Figure:    &fig,
		Outlet:    Outlet(a, sources),
	}
}
