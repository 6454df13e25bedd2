package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// pruneCutoff is the cutoff of testPrune: stories whose newest article is
// before it go.
var pruneCutoff = day0.Add(30 * 24 * time.Hour)

// pruneFixture is the desk testPrune prunes. Stories:
//
//	1 thread 10, one article 1 ns before the cutoff, a redirect link: goes
//	2 thread 2, one article at the cutoff: kept (the cutoff is exclusive)
//	3 thread 3, growing: an article 20 days before, one after: kept whole
//	4 thread 10, an article 2 days after; its briefing names story 1 and
//	  cites its article: kept, marked to be briefed again
//	5 thread 20, alone in its thread, old: goes, and its thread with it
//	6 thread 6, old, but its article is the cluster snapshot's last: kept
//	7 thread 7, kept, briefed without naming anything removed: stays briefed
//
// Articles in no story (loose):
//
//	set aside (no text), old, a redirect link: goes
//	set aside at the cutoff: kept
//	not yet grouped, old: kept, the clusterer's to group
type pruneFixture struct {
	articles map[int64][]news.Article // by story
	link     string                   // redirected to story 1's article
	// loose are the articles in no story, in the order above; looseLink
	// redirected to the first.
	loose     []news.Article
	looseLink string
}

func buildPruneFixture(t *testing.T, st store.Store) pruneFixture {
	t.Helper()
	ctx := context.Background()
	src := mustSource(t, st, "https://prune.example/feed.xml")
	f := pruneFixture{articles: map[int64][]news.Article{}, link: "https://feeds.example.net/~r/prune/1",
		looseLink: "https://feeds.example.net/~r/prune/loose"}
	type art struct {
		story int64
		at    time.Time
		text  string
	}
	thread := map[int64]int64{1: 10, 2: 2, 3: 3, 4: 10, 5: 20, 6: 6, 7: 7}
	arts := []art{
		{1, pruneCutoff.Add(-time.Nanosecond), "The zanzibarite mine closed its gates."},
		{2, pruneCutoff, "The council met at the boundary hour."},
		{3, pruneCutoff.Add(-20 * 24 * time.Hour), "A quokka was seen near the harbour."},
		{3, pruneCutoff.Add(time.Hour), "The quokka returned the next month."},
		{4, pruneCutoff.Add(48 * time.Hour), "The mine reopened with new owners."},
		{5, day0, "An old storm named Ophelina passed."},
		{6, day0.Add(time.Hour), "The snapshot story of the last decision."},
		{7, pruneCutoff.Add(72 * time.Hour), "A later unrelated report."},
	}
	for i, a := range arts {
		url := "https://prune.example/" + string(rune('a'+i))
		in := news.Article{SourceID: src.ID, URL: url, Title: a.text, Text: a.text, Lang: "en",
			PublishedAt: a.at, FetchedAt: a.at, Extraction: news.ExtractFull}
		var stored news.Article
		var err error
		if a.story == 1 {
			stored, _, err = st.AddArticleFrom(ctx, f.link, in)
		} else {
			stored, _, err = st.AddArticle(ctx, in)
		}
		if err != nil {
			t.Fatalf("add article %d: %v", i, err)
		}
		if err := st.SetArticleGroup(ctx, stored.ID, store.Group{StoryID: a.story, ThreadID: thread[a.story]}); err != nil {
			t.Fatalf("SetArticleGroup: %v", err)
		}
		f.articles[a.story] = append(f.articles[a.story], stored)
	}
	loose := []struct {
		at       time.Time
		grouped  bool
		redirect bool
	}{
		{day0.Add(2 * time.Hour), true, true},
		{pruneCutoff, true, false},
		{day0.Add(3 * time.Hour), false, false},
	}
	for i, l := range loose {
		in := news.Article{SourceID: src.ID, URL: "https://prune.example/loose/" + string(rune('a'+i)),
			Title: "Unreadable page", PublishedAt: l.at, FetchedAt: l.at,
			Extraction: news.ExtractFailed, ExtractionReason: "page could not be fetched"}
		var stored news.Article
		var err error
		if l.redirect {
			stored, _, err = st.AddArticleFrom(ctx, f.looseLink, in)
		} else {
			stored, _, err = st.AddArticle(ctx, in)
		}
		if err != nil {
			t.Fatalf("add loose article %d: %v", i, err)
		}
		if l.grouped {
			// Set aside, as the pipeline does an article with no text.
			if err := st.SetArticleGroup(ctx, stored.ID, store.Group{}); err != nil {
				t.Fatalf("SetArticleGroup: %v", err)
			}
		}
		f.loose = append(f.loose, stored)
	}
	for id := int64(1); id <= 7; id++ {
		list := f.articles[id]
		s := news.Story{ID: id, ThreadID: thread[id], Title: list[0].Title, FirstSeen: list[0].PublishedAt,
			LastUpdated: list[len(list)-1].PublishedAt, ArticleCount: len(list), SourceCount: 1}
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatalf("PutStory %d: %v", id, err)
		}
	}
	brief := func(id int64, sections ...news.Section) {
		t.Helper()
		b := news.Briefing{StoryID: id, Headline: f.articles[id][0].Title, GeneratedAt: day0, Sections: sections}
		if err := st.PutBriefing(ctx, b); err != nil {
			t.Fatalf("PutBriefing %d: %v", id, err)
		}
	}
	cite := func(a news.Article) []news.Citation {
		return []news.Citation{{ArticleID: a.ID, Start: 0, End: len(a.Text)}}
	}
	brief(1, news.Section{Kind: news.SectionSummary, Items: []news.Item{{Text: f.articles[1][0].Text, Citations: cite(f.articles[1][0])}}})
	brief(5)
	brief(4,
		news.Section{Kind: news.SectionSummary, Items: []news.Item{{Text: f.articles[4][0].Text, Citations: cite(f.articles[4][0])}}},
		news.Section{Kind: news.SectionRelated, Items: []news.Item{{Text: "Mine closed", StoryID: 1}}},
		news.Section{Kind: news.SectionBackground, Items: []news.Item{{Text: f.articles[1][0].Text, Citations: cite(f.articles[1][0])}}})
	brief(7,
		news.Section{Kind: news.SectionSummary, Items: []news.Item{{Text: f.articles[7][0].Text, Citations: cite(f.articles[7][0])}}},
		news.Section{Kind: news.SectionRelated, Items: []news.Item{{Text: "Quokka", StoryID: 3}}})
	cs, ok := st.(interface {
		PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error
	})
	if !ok {
		t.Fatalf("%T keeps no cluster snapshot", st)
	}
	if err := cs.PutClusterSnapshot(ctx, store.ClusterSnapshot{Data: []byte{1}, After: f.articles[6][0].ID, Fingerprint: "f", TakenAt: day0}); err != nil {
		t.Fatalf("PutClusterSnapshot: %v", err)
	}
	return f
}

// testPrune checks retention (store.Pruner): the cutoff is exclusive, a
// growing story is kept whole, a thread keeps its remaining stories and
// goes with its last, the snapshot's story stays, search forgets what
// went, a pruned URL and its redirect link still count as stored (a poll
// does not fetch them again), kept briefings that named what went are
// marked to be briefed again, an article set aside in no story goes by the
// same rule (one not yet grouped stays), and a dry run changes nothing.
func testPrune(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := buildPruneFixture(t, st)
	opt := store.PruneOptions{Cutoff: pruneCutoff, Batch: 1, Recheck: 60 * 24 * time.Hour}
	want := store.PruneResult{Stories: 2, Articles: 2, Briefings: 2, Threads: 1, SetAside: 1}

	dry := opt
	dry.DryRun = true
	got, err := st.Prune(ctx, dry)
	if err != nil {
		t.Fatalf("Prune dry run: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Prune dry run (-want +got):\n%s", diff)
	}
	for id := int64(1); id <= 7; id++ {
		if _, err := st.Story(ctx, id); err != nil {
			t.Errorf("after a dry run, Story(%d): %v", id, err)
		}
	}
	if ids := search(t, st, "zanzibarite"); len(ids) != 1 {
		t.Errorf("after a dry run, search finds %v; want story 1", ids)
	}
	if has, err := st.HasArticle(ctx, f.articles[1][0].URL); err != nil || !has {
		t.Errorf("after a dry run, HasArticle = %v, %v", has, err)
	}

	got, err = st.Prune(ctx, opt)
	if err != nil {
		t.Fatalf("Prune: %v", err)
	}
	want.Restaled = 1
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Prune (-want +got):\n%s", diff)
	}

	stories := []struct {
		id       int64
		kept     bool
		articles int
		briefed  bool
	}{
		{1, false, 0, false},
		{2, true, 1, false},
		{3, true, 2, false},
		{4, true, 1, false}, // its briefing named story 1: stale
		{5, false, 0, false},
		{6, true, 1, false},
		{7, true, 1, true},
	}
	unbriefed, err := st.Stories(ctx, store.StoryFilter{Unbriefed: true})
	if err != nil {
		t.Fatalf("Stories unbriefed: %v", err)
	}
	stale := map[int64]bool{}
	for _, s := range unbriefed {
		stale[s.ID] = true
	}
	for _, tc := range stories {
		_, err := st.Story(ctx, tc.id)
		if tc.kept != (err == nil) || (!tc.kept && !errors.Is(err, store.ErrNotFound)) {
			t.Errorf("Story(%d) after prune: %v; want kept %v", tc.id, err, tc.kept)
		}
		arts, err := st.Articles(ctx, store.ArticleFilter{StoryID: tc.id})
		if err != nil || len(arts) != tc.articles {
			t.Errorf("story %d has %d articles (%v); want %d", tc.id, len(arts), err, tc.articles)
		}
		if _, err := st.Briefing(ctx, tc.id); !tc.kept && !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Briefing(%d) of a pruned story: %v; want ErrNotFound", tc.id, err)
		}
		if tc.kept && stale[tc.id] == tc.briefed {
			t.Errorf("story %d briefed = %v; want %v", tc.id, !stale[tc.id], tc.briefed)
		}
	}
	// The thread keeps its remaining story; the other is gone.
	for _, tc := range []struct {
		thread int64
		want   []int64
	}{{10, []int64{4}}, {20, nil}, {3, []int64{3}}} {
		list, err := st.Stories(ctx, store.StoryFilter{ThreadID: tc.thread})
		if err != nil {
			t.Fatalf("Stories thread %d: %v", tc.thread, err)
		}
		var ids []int64
		for _, s := range list {
			ids = append(ids, s.ID)
		}
		if diff := cmp.Diff(tc.want, ids); diff != "" {
			t.Errorf("thread %d stories (-want +got):\n%s", tc.thread, diff)
		}
	}
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"zanzibarite", nil},
		{"Ophelina", nil},
		{"quokka", []int64{3}}, // a growing story's old article stays searchable
		{"mine", []int64{4}},
	} {
		if diff := cmp.Diff(tc.want, search(t, st, tc.query)); diff != "" {
			t.Errorf("search %q after prune (-want +got):\n%s", tc.query, diff)
		}
	}
	// A poll asks HasArticle of every item: the pruned URL, and the link
	// that redirected to it, still count as stored, though the article
	// itself is gone.
	gone := f.articles[1][0]
	for _, url := range []string{gone.URL, f.link, f.articles[5][0].URL} {
		if has, err := st.HasArticle(ctx, url); err != nil || !has {
			t.Errorf("HasArticle(%q) after prune = %v, %v; want true", url, has, err)
		}
	}
	if has, err := st.HasArticle(ctx, "https://prune.example/never"); err != nil || has {
		t.Errorf("HasArticle of a URL never seen = %v, %v; want false", has, err)
	}
	if _, err := st.Article(ctx, gone.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(%d) after prune: %v; want ErrNotFound", gone.ID, err)
	}
	// Of the articles in no story, the old one set aside goes, its URL
	// and link remembered; the one at the cutoff and the one the
	// clusterer has yet to group stay.
	for i, tc := range []struct {
		kept bool
		urls []string
	}{
		{false, []string{f.loose[0].URL, f.looseLink}},
		{true, []string{f.loose[1].URL}},
		{true, []string{f.loose[2].URL}},
	} {
		_, err := st.Article(ctx, f.loose[i].ID)
		if tc.kept != (err == nil) || (!tc.kept && !errors.Is(err, store.ErrNotFound)) {
			t.Errorf("loose article %d after prune: %v; want kept %v", i, err, tc.kept)
		}
		for _, url := range tc.urls {
			if has, err := st.HasArticle(ctx, url); err != nil || !has {
				t.Errorf("HasArticle(%q) after prune = %v, %v; want true", url, has, err)
			}
		}
	}
	// Sources are never removed.
	if srcs, err := st.Sources(ctx); err != nil || len(srcs) != 1 {
		t.Errorf("Sources after prune: %d, %v; want 1", len(srcs), err)
	}
	// A second prune finds nothing more.
	again, err := st.Prune(ctx, opt)
	if err != nil || again != (store.PruneResult{}) {
		t.Errorf("second Prune = %+v, %v; want nothing", again, err)
	}
	if _, err := st.Prune(ctx, store.PruneOptions{}); err == nil {
		t.Error("Prune without a cutoff: no error")
	}
}
