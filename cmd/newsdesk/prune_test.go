package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// TestPruneCommand runs "newsdesk prune" on a database with one story of
// 60 days ago and one of today, and an article of 60 days ago the
// clusterer set aside: the dry run reports the old story and article and
// keeps them, the prune removes them, and bad arguments are refused before
// the database is touched.
func TestPruneCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "newsdesk.db")
	st, err := sqlite.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for id, at := range map[int64]time.Time{1: now.Add(-60 * 24 * time.Hour), 2: now.Add(-time.Hour)} {
		a, _, err := st.AddArticle(ctx, news.Article{URL: "https://prune.example/" + string(rune('0'+id)), Title: "t", Text: "x",
			PublishedAt: at, FetchedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetArticleGroup(ctx, a.ID, store.Group{StoryID: id, ThreadID: id}); err != nil {
			t.Fatal(err)
		}
		if err := st.PutStory(ctx, news.Story{ID: id, ThreadID: id, FirstSeen: at, LastUpdated: at, ArticleCount: 1}); err != nil {
			t.Fatal(err)
		}
	}
	aside, _, err := st.AddArticle(ctx, news.Article{URL: "https://prune.example/aside", Title: "t",
		PublishedAt: now.Add(-60 * 24 * time.Hour), FetchedAt: now.Add(-60 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	// Set aside in no story, as the pipeline does an article with no text.
	if err := st.SetArticleGroup(ctx, aside.ID, store.Group{}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	tests := []struct {
		name    string
		args    []string
		wantOut []string
		wantErr string
		stories int // left afterwards
	}{
		{"no duration", []string{"prune", "--db", db}, nil, "--older-than is required", 2},
		{"under the join window", []string{"prune", "--db", db, "--older-than", "29d"}, nil, "--older-than 29 days: want at least 30 days", 2},
		// Retention's 0 keeps everything; here it would remove everything.
		{"zero", []string{"prune", "--db", db, "--older-than", "0"}, nil, "--older-than 0 seconds: want at least 30 days", 2},
		{"not a duration", []string{"prune", "--db", db, "--older-than", "soon"}, nil, `retention "soon"`, 2},
		{"no such database", []string{"prune", "--db", db + ".typo", "--older-than", "30d"}, nil, "no database at", 2},
		{"dry run", []string{"prune", "--db", db, "--older-than", "30d", "--dry-run"},
			[]string{"would remove 1 stories", "; 1 articles set aside by the clusterer (in no story) before"}, "", 2},
		{"prune", []string{"prune", "--db", db, "--older-than", "30d"},
			[]string{"removed 1 stories", "; 1 articles set aside by the clusterer (in no story) before"}, "", 1},
		{"again", []string{"prune", "--db", db, "--older-than", "30d"},
			[]string{"removed 0 stories", "; 0 articles set aside by the clusterer (in no story) before"}, "", 1},
	}
	for _, tt := range tests { // in order: each runs on the database the last left
		var stdout, stderr bytes.Buffer
		err := run(ctx, tt.args, func(string) string { return "" }, &stdout, &stderr)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error()+stderr.String(), tt.wantErr)) {
			t.Errorf("%s: error %v (stderr %q); want %q", tt.name, err, stderr.String(), tt.wantErr)
		}
		for _, want := range tt.wantOut {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("%s: output %q; want %q in it", tt.name, stdout.String(), want)
			}
		}
		st, err := sqlite.Open(ctx, db, nil)
		if err != nil {
			t.Fatal(err)
		}
		list, err := st.Stories(ctx, store.StoryFilter{})
		st.Close()
		if err != nil || len(list) != tt.stories {
			t.Errorf("%s: %d stories left (%v); want %d", tt.name, len(list), err, tt.stories)
		}
	}
}
