package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// testSourceArticleCount checks that Source, not only Sources, counts the
// articles stored for the source: the poll reads its source with Source
// and takes a source with articles for one that has been read (see
// testNeverReadSource). UpdateSourceFunc must leave the count alone, whatever
// the source its apply leaves says, and a deleted source's articles count for
// no source.
func testSourceArticleCount(t *testing.T, st store.Store) {
	ctx := context.Background()
	feed := mustSource(t, st, "https://example.org/count.xml")
	other := mustSource(t, st, "https://example.org/other.xml")
	gone := mustSource(t, st, "https://example.org/gone.xml")
	for i := range 3 {
		mustArticle(t, st, news.Article{SourceID: feed.ID, URL: fmt.Sprintf("https://example.org/count/%d", i), FetchedAt: day0})
	}
	mustArticle(t, st, news.Article{SourceID: gone.ID, URL: "https://example.org/gone/1", FetchedAt: day0})
	if err := st.DeleteSource(ctx, gone.ID); err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}

	stale := feed // ArticleCount 0, as AddSource returned it
	stale.Name = "Renamed"
	if err := saveSource(ctx, st, stale); err != nil {
		t.Fatalf("UpdateSourceFunc: %v", err)
	}
	tests := []struct {
		src  news.Source
		want int
	}{
		{feed, 3},
		{other, 0},
	}
	for _, tc := range tests {
		got, err := st.Source(ctx, tc.src.ID)
		if err != nil {
			t.Fatalf("Source(%d): %v", tc.src.ID, err)
		}
		if got.ArticleCount != tc.want {
			t.Errorf("Source(%d).ArticleCount = %d, want %d", tc.src.ID, got.ArticleCount, tc.want)
		}
	}
}

// testNeverReadSource checks that a source reads back from Source with
// what tells a feed never read from one read before (pipeline.neverRead):
// its status, its validators, its name and its article count. Until its
// first good poll, a feed's URL may still be a web page whose announced
// feed the source moves to; once read, never, so a store that lost any of
// these would let a captive portal take over a source with articles, or
// keep a new one from ever finding its feed.
func testNeverReadSource(t *testing.T, st store.Store) {
	ctx := context.Background()
	// failed records a failed poll on s.
	failed := func(s news.Source) news.Source {
		s.Status, s.LastError, s.ErrorCount = news.StatusError, "feed could not be read", s.ErrorCount+1
		s.LastPolledAt, s.NextPollAt = day0, day0.Add(time.Minute)
		return s
	}
	tests := []struct {
		name string
		// setup returns the source as it stands after the polls the
		// case makes, before Source reads it back.
		setup func(t *testing.T, s news.Source) news.Source
	}{
		{"new", func(t *testing.T, s news.Source) news.Source { return s }},
		{"first polls failed", func(t *testing.T, s news.Source) news.Source {
			return failed(failed(s))
		}},
		{"read, then failed: validators kept", func(t *testing.T, s news.Source) news.Source {
			s.ETag, s.LastModified = `"v1"`, "Sat, 14 Mar 2026 09:00:00 GMT"
			return failed(s)
		}},
		{"read, then failed: name kept", func(t *testing.T, s news.Source) news.Source {
			s.Name = "Example News"
			return failed(s)
		}},
		{"read, then failed: articles kept", func(t *testing.T, s news.Source) news.Source {
			mustArticle(t, st, news.Article{SourceID: s.ID, URL: s.URL + "/article", FetchedAt: day0})
			s.ArticleCount = 1
			return failed(s)
		}},
		{"read", func(t *testing.T, s news.Source) news.Source {
			s.Status, s.LastPolledAt, s.NextPollAt = news.StatusOK, day0, day0.Add(time.Hour)
			return s
		}},
	}
	for i, tc := range tests {
		// No name: one given by the user would make the source look read.
		added, err := st.AddSource(ctx, news.Source{Kind: news.SourceFeed, URL: fmt.Sprintf("https://example.org/never-read/%d", i), CreatedAt: day0})
		if err != nil {
			t.Fatalf("%s: AddSource: %v", tc.name, err)
		}
		want := tc.setup(t, added)
		if err := saveSource(ctx, st, want); err != nil {
			t.Fatalf("%s: UpdateSourceFunc: %v", tc.name, err)
		}
		got, err := st.Source(ctx, added.ID)
		if err != nil {
			t.Fatalf("%s: Source: %v", tc.name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Source mismatch (-want +got):\n%s", tc.name, diff)
		}
	}
}
