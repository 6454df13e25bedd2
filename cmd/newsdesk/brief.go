package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/translate"
	"github.com/newsdesk/newsdesk/internal/web"
)

const briefUsage = `usage: newsdesk brief [--format md|html|json] [--translator T] [--allow-private] URL|FILE...
Fetches (or reads) the given article pages, groups them into stories and
prints a grounded briefing for each.
`

func runBrief(ctx context.Context, args []string, env environment) error {
	cfg := env.cfg
	fs := newFlagSet("brief", env.stderr, briefUsage)
	format := fs.String("format", "md", "output `format`: md, html or json")
	fs.BoolVar(&cfg.AllowPrivate, "allow-private", cfg.AllowPrivate, "allow fetching from loopback and private addresses")
	fs.IntVar(&cfg.SummaryWords, "summary-words", cfg.SummaryWords, "summary length budget in words")
	fs.StringVar(&cfg.Translator, "translator", cfg.Translator, `translator for foreign articles: "", "glossary" or "libretranslate:URL"`)
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
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	fc, err := newFetcher(cfg, env.logger)
	if err != nil {
		return err
	}
	defer fc.Close()
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
	briefings, articles, err := pipeline.OneShot(ctx, fc, fs.Args(), opt)
	if err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(briefings)
	case "html":
		return web.RenderBriefingsPage(env.stdout, briefings, articles)
	default:
		return brief.MarkdownAll(env.stdout, briefings, articles)
	}
}
