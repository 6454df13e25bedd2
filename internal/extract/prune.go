package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// isPruned reports the tags that never hold article text. Removing them
// once, after the metadata walk and before both extractors, saves each
// extractor from cloning and scoring them (go-trafilatura copies the tree
// three times). It runs on every element, so it is a switch, not a map
// lookup.
func isPruned(tag string) bool {
	switch tag {
	case "script", "style", "svg", "noscript", "template", "iframe", "object",
		"embed", "canvas", "video", "audio", "map", "link", "nav", "footer",
		"input", "select", "button", "textarea":
		return true
	}
	return false
}

// isBoilerplateName reports class and id words (whole, or one part of a
// hyphenated or underscored name) that mark blocks that are never the
// article: advertising, cookie and consent banners, and reader comments.
// Both extractors keep such blocks when they sit inside the article's
// container, and a sentence from them in a briefing would put words in an
// outlet's mouth. Singular "comment" is left out: templates use it for the
// article's own comment-count links and wrappers. name is lower case.
func isBoilerplateName(name []byte) bool {
	// A switch on the converted bytes neither allocates nor hashes.
	switch string(name) {
	case "ad", "ads", "advert", "adverts", "advertisement", "advertising",
		"sponsored", "publi", "publicidad", "anuncio", "anuncios", "werbung",
		"publicite", "cookie", "cookies", "consent", "gdpr", "comments",
		"comentarios", "commentaires", "kommentare":
		return true
	}
	return false
}

// isBoilerplate reports whether n's class or id names it as boilerplate.
func isBoilerplate(n *html.Node) bool {
	return namedAs(n, isBoilerplateName)
}

// namedAs reports whether a part of n's class or id, lower-cased, is a
// word that named reports (parts are split at isNameByte's separators;
// parts over 24 bytes are no word it knows). It runs on every element of
// the page, for boilerplate and side elements, so it splits the names
// without allocating.
func namedAs(n *html.Node, named func([]byte) bool) bool {
	var buf [24]byte
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := a.Val
		for i := 0; i < len(v); {
			for i < len(v) && !isNameByte(v[i]) {
				i++
			}
			j := i
			for j < len(v) && isNameByte(v[j]) {
				j++
			}
			if k := j - i; k > 0 && k <= len(buf) {
				for x := 0; x < k; x++ {
					c := v[i+x]
					if c >= 'A' && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf[x] = c
				}
				if named(buf[:k]) {
					return true
				}
			}
			i = j
		}
	}
	return false
}

// isNameByte reports the bytes of one part of a class name: parts are
// separated by whitespace, hyphens and underscores.
func isNameByte(c byte) bool {
	return c != '-' && c != '_' && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f'
}

// boilerplateShare caps the share of the page's text a boilerplate block
// may hold: a larger block is a wrapper whose class only says it contains
// ads or comments ("has-ads", "comments-open"), and holds the article too.
const boilerplateShare = 0.2

// prune removes comments, isPruned tags and small boilerplate blocks from
// doc's body, in place.
func prune(doc *html.Node) {
	total := 0
	var count func(n *html.Node) int
	count = func(n *html.Node) int {
		if n.Type == html.TextNode {
			return len(strings.TrimSpace(n.Data))
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return 0
		}
		k := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			k += count(c)
		}
		return k
	}
	small := func(n *html.Node) bool {
		if total == 0 {
			total = max(1, count(doc))
		}
		return float64(count(n)) < boilerplateShare*float64(total) && !hasH1(n)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.CommentNode,
				c.Type == html.ElementNode && (isPruned(c.Data) || c.Data != "body" && c.Data != "html" && isBoilerplate(c) && small(c)):
				n.RemoveChild(c)
			case c.Type == html.ElementNode && c.Data == "head":
				// Keep <head>: go-trafilatura reads its meta tags and
				// JSON-LD. Its scripts, styles and links go: they are
				// often most of the page's bytes, and go-trafilatura
				// copies the tree three times.
				pruneHead(c)
			case c.FirstChild != nil:
				walk(c)
			}
			c = next
		}
	}
	walk(doc)
}

func hasH1(n *html.Node) bool {
	if n.Type == html.ElementNode && n.Data == "h1" {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasH1(c) {
			return true
		}
	}
	return false
}

// pruneHead removes from <head> what no extractor reads: scripts other than
// JSON-LD, styles, links and noscript blocks.
func pruneHead(head *html.Node) {
	for c := head.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || c.Type == html.ElementNode && headPruned(c) {
			head.RemoveChild(c)
		}
		c = next
	}
}

func headPruned(n *html.Node) bool {
	switch n.Data {
	case "style", "link", "noscript", "template":
		return true
	case "script":
		return !strings.Contains(strings.ToLower(attr(n, "type")), "ld+json")
	}
	return false
}
