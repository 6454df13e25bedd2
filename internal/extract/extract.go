// Package extract finds an article page's main text and metadata.
package extract

import "time"

// Result is what extraction found on a page.
type Result struct {
	Title        string
	Byline       string
	Published    time.Time
	Publisher    string
	Lang         string
	CanonicalURL string
	Description  string
	Image        string
	Text         string // main text, paragraphs separated by "\n\n"
}

// Extract reads the main content of an HTML page fetched from pageURL.
func Extract(html []byte, pageURL string) (Result, error) { panic("extract: not implemented yet") }
