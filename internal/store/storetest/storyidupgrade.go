package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
)

// storyIDMarkUpgrades are the cases of runStoryIDMarkUpgrade: where the
// largest story ID of a database an older newsdesk filled is named
// (besides story 2, its article and its briefing), and the mark the
// upgrade must seed.
var storyIDMarkUpgrades = []struct {
	name string
	rows []string
	want int64
}{
	{"story", nil, 2},
	{"story's thread", []string{`UPDATE stories SET thread_id = 20 WHERE id = 2`}, 20},
	{"article's story", []string{`UPDATE articles SET story_id = 22, thread_id = 21`}, 22},
	{"article's thread", []string{`UPDATE articles SET thread_id = 23`}, 23},
	{"briefing's related story", []string{`UPDATE briefings SET body = '` + mustJSON(news.Briefing{StoryID: 2,
		Sections: []news.Section{{Items: []news.Item{{Text: "Earlier", StoryID: 24}}}}}) + `'`}, 24},
}

// runStoryIDMarkUpgrade checks the migration that keeps the largest story
// ID ever saved (*_story_id_mark.sql) on a database that holds stories:
// it seeds the mark from every ID still named, since the stories that
// retention removed before the upgrade are known only by what cites them,
// and the mark rises as stories are put afterwards.
func runStoryIDMarkUpgrade(c int) func(t *testing.T, u Upgrade) {
	return func(t *testing.T, u Upgrade) {
		ctx := context.Background()
		tc := storyIDMarkUpgrades[c]
		u.migrateTo(t, "_story_id_mark.sql")
		for _, q := range append([]string{
			`INSERT INTO stories (id, thread_id) VALUES (1, 1), (2, 2)`,
			`INSERT INTO articles (url, fetched_at, sort_time, extraction, story_id, thread_id) VALUES ('https://a.example/4', 1, 1, 'full', 2, 2)`,
			`INSERT INTO briefings (story_id, generated_at, body) VALUES (2, 1, '` + mustJSON(news.Briefing{StoryID: 2}) + `'), (1, 1, '{')`,
		}, tc.rows...) {
			if _, err := u.Raw.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		st, err := u.Open()
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer st.Close()
		mark := func(step string, want int64) {
			t.Helper()
			if got, err := st.StoryIDMark(ctx); err != nil || got != want {
				t.Errorf("%s: StoryIDMark = %d, %v; want %d", step, got, err, want)
			}
		}
		mark("after the upgrade", tc.want)
		if err := st.PutStory(ctx, news.Story{ID: 30, ThreadID: 30}); err != nil {
			t.Fatalf("PutStory: %v", err)
		}
		mark("story 30 put", 30)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
