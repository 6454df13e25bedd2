package brief

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
)

// mdEscaper keeps article text from being read as Markdown markup.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "\n", " ", "\r", " ",
)

func md(s string) string { return mdEscaper.Replace(strings.TrimSpace(s)) }

// mdURL is u written as a Markdown autolink, "<u>", or "" when u is not
// an http(s) URL. An article's URL comes from a feed or a redirect, and
// net/url keeps a query as it was given: a ">" in it would end the
// autolink and let the rest be read as Markdown (a javascript: link, an
// image fetching a tracker). So the characters an autolink may not hold,
// spaces, controls, "<" and ">", are percent-escaped, as a browser would
// send them.
func mdURL(u string) string {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return ""
	}
	var b strings.Builder
	b.WriteByte('<')
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c == '<' || c == '>' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	b.WriteByte('>')
	return b.String()
}

// Markdown renders a briefing as Markdown for the command line. Each
// citation becomes a numbered footnote naming the article (outlet, title,
// URL) and the cited byte range, so a reader can check it; a span cited
// twice keeps its first number.
func Markdown(w io.Writer, b news.Briefing, articles map[int64]news.Article) error {
	return markdown(w, b, articles, "", MarkdownOptions{})
}

// MarkdownOptions says how a briefing rendered as Markdown links what lies
// outside it.
type MarkdownOptions struct {
	// StoryURL is the absolute URL of a story's page, for the related
	// stories' links; nil leaves them unlinked (the command line has no
	// site to link to).
	StoryURL func(id int64) string
}

// MarkdownWith is Markdown with the links opt gives: the web server's
// export links each related story to its page on the site.
func MarkdownWith(w io.Writer, b news.Briefing, articles map[int64]news.Article, opt MarkdownOptions) error {
	return markdown(w, b, articles, "", opt)
}

// MarkdownAll renders briefings as one Markdown document, separated by
// rules. Footnote labels are document-wide in Markdown, so with more than
// one briefing each briefing's labels start with its number ([^2-1] is the
// second briefing's first note): otherwise the second briefing's [^1] would
// point at the first briefing's note, a citation of the wrong article.
func MarkdownAll(w io.Writer, briefings []news.Briefing, articles map[int64]news.Article) error {
	for i, b := range briefings {
		prefix := ""
		if len(briefings) > 1 {
			prefix = strconv.Itoa(i+1) + "-"
		}
		if i > 0 {
			if _, err := io.WriteString(w, "\n---\n"); err != nil {
				return err
			}
		}
		if err := markdown(w, b, articles, prefix, MarkdownOptions{}); err != nil {
			return err
		}
	}
	return nil
}

// markdown is Markdown with every footnote label starting with prefix.
func markdown(w io.Writer, b news.Briefing, articles map[int64]news.Article, prefix string, opt MarkdownOptions) error {
	bw := bufio.NewWriter(w)
	notes := map[news.Citation]int{}
	var order []news.Citation
	ref := func(cs []news.Citation) string {
		var sb strings.Builder
		for _, c := range cs {
			n, ok := notes[c]
			if !ok {
				order = append(order, c)
				n = len(order)
				notes[c] = n
			}
			fmt.Fprintf(&sb, "[^%s%d]", prefix, n)
		}
		return sb.String()
	}

	fmt.Fprintf(bw, "# %s\n", md(b.Headline))
	for _, s := range b.Sections {
		switch s.Kind {
		case news.SectionHeadline:
			if outlet, _ := HeadlineCredit(b); outlet != "" {
				fmt.Fprintf(bw, "\n*Headline from %s*\n", md(outlet))
			}
			continue
		case news.SectionCategory:
			fmt.Fprintf(bw, "\n**%s:** %s\n", s.Title, md(s.Items[0].Text))
			continue
		case news.SectionDisclaimer:
			fmt.Fprintf(bw, "\n> %s\n", md(s.Items[0].Text))
			continue
		}
		fmt.Fprintf(bw, "\n## %s\n\n", s.Title)
		switch s.Kind {
		case news.SectionSummary:
			parts := make([]string, len(s.Items))
			for i, it := range s.Items {
				parts[i] = md(it.Text) + ref(it.Citations)
			}
			fmt.Fprintln(bw, strings.Join(parts, " "))
		case news.SectionWritten:
			// Said every time: the reader must not take these words for
			// the sources' own.
			fmt.Fprintln(bw, "*Written by a language model; each sentence checked against the sentences it cites.*")
			fmt.Fprintln(bw)
			parts := make([]string, len(s.Items))
			for i, it := range s.Items {
				parts[i] = md(it.Text) + ref(it.Citations)
			}
			fmt.Fprintln(bw, strings.Join(parts, " "))
		case news.SectionSources:
			parts := make([]string, len(s.Items))
			for i, it := range s.Items {
				parts[i] = md(it.Text)
			}
			fmt.Fprintln(bw, strings.Join(parts, " · "))
		case news.SectionBackground:
			for _, it := range s.Items {
				date := ""
				if it.Date != nil {
					date = "**" + it.Date.Format("2 January 2006") + "**: "
				}
				fmt.Fprintf(bw, "- %s%s%s\n", date, md(it.Text), ref(it.Citations))
			}
		case news.SectionVoices:
			for _, it := range s.Items {
				c := VoiceCaption(it)
				who := voiceCaption(c)
				if len(it.Quotes) == 0 {
					if c.Via != "" {
						who = strings.TrimPrefix(who+" ("+md(c.Via)+")", " ")
					}
					if who != "" {
						who = " — " + who
					}
					fmt.Fprintf(bw, "- “%s”%s%s\n", md(it.Text), ref(it.Citations), who)
					continue
				}
				// One speaker, their quotes beneath, each with its
				// own notes and outlet, as the web page shows them;
				// with no one to name, the quotes alone.
				indent := "  "
				if who != "" {
					fmt.Fprintf(bw, "- %s:\n", who)
				} else {
					indent = ""
				}
				for _, q := range append([]news.Item{it}, it.Quotes...) {
					via := ""
					if q.Outlet != "" {
						via = " (" + md(q.Outlet) + ")"
					}
					fmt.Fprintf(bw, "%s- “%s”%s%s\n", indent, md(q.Text), ref(q.Citations), via)
				}
			}
		case news.SectionFacts:
			for _, it := range s.Items {
				by := ""
				if o := FactOutlet(it); o != "" {
					by = " (" + md(o) + ")"
				}
				fmt.Fprintf(bw, "- %s%s%s%s\n", figureLabel(it), md(it.Text), ref(it.Citations), by)
				for _, v := range it.Variants {
					gives := ""
					if o := FactOutlet(v); o != "" {
						gives = md(o) + " gives "
					}
					fmt.Fprintf(bw, "  - %s%s%s%s\n", gives, figureLabel(v), md(v.Text), ref(v.Citations))
				}
			}
		case news.SectionRelated:
			for _, it := range s.Items {
				if opt.StoryURL == nil || it.StoryID <= 0 {
					fmt.Fprintf(bw, "- %s\n", md(it.Text))
					continue
				}
				// The site's own URL, but written as every link is.
				fmt.Fprintf(bw, "- [%s](%s)\n", md(it.Text), mdURL(opt.StoryURL(it.StoryID)))
			}
		case news.SectionBottomLine:
			for _, it := range s.Items {
				fmt.Fprintf(bw, "%s%s\n", md(it.Text), ref(it.Citations))
			}
		case news.SectionReferences:
			for i, it := range s.Items {
				line := fmt.Sprintf("%d. ", i+1)
				if it.Outlet != "" {
					line += md(it.Outlet) + ": "
				}
				line += "“" + md(it.Text) + "”"
				if it.Date != nil {
					line += ", " + it.Date.Format("2 January 2006")
				}
				if link := mdURL(it.URL); link != "" {
					line += ". " + link
				}
				fmt.Fprintln(bw, line)
			}
		default:
			for _, it := range s.Items {
				fmt.Fprintf(bw, "- %s%s\n", md(it.Text), ref(it.Citations))
			}
		}
	}
	if len(order) > 0 {
		fmt.Fprintln(bw)
	}
	for i, c := range order {
		a := articles[c.ArticleID]
		label := md(a.Title)
		if label == "" {
			label = fmt.Sprintf("article %d", c.ArticleID)
		}
		fmt.Fprintf(bw, "[^%s%d]: %s, bytes %d–%d", prefix, i+1, label, c.Start, c.End)
		if link := mdURL(a.URL); link != "" {
			fmt.Fprintf(bw, ", %s", link)
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}

// Caption is what a voice's caption says: who spoke, in what role, and the
// outlet that printed the quote (VoiceOutlet). An empty field is not
// shown, and a voice whose caption is all empty shows none: Voices lists
// only quotes whose speaker the extractor resolved, so a voice without one
// is an older or edited briefing's, and neither the page nor the export
// makes up words for it (the export wrote "speaker not identified" and
// "(name not identified)" where the page showed nothing or the role alone).
type Caption struct {
	Speaker, Role, Via string
}

// VoiceCaption is the caption of a voice. The story page and the Markdown
// export both ask here, so that they name the same speaker, role and
// outlet.
func VoiceCaption(it news.Item) Caption {
	return Caption{Speaker: strings.TrimSpace(it.Speaker), Role: strings.TrimSpace(it.Role), Via: VoiceOutlet(it)}
}

// voiceCaption writes a caption's speaker and role as the page does:
// "Ana Ruiz, the mayor", "Ana Ruiz", "the mayor", or "".
func voiceCaption(c Caption) string {
	who, role := md(c.Speaker), md(c.Role)
	if who != "" && role != "" {
		return who + ", " + role
	}
	return who + role
}

// VoiceOutlet is the outlet a voice's caption names beside the speaker:
// its one quote's. A voice of several quotes names none there, as each of
// its quotes, which may come from different outlets, names its own. The
// story page and the Markdown export both ask here, so that a reader of
// either is told where every quote was printed (the export named a lone
// quote's outlet nowhere while the page did).
func VoiceOutlet(it news.Item) string {
	if len(it.Quotes) > 0 {
		return ""
	}
	return it.Outlet
}

// FactOutlet is the outlet a key fact, or one of the figures other
// sources give for it, is credited to: its article's. The story page and
// the Markdown export both ask here, so that a reader of either is told
// which outlet stated each figure (the export named it only for the
// figures that differ, while the page named it for every fact).
func FactOutlet(it news.Item) string {
	return strings.TrimSpace(it.Outlet)
}

func figureLabel(it news.Item) string {
	if it.Figure == nil || it.Figure.Text == "" {
		return ""
	}
	return "**" + md(it.Figure.Text) + "**: "
}
