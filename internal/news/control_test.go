package news

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestIsControl lists the runes the rule takes, out of the first 256:
// every C0 control but tab, line feed, vertical tab, form feed and
// carriage return, and DEL; none of C1's (U+0080 to U+009F).
func TestIsControl(t *testing.T) {
	t.Parallel()
	var got []rune
	for r := range rune(256) {
		if IsControl(r) {
			got = append(got, r)
		}
	}
	want := []rune{0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
		0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x7f}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IsControl (-want +got):\n%s", diff)
	}
}
