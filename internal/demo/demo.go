// Package demo bundles a fictional news corpus and the local newswire that
// serves it over real HTTP, so newsdesk can be tried, and tested end to end,
// with no internet.
//
// The corpus is written for newsdesk and is entirely fictional: outlets,
// people and places are invented (the country of Valdria, its capital Port
// Anselm, the Kessel Valley, the River Osk...). It lives in corpus/ as data
// (outlets.json and one text file per story) and is embedded in the binary;
// the article pages and feeds are generated from templates when requested,
// so everything the wire serves is a pure function of the corpus and the
// request's host: the same request always gets the same bytes.
//
// # Layout of the wire
//
//	/                               index of outlets
//	/opml                           OPML list of every outlet's feed
//	/robots.txt                     allows all but /private/
//	/outlets/<slug>/                an outlet's homepage
//	/outlets/<slug>/feed.xml        RSS 2.0 or Atom 1.0 feed (by outlet)
//	/outlets/<slug>/feed.json       JSON Feed 1.1 (by outlet)
//	/outlets/<slug>/<article path>  article pages (path pattern per outlet)
//	/outlets/<slug>/img/<name>      a 1x1 placeholder for lead images
//	/private/                       403, and disallowed by robots.txt
//
// Feeds and pages honour conditional GET (ETag, Last-Modified). Absolute
// URLs are built from the request's Host, so the wire works on any port.
//
// # Fault endpoints
//
// For bad-input tests; none is listed by [Wire.Sources] ([Wire.FaultSource]
// subscribes to the fault feed):
//
//	/faults/feed.xml       RSS feed whose items point at the pages below
//	/faults/malformed.xml  a feed that is not well-formed XML
//	/faults/404            a missing page (404)
//	/faults/huge           an HTML page streamed past 16 MiB (?mib=N sets the size)
//	/faults/binary         an "article" served as application/octet-stream
//	/faults/loop           a redirect loop (/faults/loop <-> /faults/loop/b)
//	/faults/good           a small valid article page, so the feed has one success
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

//go:embed corpus templates
var embedded embed.FS

// Feed formats an outlet can publish.
const (
	FormatRSS  = "rss"
	FormatAtom = "atom"
	FormatJSON = "json"
)

// Outlet is one fictional publisher on the wire.
type Outlet struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Lang        string `json:"lang"`     // BCP 47
	Format      string `json:"format"`   // FormatRSS, FormatAtom or FormatJSON
	Category    string `json:"category"` // hint for subscribers, e.g. "general"
	Description string `json:"description"`
	// Template names the page layout in templates/ (without ".html").
	Template string `json:"template"`
	// PathPattern builds an article's path below /outlets/<slug>/ from
	// {yyyy}, {mm}, {dd} and {slug}; outlets differ so URL shapes vary.
	PathPattern string `json:"path_pattern"`
}

// FeedPath is the outlet's feed path on the wire.
func (o Outlet) FeedPath() string {
	if o.Format == FormatJSON {
		return "/outlets/" + o.Slug + "/feed.json"
	}
	return "/outlets/" + o.Slug + "/feed.xml"
}

// HomePath is the outlet's homepage path on the wire.
func (o Outlet) HomePath() string { return "/outlets/" + o.Slug + "/" }

// Figure is a number an article states, keyed by what it counts, so tests
// can find the same quantity reported differently by two outlets.
type Figure struct {
	Quantity string // e.g. "people evacuated"
	Text     string // as written in the body, e.g. "150"
}

// Article is one article of the corpus, as the wire serves it.
type Article struct {
	Outlet     string // outlet slug
	OutletName string
	Story      string // story key: articles about the same event share it
	Thread     string // thread key: stories continuing one another share it
	Topic      string // politics, disaster, economy, health, sport, science, culture...
	Lang       string
	Slug       string
	Path       string // URL path on the wire, from the root
	Title      string
	Byline     string
	Summary    string // what the feed says about it
	Published  time.Time
	// Body is the article text: paragraphs separated by a blank line.
	Body string
	// CopyOf is the path of the article this one republishes (a wire copy).
	CopyOf  string
	Figures []Figure
	// Comments are reader comments shown under the article. They are not
	// part of the article and must not survive extraction.
	Comments []string
}

// clone copies a so the caller cannot change the wire's slices.
func (a Article) clone() Article {
	a.Figures = slices.Clone(a.Figures)
	a.Comments = slices.Clone(a.Comments)
	return a
}

// Paragraphs splits the body into its paragraphs.
func (a Article) Paragraphs() []string { return strings.Split(a.Body, "\n\n") }

// Story is one event of the corpus.
type Story struct {
	Key     string
	Title   string
	Topic   string
	Thread  string
	Day     time.Time // the day the event is first reported (UTC midnight)
	Outlets []string  // outlet slugs covering it, in corpus order, distinct
}

// Wire serves the corpus. It is immutable after NewWire and safe for
// concurrent use.
type Wire struct {
	log      *slog.Logger
	outlets  []Outlet
	articles []Article
	stories  []Story
	byPath   map[string]int
	pages    *pageRenderer
	srv      server
}

// NewWire parses the embedded corpus. It fails if the corpus is invalid.
// A nil logger discards logs.
func NewWire(logger *slog.Logger) (*Wire, error) {
	return NewWireFS(logger, embedded)
}

// NewWireFS is NewWire over another file system laid out like the embedded
// one (corpus/outlets.json, corpus/stories/*.txt, templates/*.html); tests
// use it to check that a bad corpus is refused.
func NewWireFS(logger *slog.Logger, fsys fs.FS) (*Wire, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c, err := loadCorpus(fsys)
	if err != nil {
		return nil, fmt.Errorf("load demo corpus: %w", err)
	}
	pr, err := newPageRenderer(fsys, c.outlets)
	if err != nil {
		return nil, fmt.Errorf("load demo templates: %w", err)
	}
	w := &Wire{
		log:      logger,
		outlets:  c.outlets,
		articles: c.articles,
		stories:  c.stories,
		byPath:   make(map[string]int, len(c.articles)),
		pages:    pr,
	}
	for i, a := range w.articles {
		w.byPath[a.Path] = i
	}
	return w, nil
}

// Outlets lists the outlets in corpus order.
func (w *Wire) Outlets() []Outlet { return slices.Clone(w.outlets) }

// Articles lists every article, sorted by publication time then path.
func (w *Wire) Articles() []Article {
	out := make([]Article, len(w.articles))
	for i, a := range w.articles {
		out[i] = a.clone()
	}
	return out
}

// Stories lists the stories, sorted by day then key.
func (w *Wire) Stories() []Story {
	out := make([]Story, len(w.stories))
	for i, s := range w.stories {
		s.Outlets = slices.Clone(s.Outlets)
		out[i] = s
	}
	return out
}

// Article returns the article served at path.
func (w *Wire) Article(path string) (Article, bool) {
	i, ok := w.byPath[path]
	if !ok {
		return Article{}, false
	}
	return w.articles[i].clone(), true
}

// Noise lists text that the article's page shows around the article (cookie
// banner, adverts, comments, newsletter box): an extractor that keeps any of
// it has kept boilerplate.
func (w *Wire) Noise(a Article) []string {
	o := w.outlet(a.Outlet)
	out := slices.Clone(a.Comments)
	return append(out, boilerplateFor(o.Lang).noise()...)
}

// Sources lists one feed subscription per outlet, with URLs under baseURL
// (e.g. the value Start returned). The fault feed is not among them.
func (w *Wire) Sources(baseURL string) []news.Source {
	base := strings.TrimRight(baseURL, "/")
	out := make([]news.Source, 0, len(w.outlets))
	for _, o := range w.outlets {
		out = append(out, news.Source{
			Kind:     news.SourceFeed,
			URL:      base + o.FeedPath(),
			Name:     o.Name,
			HomeURL:  base + o.HomePath(),
			Lang:     o.Lang,
			Category: o.Category,
			Status:   news.StatusNew,
		})
	}
	return out
}

// FaultSource is the subscription to /faults/feed.xml under baseURL, for
// bad-input tests; Sources never includes it.
func (w *Wire) FaultSource(baseURL string) news.Source {
	base := strings.TrimRight(baseURL, "/")
	return news.Source{
		Kind:     news.SourceFeed,
		URL:      base + "/faults/feed.xml",
		Name:     "Fault Desk",
		HomeURL:  base + "/faults/good",
		Lang:     "en",
		Category: "test",
		Status:   news.StatusNew,
	}
}

// URL joins baseURL and an article path.
func URL(baseURL, path string) string {
	u, err := url.JoinPath(baseURL, path)
	if err != nil {
		return strings.TrimRight(baseURL, "/") + path
	}
	return u
}

func (w *Wire) outlet(slug string) Outlet {
	for _, o := range w.outlets {
		if o.Slug == slug {
			return o
		}
	}
	return Outlet{}
}
