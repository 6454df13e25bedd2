package web

import (
	"fmt"
	"testing"

	"github.com/newsdesk/newsdesk/internal/news"
)

func TestSubscriptions(t *testing.T) {
	t.Parallel()
	srcs := []news.Source{
		{URL: "https://a.example/feed.xml"},
		// As an older newsdesk stored it: not canonical.
		{URL: "https://New.Example/feed.xml?utm_source=x"},
	}
	tests := []struct {
		canon string
		want  bool
	}{
		{"https://a.example/feed.xml", true},
		{"https://new.example/feed.xml", true},
		{"https://b.example/feed.xml", false},
	}
	set := NewSubscriptions(srcs)
	for _, tt := range tests {
		if got := set.Has(tt.canon); got != tt.want {
			t.Errorf("Has(%q) = %v, want %v", tt.canon, got, tt.want)
		}
		if got := Subscribed(srcs, tt.canon); got != tt.want {
			t.Errorf("Subscribed(%q) = %v, want %v", tt.canon, got, tt.want)
		}
	}
}

// BenchmarkImportCheck is an import's duplicate check: 500 outlines
// against 2,000 subscribed sources.
func BenchmarkImportCheck(b *testing.B) {
	srcs := make([]news.Source, 2000)
	for i := range srcs {
		srcs[i].URL = fmt.Sprintf("https://site%d.example/feed.xml?utm_source=x", i)
	}
	for b.Loop() {
		set := NewSubscriptions(srcs)
		for i := range 500 {
			set.Has(fmt.Sprintf("https://site%d.example/feed.xml", 2*i))
		}
	}
}
