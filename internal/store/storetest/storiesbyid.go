package storetest

import (
	"strconv"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// testStoriesByID checks that StoriesByID reads what Story reads, for
// every ID it is given that names a story, leaves out the others (the web
// server asks it for a briefing's related stories, some of which retention
// may have removed), and reads more IDs than one query takes.
func testStoriesByID(t *testing.T, st store.Store) {
	ctx := t.Context()
	n := store.MaxIDsPerQuery + 20
	stored := map[int64]news.Story{}
	for id := int64(1); id <= int64(n); id++ {
		s := news.Story{ID: id, ThreadID: 100 + id%3, Title: "Story " + strconv.FormatInt(id, 10), Category: "local",
			FirstSeen: day0, LastUpdated: day0.Add(time.Duration(id) * time.Minute), ArticleCount: int(id % 5), SourceCount: 1, Briefed: id%2 == 0}
		if err := st.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, err := st.Story(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		stored[id] = got
	}
	checkByID(t, func(ids []int64) (map[int64]news.Story, error) { return st.StoriesByID(ctx, ids) }, stored)
}
