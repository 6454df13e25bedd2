package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/config"
)

// TestFlagsHelpAndErrors checks what a user sees for -h and for a bad flag:
// -h shows the usage and succeeds; a bad flag is reported once, with the
// usage, and fails without running anything.
func TestFlagsHelpAndErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args      []string
		wantUsage string // in stderr
		wantErr   bool
	}{
		{[]string{"serve", "--help"}, "usage: newsdesk serve", false},
		{[]string{"demo", "-h"}, "usage: newsdesk demo", false},
		{[]string{"brief", "--help"}, "usage: newsdesk brief", false},
		{[]string{"sources", "-h"}, "usage: newsdesk sources", false},
		{[]string{"sources", "list", "-h"}, "usage: newsdesk sources", false},
		{[]string{"sources", "export", "--help"}, "usage: newsdesk sources", false},
		{[]string{"sources", "import", "-h"}, "usage: newsdesk sources", false},
		{[]string{"sources", "remove", "-h"}, "usage: newsdesk sources", false},
		{[]string{"eval", "-h"}, "usage: newsdesk eval", false},
		{[]string{"eval", "--help"}, "usage: newsdesk eval", false},
		{[]string{"help", "serve"}, "usage: newsdesk serve", false},
		{[]string{"help", "brief"}, "usage: newsdesk brief", false},
		{[]string{"help", "sources", "set"}, "usage: newsdesk sources", false},
		{[]string{"help", "prune"}, "usage: newsdesk prune", false},
		{[]string{"help", "eval"}, "usage: newsdesk eval", false},
		{[]string{"help", "demo"}, "usage: newsdesk demo", false},
		{[]string{"help", "bogus"}, "newsdesk help: unknown command \"bogus\"", true},
		{[]string{"help", "help"}, "newsdesk help: unknown command \"help\"", true},
		{[]string{"serve", "--bogus"}, "usage: newsdesk serve", true},
		{[]string{"serve", "extra"}, "newsdesk serve: unexpected argument \"extra\": serve takes flags only", true},
		{[]string{"demo", "extra"}, "newsdesk demo: unexpected argument \"extra\": demo takes flags only", true},
		{[]string{"brief", "--format"}, "usage: newsdesk brief", true},
		{[]string{"sources", "--bogus", "list"}, "usage: newsdesk sources", true},
		{[]string{"sources", "list", "--bogus"}, "usage: newsdesk sources", true},
		{[]string{"eval", "quotes", "--bogus"}, "Usage of eval quotes", true},
		{[]string{"eval", "extract", "--bogus"}, "Usage of eval extract", true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, func(string) string { return "" }, &stdout, &stderr)
			if !strings.Contains(stderr.String(), tt.wantUsage) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantUsage, stderr.String())
			}
			if !tt.wantErr {
				if err != nil {
					t.Errorf("err %v, want success", err)
				}
				return
			}
			// main prints any error but errUsage; the flag package has
			// printed this one already.
			if !errors.Is(err, errUsage) {
				t.Errorf("err %v, want errUsage", err)
			}
		})
	}
}

// TestUsageNamesEverySourcesCommand checks that the usage newsdesk prints
// without a command names each sources subcommand that sources -h lists.
func TestUsageNamesEverySourcesCommand(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	_ = run(context.Background(), nil, func(string) string { return "" }, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	_, line, _ := strings.Cut(out, "newsdesk sources ")
	line, _, _ = strings.Cut(line, "\n")
	for _, cmd := range []string{"add URL", "set ID", "import FILE.opml", "export", "list", "remove ID"} {
		if !strings.Contains(line, cmd) {
			t.Errorf("usage's sources line lacks %q: %s", cmd, line)
		}
		if !strings.Contains(sourcesUsage, strings.Fields(cmd)[0]) {
			t.Errorf("sources usage lacks %q", cmd)
		}
	}
}

// TestSummaryWordsHelp checks that each command taking --summary-words
// gives its floor in its help, as the check that refuses a smaller one does.
func TestSummaryWordsHelp(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"serve", "demo", "brief"} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), []string{cmd, "-h"}, func(string) string { return "" }, &stdout, &stderr); err != nil {
			t.Fatalf("%s -h: %v", cmd, err)
		}
		if !strings.Contains(stderr.String(), "summary length budget in words (at least 10)") {
			t.Errorf("%s -h does not give --summary-words' floor:\n%s", cmd, stderr.String())
		}
	}
}

// TestServeBaseURL runs serve behind an imagined reverse proxy: with
// --base-url (or NEWSDESK_BASE_URL) the feed's links name the public site,
// not the address the requests reach newsdesk at.
func TestServeBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		flags   []string
		env     map[string]string
		want    string // in the Atom feed
		wantErr string // from run, before serving
	}{
		{name: "flag", flags: []string{"--base-url", "https://news.example.org"}, want: `href="https://news.example.org/feeds/stories.atom"`},
		{name: "environment", env: map[string]string{"NEWSDESK_BASE_URL": "https://desk.example.net"}, want: `href="https://desk.example.net/feeds/stories.atom"`},
		{name: "not a URL", flags: []string{"--base-url", "news.example.org"}, wantErr: `base URL "news.example.org"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			addr := reusableAddr(t)
			args := append([]string{"serve", "--addr", addr, "--db", filepath.Join(t.TempDir(), "nd.db")}, tt.flags...)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var stdout, stderr bytes.Buffer
			done := make(chan error, 1)
			go func() { done <- run(ctx, args, func(k string) string { return tt.env[k] }, &stdout, &stderr) }()
			if tt.wantErr != "" {
				if err := <-done; err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			body := getWhenUp(t, ctx, done, "http://"+addr+"/feeds/stories.atom")
			if !strings.Contains(body, tt.want) {
				t.Errorf("feed lacks %q:\n%s", tt.want, body)
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
	}
}

// getWhenUp GETs url once the server answers, and returns the body; it
// fails if the server ends first.
func getWhenUp(t *testing.T, ctx context.Context, done <-chan error, url string) string {
	t.Helper()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		select {
		case <-ctx.Done():
			t.Fatalf("GET %s: %v", url, err)
		case serveErr := <-done:
			t.Fatalf("serve ended before it answered: %v", serveErr)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// TestServeBusyPort checks that serve on a port already taken fails before
// it creates a database, which would otherwise be left behind, migrated and
// empty, at whatever --db said.
func TestServeBusyPort(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "nd.db")
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"serve", "--addr", ln.Addr().String(), "--db", db}, func(string) string { return "" }, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "listen on "+ln.Addr().String()) {
		t.Errorf("err %v, want one naming the address", err)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("database %s left behind: %v", db, err)
	}
}

// TestSummaryWordsSetting checks that serve and demo take the summary's
// length budget from NEWSDESK_SUMMARY_WORDS and --summary-words, the flag
// winning, as brief does.
func TestSummaryWordsSetting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		env   string
		flags []string
		want  int
	}{
		{name: "default", want: 65},
		{name: "environment", env: "40", want: 40},
		{name: "flag", flags: []string{"--summary-words", "90"}, want: 90},
		{name: "flag over environment", env: "40", flags: []string{"--summary-words", "30"}, want: 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := parsedConfig(t, summaryWordsEnv(tt.env), serverFlags, tt.flags)
			if cfg.SummaryWords != tt.want {
				t.Errorf("SummaryWords = %d, want %d", cfg.SummaryWords, tt.want)
			}
		})
	}
}

// summaryWordsEnv is an environment that sets only NEWSDESK_SUMMARY_WORDS,
// to v.
func summaryWordsEnv(v string) func(string) string {
	return func(k string) string {
		if k == "NEWSDESK_SUMMARY_WORDS" {
			return v
		}
		return ""
	}
}

// TestSummaryWordsRefused checks that a budget serve cannot use stops it
// before it opens anything, whether it came from a flag or the environment.
func TestSummaryWordsRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     string
		flags   []string
		wantErr string
	}{
		{name: "flag too small", flags: []string{"--summary-words", "5"}, wantErr: "summary words 5: want at least 10"},
		{name: "environment too small", env: "9", wantErr: "summary words 9: want at least 10"},
		{name: "environment not a number", env: "sixty", wantErr: `NEWSDESK_SUMMARY_WORDS "sixty"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "nd.db")
			args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, tt.flags...)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			err := run(ctx, args, summaryWordsEnv(tt.env), io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// parsedConfig is the configuration a command sees: the environment's
// (getenv), then the flags of group parsed from flags.
func parsedConfig(t *testing.T, getenv func(string) string, group flagGroup, flags []string) config.Config {
	t.Helper()
	cfg, err := configFromEnv(getenv)
	if err != nil {
		t.Fatalf("configFromEnv: %v", err)
	}
	fs := newFlagSet("serve", io.Discard, serveUsage)
	bindConfigFlags(fs, &cfg, group)
	if err := parseFlags(fs, flags); err != nil {
		t.Fatalf("parse %q: %v", flags, err)
	}
	return cfg
}

// TestDeskLangSetting checks that serve, demo and brief take the desk's
// language from NEWSDESK_DESK_LANG and --desk-lang, the flag winning, and
// that the demo keeps its bundled glossary only for a desk it translates
// into, unless a translator is asked for by name.
func TestDeskLangSetting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		env           map[string]string
		flags         []string
		want          string
		wantDemoTrans string
	}{
		{name: "default", want: "en", wantDemoTrans: "glossary"},
		{name: "environment", env: map[string]string{"NEWSDESK_DESK_LANG": "es"}, want: "es", wantDemoTrans: ""},
		{name: "flag", flags: []string{"--desk-lang", "es"}, want: "es", wantDemoTrans: ""},
		{name: "flag over environment", env: map[string]string{"NEWSDESK_DESK_LANG": "es"}, flags: []string{"--desk-lang", "en"}, want: "en", wantDemoTrans: "glossary"},
		{name: "translator named", flags: []string{"--desk-lang", "es", "--translator", "libretranslate:http://127.0.0.1:5000"}, want: "es", wantDemoTrans: "libretranslate:http://127.0.0.1:5000"},
		{name: "translator from environment", env: map[string]string{"NEWSDESK_TRANSLATOR": "libretranslate:http://127.0.0.1:5000"}, flags: []string{"--desk-lang", "fr"}, want: "fr", wantDemoTrans: "libretranslate:http://127.0.0.1:5000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			getenv := func(k string) string { return tt.env[k] }
			for _, g := range []flagGroup{oneShotFlags, serverFlags} {
				cfg := parsedConfig(t, getenv, g, tt.flags)
				if cfg.DeskLang != tt.want {
					t.Errorf("flag group %d: DeskLang = %q, want %q", g, cfg.DeskLang, tt.want)
				}
			}
			cfg, err := configFromEnv(getenv)
			if err != nil {
				t.Fatalf("configFromEnv: %v", err)
			}
			env := environment{cfg: cfg, getenv: getenv, stdout: io.Discard, stderr: io.Discard, logger: slog.New(slog.DiscardHandler)}
			demoCfg, _, err := parseDemoFlags(tt.flags, env)
			if err != nil {
				t.Fatalf("demo flags %q: %v", tt.flags, err)
			}
			if demoCfg.DeskLang != tt.want || demoCfg.Translator != tt.wantDemoTrans {
				t.Errorf("demo: DeskLang, Translator = %q, %q, want %q, %q", demoCfg.DeskLang, demoCfg.Translator, tt.want, tt.wantDemoTrans)
			}
			demoCfg.DBPath = "demo.db" // runDemo's temporary one
			if err := demoCfg.Validate(); err != nil {
				t.Errorf("demo's configuration does not validate: %v", err)
			}
		})
	}
}

// TestDeskLangRefused checks that a desk language serve cannot use, or one
// its translator cannot translate into, stops it before it opens anything.
func TestDeskLangRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		flags   []string
		wantErr string
	}{
		{name: "flag with region", flags: []string{"--desk-lang", "es-MX"}, wantErr: `desk language "es-MX"`},
		{name: "environment unknown", env: map[string]string{"NEWSDESK_DESK_LANG": "zz"}, wantErr: `desk language "zz"`},
		{name: "glossary into Spanish", flags: []string{"--desk-lang", "es", "--translator", "glossary"}, wantErr: `not into the desk language "es"`},
		{name: "glossary from environment", env: map[string]string{"NEWSDESK_TRANSLATOR": "glossary", "NEWSDESK_DESK_LANG": "fr"}, wantErr: `not into the desk language "fr"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "nd.db")
			args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, tt.flags...)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			err := run(ctx, args, func(k string) string { return tt.env[k] }, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err %v, want %q", err, tt.wantErr)
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("database %s created: %v", db, err)
			}
		})
	}
}

// TestAPITokenTrimmed checks that the configured API token loses the white
// space around it, as the token a client sends does (web's auth), so a
// token read from a file with its newline still matches.
func TestAPITokenTrimmed(t *testing.T) {
	t.Parallel()
	const tok = "0123456789abcdef0123456789abcdef"
	tests := []struct{ name, env string }{
		{"plain", tok},
		{"trailing newline", tok + "\n"},
		{"spaces around", "  " + tok + "\t "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := configFromEnv(func(k string) string {
				if k == "NEWSDESK_API_TOKEN" {
					return tt.env
				}
				return ""
			})
			if err != nil {
				t.Fatalf("configFromEnv: %v", err)
			}
			if cfg.APIToken != tok {
				t.Errorf("APIToken = %q, want %q", cfg.APIToken, tok)
			}
		})
	}
}
