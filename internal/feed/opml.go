package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
	"golang.org/x/net/html/charset"
)

// opmlDoc mirrors the parts of OPML 1.0/2.0 newsdesk reads and writes.
type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	// Note is a comment at the top of the list, written only when set.
	Note  string      `xml:",comment"`
	Title string      `xml:"head>title"`
	Body  []opmlEntry `xml:"body>outline"`
}

type opmlEntry struct {
	Text     string      `xml:"text,attr"`
	Title    string      `xml:"title,attr,omitempty"`
	Type     string      `xml:"type,attr,omitempty"`
	XMLURL   string      `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string      `xml:"htmlUrl,attr,omitempty"`
	Language string      `xml:"language,attr,omitempty"`
	Children []opmlEntry `xml:"outline"`
}

// maxOPMLDepth bounds outline nesting; real lists are two or three deep.
const maxOPMLDepth = 64

// ParseOPML reads an OPML subscription list. Every outline with an xmlUrl
// becomes a feed source: xmlUrl is its URL, htmlUrl its HomeURL, title (else
// text) its Name unless that is the URL itself, and its language attribute
// its Lang. The
// nearest enclosing outline without an xmlUrl names its Category. The parser
// is lenient about HTML entities and unclosed tags, as exported lists often
// need, and decodes non-UTF-8 encodings the document declares.
func ParseOPML(r io.Reader) ([]news.Source, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var doc opmlDoc
	if err := d.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			// Text with no element in it ("x") ends the same way as
			// nothing at all: "empty" would puzzle whoever sent a file.
			return nil, errors.New("parse OPML: empty document or not XML")
		}
		return nil, fmt.Errorf("parse OPML: %w", err)
	}
	var out []news.Source
	var walk func(entries []opmlEntry, category string, depth int)
	walk = func(entries []opmlEntry, category string, depth int) {
		if depth > maxOPMLDepth {
			return
		}
		for _, e := range entries {
			feedURL := strings.TrimSpace(e.XMLURL)
			if feedURL == "" {
				name := firstNonEmpty(e.Title, e.Text)
				if name == "" {
					name = category
				}
				walk(e.Children, name, depth+1)
				continue
			}
			// An outline labelled only with its URL, as WriteOPML labels a
			// feed that has no name yet, names nothing: named by its URL,
			// the source would never take its feed's own title.
			name := firstNonEmpty(e.Title, e.Text)
			if name == feedURL {
				name = ""
			}
			out = append(out, news.Source{
				Kind:     news.SourceFeed,
				URL:      feedURL,
				Name:     name,
				HomeURL:  strings.TrimSpace(e.HTMLURL),
				Lang:     strings.TrimSpace(e.Language),
				Category: category,
				Status:   news.StatusNew,
			})
			// A feed outline with children is unusual; keep them, under the
			// same category.
			walk(e.Children, category, depth+1)
		}
	}
	walk(doc.Body, "", 0)
	return out, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// WriteOPML writes the feed sources as an OPML 2.0 list, grouped into one
// outline per category in order of first appearance; sources without a
// category sit at the top level. Page sources are left out: OPML lists
// feeds; the list then says how many in a comment at its top, so that a
// file kept as a backup does not pass for all the subscriptions.
func WriteOPML(w io.Writer, title string, sources []news.Source) error {
	doc := opmlDoc{Version: "2.0", Title: title}
	groups := map[string]int{} // category -> index in doc.Body
	pages := 0
	for _, s := range sources {
		if s.Kind != news.SourceFeed && s.Kind != "" {
			pages++
			continue
		}
		// OPML requires a text: a feed without a name is labelled with its
		// URL, which ParseOPML reads as no name.
		e := opmlEntry{
			Text:     firstNonEmpty(s.Name, s.URL),
			Title:    firstNonEmpty(s.Name),
			Type:     "rss",
			XMLURL:   s.URL,
			HTMLURL:  s.HomeURL,
			Language: s.Lang,
		}
		if s.Category == "" {
			doc.Body = append(doc.Body, e)
			continue
		}
		i, ok := groups[s.Category]
		if !ok {
			i = len(doc.Body)
			groups[s.Category] = i
			doc.Body = append(doc.Body, opmlEntry{Text: s.Category, Title: s.Category})
		}
		doc.Body[i].Children = append(doc.Body[i].Children, e)
	}
	if pages > 0 {
		// A count, not the URLs: a comment may not hold "--", which a
		// URL may.
		doc.Note = fmt.Sprintf(" %d page %s left out: an OPML list holds feeds only ", pages, plural(pages, "source", "sources"))
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
