// Package extract finds an article page's main text and metadata.
//
// Extraction is the raw material of every briefing: a paragraph missed here
// is a quote lost downstream, and a comment kept here is a sentence no
// outlet wrote. The page is parsed once and read by two extractors with
// different failure modes, go-trafilatura (precise, but drops blocks it
// doubts) and readeck's go-readability (picks one container, so it keeps
// asides inside it and loses text outside it); a rule that compares their
// paragraphs picks the better body. Metadata comes from JSON-LD, Open Graph
// and meta tags first, then from the visible page.
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Result is what extraction found on a page.
type Result struct {
	Title        string
	Byline       string
	Published    time.Time
	Modified     time.Time // last update the page declares; zero if none
	Publisher    string
	Lang         string
	CanonicalURL string
	Description  string
	Image        string
	Text         string // main text, paragraphs separated by "\n\n"
}

// ErrNotHTML is returned for input that is empty or is not an HTML page.
var ErrNotHTML = errors.New("not an HTML page")

// ErrNoText is returned when a page parses but holds no main text.
var ErrNoText = errors.New("no main text found")

// Options configure an Extractor. The zero value is ready to use.
type Options struct {
	// Logger receives debug notes on which body was chosen and why.
	// Default: discard.
	Logger *slog.Logger
	// MaxBytes caps the page size read; longer input is cut there, since a
	// news page's text sits well inside it. Default: 8 MiB.
	MaxBytes int
	// StrictHeadings puts back only the section headings that round 11's
	// rule did (see addHeadings): unlinked, in no side element, directly
	// above a body paragraph read with the same spaces. Default false:
	// also those in a side element that wraps most of the body, linked
	// ones between two paragraphs of text, and those above a spacer or
	// a caption, matched whatever spaces go-trafilatura dropped. For
	// measuring the rule (eval extract --strict-headings).
	StrictHeadings bool
}

// Extractor extracts articles. It is safe for concurrent use.
type Extractor struct {
	log            *slog.Logger
	maxBytes       int
	strictHeadings bool
	// abandoned holds a slot for each library pass left running after
	// its caller gave up (see pass).
	abandoned chan struct{}
	// quiet is go-readability's logger. Its default writes text to
	// io.Discard at Info level, so every page paid for formatting its
	// pass and candidate records (a node's preview, its XPath) that no
	// one read: about 1% of extraction time. A discarding handler
	// reports itself disabled, and nothing is formatted.
	quiet *slog.Logger
}

// New returns an Extractor configured by opts.
func New(opts Options) *Extractor {
	e := &Extractor{log: opts.Logger, maxBytes: opts.MaxBytes, strictHeadings: opts.StrictHeadings,
		abandoned: make(chan struct{}, runtime.GOMAXPROCS(0)), quiet: slog.New(slog.DiscardHandler)}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.maxBytes <= 0 {
		e.maxBytes = 8 << 20
	}
	return e
}

var defaultExtractor = New(Options{})

// Extract reads the main content of an HTML page fetched from pageURL with
// the default options.
func Extract(html []byte, pageURL string) (Result, error) {
	return defaultExtractor.ExtractContext(context.Background(), html, pageURL)
}

// ExtractContext is Extract stopped by ctx.
func ExtractContext(ctx context.Context, html []byte, pageURL string) (Result, error) {
	return defaultExtractor.ExtractContext(ctx, html, pageURL)
}

// Extract reads the main content of an HTML page fetched from pageURL. It
// never panics: an internal failure comes back as an error.
func (e *Extractor) Extract(page []byte, pageURL string) (Result, error) {
	return e.ExtractContext(context.Background(), page, pageURL)
}

// ExtractContext is Extract stopped by ctx: when ctx ends it returns an
// error wrapping ctx.Err() without waiting for the page to be read. A page
// near MaxElements keeps a processor busy for seconds, nearly all of it in
// go-trafilatura's content pass, which takes no context; ctx is checked
// between the steps, and each library pass runs on its own goroutine
// (pass), left to run on when ctx ends unless as many are running so
// already as the machine has processors.
func (e *Extractor) ExtractContext(ctx context.Context, page []byte, pageURL string) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			e.log.Error("extract panicked", "url", pageURL, "panic", r, "stack", string(debug.Stack()))
			res, err = Result{}, fmt.Errorf("extract %q: internal error", pageURL)
		}
	}()
	if err := checkHTML(page); err != nil {
		return Result{}, fmt.Errorf("extract %q: %w", pageURL, err)
	}
	if len(page) > e.maxBytes {
		page = page[:e.maxBytes]
	}
	if err := checkElements(ctx, page); err != nil {
		return Result{}, fmt.Errorf("extract %q: %w", pageURL, err)
	}
	doc, err := html.Parse(utf8Reader(page))
	if err != nil {
		return Result{}, fmt.Errorf("extract %q: parse html: %w", pageURL, err)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("extract %q: %w", pageURL, err)
	}
	base := parsePageURL(pageURL)
	pm := collectMeta(doc)
	host := ""
	if base != nil {
		host = base.Hostname()
	}
	site := pm.publisher()
	res = Result{
		Title:        pm.chooseTitle(host),
		Byline:       pm.chooseByline(site),
		Published:    pm.chooseDate(),
		Modified:     pm.chooseModified(),
		Publisher:    site,
		Lang:         pm.chooseLang(),
		CanonicalURL: pm.chooseCanonical(base),
		Description:  pm.chooseDescription(),
		Image:        pm.chooseImage(base),
	}
	if res.Publisher == "" {
		// A page that declares no site name often gives it in its
		// <title> beside the headline; go-trafilatura's own guess
		// (below) reads only a few separators and else gives the host.
		res.Publisher = pm.siteFromTitle(res.Title)
	}

	// The dates shown beside the headline arbitrate between the declared
	// ones (see reconcileDate).
	window, headline := headerWindow(doc, res.Title)
	shown := parseVisibleDates(window)
	placeDates(shown, headline)
	// The page's visible text outside footers, for the searches below that
	// pages without a declared date need: read once, on first use.
	var (
		visible     string
		visibleRead bool
	)
	bodyText := func() string {
		if !visibleRead {
			visible, visibleRead = textOutsideFooters(doc), true
		}
		return visible
	}
	undeclared := res.Published.IsZero() && res.Modified.IsZero()
	res.Published = reconcileDate(res.Published, res.Modified, shown)
	if undeclared && !res.Published.IsZero() {
		// A date shown by the headline of a page that declares none can
		// be its latest revision: the page's own "originally published
		// on" line, when earlier, is its publication date.
		if t, ok := originallyPublished(bodyText()); ok && t.Before(res.Published) {
			res.Published = t
		}
	}
	if res.Published.IsZero() {
		if t, ok := publishedLineDate(bodyText()); ok {
			res.Published = t
		}
	}
	if res.Published.IsZero() {
		// No declared date: search the whole page (before pruning, as
		// dates sit in footers and scripts too), without go-htmldate's slow
		// multilingual parser.
		hd, herr := htmldate.FromDocument(doc, htmldate.Options{URL: pageURL, UseOriginalDate: true, SkipExtensiveSearch: true})
		if herr == nil && !hd.DateTime.IsZero() {
			res.Published = hd.DateTime
		}
	}
	if res.Published.IsZero() {
		res.Published = lastResortDate(bodyText(), window)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("extract %q: %w", pageURL, err)
	}
	prune(doc)
	// The page's own paragraphs, read before go-readability rearranges
	// the tree, to check the chosen body against (outline.recoverChosen).
	pageText := newOutline(doc)

	// go-trafilatura reads the page without mutating doc; its date search
	// is off, having been done above.
	opts := trafilatura.Options{ExcludeComments: true, OriginalURL: base, HtmlDateMode: trafilatura.Disabled}
	var (
		tParas []para
		tr     *trafilatura.ExtractResult
		terr   error
	)
	removeHint := addMetaHint(doc, res.Byline)
	if err := e.pass(ctx, pageURL, func() { tr, terr = trafilatura.ExtractDocument(doc, opts) }); err != nil {
		// An abandoned pass still reads doc: leave it be.
		return Result{}, fmt.Errorf("extract %q: %w", pageURL, err)
	}
	removeHint()
	if terr == nil {
		tParas = paragraphs(tr.ContentNode)
		fillFrom(&res, tr.Metadata, base)
	}
	// go-readability may mutate doc: it runs last.
	var (
		rParas []para
		art    readability.Article
		rerr   error
	)
	rp := e.readabilityParser()
	if err := e.pass(ctx, pageURL, func() { art, rerr = rp.ParseAndMutate(doc, base) }); err != nil {
		return Result{}, fmt.Errorf("extract %q: %w", pageURL, err)
	}
	if rerr == nil && art.Node != nil {
		rParas = paragraphs(art.Node)
		if res.Byline == "" {
			res.Byline = cleanByline(art.Byline())
		}
	}
	body := chooseBody(tParas, rParas)
	paras := dropRepeats(pageText.recoverChosen(body))
	paras = dropInline(trimTail(paras))
	paras = dropTitle(paras, res.Title)
	paras = pageText.dropSide(paras)
	paras = pageText.addHeadings(paras, res.Title, e.strictHeadings)
	if strings.HasPrefix(body.choice, "trafilatura") {
		// go-trafilatura trims its inline elements' text; readability
		// keeps the page's. splitGlued's work is capped (glueBudget) but
		// not cancellable: it does not start past the time limit.
		if err := ctx.Err(); err != nil {
			return Result{}, fmt.Errorf("extract %q: %w", pageURL, err)
		}
		paras = pageText.splitGlued(paras)
	}
	e.log.Debug("extract", "url", pageURL, "body", body.choice, "trafilatura_err", terr, "readability_err", rerr)
	res.Text = fixMojibake(strings.Join(texts(paras), "\n\n"))
	// The page's own misread bytes are in its metadata as well.
	res.Title = fixMojibake(res.Title)
	res.Description = fixMojibake(res.Description)
	res.Byline = fixMojibake(res.Byline)
	// A control character written as a reference (&#1;) or a JSON-LD
	// escape (\u0001) is decoded after utf8Reader has read the page.
	for _, f := range []*string{&res.Title, &res.Byline, &res.Publisher, &res.Description} {
		*f = dropControlText(*f)
	}
	res.Text = dropControlParagraphs(res.Text)
	if res.Text == "" {
		return res, fmt.Errorf("extract %q: %w", pageURL, ErrNoText)
	}
	return res, nil
}

// readabilityParser returns go-readability's parser with its defaults but
// for its logger (see Extractor.quiet).
func (e *Extractor) readabilityParser() readability.Parser {
	rp := readability.NewParser()
	rp.Logger = e.quiet
	return rp
}

// errPassPanicked is what pass returns for a library pass that panicked.
var errPassPanicked = errors.New("internal error")

// pass runs f, a library pass that takes no context, and returns when f
// does or, with ctx.Err(), when ctx ends. f cannot be stopped: given up
// on, it runs on to its end (which MaxElements bounds) on its own
// goroutine, holding one of e.abandoned's slots meanwhile. When every
// slot is held, giving up waits for f instead, as before contexts: so
// passes left running cannot pile up beyond the machine's processors,
// and a pass that is not given up on never waits for a slot (a page
// queued behind a hostile one would otherwise spend its own time
// budget waiting). Under a context that cannot end, f runs on the
// caller's goroutine, as it always did.
func (e *Extractor) pass(ctx context.Context, pageURL string, f func()) error {
	// A context that ended while the previous step ran must not start a
	// pass that would be abandoned at once, holding a slot for nothing.
	if err := ctx.Err(); err != nil {
		return err
	}
	if ctx.Done() == nil {
		f()
		return nil
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			// ExtractContext's recover does not reach this goroutine.
			if r := recover(); r != nil {
				e.log.Error("extract panicked", "url", pageURL, "panic", r, "stack", string(debug.Stack()))
				done <- errPassPanicked
			}
		}()
		f()
		done <- nil
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	select {
	case e.abandoned <- struct{}{}:
		go func() {
			<-done
			<-e.abandoned
		}()
	default:
		<-done
	}
	return ctx.Err()
}

// fillFrom completes res with go-trafilatura's metadata where the declared
// metadata left a field empty. Its site name when it found none is the
// page's host, which names no publisher: the outlet's name falls back to
// the host where it is shown (brief.Outlet), and Publisher stays empty
// rather than claim one. m.License is licenseHint's "CC BY 4.0" on every
// page, not the page's licence, so it is never read.
func fillFrom(res *Result, m trafilatura.Metadata, base *url.URL) {
	if res.Title == "" {
		res.Title = m.Title
	}
	if res.Byline == "" {
		res.Byline = cleanByline(m.Author)
	}
	if res.Published.IsZero() {
		res.Published = m.Date
	}
	if res.Publisher == "" && !isHostName(m.Sitename, base) {
		res.Publisher = m.Sitename
	}
	if res.Lang == "" {
		res.Lang = m.Language
	}
	if res.CanonicalURL == "" {
		res.CanonicalURL = m.URL
	}
	if res.Description == "" {
		res.Description = m.Description
	}
	if res.Image == "" {
		res.Image = m.Image
	}
}

// isHostName reports whether name is the host of page (its www. or port
// aside) rather than a site's name.
func isHostName(name string, page *url.URL) bool {
	if page == nil || name == "" {
		return false
	}
	n := strings.TrimPrefix(strings.ToLower(name), "www.")
	host := strings.TrimPrefix(strings.ToLower(page.Hostname()), "www.")
	return n == host || n == strings.TrimPrefix(strings.ToLower(page.Host), "www.")
}

func parsePageURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	return u
}

// utf8Reader returns the page as UTF-8. Valid UTF-8 is taken as is (pages
// often declare a legacy charset they no longer use); otherwise the charset
// is sniffed from the BOM and <meta> tags.
//
// The page's control characters (controlByte) are dropped on the way: a
// browser draws nothing for them, and kept they reached the stored text,
// the briefings citing it and the Markdown export. They are dropped after
// decoding, as ISO-2022-JP's escape sequences begin with one. Those the
// page writes as references (&#1;) are only decoded by the parser: see
// dropControlText.
func utf8Reader(page []byte) io.Reader {
	if utf8.Valid(page) {
		return withoutControls(page)
	}
	enc, name, _ := charset.DetermineEncoding(page, "text/html")
	if name == "utf-8" {
		// Declared UTF-8 but not valid: keep what is, mark what is not.
		return withoutControls(bytes.ToValidUTF8(page, []byte("\uFFFD")))
	}
	return controlDropper{enc.NewDecoder().Reader(bytes.NewReader(page))}
}

// checkHTML rejects input that cannot be an HTML page: empty, binary, or
// without a single tag.
func checkHTML(page []byte) error {
	head := bytes.TrimSpace(page)
	if len(head) == 0 {
		return fmt.Errorf("%w: empty input", ErrNotHTML)
	}
	if len(head) > 1024 {
		head = head[:1024]
	}
	for _, sig := range [][]byte{[]byte("%PDF"), []byte("\x89PNG"), []byte("GIF8"), []byte("\xff\xd8\xff"), []byte("PK\x03\x04")} {
		if bytes.HasPrefix(head, sig) {
			return fmt.Errorf("%w: binary content", ErrNotHTML)
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return fmt.Errorf("%w: binary content", ErrNotHTML)
	}
	if !bytes.Contains(page, []byte("<")) || !bytes.Contains(page, []byte(">")) {
		return fmt.Errorf("%w: no markup", ErrNotHTML)
	}
	return nil
}
