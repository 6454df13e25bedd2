package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/translate"
	"github.com/newsdesk/newsdesk/internal/web"
	"github.com/newsdesk/newsdesk/internal/write"
)

const serveUsage = `usage: newsdesk serve [flags]
Runs the scheduler, the workers and the web server in one process.
`

// shutdownTimeout bounds a graceful shutdown: in-flight requests and jobs
// get this long to finish after SIGINT or SIGTERM.
const shutdownTimeout = 15 * time.Second

func runServe(ctx context.Context, args []string, env environment) error {
	cfg := env.cfg
	fs := newFlagSet("serve", env.stderr, serveUsage)
	bindConfigFlags(fs, &cfg, serverFlags)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return argsError(env.stderr, serveUsage, "serve", "unexpected argument %q: serve takes flags only", fs.Arg(0))
	}
	if err := env.validate(cfg); err != nil {
		return err
	}
	return serve(ctx, cfg, env, hooks{})
}

// flagGroup is which of the configuration's flags a command takes.
type flagGroup int

const (
	// oneShotFlags are brief's: fetching, the summary, the translator
	// and the optional LLM writer.
	oneShotFlags flagGroup = iota
	// serverFlags are serve's and demo's: the one-shot's, and the web
	// server's, the database's, the workers' and the poll interval.
	serverFlags
)

// bindConfigFlags binds the flags of group g to cfg, each defaulting to
// cfg's value (the defaults, or the environment's): the one place the
// flags serve, demo and brief share are named and explained.
func bindConfigFlags(fs *flag.FlagSet, cfg *config.Config, g flagGroup) {
	if g == serverFlags {
		fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen `address` of the web server")
		fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "public `URL` of the site behind a reverse proxy, for the feed's and the copy button's links; set it at first deployment, as the feed's entry ids derive from it (default: each request's host)")
		fs.StringVar(&cfg.DBPath, "db", cfg.DBPath, "SQLite database `path`")
		fs.StringVar(&cfg.Database, "database", cfg.Database, "PostgreSQL `URL` (postgres://user@host:5432/db) to use instead of the SQLite file")
		fs.IntVar(&cfg.Workers, "workers", cfg.Workers, "concurrent article jobs")
		fs.DurationVar(&cfg.PollInterval, "poll-interval", cfg.PollInterval, "how often each feed is polled")
		fs.Func("retention", "remove stories whose newest article is older than this `duration` (180d, 4320h; at least 30d), once a day; every process sharing a database needs the same value, as only River's elected leader schedules it (default 0: keep everything, or NEWSDESK_RETENTION)", func(v string) error {
			d, err := config.ParseRetention(v)
			cfg.Retention = d
			return err
		})
		fs.DurationVar(&cfg.GroupBacklogWait, "group-backlog-wait", cfg.GroupBacklogWait, "how long grouping may wait for a backlog of fetches (a first poll, an import) to finish, so that it is grouped oldest first in one batch; steady polling still groups within 2s (0 to 1h; 0: group a backlog in 2s slices)")
	}
	fs.BoolVar(&cfg.AllowPrivate, "allow-private", cfg.AllowPrivate, "allow fetching from loopback and private addresses")
	fs.IntVar(&cfg.SummaryWords, "summary-words", cfg.SummaryWords, "summary length budget in words (at least 10)")
	fs.StringVar(&cfg.DeskLang, "desk-lang", cfg.DeskLang, "the desk's `language`, a two-letter BCP 47 code (en, es): headlines prefer titles in it, and foreign articles are translated into it for grouping")
	fs.StringVar(&cfg.Translator, "translator", cfg.Translator, `translator for foreign articles: "", "glossary" or "libretranslate:URL"`)
	fs.StringVar(&cfg.WriterURL, "writer-url", cfg.WriterURL, "OpenAI-compatible API root `URL` (e.g. http://127.0.0.1:8081/v1) of an LLM that drafts a written summary, published only where it is verified against the cited spans (default: off)")
	fs.StringVar(&cfg.WriterModel, "writer-model", cfg.WriterModel, "`model` name the writer asks for")
	fs.StringVar(&cfg.WriterKeyEnv, "writer-key-env", cfg.WriterKeyEnv, "environment `variable` holding the writer's API key")
	fs.DurationVar(&cfg.WriterTimeout, "writer-timeout", cfg.WriterTimeout, "bound on one writer request")
	fs.BoolVar(&cfg.WriterAllowPrivate, "writer-allow-private", cfg.WriterAllowPrivate, "allow the writer URL to name a loopback or private address (your own model server)")
}

// newWriter returns the writer cfg configures, or nil when it is off.
func newWriter(cfg config.Config, getenv func(string) string) (write.Writer, error) {
	wc := cfg.Writer(getenv)
	if !wc.Enabled() {
		return nil, nil
	}
	w, err := write.NewClient(wc, &http.Client{})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// hooks let a command add to serve's start-up. Both are optional.
type hooks struct {
	// setup runs after the store opens, before the pipeline starts.
	setup func(ctx context.Context, st store.Store) error
	// ready runs once the web server listens, alongside it; its ctx ends
	// at shutdown, which waits for it to return. Its error stops the
	// server.
	ready func(ctx context.Context, baseURL string, p *pipeline.Pipeline, st store.Store) error
}

// newFetcher returns the fetch client cfg describes; every command that
// fetches uses it, so that they all honour the same settings.
func newFetcher(cfg config.Config, logger *slog.Logger) (*fetch.Client, error) {
	fcfg := fetch.DefaultConfig(cfg.UserAgent)
	fcfg.AllowPrivate = cfg.AllowPrivate
	fcfg.MaxBodyBytes = cfg.MaxBodyBytes
	fcfg.Timeout = cfg.FetchTimeout
	fcfg.HostInterval = cfg.HostInterval
	fcfg.Logger = logger
	fc, err := fetch.New(fcfg)
	if err != nil {
		return nil, fmt.Errorf("fetch client: %w", err)
	}
	return fc, nil
}

// webConfig is the web server's part of cfg; onSourceAdded starts a poll,
// and schedule is the pipeline's, which an edited interval moves the next
// poll by.
func webConfig(cfg config.Config, onSourceAdded func(context.Context, news.Source), schedule web.Scheduler) web.Config {
	return web.Config{
		APIToken: cfg.APIToken, BaseURL: cfg.BaseURL, ListenAddr: cfg.Addr, InstanceID: cfg.InstanceID,
		OnSourceAdded: onSourceAdded, Schedule: schedule,
	}
}

// instanceID is the ID serve gives its feed and its pipeline: the
// configured one (config.Config.InstanceID) if set, else the database's
// (store.Store.InstanceID), which every process on the database shares
// and a restart keeps. A process drawing its own at each start would take
// its sibling workers' feeds, and its own from before a restart, for
// another desk's. The database's is read (stored at the first start)
// even when one is configured, to log both: a process on the database
// not given the configured ID names the stored one.
func instanceID(ctx context.Context, configured string, st store.Store, logger *slog.Logger) (string, error) {
	stored, err := st.InstanceID(ctx)
	if err != nil {
		return "", err
	}
	switch {
	case configured == "":
		logger.Info("instance ID", "id", stored, "from", "database")
		return stored, nil
	case configured != stored:
		logger.Info("instance ID", "id", configured, "from", "NEWSDESK_INSTANCE_ID", "database", stored)
	default:
		logger.Info("instance ID", "id", configured, "from", "NEWSDESK_INSTANCE_ID")
	}
	return configured, nil
}

// serve runs newsdesk until ctx is cancelled, then shuts down gracefully:
// the web server stops taking requests, the pipeline finishes its jobs,
// the store closes.
func serve(ctx context.Context, cfg config.Config, env environment, h hooks) error {
	logger := env.logger
	// The address first: a port already taken must fail the command before
	// it creates and migrates a database.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	served := false // once served, shutting the server down closes ln
	defer func() {
		if !served {
			ln.Close()
		}
	}()
	st, err := openStore(ctx, cfg, logger.With("component", "store"))
	if err != nil {
		return err
	}
	defer st.Close()
	if h.setup != nil {
		if err := h.setup(ctx, st); err != nil {
			return err
		}
	}

	fc, err := newFetcher(cfg, logger.With("component", "fetch"))
	if err != nil {
		return err
	}
	defer fc.Close()

	if cfg.InstanceID, err = instanceID(ctx, cfg.InstanceID, st, logger); err != nil {
		return err
	}
	pcfg := pipeline.DefaultConfig()
	// The pipeline refuses a feed the web server wrote, however a poll
	// reaches it: both are given the one ID.
	pcfg.InstanceID = cfg.InstanceID
	pcfg.Workers = cfg.Workers
	pcfg.PollInterval = cfg.PollInterval
	pcfg.DeskLang = cfg.DeskLang
	pcfg.SummaryWords = cfg.SummaryWords
	pcfg.GroupBacklogWait = cfg.GroupBacklogWait
	pcfg.Retention = cfg.Retention
	if cfg.Translator != "" {
		tr, err := translate.New(cfg.Translator)
		if err != nil {
			return fmt.Errorf("translator: %w", err)
		}
		pcfg.Translator = tr
	}
	if pcfg.Writer, err = newWriter(cfg, env.getenv); err != nil {
		return err
	}
	p, err := pipeline.New(pcfg, st, st.QueueDB(), fc, logger.With("component", "pipeline"))
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}

	wcfg := cfg
	// The address listened on, port 0 resolved: the one a source on this
	// server's own site would name.
	wcfg.Addr = ln.Addr().String()
	srv, err := web.New(webConfig(wcfg, func(ctx context.Context, s news.Source) {
		if err := p.PollNow(ctx, s.ID); err != nil {
			logger.Warn("poll new source", "source", s.ID, "err", err)
		}
	}, pcfg.Schedule), st, logger.With("component", "web"))
	if err != nil {
		return fmt.Errorf("web server: %w", err)
	}
	hs := web.NewHTTPServer(cfg.Addr, srv.Handler(), logger)
	baseURL := "http://" + ln.Addr().String()

	if err := p.Start(ctx); err != nil {
		return err
	}
	// The web server and the ready hook both use the store and the
	// pipeline, so both have ended before those stop: the server when it
	// is shut down, the hook when runCtx ends.
	runCtx, cancelRun := context.WithCancel(ctx)
	defer cancelRun()
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	served = true
	wg.Go(func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("web server: %w", err)
		}
	})
	logger.Info("newsdesk is serving", "url", baseURL, "db", cfg.DatabaseName())
	// Logged either way: every process sharing a database must be given
	// the same --retention (the elected River leader's decides whether,
	// and how much, is pruned), and this line is how to compare them.
	if cfg.Retention > 0 {
		// The pipeline's periodic job prunes (pipeline.Config.Retention).
		logger.Info("retention on", "keep", news.FormatDuration(cfg.Retention))
	} else {
		logger.Info("retention off", "keep", "everything")
	}
	if h.ready != nil {
		wg.Go(func() {
			if err := h.ready(runCtx, baseURL, p, st); err != nil && runCtx.Err() == nil {
				errc <- err
			}
		})
	}

	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errc:
	}
	logger.Info("shutting down")
	cancelRun()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		logger.Warn("web server shutdown", "err", err)
	}
	wg.Wait()
	if err := p.Stop(sctx); err != nil {
		logger.Warn("pipeline shutdown", "err", err)
	}
	return runErr
}
