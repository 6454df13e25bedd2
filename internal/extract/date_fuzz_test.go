package extract

import (
	"testing"
	"time"
)

// FuzzPageDates feeds the date readers of a page's metadata and visible
// text (parseDate, which hands what RFC 3339 cannot read to the
// third-party dateparse; parseVisibleDates) any string: neither may panic,
// and a date parseDate accepts lies in its plausible range. FuzzExtract
// reaches them only through whole pages, a few thousand a second.
func FuzzPageDates(f *testing.F) {
	for _, s := range []string{
		"2026-11-29T06:00:00Z", "2023 Jan 7", "Sun, 29 Nov 2026 06:00:00 +0000", "29/11/2026",
		"November 29, 2026 6:00 pm", "1332151919", "2026-11-29 06:00:00 +0000 UTC", "12 Feb 2006, 19:17",
		"Published 3 March 2025, updated 4 March 2025", "oct 7, 1970", "Mon Jan  2 15:04:05 MST 2006",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := parseDate(s); ok && (d.Year() < 1995 || d.After(time.Now().AddDate(1, 0, 1))) {
			t.Fatalf("parseDate(%q) = %v, outside 1995 to next year", s, d)
		}
		if got := parseVisibleDates(s); len(got) > 8 {
			t.Fatalf("parseVisibleDates(%q): %d dates, at most 8", s, len(got))
		}
	})
}
