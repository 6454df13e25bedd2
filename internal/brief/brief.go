// Package brief writes a story's briefing from its articles' own text.
// Nothing is invented: every summary sentence, quote and figure is a span of
// a stored article and carries its citation.
//
// Build makes a briefing's sections, reading the desk's language
// (Options.DeskLang) where the story's articles give it, in the order news
// lists the section kinds, and leaves out any section that comes out empty.
// Summarize, Timeline and Background are the single-language entry points
// the evaluations use.
// CheckGrounded verifies that every citation of a briefing holds.
package brief

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/lang"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
	"github.com/newsdesk/newsdesk/internal/write"
)

// Input is everything a briefing is built from.
type Input struct {
	Story    news.Story
	Articles []news.Article        // the story's articles, Text loaded, duplicates excluded
	Sources  map[int64]news.Source // by ID, for outlet names
	// Earlier holds articles of earlier stories in the same thread or that
	// share people, places or organisations, Text loaded, for background.
	Earlier []news.Article
	Related []news.Story // other stories to point to
}

// Options tunes a briefing. The zero value gives the documented defaults.
type Options struct {
	SummaryWords int // length budget of the summary; 65 by default
	// Summary tunes the summariser; its Words is overridden by SummaryWords
	// when that is set.
	Summary SummaryOptions
	// Background tunes the background section; a zero MaxDates means
	// DefaultBackground. Its Focus gets the story's articles added.
	Background TimelineOptions
	// MaxVoices and MaxFacts cap those sections; 6 and 8 by default.
	MaxVoices, MaxFacts int
	// MaxRelated caps the related stories listed; 5 by default.
	MaxRelated int
	// Figures tunes how the key facts read figures; the zero value is
	// text's default (text.FigureOptions).
	Figures text.FigureOptions
	// Now is the generation time stamped on the briefing; zero means the
	// current time.
	Now time.Time
	// DeskLang is the language (ISO 639-1) the briefing is for: its
	// headline is a title in it where an article has one, the summary is
	// made of sentences in it where an article has usable ones, a voice
	// opens on a quote in it where the speaker has one, and the bottom
	// line is a sentence in it where an article has one. "" means "en".
	DeskLang string
	// Logger receives the failures of a section's text analysis, which
	// leave that section out rather than the whole briefing; nil logs
	// nothing.
	Logger *slog.Logger
}

// DefaultBackgroundDates is how many dated entries the background section
// holds unless Options.Background says otherwise.
const DefaultBackgroundDates = 6

// DefaultBackground is how the background section is built unless
// Options.Background says otherwise: DefaultBackgroundDates dated entries of
// one sentence each, taken from the first three sentences of an article
// (where news states what happened), recent dates favoured with a
// half-life of two days: readers want the latest developments restated
// (measured with "newsdesk eval background", see docs/briefing.md).
func DefaultBackground() TimelineOptions {
	return TimelineOptions{MaxDates: DefaultBackgroundDates, HalfLife: 2 * 24 * time.Hour, LeadSentences: 3}
}

// Section titles, as a reader sees them.
var sectionTitles = map[news.SectionKind]string{
	news.SectionHeadline:   "Headline",
	news.SectionCategory:   "Category",
	news.SectionDisclaimer: "About this briefing",
	news.SectionSummary:    "Summary",
	news.SectionWritten:    write.SectionTitle,
	news.SectionSources:    "Sources",
	news.SectionBackground: "Background and context",
	news.SectionVoices:     "Voices",
	news.SectionFacts:      "Key facts and figures",
	news.SectionRelated:    "Related stories",
	news.SectionBottomLine: "Bottom line",
	news.SectionReferences: "References",
}

// ownEarlier reports whether a, one of a story's own articles, is from
// before the story's latest day, latest being the time of its newest
// article (latestTime). A story that runs for days (aid paused, talks, aid
// resumed) is its own best background: what it reported a day or more
// before its newest article is the context a reader of today's news needs.
func ownEarlier(a news.Article, latest time.Time) bool {
	t := a.Time()
	return !latest.IsZero() && !t.IsZero() && latest.Sub(t) >= 24*time.Hour
}

// latestTime is the time of the newest of arts.
func latestTime(arts []news.Article) time.Time {
	var latest time.Time
	for _, a := range arts {
		if t := a.Time(); t.After(latest) {
			latest = t
		}
	}
	return latest
}

// SectionTitle returns the heading a section of kind k is shown under.
func SectionTitle(k news.SectionKind) string { return sectionTitles[k] }

// Build writes the briefing.
func Build(in Input, opt Options) news.Briefing {
	arts := usable(in.Articles)
	now := opt.Now
	if now.IsZero() {
		now = time.Now().UTC()
	}
	b := news.Briefing{StoryID: in.Story.ID, GeneratedAt: now}
	add := func(k news.SectionKind, items []news.Item) {
		if len(items) > 0 {
			b.Sections = append(b.Sections, news.Section{Kind: k, Title: sectionTitles[k], Items: items})
		}
	}

	// The story's sentence analysis, made once, holds each article's
	// language too, which the headline, the summary and the bottom line
	// all read.
	an := analyze(arts)
	// The headline, the summary, the voices and the bottom line prefer the
	// words of the articles in the desk's language.
	desk := deskLanguage(opt.DeskLang)
	inDesk := deskArticles(arts, an.langs, desk)
	head := headline(in.Story, arts, inDesk, in.Sources, desk)
	b.Headline = head.Text
	if b.Headline == "" {
		b.Headline = in.Story.Title
	}
	if head.Text != "" {
		add(news.SectionHeadline, []news.Item{head})
	}

	b.Category = category(in.Story, arts)
	if b.Category != "" {
		add(news.SectionCategory, []news.Item{{Text: b.Category}})
	}

	outlets := outletItems(arts, in.Sources)
	if len(arts) > 0 {
		add(news.SectionDisclaimer, []news.Item{{Text: news.Disclaimer(max(len(outlets), 1))}})
	}

	so := opt.Summary
	if opt.SummaryWords > 0 {
		so.Words = opt.SummaryWords
	}
	sc := an.scored(so.withDefaults())
	var summary []news.Item
	if take, l := summaryArticles(arts, an.langs, inDesk, desk); take != nil {
		summary = summarizeIn(arts, take, l, so)
	}
	if len(summary) == 0 {
		summary = summarizeItems(an, so, nil)
	}
	add(news.SectionSummary, summary)
	add(news.SectionSources, outlets)

	bo := opt.Background
	if bo.MaxDates == 0 {
		bo = DefaultBackground()
	}
	// The background is for the story's current news: its articles from
	// before its latest day are background themselves, so only the rest
	// are the focus, whose days the timeline leaves out. The older
	// articles' languages are the analysis's (an.langs), so that the
	// background does not guess them again; one pass takes both, so that
	// olderLangs stays in line with older whatever the articles' IDs.
	latest := latestTime(arts)
	var older []news.Article
	var olderLangs []string
	own := map[int64]bool{}
	bo.Focus = append([]news.Article(nil), bo.Focus...)
	for i, a := range arts {
		own[a.ID] = true
		if ownEarlier(a, latest) {
			older = append(older, a)
			olderLangs = append(olderLangs, an.langs[i])
		} else {
			bo.Focus = append(bo.Focus, a)
		}
	}
	bo.NotAfter = latest
	var others []news.Article // the earlier stories' articles
	for _, a := range usable(in.Earlier) {
		if !own[a.ID] {
			others = append(others, a)
		}
	}
	earlier := slices.Concat(others, older)
	// The summary's sentences are not shown again: the background leaves
	// them out (a story's own earlier article can give both), key facts
	// take the same figure from another sentence, and the bottom line
	// another one.
	seen := map[news.Citation]bool{}
	for _, it := range summary {
		for _, c := range it.Citations {
			seen[c] = true
		}
	}
	// The background reads in the briefing's language, as the key facts
	// and the bottom line do: an earlier story in another language would
	// be listed untranslated (the demo's English drought listed three
	// sentences of a Spanish festival story its thread had linked by the
	// town). Every article the background reads is then in one language,
	// so its timeline needs no preference among languages of its own;
	// unless neither the summary nor the headline cites an article
	// (readerLang is ""): then it reads every earlier article, in
	// whatever languages they are. The key facts and the bottom line
	// read the articles in that language (prefer), decided here once.
	reading, prefer := preferArticles(arts, an.langs, desk, inDesk, summary, head)
	if reading != "" {
		earlier = inLanguage(earlier, slices.Concat(articleLangs(others), olderLangs), reading)
	}
	add(news.SectionBackground, guard(opt.Logger, in.Story.ID, news.SectionBackground, func() []news.Item {
		return slices.DeleteFunc(Background(earlier, bo), func(it news.Item) bool {
			return len(it.Citations) > 0 && seen[it.Citations[0]]
		})
	}))
	// Voices and key facts both read the articles' quotes, once. They are
	// read inside each section's guard, so that a failure of that analysis
	// leaves out both sections and the rest stands: a OnceValue whose
	// function panicked panics again at every call.
	quotes := sync.OnceValue(func() [][]text.Quote { return articleQuotes(arts) })
	add(news.SectionVoices, guard(opt.Logger, in.Story.ID, news.SectionVoices, func() []news.Item {
		return voices(arts, quotes(), inDesk, an.langs, in.Sources, orDefault(opt.MaxVoices, 6))
	}))
	// Key facts and the bottom line read in the briefing's language.
	factItems := guard(opt.Logger, in.Story.ID, news.SectionFacts, func() []news.Item {
		return facts(arts, an.langs, quotes(), in.Sources, orDefault(opt.MaxFacts, 8), seen, sc, prefer, opt.Figures)
	})
	add(news.SectionFacts, factItems)
	// Nor is a key fact's sentence the bottom line, a few lines below it.
	for _, it := range factItems {
		for _, v := range append([]news.Item{it}, it.Variants...) {
			for _, c := range v.Citations {
				seen[c] = true
			}
		}
	}
	add(news.SectionRelated, relatedItems(in.Story.ID, in.Related, orDefault(opt.MaxRelated, 5)))

	if bl, ok := bottomLine(arts, an.langs, seen, sc, prefer); ok {
		add(news.SectionBottomLine, []news.Item{bl})
	}
	add(news.SectionReferences, references(arts, in.Sources))
	return b
}

// guard runs a section builder that leans on text analysis (dates, quotes,
// figures) of arbitrary article text: should that analysis fail, the
// section is left out and the failure logged, and the rest of the briefing
// stands.
func guard(log *slog.Logger, story int64, k news.SectionKind, build func() []news.Item) (items []news.Item) {
	defer func() {
		if e := recover(); e != nil {
			if log != nil {
				log.Error("briefing section failed", "story", story, "section", string(k), "panic", fmt.Sprint(e))
			}
			items = nil
		}
	}()
	return build()
}

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// usable keeps the articles that have text to cite, in time order (then by
// ID) so that every section is deterministic whatever order the caller used.
func usable(in []news.Article) []news.Article {
	out := make([]news.Article, 0, len(in))
	for _, a := range in {
		if strings.TrimSpace(a.Text) != "" || a.Title != "" {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ti, tj := out[i].Time(), out[j].Time()
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Outlet names the outlet an article came from: its source's name, else the
// publisher the page declares, else the site of its URL (OutletHost).
func Outlet(a news.Article, sources map[int64]news.Source) string {
	if s, ok := sources[a.SourceID]; ok && strings.TrimSpace(s.Name) != "" {
		return strings.TrimSpace(s.Name)
	}
	if p := strings.TrimSpace(a.Publisher); p != "" {
		return p
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return OutletHost(u)
	}
	return ""
}

// OutletHost names u's site as a reader would type it: its host in lower
// case, without "www." or a fully-qualified name's trailing dot, and with
// its port when the URL gives one its scheme does not default to. The port
// tells two sites on one host apart (a local server's, a site's second
// port), which the host alone made one outlet, and a page of a local
// server reads "127.0.0.1:18505", its address, rather than "127.0.0.1".
func OutletHost(u *url.URL) string {
	host := strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), "www.")
	port := u.Port()
	if port == "" || (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		return host
	}
	return net.JoinHostPort(host, port)
}

// category is the story's own, else the one most of its articles carry.
func category(st news.Story, arts []news.Article) string {
	if c := strings.TrimSpace(st.Category); c != "" {
		return c
	}
	count := map[string]int{}
	best := ""
	for _, a := range arts {
		c := strings.TrimSpace(a.Category)
		if c == "" {
			continue
		}
		count[c]++
		if count[c] > count[best] || count[c] == count[best] && c < best {
			best = c
		}
	}
	return best
}

// outletItems lists each distinct outlet once, in the order its first
// article appeared.
func outletItems(arts []news.Article, sources map[int64]news.Source) []news.Item {
	var out []news.Item
	seen := map[string]bool{}
	for _, a := range arts {
		o := Outlet(a, sources)
		if o == "" || seen[strings.ToLower(o)] {
			continue
		}
		seen[strings.ToLower(o)] = true
		out = append(out, news.Item{Text: o, Outlet: o})
	}
	return out
}

func relatedItems(self int64, stories []news.Story, n int) []news.Item {
	var out []news.Item
	seen := map[int64]bool{self: true}
	for _, s := range stories {
		if len(out) == n {
			break
		}
		if seen[s.ID] && s.ID != 0 {
			continue // the story itself, or listed twice
		}
		seen[s.ID] = true
		if t := strings.TrimSpace(s.Title); t != "" {
			out = append(out, news.Item{Text: t, StoryID: s.ID})
		}
	}
	return out
}

func references(arts []news.Article, sources map[int64]news.Source) []news.Item {
	out := make([]news.Item, 0, len(arts))
	for _, a := range arts {
		it := news.Item{Text: strings.TrimSpace(a.Title), URL: a.URL, Outlet: Outlet(a, sources)}
		if it.Text == "" {
			it.Text = a.URL
		}
		if t := a.Time(); !t.IsZero() {
			it.Date = &t
		}
		out = append(out, it)
	}
	return out
}

// bottomLine picks one sentence to end on: the best-scoring sentence (sc)
// of the newest article (articles must be in time order) that is not
// among the citations in skip, nor a near duplicate of one of them
// (nearDuplicate), so it does not repeat the summary or a key fact: two
// outlets often write the same sentence ("Moreno will take office on 1
// April." closed both the summary and the bottom line, each citing its
// own outlet). It falls back to older articles when the newest has
// nothing usable.
//
// The bottom line is read alone, after the key facts, so it must stand
// alone: a sentence that opens on a pronoun ("Its president called it
// …"), opens on a quotation (`"…," she said`: the quote is the speaker's
// word, which Voices shows, and its "she" names nobody) or cuts one is
// not usable, nor one opening on a connective or a demonstrative that
// points back ("But these are small complaints …"). Nor, while another
// article has one, is a sentence of an article that prefer leaves out
// (those in another language than the reader's, preferArticles): an
// English briefing does not end in Spanish because Crónica del Sur wrote
// last. A nil prefer takes every article. langs are the articles'
// languages (articleLangs).
func bottomLine(articles []news.Article, langs []string, skip map[news.Citation]bool, sc *scoredUnits, prefer []bool) (news.Item, bool) {
	// The skipped sentences' concepts, read once for both passes.
	var shown []map[string]bool
	for _, u := range sc.units {
		if skip[news.Cite(articles[u.doc].ID, u.span)] {
			shown = append(shown, conceptSet(u.text))
		}
	}
	if prefer != nil {
		if it, ok := bottomLineIn(articles, skip, shown, sc, langs, prefer); ok {
			return it, true
		}
	}
	return bottomLineIn(articles, skip, shown, sc, langs, nil)
}

// bottomLineIn is bottomLine over the articles that prefer takes, or every
// article when prefer is nil; shown are the concepts of the sentences in
// skip, which a bottom line must not restate.
func bottomLineIn(articles []news.Article, skip map[news.Citation]bool, shown []map[string]bool, sc *scoredUnits, langs []string, prefer []bool) (news.Item, bool) {
	units, scores := sc.units, sc.scores
	restates := func(s string) bool {
		cs := conceptSet(s)
		return slices.ContainsFunc(shown, func(o map[string]bool) bool { return nearDuplicate(cs, o) })
	}
	for d := len(articles) - 1; d >= 0; d-- {
		if prefer != nil && !prefer[d] {
			continue
		}
		best, bestScore := -1, 0.0
		for i, u := range units {
			if u.doc != d || skip[news.Cite(articles[d].ID, u.span)] {
				continue
			}
			if u.cutsQuote || opensLeaning(u.text, langs[d]) || opensOnQuote(u.text) {
				continue // leans on what comes before it
			}
			// Strictly better only: a tie keeps the earlier sentence.
			if (best < 0 || scores[i] > bestScore) && !restates(u.text) {
				best, bestScore = i, scores[i]
			}
		}
		if best >= 0 {
			return unitItem(articles, units[best]), true
		}
	}
	return news.Item{}, false
}

// opensLeaning reports whether sentence s, of an article in language
// lang, opens on words that lean on the sentence before it: any opener
// the summary keeps out of first place (refersBack: a pronoun, a
// connective, a demonstrative, a quantifier over a group named before,
// "The move…"), so that a line the summary would not open on is not a key
// fact or the bottom line either; and, as such a line stands with no
// headline over it, a short phrase before a comma that points back
// (opensOnLinkPhrase), the first or second person (opensOnPersonal) or a
// figure named only as "the figure" (namesFigureBack). On a line of its
// own such a sentence reads as a fragment.
func opensLeaning(s, lang string) bool {
	return refersBack(s, lang) || opensOnLinkPhrase(s) || opensOnPersonal(s) || namesFigureBack(s)
}

// namesFigureBack reports whether s calls its number "the figure" or "la
// cifra" and says something of it ("In Eastgate, the figure was 54
// percent."): what was counted is in the sentence before, and a key fact
// shown alone leaves the reader asking 54 percent of what. The next word
// must be a verb of figureVerbs, as "the figure skater", "the figure of
// the president" and "that figure of speech" are no number.
func namesFigureBack(s string) bool {
	ws := text.Words(s)
	for k := 0; k+2 < len(ws); k++ {
		switch ws[k] + " " + ws[k+1] {
		case "the figure", "that figure", "this figure", "la cifra", "esa cifra", "esta cifra":
			if figureVerbs[ws[k+2]] {
				return true
			}
		}
	}
	return false
}

// figureVerbs may follow "the figure" or "la cifra" when it stands for a
// number named before: a form of "be" or "have", a verb of rising or
// falling, or a modal, in English and Spanish.
var figureVerbs = wordSet(
	"is", "was", "were", "are", "has", "had", "have", "stood", "stands", "rose", "rises", "fell", "falls",
	"climbed", "dropped", "jumped", "doubled", "tripled", "reached", "grew", "compares", "compared",
	"represents", "includes", "would", "will", "could", "may", "might", "remains", "remained",
	"es", "fue", "era", "son", "sería", "será", "asciende", "ascendió", "alcanza", "alcanzó", "supera",
	"superó", "sube", "subió", "baja", "bajó", "cae", "cayó", "ha", "había", "representa", "incluye",
	"se", "llega", "llegó", "queda", "quedó")

// opensOnLinkPhrase reports whether s opens on a short phrase set off by
// a comma that points back with a pronoun or a demonstrative ("Next to
// it, on a small screen, a woman…", "After that,", "Junto a ella,"): the
// sentence places itself by the one before. A demonstrative before a time
// word ("That night,", "That same day,") points at the calendar, as in
// refersBack.
func opensOnLinkPhrase(s string) bool {
	lead, _, ok := strings.Cut(s, ",")
	if !ok {
		return false
	}
	lw := text.Words(lead)
	if len(lw) > maxLeadPhrase {
		return false
	}
	for i, w := range lw {
		if !pointsBack[w] {
			continue
		}
		if !pointsAtTime(pastSame(lw[i+1:])) {
			return true
		}
	}
	return false
}

// opensOnPersonal reports whether s opens on a first- or second-person
// word ("Our critic finds…", "We visited…"): the outlet's own voice, or a
// speaker's, which reads as the briefing's on a line of its own.
func opensOnPersonal(s string) bool {
	ws := text.Words(s)
	return len(ws) > 0 && personal[ws[0]]
}

// maxLeadPhrase is the most words an opening phrase before a comma has for
// opensOnLinkPhrase to read it ("Next to it", "Despite all of this"); a longer
// one is a clause of its own.
const maxLeadPhrase = 4

// pointsBack are the pronouns and demonstratives that, in a sentence's
// opening phrase, refer to what came before it, in English and Spanish.
var pointsBack = wordSet("it", "this", "that", "these", "those", "them", "him", "her", "he", "she", "they",
	"ello", "ella", "él", "ellos", "ellas", "eso", "esto", "aquello")

// opensOnQuote reports whether s opens on a quotation mark.
func opensOnQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace))
	return strings.ContainsRune("\"“”„«»‘’'", r)
}

// summaryArticles tells the articles whose sentences the summary is made
// of, so that it reads in one language, and that language: those in the
// desk's language desk (inDesk, deskArticles) when some but not all of the
// story's articles are, as a Spanish desk does not read an English summary
// under a Spanish headline; with none in it, those in the language most
// of the articles are in (the earliest article's on a tie), as a French
// desk over English and Spanish coverage reads it in English, not half in
// each. nil, every article, when all are in one language. langs are the
// articles' languages (articleLangs); an article's own tag comes first,
// as deskArticles reads it.
func summaryArticles(arts []news.Article, langs []string, inDesk []bool, desk string) ([]bool, string) {
	if slices.Contains(inDesk, true) {
		if slices.Contains(inDesk, false) {
			return inDesk, desk
		}
		return nil, ""
	}
	count := map[string]int{}
	most := ""
	for i, a := range arts {
		l := ownLang(a, langs[i])
		count[l]++
		if count[l] > count[most] {
			most = l
		}
	}
	if len(count) < 2 {
		return nil, ""
	}
	return deskArticles(arts, langs, most), most
}

// summarizeIn is the summary of the articles that take tells
// (summaryArticles), all in language l: the summary of the story they would be alone, as the
// summary's model weighs what sources agree on, and an article in another
// language agrees with theirs in little but names and figures. An article
// in another language with a machine translation into l joins them by its
// translation, to be agreed with and never cited: the summary's sentences
// are spans of the articles in l only. nil when they have no usable
// sentence: Build then summarises the whole story.
func summarizeIn(arts []news.Article, take []bool, l string, so SummaryOptions) []news.Item {
	var sub []news.Article
	var cite []bool // sub[i] may be cited: not a translation
	translated := false
	for d, a := range arts {
		if take[d] {
			sub = append(sub, a)
			cite = append(cite, true)
			continue
		}
		if t, ok := translatedArticle(a, l); ok {
			sub = append(sub, t)
			cite = append(cite, false)
			translated = true
		}
	}
	if !translated {
		cite = nil
	}
	return summarizeItems(analyze(sub), so, cite)
}

// translatedArticle is a with its machine translation into l as its title
// and text, for agreement only: its spans are not the stored article's.
func translatedArticle(a news.Article, l string) (news.Article, bool) {
	tr := a.Translation
	if tr.Text == "" || !lang.Same(tr.To, l) {
		return news.Article{}, false
	}
	title, body, ok := strings.Cut(tr.Text, "\n\n")
	if !ok {
		title, body = "", tr.Text
	}
	return news.Article{ID: a.ID, SourceID: a.SourceID, Lang: l, Title: title, Text: body, PublishedAt: a.PublishedAt, FetchedAt: a.FetchedAt}, true
}

// preferArticles returns the language the briefing reads in (reading)
// and which of its articles are in it (prefer), for the background, the
// key facts and the bottom line. While any article is in the desk's
// language (inDesk), that is desk and inDesk, as the headline prefers
// them. Else it is the summary's language (readerLang) and the articles
// in it, read as deskArticles reads the desk's (an article's own tag
// first); or "" and nil, every article, when neither the summary nor the
// headline names one. langs are the articles' languages (articleLangs).
func preferArticles(arts []news.Article, langs []string, desk string, inDesk []bool, summary []news.Item, head news.Item) (reading string, prefer []bool) {
	if slices.Contains(inDesk, true) {
		return desk, inDesk
	}
	if reading = readerLang(arts, langs, summary, head); reading == "" {
		return "", nil
	}
	return reading, deskArticles(arts, langs, reading)
}

// inLanguage returns the articles of arts in language l, as deskArticles
// reads it; langs are the articles' languages (articleLangs), given by
// the caller, which has most of them already.
func inLanguage(arts []news.Article, langs []string, l string) []news.Article {
	var out []news.Article
	for d, in := range deskArticles(arts, langs, l) {
		if in {
			out = append(out, arts[d])
		}
	}
	return out
}

// readerLang is the language the briefing reads in when no article is in
// the desk's: the summary's, that of the article its first sentence comes
// from, else the headline's (a story Crónica del Sur titled first can have
// an English summary); "" when neither cites an article. An article's
// language is its own tag where it has one, as deskArticles reads it, else
// langs' guess (articleLangs), which knows English and Spanish only: a
// story of Portuguese articles reads in Portuguese, not the Spanish the
// guess would make of it.
func readerLang(arts []news.Article, langs []string, summary []news.Item, head news.Item) string {
	for i, a := range arts {
		if len(summary) > 0 && len(summary[0].Citations) > 0 && a.ID == summary[0].Citations[0].ArticleID {
			return ownLang(a, langs[i])
		}
	}
	for i, a := range arts {
		if head.URL != "" && a.URL == head.URL {
			return ownLang(a, langs[i])
		}
	}
	return ""
}
