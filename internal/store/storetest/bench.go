package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

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
			want, found := news.URLKey(spelling(i)), false
			for _, s := range srcs {
				found = found || news.URLKey(s.URL) == want
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
