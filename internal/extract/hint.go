package extract

import (
	"encoding/json"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// metaHint is a JSON-LD block added to <head> for go-trafilatura's
// metadata pass alone. That pass searches the whole tree with CSS
// selectors for every field the page's tags left empty: categories and
// tags always (unused here), and the author, on its own copy of the
// tree, whenever no meta tag names one. Its Options cannot turn the searches
// off, but a field already filled skips its search. The hint fills
// categories and tags, and the author only when the page's own metadata
// already gave a byline: fillFrom reads go-trafilatura's author only when
// ours is empty, so no field we use changes. go-trafilatura's body does not
// depend on its metadata.
type metaHint struct {
	Type     string      `json:"@type"`
	Section  string      `json:"articleSection"`
	Keywords string      `json:"keywords"`
	Author   *hintPerson `json:"author,omitempty"`
}

type hintPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// addMetaHint appends the hint to doc's <head>, with licenseHint after
// it, and returns a function that removes both again; go-readability
// reads JSON-LD too (its title decides which heading it drops), so the
// hint must be gone before it runs. Without a <head> it does nothing.
func addMetaHint(doc *html.Node, byline string) (remove func()) {
	head := findHead(doc)
	if head == nil {
		return func() {}
	}
	h := metaHint{Type: "Article", Section: "-", Keywords: "-"}
	if byline != "" {
		h.Author = &hintPerson{Type: "Person", Name: byline}
	}
	b, err := json.Marshal(h)
	if err != nil {
		// Cannot happen for these string fields; without the hint
		// go-trafilatura only searches longer.
		return func() {}
	}
	s := &html.Node{Type: html.ElementNode, Data: "script", DataAtom: atom.Script,
		Attr: []html.Attribute{{Key: "type", Val: "application/ld+json"}}}
	s.AppendChild(&html.Node{Type: html.TextNode, Data: string(b)})
	head.AppendChild(s)
	lic := licenseHint()
	head.AppendChild(lic)
	return func() {
		head.RemoveChild(s)
		head.RemoveChild(lic)
	}
}

// licenseHint is a link for go-trafilatura's license search, which no
// field of Result reads and Options cannot turn off. The search ends at the
// first `a[rel="license"]` whose href names a Creative Commons licence or
// that has text of its own (a page's `<a rel="license">Terms</a>` ended it
// before the hint was added); only when there is none does it match a
// selector with descendant combinators (`footer a[href],
// div[class*="footer"] a[href], ...`) against every link of the page, about
// 1% of extraction time. The hint, in <head> ahead of the body's links,
// now ends it, so go-trafilatura's Metadata.License reads "CC BY 4.0" on
// every page: it is the hint's, not the page's, and fillFrom must never
// read it. The link has no text, so it adds nothing to the text of the
// page go-trafilatura's last-resort body takes, and <head>, where it sits,
// is removed before go-trafilatura looks for the body.
func licenseHint() *html.Node {
	return &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A,
		Attr: []html.Attribute{{Key: "rel", Val: "license"}, {Key: "href", Val: "/by/4.0/"}}}
}

// findHead returns doc's <head> element: html.Parse always puts it first
// in <html>.
func findHead(doc *html.Node) *html.Node {
	for h := doc.FirstChild; h != nil; h = h.NextSibling {
		if h.Type != html.ElementNode || h.Data != "html" {
			continue
		}
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "head" {
				return c
			}
		}
	}
	return nil
}
