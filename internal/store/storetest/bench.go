package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// BenchSourceDuplicate measures adding a source already subscribed, under
// another spelling, to st holding n sources: "key" is the store's own
// check (AddSource refusing it by url_key), "list" the check newsdesk made
// before sources had the key, reading every source and canonicalising
// each (web.Subscribed, gone).
func BenchSourceDuplicate(b *testing.B, st store.Store, n int) {
	ctx := context.Background()
	for i := range n {
		if _, err := st.AddSource(ctx, news.Source{URL: fmt.Sprintf("https://site%d.example/feed.xml", i)}); err != nil {
			b.Fatal(err)
		}
	}
	spelling := func(i int) string { return fmt.Sprintf("HTTPS://Site%d.example/feed.xml?utm_source=x", i%n) }
	b.Run("key", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := st.AddSource(ctx, news.Source{URL: spelling(i)}); !errors.Is(err, store.ErrDuplicate) {
				b.Fatalf("AddSource(%q): %v, want ErrDuplicate", spelling(i), err)
			}
			i++
		}
	})
	b.Run("list", func(b *testing.B) {
		i := 0
		for b.Loop() {
			srcs, err := st.Sources(ctx)
			if err != nil {
				b.Fatal(err)
			}
			want, found := news.SourceKey(spelling(i)), false
			for _, s := range srcs {
				found = found || news.SourceKey(s.URL) == want
			}
			if !found {
				b.Fatalf("%q not found", spelling(i))
			}
			i++
		}
	})
}

// BenchArticleLookup measures HasArticle, the check a poll makes for every
// feed item, on st holding n articles, each stored after a redirect from a
// link of its own (AddArticleFrom): "url" asks for an article's URL,
// "link" for a link that led to one, "miss" for neither (a new item). A
// process-local map from link to URL in front of the store, as the
// pipeline kept until article_links, saves no round trip: with it, a
// link's check was HasArticle of the URL ("url").
func BenchArticleLookup(b *testing.B, st store.Store, n int) {
	ctx := context.Background()
	for i := range n {
		a := news.Article{URL: fmt.Sprintf("https://site%d.example/news/%d", i%50, i), FetchedAt: day0}
		if _, _, err := st.AddArticleFrom(ctx, fmt.Sprintf("https://feeds.example.net/~r/%d", i), a); err != nil {
			b.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name   string
		url    func(i int) string
		stored bool
	}{
		{"url", func(i int) string { return fmt.Sprintf("https://site%d.example/news/%d", i%50, i) }, true},
		{"link", func(i int) string { return fmt.Sprintf("https://feeds.example.net/~r/%d", i) }, true},
		{"miss", func(i int) string { return fmt.Sprintf("https://feeds.example.net/~r/new/%d", i) }, false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				url := tc.url(i % n)
				if got, err := st.HasArticle(ctx, url); err != nil || got != tc.stored {
					b.Fatalf("HasArticle(%q) = %v, %v; want %v", url, got, err, tc.stored)
				}
				i++
			}
		})
	}
}

// BenchPrune measures Prune removing n old articles, four to a story,
// each with some 2,000 bytes of text in the search index and a briefing
// per story, from a store that also holds n/16 articles inside the window,
// which it keeps, at batches of 100 (the default) and 500 stories a
// transaction. open returns an empty store; each iteration fills a new
// one, untimed.
func BenchPrune(b *testing.B, open func(b *testing.B) store.Store, n int) {
	for _, batch := range []int{100, 500} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) { benchPrune(b, open, n, batch) })
	}
}

func benchPrune(b *testing.B, open func(b *testing.B) store.Store, n, batch int) {
	ctx := context.Background()
	cutoff := day0.Add(180 * 24 * time.Hour)
	para := strings.Repeat("The harbour authority said on Monday that the strike had closed three terminals. ", 25)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := open(b)
		add := func(story int64, at time.Time, k int) {
			a, _, err := st.AddArticle(ctx, news.Article{URL: fmt.Sprintf("https://site%d.example/news/%d/%d", story%50, story, k),
				Title: fmt.Sprintf("Story %d report %d", story, k), Text: para, PublishedAt: at, FetchedAt: at})
			if err != nil {
				b.Fatal(err)
			}
			if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: story, ThreadID: story}); err != nil {
				b.Fatal(err)
			}
		}
		stories := int64(n / 4)
		for s := int64(1); s <= stories+stories/4; s++ {
			at := day0.Add(time.Duration(s) * time.Minute) // old
			per := 4
			if s > stories {
				at, per = cutoff.Add(time.Duration(s)*time.Minute), 1 // inside the window
			}
			for k := range per {
				add(s, at, k)
			}
			if err := st.PutStory(ctx, news.Story{ID: s, ThreadID: s, Title: "t", FirstSeen: at, LastUpdated: at, ArticleCount: per}); err != nil {
				b.Fatal(err)
			}
			if err := st.PutBriefing(ctx, news.Briefing{StoryID: s, Headline: "t", GeneratedAt: at}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		res, err := st.Prune(ctx, store.PruneOptions{Cutoff: cutoff, Batch: batch, Recheck: 60 * 24 * time.Hour})
		b.StopTimer()
		if err != nil || res.Articles != n || res.Stories != int(stories) {
			b.Fatalf("Prune = %+v, %v; want %d articles of %d stories", res, err, n, stories)
		}
		b.ReportMetric(float64(res.Articles), "articles/op")
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
