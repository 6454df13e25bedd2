// Package news holds newsdesk's domain types: sources, articles, stories,
// threads and the briefings written about them, down to the citations that
// tie every published word to a byte span of a stored article.
//
// It imports nothing else from newsdesk, so every stage of the pipeline can
// share these types without depending on each other.
package news

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Span is a half-open byte range [Start, End) into an article's stored UTF-8
// text. Offsets are bytes, not runes, so text[Start:End] is the cited text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether the span lies inside a text of n bytes and is not
// empty.
func (s Span) Valid(n int) bool { return s.Start >= 0 && s.Start < s.End && s.End <= n }

// Of returns the bytes of text the span covers, or "" if it lies outside.
func (s Span) Of(text string) string {
	if !s.Valid(len(text)) {
		return ""
	}
	return text[s.Start:s.End]
}

// Citation ties a published item to the exact bytes of the article it came
// from. The bytes text[Start:End] of article ArticleID equal the item's text
// (for a figure, the sentence that holds it).
type Citation struct {
	ArticleID int64 `json:"article_id"`
	Start     int   `json:"start"`
	End       int   `json:"end"`
}

// Span returns the citation's byte range.
func (c Citation) Span() Span { return Span{Start: c.Start, End: c.End} }

// Cite builds a citation of span in article id.
func Cite(id int64, s Span) Citation { return Citation{ArticleID: id, Start: s.Start, End: s.End} }

// SourceKind says how a source is read.
type SourceKind string

// Source kinds. A feed is polled; a page is a single article URL fetched once.
const (
	SourceFeed SourceKind = "feed"
	SourcePage SourceKind = "page"
)

// SourceStatus is where a source stands: the outcome of its last poll,
// or new.
type SourceStatus string

// Source statuses.
const (
	// StatusNew: not read yet, or a feed retried since its last failed
	// poll (it then has a LastPolledAt).
	StatusNew   SourceStatus = "new"
	StatusOK    SourceStatus = "ok"
	StatusError SourceStatus = "error"
)

// Source is a subscription: a feed (RSS, Atom, JSON Feed) or a single
// article URL, with the state its poller keeps between polls.
type Source struct {
	ID       int64      `json:"id"`
	Kind     SourceKind `json:"kind"`
	URL      string     `json:"url"` // feed URL, or the article URL for a page
	Name     string     `json:"name"`
	HomeURL  string     `json:"home_url,omitempty"`
	Lang     string     `json:"lang,omitempty"` // language hint, BCP 47
	Category string     `json:"category,omitempty"`

	CreatedAt time.Time `json:"created_at"`

	// Poll state.
	ETag         string       `json:"-"`
	LastModified string       `json:"-"`
	LastPolledAt time.Time    `json:"last_polled_at,omitzero"`
	NextPollAt   time.Time    `json:"next_poll_at,omitzero"`
	Status       SourceStatus `json:"status"`
	LastError    string       `json:"last_error,omitempty"`
	ErrorCount   int          `json:"error_count"`
	ArticleCount int          `json:"article_count"`

	// Poll schedule (docs/pipeline.md, "Poll intervals"). The durations
	// are shown in JSON as Go durations ("30m0s"): see MarshalJSON.

	// PollInterval is the interval its user set for this source; 0 polls
	// it at the server's.
	PollInterval time.Duration `json:"-"`
	// PollHint is how often the feed itself says it changes (RSS <ttl>,
	// sy:updatePeriod and sy:updateFrequency), as of its last read; 0 if
	// it does not say.
	PollHint time.Duration `json:"-"`
	// UnchangedPolls counts the good polls in a row that found no new item.
	UnchangedPolls int `json:"unchanged_polls"`
	// PollEvery is the interval the last good poll set the next one at,
	// and PollReason why it is not the server's (or the source's own)
	// interval: empty when it is.
	PollEvery  time.Duration `json:"-"`
	PollReason string        `json:"poll_reason,omitempty"`
}

// MinPollInterval is the shortest interval newsdesk polls a feed at, the
// server's or a source's own: a feed read more often than once a minute
// gains nothing (publishers' feeds and caches change more slowly) and
// looks like abuse to the site that serves it. The pipeline, the
// configuration and the API all check against this one constant.
const MinPollInterval = time.Minute

// MaxPollInterval is the longest interval a source may set for itself: a
// feed read less than once a week is as good as unsubscribed.
const MaxPollInterval = 7 * 24 * time.Hour

// MarshalJSON shows the source's durations as Go durations ("30m0s")
// rather than nanoseconds, and leaves them out when zero.
func (s Source) MarshalJSON() ([]byte, error) {
	type plain Source // without the method
	str := func(d time.Duration) string {
		if d <= 0 {
			return ""
		}
		return d.String()
	}
	return json.Marshal(struct {
		plain
		PollInterval string `json:"poll_interval,omitempty"`
		PollHint     string `json:"poll_hint,omitempty"`
		PollEvery    string `json:"poll_every,omitempty"`
	}{plain(s), str(s.PollInterval), str(s.PollHint), str(s.PollEvery)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Source) UnmarshalJSON(data []byte) error {
	type plain Source // without the method
	var in struct {
		*plain
		PollInterval string `json:"poll_interval"`
		PollHint     string `json:"poll_hint"`
		PollEvery    string `json:"poll_every"`
	}
	in.plain = (*plain)(s)
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	for _, d := range []struct {
		name, text string
		to         *time.Duration
	}{{"poll_interval", in.PollInterval, &s.PollInterval}, {"poll_hint", in.PollHint, &s.PollHint}, {"poll_every", in.PollEvery, &s.PollEvery}} {
		if d.text == "" {
			continue
		}
		v, err := time.ParseDuration(d.text)
		if err != nil {
			return fmt.Errorf("source %s: %w", d.name, err)
		}
		*d.to = v
	}
	return nil
}

// ExtractionStatus records how much of an article's page newsdesk could read.
type ExtractionStatus string

// Extraction statuses.
const (
	// ExtractFull means the full page was fetched and its main text extracted.
	ExtractFull ExtractionStatus = "full"
	// ExtractFeedOnly means the page could not be used and the text is the
	// feed item's own content.
	ExtractFeedOnly ExtractionStatus = "feed-only"
	// ExtractFailed means there is no usable text at all.
	ExtractFailed ExtractionStatus = "failed"
)

// Article is one stored news article. Text is immutable once stored: every
// citation is a byte span into it.
type Article struct {
	ID          int64     `json:"id"`
	SourceID    int64     `json:"source_id"`
	URL         string    `json:"url"` // canonical URL, unique
	Title       string    `json:"title"`
	Byline      string    `json:"byline,omitempty"`
	Publisher   string    `json:"publisher,omitempty"`
	Lang        string    `json:"lang,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	FetchedAt   time.Time `json:"fetched_at"`
	Text        string    `json:"text,omitempty"`
	Description string    `json:"description,omitempty"` // the feed's summary
	ImageURL    string    `json:"image_url,omitempty"`
	Category    string    `json:"category,omitempty"`

	Extraction       ExtractionStatus `json:"extraction_status"`
	ExtractionReason string           `json:"extraction_reason,omitempty"`

	// Grouping, filled in after clustering.
	DuplicateOf int64 `json:"duplicate_of,omitempty"`
	StoryID     int64 `json:"story_id,omitempty"`
	// ThreadID is the thread the clusterer gave the article when it was
	// grouped. Its story's thread (Story.ThreadID) can change later, when
	// the story moves or threads merge; a restarted clusterer replays this
	// one, so that it rebuilds its state in the order it was made.
	ThreadID  int64 `json:"thread_id,omitempty"`
	Clustered bool  `json:"-"`
	// Translation is the machine translation the clusterer grouped the
	// article with, filled in with Text: a restarted clusterer replays it
	// rather than asking the translator again. It is for reading and
	// grouping only; briefings cite Text, never a translation.
	Translation Translation `json:"machine_translation,omitzero"`
}

// Translation is a machine translation of an article's title and text
// (Title, a blank line, Text) from the article's language into the desk's.
// From and To without Text record that the translator was asked and gave
// nothing (the pair unsupported, or the translator failing), so that a
// restart groups the article as it was grouped: untranslated.
type Translation struct {
	From string `json:"from"` // ISO 639-1
	To   string `json:"to"`
	Text string `json:"text,omitempty"`
}

// PlausiblePublished reports whether t can be an article's publication
// time, seen at now: not before 1995, when news sites began, and not more
// than a year ahead (a scheduled post may be dated a little ahead; a date
// years ahead is a broken feed's or page's, and would keep its story first
// in the ranked list for years). Feeds and pages are held to the same rule,
// so an article's date does not depend on which of them gave it; either
// bound also keeps the time within the store's Unix nanoseconds (1678 to
// 2262), past which 9999-12-31 came back as 1816.
func PlausiblePublished(t, now time.Time) bool {
	// The year in UTC: the same instant written with another offset
	// (1995-01-01T00:30+01:00) is the same answer.
	return t.UTC().Year() >= 1995 && !t.After(now.AddDate(1, 0, 0))
}

// Time is the article's best known time: published, else fetched.
func (a Article) Time() time.Time {
	if !a.PublishedAt.IsZero() {
		return a.PublishedAt
	}
	return a.FetchedAt
}

// Story is a group of articles about one event. Its ID is assigned by the
// clusterer; ThreadID links stories that continue one another over days.
type Story struct {
	ID          int64     `json:"id"`
	ThreadID    int64     `json:"thread_id,omitempty"`
	Title       string    `json:"title"`
	Category    string    `json:"category,omitempty"`
	FirstSeen   time.Time `json:"first_seen"`
	LastUpdated time.Time `json:"last_updated"`
	// ArticleCount counts non-duplicate articles; SourceCount distinct outlets.
	ArticleCount int  `json:"article_count"`
	SourceCount  int  `json:"source_count"`
	Briefed      bool `json:"briefed"`
}

// SectionKind names a section of a briefing.
type SectionKind string

// Briefing sections, in the order a briefing page shows them.
const (
	SectionHeadline   SectionKind = "headline"
	SectionCategory   SectionKind = "category"
	SectionDisclaimer SectionKind = "disclaimer"
	SectionSummary    SectionKind = "summary"
	// SectionWritten is the optional written summary: sentences an LLM
	// drafted from the summary's spans, each published only because a
	// verifier found it supported by the spans it cites (internal/write).
	// Unlike every other cited section, its text restates its citations'
	// bytes rather than equalling them.
	SectionWritten    SectionKind = "written_summary"
	SectionSources    SectionKind = "sources"
	SectionBackground SectionKind = "background"
	SectionVoices     SectionKind = "voices"
	SectionFacts      SectionKind = "facts"
	SectionRelated    SectionKind = "related"
	SectionBottomLine SectionKind = "bottom_line"
	SectionReferences SectionKind = "references"
)

// Figure is a number with its unit as an article states it.
type Figure struct {
	Value    float64 `json:"value"`
	Unit     string  `json:"unit,omitempty"`     // normalised: "USD", "people", "percent", "day", "km", "m"...
	Kind     string  `json:"kind,omitempty"`     // money, count, percent, duration, distance, date...
	Quantity string  `json:"quantity,omitempty"` // what it counts, as a normalised key
	// Bound says how exact the value is as written: "" exact, "min" ("at
	// least 30", "more than"), "max" ("up to", "as many as"), "about"
	// ("about", "nearly", "some") or "vague" ("dozens", "hundreds": a
	// number only in name, never compared with another value).
	Bound    string   `json:"bound,omitempty"`
	Text     string   `json:"text"`     // the figure as written, e.g. "$2.3 billion"
	Citation Citation `json:"citation"` // the figure's own bytes
}

// Item is one entry of a briefing section. Text is what the reader sees;
// every citation's bytes equal Text, except that a split quote cites each of
// its parts and shows them joined by QuoteJoiner.
type Item struct {
	Text      string     `json:"text"`
	Citations []Citation `json:"citations"`

	Speaker string     `json:"speaker,omitempty"` // voices
	Role    string     `json:"role,omitempty"`    // voices
	Date    *time.Time `json:"date,omitempty"`    // background, timeline
	URL     string     `json:"url,omitempty"`     // references
	Outlet  string     `json:"outlet,omitempty"`  // references, sources, variants
	StoryID int64      `json:"story_id,omitempty"`
	Figure  *Figure    `json:"figure,omitempty"` // facts
	// Variants lists differing values that other sources give for the same
	// quantity; each is a full item with its own citation.
	Variants []Item `json:"variants,omitempty"`
	// Quotes lists a voice's further quotes by the same speaker, each a
	// full item with its own text, citations, role and outlet: a voice is
	// one speaker, its own text their first quote.
	Quotes []Item `json:"quotes,omitempty"`
}

// QuoteJoiner joins the parts of a quote split by its attribution.
const QuoteJoiner = " … "

// Section is one titled part of a briefing. Empty sections are left out.
type Section struct {
	Kind  SectionKind `json:"kind"`
	Title string      `json:"title"`
	Items []Item      `json:"items"`
}

// Briefing is the generated page for a story.
type Briefing struct {
	StoryID     int64     `json:"story_id"`
	Headline    string    `json:"headline"`
	Category    string    `json:"category,omitempty"`
	GeneratedAt time.Time `json:"generated_at"`
	Sections    []Section `json:"sections"`
}

// CitedArticles lists the distinct articles the briefing's citations name,
// figures' and variants' included, in the order they are first cited.
func (b Briefing) CitedArticles() []int64 {
	seen := map[int64]bool{}
	var ids []int64
	add := func(id int64) {
		if id > 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	var walk func(items []Item)
	walk = func(items []Item) {
		for _, it := range items {
			for _, c := range it.Citations {
				add(c.ArticleID)
			}
			if it.Figure != nil {
				add(it.Figure.Citation.ArticleID)
			}
			walk(it.Variants)
			walk(it.Quotes)
		}
	}
	for _, s := range b.Sections {
		walk(s.Items)
	}
	return ids
}

// WithCitationLists returns b with every item's citations a list, empty
// for an item that names rather than quotes (headline, sources,
// references), where a stored briefing has none (JSON null): the API and
// "brief --format json" promise each item {text, citations}, and a client
// reads citations as a list. b's own sections and items are not changed.
func (b Briefing) WithCitationLists() Briefing {
	var fix func(items []Item) []Item
	fix = func(items []Item) []Item {
		if items == nil {
			return nil
		}
		out := slices.Clone(items)
		for i := range out {
			if out[i].Citations == nil {
				out[i].Citations = []Citation{}
			}
			out[i].Variants = fix(out[i].Variants)
			out[i].Quotes = fix(out[i].Quotes)
		}
		return out
	}
	b.Sections = slices.Clone(b.Sections)
	for i := range b.Sections {
		b.Sections[i].Items = fix(b.Sections[i].Items)
	}
	return b
}

// Section returns the section of the given kind, if the briefing has it.
func (b Briefing) Section(k SectionKind) (Section, bool) {
	for _, s := range b.Sections {
		if s.Kind == k {
			return s, true
		}
	}
	return Section{}, false
}

// Disclaimer is the standard line at the top of every briefing.
func Disclaimer(sources int) string {
	if sources == 1 {
		return "Generated by newsdesk from 1 source. Verify with the original."
	}
	return fmt.Sprintf("Generated by newsdesk from %d sources. Verify with the originals.", sources)
}

// IsControl reports whether r is a control character that is not white
// space (NUL to BS, SO to US) or DEL: no text, as a browser draws nothing
// for it, so pages (extract) and feeds (feed) drop it from what they
// store, by this one rule.
func IsControl(r rune) bool {
	return r < 0x20 && (r < '\t' || r > '\r') || r == 0x7f
}
