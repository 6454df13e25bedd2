package brief

import (
	"cmp"
	"net/url"
	"strings"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/extract"
	"github.com/newsdesk/newsdesk/internal/lang"
	"github.com/newsdesk/newsdesk/internal/news"
)

// The headline is one article's title, never one of ours, so that the
// briefing can name the outlet it is from. Of the story's titles (each
// cleaned as extraction cleans a page's title: no " | Outlet" suffix), an
// editor keeps, in this order of preference:
//
//  1. a title in the desk's language, while any article has one: an
//     English desk does not head an English summary in Spanish because
//     Crónica del Sur reported first;
//  2. a plain title: not a question, not a label ("LIVE:", "Analysis:",
//     "Opinion |", "En directo:"), not an explainer ("Flood fund: what it
//     pays for"), not all capitals, not over maxHeadlineWords words;
//  3. the most central title: the one whose content words and names the
//     other outlets' titles and leads repeat most (centrality);
//  4. the earliest, on a tie.
//
// The choice is made afresh at every briefing, so a story's headline
// follows its coverage rather than whichever article came first; the
// pipeline stores it as the story's title.

// maxHeadlineWords is the longest title kept as plain: longer ones read as
// a standfirst ("… as … while …") rather than a headline.
const maxHeadlineWords = 16

// minHeadlineWords is the fewest content words a title's centrality is
// divided by, so that a two-word title ("Rail strike") does not win by
// having both its words echoed; it names too little of the story.
const minHeadlineWords = 4

// leadBytes is how much of an article's text (and of its translation) is
// its lead for centrality: the first paragraph or two, where an outlet
// says what happened in the words its headline uses.
const leadBytes = 400

// headlineLabels open a title that is a label rather than the news:
// live pages, analysis, opinion, explainers, in English and Spanish. A
// label is the first words before a colon, a pipe or a dash.
var headlineLabels = wordSet("live", "live updates", "latest", "breaking", "analysis", "opinion", "comment",
	"editorial", "explainer", "explained", "watch", "video", "podcast", "factbox", "q&a",
	"en vivo", "en directo", "directo", "última hora", "ultima hora", "análisis", "analisis",
	"opinión", "opinion", "editorial", "tribuna", "vídeo", "video")

// headlineLabelPhrases anywhere in a title make it a running page.
var headlineLabelPhrases = []string{"live updates", "as it happened", "live blog", "en directo", "en vivo", "minuto a minuto"}

// explainerOpeners open the part of a title after a colon that explains
// rather than reports ("Flood fund: what it pays for and who pays"): an
// explainer's title is a label of its kind.
var explainerOpeners = wordSet("what", "why", "how", "who", "where", "when", "qué", "por", "cómo", "quién", "quiénes", "dónde", "cuándo")

// headline picks the story's headline from its articles' titles by the
// rule above; with no titled article, the story's own title. desk is the
// desk's language (deskLanguage), inDesk tells the articles in it
// (deskArticles).
func headline(st news.Story, arts []news.Article, inDesk []bool, sources map[int64]news.Source, desk string) news.Item {
	cands := headlineCandidates(arts, inDesk, sources, desk)
	best := -1
	for i, c := range cands {
		if c.title == "" {
			continue
		}
		if best < 0 || c.better(cands[best]) {
			best = i
		}
	}
	if best < 0 {
		return news.Item{Text: strings.TrimSpace(st.Title)}
	}
	a := arts[best]
	return news.Item{Text: cands[best].title, URL: a.URL, Outlet: Outlet(a, sources), StoryID: st.ID}
}

// HeadlineCredit is the outlet and URL a briefing's headline is credited
// to ("Headline from …"): its headline item's, the article whose title
// headline chose, and only while that item's words are the headline the
// briefing shows. A briefing whose headline is not its item's (one stored
// by an older newsdesk, or edited) credits no outlet rather than name one
// for words it may not have printed. The story page and the Markdown
// export both ask here, so that they credit the same outlet or none.
func HeadlineCredit(b news.Briefing) (outlet, url string) {
	s, ok := b.Section(news.SectionHeadline)
	if !ok || len(s.Items) == 0 {
		return "", ""
	}
	h := s.Items[0]
	if t := strings.TrimSpace(h.Text); t == "" || t != strings.TrimSpace(b.Headline) {
		return "", ""
	}
	return h.Outlet, h.URL
}

// headlineCandidate is one article's title as a headline.
type headlineCandidate struct {
	title      string  // cleaned; "" when the article has none
	deskLang   bool    // in the desk's language
	plain      bool    // not a question, label, all capitals or too long
	centrality float64 // see centrality
}

// better reports whether c is preferred to d; the earlier of two equal
// candidates is kept by the caller, which goes in time order.
func (c headlineCandidate) better(d headlineCandidate) bool {
	if c.deskLang != d.deskLang {
		return c.deskLang
	}
	if c.plain != d.plain {
		return c.plain
	}
	return c.centrality > d.centrality
}

// deskLanguage is the desk's language as Options.DeskLang names it: its
// primary subtag, "en" when it names none.
func deskLanguage(deskLang string) string {
	return cmp.Or(lang.Primary(deskLang), "en")
}

// deskArticles reports, for each of arts (langs their languages,
// articleLangs), whether it is in the desk's language desk: by its own
// language tag where it has one, as articleLangs knows English and
// Spanish only and guesses one of them for any other tag (a German title
// would pass for English), else by the guess. The headline, the summary,
// the voices and the bottom line prefer these articles' words.
func deskArticles(arts []news.Article, langs []string, desk string) []bool {
	out := make([]bool, len(arts))
	for i, a := range arts {
		out[i] = lang.Same(ownLang(a, langs[i]), desk)
	}
	return out
}

// ownLang is article a's language as the briefing's choices of language
// read it (deskArticles, summaryArticles, readerLang): its own tag's
// primary subtag where it has one, else guess, its articleLangs guess,
// which knows English and Spanish only.
func ownLang(a news.Article, guess string) string {
	return cmp.Or(lang.Primary(a.Lang), lang.Primary(guess))
}

// headlineCandidates scores every article's title (arts in time order).
func headlineCandidates(arts []news.Article, inDesk []bool, sources map[int64]news.Source, desk string) []headlineCandidate {
	out := make([]headlineCandidate, len(arts))
	outlets := make([]string, len(arts))
	words := make([]map[string]bool, len(arts)) // each title's content words
	echo := make([]map[string]bool, len(arts))  // each article's title, lead and translated lead
	for i, a := range arts {
		outlets[i] = strings.ToLower(Outlet(a, sources))
		host := ""
		if u, err := url.Parse(a.URL); err == nil {
			host = u.Hostname()
		}
		t := extract.CleanTitle(a.Title, Outlet(a, sources), host)
		out[i].title = t
		out[i].deskLang = inDesk[i]
		out[i].plain = plainHeadline(t)
		words[i] = stems(contentWords(t))
		echo[i] = stems(contentWords(t + "\n" + cutAt(a.Text, leadBytes)))
		if tr := a.Translation.Text; tr != "" && lang.Same(a.Translation.To, desk) {
			for w := range stems(contentWords(cutAt(tr, leadBytes))) {
				echo[i][w] = true
			}
		}
	}
	for i := range arts {
		out[i].centrality = centrality(i, words, echo, outlets)
	}
	return out
}

// centrality is how much of title i the other outlets' articles repeat:
// for each article of another outlet, the number of i's content words its
// title and lead hold, summed, and divided by i's content words (at least
// minHeadlineWords). A title every outlet's coverage echoes word for word
// is the one that names what they all report.
func centrality(i int, words, echo []map[string]bool, outlets []string) float64 {
	if len(words[i]) == 0 {
		return 0
	}
	var shared float64
	for j := range words {
		if j == i || outlets[j] == outlets[i] {
			continue
		}
		for w := range words[i] {
			if echo[j][w] {
				shared++
			}
		}
	}
	return shared / float64(max(len(words[i]), minHeadlineWords))
}

// stems keys words by their first five letters, so that "evacuated" in a
// title meets "evacuation" in a lead.
func stems(ws []string) map[string]bool {
	out := make(map[string]bool, len(ws))
	for _, w := range ws {
		r := []rune(w)
		if len(r) > 5 {
			r = r[:5]
		}
		out[string(r)] = true
	}
	return out
}

// cutAt returns s's first n bytes, cut back to a space.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i]
	}
	return s[:n]
}

// plainHeadline reports whether t reads as a headline an editor would
// keep: not a question, not opened by a label, not a running page, not all
// capitals and not too long.
func plainHeadline(t string) bool {
	if t == "" || len(strings.Fields(t)) > maxHeadlineWords {
		return false
	}
	if strings.HasSuffix(t, "?") || strings.HasPrefix(t, "¿") {
		return false
	}
	low := strings.ToLower(t)
	for _, p := range headlineLabelPhrases {
		if strings.Contains(low, p) {
			return false
		}
	}
	if i := strings.IndexAny(low, ":|–—"); i > 0 && headlineLabels[strings.TrimSpace(low[:i])] {
		return false
	}
	if i := strings.Index(low, " - "); i > 0 && headlineLabels[strings.TrimSpace(low[:i])] {
		return false
	}
	if i := strings.Index(t, ": "); i > 0 {
		if ws := strings.Fields(low[i+2:]); len(ws) > 0 && explainerOpeners[strings.Trim(ws[0], "¿\"'“‘")] {
			return false
		}
	}
	return !allCaps(t)
}

// allCaps reports whether t shouts: it has at least eight letters and no
// lower-case one.
func allCaps(t string) bool {
	letters := 0
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 8
}
