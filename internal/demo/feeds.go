package demo

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"time"
)

// feedEntry is what every feed format says about one article.
type feedEntry struct {
	ID, URL, Title, Summary, Author, Category string
	Published                                 time.Time
}

type feedMeta struct {
	Title, Home, Self, Description, Lang string
	Updated                              time.Time
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string      `xml:"title"`
	Link          string      `xml:"link"`
	Description   string      `xml:"description"`
	Language      string      `xml:"language,omitempty"`
	LastBuildDate string      `xml:"lastBuildDate"`
	Self          rssAtomLink `xml:"atom:link"`
	Items         []rssItem   `xml:"item"`
}

type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Creator     string  `xml:"dc:creator,omitempty"`
	Category    string  `xml:"category,omitempty"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

func renderRSS(m feedMeta, entries []feedEntry) ([]byte, error) {
	doc := rssDoc{
		Version: "2.0",
		DC:      "http://purl.org/dc/elements/1.1/",
		Atom:    "http://www.w3.org/2005/Atom",
		Channel: rssChannel{
			Title:         m.Title,
			Link:          m.Home,
			Description:   m.Description,
			Language:      m.Lang,
			LastBuildDate: m.Updated.Format(time.RFC1123Z),
			Self:          rssAtomLink{Href: m.Self, Rel: "self", Type: "application/rss+xml"},
		},
	}
	for _, e := range entries {
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title:       e.Title,
			Link:        e.URL,
			GUID:        rssGUID{IsPermaLink: e.ID == e.URL, Value: e.ID},
			PubDate:     e.Published.Format(time.RFC1123Z),
			Creator:     e.Author,
			Category:    e.Category,
			Description: e.Summary,
		})
	}
	return marshalXML(doc)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	ID        string        `xml:"id"`
	Title     string        `xml:"title"`
	Link      atomLink      `xml:"link"`
	Published string        `xml:"published"`
	Updated   string        `xml:"updated"`
	Author    *atomAuthor   `xml:"author,omitempty"`
	Category  *atomCategory `xml:"category,omitempty"`
	Summary   atomText      `xml:"summary"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

func renderAtom(m feedMeta, entries []feedEntry) ([]byte, error) {
	f := atomFeed{
		Lang:    m.Lang,
		ID:      m.Self,
		Title:   m.Title,
		Sub:     m.Description,
		Updated: m.Updated.Format(time.RFC3339),
		Links: []atomLink{
			{Href: m.Self, Rel: "self", Type: "application/atom+xml"},
			{Href: m.Home, Rel: "alternate", Type: "text/html"},
		},
	}
	for _, e := range entries {
		ae := atomEntry{
			ID:        e.ID,
			Title:     e.Title,
			Link:      atomLink{Href: e.URL, Rel: "alternate", Type: "text/html"},
			Published: e.Published.Format(time.RFC3339),
			Updated:   e.Published.Format(time.RFC3339),
			Summary:   atomText{Type: "text", Value: e.Summary},
		}
		if e.Author != "" {
			ae.Author = &atomAuthor{Name: e.Author}
		}
		if e.Category != "" {
			ae.Category = &atomCategory{Term: e.Category}
		}
		f.Entries = append(f.Entries, ae)
	}
	return marshalXML(f)
}

func marshalXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal feed: %w", err)
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	Summary       string           `json:"summary,omitempty"`
	ContentText   string           `json:"content_text"`
	DatePublished string           `json:"date_published"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Language      string           `json:"language,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

func renderJSONFeed(m feedMeta, entries []feedEntry) ([]byte, error) {
	f := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       m.Title,
		HomePageURL: m.Home,
		FeedURL:     m.Self,
		Description: m.Description,
		Language:    m.Lang,
		Items:       []jsonFeedItem{},
	}
	for _, e := range entries {
		it := jsonFeedItem{
			ID:            e.ID,
			URL:           e.URL,
			Title:         e.Title,
			Summary:       e.Summary,
			ContentText:   e.Summary,
			DatePublished: e.Published.Format(time.RFC3339),
			Language:      m.Lang,
		}
		if e.Author != "" {
			it.Authors = []jsonFeedAuthor{{Name: e.Author}}
		}
		if e.Category != "" {
			it.Tags = []string{e.Category}
		}
		f.Items = append(f.Items, it)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal json feed: %w", err)
	}
	return append(b, '\n'), nil
}

// outletFeed renders an outlet's feed, newest first, with absolute URLs
// under base. It also returns the feed's content type and last change.
func (w *Wire) outletFeed(o Outlet, base string) (body []byte, contentType string, updated time.Time, err error) {
	m := feedMeta{Title: o.Name, Home: base + o.HomePath(), Self: base + o.FeedPath(), Description: o.Description, Lang: o.Lang}
	var entries []feedEntry
	for i := len(w.articles) - 1; i >= 0; i-- {
		a := w.articles[i]
		if a.Outlet != o.Slug {
			continue
		}
		if a.Published.After(m.Updated) {
			m.Updated = a.Published
		}
		u := base + a.Path
		entries = append(entries, feedEntry{ID: u, URL: u, Title: a.Title, Summary: a.Summary, Author: a.Byline, Category: a.Topic, Published: a.Published})
	}
	switch o.Format {
	case FormatAtom:
		body, err = renderAtom(m, entries)
		contentType = "application/atom+xml; charset=utf-8"
	case FormatJSON:
		body, err = renderJSONFeed(m, entries)
		contentType = "application/feed+json; charset=utf-8"
	default:
		body, err = renderRSS(m, entries)
		contentType = "application/rss+xml; charset=utf-8"
	}
	return body, contentType, m.Updated, err
}
