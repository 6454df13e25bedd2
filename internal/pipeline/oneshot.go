package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/extract"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/translate"
	"github.com/newsdesk/newsdesk/internal/write"
)

// OneShotOptions tunes OneShot. The zero value gives the defaults.
type OneShotOptions struct {
	// SummaryWords is the summary's length budget; default
	// brief.DefaultSummaryWords.
	SummaryWords int
	// Now stamps the briefings; zero means the current time.
	Now time.Time
	// Translator, optional, translates articles not in DeskLang for the
	// clusterer, as in Config.
	Translator translate.Translator
	// Writer, optional, adds a verified written summary, as in Config.
	Writer write.Writer
	// DeskLang is the desk's language; default "en".
	DeskLang string
	// Cluster, if set, is the clusterer's configuration, checked before
	// any page is fetched; nil means cluster.DefaultConfig(), the
	// server's (Config.Cluster).
	Cluster *cluster.Config
	// Logger receives internal details; nil discards them.
	Logger *slog.Logger
}

// OneShot briefs the articles at inputs, each an http(s) URL or the path of a
// local HTML file, with no database: it fetches (robots.txt checked) or
// reads each, extracts it, clusters them in memory and briefs each story.
// Articles are numbered 1..n in input order (an input repeating an earlier
// URL is skipped); sources are one per host (or per file) and publisher.
// Briefings come most-corroborated story first. Any input that cannot be read fails the
// whole call, naming every such input, so no briefing silently leaves one
// out.
func OneShot(ctx context.Context, fc *fetch.Client, inputs []string, opt OneShotOptions) ([]news.Briefing, map[int64]news.Article, error) {
	if len(inputs) == 0 {
		return nil, nil, errors.New("brief: no input")
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.DeskLang == "" {
		opt.DeskLang = DefaultDeskLang
	}
	ccfg := cluster.DefaultConfig()
	if opt.Cluster != nil {
		ccfg = *opt.Cluster
	}
	if err := ccfg.Validate(); err != nil {
		return nil, nil, fmt.Errorf("cluster config: %w", err)
	}
	articles := map[int64]news.Article{}
	sources := map[int64]news.Source{}
	sourceIDs := map[string]int64{}
	seen := map[string]bool{}
	var errs []error
	for _, in := range inputs {
		a, host, err := readInput(ctx, fc, extract.ExtractContext, DefaultExtractTimeout, in)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if seen[a.URL] {
			continue
		}
		seen[a.URL] = true
		// One host may serve several outlets (a syndication host, the
		// demo's newswire): pages naming different publishers are
		// different sources, so that each is named and counted.
		key := host + "\x00" + a.Publisher
		sid, ok := sourceIDs[key]
		if !ok {
			sid = int64(len(sourceIDs) + 1)
			sourceIDs[key] = sid
			sources[sid] = news.Source{ID: sid, Kind: news.SourcePage, URL: a.URL, Name: firstNonEmpty(a.Publisher, host)}
		}
		a.SourceID = sid
		a.ID = int64(len(articles) + 1)
		articles[a.ID] = a
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}

	// Cluster in the server's order (groupOrder) with its configuration,
	// so that the same pages group as the server groups them. The order
	// matters because the clusterer takes articles one at a time, each
	// joining the stories made by those before it; groupOrder sorts by
	// time and then URL, so giving the pages in another order groups them
	// alike.
	order := make([]news.Article, 0, len(articles))
	for _, a := range articles {
		order = append(order, a)
	}
	groupOrder(order)
	cl := cluster.New(ccfg)
	members := map[int64][]news.Article{}
	var storyIDs []int64
	for _, a := range order {
		tr, _ := translateFor(ctx, a, opt.Translator, opt.DeskLang, opt.Logger)
		as := cl.Add(clusterDoc(a, tr))
		a.StoryID, a.DuplicateOf, a.Clustered = as.StoryID, as.DuplicateOf, true
		// Kept, as the server stores it, for the voices section to
		// recognise a quote and its translation by another outlet.
		a.Translation = tr
		articles[a.ID] = a
		if _, ok := members[as.StoryID]; !ok {
			storyIDs = append(storyIDs, as.StoryID)
		}
		members[as.StoryID] = append(members[as.StoryID], a)
	}
	stories := map[int64]news.Story{}
	for _, id := range storyIDs {
		stories[id] = storyOf(id, cl.ThreadOf(id), members[id])
	}

	now := opt.Now
	if now.IsZero() {
		now = time.Now().UTC()
	}
	var out []news.Briefing
	for _, id := range storyIDs {
		in := brief.Input{Story: stories[id], Sources: sources, Articles: originals(members[id], 0)}
		for _, rid := range cl.Related(id, DefaultMaxRelated) {
			if rs, ok := stories[rid]; ok {
				in.Related = append(in.Related, rs)
				in.Earlier = append(in.Earlier, originals(members[rid], DefaultEarlierPerStory)...)
			}
		}
		b := buildBriefing(in, brief.Options{SummaryWords: opt.SummaryWords, Now: now, DeskLang: opt.DeskLang}, opt.Logger)
		out = append(out, write.Compose(ctx, opt.Writer, b, articles, opt.Logger))
	}
	slices.SortStableFunc(out, func(a, b news.Briefing) int {
		sa, sb := stories[a.StoryID], stories[b.StoryID]
		return cmp.Or(cmp.Compare(sb.SourceCount, sa.SourceCount), sb.LastUpdated.Compare(sa.LastUpdated), cmp.Compare(a.StoryID, b.StoryID))
	})
	return out, articles, nil
}

// storyOf summarises a story's members (in time order).
func storyOf(id, thread int64, members []news.Article) news.Story {
	s := news.Story{ID: id, ThreadID: cmp.Or(thread, id), Briefed: true}
	tally(&s, members)
	return s
}

// readInput reads one input into an article, with ex, and names its
// source: the URL's host, or the file's path. A page, fetched or a file,
// whose extraction outlasts extractTimeout (if positive) is refused: a local file is no
// more to be trusted to be quick to read than a page.
func readInput(ctx context.Context, fc *fetch.Client, ex extractFunc, extractTimeout time.Duration, in string) (news.Article, string, error) {
	if u, err := url.Parse(in); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		if fc == nil {
			return news.Article{}, "", fmt.Errorf("%s: no fetch client to read URLs with", in)
		}
		// A URL given on the command line is a page, with no feed behind it.
		a, err := readArticle(ctx, fc, ex, news.Source{Kind: news.SourcePage}, feedItem{URL: in}, extractTimeout, 0, "")
		if err != nil {
			return news.Article{}, "", fmt.Errorf("%s: %w", in, err)
		}
		if a.Extraction != news.ExtractFull {
			return news.Article{}, "", fmt.Errorf("%s: %s", in, a.ExtractionReason)
		}
		// The host as brief.Outlet names a page without a publisher: with
		// its port, which tells a reader which local server it is, and
		// tells two sites on one host's two ports apart.
		if fu, err := url.Parse(a.URL); err == nil && fu.Hostname() != "" {
			u = fu
		}
		return a, brief.OutletHost(u), nil
	}
	abs, err := filepath.Abs(in)
	if err != nil {
		return news.Article{}, "", fmt.Errorf("%s: %w", in, err)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return news.Article{}, "", fmt.Errorf("read %s: %w", in, err)
	}
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	res, err := extractWithin(ctx, ex, extractTimeout, data, fileURL)
	switch {
	case errors.As(err, new(stoppedError)):
		// Stopped (Ctrl-C), not a page without an article.
		return news.Article{}, "", fmt.Errorf("read %s: %w", in, err)
	case errors.As(err, new(slowPageError)):
		return news.Article{}, "", fmt.Errorf("%s: %w", in, err)
	case err != nil:
		return news.Article{}, "", fmt.Errorf("%s: no article found: %w", in, err)
	}
	if strings.TrimSpace(res.Text) == "" {
		return news.Article{}, "", fmt.Errorf("%s: no article text found", in)
	}
	a := news.Article{
		URL: fileURL, Title: res.Title, Byline: res.Byline, Publisher: res.Publisher,
		PublishedAt: res.Published, FetchedAt: time.Now().UTC(), Text: res.Text,
		Description: res.Description, ImageURL: res.Image, Extraction: news.ExtractFull,
	}
	a.Lang = detectLang(a.Text, res.Lang, "")
	key := abs
	if res.CanonicalURL != "" {
		if cu, err := url.Parse(res.CanonicalURL); err == nil && cu.Hostname() != "" {
			key = strings.TrimPrefix(cu.Hostname(), "www.")
		}
	}
	return a, key, nil
}
