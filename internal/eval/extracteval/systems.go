package extracteval

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/newsdesk/newsdesk/internal/extract"
	"golang.org/x/net/html"
)

// Output is what one system extracted from one page.
type Output struct {
	Text      string
	Title     string
	Byline    string
	Published time.Time
	Modified  time.Time
}

// System is one extractor under evaluation.
type System struct {
	Name string
	Run  func(page []byte, pageURL string) (Output, error)
}

// Ours is newsdesk's own extractor, the one the server ingests with,
// configured by opts (the zero value: the server's).
func Ours(opts extract.Options) System {
	ex := extract.New(opts)
	return System{Name: "newsdesk", Run: func(page []byte, pageURL string) (Output, error) {
		r, err := ex.Extract(page, pageURL)
		if err != nil {
			return Output{}, err
		}
		return Output{Text: r.Text, Title: r.Title, Byline: r.Byline, Published: r.Published, Modified: r.Modified}, nil
	}}
}

// Peers are the Go extractors newsdesk is compared against, each run with
// its library defaults: go-trafilatura without and with its readability /
// dom-distiller fallback, and readeck's go-readability.
func Peers() []System {
	return []System{
		{Name: "go-trafilatura", Run: trafilaturaRun(false)},
		{Name: "go-trafilatura-fallback", Run: trafilaturaRun(true)},
		{Name: "go-readability", Run: readabilityRun},
	}
}

func parseURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil
	}
	return u
}

func trafilaturaRun(fallback bool) func([]byte, string) (Output, error) {
	return func(page []byte, pageURL string) (Output, error) {
		opts := trafilatura.Options{EnableFallback: fallback, OriginalURL: parseURL(pageURL)}
		r, err := trafilatura.Extract(bytes.NewReader(page), opts)
		if err != nil {
			return Output{}, fmt.Errorf("go-trafilatura: %w", err)
		}
		return Output{Text: r.ContentText, Title: r.Metadata.Title, Byline: r.Metadata.Author, Published: r.Metadata.Date}, nil
	}
}

func readabilityRun(page []byte, pageURL string) (Output, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return Output{}, fmt.Errorf("parse html: %w", err)
	}
	p := readability.NewParser()
	a, err := p.ParseAndMutate(doc, parseURL(pageURL))
	if err != nil {
		return Output{}, fmt.Errorf("go-readability: %w", err)
	}
	var sb strings.Builder
	if a.Node != nil {
		if err := a.RenderText(&sb); err != nil {
			return Output{}, fmt.Errorf("go-readability: %w", err)
		}
	}
	pub, _ := a.PublishedTime()
	return Output{Text: sb.String(), Title: a.Title(), Byline: a.Byline(), Published: pub}, nil
}
