package translate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/lang"
)

// DefaultHTTPTimeout bounds one translation request.
const DefaultHTTPTimeout = 30 * time.Second

// maxResponseBytes caps a translation response; a translation is never
// many times longer than its source.
const maxResponseBytes = 8 << 20

// HTTP translates through a LibreTranslate-compatible server:
// POST {BaseURL}/translate with JSON {q, source, target, format:"text"},
// answered by {translatedText}.
//
// Texts longer than MaxChars are sent in pieces split at paragraph breaks
// (else sentence ends, else spaces), because LibreTranslate servers limit
// the characters per request; the pieces are rejoined with the separators
// they were split at.
type HTTP struct {
	BaseURL  string        // e.g. "http://127.0.0.1:5000"
	APIKey   string        // sent as api_key when set
	Client   *http.Client  // nil uses http.DefaultClient
	Timeout  time.Duration // per request; default DefaultHTTPTimeout
	MaxChars int           // per request, in runes; default DefaultMaxChars
}

// DefaultMaxChars is the request size HTTP stays under unless told
// otherwise; LibreTranslate's public instance allows 5,000 characters.
const DefaultMaxChars = 4000

// NewHTTP returns an HTTP translator for the server at baseURL with
// DefaultHTTPTimeout.
func NewHTTP(baseURL string) (*HTTP, error) {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("translator URL %q: want an absolute http(s) URL", baseURL)
	}
	return &HTTP{BaseURL: strings.TrimRight(u.String(), "/"), Timeout: DefaultHTTPTimeout, MaxChars: DefaultMaxChars}, nil
}

type ltRequest struct {
	Q      string `json:"q"`
	Source string `json:"source"`
	Target string `json:"target"`
	Format string `json:"format"`
	APIKey string `json:"api_key,omitempty"`
}

type ltResponse struct {
	TranslatedText string `json:"translatedText"`
	Error          string `json:"error"`
}

// Translate implements Translator.
func (h *HTTP) Translate(ctx context.Context, text, from, to string) (string, error) {
	if to == "" || lang.Same(from, to) || strings.TrimSpace(text) == "" {
		return text, nil
	}
	limit := h.MaxChars
	if limit <= 0 {
		limit = DefaultMaxChars
	}
	pieces := splitText(text, limit)
	var b strings.Builder
	for _, p := range pieces {
		if strings.TrimSpace(p.text) == "" {
			b.WriteString(p.text)
		} else {
			out, err := h.translateOne(ctx, p.text, from, to)
			if err != nil {
				return "", err
			}
			b.WriteString(out)
		}
		b.WriteString(p.sep)
	}
	return b.String(), nil
}

// piece is a part of a text and the separator that followed it.
type piece struct{ text, sep string }

// splitText cuts text into pieces of at most limit runes, preferring
// paragraph breaks, then line breaks, then sentence ends, then spaces;
// a run with none of them is cut hard.
func splitText(text string, limit int) []piece {
	if utf8.RuneCountInString(text) <= limit {
		return []piece{{text: text}}
	}
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		parts := strings.Split(text, sep)
		if len(parts) == 1 {
			continue
		}
		var out []piece
		cur := parts[0]
		for _, p := range parts[1:] {
			if next := cur + sep + p; utf8.RuneCountInString(next) <= limit {
				cur = next
				continue
			}
			out = append(out, splitText(cur, limit)...)
			out[len(out)-1].sep = sep
			cur = p
		}
		return append(out, splitText(cur, limit)...)
	}
	// No separator at all: cut at rune boundaries.
	var out []piece
	for len(text) > 0 {
		n, runes := 0, 0
		for n < len(text) && runes < limit {
			_, size := utf8.DecodeRuneInString(text[n:])
			n += size
			runes++
		}
		out = append(out, piece{text: text[:n]})
		text = text[n:]
	}
	return out
}

func (h *HTTP) translateOne(ctx context.Context, text, from, to string) (string, error) {
	source := lang.Primary(from)
	if source == "" {
		source = "auto"
	}
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = DefaultHTTPTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	body, err := json.Marshal(ltRequest{Q: text, Source: source, Target: lang.Primary(to), Format: "text", APIKey: h.APIKey})
	if err != nil {
		return "", fmt.Errorf("translate %s to %s: %w", from, to, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.BaseURL+"/translate", bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("translate %s to %s: %w", from, to, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	client := h.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("translate %s to %s via %s: %w", from, to, h.BaseURL, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return "", fmt.Errorf("translate %s to %s via %s: read response: %w", from, to, h.BaseURL, err)
	}
	if len(data) > maxResponseBytes {
		return "", fmt.Errorf("translate %s to %s via %s: response too large", from, to, h.BaseURL)
	}
	var out ltResponse
	jsonErr := json.Unmarshal(data, &out)
	if resp.StatusCode != http.StatusOK {
		msg := out.Error
		if jsonErr != nil || msg == "" {
			msg = http.StatusText(resp.StatusCode)
		}
		err := fmt.Errorf("translate %s to %s via %s: HTTP %d: %s", from, to, h.BaseURL, resp.StatusCode, msg)
		if resp.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(msg), "not supported") {
			err = fmt.Errorf("%w (%w)", err, ErrUnsupported)
		}
		return "", err
	}
	if jsonErr != nil {
		return "", fmt.Errorf("translate %s to %s via %s: bad response: %w", from, to, h.BaseURL, jsonErr)
	}
	if out.TranslatedText == "" && strings.TrimSpace(text) != "" {
		return "", fmt.Errorf("translate %s to %s via %s: %w", from, to, h.BaseURL, errEmpty)
	}
	return out.TranslatedText, nil
}

var errEmpty = errors.New("empty translation")
