package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestNewArticle checks what both back ends default before storing an
// article, and that an article without a URL is refused.
func TestNewArticle(t *testing.T) {
	t.Parallel()
	fetched := time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		in      news.Article
		want    news.Article
		wantErr bool
	}{
		{"no URL", news.Article{Title: "Untitled"}, news.Article{}, true},
		{"given fields kept", news.Article{URL: "https://a.example/1", FetchedAt: fetched, Extraction: news.ExtractFeedOnly},
			news.Article{URL: "https://a.example/1", FetchedAt: fetched, Extraction: news.ExtractFeedOnly}, false},
		{"extraction defaults to full", news.Article{URL: "https://a.example/2", FetchedAt: fetched},
			news.Article{URL: "https://a.example/2", FetchedAt: fetched, Extraction: news.ExtractFull}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := NewArticle(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("NewArticle error = %v, want error %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NewArticle (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("fetch time defaults to now", func(t *testing.T) {
		t.Parallel()
		before := time.Now().UTC()
		got, err := NewArticle(news.Article{URL: "https://a.example/3"})
		if err != nil {
			t.Fatal(err)
		}
		if got.FetchedAt.Before(before) || got.FetchedAt.After(time.Now().UTC()) {
			t.Errorf("FetchedAt = %v, want the time of the call", got.FetchedAt)
		}
	})
}
