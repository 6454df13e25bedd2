package web

import (
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestThreadTitle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		list []news.Story // first seen first
		want string
	}{
		{"one story", []news.Story{{Title: "Osk bursts its banks", SourceCount: 1}}, "Osk bursts its banks"},
		{"the most-covered, not the latest", []news.Story{
			{Title: "Osk bursts its banks", SourceCount: 6, ArticleCount: 6},
			{Title: "Cracks found in Tarrow Dam", SourceCount: 4, ArticleCount: 4},
			{Title: "Valdria announces flood fund", SourceCount: 5, ArticleCount: 5},
		}, "Osk bursts its banks"},
		{"the most-covered, not the first", []news.Story{
			{Title: "River rises at Millbrook", SourceCount: 1, ArticleCount: 1},
			{Title: "Osk bursts its banks", SourceCount: 6, ArticleCount: 6},
		}, "Osk bursts its banks"},
		{"more articles break a tie of sources", []news.Story{
			{Title: "Aid convoys paused", SourceCount: 5, ArticleCount: 5},
			{Title: "Aid convoys resume", SourceCount: 5, ArticleCount: 7},
		}, "Aid convoys resume"},
		{"a full tie keeps the earliest", []news.Story{
			{Title: "Aid convoys paused", SourceCount: 5, ArticleCount: 5},
			{Title: "Aid convoys resume", SourceCount: 5, ArticleCount: 5},
		}, "Aid convoys paused"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := threadTitle(tc.list); got != tc.want {
				t.Errorf("threadTitle = %q, want %q", got, tc.want)
			}
		})
	}
}
