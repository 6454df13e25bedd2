package extract

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/araddon/dateparse"
	"golang.org/x/net/html"
	"golang.org/x/text/width"

	"github.com/newsdesk/newsdesk/internal/news"
)

// pageMeta is what one walk over the parsed page collects before any field
// is decided: structured data, meta tags and the few visible elements
// (headings, bylines, times) that carry metadata.
type pageMeta struct {
	lang      string
	title     string            // <title>
	meta      map[string]string // lower-cased name/property/itemprop -> first content
	canonical string
	h1        []heading
	// leadHeads are the texts of the <h2> and <h3> headings before the
	// first <h1> (at most maxLeadHeads): a page can show its headline as
	// one of them above an <h1> that heads a section of the body.
	leadHeads []string
	// markedHeads are the <h2>–<h6> that microdata marks as the headline
	// (itemprop="headline"), at most maxMarkedHeads: shown and declared at
	// once. A template marks its teaser cards' headings too, and a card
	// can come before the article's own.
	markedHeads []string
	ld          []map[string]any // JSON-LD objects, flattened out of arrays and @graph
	articles    []map[string]any // ld's article objects, then its web pages (see ldArticles)
	authorEls   []string         // text of rel=author / itemprop=author / byline elements
	byLines     []string         // short visible texts written as a byline ("By Jane Doe")
	times       []string         // datetime of <time> elements marked as the publication date
}

type heading struct {
	text   string
	inMain bool // inside <article> or <main>
	// afterStory: it follows the end of an <article> that held an <h1>,
	// where pages put the headings of teasers for further reading.
	afterStory bool
	// parts are the heading's text split where its markup breaks it: at
	// each child element and <br> ("<span>Title</span> <span
	// class=subtitle>Subtitle</span>").
	parts []string
	home  bool // its text is one link to the site's home page: a blog's name
}

// linksHome reports whether a heading's text (collapsed: text) is a single
// link to the site's root, which is how blog templates render the blog's
// name.
func linksHome(h *html.Node, text string) bool {
	var links []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			links = append(links, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(h)
	if len(links) != 1 || collapseSpace(textOf(links[0])) != text {
		return false
	}
	u, err := url.Parse(strings.TrimSpace(attr(links[0], "href")))
	if err != nil {
		return false
	}
	return (u.Path == "" || u.Path == "/" || u.Path == "/index.html") && u.RawQuery == "" && u.Fragment == "" && (u.Host != "" || u.Path != "")
}

// headingParts splits a heading's text at its child elements and line
// breaks, dropping empty parts.
func headingParts(h *html.Node) []string {
	var parts []string
	var run strings.Builder
	flush := func() {
		if t := collapseSpace(run.String()); t != "" {
			parts = append(parts, t)
		}
		run.Reset()
	}
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			run.WriteString(c.Data)
		case c.Type == html.ElementNode && c.Data == "br":
			flush()
		case c.Type == html.ElementNode:
			flush()
			run.WriteString(textOf(c))
			flush()
		}
	}
	flush()
	return parts
}

// maxLeadHeads bounds the headings kept before the first <h1>: a page
// without one would otherwise keep every heading it has.
const maxLeadHeads = 20

// collectMeta walks doc once.
func collectMeta(doc *html.Node) *pageMeta {
	pm := &pageMeta{meta: map[string]string{}}
	storyClosed := false // an <article> holding an <h1> has ended
	var walk func(n *html.Node, inMain, inHead bool)
	walk = func(n *html.Node, inMain, inHead bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if pm.lang == "" {
					pm.lang = attr(n, "lang")
				}
			case "head":
				inHead = true
			case "title":
				if pm.title == "" && inHead || pm.title == "" && !inMain {
					pm.title = collapseSpace(textOf(n))
				}
				return
			case "meta":
				content := attr(n, "content")
				for _, k := range []string{"name", "property", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
						if _, seen := pm.meta[key]; !seen {
							pm.meta[key] = strings.TrimSpace(content)
						}
					}
				}
				if ip := attr(n, "itemprop"); ip == "datePublished" && attr(n, "datetime") != "" {
					pm.times = append(pm.times, attr(n, "datetime"))
				}
				return
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && pm.canonical == "" {
					pm.canonical = strings.TrimSpace(attr(n, "href"))
				}
				return
			case "script":
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					var sb strings.Builder
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.TextNode {
							sb.WriteString(c.Data)
						}
					}
					pm.addJSONLD(sb.String())
				}
				return
			case "style", "noscript", "template", "svg":
				return
			case "article", "main":
				inMain = true
			case "h1":
				if t := collapseSpace(textOf(n)); t != "" {
					pm.h1 = append(pm.h1, heading{text: t, inMain: inMain, home: linksHome(n, t), afterStory: storyClosed, parts: headingParts(n)})
				}
			case "h2", "h3", "h4", "h5", "h6":
				if (n.Data == "h2" || n.Data == "h3") && len(pm.h1) == 0 && len(pm.leadHeads) < maxLeadHeads {
					if t := collapseSpace(textOf(n)); t != "" {
						pm.leadHeads = append(pm.leadHeads, t)
					}
				}
				if len(pm.markedHeads) < maxMarkedHeads && slices.Contains(strings.Fields(attr(n, "itemprop")), "headline") {
					if t := collapseSpace(textOf(n)); t != "" {
						pm.markedHeads = append(pm.markedHeads, t)
					}
				}
			case "time":
				if ip := attr(n, "itemprop"); ip == "datePublished" || strings.Contains(attr(n, "class"), "publish") || hasAttr(n, "pubdate") {
					if dt := attr(n, "datetime"); dt != "" {
						pm.times = append(pm.times, dt)
					}
				}
			}
			if len(pm.byLines) < 4 && isBylineElement(n.Data) && opensWithLabel(n) {
				if t := collapseSpace(textOf(n)); len(t) <= 100 {
					if name, ok := bylineText(t); ok {
						pm.byLines = append(pm.byLines, name)
					} else if isBylineLabel(t) {
						// "Written by" in one element, the name in the next.
						for sib := n.NextSibling; sib != nil; sib = sib.NextSibling {
							if sib.Type == html.ElementNode {
								if nt := collapseSpace(textOf(sib)); nt != "" && len(nt) <= 60 {
									pm.byLines = append(pm.byLines, nt)
								}
								break
							}
						}
					}
				}
			}
			if isAuthorElement(n) {
				if t := collapseSpace(textOf(n)); t != "" && len(t) < 120 {
					pm.authorEls = append(pm.authorEls, t)
				}
			}
		}
		h1s := len(pm.h1)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain, inHead)
		}
		if n.Type == html.ElementNode && n.Data == "article" && len(pm.h1) > h1s {
			storyClosed = true
		}
	}
	walk(doc, false, false)
	pm.articles = ldArticles(pm.ld)
	return pm
}

// isBylineElement reports the elements a written byline sits in. It runs
// on every element, so it is a switch, not a map lookup.
func isBylineElement(tag string) bool {
	switch tag {
	case "p", "span", "div", "li", "address", "small", "strong", "em", "b":
		return true
	}
	return false
}

// bylineText reads "By Jane Doe"-style text; ok is false when the text
// does not open with a byline label.
func bylineText(t string) (string, bool) {
	low := strings.ToLower(t)
	for _, p := range []string{"by ", "written by ", "posted by ", "author: ", "text by ", "words by ", "story by "} {
		if strings.HasPrefix(low, p) {
			name := stripByline(t)
			if n := len(strings.Fields(name)); n >= 1 && n <= 6 && validByline(name) {
				return name, true
			}
		}
	}
	return "", false
}

// opensWithLabel reports whether n's first text starts like a byline
// label. It is a cheap gate: computing the full text of every block would
// make the metadata walk quadratic in the page's depth.
func opensWithLabel(n *html.Node) bool {
	c := n.FirstChild
	for depth := 0; c != nil && depth < 4; depth++ {
		if c.Type == html.TextNode {
			t := strings.TrimSpace(c.Data)
			if t == "" && c.NextSibling != nil {
				c = c.NextSibling
				continue
			}
			if len(t) > 12 {
				t = t[:12]
			}
			// Lower-case ASCII text in place; only other text pays for
			// strings.ToLower's copy.
			var buf [12]byte
			low := buf[:len(t)]
			for i := 0; i < len(t); i++ {
				c := t[i]
				if c >= utf8.RuneSelf {
					low = []byte(strings.ToLower(t))
					break
				}
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				low[i] = c
			}
			for _, p := range []string{"by", "written", "posted", "author", "text by", "words by", "story by"} {
				if len(low) >= len(p) && string(low[:len(p)]) == p {
					return true
				}
			}
			return false
		}
		if c.Type != html.ElementNode {
			c = c.NextSibling
			continue
		}
		c = c.FirstChild
	}
	return false
}

func isBylineLabel(t string) bool {
	switch strings.ToLower(strings.TrimRight(t, " :")) {
	case "by", "written by", "posted by", "author", "authored by", "words by":
		return true
	}
	return false
}

// notNames open texts that sit where bylines do but are dates or
// comment headers.
var notNames = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true, "updated": true, "published": true,
	"share": true, "home": true, "admin": true, "editor": true, "staff": true, "the": true,
}

// validByline rejects texts that cannot be a person's or desk's name.
func validByline(s string) bool {
	ws := lowerWords(s)
	if len(ws) == 0 || notNames[ws[0]] || strings.Contains(strings.ToLower(s), " says") {
		return false
	}
	letters := 0
	for _, r := range s {
		if r > 127 || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 2
}

// isAuthorElement reports elements that conventionally hold the byline:
// rel=author, itemprop=author, or a class naming the author or byline
// (but not the author's biography, avatar or box of links).
func isAuthorElement(n *html.Node) bool {
	if strings.EqualFold(attr(n, "rel"), "author") {
		return true
	}
	if ip := attr(n, "itemprop"); ip == "author" || ip == "creator" {
		return true
	}
	class := attr(n, "class")
	// Most elements' classes name neither: only the rest are lower-cased
	// and split into words, which allocates.
	if !mayNameAuthor(class) {
		return false
	}
	for _, f := range strings.Fields(strings.ToLower(class)) {
		if !strings.Contains(f, "author") && !strings.Contains(f, "byline") {
			continue
		}
		bad := false
		for _, x := range []string{"bio", "avatar", "image", "img", "photo", "desc", "about", "social", "box", "wrap", "info", "more", "label", "title", "role", "date", "link", "container", "list"} {
			if strings.Contains(f, x) {
				bad = true
				break
			}
		}
		if !bad {
			return true
		}
	}
	return false
}

// mayNameAuthor reports whether class holds "author" or "byline" in any
// case of ASCII letters, or a byte outside ASCII, whose lower-casing is
// left to strings.ToLower. It is a cheap gate run on every element.
func mayNameAuthor(class string) bool {
	for i := 0; i < len(class); i++ {
		switch c := class[i]; {
		case c >= utf8.RuneSelf:
			return true
		case c|0x20 == 'a' && foldsTo(class[i:], "author"), c|0x20 == 'b' && foldsTo(class[i:], "byline"):
			return true
		}
	}
	return false
}

// foldsTo reports whether s opens with word, a lower-case ASCII word, in
// any case. A byte c is a letter l in either case exactly when c|0x20 == l.
func foldsTo(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for i := 0; i < len(word); i++ {
		if s[i]|0x20 != word[i] {
			return false
		}
	}
	return true
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n carries key, even empty (<time pubdate>).
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// textOf is the visible text of n (see visibleText).
func textOf(n *html.Node) string {
	return visibleText(n, false)
}

// visibleText is the text a reader sees in n, with a space for each <br>
// and after each block, leaving out scripts, styles and, with
// skipFooters, <footer> elements.
func visibleText(n *html.Node, skipFooters bool) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template", "svg":
				return
			case "footer":
				if skipFooters {
					return
				}
			case "br":
				sb.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlock(n.Data) {
			sb.WriteByte(' ')
		}
	}
	walk(n)
	return sb.String()
}

// addJSONLD parses one ld+json block. Pages often put raw newlines inside
// JSON strings, so a failed parse is retried with control characters
// blanked.
func (pm *pageMeta) addJSONLD(src string) {
	src = strings.TrimSpace(src)
	if src == "" {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		clean := strings.Map(func(r rune) rune {
			if r < 0x20 {
				return ' '
			}
			return r
		}, src)
		if json.Unmarshal([]byte(clean), &v) != nil {
			return
		}
	}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch t := v.(type) {
		case []any:
			for _, x := range t {
				walk(x, depth+1)
			}
		case map[string]any:
			pm.ld = append(pm.ld, t)
			if g, ok := t["@graph"]; ok {
				walk(g, depth+1)
			}
			if me, ok := t["mainEntity"].(map[string]any); ok {
				walk(me, depth+1)
			}
		}
	}
	walk(v, 0)
}

// articleTypes are the schema.org types whose fields describe the page's
// article itself.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "techarticle": true,
	"scholarlyarticle": true, "report": true, "liveblogposting": true, "review": true,
	"backgroundnewsarticle": true, "socialmediaposting": true, "howto": true, "recipe": true,
	"posting": true,
}

func ldTypes(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{strings.ToLower(t)}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, strings.ToLower(s))
			}
		}
		return out
	}
	return nil
}

func isArticle(o map[string]any) bool {
	for _, t := range ldTypes(o) {
		if articleTypes[t] {
			return true
		}
	}
	return false
}

// ldArticles returns ld's article objects first, then web pages, so a
// field is taken from the most specific object that has it.
func ldArticles(ld []map[string]any) []map[string]any {
	var arts, pages []map[string]any
	for _, o := range ld {
		if isArticle(o) {
			arts = append(arts, o)
			continue
		}
		for _, t := range ldTypes(o) {
			if t == "webpage" || t == "itempage" || t == "aboutpage" || t == "medicalwebpage" || t == "collectionpage" {
				pages = append(pages, o)
				break
			}
		}
	}
	return append(arts, pages...)
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return collapseSpace(html.UnescapeString(t))
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	case map[string]any:
		for _, k := range []string{"name", "url", "@id", "@value"} {
			if s, ok := t[k].(string); ok && s != "" {
				return collapseSpace(html.UnescapeString(s))
			}
		}
	}
	return ""
}

// ldNames returns the names of a schema.org author/creator value: a string,
// a Person object, or a list of either.
func ldNames(v any) []string {
	switch t := v.(type) {
	case string:
		if s := collapseSpace(html.UnescapeString(t)); s != "" && !looksLikeURL(s) {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, ldNames(x)...)
		}
		return out
	case map[string]any:
		if s, ok := t["name"].(string); ok {
			if s = collapseSpace(html.UnescapeString(s)); s != "" {
				return []string{s}
			}
		}
		if g, ok := t["givenName"].(string); ok {
			f, _ := t["familyName"].(string)
			return []string{collapseSpace(g + " " + f)}
		}
	}
	return nil
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "/")
}

func (pm *pageMeta) ldField(keys ...string) string {
	for _, o := range pm.articles {
		for _, k := range keys {
			if s := ldString(o[k]); s != "" {
				return s
			}
		}
	}
	return ""
}

func (pm *pageMeta) metaField(keys ...string) string {
	for _, k := range keys {
		if s := collapseSpace(html.UnescapeString(pm.meta[k])); s != "" {
			return s
		}
	}
	return ""
}

// publisher is the site's name.
func (pm *pageMeta) publisher() string {
	if s := pm.metaField("og:site_name", "application-name", "twitter:site:name"); s != "" {
		return s
	}
	for _, o := range pm.articles {
		if s := ldString(o["publisher"]); s != "" && !looksLikeURL(s) {
			return s
		}
	}
	for _, o := range pm.ld {
		for _, t := range ldTypes(o) {
			if t == "website" || t == "organization" || t == "newsmediaorganization" {
				if s := ldString(o["name"]); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// titleSeparators split a document title into headline and site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " « ", " » "}

// stripSiteName removes a trailing (or leading) site name from a title.
// One or two words before a pipe that a headline of four or more words
// follows ("The Agency | ML (Machine Learning) at Georgia Tech") are a
// site or section name even when the page does not declare its name: a
// pipe files a headline under a name, it is not headline punctuation.
func stripSiteName(title, site, host string) string {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.FieldsFunc(s, notAlnum), "")) }
	ns, nh := norm(site), norm(strings.TrimPrefix(host, "www."))
	isSite := func(seg string) bool {
		n := norm(seg)
		if n == "" {
			return false
		}
		return n == ns || ns != "" && (strings.Contains(n, ns) || strings.Contains(ns, n)) || nh != "" && (strings.Contains(nh, n) || strings.HasPrefix(n, strings.TrimSuffix(nh, "com")))
	}
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := title[:i], title[i+len(sep):]
		// Both sides can read as the site when the headline follows the
		// site's name and its domain ("Site | Site.com - Headline"): the
		// domain's name opens the tail. The head is the site then, and the
		// tail still has its own separator to cut.
		if isSite(tail) && isSite(head) && len(strings.Fields(tail)) > len(strings.Fields(head)) {
			return stripSiteName(strings.TrimSpace(tail), site, host)
		}
		if isSite(tail) || len(strings.Fields(tail)) <= 3 && len(strings.Fields(head)) >= 3 {
			return strings.TrimSpace(head)
		}
		j := strings.Index(title, sep)
		head, tail = title[:j], title[j+len(sep):]
		if isSite(head) || sep == " | " && len(strings.Fields(head)) <= 2 && len(strings.Fields(tail)) >= 4 {
			return strings.TrimSpace(tail)
		}
	}
	return title
}

// siteFromTitle finds the site's name in the document's <title> when the
// page declares none (publisher): the title is the headline and one more
// segment, set apart by a separator, before it ("Outlet: Headline") or
// after it ("Headline | Outlet", "Headline - Outlet", "Headline ::
// Outlet"). Of several trailing segments ("Headline | World | Outlet")
// the last names the site. The segment must be short (at most five words
// and 60 bytes) and be part of no other title the page declares nor of
// its headings: a prefix the article's own heading or og:title repeats
// ("Ukraine war: Kyiv hit by drones") is part of the headline, not a
// site's name. A heading that is the segment alone is the masthead.
func (pm *pageMeta) siteFromTitle(headline string) string {
	words := func(s string) string { return strings.Join(lowerWords(s), " ") }
	hw := words(headline)
	if pm.title == "" || hw == "" {
		return ""
	}
	for _, sep := range append([]string{": "}, titleSeparators...) {
		for off := 0; ; {
			j := strings.Index(pm.title[off:], sep)
			if j < 0 {
				break
			}
			i := off + j
			off = i + len(sep)
			if i == 0 {
				continue
			}
			head, tail := strings.TrimSpace(pm.title[:i]), strings.TrimSpace(pm.title[off:])
			switch {
			case words(tail) == hw:
				return pm.siteName(head)
			case words(head) == hw:
				// The last of several segments after the headline.
				for _, sep2 := range titleSeparators {
					if k := strings.LastIndex(tail, sep2); k >= 0 {
						tail = strings.TrimSpace(tail[k+len(sep2):])
					}
				}
				return pm.siteName(tail)
			}
		}
	}
	return ""
}

// siteName returns seg if it may be a site's name (siteFromTitle), else "".
func (pm *pageMeta) siteName(seg string) string {
	f := strings.Fields(seg)
	// "by Ann Lee" is the byline a newsletter's title carries.
	if len(f) == 0 || len(f) > 5 || len(seg) > 60 || looksLikeURL(seg) || strings.EqualFold(f[0], "by") {
		return ""
	}
	sw := " " + strings.Join(lowerWords(seg), " ") + " "
	others := []string{pm.ldField("headline", "name"), pm.metaField("og:title", "twitter:title", "dc.title")}
	for _, h := range pm.h1 {
		others = append(others, h.text)
	}
	for _, o := range others {
		// A heading that is the name alone is the site's masthead.
		if ow := " " + strings.Join(lowerWords(o), " ") + " "; ow != sw && strings.Contains(ow, sw) {
			return ""
		}
	}
	return seg
}

func notAlnum(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127)
}

// chooseTitle prefers the page's visible headline (its <h1>) when it agrees
// with the declared titles, because declared titles carry site names and
// SEO rewrites; it falls back to the declared title without the site name.
func (pm *pageMeta) chooseTitle(host string) string {
	declared := []string{pm.ldField("headline", "name"), pm.metaField("og:title", "twitter:title", "title", "dc.title"), pm.title}
	site := pm.publisher()
	decl := firstDeclared(declared)
	declTokens := map[string]bool{}
	for _, d := range declared {
		for _, w := range lowerWords(d) {
			declTokens[w] = true
		}
	}
	best, bestScore := "", -1.0
	var bestParts []string
	for i, h := range pm.h1 {
		ws := lowerWords(h.text)
		if len(ws) == 0 || len(h.text) > 300 || isStandfirst(h.text, decl) {
			continue
		}
		score := shareOf(ws, declTokens)
		if h.inMain {
			score += 0.05
		}
		score -= 0.001 * float64(i)
		// A heading after the story's own <article> heads a teaser
		// ("Next in Your Guide to …"); its words can match the declared
		// titles better than the headline's do.
		if h.afterStory {
			score -= 0.5
		}
		if site != "" && strings.EqualFold(h.text, site) || h.home || namesTitle(h.text, pm.title, site, declared[:2]) {
			score = -0.5
		}
		if score > bestScore {
			best, bestScore, bestParts = h.text, score, h.parts
		}
	}
	if best != "" && bestScore >= 0 && (bestScore >= 0.3 || decl == "" || len(pm.h1) == 1 && bestScore > 0) {
		if dt := cutSection(stripSiteName(decl, site, host)); dt != "" {
			// An <h1> taken only because it is the page's one <h1>, sharing
			// few words with the declared titles, under a heading that is a
			// declared title: the page shows its headline there, and the
			// <h1> heads a part of the body (a pull quote, a section, a
			// promotion).
			if bestScore < 0.3 {
				if h := pm.shownHeadline(dt, site, host); h != "" {
					return cleanTitle(h)
				}
			}
			if labelsHeadline(best, dt) || annotatesHeadline(best, dt) || isSectionLabel(best, dt) || isDamaged(best, dt) || joinsParts(bestParts, dt) {
				return cleanTitle(dt)
			}
		}
		// An all-capitals headline is styling; a declared title with the
		// same words keeps the real capitalisation.
		if best == strings.ToUpper(best) {
			for _, d := range declared {
				for _, c := range []string{stripSiteName(d, site, host), firstSegment(d)} {
					if strings.EqualFold(c, best) {
						return cleanTitle(cutSection(c))
					}
				}
			}
			// The same words in another order: the heading's order, the
			// declared title's capitalisation of each word.
			for _, d := range declared {
				if c, ok := recaseWords(best, stripSiteName(d, site, host)); ok {
					return cleanTitle(cutSection(c))
				}
			}
			// Without an exact match, a declared headline in mixed case
			// with nearly the same words is the headline's own text.
			if dt := cutSection(stripSiteName(decl, site, host)); dt != strings.ToUpper(dt) && sameWords(best, dt) >= 0.8 {
				return cleanTitle(dt)
			}
		}
		best = cutHeadingSection(cutSiteTail(best, site))
		// A headline set in sentence case where a declared title writes
		// the same words in title case, or set all in lower case: the
		// declared capitalisation is an editor's, the heading's a style.
		// A declared title with every word capitalised ("To", "And") is a
		// template's doing and is not followed.
		for _, d := range declared {
			for _, c := range []string{stripSiteName(d, site, host), firstSegment(d)} {
				if strings.EqualFold(c, best) && (capitalised(c) >= capitalised(best)+2 || opensLower(best) && !opensLower(c)) && capitalised(c) < lettered(c) {
					return cleanTitle(c)
				}
			}
		}
		return cleanTitle(best)
	}
	// Without an <h1> to take, a heading the page's microdata marks as
	// the headline is both shown and declared; declared titles without it
	// are often worded for search results or sharing instead. Half its
	// words must be the declared titles' too: templates mark each teaser
	// card's heading as a headline as well, so the first marked heading
	// that passes is taken, not the first marked.
	for _, m := range pm.markedHeads {
		if len(m) <= maxMarkedHead && shareOf(lowerWords(m), declTokens) >= 0.5 {
			return cleanTitle(m)
		}
	}
	if decl == "" {
		return ""
	}
	for _, h := range pm.h1 {
		// A blog's <h1> is its name, and its <title> "Name: Post".
		if h.home {
			decl = cutSitePrefix(decl, h.text)
		}
	}
	return cleanTitle(cutSection(stripSiteName(decl, site, host)))
}

// shareOf is the share of the words ws (lowerWords) that are in tokens.
func shareOf(ws []string, tokens map[string]bool) float64 {
	if len(ws) == 0 {
		return 0
	}
	hit := 0
	for _, w := range ws {
		if tokens[w] {
			hit++
		}
	}
	return float64(hit) / float64(len(ws))
}

// maxMarkedHead bounds a marked headline (markedHeads): longer text is a
// heading that holds a standfirst or more.
const maxMarkedHead = 200

// maxMarkedHeads bounds the marked headings kept (markedHeads): a listing
// page marks every card's.
const maxMarkedHeads = 8

// shownHeadline returns the declared title that one of the headings before
// the first <h1> shows: the declared headline dt, or else another declared
// title (twitter:title, og:title, the <title>, each without the site's
// name). Pages declare different wordings for different readers, and the
// one the page sets in its own heading above the body is its headline.
func (pm *pageMeta) shownHeadline(dt, site, host string) string {
	cands := []string{dt}
	for _, d := range []string{pm.ldField("headline", "name"), pm.metaField("og:title"), pm.metaField("twitter:title"), pm.title} {
		if c := cutSection(stripSiteName(d, site, host)); c != "" {
			cands = append(cands, c)
		}
	}
	for _, c := range cands {
		if slices.ContainsFunc(pm.leadHeads, func(h string) bool { return strings.EqualFold(h, c) }) {
			return c
		}
	}
	return ""
}

// namesTitle reports whether h1 is the name a document title files its
// headline under: the <title> is the h1 and a separator before (or after)
// another declared title ("Lessons Learned: The lean startup" with
// og:title "The lean startup"). The page itself then says which part is
// the headline, and the h1 is the blog's or site's name. A declared title
// that is the site's name says the reverse ("Headline | Robomow" with
// og:title "Robomow").
func namesTitle(h1, docTitle, site string, others []string) bool {
	if len(docTitle) <= len(h1) {
		return false
	}
	for _, o := range others {
		o = strings.TrimSpace(o)
		if o == "" || strings.EqualFold(o, h1) || strings.EqualFold(o, site) {
			continue
		}
		for _, sep := range headingSeparators[:len(headingSeparators)-1] {
			if strings.EqualFold(docTitle, h1+sep+o) || strings.EqualFold(docTitle, o+sep+h1) {
				return true
			}
		}
	}
	return false
}

// firstDeclared returns the first non-empty declared title. A long one
// that a later declared title continues is a headline cut to a length
// limit (SEO plugins cut JSON-LD headlines at 110 characters), and the
// later, whole one is returned instead.
func firstDeclared(declared []string) string {
	for i, d := range declared {
		if d == "" {
			continue
		}
		if utf8.RuneCountInString(d) >= 90 {
			cut := strings.TrimRight(d, ".… ")
			for _, e := range declared[i+1:] {
				if len(e) > len(cut)+1 && strings.HasPrefix(e, cut) && !strings.HasPrefix(e[len(cut):], " | ") {
					return e
				}
			}
		}
		return d
	}
	return ""
}

// labelsHeadline reports whether h1 is the declared headline dt with a
// label or date set before it in the same heading ("Blog: …", "Dec 18
// 2025 …"): the declared title is the headline without it. Other
// prefixes ("The", a year) are part of the headline.
func labelsHeadline(h1, dt string) bool {
	if len(h1) <= len(dt) || !strings.HasSuffix(h1, dt) || len(strings.Fields(dt)) < 2 {
		return false
	}
	prefix := strings.TrimSpace(h1[:len(h1)-len(dt)])
	if n := len(strings.Fields(prefix)); n < 1 || n > 4 {
		return false
	}
	return strings.HasSuffix(prefix, ":") || len(parseVisibleDates(prefix)) > 0
}

// annotatesHeadline reports whether h1 is the declared headline dt with a
// link aggregator's source note after it: the linked story's host in
// parentheses and, optionally, a comment count ("… Guarantee Jobs
// (latimes.com) 87"). Those are links beside the headline, not its words,
// and the declared title leaves them out.
func annotatesHeadline(h1, dt string) bool {
	if len(h1) <= len(dt) || !strings.HasPrefix(h1, dt) || len(strings.Fields(dt)) < 2 {
		return false
	}
	rest := strings.TrimSpace(h1[len(dt):])
	if !strings.HasPrefix(rest, "(") {
		return false
	}
	end := strings.IndexByte(rest, ')')
	if end < 0 || !writtenAsHost(strings.TrimSpace(rest[1:end])) {
		return false
	}
	count := strings.TrimSpace(rest[end+1:])
	return strings.TrimFunc(count, unicode.IsDigit) == ""
}

// writtenAsHost reports whether s is written as a host name: dot-separated
// labels of letters, digits and hyphens, ending in a top-level label of at
// least two letters ("latimes.com", "bbc.co.uk").
func writtenAsHost(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.IndexFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) >= 0 {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return utf8.RuneCountInString(tld) >= 2 && strings.IndexFunc(tld, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// isSectionLabel reports whether h1 is a short section or page-type label
// ("M&A Updates", "Web Designs") above an article whose declared headline
// is longer and mostly different. A declared title that opens with the
// h1 and a separator ("Climate Change | Research Service") names the same
// page, its tail being the site.
func isSectionLabel(h1, dt string) bool {
	hw, dw := titleWords(h1), titleWords(dt)
	if len(hw) > 3 || len(dw) < max(4, len(hw)+2) {
		return false
	}
	if len(dt) > len(h1) && strings.EqualFold(dt[:len(h1)], h1) {
		for _, sep := range titleSeparators {
			if strings.HasPrefix(dt[len(h1):], sep) {
				return false
			}
		}
	}
	return 2*shared(hw, dw) < len(dw)
}

// joinsParts reports whether dt is the heading's parts joined by a
// separator: a headline and its subtitle set as two elements (or two
// lines) read as one run of words, and the declared title shows the
// separator the editor put between them ("What Tutoring is not. -
// Defining a good tutor").
func joinsParts(parts []string, dt string) bool {
	for k := 1; k < len(parts); k++ {
		head, tail := strings.Join(parts[:k], " "), strings.Join(parts[k:], " ")
		if !strings.HasPrefix(dt, head) || !strings.HasSuffix(dt, tail) || len(dt) <= len(head)+len(tail)+1 {
			continue
		}
		sep := dt[len(head) : len(dt)-len(tail)]
		if sep == ": " || slices.Contains(titleSeparators, sep) {
			return true
		}
	}
	return false
}

// recaseWords writes an all-capitals heading in the capitalisation a
// declared title gives the same words ("BEGINNER MARATHON PLAN" with
// "Marathon Beginner Plan" declared is "Beginner Marathon Plan"). It
// applies only when both hold exactly the same words, in whatever order,
// and the declared title is in mixed case.
func recaseWords(h1, declared string) (string, bool) {
	hw, dw := titleWords(h1), titleWords(declared)
	if len(hw) < 2 || len(hw) != len(dw) || shared(hw, dw) != len(hw) || shared(dw, hw) != len(dw) || declared == strings.ToUpper(declared) {
		return "", false
	}
	spelling := map[string]string{}
	for _, w := range strings.FieldsFunc(declared, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		spelling[strings.ToLower(w)] = w
	}
	var b strings.Builder
	word := func(w string) {
		if s, ok := spelling[strings.ToLower(w)]; ok {
			w = s
		}
		b.WriteString(w)
	}
	start := -1
	for i, r := range h1 {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case alnum && start < 0:
			start = i
		case !alnum && start >= 0:
			word(h1[start:i])
			start = -1
		}
		if !alnum {
			b.WriteRune(r)
		}
	}
	if start >= 0 {
		word(h1[start:])
	}
	return b.String(), true
}

// sameWords is the Dice coefficient of the two titles' word sets.
func sameWords(a, b string) float64 {
	aw, bw := titleWords(a), titleWords(b)
	if len(aw) == 0 || len(bw) == 0 {
		return 0
	}
	return 2 * float64(shared(aw, bw)) / float64(len(aw)+len(bw))
}

// shared counts the words of b that a has.
func shared(a, b []string) int {
	in := make(map[string]bool, len(a))
	for _, w := range a {
		in[w] = true
	}
	n := 0
	for _, w := range b {
		if in[w] {
			n++
		}
	}
	return n
}

// capitalised counts the words of s that open with a capital letter.
func capitalised(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// opensLower reports whether s opens with a lower-case letter.
func opensLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// lettered counts the words of s that open with a letter.
func lettered(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// titleWords splits a title into lower-cased words of letters and
// digits; unlike lowerWords, dashes and quotes outside ASCII separate
// words ("Update–Fall").
func titleWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// isDamaged reports whether h1 is dt with some characters lost to a
// broken encoding: equal rune for rune except where h1 has '?' or
// U+FFFD, each standing for one or two runes of dt (a multi-byte
// character and what was decoded with it: "Beginner?s", "Beginner?
// Guide"). At least one lost stretch must hold a character beyond ASCII
// or an apostrophe or quote, the characters encodings lose; a '?' where
// the declared title has ':' alone is a wording difference.
func isDamaged(h1, dt string) bool {
	a, b := []rune(h1), []rune(dt)
	if len(a) > len(b) || len(b) > 2*len(a) {
		return false
	}
	fragile := func(rs []rune) bool {
		for _, r := range rs {
			if r > 127 || r == '\'' || r == '"' {
				return true
			}
		}
		return false
	}
	// match reports whether a[i:] covers b[j:]. Two choices per lost
	// rune keep the search small; it is bounded all the same.
	steps := 0
	var match func(i, j int, seen bool) bool
	match = func(i, j int, seen bool) bool {
		if steps++; steps > 1000 {
			return false
		}
		for i < len(a) && j < len(b) && a[i] == b[j] {
			i, j = i+1, j+1
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b) && seen
		}
		if a[i] != '?' && a[i] != utf8.RuneError {
			return false
		}
		if match(i+1, j+1, seen || fragile(b[j:j+1])) {
			return true
		}
		return j+2 <= len(b) && b[j] != ' ' && b[j+1] != ' ' && match(i+1, j+2, seen || fragile(b[j:j+2]))
	}
	return match(0, 0, false)
}

// cleanTitle repairs what encodings did to a title: mojibake, and
// full-width ASCII punctuation and letters ("Work？") that CJK input
// methods leave in titles written in Latin script. Titles with CJK
// characters keep their full-width forms, which belong to that script.
func cleanTitle(s string) string {
	s = repairMojibake(s)
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return s
		}
	}
	return width.Narrow.String(s)
}

// repairMojibake undoes UTF-8 text decoded once more as Latin-1
// ("Investorâ\u0080\u0099s" for "Investor’s"). The C1 control
// characters (U+0080–U+009F) such text contains never occur in real
// titles, so they mark it; the repair is kept only when it yields valid
// UTF-8.
func repairMojibake(s string) string {
	c1 := false
	for _, r := range s {
		if r > 0xFF {
			return s
		}
		if r >= 0x80 && r <= 0x9F {
			c1 = true
		}
	}
	if !c1 {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// cutSiteTail removes a trailing site name from a headline ("Critics'
// Choice: Best Exhibitions 2025 – Artlyst"). Unlike stripSiteName it cuts
// only the site's own name, never a short subtitle.
func cutSiteTail(s, site string) string {
	if site == "" {
		return s
	}
	for _, sep := range titleSeparators {
		if strings.HasSuffix(s, sep+site) && len(s) > len(sep+site) {
			return strings.TrimSpace(s[:len(s)-len(sep+site)])
		}
	}
	return s
}

// isStandfirst reports whether an <h1> is a summary set in headline type
// rather than the headline: much longer than any headline (over 150
// characters; news and blog headlines rarely pass 100) and well over the
// declared title's length. Without a declared title it is kept, being all
// there is.
func isStandfirst(h1, declared string) bool {
	n := utf8.RuneCountInString(h1)
	return declared != "" && n > 150 && float64(n) > 1.5*float64(utf8.RuneCountInString(declared))
}

// headingSeparators follow a site name that opens a document title.
var headingSeparators = []string{": ", " | ", " - ", " – ", " — ", " · ", " "}

// cutSitePrefix removes site from the start of title when a separator
// follows it.
func cutSitePrefix(title, site string) string {
	if site == "" || len(title) <= len(site) || !strings.EqualFold(title[:len(site)], site) {
		return title
	}
	for _, sep := range headingSeparators {
		if strings.HasPrefix(title[len(site):], sep) {
			return strings.TrimSpace(title[len(site)+len(sep):])
		}
	}
	return title
}

// firstSegment is a document title up to its first " | ".
func firstSegment(s string) string {
	if i := strings.Index(s, " | "); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// cutSection drops " | Section" tails from a headline: a pipe separates a
// headline from the section or site it is filed under, and is not
// punctuation headlines use. A head shorter than three words is kept
// whole.
func cutSection(s string) string {
	if h := firstSegment(s); h != s && len(strings.Fields(h)) >= 3 {
		return h
	}
	return s
}

// cutHeadingSection is cutSection for the text of the page's own
// heading, where one tail of five words or more after a pipe is kept: it
// is a second clause the page shows in its headline ("… Under $2500 |
// The Best Mirrorless Cameras on the Market"), where the section and
// site names headings carry run to four words at most. Declared titles
// keep the plain cut, since a site's longer name is filed there.
func cutHeadingSection(s string) string {
	// The tail starts after the pipe itself: firstSegment trims its head,
	// so the head's length is no offset into s.
	if i := strings.Index(s, " | "); i > 0 {
		if tail := strings.TrimSpace(s[i+len(" | "):]); !strings.Contains(tail, " | ") && len(strings.Fields(tail)) >= 5 {
			return s
		}
	}
	return cutSection(s)
}

func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), notAlnum)
}

// chooseByline prefers structured authors, then meta tags, then the
// visible byline element.
func (pm *pageMeta) chooseByline(site string) string {
	ok := func(s string) bool {
		return s != "" && !looksLikeURL(s) && !strings.EqualFold(s, site) && len(s) < 200
	}
	for _, o := range pm.articles {
		for _, k := range []string{"author", "creator"} {
			var names []string
			for _, n := range ldNames(o[k]) {
				if ok(n) {
					names = append(names, n)
				}
			}
			if len(names) > 0 {
				return strings.Join(dedupe(names), ", ")
			}
		}
	}
	for _, k := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "twitter:data1"} {
		if s := pm.metaField(k); ok(s) && (k != "twitter:data1" || pm.meta["twitter:label1"] != "" && strings.Contains(strings.ToLower(pm.meta["twitter:label1"]), "written")) {
			return cleanByline(s)
		}
	}
	for _, s := range pm.byLines {
		if s = cleanByline(s); ok(s) && validByline(s) {
			return s
		}
	}
	for _, s := range pm.authorEls {
		if s = cleanByline(s); ok(s) && len(strings.Fields(s)) <= 8 && !strings.Contains(s, "@") && validByline(s) {
			return s
		}
	}
	return ""
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if k := strings.ToLower(x); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// bylineLabels precede names in visible bylines.
var bylineLabels = []string{"written by", "posted by", "reviewed by", "authored by", "text by", "words by", "story by", "by", "author", "authors", "the author", "von", "par", "por", "di"}

// bylineStops end the names in a visible byline: what follows is a date,
// a role or an editorial note.
var bylineStops = []string{" on ", " updated", " last update", " sponsored", " in ", " published", " last updated", " verified", " posted", " edited by", " fact checked", " reviewed by", " | ", " - ", " – ", " — ", " ⋅ ", " · ", " • ", "\n",
	" january", " february", " march", " april", " may ", " june", " july", " august", " september", " october", " november", " december",
	" jan ", " feb ", " mar ", " apr ", " jun ", " jul ", " aug ", " sep ", " sept ", " oct ", " nov ", " dec ", " jan.", " feb.", " aug.", " sep.", " oct.", " nov.", " dec."}

// cleanByline strips the label, dates and roles bylines are written with,
// and joins multiple authors with ", ".
func cleanByline(s string) string {
	return cutRoles(stripByline(s))
}

// stripByline strips a byline's label and cuts it at the first date, stop
// word or separator, leaving roles written after the names in place:
// bylineText judges by its length whether a text opening with "By" is a
// byline at all ("By submitting, you agree …" is not), which a cut role
// would hide.
func stripByline(s string) string {
	s = collapseSpace(s)
	for {
		low := asciiLower(s) // offsets in low are offsets in s
		trimmed := false
		for _, p := range bylineLabels {
			if strings.HasPrefix(low, p) && (len(low) == len(p) || strings.ContainsRune(" :", rune(low[len(p)]))) {
				s = strings.TrimLeft(s[len(p):], " :")
				trimmed = true
				break
			}
		}
		if !trimmed {
			break
		}
	}
	low := asciiLower(s)
	cut := len(s)
	for _, stop := range bylineStops {
		if i := strings.Index(low, stop); i > 0 && i < cut {
			cut = i
		}
	}
	for i, r := range s {
		if i > 0 && r >= '0' && r <= '9' && i < cut {
			cut = i
			break
		}
	}
	s = strings.Trim(strings.TrimSpace(s[:cut]), ",;:|- ")
	s = strings.ReplaceAll(s, "; ", ", ")
	return strings.TrimSpace(s)
}

// roleWords end a job title written after a name without a separator, as
// templates do when the name and the role sit in sibling elements ("Harry
// Rabinowitz Tech Reporter").
var roleWords = map[string]bool{
	"reporter": true, "editor": true, "writer": true, "director": true, "consultant": true,
	"founder": true, "correspondent": true, "contributor": true, "columnist": true,
	"journalist": true, "producer": true, "manager": true, "educator": true, "educators": true,
	"strategist": true, "specialist": true, "analyst": true, "officer": true,
}

// nameParticles are the lower-case words a name may hold ("Ludwig van
// Beethoven"); any other lower-case word marks a role, not a name.
var nameParticles = map[string]bool{
	"de": true, "da": true, "del": true, "della": true, "der": true, "den": true, "van": true, "von": true,
	"la": true, "le": true, "du": true, "dos": true, "das": true, "bin": true, "al": true, "y": true, "and": true,
}

// cutRoles drops what a byline says about its authors rather than who
// they are: comma-separated parts written in words ("Extension
// horticulture educators", "The Commercial Appeal"; credentials such as
// "MD" or "Ph.D." have no lower-case word and stay), and a job title run
// on after a single author's name ("Liz Kenny Former McKinsey
// Consultant"), which keeps the first two words, three when the second is
// an initial ("Justin C. Meserole").
func cutRoles(s string) string {
	parts := strings.Split(s, ", ")
	kept := parts[:1]
	for _, p := range parts[1:] {
		if !describes(p) {
			kept = append(kept, p)
		}
	}
	s = strings.Join(kept, ", ")
	if strings.Contains(s, ",") || strings.Contains(s, "&") {
		return s
	}
	ws := strings.Fields(s)
	for i := 2; i < len(ws); i++ {
		if ws[i] == "and" {
			return s
		}
		if roleWords[strings.ToLower(strings.Trim(ws[i], ".,;:"))] {
			n := 2
			if isInitial(ws[1]) && i > 3 {
				n = 3
			}
			if describes(strings.Join(ws[:n], " ")) {
				return s // "Insights from Jane Doe, Editor": not a name first
			}
			return strings.Join(ws[:n], " ")
		}
	}
	return s
}

// describes reports whether a comma-separated part of a byline is a
// description: it opens with "The" or holds a lower-case word that is not
// a name particle.
func describes(p string) bool {
	ws := strings.Fields(p)
	if len(ws) > 0 && ws[0] == "The" && len(ws) > 1 {
		return true
	}
	for _, w := range ws {
		if r := w[0]; r >= 'a' && r <= 'z' && !nameParticles[w] {
			return true
		}
	}
	return false
}

// isInitial reports a middle initial: "C." or "C".
func isInitial(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}

// oneDay parses the times and returns the first, if they all name the
// same day.
func oneDay(times []string) (time.Time, bool) {
	var first time.Time
	for _, s := range times {
		t, ok := parseDate(s)
		if !ok {
			continue
		}
		if first.IsZero() {
			first = t
		} else if !sameDay(first, t) {
			return time.Time{}, false
		}
	}
	return first, !first.IsZero()
}

// datePublishedKeys are meta tags that carry the publication time, most
// specific first.
var datePublishedKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished", "og:published_time",
	"published_time", "article.published", "pubdate", "publishdate", "publish-date", "publish_date",
	"date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
	"sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date",
	"article:published", "datecreated", "cxenseparse:recs:publishtime", "release_date",
	"published",
}

// chooseDate prefers structured data, then meta tags, then <time> elements
// marked as the publication date. A declared publication time equal to
// the declared modification time may be a template stamping both with the
// last save; a <time> marked as the publication date is then the better
// witness, if it is earlier (a last save never precedes publication) and
// the page's marked times agree on one day (themes mark related posts'
// dates the same way).
func (pm *pageMeta) chooseDate() time.Time {
	declared := pm.declaredDate()
	if len(pm.times) > 0 && !declared.IsZero() && declared.Equal(pm.chooseModified()) {
		if t, ok := oneDay(pm.times); ok && t.Before(declared) {
			return t
		}
	}
	if !declared.IsZero() {
		return declared
	}
	for _, s := range pm.times {
		if t, ok := parseDate(s); ok {
			return t
		}
	}
	return time.Time{}
}

// declaredDate is the publication time from JSON-LD or meta tags.
func (pm *pageMeta) declaredDate() time.Time {
	for _, o := range pm.articles {
		for _, k := range []string{"datePublished", "dateCreated", "uploadDate"} {
			if t, ok := parseDate(ldString(o[k])); ok {
				return t
			}
		}
	}
	for _, k := range datePublishedKeys {
		if t, ok := parseDate(pm.meta[k]); ok {
			return t
		}
	}
	return time.Time{}
}

// parseDate reads the date formats pages declare; implausible years are
// rejected.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t, err = dateparse.ParseAny(s)
	}
	if err != nil {
		// Year first with a month name ("2023 Jan 7") is how PubMed and
		// the journals indexed for Google Scholar write
		// citation_publication_date; dateparse does not read it.
		for _, layout := range []string{"2006 Jan 2", "2006 January 2"} {
			if t, err = time.Parse(layout, s); err == nil {
				break
			}
		}
	}
	if err != nil {
		return time.Time{}, false
	}
	if !news.PlausiblePublished(t, time.Now()) {
		return time.Time{}, false
	}
	return t, true
}

func (pm *pageMeta) chooseCanonical(base *url.URL) string {
	for _, c := range []string{pm.canonical, pm.metaField("og:url"), pm.ldField("url", "mainEntityOfPage")} {
		if c == "" {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if u.Scheme == "http" || u.Scheme == "https" {
			return u.String()
		}
	}
	return ""
}

func (pm *pageMeta) chooseImage(base *url.URL) string {
	var img string
	for _, o := range pm.articles {
		if s := ldString(o["image"]); s != "" {
			img = s
			break
		}
	}
	if img == "" {
		img = pm.metaField("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image", "thumbnail")
	}
	if img == "" {
		return ""
	}
	u, err := url.Parse(img)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

func (pm *pageMeta) chooseDescription() string {
	if s := pm.metaField("og:description", "description", "twitter:description", "dc.description"); s != "" {
		return s
	}
	return pm.ldField("description")
}

// chooseLang returns the page's declared language as a lower-case primary
// subtag ("en", "pt").
func (pm *pageMeta) chooseLang() string {
	for _, s := range []string{pm.lang, pm.meta["content-language"], pm.meta["og:locale"], pm.meta["language"], pm.ldField("inLanguage")} {
		s = strings.ToLower(strings.TrimSpace(s))
		if i := strings.IndexAny(s, "-_,; "); i >= 0 {
			s = s[:i]
		}
		if len(s) >= 2 && len(s) <= 3 {
			return s
		}
	}
	return ""
}

// chooseModified reads the declared last-update time.
func (pm *pageMeta) chooseModified() time.Time {
	for _, o := range pm.articles {
		if t, ok := parseDate(ldString(o["dateModified"])); ok {
			return t
		}
	}
	for _, k := range []string{"article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified", "dc.date.modified"} {
		if t, ok := parseDate(pm.meta[k]); ok {
			return t
		}
	}
	return time.Time{}
}

// CleanTitle cleans a title from elsewhere (a feed item's, say) as
// extraction cleans a page's declared title: the site's name before or
// after it ("Headline | Outlet", site being the outlet's name and host its
// URL's host), a " | Section" tail and encoding damage removed.
func CleanTitle(title, site, host string) string {
	return cleanTitle(cutSection(stripSiteName(strings.TrimSpace(title), site, host)))
}
