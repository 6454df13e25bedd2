// Package feed reads subscriptions: RSS, Atom and JSON Feed documents and
// OPML subscription lists.
package feed

import "time"

// Feed is a parsed feed document.
type Feed struct {
	Title   string
	HomeURL string
	Lang    string
	Items   []Item
}

// Item is one entry of a feed.
type Item struct {
	GUID       string
	URL        string
	Title      string
	Content    string // plain text of the item's content or summary
	Author     string
	Published  time.Time
	Categories []string
}

// Parse reads an RSS, Atom or JSON Feed document. baseURL resolves relative
// links.
func Parse(data []byte, baseURL string) (*Feed, error) { panic("feed: not implemented yet") }
