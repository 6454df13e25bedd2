package brief

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/write"
)

// citeless are the sections whose items name things rather than quote them:
// they carry no citations. Every other section's items must cite.
var citeless = map[news.SectionKind]bool{
	news.SectionHeadline:   true,
	news.SectionCategory:   true,
	news.SectionDisclaimer: true,
	news.SectionSources:    true,
	news.SectionRelated:    true,
	news.SectionReferences: true,
}

// sectionOrder is the order in which sections must appear.
var sectionOrder = []news.SectionKind{
	news.SectionHeadline, news.SectionCategory, news.SectionDisclaimer, news.SectionSummary,
	news.SectionWritten, news.SectionSources, news.SectionBackground, news.SectionVoices, news.SectionFacts,
	news.SectionRelated, news.SectionBottomLine, news.SectionReferences,
}

// CheckGrounded verifies that a briefing invents nothing: sections come in
// order, none is empty, and every citation names a known article and a
// valid span whose bytes are exactly what the item shows. For a voice the
// parts joined by news.QuoteJoiner make its text, and each of its further
// quotes (news.Item.Quotes) is checked as a voice of its own; for a fact the citation
// holds the sentence and the figure's own citation lies inside it and holds
// the figure's text. A written-summary sentence restates rather than
// copies its cited spans, so it must instead pass write.Verify against
// them. Headline and reference items must name an article of
// the map by URL. It returns every problem found, joined.
func CheckGrounded(b news.Briefing, articles map[int64]news.Article) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	rank := map[news.SectionKind]int{}
	for i, k := range sectionOrder {
		rank[k] = i + 1
	}
	urls := map[string]bool{}
	for _, a := range articles {
		urls[a.URL] = true
	}
	last := 0
	for si, s := range b.Sections {
		r, known := rank[s.Kind]
		switch {
		case !known:
			bad("section %d: unknown kind %q", si, s.Kind)
		case r <= last:
			bad("section %d (%s): out of order or repeated", si, s.Kind)
		}
		last = max(last, r)
		if len(s.Items) == 0 {
			bad("section %s: empty", s.Kind)
		}
		for ii, it := range s.Items {
			where := fmt.Sprintf("%s item %d", s.Kind, ii)
			checkItem(where, s.Kind, it, articles, urls, bad)
			for vi, v := range it.Variants {
				checkItem(fmt.Sprintf("%s variant %d", where, vi), s.Kind, v, articles, urls, bad)
			}
			for qi, q := range it.Quotes {
				if s.Kind != news.SectionVoices {
					bad("%s quote %d: only a voice has further quotes", where, qi)
				}
				checkItem(fmt.Sprintf("%s quote %d", where, qi), s.Kind, q, articles, urls, bad)
			}
		}
	}
	return errors.Join(errs...)
}

func checkItem(where string, kind news.SectionKind, it news.Item, articles map[int64]news.Article, urls map[string]bool, bad func(string, ...any)) {
	if strings.TrimSpace(it.Text) == "" {
		bad("%s: empty text", where)
	}
	if citeless[kind] {
		if len(it.Citations) > 0 {
			bad("%s: a %s item cites nothing", where, kind)
		}
		if (kind == news.SectionHeadline || kind == news.SectionReferences) && it.URL != "" && !urls[it.URL] {
			bad("%s: URL %q is no article of the story", where, it.URL)
		}
		if kind == news.SectionReferences && it.URL == "" {
			bad("%s: reference without URL", where)
		}
		return
	}
	if len(it.Citations) == 0 {
		bad("%s: no citation", where)
		return
	}
	var parts []string
	for ci, c := range it.Citations {
		a, ok := articles[c.ArticleID]
		if !ok {
			bad("%s citation %d: unknown article %d", where, ci, c.ArticleID)
			return
		}
		if !c.Span().Valid(len(a.Text)) {
			bad("%s citation %d: span [%d,%d) outside article %d of %d bytes", where, ci, c.Start, c.End, c.ArticleID, len(a.Text))
			return
		}
		parts = append(parts, a.Text[c.Start:c.End])
	}
	switch kind {
	case news.SectionWritten:
		sources := make([]write.Source, len(parts))
		d := write.Draft{Text: it.Text}
		for i, p := range parts {
			sources[i] = write.Source{N: i + 1, Citation: it.Citations[i], Text: p}
			d.Cites = append(d.Cites, i+1)
		}
		if err := write.Verify(d, sources); err != nil {
			bad("%s: %v", where, err)
		}
	case news.SectionVoices:
		if got := strings.Join(parts, news.QuoteJoiner); got != it.Text {
			bad("%s: text %q is not its cited parts %q", where, it.Text, got)
		}
		if strings.TrimSpace(it.Speaker) == "" {
			bad("%s: quote without speaker", where)
		}
	default:
		for ci, p := range parts {
			if p != it.Text {
				bad("%s citation %d: cited bytes %q differ from text %q", where, ci, p, it.Text)
			}
		}
	}
	if kind == news.SectionBackground && it.Date == nil {
		bad("%s: background entry without date", where)
	}
	if kind == news.SectionFacts {
		f := it.Figure
		if f == nil {
			bad("%s: fact without figure", where)
			return
		}
		c, s := f.Citation, it.Citations[0]
		a := articles[c.ArticleID]
		switch {
		case c.ArticleID != s.ArticleID || c.Start < s.Start || c.End > s.End:
			bad("%s: figure citation [%d,%d) not inside its sentence [%d,%d)", where, c.Start, c.End, s.Start, s.End)
		case c.Span().Of(a.Text) != f.Text:
			bad("%s: figure text %q differs from cited %q", where, f.Text, c.Span().Of(a.Text))
		}
	}
}
