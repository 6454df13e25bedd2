// Package feed reads subscriptions: RSS, Atom and JSON Feed documents,
// OPML subscription lists, and the feed links an HTML page announces. It
// parses bytes only; fetching is the fetch package's job, so gofeed never
// touches the network.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
	"github.com/newsdesk/newsdesk/internal/news"
)

// Feed is a parsed feed document.
type Feed struct {
	Title       string
	HomeURL     string // the site's home page, absolute
	Lang        string // as the feed declares it (BCP 47), "" if it does not
	Description string // plain text
	// UpdateEvery is how often the feed says it changes, so how often it
	// is worth reading: RSS's <ttl> (minutes), else the syndication
	// module's sy:updatePeriod divided by sy:updateFrequency. Zero when
	// the feed says neither, or says something unreadable. Not capped:
	// the poller decides how far to trust it.
	UpdateEvery time.Duration
	// Instances are the newsdesk instances the feed's generator names
	// (each InstanceURNPrefix and an ID), in its order; none for a feed
	// newsdesk did not write. A newsdesk refuses its own briefings as a
	// source, however it reached them (a proxy, a redirect, another host
	// name), and only the document can tell it that. Every URN is kept: a
	// feed that names another desk before this one, such as a proxy's
	// merge, is this desk's all the same (see NamesInstance).
	Instances []string
	Items     []Item
}

// NamesInstance reports whether f's generator names the instance id
// (pipeline.Config.InstanceID), among any others; never for an empty id.
func (f *Feed) NamesInstance(id string) bool {
	return id != "" && slices.Contains(f.Instances, InstanceURNPrefix+id)
}

// InstanceURNPrefix begins the URN by which newsdesk's Atom feed of
// briefings names the instance that wrote it, in its <generator uri>.
const InstanceURNPrefix = "urn:newsdesk:instance:"

// ValidInstanceID reports whether id can end InstanceURNPrefix and be read
// back as one word of a generator (instances): 1 to 64 ASCII letters,
// digits, '-', '_' or '.', so no space and nothing to escape. It is the
// one rule for an instance ID, a configured one (config.Config.InstanceID)
// or one a store draws (store.Store.InstanceID).
func ValidInstanceID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// instances are the instance URNs among the words of a feed's generator
// (gofeed joins Atom's generator name, version and uri with spaces; an RSS
// <generator> a proxy rewrote the feed into keeps them too), in order.
func instances(generator string) []string {
	var urns []string
	for w := range strings.FieldsSeq(generator) {
		if id, ok := strings.CutPrefix(w, InstanceURNPrefix); ok && id != "" {
			urns = append(urns, w)
		}
	}
	return urns
}

// Item is one entry of a feed.
type Item struct {
	GUID       string
	URL        string // absolute
	Title      string // plain text
	Content    string // plain text of the item's content, else its summary
	Summary    string // plain text of the item's summary/description, if any
	Author     string
	Published  time.Time // publication time, else the update time; zero if neither
	Updated    time.Time
	Categories []string
	ImageURL   string // absolute, from the item's image or an image enclosure
}

// Parse reads an RSS (0.9x, 1.0, 2.0), Atom 1.0 or JSON Feed (1.0, 1.1)
// document, keeping its first MaxItems items and refusing XML nested
// deeper than MaxDepth. baseURL, normally the URL the feed was fetched from, resolves
// relative links; when it is empty the feed's own link is used.
func Parse(data []byte, baseURL string) (f *Feed, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("parse feed: empty document")
	}
	defer func() {
		// gofeed is third-party code fed untrusted bytes; a panic there
		// must not take the poller down.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parse feed: malformed document (%v)", r)
		}
	}()
	if data, err = bound(data); err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	p := gofeed.NewParser()
	p.RSSTranslator = ttlTranslator{}
	gf, err := p.Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, errors.New("parse feed: not an RSS, Atom or JSON feed")
		}
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	base, _ := url.Parse(strings.TrimSpace(baseURL))
	if base == nil || !base.IsAbs() {
		base = nil
	}
	home := resolve(base, gf.Link)
	if base == nil && home != "" {
		base, _ = url.Parse(home)
	}
	f = &Feed{
		Title:       collapse(HTMLText(gf.Title)),
		HomeURL:     home,
		Lang:        strings.TrimSpace(gf.Language),
		Description: HTMLText(gf.Description),
		UpdateEvery: updateEvery(gf),
		Instances:   instances(gf.Generator),
	}
	if f.Lang == "" && gf.DublinCoreExt != nil && len(gf.DublinCoreExt.Language) > 0 {
		f.Lang = strings.TrimSpace(gf.DublinCoreExt.Language[0])
	}
	for _, it := range gf.Items {
		if len(f.Items) == MaxItems {
			break // items bound could not count, such as a prefixed atom:entry
		}
		if it == nil {
			continue
		}
		f.Items = append(f.Items, convertItem(it, base))
	}
	return f, nil
}

// ttlCustom is the key under which ttlTranslator keeps an RSS feed's <ttl>
// in gofeed.Feed.Custom.
const ttlCustom = "newsdesk:ttl"

// ttlTranslator is gofeed's RSS translator keeping <ttl>, which gofeed
// parses (rss.Feed.TTL) but leaves out of its universal Feed.
type ttlTranslator struct{ gofeed.DefaultRSSTranslator }

func (t ttlTranslator) Translate(feed any) (*gofeed.Feed, error) {
	out, err := t.DefaultRSSTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	if r, ok := feed.(*rss.Feed); ok && strings.TrimSpace(r.TTL) != "" {
		if out.Custom == nil {
			out.Custom = map[string]string{}
		}
		out.Custom[ttlCustom] = strings.TrimSpace(r.TTL)
	}
	return out, nil
}

// syPeriods are sy:updatePeriod's values (RSS 1.0 syndication module).
var syPeriods = map[string]time.Duration{
	"hourly": time.Hour, "daily": 24 * time.Hour, "weekly": 7 * 24 * time.Hour,
	"monthly": 30 * 24 * time.Hour, "yearly": 365 * 24 * time.Hour,
}

// updateEvery reads how often gf says it changes: see Feed.UpdateEvery.
// A value that cannot be read counts as not said, rather than failing a
// feed whose items are fine.
func updateEvery(gf *gofeed.Feed) time.Duration {
	if ttl, ok := gf.Custom[ttlCustom]; ok {
		// Minutes. Past 1e8 (about 190 years) the value is junk, and
		// bounding it keeps the product from overflowing a Duration; the
		// poller caps what it honours far lower (MaxPollHint).
		if n, err := strconv.Atoi(ttl); err == nil && n > 0 && n <= 1e8 {
			return time.Duration(n) * time.Minute
		}
	}
	sy := gf.Extensions["sy"]
	text := func(name string) string {
		if v := sy[name]; len(v) > 0 {
			return strings.ToLower(strings.TrimSpace(v[0].Value))
		}
		return ""
	}
	period, freq := text("updatePeriod"), text("updateFrequency")
	if period == "" && freq == "" {
		return 0
	}
	// The module's defaults: daily, once.
	every, n := 24*time.Hour, 1
	if period != "" {
		d, ok := syPeriods[period]
		if !ok {
			return 0
		}
		every = d
	}
	if freq != "" {
		f, err := strconv.Atoi(freq)
		if err != nil || f < 1 {
			return 0
		}
		n = f
	}
	return every / time.Duration(n)
}

func convertItem(it *gofeed.Item, base *url.URL) Item {
	out := Item{
		GUID:       strings.TrimSpace(it.GUID),
		Title:      collapse(HTMLText(it.Title)),
		Summary:    HTMLText(it.Description),
		Categories: cleanList(it.Categories),
	}
	link := strings.TrimSpace(it.Link)
	if link == "" && (strings.HasPrefix(out.GUID, "http://") || strings.HasPrefix(out.GUID, "https://")) {
		link = out.GUID
	}
	out.URL = resolve(base, link)
	if strings.TrimSpace(it.Content) != "" {
		out.Content = HTMLText(it.Content)
	}
	if out.Content == "" {
		out.Content = out.Summary
	}
	// The author is the article's byline: held to the rule its text is
	// (dropControls), its white space folded as the title's.
	for _, a := range it.Authors {
		if a != nil {
			if out.Author = collapse(dropControls(a.Name)); out.Author != "" {
				break
			}
		}
	}
	if out.Author == "" && it.Author != nil {
		out.Author = collapse(dropControls(it.Author.Name))
	}
	if it.UpdatedParsed != nil {
		out.Updated = it.UpdatedParsed.UTC()
	}
	// A date no article can have is no date (news.PlausiblePublished):
	// the item's update time stands in for it, as for an item without
	// one, and else the page's own date, if it declares one, is read.
	now := time.Now()
	for _, t := range []*time.Time{it.PublishedParsed, &out.Updated} {
		if t != nil && news.PlausiblePublished(*t, now) { // a zero time is before 1995
			out.Published = t.UTC()
			break
		}
	}
	if it.Image != nil && it.Image.URL != "" {
		out.ImageURL = resolve(base, it.Image.URL)
	}
	for _, e := range it.Enclosures {
		if out.ImageURL != "" {
			break
		}
		if e != nil && strings.HasPrefix(strings.ToLower(e.Type), "image/") {
			out.ImageURL = resolve(base, e.URL)
		}
	}
	if out.ImageURL == "" {
		out.ImageURL = resolve(base, mediaImage(it))
	}
	return out
}

// mediaImage finds an image in the Media RSS extension, which gofeed only
// partly maps: a media:thumbnail, or a media:content that is an image,
// directly or inside media:group.
func mediaImage(it *gofeed.Item) string {
	media := it.Extensions["media"]
	if media == nil {
		return ""
	}
	isImage := func(attrs map[string]string) bool {
		return strings.HasPrefix(attrs["type"], "image/") || attrs["medium"] == "image"
	}
	for _, th := range media["thumbnail"] {
		if u := th.Attrs["url"]; u != "" {
			return u
		}
	}
	for _, c := range media["content"] {
		if isImage(c.Attrs) && c.Attrs["url"] != "" {
			return c.Attrs["url"]
		}
		for _, th := range c.Children["thumbnail"] {
			if u := th.Attrs["url"]; u != "" {
				return u
			}
		}
	}
	for _, g := range media["group"] {
		for _, c := range g.Children["content"] {
			if isImage(c.Attrs) && c.Attrs["url"] != "" {
				return c.Attrs["url"]
			}
		}
		for _, th := range g.Children["thumbnail"] {
			if u := th.Attrs["url"]; u != "" {
				return u
			}
		}
	}
	return ""
}

// resolve makes ref absolute against base. References that are not http(s)
// after resolution (javascript:, mailto:, relative with no base) are
// dropped rather than stored.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func cleanList(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = collapse(HTMLText(s))
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
