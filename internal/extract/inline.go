package extract

import (
	"regexp"
	"strings"
)

// Limits of the inline filter (dropInline). Set on WCXB-dev's even half,
// checked on the odd half and on Scrapinghub (body round 6).
const (
	// teaserLineMin and teaserLineMax: the title after a "Related:" or
	// "Read more:" label has this many words: one word is a label's
	// second half ("Read more: here"), a long one is a sentence.
	teaserLineMin = 2
	teaserLineMax = 20
	// teaserLabelMax: the longest label before the colon, in bytes
	// ("You might also like", "Related reading" and spaces).
	teaserLabelMax = 32
)

// teaserLine matches a line that points the reader to another page from
// inside the article: a label, a colon and the other page's title
// ("Related: Cybersecurity M&A Roundup: 40 Deals", "Also read: 10 Days in
// Japan", "READ MORE: …"). The colon is required: without it the label is
// a heading ("Related Articles", "Recommended courses"), which trimTail
// reads at the tail and an article may use for a section of its own.
var teaserLine = regexp.MustCompile(`(?i)^(?:related(?: (?:articles?|content|posts?|reading|reads|stories|story|news))?|read (?:more|next|also)|see also|also (?:read|see)|you (?:may|might) also like)\s*:\s*(\S.*)$`)

// loremIpsum opens the placeholder text of a page template ("Lorem ipsum
// dolor sit amet, consectetur adipiscing elit…"): a block the site left
// unfilled, never the article's text.
const loremIpsum = "lorem ipsum dolor sit amet"

// navLabels are the labels of a page's own table of contents, as
// normWords writes them ("Table of Contents", "On this page:", "Jump
// to:"): a line that is only such a label names the list of links beside
// it, never text of the article. normWords leaves out the punctuation.
var navLabels = map[string]bool{
	"table of contents": true, "table of content": true, "contents": true,
	"on this page": true, "in this article": true, "in this post": true,
	"in this guide": true, "jump to": true, "jump to section": true,
	"skip to content": true,
}

// navLabelMax is the longest line, in bytes, that can be a navLabel with
// some punctuation or spaces around it.
const navLabelMax = 24

// dropInline removes the paragraphs anywhere in the body that no article
// holds: a table of contents' label standing alone (navLabels), a teaser
// line pointing to another page (teaserLine, its title of teaserLineMin to
// teaserLineMax words without a closing full stop, question or exclamation
// mark, which a sentence quoting such a label would have) and a template's
// placeholder text (loremIpsum). Both extractors keep such lines between
// two paragraphs of the article, where no tail rule reaches them.
func dropInline(body []para) []para {
	out := body[:0:0]
	for _, p := range body {
		if inlineJunk(p.text) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == len(body) {
		return body
	}
	return out
}

// inlineJunk reports whether a paragraph is a table of contents' label,
// a teaser line or placeholder text (see dropInline).
func inlineJunk(s string) bool {
	if s == "" {
		return false
	}
	if len(s) >= len(loremIpsum) && strings.EqualFold(s[:len(loremIpsum)], loremIpsum) {
		return true
	}
	if len(s) <= navLabelMax && navLabels[normWords(s)] {
		return true
	}
	// Most paragraphs cannot match: a label is short and opens with one
	// of a few letters, so the regular expression runs only on a line
	// with a colon near its start.
	if c := s[0] | 0x20; c != 'r' && c != 's' && c != 'a' && c != 'y' {
		return false
	}
	if i := strings.IndexByte(s, ':'); i < 0 || i > teaserLabelMax {
		return false
	}
	m := teaserLine.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	title := strings.TrimRight(m[1], `"'”’»)] `)
	if strings.HasSuffix(title, ".") || strings.HasSuffix(title, "?") || strings.HasSuffix(title, "!") {
		return false
	}
	n := wordCount(title)
	return n >= teaserLineMin && n <= teaserLineMax
}
