package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Atom 1.0 (RFC 4287) elements; encoding/xml escapes their text.
type atomFeed struct {
	XMLName   xml.Name       `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string         `xml:"id"`
	Title     string         `xml:"title"`
	Updated   string         `xml:"updated"`
	Author    atomPerson     `xml:"author"`
	Generator *atomGenerator `xml:"generator,omitempty"`
	Links     []atomLink     `xml:"link"`
	Entries   []atomEntry    `xml:"entry"`
}

// atomGenerator is RFC 4287's atom:generator; its uri names the instance
// (feed.InstanceURNPrefix), which is how a newsdesk knows its own feed
// when a poll reaches it through a proxy, a redirect or another host name.
type atomGenerator struct {
	URI  string `xml:"uri,attr,omitempty"`
	Name string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
}

// feedEntries caps the feed; readers poll it often.
const feedEntries = 50

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (s *Server) handleAtom(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// ?category= is the feed of one category's stories, a feed of its
	// own: its id and self link carry the category.
	category, err := categoryParam(r.URL.Query())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	page, err := s.st.RankedStories(ctx, store.StoryPage{Limit: s.cfg.MaxStories, Category: category})
	if err != nil {
		s.log.Error("atom feed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	stories := page.Stories
	base := s.baseURL(r)
	self, title, home := base+"/feeds/stories.atom", "newsdesk briefings", base+"/"
	if category != "" {
		q := "?" + url.Values{"category": {category}}.Encode()
		self, title, home = self+q, title+": "+category, home+q
	}
	generator := &atomGenerator{Name: "newsdesk", URI: s.instanceURN()}
	doc := atomFeed{
		ID:        self,
		Title:     title,
		Author:    atomPerson{Name: "newsdesk"},
		Generator: generator,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: home},
		},
	}
	var newest time.Time
	// The briefings are read a batch at a time, not one a story: the next
	// briefed stories, as many as entries remain, which is one query
	// unless a briefed story's briefing is missing (a story is marked
	// briefed with its briefing, so hardly ever); such a story is skipped,
	// and the batch after it fills the feed.
	for rest := stories; len(doc.Entries) < feedEntries; {
		var batch []news.Story
		var ids []int64
		for len(rest) > 0 && len(batch) < feedEntries-len(doc.Entries) {
			if rest[0].Briefed {
				batch = append(batch, rest[0])
				ids = append(ids, rest[0].ID)
			}
			rest = rest[1:]
		}
		if len(batch) == 0 {
			break
		}
		briefings, err := s.st.BriefingsByID(ctx, ids)
		if err != nil {
			s.log.Error("atom feed briefings", "stories", ids, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		for _, st := range batch {
			b, ok := briefings[st.ID]
			if !ok {
				continue
			}
			doc.Entries = append(doc.Entries, storyEntry(base, st, b))
			if u := entryUpdated(st, b); u.After(newest) {
				newest = u
			}
		}
	}
	if newest.IsZero() {
		// An empty feed has changed at no time; the clock here would give
		// it a new ETag every second, and never a 304.
		newest = time.Unix(0, 0)
	}
	doc.Updated = atomTime(newest)
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		s.log.Error("atom feed marshal", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	body := slices.Concat([]byte(xml.Header), out, []byte("\n"))
	sum := sha256.Sum256(body)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	// Feed readers poll the feed every few minutes: with its ETag they ask
	// again with If-None-Match, and while nothing changed ServeContent
	// answers 304 without the body, as newsdesk's own polls are answered.
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// entryUpdated is when the entry last changed: its briefing's writing,
// which every change of the story's headline or summary goes through. Not
// the later of that and the story's newest article, as it was: an article
// a feed dates ahead (a wrong clock or zone) held the entry's updated time
// there, and every briefing written before that time, a new headline
// included, left it unmoved, so readers kept showing the old one.
func entryUpdated(st news.Story, b news.Briefing) time.Time {
	if b.GeneratedAt.IsZero() {
		return st.LastUpdated
	}
	return b.GeneratedAt
}

func storyEntry(base string, st news.Story, b news.Briefing) atomEntry {
	b = withStoryDefaults(b, st)
	href := storyURL(base, st.ID)
	// The id is the story's URL: the story's ID, which a new headline,
	// more articles or a thread merge leave alone, so a reader that
	// dedupes by id shows a re-headlined story as updated, not as new. It
	// changes with the base URL; a scheme independent of it (tag: URIs)
	// would change every id already served. The configuration docs say to
	// set the base URL at first deployment.
	e := atomEntry{
		ID:      href,
		Title:   atomText{Type: "text", Body: b.Headline},
		Updated: atomTime(entryUpdated(st, b)),
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: href}},
	}
	if !st.FirstSeen.IsZero() {
		e.Published = atomTime(st.FirstSeen)
	}
	if b.Category != "" {
		e.Categories = []atomCategory{{Term: b.Category}}
	}
	if sum := summaryText(b); sum != "" {
		e.Summary = &atomText{Type: "text", Body: sum}
	}
	return e
}
