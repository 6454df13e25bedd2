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

// TestChooseLead checks that readability's tighter body loses to
// go-trafilatura's when go-trafilatura's text starts well before it (see
// leadMin), and only then. Words are generated distinct so that shared and
// one-sided paragraphs are exact.
func TestChooseLead(t *testing.T) {
	t.Parallel()
	// words returns a paragraph of n distinct words tagged by prefix.
	words := func(prefix string, n int) para {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = prefix + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
		}
		return para{text: strings.Join(ws, " ")}
	}
	shared := []para{words("shared", 200), words("more", 200)}
	share := para{text: "Share on Facebook Share on X"}
	lead := func(n int) []para { return []para{words("intro", n)} }
	tests := []struct {
		name       string
		t, r       []para
		wantChoice string
	}{
		{"same text", shared, shared, "trafilatura"},
		{"trafilatura keeps a share bar", append([]para{share}, append(shared, words("caption", 20))...), shared, "readability-tighter"},
		{"short lead: the standfirst", append(lead(40), shared...), shared, "readability-tighter"},
		{"long lead: readability took one section", append(lead(leadMin), shared...), shared, "trafilatura-earlier-start"},
		{"long trailer, no lead", append(append([]para{}, shared...), words("comments", leadMin)), shared, "readability-tighter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, got := choose(tt.t, tt.r)
			if diff := cmp.Diff(tt.wantChoice, got); diff != "" {
				t.Errorf("choice mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
