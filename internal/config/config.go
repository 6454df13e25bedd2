// Package config holds newsdesk's settings: one struct with documented
// defaults, built in main and passed to whatever needs it.
package config

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/pipeline"
	"github.com/newsdesk/newsdesk/internal/store/postgres"
	"github.com/newsdesk/newsdesk/internal/translate"
	"github.com/newsdesk/newsdesk/internal/web"
	"github.com/newsdesk/newsdesk/internal/write"
	"golang.org/x/text/language"
)

// Version is newsdesk's version, reported in the User-Agent.
const Version = "0.1.0"

// ProjectURL is where newsdesk lives, reported in the User-Agent.
const ProjectURL = "https://github.com/newsdesk/newsdesk"

// MinPollInterval is the shortest poll interval newsdesk accepts, the
// server's or a source's own. A feed polled more often than every minute
// gains nothing (publishers' feeds and caches change more slowly) and
// looks like abuse to the sites that serve it. It is the pipeline's own
// minimum, which pipeline.Config.Validate checks too, so the two cannot
// disagree.
const MinPollInterval = pipeline.MinPollInterval

// Config is every setting newsdesk has.
type Config struct {
	// Addr is the web server's listen address. Default 127.0.0.1:8080.
	Addr string
	// BaseURL is the site's public URL (https://news.example.org), for the
	// absolute links of the Atom feed and the copy button when newsdesk is
	// behind a reverse proxy, whose scheme and host the requests do not
	// show. It has no path: the pages link from the host's root. Set it at
	// first deployment and keep it: the Atom feed's entry ids are built
	// from it, so setting or changing it later makes every entry new to
	// feed readers. Default empty: each request's own Host. Read from
	// NEWSDESK_BASE_URL.
	BaseURL string
	// InstanceID names this instance in its Atom feed of briefings, by
	// which a poll that reaches the feed (through any URL) knows it for
	// its own and refuses it (pipeline.Config.InstanceID). Default empty:
	// serve and demo take the database's (store.Store.InstanceID), drawn
	// at random at the first start on it and kept, so that every process
	// on one database names the same instance and a restart keeps it. A
	// configured ID wins over the database's, which it leaves unchanged:
	// processes on one database should all be given it, or none. Read
	// from NEWSDESK_INSTANCE_ID.
	InstanceID string
	// DBPath is the SQLite database file. Default ./newsdesk.db. Unused
	// when Database is set.
	DBPath string
	// Database is a PostgreSQL URL (postgres://user@host:5432/db); when set
	// newsdesk keeps its data and jobs there instead of in DBPath. Default
	// empty: the embedded SQLite file. Read from NEWSDESK_DATABASE_URL.
	// It may hold a password: show it only through DatabaseName.
	Database string
	// APIToken authorises writes through the API (bearer token). Writes are
	// refused while it is empty; else at least MinAPITokenBytes, not one
	// character repeated. Read from NEWSDESK_API_TOKEN.
	APIToken string
	// AllowPrivate lets the fetcher reach loopback and private addresses.
	// Off by default; the demo and tests turn it on.
	AllowPrivate bool
	// UserAgent names newsdesk, its version and its URL.
	UserAgent string
	// Workers is the number of concurrent article jobs. Default 4.
	Workers int
	// PollInterval is how often each feed is polled. Default 15 minutes,
	// at least MinPollInterval.
	PollInterval time.Duration
	// HostInterval is the minimum gap between two requests to one host.
	// Default 1 second; negative turns per-host limiting off, as the demo
	// does for its own loopback newswire.
	HostInterval time.Duration
	// MaxBodyBytes caps a response after decompression. Default 15 MiB.
	MaxBodyBytes int64
	// FetchTimeout bounds one request, body included. Default 30 seconds.
	FetchTimeout time.Duration
	// GroupBacklogWait is how long grouping may wait for a backlog of
	// fetches (a first poll, an OPML import) to finish, so that it is
	// grouped oldest first as one batch; steady polling still groups
	// within 2 seconds (pipeline.Config.GroupBacklogWait). Default 1
	// minute, at most 1 hour; 0 groups a backlog in 2-second slices.
	GroupBacklogWait time.Duration
	// DeskLang is the desk's language, a bare BCP 47 primary language
	// subtag ("en", "es"): headlines prefer titles in it, and foreign
	// articles are translated into it for grouping. Default "en". Read
	// from NEWSDESK_DESK_LANG.
	DeskLang string
	// SummaryWords is the summary's length budget. Default 65.
	SummaryWords int
	// Retention is how long serve keeps a story after its newest article
	// (docs/pipeline.md, "Retention"): once a day it removes older ones,
	// with their articles and briefings. 0, the default, keeps
	// everything; else at least MinRetention. Read from
	// NEWSDESK_RETENTION (ParseRetention's form).
	Retention time.Duration
	// Translator selects the translator that brings foreign articles into
	// DeskLang for grouping: "" (none), "glossary" (the bundled
	// Spanish-English glossary) or "libretranslate:URL". Read from
	// NEWSDESK_TRANSLATOR.
	Translator string

	// The optional LLM writer (internal/write), off by default: with
	// WriterURL empty no written summary is drafted and briefings are
	// extractive only.
	//
	// WriterURL is an OpenAI-compatible API root such as
	// http://127.0.0.1:8081/v1 (llama.cpp server, Ollama, vLLM, OpenAI).
	// Read from NEWSDESK_WRITER_URL.
	WriterURL string
	// WriterModel is the model name sent with each request; required with
	// WriterURL. Read from NEWSDESK_WRITER_MODEL.
	WriterModel string
	// WriterKeyEnv names the environment variable holding the writer's API
	// key, so the key itself is in no flag, file or log. Default
	// NEWSDESK_WRITER_API_KEY; an unset variable sends no key, as a local
	// server needs none.
	WriterKeyEnv string
	// WriterTimeout bounds one writer request. Default
	// write.DefaultTimeout (60 seconds).
	WriterTimeout time.Duration
	// WriterAllowPrivate lets WriterURL name a loopback or private
	// address: the user's own model server. Off by default.
	WriterAllowPrivate bool
}

// MinRetention is the shortest retention accepted: the clusterer's join
// window (cluster.Config.Window, 30 days). It joins an article to a story
// up to that long after the story's last one, so a shorter retention
// would prune stories it still holds, and a pruned story that a new
// report joins comes back with the new report only, its past gone.
const MinRetention = 30 * 24 * time.Hour

// CheckRetention checks a retention that removes stories: at least
// MinRetention. Validate applies it to a Retention other than 0 (which
// keeps everything), newsdesk prune to its --older-than, which has no 0.
func CheckRetention(d time.Duration) error {
	if d < MinRetention {
		return fmt.Errorf("%s: want at least %s, so that stories still live are kept", news.FormatDuration(d), news.FormatDuration(MinRetention))
	}
	return nil
}

// ParseRetention reads a retention as an operator writes it: a whole
// number of days ("180d"), or a Go duration ("4320h"); "0" keeps
// everything. A negative one is an error.
func ParseRetention(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n > 1<<20 {
			return 0, fmt.Errorf("retention %q: want a whole number of days (180d) or a duration (4320h)", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("retention %q: want a whole number of days (180d) or a duration (4320h)", s)
		}
	}
	if d < 0 {
		return 0, fmt.Errorf("retention %q: want 0 or more", s)
	}
	return d, nil
}

// DefaultWriterKeyEnv is the variable the writer's API key is read from
// unless Config.WriterKeyEnv names another.
const DefaultWriterKeyEnv = "NEWSDESK_WRITER_API_KEY"

// Writer returns the writer's configuration, its API key read with getenv
// from the variable WriterKeyEnv names. Its Enabled is false when no
// writer is configured.
func (c Config) Writer(getenv func(string) string) write.Config {
	wc := write.Config{
		BaseURL:      c.WriterURL,
		Model:        c.WriterModel,
		Timeout:      c.WriterTimeout,
		AllowPrivate: c.WriterAllowPrivate,
	}
	if getenv != nil && c.WriterKeyEnv != "" {
		wc.APIKey = getenv(c.WriterKeyEnv)
	}
	return wc
}

// Default returns the documented defaults. The pipeline, fetch and briefing
// settings take the defaults of the packages that own them.
func Default() Config {
	return Config{
		Addr:             "127.0.0.1:8080",
		DBPath:           "newsdesk.db",
		UserAgent:        fmt.Sprintf("newsdesk/%s (+%s)", Version, ProjectURL),
		Workers:          pipeline.DefaultWorkers,
		PollInterval:     pipeline.DefaultPollInterval,
		HostInterval:     fetch.DefaultHostInterval,
		MaxBodyBytes:     fetch.DefaultMaxBodyBytes,
		FetchTimeout:     fetch.DefaultTimeout,
		DeskLang:         pipeline.DefaultDeskLang,
		GroupBacklogWait: pipeline.DefaultGroupBacklog,
		SummaryWords:     brief.DefaultSummaryWords,

		WriterKeyEnv:  DefaultWriterKeyEnv,
		WriterTimeout: write.DefaultTimeout,
	}
}

// DatabaseName names the database in use for logs and messages: the
// PostgreSQL URL without its password, else the SQLite file.
func (c Config) DatabaseName() string {
	if c.Database != "" {
		return postgres.Redact(c.Database)
	}
	return c.DBPath
}

// CheckDeskLang reports whether s is a desk language: a known BCP 47
// primary language subtag of two letters ("es", case aside). A region or
// script ("es-MX") is refused rather than dropped, because articles are
// matched to the desk by primary subtag only and a region would promise a
// distinction nothing makes; three-letter subtags are refused because
// language detection and article hints give ISO 639-1 codes, which a
// three-letter desk would never match.
func CheckDeskLang(s string) error {
	if len(s) != 2 {
		return fmt.Errorf("desk language %q: want a two-letter BCP 47 primary language subtag such as en or es", s)
	}
	if _, err := language.ParseBase(s); err != nil {
		return fmt.Errorf("desk language %q: want a two-letter BCP 47 primary language subtag such as en or es: %w", s, err)
	}
	return nil
}

// MinAPITokenBytes is the shortest API token accepted. The token is all
// that stands between anyone who can reach the server and its writes; at
// 16 random bytes guessing is hopeless even without the web server's limit
// on failed attempts (web.AuthFailLimit).
const MinAPITokenBytes = 16

// checkAPIToken refuses a token too weak to stand up to guessing: shorter
// than MinAPITokenBytes, or one character repeated. An empty token is
// fine: it turns writes off. The error never shows the token, as it goes
// to logs and terminals.
func checkAPIToken(tok string) error {
	switch {
	case tok == "":
		return nil
	case len(tok) < MinAPITokenBytes:
		return fmt.Errorf("API token is shorter than %d bytes: use a long random one, such as the output of `openssl rand -hex 32`", MinAPITokenBytes)
	case isOneCharRepeated(tok):
		return errors.New("API token is one character repeated: use a long random one, such as the output of `openssl rand -hex 32`")
	}
	return nil
}

// isOneCharRepeated reports whether s is one character, a UTF-8 sequence
// or else one byte, over and over.
func isOneCharRepeated(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size > 0 && len(s)%size == 0 && strings.Repeat(s[:size], len(s)/size) == s
}

// Validate reports every setting that cannot work.
func (c Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr %q: %w", c.Addr, err))
	}
	if c.InstanceID != "" && !feed.ValidInstanceID(c.InstanceID) {
		errs = append(errs, fmt.Errorf("instance ID %q: want 1 to 64 letters, digits, '-', '_' or '.'", c.InstanceID))
	}
	if c.BaseURL != "" {
		if _, err := web.ParseBaseURL(c.BaseURL); err != nil {
			errs = append(errs, fmt.Errorf("base URL %q: %w", c.BaseURL, err))
		}
	}
	if c.Database != "" {
		if err := postgres.CheckDSN(c.Database); err != nil {
			errs = append(errs, err)
		}
	} else if c.DBPath == "" {
		errs = append(errs, errors.New("db path is empty"))
	}
	if err := checkAPIToken(c.APIToken); err != nil {
		errs = append(errs, err)
	}
	if c.UserAgent == "" {
		errs = append(errs, errors.New("user agent is empty"))
	}
	if c.Workers < 1 || c.Workers > 256 {
		errs = append(errs, fmt.Errorf("workers %d: want 1 to 256", c.Workers))
	}
	if c.PollInterval < MinPollInterval {
		errs = append(errs, fmt.Errorf("poll interval %s: want at least %s", news.FormatDuration(c.PollInterval), news.FormatDuration(MinPollInterval)))
	}
	if c.MaxBodyBytes < 1<<10 {
		errs = append(errs, fmt.Errorf("max body %d bytes: want at least 1 KiB", c.MaxBodyBytes))
	}
	if c.FetchTimeout < time.Second {
		errs = append(errs, fmt.Errorf("fetch timeout %s: want at least 1 second", news.FormatDuration(c.FetchTimeout)))
	}
	if c.GroupBacklogWait < 0 || c.GroupBacklogWait > pipeline.MaxGroupBacklogWait {
		errs = append(errs, fmt.Errorf("group backlog wait %s: want 0 to %s", news.FormatDuration(c.GroupBacklogWait), news.FormatDuration(pipeline.MaxGroupBacklogWait)))
	}
	deskOK := true
	if err := CheckDeskLang(c.DeskLang); err != nil {
		errs = append(errs, err)
		deskOK = false
	}
	if err := translate.CheckSpec(c.Translator); err != nil {
		errs = append(errs, err)
	} else if deskOK {
		if err := translate.CheckTarget(c.Translator, c.DeskLang); err != nil {
			errs = append(errs, err)
		}
	}
	if c.SummaryWords < 10 {
		errs = append(errs, fmt.Errorf("summary words %d: want at least 10", c.SummaryWords))
	}
	if c.Retention != 0 {
		if err := CheckRetention(c.Retention); err != nil {
			errs = append(errs, fmt.Errorf("retention %w, or 0 to keep everything", err))
		}
	}
	if c.WriterURL != "" {
		if err := c.Writer(nil).Validate(); err != nil {
			errs = append(errs, err)
		}
		if c.WriterTimeout <= 0 {
			errs = append(errs, fmt.Errorf("writer timeout %s: want positive", news.FormatDuration(c.WriterTimeout)))
		}
	}
	return errors.Join(errs...)
}
