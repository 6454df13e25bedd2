package extract

import "golang.org/x/net/html"

// sideMax: a side element (isSide) is dropped from the body only while
// the body's words inside it are at most this share of the body's words:
// a larger one is a wrapper whose class names what it also holds
// ("post-author-wrap" around the whole post), not an aside. Set on
// WCXB-dev's even half (0.2 and 0.3 the same there; 0.4 costs the odd
// half), as tailMax is.
const sideMax = 0.3

// isSideName reports class and id words (one part of a hyphenated or
// underscored name, lower case) that mark a block beside the article
// rather than of it: an author box or byline, a caption, a disclaimer, a
// post's meta line (date, category, reading time), a list of other posts,
// a newsletter or sign-up form. Unlike isBoilerplateName these are not
// pruned before extraction: both extractors use such blocks to find the
// article (a byline marks where it starts), and templates set the same
// words on wrappers; only what is left of them in the chosen body is
// dropped, and only while it is small (sideMax).
func isSideName(name []byte) bool {
	switch string(name) {
	case "author", "byline", "caption", "disclaimer", "meta", "posts",
		"newsletter", "subscribe", "signup":
		return true
	}
	return false
}

// isSide reports whether n is a side element: a figure caption, a form
// (a newsletter box, a search or contact form), a <header> (an
// article's kicker, date, byline and standfirst set above the headline,
// whose text dropSide drops only at the body's start), or an element
// whose class or id names it as one (isSideName).
func isSide(n *html.Node) bool {
	switch n.Data {
	case "figcaption", "form", "header":
		return true
	}
	return namedAs(n, isSideName)
}

// dropSide removes from the chosen body the paragraphs the page holds
// inside a small side element (isSide, sideMax): captions, author boxes,
// disclaimers, meta lines, related-post lists and forms that the
// extractors keep when they sit inside the article's container, between
// its paragraphs or after them, where the text rules (trimTail,
// dropInline) do not know them by their words. A header's text is
// dropped only before the body's first kept paragraph: the head of the
// article the body opens with, not a section's header further on. A
// body paragraph is found in the page by its text, each page paragraph
// matching once. It records in o.sideWide the side elements too large to
// drop, wrappers around the article, whose headings addHeadings may put
// back.
func (o *outline) dropSide(body []para) []para {
	// The texts of the page's paragraphs inside side elements; then, for
	// those texts only, every page paragraph that reads so, in page order,
	// so that a body paragraph the page also holds outside a side element
	// (before it) is matched there first. keys are the page paragraphs'
	// texts with their white space collapsed, once each, and only on a
	// page that has a side element.
	var sideText map[string]bool
	var keys []string
	for i := range o.paras {
		if b := o.block[i]; b < 0 || o.side[b] < 0 {
			continue
		}
		if sideText == nil {
			sideText = make(map[string]bool)
			keys = make([]string, len(o.paras))
			for j, p := range o.paras {
				keys[j] = collapseSpace(p.text)
			}
		}
		sideText[keys[i]] = true
	}
	if sideText == nil {
		return body
	}
	at := make(map[string][]int, len(sideText))
	for i, k := range keys {
		if sideText[k] {
			at[k] = append(at[k], i)
		}
	}
	// held: the body's words inside each side element, nested ones
	// counted in the elements around them too.
	side := make([]int32, len(body))
	held := make([]int, len(o.sideUp))
	total, found := 0, false
	for j, p := range body {
		w := wordCount(p.text)
		total += w
		side[j] = -1
		if l := at[p.text]; len(l) > 0 {
			at[p.text] = l[1:]
			if b := o.block[l[0]]; b >= 0 {
				side[j] = o.side[b]
			}
			found = found || side[j] >= 0
			for s := side[j]; s >= 0; s = o.sideUp[s] {
				held[s] += w
			}
		}
	}
	if !found {
		return body
	}
	o.sideWide = make([]bool, len(held))
	for s, w := range held {
		o.sideWide[s] = float64(w) > sideMax*float64(total)
	}
	out := body[:0:0]
	for j, p := range body {
		if s := side[j]; s >= 0 && !o.sideWide[s] && (len(out) == 0 || !o.inHeaders(s)) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == len(body) || len(out) == 0 {
		// Nothing dropped; or everything, which is a page built of
		// small blocks a template happens to name so (a list of posts
		// is the page), not an article with asides.
		return body
	}
	return out
}

// inHeaders reports whether side element s and every side element
// around it is a <header>: text only headers hold, which dropSide
// drops only at the body's start.
func (o *outline) inHeaders(s int32) bool {
	for ; s >= 0; s = o.sideUp[s] {
		if !o.sideHead[s] {
			return false
		}
	}
	return true
}
