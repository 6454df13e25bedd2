package dedup

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

const wire = `WASHINGTON (AP) — The Senate voted 68 to 32 on Thursday to approve a bill
that would overhaul the nation's immigration system, sending the measure to the House,
where its fate is uncertain. The legislation would tighten border security, expand
visas for skilled workers and offer a path to citizenship for about 11 million people
living in the country illegally. Supporters said the vote showed broad agreement that
the current system is broken, while opponents warned that the bill would reward those
who broke the law and do too little to stop future illegal crossings.`

func TestIndexFind(t *testing.T) {
	t.Parallel()
	day := time.Date(2013, 6, 27, 12, 0, 0, 0, time.UTC)
	reprint := "Senate passes immigration bill\n" + strings.Replace(wire, "WASHINGTON (AP) —", "By Staff. WASHINGTON —", 1)
	other := `A powerful storm swept across the plains on Thursday, knocking out power to
thousands of homes and businesses and flooding roads in three counties. Forecasters said
more rain was expected through the weekend, and officials urged residents to stay off the
roads unless travel was necessary. Crews worked through the night to restore service,
and the utility said most customers should have power back by Saturday evening, though
some rural areas could wait longer. Schools in two districts closed for the day.`
	tests := []struct {
		name   string
		text   string
		at     time.Time
		wantID int64
		wantOK bool
	}{
		{"exact copy, different case and spacing", strings.ToUpper(strings.ReplaceAll(wire, "\n", "  ")), day, 1, true},
		{"reprint with new headline and byline", reprint, day, 1, true},
		{"different story", other, day, 0, false},
		{"copy after the window", wire, day.Add(30 * 24 * time.Hour), 0, false},
		{"short text only matches exactly", "Senate passes immigration bill", day, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := NewIndex(DefaultConfig())
			x.Add(1, Of(wire), day)
			x.Add(2, Of(strings.Repeat("The council approved the new budget after a long debate. ", 8)), day)
			if tt.at.After(day) {
				x.Add(3, Of("filler text that moves the clock"), tt.at)
			}
			id, _, ok := x.Find(Of(tt.text))
			if diff := cmp.Diff([2]any{tt.wantID, tt.wantOK}, [2]any{id, ok}); diff != "" {
				t.Errorf("Find (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIndexBounded(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.MaxEntries = 10
	x := NewIndex(cfg)
	for i := range 100 {
		x.Add(int64(i+1), Of(fmt.Sprintf("text number %d about nothing in particular", i)), time.Time{})
	}
	if got := x.Len(); got != 10 {
		t.Errorf("Len = %d, want 10", got)
	}
	if _, _, ok := x.Find(Of("text number 5 about nothing in particular")); ok {
		t.Error("evicted text still found")
	}
	if id, _, ok := x.Find(Of("text number 99 about nothing in particular")); !ok || id != 100 {
		t.Errorf("Find recent = %d, %v; want 100, true", id, ok)
	}
}

func TestSimilarityOfEdits(t *testing.T) {
	t.Parallel()
	a := Of(wire)
	b := Of(wire + " The House is expected to take up the measure next month.")
	c := Of(strings.Repeat("completely different words here ", 30))
	if s := Similarity(a, b); s < DefaultConfig().MinSimilarity {
		t.Errorf("one added sentence: similarity %.2f, want >= %.2f", s, DefaultConfig().MinSimilarity)
	}
	if s := Similarity(a, c); s > 0.2 {
		t.Errorf("unrelated text: similarity %.2f, want <= 0.2", s)
	}
	if a.Exact == b.Exact {
		t.Error("different texts share an exact hash")
	}
}

func FuzzOf(f *testing.F) {
	f.Add(wire)
	f.Add("")
	f.Add("ÉL DIJO: «¡Hola!»")
	f.Add("\xff\xfe broken utf8")
	f.Fuzz(func(t *testing.T, s string) {
		a := Of(s)
		words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if a.Words != len(words) {
			t.Fatalf("Words = %d, want %d for %q", a.Words, len(words), s)
		}
		if b := Of(s + " ."); a != b {
			t.Fatalf("trailing punctuation changed the fingerprint of %q", s)
		}
		x := NewIndex(DefaultConfig())
		x.Add(7, a, time.Time{})
		if id, sim, ok := x.Find(a); a.Words > 0 && (!ok || id != 7 || sim != 1) {
			t.Fatalf("text not found in an index holding it: %q", s)
		}
	})
}

// TestFingerprintStable pins fingerprints of a few texts: they are stored
// with articles, so a change to the hashing would silently stop new
// articles from matching old copies.
func TestFingerprintStable(t *testing.T) {
	t.Parallel()
	type pinned struct {
		Exact uint64
		Words int
		Min   [4]uint32 // the first hashes of the signature
	}
	tests := []struct {
		text string
		want pinned
	}{
		{"", pinned{0xcbf29ce484222325, 0, [4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}}},
		{"Storm", pinned{0x9872363b243bf499, 1, [4]uint32{0xba0c02be, 0xdd2d4837, 0xe53fda3, 0x3a3c3dab}}},
		{"Storm hits coast", pinned{0xbbaffb426cd4a0bc, 3, [4]uint32{0x2e9f2bd0, 0x936feb12, 0x36399738, 0xc41348ba}}},
		{"A storm hit the coast on Monday, officials said; 3 people died.", pinned{0xadd74e2aa96706f2, 12, [4]uint32{0xdbcb256, 0x6f251a7, 0x2387da57, 0x39ac40be}}},
	}
	for _, tc := range tests {
		fp := Of(tc.text)
		got := pinned{fp.Exact, fp.Words, [4]uint32(fp.Min[:4])}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Of(%q) changed (-want +got):\n%s", tc.text, diff)
		}
	}
}
