package neus

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitPart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, title, article string
	}{
		{"TITLE=> A bridge. ARTICLE=> The city voted.", "A bridge.", "The city voted."},
		{"  ARTICLE=> only the article ", "", "only the article"},
		{"plain text", "", "plain text"},
		{"TITLE=> ARTICLE=> ARTICLE=>", "", "ARTICLE=>"},
		{"", "", ""},
	}
	for _, tc := range tests {
		title, article := splitPart(tc.in)
		if diff := cmp.Diff([2]string{tc.title, tc.article}, [2]string{title, article}); diff != "" {
			t.Errorf("splitPart(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func FuzzSplitPart(f *testing.F) {
	for _, s := range []string{"TITLE=> A. ARTICLE=> B.", "ARTICLE=> only", "plain", "TITLE=> ARTICLE=> ARTICLE=>", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		title, article := splitPart(s)
		if !strings.Contains(s, title) || !strings.Contains(s, article) {
			t.Errorf("splitPart(%q) = %q, %q: not parts of the input", s, title, article)
		}
	})
}
