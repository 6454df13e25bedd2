package feed

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feedTypes are the link types that announce a feed.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      true, // some JSON Feed publishers
	"application/rdf+xml":   true,
	"text/xml":              true,
	"application/xml":       true,
}

// Discover returns the feeds an HTML page announces with
// <link rel="alternate" type="application/rss+xml" href="…"> (or Atom, or
// JSON Feed), as absolute http(s) URLs in page order without duplicates.
// pageURL resolves relative hrefs and a <base href> is honoured.
func Discover(page []byte, pageURL string) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	base, _ := url.Parse(pageURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	// HTML resolves every URL of the document against its first <base
	// href>, wherever the links stand, so hrefs are resolved once the walk
	// has found it.
	var hrefs []string
	baseHref, sawBase := "", false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch n.DataAtom {
			case atom.Base:
				if href, ok := attr["href"]; ok && !sawBase {
					baseHref, sawBase = href, true
				}
			case atom.Link:
				if isAlternate(attr["rel"]) && feedTypes[mediaTypeOf(attr["type"])] {
					hrefs = append(hrefs, attr["href"])
				}
			case atom.Script, atom.Style, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if u, err := url.Parse(strings.TrimSpace(baseHref)); sawBase && err == nil {
		if base != nil {
			u = base.ResolveReference(u)
		}
		if u.IsAbs() {
			base = u
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, href := range hrefs {
		if u := resolve(base, href); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

func isAlternate(rel string) bool {
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		if r == "alternate" {
			return true
		}
	}
	return false
}

func mediaTypeOf(t string) string {
	t, _, _ = strings.Cut(t, ";")
	return strings.ToLower(strings.TrimSpace(t))
}
