package text

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
)

func TestWordSpans(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []news.Span
	}{
		{"", nil},
		{"  ,. ", nil},
		{"Hello, World!", []news.Span{{Start: 0, End: 5}, {Start: 7, End: 12}}},
		{"El niño 3,5", []news.Span{{Start: 0, End: 2}, {Start: 3, End: 8}, {Start: 9, End: 10}, {Start: 11, End: 12}}},
		{"snake_case", []news.Span{{Start: 0, End: 10}}},
		{"don't", []news.Span{{Start: 0, End: 3}, {Start: 4, End: 5}}},
	}
	for _, tc := range tests {
		got := WordSpans(tc.in)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("WordSpans(%q) mismatch (-want +got):\n%s", tc.in, diff)
		}
		// The spans are Words' words as written.
		var words []string
		for _, sp := range got {
			words = append(words, strings.ToLower(sp.Of(tc.in)))
		}
		if diff := cmp.Diff(Words(tc.in), words); diff != "" {
			t.Errorf("WordSpans(%q) disagrees with Words (-Words +spans):\n%s", tc.in, diff)
		}
	}
}
