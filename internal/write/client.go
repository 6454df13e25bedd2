package write

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Defaults of a Client.
const (
	// DefaultTimeout bounds one chat-completions request. A local model
	// drafting a few sentences answers in seconds; a minute covers a slow
	// CPU-only server without holding a briefing up for long.
	DefaultTimeout = 60 * time.Second
	// DefaultMaxResponseBytes caps a response: a few sentences of JSON
	// wrapped in the API's envelope are a few KiB.
	DefaultMaxResponseBytes = 1 << 20
	// MaxDrafts and MaxDraftBytes bound what ParseDrafts accepts: a
	// summary is a handful of sentences.
	MaxDrafts     = 12
	MaxDraftBytes = 1000
)

// Config configures a Client. The zero value is a writer that is off.
type Config struct {
	// BaseURL is the OpenAI-compatible API root, e.g.
	// "http://127.0.0.1:8081/v1" (llama.cpp server), "http://127.0.0.1:11434/v1"
	// (Ollama) or "https://api.openai.com/v1"; requests go to
	// BaseURL + "/chat/completions". Default empty: the writer is off.
	BaseURL string
	// Model is sent as the request's model. Required with BaseURL.
	Model string
	// APIKey is sent as a bearer token when set. It is read from the
	// environment variable the configuration names, never logged.
	APIKey string
	// Timeout bounds one request; default DefaultTimeout.
	Timeout time.Duration
	// MaxResponseBytes caps a response; default DefaultMaxResponseBytes.
	MaxResponseBytes int64
	// AllowPrivate lets BaseURL name a loopback or private address: the
	// user's own model server. Off by default, so that a mistyped or
	// injected URL cannot point the desk at its own network.
	AllowPrivate bool
}

// Enabled reports whether a writer is configured.
func (c Config) Enabled() bool { return strings.TrimSpace(c.BaseURL) != "" }

// Validate reports every setting that cannot work. A zero Config is valid
// (the writer off).
func (c Config) Validate() error {
	if !c.Enabled() {
		return nil
	}
	var errs []error
	u, err := url.Parse(strings.TrimSpace(c.BaseURL))
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		errs = append(errs, fmt.Errorf("writer URL %q: want an absolute http(s) URL", c.BaseURL))
	case u.User != nil:
		errs = append(errs, errors.New("writer URL: put the API key in the environment, not in the URL"))
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		// Requests go to BaseURL + "/chat/completions", which a query
		// would swallow; and a key in a query would be logged with
		// every error that names the endpoint.
		errs = append(errs, errors.New("writer URL: give the API root without a query or fragment; put an API key in the environment"))
	case !c.AllowPrivate && privateHost(u.Hostname()):
		errs = append(errs, fmt.Errorf("writer URL %q: a loopback or private address needs the private-address setting", c.BaseURL))
	case u.Scheme == "http" && c.APIKey != "" && !privateHost(u.Hostname()):
		// Plain HTTP across the internet shows the bearer token to every
		// hop; on the user's own machine or network it is their call.
		errs = append(errs, fmt.Errorf("writer URL %q: an API key is only sent over https to a public address", c.BaseURL))
	}
	if strings.TrimSpace(c.Model) == "" {
		errs = append(errs, errors.New("writer model is empty"))
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("writer timeout %s: want positive", news.FormatDuration(c.Timeout)))
	}
	if c.MaxResponseBytes < 0 {
		errs = append(errs, fmt.Errorf("writer max response %d bytes: want positive", c.MaxResponseBytes))
	}
	return errors.Join(errs...)
}

// privateHost reports whether host is localhost or a literal loopback,
// private, link-local or unspecified address. Names are not resolved:
// the check guards against configuration mistakes, not a hostile DNS.
func privateHost(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	// netip reads an IPv6 literal with a zone ("::1%lo"), which
	// net.ParseIP refuses and so would have let through.
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()
}

// Client is a Writer backed by an OpenAI-compatible chat-completions
// endpoint. It asks for JSON and parses it strictly (ParseDrafts).
type Client struct {
	cfg  Config
	base string
	http *http.Client
}

// NewClient returns a Client for cfg, which must be valid and enabled,
// talking through hc (nil uses http.DefaultClient).
func NewClient(cfg Config, hc *http.Client) (*Client, error) {
	if !cfg.Enabled() {
		return nil, errors.New("writer: no base URL configured")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("writer: %w", err)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxResponseBytes == 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	// A redirect would take the request, and on the same host its API
	// key, to an address Validate never saw: a public server could send
	// the desk to a loopback or metadata address. An API root has no
	// reason to redirect, so a 3xx is returned as the error it is.
	noRedirect := *hc
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Client{cfg: cfg, base: strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/"), http: &noRedirect}, nil
}

// systemPrompt tells the model the rules Verify enforces, so that fewer of
// its sentences are thrown away; Verify does not rely on it being obeyed.
const systemPrompt = `You rewrite news summaries. You are given numbered source sentences from news articles.
Write 2 to 4 short, plain sentences that summarise them for a reader.
Rules: use only facts stated in the sources; copy every number, name and quotation exactly as a source writes it;
keep every "not", "no" and "never" a source uses and add none; do not add opinions, causes or context.
Each sentence must list the numbers of the source sentences it draws on.
Answer with JSON only, exactly: {"sentences":[{"text":"...","cites":[1,2]}]}`

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []chatMessage  `json:"messages"`
	Temperature    float64        `json:"temperature"`
	ResponseFormat map[string]any `json:"response_format,omitempty"`
}

type chatResponse struct {
	Choices []struct {
		Message chatMessage `json:"message"`
	} `json:"choices"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// prompt is the user message: the headline and the numbered sources.
func prompt(req Request) string {
	var b strings.Builder
	if req.Headline != "" {
		fmt.Fprintf(&b, "Headline: %s\n\n", req.Headline)
	}
	b.WriteString("Sources:\n")
	for _, s := range req.Sources {
		fmt.Fprintf(&b, "[%d] %s\n", s.N, strings.Join(strings.Fields(s.Text), " "))
	}
	return b.String()
}

// Write implements Writer.
func (c *Client) Write(ctx context.Context, req Request) ([]Draft, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	body, err := json.Marshal(chatRequest{
		Model: c.cfg.Model,
		Messages: []chatMessage{
			{Role: "system", Content: systemPrompt},
			{Role: "user", Content: prompt(req)},
		},
		ResponseFormat: map[string]any{"type": "json_object"},
	})
	if err != nil {
		return nil, fmt.Errorf("writer: encode request: %w", err)
	}
	endpoint := c.base + "/chat/completions"
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("writer %s: %w", endpoint, err)
	}
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Accept", "application/json")
	if c.cfg.APIKey != "" {
		hr.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	resp, err := c.http.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("writer %s: %w", endpoint, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("writer %s: read response: %w", endpoint, err)
	}
	if int64(len(data)) > c.cfg.MaxResponseBytes {
		return nil, fmt.Errorf("writer %s: response over %d bytes", endpoint, c.cfg.MaxResponseBytes)
	}
	var out chatResponse
	jsonErr := json.Unmarshal(data, &out)
	if resp.StatusCode != http.StatusOK {
		msg := http.StatusText(resp.StatusCode)
		if jsonErr == nil && out.Error != nil && out.Error.Message != "" {
			msg = out.Error.Message
		}
		return nil, fmt.Errorf("writer %s: HTTP %d: %s", endpoint, resp.StatusCode, msg)
	}
	if jsonErr != nil {
		return nil, fmt.Errorf("writer %s: bad response: %w", endpoint, jsonErr)
	}
	if len(out.Choices) == 0 {
		return nil, fmt.Errorf("writer %s: response has no choices", endpoint)
	}
	drafts, err := ParseDrafts([]byte(out.Choices[0].Message.Content))
	if err != nil {
		return nil, fmt.Errorf("writer %s: %w", endpoint, err)
	}
	return drafts, nil
}

// ParseDrafts parses a model's answer, {"sentences":[{"text","cites"}]},
// strictly: one JSON object (a Markdown code fence around it, which models
// add unasked, is stripped), no unknown fields, at most MaxDrafts
// sentences of valid UTF-8 and at most MaxDraftBytes each, with positive
// span numbers. Sentence texts are trimmed; empty ones are an error.
func ParseDrafts(data []byte) ([]Draft, error) {
	s := strings.TrimSpace(string(data))
	if rest, ok := strings.CutPrefix(s, "```"); ok {
		rest = strings.TrimPrefix(rest, "json")
		if body, ok := strings.CutSuffix(strings.TrimSpace(rest), "```"); ok {
			s = strings.TrimSpace(body)
		}
	}
	if !utf8.ValidString(s) {
		return nil, errors.New("parse drafts: invalid UTF-8")
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	var v struct {
		Sentences []Draft `json:"sentences"`
	}
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("parse drafts: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("parse drafts: data after the JSON object")
	}
	if v.Sentences == nil {
		return nil, errors.New("parse drafts: no sentences field")
	}
	if len(v.Sentences) > MaxDrafts {
		return nil, fmt.Errorf("parse drafts: %d sentences, want at most %d", len(v.Sentences), MaxDrafts)
	}
	for i := range v.Sentences {
		d := &v.Sentences[i]
		d.Text = strings.TrimSpace(d.Text)
		switch {
		case d.Text == "":
			return nil, fmt.Errorf("parse drafts: sentence %d is empty", i)
		case len(d.Text) > MaxDraftBytes:
			return nil, fmt.Errorf("parse drafts: sentence %d is %d bytes, want at most %d", i, len(d.Text), MaxDraftBytes)
		case len(d.Cites) > MaxSources:
			return nil, fmt.Errorf("parse drafts: sentence %d cites %d spans, want at most %d", i, len(d.Cites), MaxSources)
		}
		for _, n := range d.Cites {
			if n < 1 {
				return nil, fmt.Errorf("parse drafts: sentence %d cites span %d", i, n)
			}
		}
	}
	return v.Sentences, nil
}
