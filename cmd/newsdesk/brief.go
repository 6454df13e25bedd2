package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/translate"
	"github.com/newsdesk/newsdesk/internal/web"
)

const briefUsage = `usage: newsdesk brief [--format md|html|json] [--translator T] [--allow-private]
                     [--writer-url URL --writer-model M [--writer-key-env VAR] [--writer-allow-private]] URL|FILE...
Fetches (or reads) the given article pages, groups them into stories and
prints a grounded briefing for each.
`

func runBrief(ctx context.Context, args []string, env environment) error {
	cfg := env.cfg
	fs := newFlagSet("brief", env.stderr, briefUsage)
	format := fs.String("format", "md", "output `format`: md, html or json")
	bindConfigFlags(fs, &cfg, oneShotFlags)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError(env.stderr, briefUsage)
	}
	switch *format {
	case "md", "html", "json":
	default:
		return fmt.Errorf("unknown format %q: want md, html or json", *format)
	}
	// brief serves no API, so the token serve would check (and refuse
	// when weak) is none of its concern.
	cfg.APIToken = ""
	if err := env.validate(cfg); err != nil {
		return err
	}
	fc, err := newFetcher(cfg, env.logger)
	if err != nil {
		return err
	}
	defer fc.Close()
	// Cluster is left nil, cluster.DefaultConfig(): serve sets no
	// clusterer configuration either, so the one-shot groups as serve
	// does. Were serve to read an override, it would be passed here.
	opt := pipeline.OneShotOptions{
		SummaryWords: cfg.SummaryWords,
		DeskLang:     cfg.DeskLang,
		Logger:       env.logger,
	}
	if cfg.Translator != "" {
		if opt.Translator, err = translate.New(cfg.Translator); err != nil {
			return fmt.Errorf("translator: %w", err)
		}
	}
	if opt.Writer, err = newWriter(cfg, env.getenv); err != nil {
		return err
	}
	briefings, articles, err := pipeline.OneShot(ctx, fc, fs.Args(), opt)
	if err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(briefingsJSON(briefings, articles))
	case "html":
		return web.RenderBriefingsPage(env.stdout, briefings, articles)
	default:
		return brief.MarkdownAll(env.stdout, briefings, articles)
	}
}

// briefingJSON is one briefing of "brief --format json": the briefing, and
// the articles it cites or names, each with the text their byte offsets
// index. The article IDs hold only within one run, so without the articles
// a reader of the JSON could neither tell which page a citation names nor
// check it, as the web API lets it do with GET /api/articles/{id}.
type briefingJSON struct {
	news.Briefing
	Articles []citedArticle `json:"articles"`
}

// citedArticle is an article a briefing of "brief --format json" cites.
type citedArticle struct {
	ID        int64     `json:"id"`
	URL       string    `json:"url"`
	Title     string    `json:"title,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Lang      string    `json:"lang,omitempty"`
	Published time.Time `json:"published_at,omitzero"`
	Text      string    `json:"text"`
}

// briefingsJSON gives each briefing the articles it cites, then those its
// headline and references name by URL.
func briefingsJSON(briefings []news.Briefing, articles map[int64]news.Article) []briefingJSON {
	byURL := make(map[string]int64, len(articles))
	for id, a := range articles {
		byURL[a.URL] = id
	}
	out := make([]briefingJSON, 0, len(briefings))
	for _, b := range briefings {
		bj := briefingJSON{Briefing: b.WithCitationLists(), Articles: []citedArticle{}}
		ids := b.CitedArticles()
		for _, k := range []news.SectionKind{news.SectionHeadline, news.SectionReferences} {
			s, _ := b.Section(k)
			for _, it := range s.Items {
				if id, ok := byURL[it.URL]; ok && it.URL != "" && !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
		for _, id := range ids {
			a, ok := articles[id]
			if !ok {
				continue
			}
			bj.Articles = append(bj.Articles, citedArticle{ID: id, URL: a.URL, Title: a.Title, Publisher: a.Publisher,
				Lang: a.Lang, Published: a.PublishedAt, Text: a.Text})
		}
		out = append(out, bj)
	}
	return out
}
