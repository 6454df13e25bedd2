package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/store"
)

const demoUsage = `usage: newsdesk demo [flags]
Starts a local newswire on loopback serving the bundled fictional corpus,
subscribes to it, ingests everything and serves the UI. No internet needed.
`

func runDemo(ctx context.Context, args []string, env environment) error {
	cfg := env.cfg
	cfg.DBPath = ""
	// The newswire is on loopback and ours: no need to space requests out.
	cfg.AllowPrivate = true
	cfg.HostInterval = -1
	fs := newFlagSet("demo", env.stderr, demoUsage)
	bindCommonFlags(fs, &cfg)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError(env.stderr, demoUsage)
	}
	if cfg.DBPath == "" {
		// A fresh database each run, so the demo always shows the whole
		// ingest; --db keeps one.
		dir, err := os.MkdirTemp("", "newsdesk-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.DBPath = filepath.Join(dir, "demo.db")
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}

	wire, err := demo.NewWire(env.logger.With("component", "newswire"))
	if err != nil {
		return err
	}
	wireURL, err := wire.Start(ctx, "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("start newswire: %w", err)
	}
	defer wire.Close()

	return serve(ctx, cfg, env, hooks{
		setup: func(ctx context.Context, st store.Store) error {
			// On a kept database the feeds may be subscribed already.
			for _, s := range wire.Sources(wireURL) {
				if _, err := st.AddSource(ctx, s); err != nil && !errors.Is(err, store.ErrDuplicate) {
					return fmt.Errorf("subscribe to %s: %w", s.URL, err)
				}
			}
			return nil
		},
		ready: func(ctx context.Context, baseURL string, p *pipeline.Pipeline, st store.Store) error {
			fmt.Fprintf(env.stdout, "newsdesk demo: newswire at %s\n", wireURL)
			fmt.Fprintf(env.stdout, "newsdesk demo: open %s\n", baseURL)
			start := time.Now()
			if err := p.WaitIdle(ctx); err != nil {
				return fmt.Errorf("demo ingest: %w", err)
			}
			as, err := st.Articles(ctx, store.ArticleFilter{})
			if err != nil {
				return err
			}
			ss, err := st.Stories(ctx, store.StoryFilter{})
			if err != nil {
				return err
			}
			fmt.Fprintf(env.stdout, "newsdesk demo: ingested %d articles into %d stories in %s; press Ctrl-C to stop\n",
				len(as), len(ss), time.Since(start).Round(100*time.Millisecond))
			return nil
		},
	})
}
