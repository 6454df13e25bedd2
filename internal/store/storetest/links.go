package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// RunArticleLinks checks the links AddArticleFrom records on st: found by
// ArticleByURL and HasArticle, moved to the article stored last, never
// taking the place of an article stored under the URL itself, long ones
// kept, and removed with their article. deleteArticle deletes an article
// row by ID, as only a person could (no method of the store does): the
// link must go with it, not keep it from being deleted.
func RunArticleLinks(t *testing.T, st store.Store, deleteArticle func(ctx context.Context, id int64) error) {
	t.Helper()
	ctx := context.Background()
	src := mustSource(t, st, "https://example.org/feed.xml")
	add := func(link, url string) news.Article {
		t.Helper()
		a, _, err := st.AddArticleFrom(ctx, link, news.Article{SourceID: src.ID, URL: url, Title: url, FetchedAt: day0})
		if err != nil {
			t.Fatalf("AddArticleFrom(%q, %q): %v", link, url, err)
		}
		return a
	}
	// found checks what a lookup of url finds: the article want, or
	// nothing if want is 0.
	found := func(url string, want int64) {
		t.Helper()
		has, err := st.HasArticle(ctx, url)
		if err != nil || has != (want != 0) {
			t.Errorf("HasArticle(%q) = %v, %v; want %v", url, has, err, want != 0)
		}
		a, err := st.ArticleByURL(ctx, url)
		switch {
		case want == 0 && !errors.Is(err, store.ErrNotFound):
			t.Errorf("ArticleByURL(%q) = article %d, %v; want ErrNotFound", url, a.ID, err)
		case want != 0 && (err != nil || a.ID != want):
			t.Errorf("ArticleByURL(%q) = article %d, %v; want article %d", url, a.ID, err, want)
		}
	}

	const (
		page  = "https://example.org/news/1"
		link  = "https://feeds.example.net/~r/example/~3/abc"
		link2 = "https://news.example.com/rss/articles/xyz"
	)
	a, created, err := st.AddArticleFrom(ctx, link, news.Article{SourceID: src.ID, URL: page, Title: "One", FetchedAt: day0})
	if err != nil || !created || a.URL != page {
		t.Fatalf("AddArticleFrom = %q, created %v, %v; want %q created", a.URL, created, err, page)
	}
	found(page, a.ID)
	found(link, a.ID)
	found(link2, 0)

	// A second link to the stored page: not created, and recorded.
	again, created, err := st.AddArticleFrom(ctx, link2, news.Article{SourceID: src.ID, URL: page, Title: "Other", FetchedAt: day0})
	if err != nil || created || again.ID != a.ID || again.Title != "One" {
		t.Fatalf("AddArticleFrom of a stored page = article %d %q, created %v, %v; want article %d \"One\", not created",
			again.ID, again.Title, created, err, a.ID)
	}
	found(link2, a.ID)

	// No link, or the page's own URL as the link, records nothing: the
	// page is found by its URL, and its deletion below finds no link.
	const plain = "https://example.org/news/plain"
	for _, l := range []string{"", plain} {
		if _, _, err := st.AddArticleFrom(ctx, l, news.Article{URL: plain, FetchedAt: day0}); err != nil {
			t.Fatalf("AddArticleFrom(%q): %v", l, err)
		}
	}

	// A link that now redirects elsewhere leads to the article stored last.
	b := add(link2, "https://example.org/news/2")
	found(link2, b.ID)
	found(link, a.ID)

	// A URL an article is stored under finds that article, even if it is
	// also a link that led to another.
	c := add("https://example.org/news/3", "https://example.org/news/3b")
	d := add("https://example.org/news/3c", "https://example.org/news/3")
	found("https://example.org/news/3", d.ID)
	found("https://example.org/news/3c", d.ID)
	found("https://example.org/news/3b", c.ID)

	// A long link, percent-encoded three times over (see
	// longNonASCIIURL), is recorded with its article, not refused.
	long := news.URLKey(longNonASCIIURL(3))
	e := add(long, "https://example.org/news/4")
	found(long, e.ID)

	// Deleting an article deletes its links, and only its.
	if err := deleteArticle(ctx, a.ID); err != nil {
		t.Fatalf("delete article %d: %v", a.ID, err)
	}
	found(page, 0)
	found(link, 0)
	found(link2, b.ID)
	if err := deleteArticle(ctx, e.ID); err != nil {
		t.Fatalf("delete article %d: %v", e.ID, err)
	}
	found(long, 0)
	// A link whose article went is recorded anew with the next one.
	f := add(link, "https://example.org/news/5")
	found(link, f.ID)
}
