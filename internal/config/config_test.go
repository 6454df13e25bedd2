package config

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		mod  func(*Config)
		want string // in the error; "" for valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"demo's host interval off", func(c *Config) { c.HostInterval = -1 }, ""},
		{"addr without port", func(c *Config) { c.Addr = "localhost" }, `addr "localhost"`},
		{"no db", func(c *Config) { c.DBPath = "" }, "db path is empty"},
		{"base URL", func(c *Config) { c.BaseURL = "https://news.example.org/" }, ""},
		{"base URL with a path", func(c *Config) { c.BaseURL = "https://news.example.org/desk" }, "want no path"},
		{"base URL without scheme", func(c *Config) { c.BaseURL = "news.example.org" }, `base URL "news.example.org"`},
		{"base URL not http", func(c *Config) { c.BaseURL = "ftp://news.example.org" }, `base URL "ftp://news.example.org"`},
		{"base URL with a bare query mark", func(c *Config) { c.BaseURL = "https://news.example.org/?" }, "want no path, query or fragment"},
		{"base URL with a query", func(c *Config) { c.BaseURL = "https://news.example.org/?a=1" }, "want no path, query or fragment"},
		{"base URL with an empty host name", func(c *Config) { c.BaseURL = "https://:443" }, "with a host name"},
		{"base URL with user info", func(c *Config) { c.BaseURL = "https://desk:pw@news.example.org" }, "want no user name or password"},
		{"base URL with a port", func(c *Config) { c.BaseURL = "http://127.0.0.1:8080" }, ""},
		{"instance ID", func(c *Config) { c.InstanceID = "desk-1.eu_west" }, ""},
		{"instance ID with a space", func(c *Config) { c.InstanceID = "desk one" }, `instance ID "desk one"`},
		{"instance ID over 64 bytes", func(c *Config) { c.InstanceID = strings.Repeat("d", 65) }, "want 1 to 64 letters"},
		{"postgres instead of a file", func(c *Config) {
			c.DBPath, c.Database = "", "postgres://newsdesk@db.internal:5432/newsdesk?sslmode=require"
		}, ""},
		{"database not a postgres URL", func(c *Config) { c.Database = "mysql://u@h/db" }, `database URL "mysql://u@h/db"`},
		{"database URL unparsable", func(c *Config) { c.Database = "postgres://u:pw@h:port/db" }, "database URL postgres://u:xxxxx@h:port/db"},
		{"no API token", func(c *Config) { c.APIToken = "" }, ""},
		{"API token 16 bytes", func(c *Config) { c.APIToken = "0123456789abcdef" }, ""},
		{"API token 15 bytes", func(c *Config) { c.APIToken = "0123456789abcde" }, "API token is shorter than 16 bytes"},
		{"API token one byte", func(c *Config) { c.APIToken = "Q" }, "API token is shorter than 16 bytes"},
		{"API token 16 bytes in multibyte runes", func(c *Config) { c.APIToken = "ñññññññø" }, ""},
		{"API token one character repeated", func(c *Config) { c.APIToken = strings.Repeat("a", 40) }, "API token is one character repeated"},
		{"API token one multibyte character repeated", func(c *Config) { c.APIToken = strings.Repeat("ñ", 20) }, "API token is one character repeated"},
		{"API token one invalid byte repeated", func(c *Config) { c.APIToken = strings.Repeat("\xff", 16) }, "API token is one character repeated"},
		{"API token two characters", func(c *Config) { c.APIToken = strings.Repeat("a", 39) + "b" }, ""},
		{"no user agent", func(c *Config) { c.UserAgent = "" }, "user agent is empty"},
		{"no workers", func(c *Config) { c.Workers = 0 }, "workers 0"},
		{"too many workers", func(c *Config) { c.Workers = 257 }, "workers 257"},
		{"poll too often", func(c *Config) { c.PollInterval = time.Millisecond }, "poll interval 1 millisecond: want at least 1 minute"},
		{"poll under a minute", func(c *Config) { c.PollInterval = 59 * time.Second }, "poll interval 59 seconds: want at least 1 minute"},
		{"poll every minute", func(c *Config) { c.PollInterval = time.Minute }, ""},
		{"no backlog wait", func(c *Config) { c.GroupBacklogWait = 0 }, ""},
		{"backlog wait an hour", func(c *Config) { c.GroupBacklogWait = time.Hour }, ""},
		{"backlog wait over an hour", func(c *Config) { c.GroupBacklogWait = time.Hour + time.Second }, "group backlog wait 1 hour 1 second: want 0 to 1 hour"},
		{"negative backlog wait", func(c *Config) { c.GroupBacklogWait = -time.Second }, "group backlog wait"},
		{"tiny body cap", func(c *Config) { c.MaxBodyBytes = 1023 }, "max body 1023 bytes"},
		{"short timeout", func(c *Config) { c.FetchTimeout = 0 }, "fetch timeout 0 seconds: want at least 1 second"},
		{"desk language name", func(c *Config) { c.DeskLang = "english" }, `desk language "english"`},
		{"desk language Spanish", func(c *Config) { c.DeskLang = "es" }, ""},
		{"desk language upper case", func(c *Config) { c.DeskLang = "ES" }, ""},
		{"desk language with region", func(c *Config) { c.DeskLang = "es-MX" }, `desk language "es-MX": want a two-letter`},
		{"desk language unknown", func(c *Config) { c.DeskLang = "zz" }, `desk language "zz"`},
		{"desk language three letters", func(c *Config) { c.DeskLang = "spa" }, `desk language "spa"`},
		{"desk language undetermined", func(c *Config) { c.DeskLang = "und" }, `desk language "und"`},
		{"glossary into English", func(c *Config) { c.Translator, c.DeskLang = "glossary", "en" }, ""},
		{"glossary into Spanish", func(c *Config) { c.Translator, c.DeskLang = "glossary", "es" }, `translator "glossary" translates Spanish into English only, not into the desk language "es"`},
		{"glossary into French", func(c *Config) { c.Translator, c.DeskLang = "glossary", "fr" }, `not into the desk language "fr"`},
		{"libretranslate into Spanish", func(c *Config) { c.Translator, c.DeskLang = "libretranslate:http://127.0.0.1:5000", "es" }, ""},
		{"no translator, Spanish desk", func(c *Config) { c.Translator, c.DeskLang = "", "es" }, ""},
		{"short summary", func(c *Config) { c.SummaryWords = 9 }, "summary words 9"},
		{"retention off", func(c *Config) { c.Retention = 0 }, ""},
		{"retention 30 days", func(c *Config) { c.Retention = MinRetention }, ""},
		{"retention under 30 days", func(c *Config) { c.Retention = MinRetention - time.Second }, "retention 29 days 23 hours 59 minutes 59 seconds: want at least 30 days, so that stories still live are kept, or 0 to keep everything"},
		{"retention negative", func(c *Config) { c.Retention = -24 * time.Hour }, "retention -1 day"},
		{"glossary translator", func(c *Config) { c.Translator = "glossary" }, ""},
		{"libretranslate translator", func(c *Config) { c.Translator = "libretranslate:http://127.0.0.1:5000" }, ""},
		{"unknown translator", func(c *Config) { c.Translator = "deepl" }, `translator "deepl": unknown kind`},
		{"libretranslate without URL", func(c *Config) { c.Translator = "libretranslate:" }, "translator URL"},
		{"writer", func(c *Config) { c.WriterURL, c.WriterModel = "https://api.example.com/v1", "m" }, ""},
		{"writer without model", func(c *Config) { c.WriterURL = "https://api.example.com/v1" }, "writer model is empty"},
		{"writer on loopback", func(c *Config) { c.WriterURL, c.WriterModel = "http://127.0.0.1:8081/v1", "m" }, "private"},
		{"writer on loopback allowed", func(c *Config) {
			c.WriterURL, c.WriterModel, c.WriterAllowPrivate = "http://127.0.0.1:8081/v1", "m", true
		}, ""},
		{"writer URL not http", func(c *Config) { c.WriterURL, c.WriterModel = "file:///x", "m" }, "writer URL"},
		{"writer timeout", func(c *Config) { c.WriterURL, c.WriterModel, c.WriterTimeout = "https://a.example/v1", "m", 0 }, "writer timeout 0 seconds: want positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := Default()
			tt.mod(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			case err != nil && c.APIToken != "" && strings.Contains(err.Error(), c.APIToken):
				t.Errorf("Validate() = %v, shows the API token", err)
			}
		})
	}
}

// TestParseRetention checks the forms an operator writes a retention in.
func TestParseRetention(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"180d", 180 * 24 * time.Hour, false},
		{"30d", MinRetention, false},
		{"4320h", 180 * 24 * time.Hour, false},
		{"0", 0, false},
		{"0d", 0, false},
		{" 30d ", 30 * 24 * time.Hour, false},
		{"-1d", 0, true},
		{"-5h", 0, true},
		{"1.5d", 0, true},
		{"d", 0, true},
		{"six months", 0, true},
		{"99999999d", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseRetention(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseRetention(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestDatabaseNameHidesPassword checks that what newsdesk logs about its
// database never shows the password a PostgreSQL URL carries.
// TestWriterOffByDefault checks that the defaults configure no writer, so
// that briefings stay extractive unless one is asked for, and that the key
// comes from the variable the configuration names.
func TestWriterOffByDefault(t *testing.T) {
	t.Parallel()
	c := Default()
	if c.Writer(nil).Enabled() {
		t.Error("the default configuration enables the writer")
	}
	c.WriterURL, c.WriterModel, c.WriterKeyEnv = "https://api.example.com/v1", "m", "K"
	wc := c.Writer(func(k string) string {
		if k == "K" {
			return "secret"
		}
		return ""
	})
	if !wc.Enabled() || wc.APIKey != "secret" || wc.Timeout != c.WriterTimeout {
		t.Errorf("Writer() = %+v", wc)
	}
}

func TestDatabaseNameHidesPassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"sqlite", func(*Config) {}, "newsdesk.db"},
		{"postgres", func(c *Config) { c.Database = "postgres://nd:s3cret@db:5432/nd" }, "postgres://nd:xxxxx@db:5432/nd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := Default()
			tt.mod(&c)
			if got := c.DatabaseName(); got != tt.want {
				t.Errorf("DatabaseName() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestValidateReportsAll checks that one call names every bad setting, so a
// user fixes a configuration in one go.
func TestValidateReportsAll(t *testing.T) {
	t.Parallel()
	c := Default()
	c.Workers, c.DeskLang = 0, ""
	err := c.Validate()
	for _, want := range []string{"workers 0", `desk language ""`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to name %q", err, want)
		}
	}
}
