package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// memStore is an in-memory Store for the handler tests.
type memStore struct {
	mu        sync.Mutex
	sources   map[int64]news.Source
	articles  map[int64]news.Article
	stories   map[int64]news.Story
	briefings map[int64]news.Briefing
	nextID    int64
	failAll   bool // every call fails with an internal error
	pingHangs bool // Ping answers only when its context is done
}

func newMemStore() *memStore {
	return &memStore{
		sources:   map[int64]news.Source{},
		articles:  map[int64]news.Article{},
		stories:   map[int64]news.Story{},
		briefings: map[int64]news.Briefing{},
		nextID:    100,
	}
}

var errBroken = errors.New("disk on fire at /var/lib/secret.db")

func (m *memStore) fail() error {
	if m.failAll {
		return errBroken
	}
	return nil
}

func (m *memStore) Ping(ctx context.Context) error {
	m.mu.Lock()
	hangs, err := m.pingHangs, m.fail()
	m.mu.Unlock()
	if hangs {
		<-ctx.Done()
		return fmt.Errorf("ping: %w", ctx.Err())
	}
	return err
}

func (m *memStore) Stories(ctx context.Context, f store.StoryFilter) ([]news.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return nil, err
	}
	var out []news.Story
	for _, s := range m.stories {
		if f.ThreadID == 0 || s.ThreadID == f.ThreadID {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b news.Story) int { return cmp.Compare(a.ID, b.ID) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (m *memStore) Story(ctx context.Context, id int64) (news.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Story{}, err
	}
	s, ok := m.stories[id]
	if !ok {
		return news.Story{}, fmt.Errorf("story %d: %w", id, store.ErrNotFound)
	}
	return s, nil
}

func (m *memStore) StoriesByID(ctx context.Context, ids []int64) (map[int64]news.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return nil, err
	}
	return pick(m.stories, ids), nil
}

// pick is the values of all under ids, keyed by ID, an ID with none left
// out: the stores' ByID reads.
func pick[V any](all map[int64]V, ids []int64) map[int64]V {
	out := map[int64]V{}
	for _, id := range ids {
		if v, ok := all[id]; ok {
			out[id] = v
		}
	}
	return out
}

func (m *memStore) Briefing(ctx context.Context, id int64) (news.Briefing, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Briefing{}, err
	}
	b, ok := m.briefings[id]
	if !ok {
		return news.Briefing{}, fmt.Errorf("briefing %d: %w", id, store.ErrNotFound)
	}
	return b, nil
}

func (m *memStore) BriefingsByID(ctx context.Context, storyIDs []int64) (map[int64]news.Briefing, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return nil, err
	}
	return pick(m.briefings, storyIDs), nil
}

// ArticlesByID leaves out Text and Translation, as the stores do.
func (m *memStore) ArticlesByID(ctx context.Context, ids []int64) (map[int64]news.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return nil, err
	}
	out := pick(m.articles, ids)
	for id, a := range out {
		a.Text, a.Translation = "", news.Translation{}
		out[id] = a
	}
	return out, nil
}

func (m *memStore) Article(ctx context.Context, id int64) (news.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Article{}, err
	}
	a, ok := m.articles[id]
	if !ok {
		return news.Article{}, fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	return a, nil
}

func (m *memStore) Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return nil, err
	}
	var out []news.Article
	for _, a := range m.articles {
		if f.StoryID != 0 && a.StoryID != f.StoryID || f.SourceID != 0 && a.SourceID != f.SourceID {
			continue
		}
		if !f.WithText {
			a.Text = ""
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b news.Article) int { return cmp.Compare(a.ID, b.ID) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (m *memStore) Sources(ctx context.Context) ([]news.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return nil, err
	}
	var out []news.Source
	for _, s := range m.sources {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b news.Source) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func (m *memStore) Source(ctx context.Context, id int64) (news.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Source{}, err
	}
	s, ok := m.sources[id]
	if !ok {
		return news.Source{}, fmt.Errorf("source %d: %w", id, store.ErrNotFound)
	}
	return s, nil
}

func (m *memStore) AddSource(ctx context.Context, s news.Source) (news.Source, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return news.Source{}, err
	}
	for _, o := range m.sources {
		// Unique by canonical URL, as store.Store's sources are.
		if news.SourceKey(o.URL) == news.SourceKey(s.URL) {
			return news.Source{}, fmt.Errorf("source %q: %w", s.URL, store.ErrDuplicate)
		}
	}
	m.nextID++
	s.ID = m.nextID
	m.sources[s.ID] = s
	return s, nil
}

func (m *memStore) DeleteSource(ctx context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail(); err != nil {
		return err
	}
	if _, ok := m.sources[id]; !ok {
		return fmt.Errorf("source %d: %w", id, store.ErrNotFound)
	}
	delete(m.sources, id)
	// As the stores do: the articles are kept, without a source.
	for aid, a := range m.articles {
		if a.SourceID == id {
			a.SourceID = 0
			m.articles[aid] = a
		}
	}
	return nil
}

// Fixture texts. The German and Japanese make byte offsets differ from
// rune offsets, which is what the highlight tests need.
const (
	textA = "Die Brücke über den Fluss wurde am Montag gesperrt. " +
		"„Wir prüfen jede Schraube“, sagte Bürgermeisterin Jana Groß. " +
		"Die Reparatur kostet 2,3 Millionen Euro. Ingenieure aus 東京 helfen."
	textB = "The bridge over the river closed on Monday. " +
		"Repairs will cost €2.5 million, officials said. " +
		"\"We check every bolt,\" said Mayor Jana Gross <script>alert(1)</script>."
	// fixtureTranslation is the machine translation article 1 was grouped
	// with; hostile, like the other fixture text.
	fixtureTranslation = "Bridge closed\n\nThe bridge over the river was closed on Monday. <script>alert(6)</script>"
)

// span returns the byte span of the first occurrence of sub in text.
func span(text, sub string) news.Span {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("fixture: " + sub + " not in text")
	}
	return news.Span{Start: i, End: i + len(sub)}
}

func cite(id int64, text, sub string) news.Citation { return news.Cite(id, span(text, sub)) }

var (
	t0      = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	bgDate  = time.Date(2025, 11, 4, 0, 0, 0, 0, time.UTC)
	figureA = news.Figure{Value: 2.3e6, Unit: "EUR", Kind: "money", Quantity: "repair_cost", Text: "2,3 Millionen Euro", Citation: cite(1, textA, "2,3 Millionen Euro")}
	figureB = news.Figure{Value: 2.5e6, Unit: "EUR", Kind: "money", Quantity: "repair_cost", Text: "€2.5 million", Citation: cite(2, textB, "€2.5 million")}
)

// fixtureBriefing has every section kind, in the documented order.
func fixtureBriefing() news.Briefing {
	return news.Briefing{
		StoryID:     7,
		Headline:    "Bridge closed <script>alert('x')</script> & repairs begin",
		Category:    "Local",
		GeneratedAt: t0,
		Sections: []news.Section{
			{Kind: news.SectionHeadline, Items: []news.Item{{Text: "Bridge closed <script>alert('x')</script> & repairs begin",
				URL: "https://rivertimes.example/bridge", Outlet: "River Times", StoryID: 7}}},
			{Kind: news.SectionCategory, Items: []news.Item{{Text: "Local"}}},
			{Kind: news.SectionDisclaimer, Items: []news.Item{{Text: news.Disclaimer(2)}}},
			{Kind: news.SectionSummary, Title: "Summary", Items: []news.Item{
				{Text: "Die Brücke über den Fluss wurde am Montag gesperrt.", Citations: []news.Citation{cite(1, textA, "Die Brücke über den Fluss wurde am Montag gesperrt.")}},
				{Text: "Repairs will cost €2.5 million, officials said.", Citations: []news.Citation{cite(2, textB, "Repairs will cost €2.5 million, officials said.")}},
			}},
			{Kind: news.SectionSources, Items: []news.Item{
				{Outlet: "Stadtblatt", Text: "Stadtblatt"},
				{Outlet: "River Times", Text: "Bridge closed", Citations: []news.Citation{cite(2, textB, "The bridge")}},
			}},
			{Kind: news.SectionBackground, Items: []news.Item{
				{Text: "Ingenieure aus 東京 helfen.", Date: &bgDate, Citations: []news.Citation{cite(1, textA, "Ingenieure aus 東京 helfen.")}},
			}},
			{Kind: news.SectionVoices, Items: []news.Item{
				{Text: "Wir prüfen jede Schraube", Speaker: "Jana Groß", Role: "Bürgermeisterin", Outlet: "Stadtblatt", Citations: []news.Citation{cite(1, textA, "Wir prüfen jede Schraube")}},
				{Text: "Wir prüfen" + news.QuoteJoiner + "jede Schraube", Speaker: "Jana Groß", Role: "Bürgermeisterin", Outlet: "Stadtblatt",
					Citations: []news.Citation{cite(1, textA, "Wir prüfen"), cite(1, textA, "jede Schraube")}},
			}},
			{Kind: news.SectionFacts, Items: []news.Item{
				{Text: "Die Reparatur kostet 2,3 Millionen Euro.", Figure: &figureA, Outlet: "Stadtblatt",
					Citations: []news.Citation{cite(1, textA, "Die Reparatur kostet 2,3 Millionen Euro.")},
					Variants: []news.Item{{Text: "Repairs will cost €2.5 million, officials said.", Figure: &figureB, Outlet: "River Times",
						Citations: []news.Citation{cite(2, textB, "Repairs will cost €2.5 million, officials said.")}}}},
			}},
			{Kind: news.SectionRelated, Items: []news.Item{{Text: "Ferry service resumes", StoryID: 8}}},
			{Kind: news.SectionBottomLine, Items: []news.Item{
				{Text: "The bridge over the river closed on Monday.", Citations: []news.Citation{cite(2, textB, "The bridge over the river closed on Monday.")}},
			}},
			{Kind: news.SectionReferences, Items: []news.Item{
				{Outlet: "River Times", Text: "Bridge closed for repairs", URL: "https://rivertimes.example/bridge", Date: &t0, Citations: []news.Citation{{ArticleID: 2, Start: 0, End: 10}}},
				// Like the briefing writer's, this reference names its
				// article by URL only.
				{Outlet: "Stadtblatt", Text: "Brücke gesperrt", URL: "https://stadtblatt.example/bruecke", Date: &t0},
			}},
		},
	}
}

// fixtureStore holds two sources, two articles of story 7 (briefed), and
// story 8 (not briefed).
func fixtureStore() *memStore {
	m := newMemStore()
	m.sources[1] = news.Source{ID: 1, Kind: news.SourceFeed, URL: "https://stadtblatt.example/feed.xml", Name: "Stadtblatt", Lang: "de",
		Status: news.StatusOK, LastPolledAt: t0, CreatedAt: t0, ArticleCount: 1}
	m.sources[2] = news.Source{ID: 2, Kind: news.SourceFeed, URL: "https://rivertimes.example/rss", Name: "River Times <b>", Lang: "en",
		Status: news.StatusError, LastError: "fetch: 503 Service Unavailable", ErrorCount: 3, CreatedAt: t0, ArticleCount: 1}
	m.articles[1] = news.Article{ID: 1, SourceID: 1, URL: "https://stadtblatt.example/bruecke", Title: "Brücke gesperrt", Publisher: "Stadtblatt",
		Lang: "de", PublishedAt: t0, FetchedAt: t0, Text: textA, Extraction: news.ExtractFull, StoryID: 7,
		Translation: news.Translation{From: "de", To: "en", Text: fixtureTranslation}}
	m.articles[2] = news.Article{ID: 2, SourceID: 2, URL: "https://rivertimes.example/bridge", Title: "Bridge closed <script>alert(2)</script>", Publisher: "River Times",
		Lang: "en", PublishedAt: t0, FetchedAt: t0, Text: textB, Extraction: news.ExtractFeedOnly, ExtractionReason: "page blocked by robots.txt", StoryID: 7, ThreadID: 7,
		Description: `<p onclick="x()">The <em>bridge</em> shut.<script>alert(3)</script><img src=x onerror=alert(4)> <a href="javascript:alert(5)">js</a> <a href="https://rivertimes.example/more">more</a><style>body{}</style></p>`}
	m.articles[3] = news.Article{ID: 3, SourceID: 2, URL: "https://rivertimes.example/ferry", Title: "Ferry service resumes", Publisher: "River Times",
		FetchedAt: t0, Text: "The ferry runs again.", Extraction: news.ExtractFull, StoryID: 8}
	// Story 7 has since joined thread 5: article 2 still records the
	// thread it was first given.
	// Its title is its briefing's headline, as PutBriefing makes it.
	m.stories[7] = news.Story{ID: 7, ThreadID: 5, Title: fixtureBriefing().Headline, Category: "Local", FirstSeen: t0.Add(-2 * time.Hour), LastUpdated: t0,
		ArticleCount: 2, SourceCount: 2, Briefed: true}
	m.stories[8] = news.Story{ID: 8, Title: "Ferry service resumes", FirstSeen: t0.Add(-30 * time.Hour), LastUpdated: t0.Add(-30 * time.Hour),
		ArticleCount: 1, SourceCount: 1}
	m.briefings[7] = fixtureBriefing()
	return m
}
