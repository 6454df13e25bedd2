package storetest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// testRankedStories pages the ranked list both ways and checks it against
// store.StoryRank, ties included.
func testRankedStories(t *testing.T, st store.Store) {
	ctx := context.Background()
	// Ten stories at four times with one to three sources: equal times
	// and counts tie on rank, and then the higher ID goes first.
	var stories []news.Story
	for i := range 10 {
		last := day0.Add(time.Duration(i%4) * time.Hour)
		s := news.Story{ID: int64(i + 1), ThreadID: int64(i + 1), Title: fmt.Sprintf("Story %d", i+1),
			FirstSeen: last, LastUpdated: last, SourceCount: 1 + i%3}
		stories = append(stories, s)
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatalf("PutStory: %v", err)
		}
	}
	// Putting a story again re-ranks it: story 1 now has 8 sources.
	stories[0].SourceCount = 8
	if err := st.PutStory(ctx, stories[0]); err != nil {
		t.Fatalf("PutStory: %v", err)
	}
	rank := func(s news.Story) int64 { return store.StoryRank(s, time.Time{}) }
	slices.SortFunc(stories, func(a, b news.Story) int {
		return cmp.Or(cmp.Compare(rank(b), rank(a)), cmp.Compare(b.ID, a.ID))
	})
	var want []int64
	for _, s := range stories {
		want = append(want, s.ID)
	}

	// Forward from the first page, then back from the last.
	var (
		got  []int64
		page store.RankedPage
		err  error
		p    = store.StoryPage{Limit: 3}
	)
	var pages int
	for {
		page, err = st.RankedStories(ctx, p)
		if err != nil {
			t.Fatalf("RankedStories(%+v): %v", p, err)
		}
		if pages > 0 && page.Prev.IsZero() {
			t.Errorf("page %d after a cursor has no Prev", pages)
		}
		pages++
		for _, s := range page.Stories {
			got = append(got, s.ID)
		}
		if page.Next.IsZero() {
			break
		}
		if pages > len(want) {
			t.Fatal("paging forward does not end")
		}
		p = store.StoryPage{After: page.Next, Limit: 3}
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("ranked stories paged forward (-want +got):\n%s", diff)
	}
	if pages != 4 {
		t.Errorf("paged forward in %d pages of 3, want 4", pages)
	}
	var back []int64
	for !page.Prev.IsZero() {
		p = store.StoryPage{Before: page.Prev, Limit: 3}
		page, err = st.RankedStories(ctx, p)
		if err != nil {
			t.Fatalf("RankedStories(%+v): %v", p, err)
		}
		if page.Next.IsZero() {
			t.Errorf("page before a cursor has no Next")
		}
		back = append(slices.Clone(idsOf(page.Stories)), back...)
	}
	if diff := gocmp.Diff(want[:9], back); diff != "" {
		t.Errorf("ranked stories paged back from the last page (-want +got):\n%s", diff)
	}

	// Whole list, and the full story in it.
	all, err := st.RankedStories(ctx, store.StoryPage{Limit: 100})
	if err != nil {
		t.Fatalf("RankedStories: %v", err)
	}
	if !all.Next.IsZero() || !all.Prev.IsZero() {
		t.Errorf("a page holding every story has cursors %+v, %+v; want none", all.Next, all.Prev)
	}
	if diff := gocmp.Diff(stories, all.Stories); diff != "" {
		t.Errorf("ranked stories (-want +got):\n%s", diff)
	}

	// A cursor that names no story still places the page.
	mid := store.StoryCursor{Rank: rank(stories[4]), ID: stories[4].ID + 1000}
	after, err := st.RankedStories(ctx, store.StoryPage{After: mid, Limit: 100})
	if err != nil {
		t.Fatalf("RankedStories(after a stray cursor): %v", err)
	}
	if diff := gocmp.Diff(want[4:], idsOf(after.Stories)); diff != "" {
		t.Errorf("ranked stories after a stray cursor (-want +got):\n%s", diff)
	}

	for _, bad := range []store.StoryPage{
		{Limit: 0},
		{After: mid, Before: mid, Limit: 3},
	} {
		if _, err := st.RankedStories(ctx, bad); err == nil {
			t.Errorf("RankedStories(%+v) = nil error, want one", bad)
		}
	}
}

func idsOf(stories []news.Story) []int64 {
	ids := make([]int64, len(stories))
	for i, s := range stories {
		ids[i] = s.ID
	}
	return ids
}

// testRetrySource checks that a retried feed is due at once, its error
// and backoff cleared, a feed in error new again, and a feed whose last
// poll was good left ok; and that a page is refused and left as it is
// (read once, its failed article would only give the same error again).
func testRetrySource(t *testing.T, st store.Store) {
	ctx := context.Background()
	now := day0
	later := now.Add(6 * time.Hour)
	feed, err := st.AddSource(ctx, news.Source{URL: "https://example.org/failing.xml", Status: news.StatusError,
		LastError: "HTTP 503", ErrorCount: 4, NextPollAt: later, ETag: `"v1"`, UnchangedPolls: 7})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	page, err := st.AddSource(ctx, news.Source{Kind: news.SourcePage, URL: "https://example.org/page",
		Status: news.StatusError, LastError: "HTTP 404", ErrorCount: 1})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	good, err := st.AddSource(ctx, news.Source{URL: "https://example.org/good.xml", Status: news.StatusOK, NextPollAt: later})
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	if due, err := st.DueSources(ctx, now); err != nil || len(due) != 0 {
		t.Fatalf("DueSources before the retry = %v, %v; want none", due, err)
	}
	got, err := st.RetrySource(ctx, feed.ID, now)
	if err != nil {
		t.Fatalf("RetrySource(feed): %v", err)
	}
	want := feed
	// The unchanged polls go too: a person who asks for a poll wants the
	// feed read at its base interval again, not at its adaptive one.
	// A feed in error is new again, not "error" without one until the poll.
	want.NextPollAt, want.LastError, want.ErrorCount, want.UnchangedPolls, want.Status = now, "", 0, 0, news.StatusNew
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("retried feed (-want +got):\n%s", diff)
	}
	if _, err := st.RetrySource(ctx, page.ID, now); !errors.Is(err, store.ErrReadOnce) {
		t.Errorf("RetrySource(page) = %v, want store.ErrReadOnce", err)
	}
	got, err = st.Source(ctx, page.ID)
	if err != nil {
		t.Fatalf("Source(page): %v", err)
	}
	if diff := gocmp.Diff(page, got); diff != "" {
		t.Errorf("page after a refused retry (-want +got):\n%s", diff)
	}
	got, err = st.RetrySource(ctx, good.ID, now)
	if err != nil {
		t.Fatalf("RetrySource(good): %v", err)
	}
	want = good
	want.NextPollAt = now
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("retried good feed (-want +got):\n%s", diff)
	}
	due, err := st.DueSources(ctx, now)
	if err != nil {
		t.Fatalf("DueSources: %v", err)
	}
	if diff := gocmp.Diff([]int64{feed.ID, good.ID}, sourceIDs(due)); diff != "" {
		t.Errorf("due after the retry (-want +got):\n%s", diff)
	}
	if _, err := st.RetrySource(ctx, 9999, now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RetrySource(missing) = %v, want store.ErrNotFound", err)
	}
	testRetryFailedPage(t, st, now, []int64{feed.ID, good.ID})
}

// mustFailedPage adds a page polled at now whose article could not be read
// (HTTP 404).
func mustFailedPage(t *testing.T, st store.Store, now time.Time) news.Source {
	t.Helper()
	s, err := st.AddSource(context.Background(), news.Source{Kind: news.SourcePage, URL: "https://example.org/gone",
		Status: news.StatusError, LastError: "page could not be fetched: HTTP 404", ErrorCount: 1, LastPolledAt: now})
	if err != nil {
		t.Fatalf("AddSource(failed page): %v", err)
	}
	return s
}

// mustReadPage adds a page polled at now whose article was read.
func mustReadPage(t *testing.T, st store.Store, now time.Time) news.Source {
	t.Helper()
	s, err := st.AddSource(context.Background(), news.Source{Kind: news.SourcePage, URL: "https://example.org/read",
		Status: news.StatusOK, LastPolledAt: now})
	if err != nil {
		t.Fatalf("AddSource(read page): %v", err)
	}
	return s
}

// testRetryFailedPage checks that a page whose article could not be read
// is read again when retried: its failed article is deleted, so that the
// poll fetches the page rather than find the article under its URL, and
// it is new and due, its error cleared. A page whose article was read is
// still refused and left as it is. due are the sources due before.
func testRetryFailedPage(t *testing.T, st store.Store, now time.Time, due []int64) {
	t.Helper()
	ctx := context.Background()
	failed, read := mustFailedPage(t, st, now), mustReadPage(t, st, now)
	for _, a := range []news.Article{
		{SourceID: failed.ID, URL: failed.URL, FetchedAt: now, Extraction: news.ExtractFailed, ExtractionReason: failed.LastError},
		{SourceID: read.ID, URL: read.URL, FetchedAt: now, Title: "Read", Text: "The article.", Extraction: news.ExtractFull},
	} {
		if _, _, err := st.AddArticle(ctx, a); err != nil {
			t.Fatalf("AddArticle: %v", err)
		}
	}
	got, err := st.RetrySource(ctx, failed.ID, now)
	if err != nil {
		t.Fatalf("RetrySource(failed page): %v", err)
	}
	want := failed
	want.Status, want.LastError, want.ErrorCount, want.NextPollAt = news.StatusNew, "", 0, now
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("retried failed page (-want +got):\n%s", diff)
	}
	if _, err := st.ArticleByURL(ctx, failed.URL); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ArticleByURL(failed page) after the retry = %v, want store.ErrNotFound", err)
	}
	if _, err := st.RetrySource(ctx, read.ID, now); !errors.Is(err, store.ErrReadOnce) {
		t.Errorf("RetrySource(read page) = %v, want store.ErrReadOnce", err)
	}
	if _, err := st.ArticleByURL(ctx, read.URL); err != nil {
		t.Errorf("ArticleByURL(read page) after a refused retry: %v", err)
	}
	list, err := st.DueSources(ctx, now)
	if err != nil {
		t.Fatalf("DueSources: %v", err)
	}
	if diff := gocmp.Diff(append(due, failed.ID), sourceIDs(list)); diff != "" {
		t.Errorf("due after the page's retry (-want +got):\n%s", diff)
	}
}

func sourceIDs(srcs []news.Source) []int64 {
	ids := make([]int64, len(srcs))
	for i, s := range srcs {
		ids[i] = s.ID
	}
	return ids
}

// BenchRankedPage measures reading the front page of st filled with n
// stories: "keyset" is a page from RankedStories, read along the rank
// index; "sort" what the web server did before stories had a stored
// rank, reading every story and sorting them by rank.
func BenchRankedPage(b *testing.B, st store.Store, n int) {
	ctx := context.Background()
	for i := range n {
		last := day0.Add(-time.Duration(i*37%n) * time.Minute)
		s := news.Story{ID: int64(i + 1), ThreadID: int64(i + 1), Title: fmt.Sprintf("Story %d", i+1),
			FirstSeen: last, LastUpdated: last, SourceCount: 1 + i%7}
		if err := st.PutStory(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	const limit = 100
	b.Run("keyset", func(b *testing.B) {
		for b.Loop() {
			page, err := st.RankedStories(ctx, store.StoryPage{Limit: limit})
			if err != nil || len(page.Stories) != limit {
				b.Fatalf("RankedStories: %d stories, %v", len(page.Stories), err)
			}
		}
	})
	b.Run("sort", func(b *testing.B) {
		for b.Loop() {
			all, err := st.Stories(ctx, store.StoryFilter{})
			if err != nil {
				b.Fatal(err)
			}
			slices.SortFunc(all, func(a, b news.Story) int {
				return cmp.Or(cmp.Compare(store.StoryRank(b, time.Time{}), store.StoryRank(a, time.Time{})), cmp.Compare(b.ID, a.ID))
			})
			if len(all) < limit {
				b.Fatalf("%d stories", len(all))
			}
		}
	})
}

// testRetryPageKeepsSnapshot checks that retrying a failed page whose
// article is the cluster snapshot's cursor moves the cursor back to the
// article grouped before it: a failed article is grouped (with no story),
// so it can be the last one a snapshot covers, and a cursor left naming
// the deleted article makes the next start replay the whole archive.
func testRetryPageKeepsSnapshot(t *testing.T, st store.Store) {
	ctx := context.Background()
	snaps, ok := st.(snapshotStore)
	if !ok {
		t.Skipf("%T keeps no cluster snapshot", st)
	}
	now := day0
	page := mustFailedPage(t, st, now)
	feed := mustSource(t, st, "https://example.org/feed.xml")
	// Grouped in this order: the failed page's article last, as when the
	// page was the last article of the batch before a save.
	first := mustArticle(t, st, news.Article{SourceID: feed.ID, URL: "https://example.org/1", Title: "Dam opens", Text: "The dam opened.", PublishedAt: now})
	second := mustArticle(t, st, news.Article{SourceID: feed.ID, URL: "https://example.org/2", Title: "Dam shuts", Text: "The dam shut.", PublishedAt: now})
	failed := mustArticle(t, st, news.Article{SourceID: page.ID, URL: page.URL, FetchedAt: now,
		Extraction: news.ExtractFailed, ExtractionReason: page.LastError})
	for _, a := range []news.Article{second, first} {
		if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
			t.Fatalf("SetArticleGroup(%d): %v", a.ID, err)
		}
	}
	if err := st.SetArticleGroup(ctx, failed.ID, store.Group{}); err != nil {
		t.Fatalf("SetArticleGroup(failed): %v", err)
	}
	if err := snaps.PutClusterSnapshot(ctx, store.ClusterSnapshot{Data: []byte{1}, After: failed.ID, Fingerprint: "x", TakenAt: now}); err != nil {
		t.Fatalf("PutClusterSnapshot: %v", err)
	}
	if _, err := st.RetrySource(ctx, page.ID, now); err != nil {
		t.Fatalf("RetrySource(failed page): %v", err)
	}
	snap, err := snaps.ClusterSnapshot(ctx)
	if err != nil {
		t.Fatalf("ClusterSnapshot after the retry: %v", err)
	}
	// first was grouped after second: it is the cursor's predecessor.
	if snap.After != first.ID {
		t.Errorf("snapshot's cursor after the retry = %d, want %d (the article grouped before the failed one %d)", snap.After, first.ID, failed.ID)
	}
	if a, err := st.Article(ctx, snap.After); err != nil || !a.Clustered {
		t.Errorf("Article(cursor %d) = clustered %v, %v; want a grouped article, as a start without a full replay needs", snap.After, a.Clustered, err)
	}
}

// testReaddSource checks ReaddSource, the answer to a person adding a
// subscribed URL again: a page whose article could not be read is retried
// (new, due, its failed article gone); a feed, or a page read in full, is
// returned as it is, not retried; a URL no source owns is ErrNotFound.
func testReaddSource(t *testing.T, st store.Store) {
	ctx := context.Background()
	now := day0
	failed, read := mustFailedPage(t, st, now), mustReadPage(t, st, now)
	feed := mustSource(t, st, "https://example.org/feed.xml")
	mustArticle(t, st, news.Article{SourceID: failed.ID, URL: failed.URL, FetchedAt: now,
		Extraction: news.ExtractFailed, ExtractionReason: failed.LastError})
	mustArticle(t, st, news.Article{SourceID: read.ID, URL: read.URL, FetchedAt: now, Title: "Read", Text: "The article."})

	retried := failed
	retried.Status, retried.LastError, retried.ErrorCount, retried.NextPollAt = news.StatusNew, "", 0, now
	for _, tt := range []struct {
		url         string
		want        news.Source
		wantRetried bool
	}{
		{failed.URL, retried, true},
		{read.URL, read, false},
		{feed.URL, feed, false},
	} {
		got, ok, err := st.ReaddSource(ctx, tt.url, now)
		if err != nil {
			t.Errorf("ReaddSource(%s): %v", tt.url, err)
			continue
		}
		if ok != tt.wantRetried {
			t.Errorf("ReaddSource(%s) retried %v, want %v", tt.url, ok, tt.wantRetried)
		}
		if diff := gocmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ReaddSource(%s) (-want +got):\n%s", tt.url, diff)
		}
	}
	if _, err := st.ArticleByURL(ctx, failed.URL); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ArticleByURL(failed page) after it was added again = %v, want store.ErrNotFound", err)
	}
	if _, err := st.ArticleByURL(ctx, read.URL); err != nil {
		t.Errorf("ArticleByURL(read page) after it was added again: %v", err)
	}
	// Retried, the page is new: adding it again once more changes nothing.
	if got, ok, err := st.ReaddSource(ctx, failed.URL, now.Add(time.Hour)); err != nil || ok || got.NextPollAt != now {
		t.Errorf("ReaddSource(retried page) = due %v, retried %v, %v; want due %v, not retried", got.NextPollAt, ok, err, now)
	}
	if _, _, err := st.ReaddSource(ctx, "https://example.org/never", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ReaddSource(unknown URL) = %v, want store.ErrNotFound", err)
	}
}
