package web

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestRankStories(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	ago := func(h float64) time.Time { return now.Add(-time.Duration(h * float64(time.Hour))) }
	tests := []struct {
		name    string
		stories []news.Story
		want    []int64
	}{
		{"newer first at equal coverage", []news.Story{
			{ID: 1, SourceCount: 2, LastUpdated: ago(5)},
			{ID: 2, SourceCount: 2, LastUpdated: ago(1)},
		}, []int64{2, 1}},
		{"wide coverage beats a fresh single source", []news.Story{
			{ID: 1, SourceCount: 1, LastUpdated: ago(0)},
			{ID: 2, SourceCount: 5, LastUpdated: ago(12)},
		}, []int64{2, 1}},
		{"old wide story sinks", []news.Story{
			{ID: 1, SourceCount: 1, LastUpdated: ago(0)},
			{ID: 2, SourceCount: 2, LastUpdated: ago(24)},
		}, []int64{1, 2}},
		{"zero sources count as one", []news.Story{
			{ID: 1, SourceCount: 0, LastUpdated: ago(2)},
			{ID: 2, SourceCount: 1, LastUpdated: ago(3)},
		}, []int64{1, 2}},
		{"ties by newest ID", []news.Story{
			{ID: 1, SourceCount: 3, LastUpdated: ago(2)},
			{ID: 4, SourceCount: 3, LastUpdated: ago(2)},
			{ID: 2, SourceCount: 3, LastUpdated: ago(2)},
		}, []int64{4, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			RankStories(tt.stories)
			var got []int64
			for _, s := range tt.stories {
				got = append(got, s.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}
