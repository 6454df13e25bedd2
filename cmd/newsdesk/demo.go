package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/translate"
)

const demoUsage = `usage: newsdesk demo [flags]
Starts a local newswire on loopback serving the bundled fictional corpus,
subscribes to it, ingests everything and serves the UI. No internet needed.
`

// demoGroupBacklogWait is how long the demo's grouping may wait for its
// newswire to be fetched, its default --group-backlog-wait. Grouped in
// 2-second slices, each oldest first but the slices in arrival order,
// the demo's 84 articles (2-3 s to fetch on a loaded 2-core machine, and
// 53 s under -race) gave stories that depended on which feed was fetched
// first (14, 15 or 16 of them, the election holding the marathon in some
// runs). The wait ends as soon as no poll or fetch is pending, so a fast
// ingest does not wait for it; the bound, above serve's 1 minute so that
// a -race run still settles, matters only while a fetch keeps retrying.
const demoGroupBacklogWait = 2 * time.Minute

// anyLoopbackPort lets the system pick the newswire's port.
const anyLoopbackPort = "127.0.0.1:0"

func runDemo(ctx context.Context, args []string, env environment) error {
	cfg, wireAddr, err := parseDemoFlags(args, env)
	if err != nil {
		return err
	}
	if cfg.DBPath == "" && cfg.Database == "" {
		// A fresh database each run, so the demo always shows the whole
		// ingest; --db keeps one.
		dir, err := os.MkdirTemp("", "newsdesk-demo-")
		if err != nil {
			return fmt.Errorf("create demo database directory: %w", err)
		}
		defer os.RemoveAll(dir)
		cfg.DBPath = filepath.Join(dir, "demo.db")
	}
	if err := env.validate(cfg); err != nil {
		return err
	}

	logger := env.logger.With("component", "newswire")
	wire, err := demo.NewWire(logger)
	if err != nil {
		return fmt.Errorf("demo newswire: %w", err)
	}
	defer wire.Close()
	var wireURL string
	held := 0 // the articles a kept database held before this run
	return serve(ctx, cfg, env, hooks{
		setup: func(ctx context.Context, st store.Store) error {
			as, err := st.Articles(ctx, store.ArticleFilter{})
			if err != nil {
				return fmt.Errorf("count kept demo articles: %w", err)
			}
			held = len(as)
			// The wire starts here, once the store is open, because a kept
			// database decides its address (see startNewswire).
			u, err := subscribeNewswire(ctx, st, wire, wireAddr, logger)
			wireURL = u
			return err
		},
		ready: func(ctx context.Context, baseURL string, p *pipeline.Pipeline, st store.Store) error {
			fmt.Fprintf(env.stdout, "newsdesk demo: newswire at %s\n", wireURL)
			fmt.Fprintf(env.stdout, "newsdesk demo: open %s\n", baseURL)
			fmt.Fprintf(env.stdout, "newsdesk demo: %s\n", demoWritesLine(cfg.APIToken != ""))
			start := time.Now()
			if err := p.WaitIdle(ctx); err != nil {
				return fmt.Errorf("demo ingest: %w", err)
			}
			as, err := st.Articles(ctx, store.ArticleFilter{})
			if err != nil {
				return fmt.Errorf("count demo articles: %w", err)
			}
			ss, err := st.Stories(ctx, store.StoryFilter{})
			if err != nil {
				return fmt.Errorf("count demo stories: %w", err)
			}
			fmt.Fprintf(env.stdout, "newsdesk demo: %s; press Ctrl-C to stop\n", demoIngestLine(held, len(as), len(ss), time.Since(start)))
			return nil
		},
	})
}

// demoIngestLine says what the demo's ingest did: held articles were
// stored before it (a kept --db), and the database now holds articles in
// stories. On a kept database it had said "ingested 89 articles" when it
// ingested none, counting what the database held.
func demoIngestLine(held, articles, stories int, took time.Duration) string {
	d := news.FormatDuration(took.Round(time.Second))
	if held == 0 {
		return fmt.Sprintf("ingested %d articles into %d stories in %s", articles, stories, d)
	}
	return fmt.Sprintf("the kept database holds %d articles in %d stories; this run ingested %d new ones in %s", articles, stories, max(articles-held, 0), d)
}

// demoWritesLine tells the demo's user how the sources page's and the
// API's writes are unlocked. Without it a first-time user meets the token
// only when a form refuses them; the token itself is never printed, as the
// demo's output often ends up in a terminal log or a shared screen.
func demoWritesLine(tokenSet bool) string {
	if tokenSet {
		return "writes (add, edit, import or retry a source, in the sources page or the API) take the token in NEWSDESK_API_TOKEN"
	}
	return "writes are off: to add, edit, import or retry sources, restart with NEWSDESK_API_TOKEN set to a token of at least 16 bytes"
}

// subscribeNewswire starts the newswire and subscribes st to its feeds; it
// returns the wire's base URL.
func subscribeNewswire(ctx context.Context, st store.Store, wire *demo.Wire, flagAddr string, logger *slog.Logger) (string, error) {
	wireURL, err := startNewswire(ctx, st, wire, flagAddr, logger)
	if err != nil {
		return "", err
	}
	// On a kept database the feeds are subscribed already.
	for _, s := range wire.Sources(wireURL) {
		if _, err := st.AddSource(ctx, s); err != nil && !errors.Is(err, store.ErrDuplicate) {
			return "", fmt.Errorf("subscribe to %s: %w", s.URL, err)
		}
	}
	return wireURL, nil
}

// startNewswire starts the newswire and returns its base URL. An explicit
// --wire-addr must be free. Otherwise the wire goes back to the address a
// kept database subscribed to: its sources and articles are keyed by URLs
// that name the wire's port, and on any other port the demo would subscribe
// to, and ingest, a second copy of everything. If that address is taken
// meanwhile, a free port still gives a working demo, with the warning that
// it duplicates.
func startNewswire(ctx context.Context, st store.Store, wire *demo.Wire, flagAddr string, logger *slog.Logger) (string, error) {
	if flagAddr != "" {
		u, err := wire.Start(ctx, flagAddr)
		if err != nil {
			return "", fmt.Errorf("start newswire: %w", err)
		}
		return u, nil
	}
	addr, err := subscribedWireAddr(ctx, st, wire)
	if err != nil {
		return "", err
	}
	if addr != "" {
		u, err := wire.Start(ctx, addr)
		if err == nil {
			return u, nil
		}
		logger.Warn("the newswire's previous address is taken; the demo database will get a second set of sources",
			"addr", addr, "err", err)
	}
	u, err := wire.Start(ctx, anyLoopbackPort)
	if err != nil {
		return "", fmt.Errorf("start newswire: %w", err)
	}
	return u, nil
}

// subscribedWireAddr returns the loopback host:port of the first stored
// source that is one of the wire's feeds, or "" if there is none.
func subscribedWireAddr(ctx context.Context, st store.Store, wire *demo.Wire) (string, error) {
	sources, err := st.Sources(ctx)
	if err != nil {
		return "", fmt.Errorf("read demo subscriptions: %w", err)
	}
	feedPaths := map[string]bool{}
	for _, s := range wire.Sources("") {
		feedPaths[s.URL] = true
	}
	for _, s := range sources {
		u, err := url.Parse(s.URL)
		if err != nil || u.Scheme != "http" || !feedPaths[u.Path] {
			continue
		}
		if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsLoopback() && u.Port() != "" {
			return u.Host, nil
		}
	}
	return "", nil
}

// parseDemoFlags is the demo's configuration: env's, with the demo's own
// defaults, and args over both; and the newswire's --wire-addr.
func parseDemoFlags(args []string, env environment) (config.Config, string, error) {
	cfg := env.cfg
	// The demo starts from a fresh database unless a flag names one, so
	// the environment's database (perhaps a real one) is not used.
	cfg.DBPath, cfg.Database = "", ""
	// The newswire is on loopback and ours: no need to space requests out.
	cfg.AllowPrivate = true
	cfg.HostInterval = -1
	// A bundled translator lets the demo's Spanish articles join the
	// English coverage of the same events; --translator "" turns it off.
	// It translates into English only, so another desk language drops
	// this default (below) rather than fail on it.
	defaultGlossary := cfg.Translator == ""
	if defaultGlossary {
		cfg.Translator = "glossary"
	}
	cfg.GroupBacklogWait = demoGroupBacklogWait
	fs := newFlagSet("demo", env.stderr, demoUsage)
	bindConfigFlags(fs, &cfg, serverFlags)
	var wireAddr string
	fs.StringVar(&wireAddr, "wire-addr", "", "loopback listen `address` of the newswire (default: the one a kept --db subscribed to, else a free port)")
	if err := parseFlags(fs, args); err != nil {
		return cfg, "", err
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "translator" {
			defaultGlossary = false
		}
	})
	if defaultGlossary && translate.CheckTarget(cfg.Translator, cfg.DeskLang) != nil {
		env.logger.Warn("demo: the bundled glossary translates into English only; grouping without a translator", "desk_lang", cfg.DeskLang)
		cfg.Translator = ""
	}
	if fs.NArg() != 0 {
		return cfg, "", argsError(env.stderr, demoUsage, "demo", "unexpected argument %q: demo takes flags only", fs.Arg(0))
	}
	return cfg, wireAddr, nil
}
