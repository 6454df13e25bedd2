package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", "  a  b\n\tc ", "\u00a0x\u2003y\u00a0", "\xff  \xfe", "one"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzWordHashes checks that hashing words while scanning agrees with
// normalising the text and splitting it.
func FuzzWordHashes(f *testing.F) {
	for _, s := range []string{"", "Hello, World!", "ÉTÉ à Paris_2024 — ok", "\xffA\xfeb", "İstanbul ǅ x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []uint64
		for _, w := range strings.Fields(normWords(s)) {
			h := uint64(fnvOffset)
			for i := 0; i < len(w); i++ {
				h = (h ^ uint64(w[i])) * fnvPrime
			}
			want = append(want, h)
		}
		if diff := cmp.Diff(want, wordHashes(s)); diff != "" {
			t.Errorf("wordHashes(%q) mismatch (-want +got):\n%s", s, diff)
		}
	})
}

func TestGramTable(t *testing.T) {
	t.Parallel()
	g := newGramTable(3)
	added := []uint64{0, 1, 17, 33, 1 << 40, 16}
	for _, h := range added {
		g.add(h)
	}
	tests := []struct {
		h    uint64
		want bool
	}{
		{0, true}, {1, true}, {17, true}, {33, true}, {1 << 40, true}, {16, true},
		{2, false}, {49, false}, {1<<40 + 1, false},
	}
	for _, tt := range tests {
		if got := g.has(tt.h); got != tt.want {
			t.Errorf("has(%d) = %v, want %v", tt.h, got, tt.want)
		}
	}
}
