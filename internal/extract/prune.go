package extract

import "golang.org/x/net/html"

// prunedTags never hold article text. Removing them once, after the
// metadata walk and before both extractors, saves each extractor from
// cloning and scoring them (go-trafilatura copies the tree three times).
var prunedTags = map[string]bool{
	"script": true, "style": true, "svg": true, "noscript": true, "template": true,
	"iframe": true, "object": true, "embed": true, "canvas": true, "video": true,
	"audio": true, "map": true, "link": true, "nav": true, "footer": true,
	"input": true, "select": true, "button": true, "textarea": true,
}

// prune removes comments and prunedTags from doc's body, in place.
func prune(doc *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.CommentNode,
				c.Type == html.ElementNode && prunedTags[c.Data]:
				n.RemoveChild(c)
			case c.Type == html.ElementNode && c.Data == "head":
				// Keep <head>: go-trafilatura reads its meta tags.
			case c.FirstChild != nil:
				walk(c)
			}
			c = next
		}
	}
	walk(doc)
}
