package web

import (
	"html/template"

	"github.com/microcosm-cc/bluemonday"
)

// newFeedHTMLPolicy keeps the harmless formatting of a feed's HTML summary
// and drops everything else: scripts, styles, images (the CSP would block
// remote ones anyway), attributes other than absolute http(s) links.
func newFeedHTMLPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "em", "strong", "b", "i", "blockquote", "ul", "ol", "li", "q", "cite", "small", "sub", "sup")
	p.AllowAttrs("href").OnElements("a")
	p.AllowStandardURLs()
	p.RequireNoReferrerOnLinks(true)
	p.AddSpaceWhenStrippingTag(true)
	return p
}

// feedHTML sanitises feed-supplied HTML for the page.
func (s *Server) feedHTML(raw string) template.HTML {
	// The policy's output is safe to embed: that is its whole purpose.
	return template.HTML(s.policy.Sanitize(raw))
}
