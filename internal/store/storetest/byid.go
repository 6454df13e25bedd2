package storetest

import (
	"maps"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// byIDCase is a call of a ...ByID read and the IDs of what it must find.
type byIDCase struct {
	name      string
	ids, want []int64
}

// byIDCases are the calls every ...ByID read is checked with, on a store
// holding stored's IDs: none, one, IDs missing or given twice (an
// article retention removed, a briefing citing one twice) in no order,
// all missing, and every stored ID and one more, more than one query
// takes.
func byIDCases(stored []int64) []byIDCase {
	all := append(slices.Clone(stored), 99999)
	slices.Reverse(all)
	return []byIDCase{
		{"none", nil, nil},
		{"one", []int64{stored[6]}, []int64{stored[6]}},
		{"some gone, one twice", []int64{stored[2], 99998, stored[0], stored[2], 0, -1}, []int64{stored[0], stored[2]}},
		{"all gone", []int64{99998, 99999}, nil},
		{"more than one query takes", all, stored},
	}
}

// checkByID runs byIDCases on read, whose answer for an ID must be
// stored's.
func checkByID[T any](t *testing.T, read func(ids []int64) (map[int64]T, error), stored map[int64]T) {
	t.Helper()
	for _, tt := range byIDCases(slices.Sorted(maps.Keys(stored))) {
		t.Run(tt.name, func(t *testing.T) {
			got, err := read(tt.ids)
			if err != nil {
				t.Fatalf("read %d IDs: %v", len(tt.ids), err)
			}
			want := map[int64]T{}
			for _, id := range tt.want {
				want[id] = stored[id]
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("read %d IDs (-want +got):\n%s", len(tt.ids), diff)
			}
		})
	}
}

// testArticlesByID checks that ArticlesByID reads what Article reads but
// for Text and Translation (a page citing articles shows neither), for
// every ID it is given that names an article, leaves out the others, and
// reads more IDs than one query takes.
func testArticlesByID(t *testing.T, st store.Store) {
	ctx := t.Context()
	src := mustSource(t, st, "https://example.org/feed.xml")
	stored := map[int64]news.Article{}
	for i := range store.MaxIDsPerQuery + 20 {
		num := strconv.Itoa(i)
		a := mustArticle(t, st, news.Article{SourceID: src.ID, URL: "https://example.org/" + num, Title: "Article " + num,
			Text: "The text of article " + num + ".", Lang: "es", PublishedAt: day0.Add(time.Duration(i) * time.Minute), FetchedAt: day0})
		if i%7 == 0 {
			// A translation is left out too, though stored.
			g := store.Group{StoryID: 1, ThreadID: 1, Translation: news.Translation{From: "es", To: "en", Text: "Translated " + num}}
			if err := st.SetArticleGroup(ctx, a.ID, g); err != nil {
				t.Fatal(err)
			}
		}
		got, err := st.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		got.Text, got.Translation = "", news.Translation{}
		stored[a.ID] = got
	}
	checkByID(t, func(ids []int64) (map[int64]news.Article, error) { return st.ArticlesByID(ctx, ids) }, stored)
}

// testBriefingsByID checks that BriefingsByID reads what Briefing reads,
// keyed by story, for every story it is given that has a briefing, leaves
// out the others (a story not briefed yet, or not stored), and reads more
// IDs than one query takes.
func testBriefingsByID(t *testing.T, st store.Store) {
	ctx := t.Context()
	stored := map[int64]news.Briefing{}
	for id := int64(1); id <= store.MaxIDsPerQuery+60; id++ {
		num := strconv.FormatInt(id, 10)
		s := news.Story{ID: id, ThreadID: id, Title: "Story " + num, FirstSeen: day0, LastUpdated: day0, ArticleCount: 1, SourceCount: 1}
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		if id%13 == 0 {
			continue // not briefed yet
		}
		b := news.Briefing{StoryID: id, Headline: "Headline " + num, Category: "local", GeneratedAt: day0.Add(time.Duration(id) * time.Second),
			Sections: []news.Section{{Kind: news.SectionSummary, Title: "Summary", Items: []news.Item{{Text: "Summary " + num,
				Citations: []news.Citation{{ArticleID: id, Start: 0, End: 7}}}}}}}
		if err := st.PutBriefing(ctx, b); err != nil {
			t.Fatal(err)
		}
		got, err := st.Briefing(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		stored[id] = got
	}
	// The unbriefed stories are asked for too: they are left out.
	checkByID(t, func(ids []int64) (map[int64]news.Briefing, error) {
		return st.BriefingsByID(ctx, append(ids, 13, 26))
	}, stored)
}
