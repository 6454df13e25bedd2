package sqlq

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// scriptTx answers its queries in turn with the rows of answers, and
// records each query's text and arguments.
type scriptTx struct {
	answers [][]row
	queries []string
	args    [][]any
}

func (t *scriptTx) Query(_ context.Context, q string, args ...any) (Rows, error) {
	t.queries, t.args = append(t.queries, q), append(t.args, args)
	if len(t.answers) == 0 {
		return nil, errors.New("no answer left for " + q)
	}
	rs := t.answers[0]
	t.answers = t.answers[1:]
	return &rowsOf{rows: rs, at: -1}, nil
}

func (t *scriptTx) Exec(context.Context, string, ...any) error { return errors.New("exec in a read") }

// rowsOf is Rows over rows.
type rowsOf struct {
	rows []row
	at   int
}

func (r *rowsOf) Next() bool             { r.at++; return r.at < len(r.rows) }
func (r *rowsOf) Scan(dest ...any) error { return r.rows[r.at].Scan(dest...) }
func (r *rowsOf) Err() error             { return nil }
func (r *rowsOf) Close()                 {}

// storyHit is a row of a search query: story id, its best article aid.
func storyHit(id, aid int64) row {
	return row{id, id, "story", "", nil, nil, 1, 1, false, aid}
}

// articleRow is a row of ArticleCols(true) for article id of story sid.
func articleRow(id, sid int64) row {
	return row{id, int64(0), "https://example.org/" + string(rune('a'+id)), "title", "", "", "en", nil,
		int64(0), "text", "", "", "", news.ExtractFull, "", int64(0), sid, int64(0), true, "", "", ""}
}

// TestSearchStoriesLoadsArticlesOnce checks that a page of hits loads its
// articles with one query, whatever their number, each hit given its own
// article in the search's order (the articles query returns them in any
// order); that a hit whose article is gone is store.ErrNotFound; and that
// an empty page asks no second query.
func TestSearchStoriesLoadsArticlesOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	page := store.SearchPage{Query: store.Query{Terms: [][]string{{"budget"}}}, Limit: 3}
	hits := []row{storyHit(30, 7), storyHit(10, 9), storyHit(20, 8), storyHit(40, 6)} // one past the page
	tests := []struct {
		name     string
		search   func(store.SearchPage) (string, Args)
		in       IDsIn
		cond     string
		args     []any
		articles []row
	}{
		{"sqlite", SQLiteSearch, InList, "a.id IN ($1, $2, $3)", []any{int64(7), int64(9), int64(8)},
			[]row{articleRow(8, 20), articleRow(7, 30), articleRow(9, 10)}},
		{"postgres", PostgresSearch, AnyArray, "a.id = ANY($1)", []any{[]int64{7, 9, 8}},
			[]row{articleRow(9, 10), articleRow(8, 20), articleRow(7, 30)}},
	}
	for _, tc := range tests {
		tx := &scriptTx{answers: [][]row{hits, tc.articles}}
		res, err := SearchStories(ctx, tx, tc.search, tc.in, page)
		if err != nil {
			t.Fatalf("%s: SearchStories: %v", tc.name, err)
		}
		if len(tx.queries) != 2 {
			t.Errorf("%s: %d queries, want 2 (the search, then the articles)", tc.name, len(tx.queries))
		}
		if !strings.HasSuffix(tx.queries[len(tx.queries)-1], " WHERE "+tc.cond) {
			t.Errorf("%s: articles query %q, want it to end WHERE %s", tc.name, tx.queries[len(tx.queries)-1], tc.cond)
		}
		if diff := cmp.Diff(tc.args, tx.args[len(tx.args)-1]); diff != "" {
			t.Errorf("%s: articles query arguments (-want +got):\n%s", tc.name, diff)
		}
		var got [][2]int64
		for _, h := range res.Hits {
			got = append(got, [2]int64{h.Story.ID, h.Article.ID})
			if h.Article.StoryID != h.Story.ID || h.Article.Text != "text" {
				t.Errorf("%s: story %d given article %+v", tc.name, h.Story.ID, h.Article)
			}
		}
		if diff := cmp.Diff([][2]int64{{30, 7}, {10, 9}, {20, 8}}, got); diff != "" || !res.More {
			t.Errorf("%s: hits (story, article) in the search's order (-want +got):\n%s; more %v, want true", tc.name, diff, res.More)
		}
	}

	tx := &scriptTx{answers: [][]row{hits[:2], {articleRow(7, 30)}}}
	if _, err := SearchStories(ctx, tx, SQLiteSearch, InList, page); !errors.Is(err, store.ErrNotFound) ||
		err.Error() != "search stories: article 9: "+store.ErrNotFound.Error() {
		t.Errorf("SearchStories with an article gone: err = %v, want article 9 not found", err)
	}

	tx = &scriptTx{answers: [][]row{nil}}
	if res, err := SearchStories(ctx, tx, PostgresSearch, AnyArray, page); err != nil || len(res.Hits) != 0 || len(tx.queries) != 1 {
		t.Errorf("SearchStories with no hit = %d hits, %v, after %d queries; want none, nil, 1", len(res.Hits), err, len(tx.queries))
	}
}

// TestLoadBriefingsBatches checks that the ...ByID reads ask one query for
// each store.MaxIDsPerQuery IDs, in the order given, and none for no
// IDs, keying each briefing by its row's story ID.
func TestLoadBriefingsBatches(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	n := 2*store.MaxIDsPerQuery + 1
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	tests := []struct {
		name  string
		ids   []int64
		sizes []int // IDs in each query's array
	}{
		{"none", nil, nil},
		{"one", ids[:1], []int{1}},
		{"exactly one query's", ids[:store.MaxIDsPerQuery], []int{store.MaxIDsPerQuery}},
		{"two queries' and one", ids, []int{store.MaxIDsPerQuery, store.MaxIDsPerQuery, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := &scriptTx{}
			for range tt.sizes {
				tx.answers = append(tx.answers, []row{{int64(1), `{"story_id": 1, "headline": "Bridge"}`}})
			}
			got, err := LoadBriefings(ctx, tx, AnyArray, tt.ids)
			if err != nil {
				t.Fatal(err)
			}
			var sizes []int
			for _, args := range tx.args {
				sizes = append(sizes, len(args[0].([]int64)))
			}
			if diff := cmp.Diff(tt.sizes, sizes); diff != "" {
				t.Errorf("IDs a query (-want +got):\n%s", diff)
			}
			if len(tt.sizes) > 0 && got[1].Headline != "Bridge" {
				t.Errorf("briefing of story 1 = %+v", got[1])
			}
		})
	}
}
