package web

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
)

// marker is one citation link shown after an item.
type marker struct {
	Label string // the cited article's reference number
	Href  string
	Title string // outlet and title of the cited article, on hover
}

// itemView is a briefing item ready for the template.
type itemView struct {
	Text    string
	Marks   []marker
	Speaker string
	Role    string
	Date    *time.Time
	URL     string
	Outlet  string
	// Via is the outlet a voice's caption names (brief.VoiceCaption).
	Via    string
	Href   string // related: the story page
	Figure *news.Figure
	// FigureHref links the figure's own bytes.
	FigureHref string
	Variants   []itemView
	// Quotes are a voice's further quotes by the same speaker.
	Quotes   []itemView
	RefLabel string // references: the article's number, as markers show it
	Local    string // references: the stored copy's page on the site
	// Lang is the language of the article the text comes from, so that
	// a Spanish quote on an English page is read out, hyphenated and
	// offered for translation as Spanish.
	Lang string
}

type sectionView struct {
	Kind  string
	Title string
	Items []itemView
}

// note is a numbered citation in a standalone page, quoting the cited bytes.
type note struct {
	ID        string
	Label     string
	ArticleID int64
	Excerpt   string
	Outlet    string
	Title     string
	URL       string
}

// briefingView is what the story page and the standalone page render.
type briefingView struct {
	Headline      string
	HeadlineMarks []marker
	// HeadlineOutlet and HeadlineURL credit the article whose title the
	// headline is (brief.HeadlineCredit).
	HeadlineOutlet string
	HeadlineURL    string
	HeadlineLang   string
	HasHeadline    bool // the briefing has a headline section
	Category       string
	GeneratedAt    time.Time
	Sections       []sectionView
	Briefed        bool
	Notes          []note
	// IDPrefix starts the sections' anchors, so that several briefings on
	// one page do not repeat an id.
	IDPrefix string
	// ThreadHref links the background section to the story's thread page;
	// empty off the site and for a story without a thread.
	ThreadHref string
	// CategoryHref links the category to its list of stories, as the
	// lists link a story's category; empty off the site, and when the
	// briefing's category is no longer its story's.
	CategoryHref string

	numbers map[int64]int // reference number of each cited article
}

// citeLinker turns a citation into a marker's href. On the site it points
// at the article page; in a standalone file, at a note in the page.
type citeLinker func(c news.Citation) string

// articleHref is the site link that highlights a citation's bytes.
func articleHref(c news.Citation) string {
	return articlePath(c.ArticleID) + "?hl=" + HighlightFormat(c.Span()) + "#hl"
}

// buildBriefingView numbers the cited articles (references first, so the
// markers match the reference list) and resolves every citation. The
// articles in gone are no longer stored: their markers and references are
// shown, numbered as ever, without a link to their article pages.
func buildBriefingView(b news.Briefing, articles map[int64]news.Article, gone map[int64]bool, sources map[int64]news.Source, link citeLinker) briefingView {
	v := briefingView{Headline: b.Headline, Category: b.Category, GeneratedAt: b.GeneratedAt, Briefed: len(b.Sections) > 0}
	num := map[int64]int{}
	number := func(id int64) int {
		if n, ok := num[id]; ok {
			return n
		}
		num[id] = len(num) + 1
		return num[id]
	}
	byURL := make(map[string]int64, len(articles))
	for id, a := range articles {
		if a.URL != "" {
			byURL[a.URL] = id
		}
	}
	// refID finds the article a reference names: by its citation, else by
	// its URL among the known articles.
	refID := func(it news.Item) int64 {
		if len(it.Citations) > 0 {
			return it.Citations[0].ArticleID
		}
		return byURL[it.URL]
	}
	// An item's text is in the language of the article it quotes or names.
	langOf := func(it news.Item) string {
		return articles[refID(it)].Lang
	}
	listed := map[int64]bool{}
	if refs, ok := b.Section(news.SectionReferences); ok {
		for _, it := range refs.Items {
			if id := refID(it); id > 0 {
				number(id)
				listed[id] = true
			}
		}
	}
	marks := func(cs []news.Citation) []marker {
		var out []marker
		// An item citing one article more than once (a quote split by its
		// attribution) letters the parts: [1a] [1b].
		per := map[int64]int{}
		for _, c := range cs {
			per[c.ArticleID]++
		}
		seen := map[int64]int{}
		for _, c := range cs {
			m := marker{Label: strconv.Itoa(number(c.ArticleID))}
			if !gone[c.ArticleID] {
				m.Href = link(c)
			}
			if per[c.ArticleID] > 1 {
				m.Label += partLetter(seen[c.ArticleID])
				seen[c.ArticleID]++
			}
			if a, ok := articles[c.ArticleID]; ok {
				m.Title = brief.Outlet(a, sources)
				if t := strings.TrimSpace(a.Title); t != "" {
					m.Title = strings.TrimPrefix(m.Title+": "+t, ": ")
				}
			}
			out = append(out, m)
		}
		return out
	}
	var item func(it news.Item, kind news.SectionKind) itemView
	item = func(it news.Item, kind news.SectionKind) itemView {
		iv := itemView{
			Text: it.Text, Marks: marks(it.Citations), Speaker: it.Speaker, Role: it.Role,
			Date: it.Date, URL: it.URL, Outlet: it.Outlet, Figure: it.Figure, Lang: langOf(it),
		}
		switch kind {
		case news.SectionVoices:
			c := brief.VoiceCaption(it)
			iv.Speaker, iv.Role, iv.Via = c.Speaker, c.Role, c.Via
		case news.SectionFacts:
			iv.Outlet = brief.FactOutlet(it)
		}
		if c := it.Figure; c != nil && c.Citation.ArticleID > 0 {
			number(c.Citation.ArticleID)
			if !gone[c.Citation.ArticleID] {
				iv.FigureHref = link(c.Citation)
			}
		}
		if kind == news.SectionRelated && it.StoryID > 0 {
			iv.Href = storyPath(it.StoryID)
		}
		if kind == news.SectionReferences {
			if id := refID(it); id > 0 {
				iv.RefLabel = strconv.Itoa(number(id))
				if !gone[id] {
					iv.Local = articlePath(id)
				}
			}
		}
		for _, vr := range it.Variants {
			iv.Variants = append(iv.Variants, item(vr, kind))
		}
		for _, q := range it.Quotes {
			iv.Quotes = append(iv.Quotes, item(q, kind))
		}
		return iv
	}
	for _, s := range b.Sections {
		if s.Kind == news.SectionHeadline {
			v.HasHeadline = true
			if len(s.Items) > 0 {
				h := s.Items[0]
				if v.Headline == "" {
					v.Headline = h.Text
				}
				v.HeadlineMarks = marks(h.Citations)
				v.HeadlineLang = langOf(h)
			}
			// The page shows the briefing's headline, as the Markdown
			// and the JSON do, credited only while it is the item's.
			v.HeadlineOutlet, v.HeadlineURL = brief.HeadlineCredit(b)
		}
		sv := sectionView{Kind: string(s.Kind), Title: s.Title}
		if sv.Title == "" {
			sv.Title = brief.SectionTitle(s.Kind)
		}
		for _, it := range s.Items {
			sv.Items = append(sv.Items, item(it, s.Kind))
		}
		if s.Kind == news.SectionReferences {
			// The references come last, so every marker has its number.
			sv.Items = append(sv.Items, unlistedRefs(num, listed, articles, gone, sources)...)
		}
		v.Sections = append(v.Sections, sv)
	}
	v.numbers = num
	return v
}

// unlistedRefs returns a reference for each article that num numbers but
// the briefing's references do not list, in number order: the references
// list the story's own articles, while a background entry cites an earlier
// story's, and its marker's number must be found in the list all the same.
func unlistedRefs(num map[int64]int, listed map[int64]bool, articles map[int64]news.Article, gone map[int64]bool, sources map[int64]news.Source) []itemView {
	var ids []int64
	for id := range num {
		if !listed[id] {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int { return cmp.Compare(num[a], num[b]) })
	out := make([]itemView, 0, len(ids))
	for _, id := range ids {
		iv := itemView{RefLabel: strconv.Itoa(num[id]), Text: "Article " + strconv.FormatInt(id, 10)}
		if gone[id] {
			iv.Text += ", no longer stored"
		} else {
			iv.Local = articlePath(id)
		}
		if a, ok := articles[id]; ok {
			iv.Outlet, iv.URL, iv.Lang = brief.Outlet(a, sources), a.URL, a.Lang
			iv.Text = cmp.Or(strings.TrimSpace(a.Title), a.URL, iv.Text)
			if t := a.Time(); !t.IsZero() {
				iv.Date = &t
			}
		}
		out = append(out, iv)
	}
	return out
}

// summaryText joins a briefing's summary items into plain text.
func summaryText(b news.Briefing) string {
	s, ok := b.Section(news.SectionSummary)
	if !ok {
		return ""
	}
	parts := make([]string, 0, len(s.Items))
	for _, it := range s.Items {
		if t := strings.TrimSpace(it.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// truncateWords shortens s to at most n bytes at a word boundary.
func truncateWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// partLetter names the i-th part of a citation: a to z, then .27, .28 and so on.
func partLetter(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return "." + strconv.Itoa(i+1)
}
