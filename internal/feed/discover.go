package feed

import (
	"bytes"
	"net/url"
	"slices"
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

// PageInstances returns the newsdesk instances an HTML page names as its
// writer, each InstanceURNPrefix and an ID, in page order: the URNs among
// the words of its <meta name="generator" content="…">, which every page
// of newsdesk's web server carries (web.Config.InstanceID), as its Atom
// feed's generator names it. A page is read up to its <body>, where HTML
// ends the head and a generator meta belongs.
func PageInstances(page []byte) []string {
	var urns []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return urns
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		switch atom.Lookup(name) {
		case atom.Body:
			return urns
		case atom.Meta:
		default:
			continue
		}
		var metaName, content string
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "name":
				metaName = string(v)
			case "content":
				content = string(v)
			}
		}
		if strings.EqualFold(strings.TrimSpace(metaName), "generator") {
			urns = append(urns, instances(content)...)
		}
	}
}

// PageNamesInstance reports whether the HTML page names the instance id
// (pipeline.Config.InstanceID) among its writers (PageInstances); never
// for an empty id.
func PageNamesInstance(page []byte, id string) bool {
	// An empty id is answered before the page is read: most desks set none.
	return id != "" && slices.Contains(PageInstances(page), InstanceURNPrefix+id)
}
