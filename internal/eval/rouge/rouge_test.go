package rouge

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. troops' 2nd-day: café—OK!", []string{"u", "s", "troops", "2nd", "day", "caf", "ok"}},
		{"", nil},
		{"— ¿? —", nil},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, Tokens(tc.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Tokens(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestNGrams(t *testing.T) {
	t.Parallel()
	toks := []string{"the", "cat", "the", "cat", "sat"}
	tests := []struct {
		n    int
		want map[string]int
	}{
		{1, map[string]int{"the": 2, "cat": 2, "sat": 1}},
		{2, map[string]int{"the cat": 2, "cat the": 1, "cat sat": 1}},
		{5, map[string]int{"the cat the cat sat": 1}},
		{6, map[string]int{}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, NGrams(toks, tc.n)); diff != "" {
			t.Errorf("NGrams(_, %d) (-want +got):\n%s", tc.n, diff)
		}
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("The quick brown fox.")
	f.Add("Ünïcödé — 12,5 %")
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		for _, tok := range toks {
			if tok == "" || strings.Trim(tok, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
				t.Fatalf("bad token %q from %q", tok, s)
			}
		}
		if got := NGrams(toks, 1); len(toks) > 0 && len(got) == 0 {
			t.Errorf("no unigram from %q", s)
		}
	})
}
