package web

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/text"
)

// Search (GET /search, GET /api/search) finds stories by the words of
// their articles; the store ranks them (store.StorySearcher). A page of
// results is read by offset (?page=N), as a relevance score is no stable
// cursor; store.MaxSearchOffset bounds how deep.

// searchPageSize is the results on a page of /search and the default
// ?limit of /api/search.
const searchPageSize = 20

// snippetBytes is about how much text a snippet shows around the first
// match.
const snippetBytes = 240

// searchRequest is a search a client asked for.
type searchRequest struct {
	Text  string // the query as typed
	Page  store.SearchPage
	Index int // the page's number, from 1
}

// parseSearch reads ?q=, ?page= and ?limit= (at most maxLimit). Its error
// is errBadQuery, with what to change.
func parseSearch(q url.Values, maxLimit int) (searchRequest, error) {
	req := searchRequest{Text: strings.TrimSpace(q.Get("q")), Index: 1}
	parsed, err := store.ParseQuery(req.Text)
	switch {
	case errors.Is(err, store.ErrEmptyQuery):
		return req, fmt.Errorf("%w: q must hold at least one word", errBadQuery)
	case errors.Is(err, store.ErrQueryTooLong):
		return req, fmt.Errorf("%w: q must be at most %d bytes and %d words or phrases", errBadQuery, store.MaxQueryBytes, store.MaxQueryTerms)
	case err != nil:
		return req, fmt.Errorf("%w: %v", errBadQuery, err)
	}
	req.Page = store.SearchPage{Query: parsed}
	if req.Page.Limit, err = intParam(q, queryRange{Name: "limit", Default: min(searchPageSize, maxLimit), Min: 1, Max: maxLimit}); err != nil {
		return req, err
	}
	// The last page is as deep as the store searches: how many pages
	// that is depends on the limit, which the message says.
	lastPage := store.MaxSearchOffset/req.Page.Limit + 1
	why := fmt.Sprintf("%d results a page, and a page starts at most %d results deep", req.Page.Limit, store.MaxSearchOffset)
	if req.Index, err = intParam(q, queryRange{Name: "page", Default: 1, Min: 1, Max: lastPage, Why: why}); err != nil {
		return req, err
	}
	req.Page.Offset = (req.Index - 1) * req.Page.Limit
	return req, nil
}

// searchHit is a result as the page and the API show it.
type searchHit struct {
	Story   news.Story
	Href    string
	Article news.Article // the best-matching article, Text dropped
	// Snippet is HTML: the article's text around the first match,
	// escaped, with the query's words in <mark>. It is built here from
	// the stored text, never taken from the article's HTML.
	Snippet template.HTML
}

func hitsOf(res store.SearchResult, q store.Query) []searchHit {
	hits := make([]searchHit, len(res.Hits))
	for i, h := range res.Hits {
		a := h.Article
		text := a.Text
		if snippetAt(text, q) < 0 {
			text = a.Title // matched by its title alone
		}
		a.Text = ""
		hits[i] = searchHit{Story: h.Story, Href: storyPath(h.Story.ID), Article: a, Snippet: Snippet(text, q)}
	}
	return hits
}

// Snippet cuts about snippetBytes of body around the first match of q
// in it (the start, if none), on word boundaries, HTML-escaped, with
// every match marked. Words match as SQLite's index matched them: whole,
// case and diacritics folded (text.Key), so "politica" marks "política".
// A term of several words (a phrase, or "U.S." read as "u s") matches
// only where its words stand in a row, as the index matched it: "U.S."
// marks no lone "s" of "it's".
func Snippet(body string, q store.Query) template.HTML {
	start := max(snippetAt(body, q)-snippetBytes/3, 0)
	for start > 0 && !utf8.RuneStart(body[start]) {
		start--
	}
	// Start on a word: after the space before start, if one is near.
	if i := strings.LastIndexFunc(body[:start], unicode.IsSpace); i >= 0 && start-i < 40 {
		_, size := utf8.DecodeRuneInString(body[i:])
		start = i + size
	} else if i < 0 && start < 40 {
		start = 0
	}
	end := min(start+snippetBytes, len(body))
	for end < len(body) && !utf8.RuneStart(body[end]) {
		end++
	}
	cut := body[start:end]
	if end < len(body) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > len(cut)/2 {
			cut = cut[:i]
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	toks := tokens(cut)
	marked := matches(toks, q)
	for i, tok := range toks {
		if marked[i] {
			b.WriteString("<mark>")
			b.WriteString(html.EscapeString(tok.s))
			b.WriteString("</mark>")
			continue
		}
		b.WriteString(html.EscapeString(tok.s))
	}
	if start+len(cut) < len(body) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}

// snippetAt is the byte offset of the first match of q in body, -1 if
// none.
func snippetAt(body string, q store.Query) int {
	toks := tokens(body)
	marked := matches(toks, q)
	off := 0
	for i, tok := range toks {
		if marked[i] {
			return off
		}
		off += len(tok.s)
	}
	return -1
}

// matches reports, for each of toks, whether it is a word of a match of
// a term of q: the term's words, folded by text.Key, on consecutive word
// tokens.
func matches(toks []token, q store.Query) []bool {
	var words []int // indexes of the word tokens
	var keys []string
	for i, tok := range toks {
		if tok.word {
			words = append(words, i)
			keys = append(keys, text.Key(tok.s))
		}
	}
	terms := make([][]string, len(q.Terms))
	for i, term := range q.Terms {
		terms[i] = make([]string, len(term))
		for j, w := range term {
			terms[i][j] = text.Key(w)
		}
	}
	marked := make([]bool, len(toks))
	for at := range keys {
		for _, term := range terms {
			if at+len(term) <= len(keys) && slices.Equal(keys[at:at+len(term)], term) {
				for j := range term {
					marked[words[at+j]] = true
				}
			}
		}
	}
	return marked
}

type token struct {
	s    string
	word bool
}

// tokens splits s into words (as store.Words reads them) and the runs
// between them; together they are s.
func tokens(s string) []token {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	var out []token
	for s != "" {
		r, _ := utf8.DecodeRuneInString(s)
		w := isWord(r)
		i := strings.IndexFunc(s, func(r rune) bool { return isWord(r) != w })
		if i < 0 {
			i = len(s)
		}
		out = append(out, token{s: s[:i], word: w})
		s = s[i:]
	}
	return out
}

// searchView is the /search page's data.
type searchView struct {
	Query              string
	Message            string // why there are no results to show
	Hits               []searchHit
	NextHref, PrevHref string
	Index              int
}

// searchHref is the link to page page of the search for text, limit
// results a page: a limit other than the page's default is kept, as the
// front page's pager keeps its own, else the next page would be read at
// the default size and skip or repeat results.
func searchHref(text string, page, limit int) string {
	v := url.Values{"q": {text}}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if limit != searchPageSize {
		v.Set("limit", strconv.Itoa(limit))
	}
	return "/search?" + v.Encode()
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	req, err := parseSearch(r.URL.Query(), searchPageSize)
	view := searchView{Query: req.Text, Index: req.Index}
	data := pageData{Title: "Search", Nav: "search", Page: &view}
	if errors.Is(err, errBadQuery) {
		status, msg := http.StatusBadRequest, "This link to a page of results is broken. Search again."
		_, perr := store.ParseQuery(req.Text)
		switch {
		case req.Text == "":
			// The empty form: nothing wrong, nothing to show yet.
			status, msg = http.StatusOK, "Type words to find stories; put a phrase in double quotes."
		case errors.Is(perr, store.ErrEmptyQuery):
			msg = "Type at least one word or number: punctuation alone finds nothing."
		case errors.Is(perr, store.ErrQueryTooLong):
			// The bound is in bytes, which an accented letter takes two
			// of: "characters" would send someone with 200 of them
			// looking for the other 56.
			msg = fmt.Sprintf("That search is too long: use at most %d words or phrases and %d bytes of text (an accented letter takes two).", store.MaxQueryTerms, store.MaxQueryBytes)
		}
		view.Message = msg
		s.render(w, r, status, "search", data)
		return
	}
	res, err := s.st.SearchStories(r.Context(), req.Page)
	if err != nil {
		s.pageStoreError(w, r, "story", err)
		return
	}
	view.Hits = hitsOf(res, req.Page.Query)
	if res.More {
		view.NextHref = searchHref(req.Text, req.Index+1, req.Page.Limit)
	}
	if req.Index > 1 {
		view.PrevHref = searchHref(req.Text, req.Index-1, req.Page.Limit)
	}
	if len(view.Hits) == 0 {
		view.Message = "No stories match every word of that search."
	}
	data.Title = "Search: " + req.Text
	s.render(w, r, http.StatusOK, "search", data)
}

// searchResponse is the body of GET /api/search. Snippet is HTML (see
// searchHit); Next is the page to ask for next, absent at the end.
type searchResponse struct {
	Query   string          `json:"query"`
	Results []searchHitJSON `json:"results"`
	Next    int             `json:"next_page,omitempty"`
}

type searchHitJSON struct {
	Story     storyJSON `json:"story"`
	ArticleID int64     `json:"article_id"`
	Title     string    `json:"article_title"`
	URL       string    `json:"article_url"`
	Snippet   string    `json:"snippet_html"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	req, err := parseSearch(r.URL.Query(), store.MaxSearchLimit)
	if errors.Is(err, errBadQuery) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := s.st.SearchStories(r.Context(), req.Page)
	if err != nil {
		s.storeError(w, r, "stories", err)
		return
	}
	base := s.baseURL(r)
	out := searchResponse{Query: req.Text, Results: []searchHitJSON{}}
	for _, h := range hitsOf(res, req.Page.Query) {
		out.Results = append(out.Results, searchHitJSON{
			Story:     storyJSON{Story: h.Story, URL: storyURL(base, h.Story.ID)},
			ArticleID: h.Article.ID, Title: h.Article.Title, URL: h.Article.URL,
			Snippet: string(h.Snippet),
		})
	}
	if res.More {
		out.Next = req.Index + 1
	}
	writeJSON(w, http.StatusOK, out)
}
