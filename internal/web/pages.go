package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// interval writes a poll interval as the sources form takes one back
// (ParsePollInterval): "2h", "30m", "1h30m" rather than Go's "2h0m0s".
// Text to read uses news.FormatDuration ("2 hours"), the template's
// duration.
func interval(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// stop is the full stop that ends a reference's title before its date,
// or nothing when the title ends its own sentence: a headline that asks
// "What does it mean for the east?" must not read "east?.".
func stop(title string) string {
	title = strings.TrimSpace(title)
	for _, end := range []string{".", "?", "!", "…"} {
		if strings.HasSuffix(title, end) {
			return ""
		}
	}
	return "."
}

// longErrorRunes is the longest last error the sources page shows whole
// in its column (16rem, three lines of the 0.85rem sans: some 100
// characters, fewer where words wrap early); a longer one is cut to its
// first three lines, and the page offers to show it whole.
const longErrorRunes = 80

// longError reports whether the sources page cuts the error msg to its
// first lines (longErrorRunes).
func longError(msg string) bool { return utf8.RuneCountInString(msg) > longErrorRunes }

// pageNames are the templates rendered inside layout.html.
var pageNames = []string{"index", "story", "article", "sources", "thread", "error", "search", "import"}

var templateFuncs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2 Jan 2006")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2 Jan 2006, 15:04 UTC")
	},
	"iso":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"interval": interval,
	"duration": news.FormatDuration,
	"stop":     stop,
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
	"longError": longError,
	"figureValue": func(f *news.Figure, fallback string) string {
		if f != nil && f.Text != "" {
			return f.Text
		}
		return fallback
	},
}

// loadPages parses the embedded templates once per process; the parsed
// templates are safe for concurrent use.
var loadPages = sync.OnceValues(parsePages)

func parsePages() (map[string]*template.Template, error) {
	pages := make(map[string]*template.Template, len(pageNames)+1)
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS,
			"templates/layout.html", "templates/briefing.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		pages[name] = t
	}
	t, err := template.New("standalone.html").Funcs(templateFuncs).ParseFS(templateFS,
		"templates/standalone.html", "templates/briefing.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse template standalone: %w", err)
	}
	pages["standalone"] = t
	return pages, nil
}

// pageData is what layout.html needs around every page.
type pageData struct {
	Title string
	Nav   string // the current section, for the menu; "search" leaves out the masthead's search box, the page having its own
	Wide  bool   // tables want more than a reading column
	// FeedCategory is the one category the page lists, whose Atom feed
	// its head announces before the feed of every story, so that a feed
	// reader given the category's page subscribes to that category.
	FeedCategory string
	// Generator is the page's <meta name="generator">: "newsdesk" and
	// the instance's URN (generator), by which a poll that reaches the
	// page by any address knows it for this desk's own.
	Generator string
	Page      any
}

// FeedHref is the Atom feed of the page: its category's where it lists
// one, else the feed of every story, which is also the feed of a story's
// or a thread's page, neither having one of its own. The menu's "Feed"
// and the first feed the head announces both link it, so that a reader
// who follows the link and one whose feed reader is given the page
// subscribe to the same feed.
func (d pageData) FeedHref() string {
	if d.FeedCategory == "" {
		return "/feeds/stories.atom"
	}
	return "/feeds/stories.atom?" + url.Values{"category": {d.FeedCategory}}.Encode()
}

// render writes a page through a buffer so a template error becomes a
// clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, d pageData) {
	d.Generator = s.generator()
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, d); err != nil {
		s.log.Error("render page", "page", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorPage struct {
	Status  int
	Message string
	// Back links to the page a refused form was sent from, to try it
	// again there; its URL is empty for every other error. The link's
	// text goes with its URL, so that a form on another page gets words
	// that name that page.
	Back backLink
}

// backLink is an error page's link back to where the refused request
// came from.
type backLink struct {
	URL  string
	Text string // the link's words, "Back to the sources page"
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	d := pageData{Title: http.StatusText(status)}
	page := errorPage{Status: status, Message: msg}
	// The sources page's forms (an edit, an import) post to /sources/...:
	// a wrong token or a bad field is mended on that page, which the
	// error page offered no way back to but the browser's; nor did a
	// form's address read with GET.
	if strings.HasPrefix(r.URL.Path, "/sources/") {
		page.Back = backLink{URL: "/sources", Text: "Back to the sources page"}
		// An edit's source, its row's anchor as the page writes it
		// (source-7 for a form posted to /sources/007).
		if id, err := strconv.ParseInt(r.PathValue("id"), 10, 64); err == nil && id > 0 {
			page.Back.URL += "#source-" + strconv.FormatInt(id, 10)
		}
		d.Nav = "sources"
	}
	d.Page = page
	s.render(w, r, status, "error", d)
}

// pageStoreError answers a failed store call with an HTML error page.
func (s *Server) pageStoreError(w http.ResponseWriter, r *http.Request, what string, err error) {
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "There is no such "+what+".")
		return
	}
	if errors.Is(err, context.Canceled) {
		return
	}
	s.log.Error("store", "path", r.URL.Path, "what", what, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "Something went wrong on our side. Please try again.")
}

// pagePathID reads the ID a page's path names, a what's. A malformed one
// (not a positive integer) is answered 400, as the API answers it, and
// reported false; a well-formed one that names nothing is the store's 404.
// A GET or HEAD of a well-formed one written otherwise than its canonical
// form (leading zeros: /stories/020) is answered a 301 to that form, and
// reported false, so that one page has one address for links, caches and
// history; a POST (the sources page's edit form) and the API take it as the
// same ID, since a redirect would turn a POST into a GET.
func (s *Server) pagePathID(w http.ResponseWriter, r *http.Request, what string) (int64, bool) {
	id, ok := pathID(r)
	if !ok {
		s.badPathIDPage(w, r, what)
		return id, false
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return id, true
	}
	if to, moved := canonicalIDPath(r, id); moved {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return id, false
	}
	return id, true
}

// badPathIDPage answers a page whose path's ID, a what's, is malformed.
func (s *Server) badPathIDPage(w http.ResponseWriter, r *http.Request, what string) {
	s.errorPage(w, r, http.StatusBadRequest, "This link is broken: the "+what+" number in it must be a positive whole number.")
}

// canonicalIDPath is r's address with its {id} path value written as id
// is, and whether that differs from the address asked. The ID is the
// path's second segment on every page that has one (/stories/{id},
// /stories/{id}/briefing.md, /articles/{id}, /threads/{id}).
func canonicalIDPath(r *http.Request, id int64) (string, bool) {
	want := strconv.FormatInt(id, 10)
	v := r.PathValue("id")
	if v == want {
		return "", false
	}
	segs := strings.SplitN(r.URL.Path, "/", 4)
	if len(segs) < 3 || segs[0] != "" || segs[2] != v {
		return "", false
	}
	segs[2] = want
	u := url.URL{Path: strings.Join(segs, "/"), RawQuery: r.URL.RawQuery}
	return u.String(), true
}

// trailingSlash answers a GET or HEAD of a page's address written with a
// trailing slash (/stories/20/) with a 301 to the page's one address
// (path(id): /stories/20), its query kept, in one hop when the ID also has
// leading zeros. The target is built from the parsed ID and a fixed prefix,
// never from the path asked, so it stays on this site whatever the path
// holds; a malformed ID is the 400 its page answers.
func (s *Server) trailingSlash(what string, path func(int64) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r)
		if !ok {
			s.badPathIDPage(w, r, what)
			return
		}
		u := url.URL{Path: path(id), RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
	}
}

func (s *Server) handleNotFoundPage(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "There is no page at this address.")
}

// storyRow is one story on the front page.
type storyRow struct {
	news.Story
	Href    string
	Summary string
}

// summariesOnIndex is how many top stories show their summary's opening:
// their briefings are read (with one query) and decoded whole for it.
const summariesOnIndex = 30

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	ranked, err := s.rankedPage(r.Context(), r.URL.Query())
	if errors.Is(err, errBadQuery) {
		s.errorPage(w, r, http.StatusBadRequest, "This link to a page of stories is broken. Start again from the top stories.")
		return
	}
	if err != nil {
		s.pageStoreError(w, r, "story", err)
		return
	}
	stories := ranked.Stories
	briefings := s.indexBriefings(r.Context(), stories)
	rows := make([]storyRow, 0, len(stories))
	for _, st := range stories {
		row := storyRow{Story: st, Href: storyPath(st.ID)}
		if b, ok := briefings[st.ID]; ok {
			row.Summary = truncateWords(summaryText(b), 280)
			if b.Headline != "" {
				row.Title = b.Headline
			}
		}
		rows = append(rows, row)
	}
	q := r.URL.Query()
	page := indexPage{Stories: rows, Paged: q.Get("after") != "" || q.Get("before") != "", TopHref: indexHref(q, "", ""),
		Category: q.Get("category")}
	if c := encodeCursor(ranked.Next); c != "" {
		page.NextHref = indexHref(q, "after", c)
	}
	if c := encodeCursor(ranked.Prev); c != "" {
		page.PrevHref = indexHref(q, "before", c)
	}
	if len(rows) == 0 && !page.Paged {
		// With sources subscribed, the desk is waiting for their articles,
		// not for a source: the empty page must not send the user to add
		// one again.
		srcs, err := s.st.Sources(r.Context())
		if err != nil {
			s.pageStoreError(w, r, "source", err)
			return
		}
		page.Sources = len(srcs)
	}
	title := "Top stories"
	if page.Category != "" {
		title = "Top stories in " + page.Category
	}
	s.render(w, r, http.StatusOK, "index", pageData{Title: title, Nav: "stories", FeedCategory: page.Category, Page: page})
}

// indexBriefings reads the briefings of the briefed stories among the
// first summariesOnIndex of stories, with one query rather than one a
// story. If it fails, the failure is logged and the page shows titles
// without summaries.
func (s *Server) indexBriefings(ctx context.Context, stories []news.Story) map[int64]news.Briefing {
	var ids []int64
	for _, st := range stories[:min(len(stories), summariesOnIndex)] {
		if st.Briefed {
			ids = append(ids, st.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	briefings, err := s.st.BriefingsByID(ctx, ids)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Warn("load briefings for index", "stories", ids, "err", err)
		}
		return nil
	}
	return briefings
}

// indexHref links a page of the front page from the page q asked for:
// the page at cursor c (key "after" or "before"), or the first without
// one. It keeps q's limit (rankedPage has checked it), so that a reader
// who asked for short pages keeps getting them, and its category.
func indexHref(q url.Values, key, c string) string {
	v := url.Values{}
	if l := q.Get("limit"); l != "" {
		v.Set("limit", l)
	}
	if cat := q.Get("category"); cat != "" {
		v.Set("category", cat)
	}
	if key != "" {
		v.Set(key, c)
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// indexPage is a page of the front page: the ranked stories, links to
// the pages after and before it, and while there are no stories at all,
// how many sources they will come from.
type indexPage struct {
	Stories            []storyRow
	NextHref, PrevHref string
	TopHref            string // the first page
	Paged              bool   // not the first page: it links back to it
	Sources            int
	Category           string // the one category listed, if any
}

// storyPage is the story page's data.
type storyPage struct {
	Story    news.Story
	Briefing briefingView
	CopyText string // "Title — URL"
	Articles []articleRow
}

type articleRow struct {
	news.Article
	Href   string
	Outlet string
}

func newArticleRow(a news.Article, sources map[int64]news.Source) articleRow {
	return articleRow{Article: a, Href: articlePath(a.ID), Outlet: brief.Outlet(a, sources)}
}

// maxCitedArticles bounds the articles one story page reads.
const maxCitedArticles = 200

// citedArticles loads the articles briefing b of story id cites, at most
// maxCitedArticles, without their text: pages and footnotes show only
// titles, outlets and URLs. They are read with one query (ArticlesByID),
// not one an article, which a widely covered story made 200 of. If it
// fails, the failure is logged and none is returned, so a page still
// renders, its references named by the briefing alone; gone holds the
// articles no longer stored, which retention removed from under a
// briefing that still cites them (a background entry drawn from an older
// story), so that the page does not link their article pages, which
// answer 404.
func (s *Server) citedArticles(ctx context.Context, id int64, b news.Briefing) (articles map[int64]news.Article, gone map[int64]bool) {
	ids := b.CitedArticles()
	ids = ids[:min(len(ids), maxCitedArticles)]
	gone = map[int64]bool{}
	if len(ids) == 0 {
		return map[int64]news.Article{}, gone
	}
	articles, err := s.st.ArticlesByID(ctx, ids)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Warn("load cited articles", "story", id, "articles", len(ids), "err", err)
		}
		return map[int64]news.Article{}, gone
	}
	for _, aid := range ids {
		if _, ok := articles[aid]; !ok {
			gone[aid] = true
		}
	}
	return articles, gone
}

// pageStory loads the story a page's path names and its briefing; when it
// cannot, it has answered the request (a 400 for a malformed ID, a 404
// for an unknown one, else the store error page) and reports false.
func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) (news.Story, news.Briefing, bool) {
	id, ok := s.pagePathID(w, r, "story")
	if !ok {
		return news.Story{}, news.Briefing{}, false
	}
	st, b, err := s.storyAndBriefing(r.Context(), id)
	if err != nil {
		s.pageStoreError(w, r, "story", err)
		return news.Story{}, news.Briefing{}, false
	}
	return st, b, true
}

func (s *Server) handleStoryPage(w http.ResponseWriter, r *http.Request) {
	st, b, ok := s.pageStory(w, r)
	if !ok {
		return
	}
	id, ctx := st.ID, r.Context()
	articles, gone := s.citedArticles(ctx, id, b)
	// The story's own articles let references without citations link to
	// their stored copies.
	storyArticles, err := s.st.Articles(ctx, store.ArticleFilter{StoryID: id, Limit: maxCitedArticles})
	if err != nil {
		s.pageStoreError(w, r, "story", err)
		return
	}
	for _, a := range storyArticles {
		if _, ok := articles[a.ID]; !ok {
			a.Text = ""
			articles[a.ID] = a
		}
	}
	sources := map[int64]news.Source{}
	if list, err := s.st.Sources(ctx); err == nil {
		for _, src := range list {
			sources[src.ID] = src
		}
	} else {
		s.log.Warn("load sources for outlet names", "story", id, "err", err)
	}
	page := storyPage{
		Story:    st,
		Briefing: buildBriefingView(b, articles, gone, sources, articleHref),
	}
	if st.ThreadID > 0 {
		// The link is for following the line back: a thread of this story
		// alone would lead the reader to a list of the page they are on.
		switch others, err := s.st.Stories(ctx, store.StoryFilter{ThreadID: st.ThreadID, Limit: 2}); {
		case err != nil:
			s.log.Warn("count stories of thread", "story", id, "thread", st.ThreadID, "err", err)
		case len(others) > 1:
			page.Briefing.ThreadHref = threadPath(st.ThreadID)
		}
	}
	if st.Category != "" && b.Category == st.Category {
		page.Briefing.CategoryHref = "/?" + url.Values{"category": {st.Category}}.Encode()
	}
	page.CopyText = page.Briefing.Headline + " — " + storyURL(s.baseURL(r), st.ID)
	if !page.Briefing.Briefed {
		for _, a := range storyArticles {
			if a.DuplicateOf != 0 {
				continue
			}
			page.Articles = append(page.Articles, newArticleRow(a, sources))
		}
	}
	s.render(w, r, http.StatusOK, "story", pageData{Title: b.Headline, Nav: "stories", Page: page})
}

// articlePage is the article page's data.
type articlePage struct {
	Article     news.Article
	Heading     string // the title, or a stand-in for an article without one
	Outlet      string
	Source      *news.Source
	StoryHref   string
	Text        Highlighted
	Highlighted bool
	BadHL       bool          // a highlight was asked for but does not fit the text
	Description template.HTML // the feed's summary, sanitised
}

func (s *Server) handleArticlePage(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pagePathID(w, r, "article")
	if !ok {
		return
	}
	ctx := r.Context()
	a, err := s.st.Article(ctx, id)
	if err != nil {
		s.pageStoreError(w, r, "article", err)
		return
	}
	page := articlePage{Article: a, Outlet: brief.Outlet(a, nil), Text: Highlighted{Before: a.Text}, Description: s.feedHTML(a.Description)}
	if a.SourceID > 0 {
		if src, err := s.st.Source(ctx, a.SourceID); err == nil {
			page.Source = &src
			page.Outlet = brief.Outlet(a, map[int64]news.Source{src.ID: src})
		} else if !errors.Is(err, store.ErrNotFound) {
			s.log.Warn("load article source", "article", id, "source", a.SourceID, "err", err)
		}
	}
	if a.StoryID > 0 {
		page.StoryHref = storyPath(a.StoryID)
	}
	if hl := r.URL.Query().Get("hl"); hl != "" {
		sp, ok := ParseHighlight(hl)
		if ok {
			page.Text, ok = SplitHighlight(a.Text, sp)
		}
		if !ok {
			page.Text = Highlighted{Before: a.Text}
			page.BadHL = true
		}
		page.Highlighted = ok
	}
	// An article whose page could not be read may have no title; the
	// heading must still say what the page is.
	page.Heading = strings.TrimSpace(a.Title)
	if page.Heading == "" {
		page.Heading = "Untitled article " + strconv.FormatInt(a.ID, 10)
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: page.Heading, Page: page})
}

func (s *Server) handleSourcesPage(w http.ResponseWriter, r *http.Request) {
	srcs, err := s.st.Sources(r.Context())
	if err != nil {
		s.pageStoreError(w, r, "source", err)
		return
	}
	problems, err := s.problemArticles(r.Context(), srcs)
	if err != nil {
		s.pageStoreError(w, r, "article", err)
		return
	}
	s.render(w, r, http.StatusOK, "sources", pageData{Title: "Sources", Nav: "sources", Wide: true,
		Page: sourcesPage{Sources: srcs, Problems: problems}})
}

// sourcesPage is the sources page: every source, then the recent articles
// of those sources that could not be read in full, each with its reason.
type sourcesPage struct {
	Sources  []news.Source
	Problems []articleRow
}

// problemScan is how many of the newest articles the sources page looks
// through for extraction problems: enough for days of a busy desk, cheap
// enough for every page view.
const problemScan = 500

func (s *Server) problemArticles(ctx context.Context, srcs []news.Source) ([]articleRow, error) {
	list, err := s.st.Articles(ctx, store.ArticleFilter{Limit: problemScan})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]news.Source, len(srcs))
	for _, src := range srcs {
		byID[src.ID] = src
	}
	var out []articleRow
	for _, a := range list {
		if a.Extraction == news.ExtractFull {
			continue
		}
		// An article of a deleted source (kept, with source 0) is no
		// problem of any source listed here, and nothing on this page
		// can fix it.
		if _, ok := byID[a.SourceID]; !ok {
			continue
		}
		out = append(out, newArticleRow(a, byID))
	}
	return out, nil
}

// RenderBriefingPage writes b as a standalone HTML page, with its style
// inlined, for saving as a file. Every citation marker links to a note at
// the foot of the page that quotes the cited bytes of articles[id].Text and
// links the original; citations of articles missing from the map, or spans
// outside their text, are numbered but not quoted.
func RenderBriefingPage(w io.Writer, b news.Briefing, articles map[int64]news.Article) error {
	return RenderBriefingsPage(w, []news.Briefing{b}, articles)
}

// RenderBriefingsPage writes briefings as one standalone HTML page, each
// briefing followed by its notes, as RenderBriefingPage does for one. With
// more than one briefing, each one's note anchors start with its number
// (b2-note-1), so that a marker never jumps to another briefing's note, as
// it would on pages simply written one after another.
func RenderBriefingsPage(w io.Writer, briefings []news.Briefing, articles map[int64]news.Article) error {
	pages, err := loadPages()
	if err != nil {
		return err
	}
	css, err := staticFS.ReadFile("static/style.css")
	if err != nil {
		return fmt.Errorf("web: read style: %w", err)
	}
	type standaloneBriefing struct {
		Briefing briefingView
		NotesID  string
	}
	views := make([]standaloneBriefing, 0, len(briefings))
	for i, b := range briefings {
		prefix := ""
		if len(briefings) > 1 {
			prefix = "b" + strconv.Itoa(i+1) + "-"
		}
		views = append(views, standaloneBriefing{Briefing: standaloneView(b, articles, prefix), NotesID: prefix + "notes"})
	}
	title := ""
	if len(briefings) > 0 {
		title = briefings[0].Headline
	}
	if len(briefings) > 1 {
		title = strconv.Itoa(len(briefings)) + " briefings"
	}
	var buf bytes.Buffer
	err = pages["standalone"].Execute(&buf, struct {
		Title     string
		CSS       template.CSS
		Briefings []standaloneBriefing
	}{Title: title, CSS: template.CSS(css), Briefings: views})
	if err != nil {
		return fmt.Errorf("web: render briefings page: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// standaloneView is b's view for a standalone page: citation markers link
// to notes whose anchors start with notePrefix, as do the sections'.
func standaloneView(b news.Briefing, articles map[int64]news.Article, notePrefix string) briefingView {
	noteIDs := map[news.Citation]string{}
	var notes []note
	link := func(c news.Citation) string {
		id, ok := noteIDs[c]
		if !ok {
			id = notePrefix + "note-" + strconv.Itoa(len(noteIDs)+1)
			noteIDs[c] = id
			a := articles[c.ArticleID]
			notes = append(notes, note{
				ID: id, ArticleID: c.ArticleID, Excerpt: c.Span().Of(a.Text), Outlet: brief.Outlet(a, nil), Title: a.Title, URL: a.URL,
			})
		}
		return "#" + id
	}
	view := buildBriefingView(b, articles, nil, nil, link)
	// Story pages exist only on the site, not beside a saved file.
	for si := range view.Sections {
		for ii := range view.Sections[si].Items {
			view.Sections[si].Items[ii].Href = ""
			view.Sections[si].Items[ii].Local = ""
		}
	}
	for i := range notes {
		notes[i].Label = strconv.Itoa(view.numbers[notes[i].ArticleID])
	}
	view.Notes = notes
	view.IDPrefix = notePrefix
	return view
}
