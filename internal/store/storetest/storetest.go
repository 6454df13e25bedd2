// Package storetest is the conformance suite of store.Store: every back end
// runs it from its own tests (store/sqlite and store/postgres), so both behave the
// same for the code above them.
package storetest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Run checks the back end that open returns: open must give each call an
// empty store of its own, and the suite closes it.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"Sources", testSources},
		{"SourceDuplicate", testSourceDuplicate},
		{"SourceCanonicalKey", testSourceCanonicalKey},
		{"SourceKeyConcurrent", testSourceKeyConcurrent},
		{"SourceLongKey", testSourceLongKey},
		{"SourceNotFound", testSourceNotFound},
		{"DueSources", testDueSources},
		{"SourceArticleCount", testSourceArticleCount},
		{"NeverReadSource", testNeverReadSource},
		{"ArticleIdempotent", testArticleIdempotent},
		{"ArticleFilters", testArticleFilters},
		{"ArticleGroupOrder", testArticleGroupOrder},
		{"ArticleCursor", testArticleCursor},
		{"ArticleTranslation", testArticleTranslation},
		{"ArticleCursorMissing", testArticleCursorMissing},
		{"ArticleNotFound", testArticleNotFound},
		{"StoryBriefing", testStoryBriefing},
		{"BriefingHeadlineTitle", testBriefingHeadlineTitle},
		{"StoryRanking", testStoryRanking},
		{"RankedStories", testRankedStories},
		{"CategoryStories", testCategoryStories},
		{"SearchStories", testSearchStories},
		{"SearchLongArticle", testSearchLongArticle},
		{"SearchFolding", testSearchFolding},
		{"RetrySource", testRetrySource},
		{"RetryPageKeepsSnapshot", testRetryPageKeepsSnapshot},
		{"ReaddSource", testReaddSource},
		{"EditSource", testEditSource},
		{"UpdateSourceFunc", testUpdateSourceFunc},
		{"StoryNotFound", testStoryNotFound},
		{"StoriesByID", testStoriesByID},
		{"ArticlesByID", testArticlesByID},
		{"BriefingsByID", testBriefingsByID},
		{"DeleteSourceKeepsArticles", testDeleteSourceKeepsArticles},
		{"ClusterSnapshot", testClusterSnapshot},
		{"Fence", testFence},
		{"Ping", testPing},
		{"Prune", testPrune},
		{"IDsNotReused", testIDsNotReused},
		{"DuplicateDrawsNoID", testDuplicateDrawsNoID},
		{"StoryIDMark", testStoryIDMark},
		{"InstanceID", testInstanceID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st := open(t)
			t.Cleanup(func() {
				if err := st.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, st)
		})
	}
}

// RunReopen checks that what a back end stores survives closing it: open
// must open the same database on every call, empty on the first. After the
// suite's checks, check (if not nil) runs the back end's own on the
// reopened store, which the suite then closes.
func RunReopen(t *testing.T, open func(t *testing.T) store.Store, check func(t *testing.T, st store.Store)) {
	var checkReopened func(st store.Store)
	if check != nil {
		checkReopened = func(st store.Store) { check(t, st) }
	}
	runReopen(t, func() store.Store { return open(t) }, checkReopened)
}

// runReopen is RunReopen on a testing.TB, so that its own test can see what
// it closes when a step fails.
func runReopen(t testing.TB, open func() store.Store, check func(st store.Store)) {
	ctx := context.Background()
	st := open()
	// Closed once, whichever way the test goes on: here before the reopen,
	// or at the end of a test a failed step ended first (whose error the
	// failure already reports).
	closeFirst := sync.OnceValue(st.Close)
	t.Cleanup(func() { _ = closeFirst() })
	src := mustSource(t, st, "https://example.org/feed.xml")
	a := mustArticle(t, st, news.Article{
		SourceID: src.ID, URL: "https://example.org/1", Title: "Bridge reopens", Text: "The bridge reopened.",
		PublishedAt: day0, FetchedAt: day0.Add(time.Hour),
	})
	// Grouped against ID order, so that a grouped order restarting after
	// the reopen would show (ties fall back to ID).
	first := mustArticle(t, st, news.Article{SourceID: src.ID, URL: "https://example.org/0", PublishedAt: day0})
	tr := news.Translation{From: "es", To: "en", Text: "Bridge reopens\n\nThe bridge reopened."}
	for _, id := range []int64{first.ID, a.ID} {
		if err := st.SetArticleGroup(ctx, id, store.Group{StoryID: 1, ThreadID: 1, Translation: tr}); err != nil {
			t.Fatalf("SetArticleGroup: %v", err)
		}
	}
	story := news.Story{ID: 1, ThreadID: 1, Title: "Bridge reopens", FirstSeen: day0, LastUpdated: day0, ArticleCount: 2, SourceCount: 1}
	if err := st.PutStory(ctx, story); err != nil {
		t.Fatalf("PutStory: %v", err)
	}
	brief := news.Briefing{StoryID: 1, Headline: "Bridge reopens", GeneratedAt: day0.Add(2 * time.Hour)}
	if err := st.PutBriefing(ctx, brief); err != nil {
		t.Fatalf("PutBriefing: %v", err)
	}
	story.Briefed = true
	src.ArticleCount = 2
	a, err := st.Article(ctx, a.ID)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	if a.Translation != tr {
		t.Errorf("Article translation = %+v, want %+v", a.Translation, tr)
	}
	instanceID, err := st.InstanceID(ctx)
	if err != nil {
		t.Fatalf("InstanceID: %v", err)
	}
	if err := closeFirst(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	st = open()
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if got, err := st.Source(ctx, src.ID); err != nil {
		t.Errorf("source lost on reopen: %v", err)
	} else if diff := cmp.Diff(src, got); diff != "" {
		t.Errorf("Source after reopen mismatch (-want +got):\n%s", diff)
	}
	if got, err := st.ArticleByURL(ctx, a.URL); err != nil {
		t.Errorf("article lost on reopen: %v", err)
	} else if diff := cmp.Diff(a, got); diff != "" {
		t.Errorf("Article after reopen mismatch (-want +got):\n%s", diff)
	}
	if got, err := st.Story(ctx, story.ID); err != nil {
		t.Errorf("story lost on reopen: %v", err)
	} else if diff := cmp.Diff(story, got); diff != "" {
		t.Errorf("Story after reopen mismatch (-want +got):\n%s", diff)
	}
	if got, err := st.Briefing(ctx, brief.StoryID); err != nil {
		t.Errorf("briefing lost on reopen: %v", err)
	} else if diff := cmp.Diff(brief, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Briefing after reopen mismatch (-want +got):\n%s", diff)
	}
	// A restart names the same instance in its feed, or it would take
	// its feed from before the restart for another desk's.
	if got, err := st.InstanceID(ctx); err != nil || got != instanceID {
		t.Errorf("InstanceID after reopen = %q, %v; want %q, the one stored before", got, err, instanceID)
	}
	// IDs and places in GroupedOrder continue after the stored ones.
	b := mustArticle(t, st, news.Article{URL: "https://example.org/2", PublishedAt: day0.Add(-time.Hour)})
	if b.ID <= a.ID {
		t.Errorf("article added after reopen got ID %d, want one above %d", b.ID, a.ID)
	}
	if err := st.SetArticleGroup(ctx, b.ID, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
		t.Fatalf("SetArticleGroup after reopen: %v", err)
	}
	list, err := st.Articles(ctx, store.ArticleFilter{Order: store.GroupedOrder})
	if err != nil {
		t.Fatalf("Articles after reopen: %v", err)
	}
	var order []int64
	for _, x := range list {
		order = append(order, x.ID)
	}
	if diff := cmp.Diff([]int64{first.ID, a.ID, b.ID}, order); diff != "" {
		t.Errorf("GroupedOrder after reopen mismatch (-want +got):\n%s", diff)
	}
	if check != nil {
		check(st)
	}
}

// day0 is a fixed instant so the suite is reproducible; back ends store
// times at nanosecond precision or better.
var day0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func mustSource(t testing.TB, st store.Store, url string) news.Source {
	t.Helper()
	s, err := st.AddSource(context.Background(), news.Source{Kind: news.SourceFeed, URL: url, Name: url})
	if err != nil {
		t.Fatalf("AddSource(%q): %v", url, err)
	}
	return s
}

// saveSource saves every field of s but ID, CreatedAt and ArticleCount
// through UpdateSourceFunc, whose apply replaces the stored source with s:
// what a poll that read the source before saving it leaves.
func saveSource(ctx context.Context, st store.Store, s news.Source) error {
	_, err := st.UpdateSourceFunc(ctx, s.ID, func(stored *news.Source) error {
		*stored = s
		return nil
	})
	return err
}

func mustArticle(t testing.TB, st store.Store, a news.Article) news.Article {
	t.Helper()
	got, created, err := st.AddArticle(context.Background(), a)
	if err != nil || !created {
		t.Fatalf("AddArticle(%q) = created %v, %v; want a new article", a.URL, created, err)
	}
	return got
}

func testSources(t *testing.T, st store.Store) {
	ctx := context.Background()
	in := news.Source{
		Kind: news.SourceFeed, URL: "https://example.org/feed.xml", Name: "Example",
		HomeURL: "https://example.org/", Lang: "en", Category: "world", CreatedAt: day0,
		PollInterval: 30 * time.Minute,
	}
	added, err := st.AddSource(ctx, in)
	if err != nil {
		t.Fatalf("AddSource: %v", err)
	}
	if added.ID == 0 {
		t.Fatal("AddSource gave no ID")
	}
	want := in
	want.ID = added.ID
	want.Status = news.StatusNew
	if diff := cmp.Diff(want, added); diff != "" {
		t.Errorf("AddSource mismatch (-want +got):\n%s", diff)
	}

	added.ETag, added.LastModified = `"v1"`, "Sat, 14 Mar 2026 09:00:00 GMT"
	added.LastPolledAt, added.NextPollAt = day0.Add(time.Minute), day0.Add(16*time.Minute)
	added.Status, added.LastError, added.ErrorCount = news.StatusError, "feed is not well-formed XML", 2
	added.PollInterval, added.PollHint, added.UnchangedPolls = 45*time.Minute, 2*time.Hour, 7
	added.PollEvery, added.PollReason = 2*time.Hour, "the feed's ttl"
	if err := saveSource(ctx, st, added); err != nil {
		t.Fatalf("UpdateSourceFunc: %v", err)
	}
	got, err := st.Source(ctx, added.ID)
	if err != nil {
		t.Fatalf("Source: %v", err)
	}
	if diff := cmp.Diff(added, got); diff != "" {
		t.Errorf("Source after update mismatch (-want +got):\n%s", diff)
	}

	page := mustSource(t, st, "https://example.org/one-article")
	for i := range 3 {
		mustArticle(t, st, news.Article{SourceID: added.ID, URL: "https://example.org/a/" + string(rune('a'+i)), FetchedAt: day0})
	}
	list, err := st.Sources(ctx)
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	gotCounts := map[int64]int{}
	for _, s := range list {
		gotCounts[s.ID] = s.ArticleCount
	}
	if diff := cmp.Diff(map[int64]int{added.ID: 3, page.ID: 0}, gotCounts); diff != "" {
		t.Errorf("Sources ArticleCount mismatch (-want +got):\n%s", diff)
	}
	if len(list) == 2 && list[0].ID != added.ID {
		t.Errorf("Sources not in subscription order: %d first, want %d", list[0].ID, added.ID)
	}

	if err := st.DeleteSource(ctx, page.ID); err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}
	if _, err := st.Source(ctx, page.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Source after delete: err = %v, want ErrNotFound", err)
	}
}

// testDueSources checks the scheduler's rule: a page is due while new, a
// feed from its NextPollAt on (at that instant included), or when it has
// none.
func testDueSources(t *testing.T, st store.Store) {
	ctx := context.Background()
	now := day0
	sources := []struct {
		s   news.Source
		due bool
	}{
		{news.Source{Kind: news.SourceFeed, URL: "https://example.org/never-polled.xml"}, true},
		{news.Source{Kind: news.SourceFeed, URL: "https://example.org/past.xml", NextPollAt: now.Add(-time.Second)}, true},
		{news.Source{Kind: news.SourceFeed, URL: "https://example.org/now.xml", NextPollAt: now}, true},
		{news.Source{Kind: news.SourceFeed, URL: "https://example.org/future.xml", NextPollAt: now.Add(time.Nanosecond)}, false},
		{news.Source{Kind: news.SourceFeed, URL: "https://example.org/failing.xml", Status: news.StatusError, NextPollAt: now.Add(time.Hour)}, false},
		{news.Source{Kind: news.SourcePage, URL: "https://example.org/new-page"}, true},
		{news.Source{Kind: news.SourcePage, URL: "https://example.org/read-page", Status: news.StatusOK}, false},
		{news.Source{Kind: news.SourcePage, URL: "https://example.org/failed-page", Status: news.StatusError, NextPollAt: now.Add(-time.Hour)}, false},
	}
	var want []string
	for _, tc := range sources {
		added, err := st.AddSource(ctx, tc.s)
		if err != nil {
			t.Fatalf("AddSource(%q): %v", tc.s.URL, err)
		}
		if tc.due {
			want = append(want, added.URL)
		}
	}
	list, err := st.DueSources(ctx, now)
	if err != nil {
		t.Fatalf("DueSources: %v", err)
	}
	var got []string
	for _, s := range list {
		got = append(got, s.URL)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DueSources mismatch, in subscription order (-want +got):\n%s", diff)
	}
	for _, s := range list {
		full, err := st.Source(ctx, s.ID)
		if err != nil {
			t.Fatalf("Source(%d): %v", s.ID, err)
		}
		if diff := cmp.Diff(full, s, cmpopts.IgnoreFields(news.Source{}, "ArticleCount")); diff != "" {
			t.Errorf("DueSources gave source %d unlike Source (-Source +DueSources):\n%s", s.ID, diff)
		}
	}
}

func testSourceDuplicate(t *testing.T, st store.Store) {
	ctx := context.Background()
	a := mustSource(t, st, "https://example.org/feed.xml")
	_, err := st.AddSource(ctx, news.Source{URL: "https://example.org/feed.xml"})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddSource twice: err = %v, want ErrDuplicate", err)
	}
	b := mustSource(t, st, "https://example.net/feed.xml")
	b.URL = a.URL
	if err := saveSource(ctx, st, b); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("UpdateSourceFunc to a subscribed URL: err = %v, want ErrDuplicate", err)
	}
}

// testSourceCanonicalKey checks that sources are unique by the normalised
// form of their URL (news.SourceKey): another spelling of a subscribed URL is
// a duplicate, on AddSource and UpdateSourceFunc, and is free again once the
// source is deleted.
func testSourceCanonicalKey(t *testing.T, st store.Store) {
	ctx := context.Background()
	a := mustSource(t, st, "https://example.org/feed.xml")
	for _, spelling := range []string{
		"HTTPS://Example.ORG/feed.xml",
		"https://example.org:443/feed.xml",
		"https://example.org./feed.xml",
		"https://example.org/feed.xml?utm_source=rss&fbclid=x",
		"https://example.org/feed.xml#latest",
		// RFC 3986 section 6.2.2's spellings (dogfood round 8).
		"https://example.org/./feed.xml",
		"https://example.org/x/../feed.xml",
		"https://example.org/%66eed.xml",
		"https://example.org/%2E/feed.xml",
	} {
		if _, err := st.AddSource(ctx, news.Source{URL: spelling}); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("AddSource(%q) beside %q: err = %v, want ErrDuplicate", spelling, a.URL, err)
		}
	}
	// A source added spelt so is keyed normalised: the store, not only
	// its callers (news.CheckURL), compares normalised forms.
	mustSource(t, st, "https://example.org/a/../%7Eed/feed.xml")
	if _, err := st.AddSource(ctx, news.Source{URL: "https://example.org/~ed/feed.xml"}); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddSource of a URL added with a dot-dot segment and %%7E: err = %v, want ErrDuplicate", err)
	}
	// An encoded slash is not a slash: another feed.
	mustSource(t, st, "https://example.org/a%2Ffeed.xml")
	mustSource(t, st, "https://example.org/a/feed.xml")
	// The path's case is kept by the canonical form: another feed.
	b := mustSource(t, st, "https://example.org/Feed.xml")
	b.URL = "https://EXAMPLE.org/feed.xml?utm_medium=social"
	if err := saveSource(ctx, st, b); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("UpdateSourceFunc to another spelling of a subscribed URL: err = %v, want ErrDuplicate", err)
	}
	// A source may be given another spelling of its own URL.
	a.URL = "https://example.org/feed.xml?utm_campaign=x"
	if err := saveSource(ctx, st, a); err != nil {
		t.Errorf("UpdateSourceFunc to another spelling of its own URL: %v", err)
	}
	// A URL with no canonical form is keyed as written.
	mustSource(t, st, "feed.xml")
	if _, err := st.AddSource(ctx, news.Source{URL: "feed.xml"}); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddSource of a non-http URL twice: err = %v, want ErrDuplicate", err)
	}
	if err := st.DeleteSource(ctx, a.ID); err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}
	mustSource(t, st, "https://example.org:443/feed.xml")
}

// testSourceKeyConcurrent adds spellings of one URL at once: one is
// added, the others are duplicates, whichever gets in first (on a shared
// server the unique index decides, not a check made before the insert).
func testSourceKeyConcurrent(t *testing.T, st store.Store) {
	ctx := context.Background()
	spellings := []string{
		"https://example.org/feed.xml", "HTTPS://example.org/feed.xml", "https://Example.org/feed.xml",
		"https://example.org:443/feed.xml", "https://example.org./feed.xml", "https://example.org/feed.xml#a",
		"https://example.org/feed.xml?utm_source=a", "https://example.org/feed.xml?fbclid=b",
	}
	errs := make([]error, len(spellings))
	var wg sync.WaitGroup
	for i, url := range spellings {
		wg.Go(func() { _, errs[i] = st.AddSource(ctx, news.Source{URL: url}) })
	}
	wg.Wait()
	added := 0
	for i, err := range errs {
		switch {
		case err == nil:
			added++
		case !errors.Is(err, store.ErrDuplicate):
			t.Errorf("AddSource(%q): %v, want it added or ErrDuplicate", spellings[i], err)
		}
	}
	if list, err := st.Sources(ctx); err != nil || added != 1 || len(list) != 1 {
		t.Errorf("concurrent spellings of one URL: %d added, %d stored (%v); want one", added, len(list), err)
	}
}

// testSourceLongKey subscribes to a long non-ASCII URL, whose canonical
// form, percent-encoded, is three times its length: longer than a
// PostgreSQL btree row may be, so the key must be indexed by a hash. It is
// added, found a duplicate in another spelling, and freed on delete.
func testSourceLongKey(t *testing.T, st store.Store) {
	ctx := context.Background()
	a := mustSource(t, st, longNonASCIIURL(1))
	other := strings.Replace(a.URL, "example.org", "EXAMPLE.org:443", 1)
	if _, err := st.AddSource(ctx, news.Source{URL: other}); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddSource of another spelling of a long URL: err = %v, want ErrDuplicate", err)
	}
	b := mustSource(t, st, longNonASCIIURL(2))
	b.URL = other
	if err := saveSource(ctx, st, b); !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("UpdateSourceFunc to another spelling of a long URL: err = %v, want ErrDuplicate", err)
	}
	if err := st.DeleteSource(ctx, a.ID); err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}
	mustSource(t, st, other)
}

// longNonASCIIURL is a URL of 850 CJK characters chosen by seed: about
// 2,570 bytes as written, under PostgreSQL's btree row limit (2,704) that
// the unique index on url has, and about 7,700 percent-encoded. The
// characters vary so that the index cannot compress the row below it.
func longNonASCIIURL(seed uint32) string {
	var b strings.Builder
	b.WriteString("https://example.org/")
	x := seed
	for range 850 {
		x = x*1664525 + 1013904223
		b.WriteRune(rune(0x4E00 + (x>>8)%0x5000))
	}
	return b.String()
}

func testSourceNotFound(t *testing.T, st store.Store) {
	ctx := context.Background()
	for name, err := range map[string]error{
		"Source":           func() error { _, err := st.Source(ctx, 404); return err }(),
		"UpdateSourceFunc": saveSource(ctx, st, news.Source{ID: 404, URL: "https://example.org/x"}),
		"DeleteSource":     st.DeleteSource(ctx, 404),
	} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s(404): err = %v, want ErrNotFound", name, err)
		}
	}
}

func testArticleIdempotent(t *testing.T, st store.Store) {
	ctx := context.Background()
	src := mustSource(t, st, "https://example.org/feed.xml")
	in := news.Article{
		SourceID: src.ID, URL: "https://example.org/news/1", Title: "Bridge reopens",
		Byline: "A. Writer", Publisher: "Example", Lang: "en",
		PublishedAt: day0, FetchedAt: day0.Add(time.Hour),
		Text: "The bridge reopened on Monday.\n\nTraffic resumed — «quickly».", Description: "Reopened.",
		ImageURL: "https://example.org/i.jpg", Category: "local",
		Extraction: news.ExtractFeedOnly, ExtractionReason: "page returned 404",
	}
	first, created, err := st.AddArticle(ctx, in)
	if err != nil || !created {
		t.Fatalf("AddArticle = created %v, %v; want created", created, err)
	}
	want := in
	want.ID = first.ID
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("AddArticle mismatch (-want +got):\n%s", diff)
	}
	again := in
	again.Title, again.Text = "Other title", "Other text"
	second, created, err := st.AddArticle(ctx, again)
	if err != nil || created {
		t.Fatalf("AddArticle again = created %v, %v; want not created", created, err)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("AddArticle again returned a different article (-first +second):\n%s", diff)
	}
	byURL, err := st.ArticleByURL(ctx, in.URL)
	if err != nil {
		t.Fatalf("ArticleByURL: %v", err)
	}
	if diff := cmp.Diff(first, byURL); diff != "" {
		t.Errorf("ArticleByURL mismatch (-want +got):\n%s", diff)
	}
	for url, want := range map[string]bool{in.URL: true, in.URL + "/other": false} {
		if got, err := st.HasArticle(ctx, url); err != nil || got != want {
			t.Errorf("HasArticle(%q) = %v, %v; want %v", url, got, err, want)
		}
	}
	all, err := st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if len(all) != 1 {
		t.Errorf("Articles after adding one URL twice: %d articles, want 1", len(all))
	}
}

func testArticleFilters(t *testing.T, st store.Store) {
	ctx := context.Background()
	s1 := mustSource(t, st, "https://one.example/feed")
	s2 := mustSource(t, st, "https://two.example/feed")
	add := func(src int64, path string, published time.Time) int64 {
		return mustArticle(t, st, news.Article{
			SourceID: src, URL: "https://x.example/" + path, Title: path, Text: "text of " + path,
			PublishedAt: published, FetchedAt: day0.Add(48 * time.Hour),
		}).ID
	}
	a := add(s1.ID, "a", day0)
	b := add(s2.ID, "b", day0.Add(2*time.Hour))
	c := add(s1.ID, "c", day0.Add(1*time.Hour))
	d := add(s2.ID, "d", time.Time{}) // no date: sorted by its fetch time
	if err := st.SetArticleGroup(ctx, b, store.Group{StoryID: 7, ThreadID: 7}); err != nil {
		t.Fatalf("SetArticleGroup: %v", err)
	}
	if err := st.SetArticleGroup(ctx, c, store.Group{StoryID: 7, ThreadID: 5, DuplicateOf: b}); err != nil {
		t.Fatalf("SetArticleGroup: %v", err)
	}

	ids := func(list []news.Article) []int64 {
		var out []int64
		for _, a := range list {
			out = append(out, a.ID)
		}
		return out
	}
	tests := []struct {
		name     string
		f        store.ArticleFilter
		want     []int64
		wantText bool
	}{
		{"all newest first", store.ArticleFilter{}, []int64{d, b, c, a}, false},
		{"oldest first", store.ArticleFilter{Order: store.OldestFirst}, []int64{a, c, b, d}, false},
		{"source", store.ArticleFilter{SourceID: s1.ID}, []int64{c, a}, false},
		{"story", store.ArticleFilter{StoryID: 7, WithText: true}, []int64{b, c}, true},
		{"min story", store.ArticleFilter{MinStoryID: 7}, []int64{b, c}, false},
		{"min story above all", store.ArticleFilter{MinStoryID: 8}, nil, false},
		{"unclustered", store.ArticleFilter{Unclustered: true, Order: store.OldestFirst}, []int64{a, d}, false},
		{"clustered", store.ArticleFilter{Clustered: true, Order: store.GroupedOrder}, []int64{b, c}, false},
		{"since", store.ArticleFilter{Since: day0.Add(time.Hour)}, []int64{d, b, c}, false},
		{"limit", store.ArticleFilter{Limit: 2}, []int64{d, b}, false},
	}
	for _, tc := range tests {
		got, err := st.Articles(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: Articles: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, ids(got)); diff != "" {
			t.Errorf("%s: Articles IDs mismatch (-want +got):\n%s", tc.name, diff)
		}
		for _, a := range got {
			if (a.Text != "") != tc.wantText {
				t.Errorf("%s: article %d has text %q, want text loaded = %v", tc.name, a.ID, a.Text, tc.wantText)
			}
		}
	}
	got, err := st.Article(ctx, c)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	if got.StoryID != 7 || got.ThreadID != 5 || got.DuplicateOf != b || !got.Clustered {
		t.Errorf("Article after SetArticleGroup = story %d, thread %d, duplicate of %d, clustered %v; want 7, 5, %d, true",
			got.StoryID, got.ThreadID, got.DuplicateOf, got.Clustered, b)
	}
}

// testArticleGroupOrder checks that GroupedOrder replays the clusterer's
// decisions in the order they were made, not in time order, and that
// regrouping an article keeps its place.
func testArticleGroupOrder(t *testing.T, st store.Store) {
	ctx := context.Background()
	var ids []int64
	for i, h := range []int{3, 1, 2} {
		ids = append(ids, mustArticle(t, st, news.Article{
			URL: "https://x.example/" + string(rune('a'+i)), PublishedAt: day0.Add(time.Duration(h) * time.Hour),
		}).ID)
	}
	for _, id := range []int64{ids[2], ids[0], ids[1], ids[2]} {
		if err := st.SetArticleGroup(ctx, id, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
			t.Fatalf("SetArticleGroup(%d): %v", id, err)
		}
	}
	got, err := st.Articles(ctx, store.ArticleFilter{Order: store.GroupedOrder})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	var order []int64
	for _, a := range got {
		order = append(order, a.ID)
	}
	if diff := cmp.Diff([]int64{ids[2], ids[0], ids[1]}, order); diff != "" {
		t.Errorf("GroupedOrder mismatch (-want +got):\n%s", diff)
	}
}

// testArticleCursor checks that reading a list a page at a time, each page
// after the last one's final article, gives the whole list, in every order:
// times tie (the ID breaks them) and only some articles are grouped, not in
// time order.
func testArticleCursor(t *testing.T, st store.Store) {
	ctx := context.Background()
	hours := []int{2, 0, 1, 0, 2, 1, 3}
	var ids []int64
	for i, h := range hours {
		ids = append(ids, mustArticle(t, st, news.Article{
			URL: "https://x.example/" + string(rune('a'+i)), PublishedAt: day0.Add(time.Duration(h) * time.Hour),
		}).ID)
	}
	for _, i := range []int{4, 1, 6, 2} {
		if err := st.SetArticleGroup(ctx, ids[i], store.Group{StoryID: int64(i), ThreadID: int64(i)}); err != nil {
			t.Fatalf("SetArticleGroup(%d): %v", ids[i], err)
		}
	}
	filters := map[string]store.ArticleFilter{
		"newest first":       {},
		"oldest first":       {Order: store.OldestFirst},
		"grouped":            {Order: store.GroupedOrder},
		"grouped, clustered": {Order: store.GroupedOrder, Clustered: true},
		"grouped, since":     {Order: store.GroupedOrder, Clustered: true, Since: day0.Add(time.Hour)},
		"grouped, min story": {Order: store.GroupedOrder, Clustered: true, MinStoryID: 2},
		"unclustered":        {Order: store.OldestFirst, Unclustered: true},
	}
	for name, f := range filters {
		whole, err := st.Articles(ctx, f)
		if err != nil {
			t.Fatalf("%s: Articles: %v", name, err)
		}
		if len(whole) < 2 {
			t.Fatalf("%s: %d articles, want a list to page through", name, len(whole))
		}
		for _, limit := range []int{1, 2, 3} {
			var got []news.Article
			page := f
			page.Limit = limit
			for range len(whole) + 1 {
				arts, err := st.Articles(ctx, page)
				if err != nil {
					t.Fatalf("%s: Articles(limit %d, after %d): %v", name, limit, page.After, err)
				}
				got = append(got, arts...)
				if len(arts) < limit {
					break
				}
				page.After = arts[len(arts)-1].ID
			}
			if diff := cmp.Diff(whole, got); diff != "" {
				t.Errorf("%s: pages of %d mismatch the whole list (-whole +pages):\n%s", name, limit, diff)
			}
		}
		// Without a limit, the rest of the list.
		rest := f
		rest.After = whole[0].ID
		got, err := st.Articles(ctx, rest)
		if err != nil {
			t.Fatalf("%s: Articles(after %d): %v", name, rest.After, err)
		}
		if diff := cmp.Diff(whole[1:], got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: articles after the first mismatch (-want +got):\n%s", name, diff)
		}
	}
}

// testArticleTranslation checks that SetArticleGroup stores the
// translation the clusterer read an article as, with its language pair
// (or the pair alone: asked, nothing given), that lists load it only with
// the text, that a later decision replaces it, and that AddArticle ignores
// one it is given.
func testArticleTranslation(t *testing.T, st store.Store) {
	ctx := context.Background()
	add := func(path string, tr news.Translation) int64 {
		return mustArticle(t, st, news.Article{
			URL: "https://x.example/" + path, Title: path, Text: "texto de " + path, Lang: "es",
			PublishedAt: day0, Translation: tr,
		}).ID
	}
	full := news.Translation{From: "es", To: "en", Text: "Bridge\n\nThe «bridge» opens — today."}
	refused := news.Translation{From: "fr", To: "en"}
	ignored := add("ignored", full)
	translated := add("translated", news.Translation{})
	untranslated := add("untranslated", news.Translation{})
	retold := add("retold", news.Translation{})
	for id, g := range map[int64]store.Group{
		translated:   {StoryID: 1, ThreadID: 1, Translation: full},
		untranslated: {StoryID: 2, ThreadID: 2, Translation: refused},
		retold:       {StoryID: 1, ThreadID: 1, Translation: full},
	} {
		if err := st.SetArticleGroup(ctx, id, g); err != nil {
			t.Fatalf("SetArticleGroup(%d): %v", id, err)
		}
	}
	if err := st.SetArticleGroup(ctx, retold, store.Group{StoryID: 3, ThreadID: 3}); err != nil {
		t.Fatalf("SetArticleGroup(%d) again: %v", retold, err)
	}
	want := map[int64]news.Translation{ignored: {}, translated: full, untranslated: refused, retold: {}}
	for id, tr := range want {
		got, err := st.Article(ctx, id)
		if err != nil {
			t.Fatalf("Article(%d): %v", id, err)
		}
		if diff := cmp.Diff(tr, got.Translation); diff != "" {
			t.Errorf("Article(%d) translation mismatch (-want +got):\n%s", id, diff)
		}
	}
	for _, withText := range []bool{true, false} {
		list, err := st.Articles(ctx, store.ArticleFilter{Clustered: true, Order: store.GroupedOrder, WithText: withText})
		if err != nil {
			t.Fatalf("Articles(WithText %v): %v", withText, err)
		}
		got := map[int64]news.Translation{}
		for _, a := range list {
			got[a.ID] = a.Translation
		}
		wantList := map[int64]news.Translation{translated: {}, untranslated: {}, retold: {}}
		if withText {
			wantList = map[int64]news.Translation{translated: full, untranslated: refused, retold: {}}
		}
		if diff := cmp.Diff(wantList, got); diff != "" {
			t.Errorf("Articles(WithText %v) translations mismatch (-want +got):\n%s", withText, diff)
		}
	}
}

// testArticleCursorMissing checks that a cursor with no place in the
// order is an error, not an empty page: a restart's replay would take that
// for the end of the list and rebuild the clusterer from part of it. A
// cursor that is the list's last article still gives an empty page.
func testArticleCursorMissing(t *testing.T, st store.Store) {
	ctx := context.Background()
	grouped := mustArticle(t, st, news.Article{URL: "https://x.example/grouped", PublishedAt: day0})
	loose := mustArticle(t, st, news.Article{URL: "https://x.example/loose", PublishedAt: day0.Add(time.Hour)})
	if err := st.SetArticleGroup(ctx, grouped.ID, store.Group{StoryID: 1, ThreadID: 1}); err != nil {
		t.Fatalf("SetArticleGroup: %v", err)
	}
	const missing = 404
	replay := store.ArticleFilter{Order: store.GroupedOrder, Clustered: true, WithText: true, Limit: 500}
	tests := []struct {
		name    string
		f       store.ArticleFilter
		wantErr bool
	}{
		{"newest first, no such article", store.ArticleFilter{After: missing}, true},
		{"oldest first, no such article", store.ArticleFilter{Order: store.OldestFirst, After: missing}, true},
		{"grouped, no such article", store.ArticleFilter{Order: store.GroupedOrder, After: missing}, true},
		{"replay, no such article", withAfter(replay, missing), true},
		{"replay, an unclustered article", withAfter(replay, loose.ID), true},
		{"replay, the last article", withAfter(replay, grouped.ID), false},
		{"newest first, the last article", store.ArticleFilter{After: grouped.ID}, false},
		{"grouped, the last article", store.ArticleFilter{Order: store.GroupedOrder, After: loose.ID}, false},
	}
	for _, tc := range tests {
		got, err := st.Articles(ctx, tc.f)
		if tc.wantErr {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: Articles = %d articles, %v; want an error matching ErrNotFound", tc.name, len(got), err)
			}
			continue
		}
		if err != nil || len(got) != 0 {
			t.Errorf("%s: Articles = %d articles, %v; want none and no error", tc.name, len(got), err)
		}
	}
}

func withAfter(f store.ArticleFilter, after int64) store.ArticleFilter {
	f.After = after
	return f
}

func testArticleNotFound(t *testing.T, st store.Store) {
	ctx := context.Background()
	_, err1 := st.Article(ctx, 404)
	_, err2 := st.ArticleByURL(ctx, "https://nowhere.example/")
	err3 := st.SetArticleGroup(ctx, 404, store.Group{StoryID: 1})
	for i, err := range []error{err1, err2, err3} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("call %d: err = %v, want ErrNotFound", i+1, err)
		}
	}
}

func testStoryBriefing(t *testing.T, st store.Store) {
	ctx := context.Background()
	s := news.Story{
		ID: 42, ThreadID: 40, Title: "Bridge reopens", Category: "local",
		FirstSeen: day0, LastUpdated: day0.Add(3 * time.Hour), ArticleCount: 3, SourceCount: 2,
	}
	if err := st.PutStory(ctx, s); err != nil {
		t.Fatalf("PutStory: %v", err)
	}
	got, err := st.Story(ctx, 42)
	if err != nil {
		t.Fatalf("Story: %v", err)
	}
	if diff := cmp.Diff(s, got); diff != "" {
		t.Errorf("Story mismatch (-want +got):\n%s", diff)
	}
	unbriefed, err := st.Stories(ctx, store.StoryFilter{Unbriefed: true})
	if err != nil || len(unbriefed) != 1 {
		t.Fatalf("Stories(Unbriefed) = %d stories, %v; want 1", len(unbriefed), err)
	}

	when := day0.Add(4 * time.Hour)
	b := news.Briefing{
		StoryID: 42, Headline: "Bridge reopens", Category: "local", GeneratedAt: when,
		Sections: []news.Section{{
			Kind: news.SectionSummary, Title: "Summary",
			Items: []news.Item{{
				Text: "The bridge reopened.", Citations: []news.Citation{{ArticleID: 1, Start: 0, End: 20}},
				Date: &when, Figure: &news.Figure{Value: 3, Unit: "day", Text: "three days"},
				Variants: []news.Item{{Text: "four days", Citations: []news.Citation{{ArticleID: 2, Start: 5, End: 14}}}},
			}},
		}},
	}
	if err := st.PutBriefing(ctx, b); err != nil {
		t.Fatalf("PutBriefing: %v", err)
	}
	gotB, err := st.Briefing(ctx, 42)
	if err != nil {
		t.Fatalf("Briefing: %v", err)
	}
	if diff := cmp.Diff(b, gotB, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Briefing mismatch (-want +got):\n%s", diff)
	}
	got, _ = st.Story(ctx, 42)
	if !got.Briefed {
		t.Error("story not marked briefed after PutBriefing")
	}
	if list, _ := st.Stories(ctx, store.StoryFilter{Unbriefed: true}); len(list) != 0 {
		t.Errorf("Stories(Unbriefed) after PutBriefing: %d stories, want 0", len(list))
	}

	// Putting the story again with Briefed false marks the briefing stale
	// but keeps it readable until replaced.
	s.ArticleCount = 4
	if err := st.PutStory(ctx, s); err != nil {
		t.Fatalf("PutStory again: %v", err)
	}
	if list, _ := st.Stories(ctx, store.StoryFilter{Unbriefed: true}); len(list) != 1 {
		t.Errorf("Stories(Unbriefed) after PutStory: %d stories, want 1", len(list))
	}
	if _, err := st.Briefing(ctx, 42); err != nil {
		t.Errorf("Briefing after PutStory: %v", err)
	}
}

// testBriefingHeadlineTitle checks that a briefing's headline becomes its
// story's title, so that every list names a story as its page does, and
// that a briefing without one (a bare fallback) leaves the title alone.
func testBriefingHeadlineTitle(t *testing.T, st store.Store) {
	ctx := context.Background()
	s := news.Story{ID: 7, ThreadID: 7, Title: "Villa Serena se prepara para una fiesta", FirstSeen: day0, LastUpdated: day0, ArticleCount: 2, SourceCount: 2}
	if err := st.PutStory(ctx, s); err != nil {
		t.Fatalf("PutStory: %v", err)
	}
	steps := []struct {
		headline, want string
	}{
		{"Villa Serena gets ready for a record almond festival", "Villa Serena gets ready for a record almond festival"},
		{"", "Villa Serena gets ready for a record almond festival"},
		{"  Almond festival draws record crowds ", "Almond festival draws record crowds"},
	}
	for _, step := range steps {
		if err := st.PutBriefing(ctx, news.Briefing{StoryID: 7, Headline: step.headline, GeneratedAt: day0}); err != nil {
			t.Fatalf("PutBriefing(%q): %v", step.headline, err)
		}
		got, err := st.Story(ctx, 7)
		if err != nil {
			t.Fatalf("Story: %v", err)
		}
		if got.Title != step.want || !got.Briefed {
			t.Errorf("after PutBriefing(%q): title %q, briefed %v; want %q, true", step.headline, got.Title, got.Briefed, step.want)
		}
		list, err := st.Stories(ctx, store.StoryFilter{ThreadID: 7})
		if err != nil || len(list) != 1 || list[0].Title != step.want {
			t.Errorf("Stories(ThreadID 7) after PutBriefing(%q) = %+v, %v; want title %q", step.headline, list, err, step.want)
		}
	}
}

func testStoryRanking(t *testing.T, st store.Store) {
	ctx := context.Background()
	put := func(id int64, thread int64, last time.Time, sources int) {
		t.Helper()
		if err := st.PutStory(ctx, news.Story{ID: id, ThreadID: thread, FirstSeen: last, LastUpdated: last, SourceCount: sources}); err != nil {
			t.Fatalf("PutStory: %v", err)
		}
	}
	put(1, 1, day0.Add(-24*time.Hour), 9) // yesterday, widely carried
	put(2, 2, day0.Add(time.Hour), 1)     // today, one source, latest
	put(3, 1, day0, 4)                    // today, four sources
	put(4, 4, day0.Add(2*time.Hour), 4)   // today, four sources, later
	got, err := st.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatalf("Stories: %v", err)
	}
	var order []int64
	for _, s := range got {
		order = append(order, s.ID)
	}
	if diff := cmp.Diff([]int64{4, 3, 2, 1}, order); diff != "" {
		t.Errorf("Stories ranking mismatch (-want +got):\n%s", diff)
	}
	thread, err := st.Stories(ctx, store.StoryFilter{ThreadID: 1})
	if err != nil || len(thread) != 2 {
		t.Errorf("Stories(ThreadID 1) = %d stories, %v; want 2", len(thread), err)
	}
	since, err := st.Stories(ctx, store.StoryFilter{Since: day0.Add(time.Hour), Limit: 1})
	if err != nil || len(since) != 1 || since[0].ID != 4 {
		t.Errorf("Stories(Since, Limit 1) = %v, %v; want story 4", since, err)
	}
}

func testStoryNotFound(t *testing.T, st store.Store) {
	ctx := context.Background()
	_, err1 := st.Story(ctx, 404)
	_, err2 := st.Briefing(ctx, 404)
	err3 := st.PutBriefing(ctx, news.Briefing{StoryID: 404, GeneratedAt: day0})
	for i, err := range []error{err1, err2, err3} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("call %d: err = %v, want ErrNotFound", i+1, err)
		}
	}
}

func testDeleteSourceKeepsArticles(t *testing.T, st store.Store) {
	ctx := context.Background()
	src := mustSource(t, st, "https://example.org/feed.xml")
	a := mustArticle(t, st, news.Article{SourceID: src.ID, URL: "https://example.org/1", Text: "cited text"})
	if err := st.DeleteSource(ctx, src.ID); err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}
	got, err := st.Article(ctx, a.ID)
	if err != nil {
		t.Fatalf("Article after DeleteSource: %v", err)
	}
	if got.Text != "cited text" || got.SourceID != 0 {
		t.Errorf("Article after DeleteSource = text %q, source %d; want the text kept and source 0", got.Text, got.SourceID)
	}
}

// snapshotStore is a back end that keeps the clusterer's snapshot, which
// store.Store does not require.
type snapshotStore interface {
	PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error
	ClusterSnapshot(ctx context.Context) (store.ClusterSnapshot, error)
}

// testClusterSnapshot checks that the back end keeps the clusterer's
// snapshot, the latest replacing the one before, bytes and all.
func testClusterSnapshot(t *testing.T, st store.Store) {
	ctx := context.Background()
	cs, ok := st.(snapshotStore)
	if !ok {
		t.Fatalf("%T keeps no cluster snapshot", st)
	}
	if _, err := cs.ClusterSnapshot(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("ClusterSnapshot of an empty store: %v, want ErrNotFound", err)
	}
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte(i * 7)
	}
	for _, want := range []store.ClusterSnapshot{
		{Data: []byte{0, 1, 2, 0xff}, After: 41, Fingerprint: "abc", TakenAt: day0.Add(time.Nanosecond)},
		{Data: big, After: 0, Fingerprint: "def", TakenAt: day0.Add(time.Hour)},
	} {
		if err := cs.PutClusterSnapshot(ctx, want); err != nil {
			t.Fatalf("PutClusterSnapshot: %v", err)
		}
		got, err := cs.ClusterSnapshot(ctx)
		if err != nil {
			t.Fatalf("ClusterSnapshot: %v", err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ClusterSnapshot (-put +got):\n%s", diff)
		}
	}
}
