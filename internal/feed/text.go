package feed

import (
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped elements hold no reader-visible text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Head: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Form: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
}

// blocks start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Figure: true, atom.Figcaption: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Hr: true, atom.Address: true,
	atom.Aside: true, atom.Main: true, atom.Nav: true, atom.Details: true,
	atom.Summary: true, atom.Caption: true, atom.Body: true, atom.Html: true,
}

// HTMLText converts an HTML fragment (a feed item's content or description)
// to plain text: paragraphs separated by "\n\n", <br> as "\n", whitespace
// collapsed, entities decoded, scripts, styles and other non-text elements
// dropped. Input without any tag is treated as plain text whose blank lines
// separate paragraphs.
func HTMLText(s string) string {
	if !looksLikeHTML(s) {
		return plainParagraphs(dropControls(html.UnescapeString(s)))
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return plainParagraphs(dropControls(s))
	}
	var w textWriter
	w.walk(doc)
	w.flush()
	return strings.Join(w.paras, "\n\n")
}

// looksLikeHTML reports whether s has something that parses as a tag.
func looksLikeHTML(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if c == '/' || c == '!' || (c|0x20 >= 'a' && c|0x20 <= 'z') {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func plainParagraphs(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var paras []string
	for _, p := range splitBlank(s) {
		if p = collapse(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// splitBlank splits at lines that hold only whitespace.
func splitBlank(s string) []string {
	var out []string
	var cur []string
	for line := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

// dropControls removes the control characters (news.IsControl), raw or
// written as references (&#1;): a browser draws nothing for them, and
// kept they reached a feed-only article's stored text and the briefings
// citing it, as extract drops them from pages.
func dropControls(s string) string {
	if !strings.ContainsFunc(s, news.IsControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if news.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// collapse turns every run of whitespace into one space and trims.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

type textWriter struct {
	paras []string
	cur   strings.Builder
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(dropControls(n.Data))
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		switch {
		case n.DataAtom == atom.Br:
			w.cur.WriteString("\x00")
			return
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			w.cur.WriteString(" ")
		case blocks[n.DataAtom]:
			w.flush()
			defer w.flush()
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// flush ends the current paragraph. "\x00" marks a <br>, kept as a line
// break inside the paragraph.
func (w *textWriter) flush() {
	raw := w.cur.String()
	w.cur.Reset()
	var lines []string
	for l := range strings.SplitSeq(raw, "\x00") {
		if l = collapse(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 0 {
		w.paras = append(w.paras, strings.Join(lines, "\n"))
	}
}
