package web

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// apiError is the body of every API error.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client may have gone; nothing useful to do
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

// apiMethods dispatches on the request method and answers other methods
// with a JSON 405, which the standard mux would answer in plain text.
func apiMethods(methods map[string]http.HandlerFunc) http.Handler {
	allowed := make([]string, 0, len(methods)+1)
	for m := range methods {
		allowed = append(allowed, m)
	}
	if _, ok := methods[http.MethodGet]; ok {
		allowed = append(allowed, http.MethodHead)
	}
	slices.Sort(allowed)
	allow := strings.Join(allowed, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := r.Method
		if m == http.MethodHead {
			m = http.MethodGet
		}
		h, ok := methods[m]
		if !ok {
			w.Header().Set("Allow", allow)
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed; use %s", r.Method, allow))
			return
		}
		h(w, r)
	})
}

// storeError answers a failed store call: a 404 for a missing thing, else a
// logged 500 that does not show the cause.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, what string, err error) {
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, what+" not found")
		return
	}
	if errors.Is(err, context.Canceled) {
		return
	}
	s.log.Error("store", "path", r.URL.Path, "what", what, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error")
}

// pathID parses the {id} path value: a positive decimal integer.
func pathID(r *http.Request) (int64, bool) {
	v := r.PathValue("id")
	if v == "" || len(v) > 19 || strings.TrimLeft(v, "0123456789") != "" {
		return 0, false
	}
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil && id > 0
}

// apiPathID reads the ID an API path names, a what's. A malformed one is
// answered 400 and reported false; a well-formed one that names nothing
// is the store's 404. pagePathID is its pages' twin: both refuse what
// pathID refuses, so a page and its API answer an ID alike
// (TestPathIDStatus).
func apiPathID(w http.ResponseWriter, r *http.Request, what string) (int64, bool) {
	id, ok := pathID(r)
	if !ok {
		writeError(w, http.StatusBadRequest, what+" id must be a positive integer")
	}
	return id, ok
}

// requireToken lets a write through only with the configured bearer token,
// and counts a wrong one against the client's address: once it has used up
// its failures (authLimiter), its writes are answered 429 unchecked, as
// are those beyond the limit while its other checks are under way. The
// guess is taken before the token is compared and counted or given back
// after, so that concurrent requests cannot overrun the limit.
func (s *Server) requireToken(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.APIToken == "" {
			writeError(w, http.StatusForbidden, "writes are disabled: no API token is configured; start the server with NEWSDESK_API_TOKEN set")
			return
		}
		guess, wait, why := s.auth.reserve(r)
		if why != notRefused {
			w.Header().Set("Retry-After", retryAfter(wait))
			writeError(w, http.StatusTooManyRequests, why.reason()+"; retry after "+secondsText(wait))
			return
		}
		scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || !tokenEqual(strings.TrimSpace(tok), s.cfg.APIToken) {
			guess.fail()
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsdesk"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong API token")
			return
		}
		guess.release()
		next(w, r)
	}
}

// reserveGuessPage begins a form post that changes sources (doing says
// how: "changed", "imported"), whose token is checked only once its body
// has been read (checkFormToken): it refuses the post, with an error page,
// when no token is configured, or when the client's limit is used up, by
// its failures or by its checks under way, saying which; else it takes a
// guess (authLimiter.reserve). The caller must release or fail the guess.
func (s *Server) reserveGuessPage(w http.ResponseWriter, r *http.Request, doing string) (*authGuess, bool) {
	if s.cfg.APIToken == "" {
		s.errorPage(w, r, http.StatusForbidden, "Sources cannot be "+doing+" here: no API token is configured. Restart newsdesk with NEWSDESK_API_TOKEN set to allow it.")
		return nil, false
	}
	guess, wait, why := s.auth.reserve(r)
	if why == notRefused {
		return guess, true
	}
	w.Header().Set("Retry-After", retryAfter(wait))
	reason := why.reason()
	s.errorPage(w, r, http.StatusTooManyRequests, strings.ToUpper(reason[:1])+reason[1:]+". Try again in "+secondsText(wait)+".")
	return nil, false
}

// checkFormToken checks the token field of the form read from r, guess
// its reserveGuessPage: a missing or wrong one fails the guess and is
// answered with an error page, and it reports false; the right one gives
// the guess back.
func (s *Server) checkFormToken(w http.ResponseWriter, r *http.Request, guess *authGuess) bool {
	if !tokenEqual(strings.TrimSpace(r.PostFormValue("token")), s.cfg.APIToken) {
		guess.fail()
		s.errorPage(w, r, http.StatusUnauthorized, "The API token is missing or wrong.")
		return false
	}
	guess.release()
	return true
}

// tokenEqual compares in constant time; hashing first hides the length.
func tokenEqual(got, want string) bool {
	g, h := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], h[:]) == 1
}

// storiesResponse is the body of GET /api/stories: a page of the ranked
// list, and the cursors of the pages after (older, lower ranked) and
// before it, left out at the list's ends.
type storiesResponse struct {
	Stories []storyJSON `json:"stories"`
	Next    string      `json:"next,omitempty"`
	Prev    string      `json:"prev,omitempty"`
}

// storyJSON is a story in lists, with its page's URL.
type storyJSON struct {
	news.Story
	URL string `json:"url"`
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	page, err := s.rankedPage(r.Context(), r.URL.Query())
	if errors.Is(err, errBadQuery) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err != nil {
		s.storeError(w, r, "stories", err)
		return
	}
	base := s.baseURL(r)
	out := storiesResponse{
		Stories: storiesJSON(base, page.Stories),
		Next:    encodeCursor(page.Next),
		Prev:    encodeCursor(page.Prev),
	}
	writeJSON(w, http.StatusOK, out)
}

// storiesJSON lists stories with their pages' URLs; never null.
func storiesJSON(base string, stories []news.Story) []storyJSON {
	out := make([]storyJSON, 0, len(stories))
	for _, st := range stories {
		out = append(out, storyJSON{Story: st, URL: storyURL(base, st.ID)})
	}
	return out
}

// StoryDetail is the body of GET /api/stories/{id}: the briefing's JSON
// (story_id, headline, category, generated_at, sections) plus the story's
// own fields. A story not yet briefed has no sections and briefed=false.
// The story's fields are copied, not embedded: news.Story's "category"
// would clash with the briefing's at the same depth, and encoding/json
// drops both.
type StoryDetail struct {
	news.Briefing
	ID           int64     `json:"id"`
	ThreadID     int64     `json:"thread_id,omitempty"`
	Title        string    `json:"title"`
	FirstSeen    time.Time `json:"first_seen"`
	LastUpdated  time.Time `json:"last_updated"`
	ArticleCount int       `json:"article_count"`
	SourceCount  int       `json:"source_count"`
	Briefed      bool      `json:"briefed"`
	URL          string    `json:"url"`
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "story")
	if !ok {
		return
	}
	st, b, err := s.storyAndBriefing(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "story", err)
		return
	}
	writeJSON(w, http.StatusOK, StoryDetail{
		Briefing:     b.WithCitationLists(),
		ID:           st.ID,
		ThreadID:     st.ThreadID,
		Title:        st.Title,
		FirstSeen:    st.FirstSeen,
		LastUpdated:  st.LastUpdated,
		ArticleCount: st.ArticleCount,
		SourceCount:  st.SourceCount,
		Briefed:      st.Briefed && len(b.Sections) > 0,
		URL:          storyURL(s.baseURL(r), st.ID),
	})
}

// storyAndBriefing loads a story and its briefing; a story without one gets
// an empty briefing with the story's title and category.
func (s *Server) storyAndBriefing(ctx context.Context, id int64) (news.Story, news.Briefing, error) {
	st, err := s.st.Story(ctx, id)
	if err != nil {
		return news.Story{}, news.Briefing{}, fmt.Errorf("load story %d: %w", id, err)
	}
	b, err := s.st.Briefing(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		b = news.Briefing{StoryID: id}
	case err != nil:
		return news.Story{}, news.Briefing{}, fmt.Errorf("load briefing of story %d: %w", id, err)
	}
	b = withStoryDefaults(b, st)
	b = s.currentRelated(ctx, b)
	if b.Sections == nil {
		b.Sections = []news.Section{}
	}
	return st, b, nil
}

// currentRelated drops from b the related stories no longer stored, and
// names each one left by its current title. Retention removes old stories
// (store.Pruner) and marks the briefings that name them stale, but until
// the pipeline briefs them again a page would link a story that answers
// 404. And a related story's title is the one it had when b was written:
// its own headline can be chosen again as its coverage grows (a later
// article's title), while b, whose story did not change, is not written
// again, so the link would read as a story the list no longer shows. The
// related stories are looked up with one query, not one each. If that
// fails they are all kept as written, and the failure logged: a link that
// may 404 is better than no page.
func (s *Server) currentRelated(ctx context.Context, b news.Briefing) news.Briefing {
	var ids []int64
	for _, sec := range b.Sections {
		if sec.Kind != news.SectionRelated {
			continue
		}
		for _, it := range sec.Items {
			if it.StoryID > 0 {
				ids = append(ids, it.StoryID)
			}
		}
	}
	if len(ids) == 0 {
		return b
	}
	stored, err := s.st.StoriesByID(ctx, ids)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Warn("load related stories", "story", b.StoryID, "related", ids, "err", err)
		}
		return b
	}
	sections := make([]news.Section, 0, len(b.Sections))
	for _, sec := range b.Sections {
		if sec.Kind == news.SectionRelated {
			sec.Items = slices.DeleteFunc(slices.Clone(sec.Items), func(it news.Item) bool {
				_, ok := stored[it.StoryID]
				return it.StoryID > 0 && !ok
			})
			for i, it := range sec.Items {
				if t := stored[it.StoryID].Title; t != "" {
					sec.Items[i].Text = t
				}
			}
			if len(sec.Items) == 0 {
				continue // every related story is gone: no empty section
			}
		}
		sections = append(sections, sec)
	}
	b.Sections = sections
	return b
}

// withStoryDefaults fills the briefing's empty headline and category from
// its story's.
func withStoryDefaults(b news.Briefing, st news.Story) news.Briefing {
	if b.Headline == "" {
		b.Headline = st.Title
	}
	if b.Category == "" {
		b.Category = st.Category
	}
	return b
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "article")
	if !ok {
		return
	}
	a, err := s.st.Article(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "article", err)
		return
	}
	list, err := s.withStoryThreads(r.Context(), []news.Article{a})
	if err != nil {
		s.storeError(w, r, "article", err)
		return
	}
	writeJSON(w, http.StatusOK, list[0])
}

// withStoryThreads sets each article's thread_id to its story's thread.
// The store keeps the thread the clusterer first gave the article, for
// replay; the story's thread changes when threads merge, and a client that
// compares an article's thread_id with its story's must see the same one.
// The stories are read with one query (a source's list holds up to 500
// articles), and an article whose story is gone keeps its own thread.
func (s *Server) withStoryThreads(ctx context.Context, list []news.Article) ([]news.Article, error) {
	var ids []int64
	for _, a := range list {
		if a.StoryID != 0 {
			ids = append(ids, a.StoryID)
		}
	}
	if len(ids) == 0 {
		return list, nil
	}
	stories, err := s.st.StoriesByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load the articles' stories: %w", err)
	}
	for i, a := range list {
		if st, ok := stories[a.StoryID]; ok {
			list[i].ThreadID = cmp.Or(st.ThreadID, a.ThreadID)
		}
	}
	return list, nil
}

// sourcesResponse is the body of GET /api/sources.
type sourcesResponse struct {
	Sources []news.Source `json:"sources"`
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	srcs, err := s.st.Sources(r.Context())
	if err != nil {
		s.storeError(w, r, "sources", err)
		return
	}
	if srcs == nil {
		srcs = []news.Source{}
	}
	writeJSON(w, http.StatusOK, sourcesResponse{Sources: srcs})
}

// sourceArticlesResponse is the body of GET /api/sources/{id}/articles.
type sourceArticlesResponse struct {
	Articles []news.Article `json:"articles"`
}

// maxSourceArticles caps the articles listed for one source, newest first.
const maxSourceArticles = 500

// apiSourceArticles lists a source's articles without their text, so a
// client can see each one's extraction status and reason.
func (s *Server) apiSourceArticles(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "source")
	if !ok {
		return
	}
	limit, err := intParam(r.URL.Query(), queryRange{Name: "limit", Default: maxSourceArticles, Min: 1, Max: maxSourceArticles})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if _, err := s.st.Source(r.Context(), id); err != nil {
		s.storeError(w, r, "source", err)
		return
	}
	list, err := s.st.Articles(r.Context(), store.ArticleFilter{SourceID: id, Limit: limit})
	if err == nil {
		list, err = s.withStoryThreads(r.Context(), list)
	}
	if err != nil {
		s.storeError(w, r, "articles", err)
		return
	}
	if list == nil {
		list = []news.Article{}
	}
	writeJSON(w, http.StatusOK, sourceArticlesResponse{Articles: list})
}

func (s *Server) apiSource(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "source")
	if !ok {
		return
	}
	src, err := s.st.Source(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "source", err)
		return
	}
	writeJSON(w, http.StatusOK, src)
}

// SourceRequest is the body of POST /api/sources.
type SourceRequest struct {
	URL      string `json:"url"`
	Name     string `json:"name,omitempty"` // default: the feed's title once polled; none for a page
	Kind     string `json:"kind,omitempty"` // "feed" (default) or "page"
	Lang     string `json:"lang,omitempty"` // BCP 47
	Category string `json:"category,omitempty"`
	// PollInterval is the feed's own poll interval, a Go duration ("30m",
	// "2h"), from news.MinPollInterval to news.MaxPollInterval; default
	// the server's --poll-interval. Polls that find nothing new and the
	// feed's own hints may still lengthen it (docs/pipeline.md, "Poll
	// intervals"). A page, read once, takes none.
	PollInterval string `json:"poll_interval,omitempty"`
}

// Limits on a new source's fields.
const (
	maxNameLen     = 200
	maxCategoryLen = 64
)

// ParseSourceRequest decodes and validates the body of POST /api/sources
// into the source to add. Its errors are fit to show the client.
func ParseSourceRequest(body io.Reader) (news.Source, error) {
	var req SourceRequest
	if err := decodeObject(body, &req, sourceRequestShape); err != nil {
		return news.Source{}, err
	}
	return req.Source()
}

// decodeObject decodes body, one JSON object of the fields of v, into v:
// a field v has not is an error that names it, so that a typo or a guess
// is not silently dropped; shape says what the endpoint takes, for the
// errors, which are fit to show the client.
func decodeObject(body io.Reader, v any, shape string) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return bodyTooLargeError{limit: maxErr.Limit}
		}
		if field, ok := unknownField(err); ok {
			return fmt.Errorf("unknown field %q: %s", field, shape)
		}
		return errors.New(shape)
	}
	if dec.More() {
		return errors.New("request body must hold one JSON object")
	}
	return nil
}

// sourceRequestShape is what POST /api/sources takes, for its errors.
const sourceRequestShape = "request body must be a JSON object {url, name?, kind?, lang?, category?, poll_interval?}"

// unknownField returns the field named by the error encoding/json's
// DisallowUnknownFields gives, which has no type of its own.
func unknownField(err error) (string, bool) {
	rest, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	field, err := strconv.Unquote(rest)
	return field, err == nil
}

// bodyTooLargeError reports a request body over its limit.
type bodyTooLargeError struct{ limit int64 }

func (e bodyTooLargeError) Error() string {
	return fmt.Sprintf("request body is larger than %d bytes", e.limit)
}

// Source validates the request and returns the source it asks for.
func (req SourceRequest) Source() (news.Source, error) {
	canon, err := news.CheckURL("url", req.URL)
	if err != nil {
		return news.Source{}, err
	}
	src := news.Source{URL: canon, Kind: news.SourceFeed, Status: news.StatusNew}
	switch strings.ToLower(strings.TrimSpace(req.Kind)) {
	case "", string(news.SourceFeed):
	case string(news.SourcePage):
		src.Kind = news.SourcePage
	default:
		return news.Source{}, fmt.Errorf("kind must be %q or %q", news.SourceFeed, news.SourcePage)
	}
	if src.Name, err = checkName(req.Name); err != nil {
		return news.Source{}, err
	}
	if src.Lang, err = checkLang(req.Lang); err != nil {
		return news.Source{}, err
	}
	if src.Category, err = checkCategory(req.Category); err != nil {
		return news.Source{}, err
	}
	if src.PollInterval, err = checkPollInterval(src.Kind, req.PollInterval); err != nil {
		return news.Source{}, err
	}
	return src, nil
}

// checkName, checkLang, checkCategory and checkPollInterval validate a
// source's fields as a client sent them, for POST /api/sources and PATCH
// /api/sources/{id} alike, and return them as stored: trimmed, the
// language tag canonical, an empty interval 0 (the server's). Their
// errors are fit to show the client.
func checkName(name string) (string, error) {
	name = strings.TrimSpace(name)
	return name, checkText("name", name, maxNameLen)
}

func checkLang(lang string) (string, error) {
	if l := strings.TrimSpace(lang); l != "" {
		return parseLang(l)
	}
	return "", nil
}

func checkCategory(category string) (string, error) {
	category = strings.TrimSpace(category)
	return category, checkText("category", category, maxCategoryLen)
}

func checkPollInterval(kind news.SourceKind, every string) (time.Duration, error) {
	every = strings.TrimSpace(every)
	if every == "" {
		return 0, nil
	}
	if kind == news.SourcePage {
		return 0, errors.New("poll_interval is for feeds: a page is read once")
	}
	return ParsePollInterval(every)
}

// ParsePollInterval reads a source's own poll interval, a Go duration
// ("30m", "1h30m") from news.MinPollInterval to news.MaxPollInterval. Its
// errors are fit to show the client.
func ParsePollInterval(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf(`poll_interval must be a duration such as "30m" or "2h", got %q`, s)
	}
	if d < news.MinPollInterval || d > news.MaxPollInterval {
		return 0, fmt.Errorf("poll_interval must be at least %s and at most %s, got %s",
			news.FormatDuration(news.MinPollInterval), news.FormatDuration(news.MaxPollInterval), news.FormatDuration(d))
	}
	return d, nil
}

// ImportSource checks o, an outline of an imported OPML list, and returns the
// feed source to add with one warning per field it had to repair or drop.
// Only a bad feed URL rejects the outline: lists exported by other readers
// carry multi-line titles, deep folder paths and languages such as "English",
// and losing a good feed over its label is worse than trimming the label.
func ImportSource(o news.Source) (news.Source, []string, error) {
	src, err := SourceRequest{URL: o.URL}.Source()
	if err != nil {
		return news.Source{}, nil, err
	}
	var warns []string
	if src.Name, err = repairText(o.Name, maxNameLen); err != nil {
		warns = append(warns, "name: "+err.Error())
	}
	if l := strings.TrimSpace(o.Lang); l != "" {
		if src.Lang, err = parseLang(l); err != nil {
			warns = append(warns, fmt.Sprintf("dropped lang %q: %v", l, err))
		}
	}
	if src.Category, err = repairText(o.Category, maxCategoryLen); err != nil {
		warns = append(warns, "category: "+err.Error())
	}
	// GET /api/sources and export show the home page to anyone, so it
	// passes the same checks as the feed URL or is left out.
	if h := strings.TrimSpace(o.HomeURL); h != "" {
		if src.HomeURL, err = news.CheckURL("home page URL", h); err != nil {
			warns = append(warns, fmt.Sprintf("dropped home page %q: %v", h, err))
		}
	}
	return src, warns, nil
}

// parseLang returns the canonical form of the BCP 47 tag l.
func parseLang(l string) (string, error) {
	tag, err := language.Parse(l)
	if err != nil || len(l) > 35 {
		return "", errors.New("lang must be a BCP 47 language tag such as \"en\" or \"pt-BR\"")
	}
	return tag.String(), nil
}

// checkText reports why s is not fit for field: too long, not UTF-8 or
// holding control characters.
func checkText(field, s string, max int) error {
	if len(s) > max {
		return fmt.Errorf("%s is longer than %d bytes", field, max)
	}
	if !validText(s, max) {
		return fmt.Errorf("%s must be printable text, without line breaks or control characters", field)
	}
	return nil
}

// repairText returns s as one line of valid UTF-8 of at most max bytes, cut
// on a rune boundary, and an error saying what it changed, if anything.
func repairText(s string, max int) (string, error) {
	orig := strings.TrimSpace(s)
	t := strings.ToValidUTF8(orig, "")
	t = strings.Join(strings.Fields(t), " ")
	t = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, t)
	var changes []string
	if t != orig {
		changes = append(changes, "made one line of printable text")
	}
	if len(t) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(t[cut]) {
			cut--
		}
		t = strings.TrimSpace(t[:cut])
		changes = append(changes, fmt.Sprintf("cut to %d bytes", max))
	}
	if changes == nil {
		return t, nil
	}
	return t, errors.New(strings.Join(changes, " and "))
}

// validText reports whether s is short, valid UTF-8 without control
// characters.
func validText(s string, max int) bool {
	if len(s) > max || !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// readSourceBody reads the JSON body of a write to the sources, what it
// sends ("the source", "the changes"), with parse, at most MaxSourceBody.
// On failure it answers the client, 415, 413 or 400 with parse's error
// (fit to show), and returns false. A missing Content-Type is taken for
// JSON, for curl users; any other is refused rather than guessed at.
func readSourceBody(w http.ResponseWriter, r *http.Request, what string, parse func(io.Reader) error) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, "send "+what+" as application/json")
		return false
	}
	if err := parse(http.MaxBytesReader(w, r.Body, MaxSourceBody)); err != nil {
		status := http.StatusBadRequest
		if errors.As(err, new(bodyTooLargeError)) {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, status, err.Error())
		return false
	}
	return true
}

func (s *Server) apiAddSource(w http.ResponseWriter, r *http.Request) {
	var src news.Source
	if !readSourceBody(w, r, "the source", func(body io.Reader) (err error) {
		src, err = ParseSourceRequest(body)
		return err
	}) {
		return
	}
	if err := CheckNotOwnSite(src.URL, s.ownSites(r)...); err != nil {
		writeError(w, http.StatusBadRequest, "url: "+err.Error())
		return
	}
	src.CreatedAt = s.now().UTC()
	// The store refuses another spelling of a subscribed URL, even of a
	// row an older newsdesk stored as given: it keys sources by their
	// normalised URL (news.SourceKey), so "/./feed.xml" is "/feed.xml".
	added, err := s.st.AddSource(r.Context(), src)
	if errors.Is(err, store.ErrDuplicate) {
		s.readdSource(w, r, src)
		return
	}
	if err != nil {
		s.storeError(w, r, "source", err)
		return
	}
	s.log.Info("source added", "id", added.ID, "url", added.URL, "kind", added.Kind)
	if s.cfg.OnSourceAdded != nil {
		s.cfg.OnSourceAdded(context.WithoutCancel(r.Context()), added)
	}
	w.Header().Set("Location", "/api/sources/"+strconv.FormatInt(added.ID, 10))
	writeJSON(w, http.StatusCreated, added)
}

// readdSource answers POST /api/sources for src, whose URL is already a
// source. A page whose article could not be read is what a person adding
// it again means to have read: the store retries it as "Retry now"
// retries it (store.SourceRetrier's ReaddSource), 200 with the source, new
// again, and the page is fetched at the scheduler's next look. The 200
// has no Location: that header means something only on a 201 or a 3xx
// (RFC 9110), and the source's ID is in the body. Anything else is a 409
// that says which source holds the URL and why adding it again changes
// nothing; so is a source removed since the store refused the URL.
func (s *Server) readdSource(w http.ResponseWriter, r *http.Request, src news.Source) {
	held, retried, err := s.st.ReaddSource(r.Context(), src.URL, s.now().UTC())
	switch {
	case errors.Is(err, store.ErrNotFound):
		// Removed meanwhile: the store's key refused it all the same,
		// and a 404 would name no resource the client asked for.
		writeError(w, http.StatusConflict, "that URL is already a source")
	case err != nil:
		s.storeError(w, r, "source", err)
	case retried:
		s.log.Info("failed page added again: read again", "id", held.ID, "url", held.URL)
		writeJSON(w, http.StatusOK, held)
	case held.Kind == news.SourcePage && held.Status == news.StatusError:
		writeError(w, http.StatusConflict, fmt.Sprintf("that URL is already source %d, a page, which is read once", held.ID))
	case held.Kind == news.SourcePage:
		writeError(w, http.StatusConflict, fmt.Sprintf("that URL is already source %d, a page, which is read once: its article is stored", held.ID))
	default:
		writeError(w, http.StatusConflict, fmt.Sprintf("that URL is already source %d, a feed; to poll it now, POST /api/sources/%d/retry", held.ID, held.ID))
	}
}

func (s *Server) apiDeleteSource(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "source")
	if !ok {
		return
	}
	if err := s.st.DeleteSource(r.Context(), id); err != nil {
		s.storeError(w, r, "source", err)
		return
	}
	s.log.Info("source deleted", "id", id)
	w.WriteHeader(http.StatusNoContent)
}

// apiRetrySource makes a source due now, its error and backoff cleared,
// for a person who has fixed what made it fail (or thinks the site is
// back) and does not want to wait out the backoff.
//
// A page whose article could not be read is read again: the store deletes
// the failed article and makes the page new (store.SourceRetrier). Any
// other page is refused, 409 (the store's ErrReadOnce): it is read once,
// and its article is stored under its URL, which is not fetched again.
func (s *Server) apiRetrySource(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "source")
	if !ok {
		return
	}
	src, err := s.st.RetrySource(r.Context(), id, s.now().UTC())
	if errors.Is(err, store.ErrReadOnce) {
		writeError(w, http.StatusConflict, fmt.Sprintf("source %d is a page, which is read once: "+
			"its article is stored and a stored page is not fetched again; only a feed, or a page that could not be read, can be retried", id))
		return
	}
	if err != nil {
		s.storeError(w, r, "source", err)
		return
	}
	s.log.Info("source retry asked", "id", id, "url", src.URL)
	writeJSON(w, http.StatusOK, src)
}

// storyPath and articlePath are the site paths of a story's and an
// article's pages; storyURL is a story page's absolute URL.
func storyPath(id int64) string   { return "/stories/" + strconv.FormatInt(id, 10) }
func articlePath(id int64) string { return "/articles/" + strconv.FormatInt(id, 10) }

func storyURL(base string, id int64) string { return base + storyPath(id) }
