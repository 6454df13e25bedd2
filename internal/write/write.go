// Package write is newsdesk's optional LLM writer and the verifier that
// keeps it honest.
//
// A briefing's summary is extractive: every sentence is an exact span of a
// stored article. A language model can restate those spans more readably,
// but it can also invent. So a drafted sentence is published only when
// Verify finds it supported by the spans it cites (its figures, names,
// quotes and negations agree with them, and most of its words are theirs);
// the rest are dropped. Compose adds the surviving sentences to a briefing
// as a separate "written summary" section beside, never instead of, the
// extractive summary, so a writer that is off, failing or wholly rejected
// leaves the briefing exactly as it was.
package write

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Source is one numbered span a writer may cite: Text is exactly the
// cited article's bytes Citation.Start:Citation.End.
type Source struct {
	N        int           // 1-based number the draft cites it by
	Citation news.Citation // where its bytes are
	Text     string        // the bytes
}

// Request is what a writer drafts from: a story's headline, its numbered
// source spans and its extractive summary.
type Request struct {
	Headline string
	Sources  []Source
	// Summary is the extractive summary's sentences, in order; each is
	// also one of Sources.
	Summary []string
}

// Draft is one sentence a writer proposes and the numbers of the Sources
// it says support it.
type Draft struct {
	Text  string `json:"text"`
	Cites []int  `json:"cites"`
}

// Writer drafts sentences from a story's sources. It is implemented by
// Client (an OpenAI-compatible chat-completions server) and by fakes in
// tests. A Writer's output is untrusted: Compose verifies every draft.
type Writer interface {
	Write(ctx context.Context, req Request) ([]Draft, error)
}

// MaxSources caps the spans sent to a writer: the extractive summary's
// sentences are a handful, and a longer prompt only gives a model more to
// stray from.
const MaxSources = 12

// RequestFor builds a writer's request from a briefing and the articles it
// cites: the sources are the extractive summary's sentences, numbered from
// 1, each with its citation. A summary item whose citation does not hold
// its text is left out, so a writer is only ever shown exact spans. ok is
// false when there is nothing to write from.
func RequestFor(b news.Briefing, articles map[int64]news.Article) (req Request, ok bool) {
	req.Headline = b.Headline
	s, found := b.Section(news.SectionSummary)
	if !found {
		return req, false
	}
	for _, it := range s.Items {
		if len(req.Sources) == MaxSources {
			break
		}
		if len(it.Citations) != 1 {
			continue
		}
		c := it.Citations[0]
		a, known := articles[c.ArticleID]
		if !known || c.Span().Of(a.Text) != it.Text || strings.TrimSpace(it.Text) == "" {
			continue
		}
		req.Sources = append(req.Sources, Source{N: len(req.Sources) + 1, Citation: c, Text: it.Text})
		req.Summary = append(req.Summary, it.Text)
	}
	return req, len(req.Sources) > 0
}

// Compose asks w for a written summary of briefing b and returns b with a
// news.SectionWritten section holding the drafted sentences that Verify
// supports, each citing the spans it cited, placed right after the
// extractive summary. When w is nil, fails, or every draft is rejected, b
// is returned unchanged and the reason logged at Warn: the reader sees the
// extractive summary alone and no trace of the writer's trouble.
func Compose(ctx context.Context, w Writer, b news.Briefing, articles map[int64]news.Article, log *slog.Logger) news.Briefing {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s, ok, err := Written(ctx, w, b, articles, log)
	if err != nil {
		log.Warn("writer failed; extractive summary only", "story", b.StoryID, "err", err)
		return b
	}
	if !ok {
		return b
	}
	return WithSection(b, s)
}

// Written asks w for a written summary of briefing b and returns the
// news.SectionWritten section of the drafted sentences that Verify
// supports; ok is false when there is nothing to write from, w is nil or
// every draft is rejected (each rejection logged at Warn). err is the
// writer's own failure, returned rather than logged, so that a caller
// that can try again (the pipeline's write job) decides what to do with
// it. Compose is Written and WithSection.
func Written(ctx context.Context, w Writer, b news.Briefing, articles map[int64]news.Article, log *slog.Logger) (_ news.Section, ok bool, err error) {
	if w == nil {
		return news.Section{}, false, nil
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	req, ok := RequestFor(b, articles)
	if !ok {
		return news.Section{}, false, nil
	}
	drafts, err := w.Write(ctx, req)
	if err != nil {
		return news.Section{}, false, fmt.Errorf("write summary of story %d: %w", b.StoryID, err)
	}
	var items []news.Item
	seen := map[string]bool{}
	for i, d := range drafts {
		if err := Verify(d, req.Sources); err != nil {
			log.Warn("written sentence rejected", "story", b.StoryID, "draft", i, "reason", err)
			continue
		}
		if seen[d.Text] {
			continue
		}
		seen[d.Text] = true
		items = append(items, news.Item{Text: d.Text, Citations: citations(d.Cites, req.Sources)})
	}
	if len(items) == 0 {
		if len(drafts) > 0 {
			log.Warn("every written sentence rejected; extractive summary only", "story", b.StoryID, "drafts", len(drafts))
		}
		return news.Section{}, false, nil
	}
	return news.Section{Kind: news.SectionWritten, Title: SectionTitle, Items: items}, true, nil
}

// SectionTitle is the heading of the written summary. It says who wrote
// it, so that no reader takes it for the sources' own words.
const SectionTitle = "Written summary (by a language model, checked against the cited sources)"

// citations maps a draft's span numbers to their citations, each once, in
// the order cited. The numbers must have been checked by Verify.
func citations(cites []int, sources []Source) []news.Citation {
	var out []news.Citation
	seen := map[int]bool{}
	for _, n := range cites {
		if !seen[n] {
			seen[n] = true
			out = append(out, sources[n-1].Citation)
		}
	}
	return out
}

// WithSection returns b with s, a written summary, in place of any it
// has, right after its summary section (else at the end), on a copy of
// the section list.
func WithSection(b news.Briefing, s news.Section) news.Briefing {
	secs := make([]news.Section, 0, len(b.Sections)+1)
	for _, x := range b.Sections {
		if x.Kind != s.Kind {
			secs = append(secs, x)
		}
	}
	at := len(secs)
	for i, x := range secs {
		if x.Kind == news.SectionSummary {
			at = i + 1
			break
		}
	}
	secs = append(secs[:at], append([]news.Section{s}, secs[at:]...)...)
	b.Sections = secs
	return b
}
