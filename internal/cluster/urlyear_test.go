package cluster

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestURLYear(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url  string
		want int
	}{
		{"http://blog.al.com/pr/2009/07/regina_benjamin.html", 2009},
		{"http://www.utsandiego.com/news/2009/Feb/02/bn02-charger/", 2009},
		{"http://www.badlefthook.com/2012/7/7/3143744/fight", 2012},
		{"http://www.kpopstarz.com/articles/30409/20130606/esther-williams.htm", 2013},
		{"http://sportzassassin2.blogspot.nl/2005_05_01_archive.html", 2005},
		{"http://news.mongabay.com/2009/0428-hance_polar.html", 2009},
		{"http://articles.philly.com/2005-05-24/news/25442", 2005},
		{"http://www.nydailynews.com/lindsay-lohan-article-1.1333220", 0},
		{"http://www.cbsnews.com/8301-207_162-57582560/lawyer/", 0},
		{"http://www.example.com/2009/index.html", 0},  // a bare year segment may be an ID
		{"http://www.example.com/2013/12345/story", 0}, // no month after it
		{"http://2009.example.com/07/story", 0},        // the host is not the path
		{"", 0},
	}
	for _, tt := range tests {
		if got := URLYear(tt.url); got != tt.want {
			t.Errorf("URLYear(%q) = %d, want %d", tt.url, got, tt.want)
		}
	}
}

// TestCompactDates checks that a date written as digits counts as the
// calendar day a written-out date gives, and as a full date for the text's
// year, while numbers that only look like one do not.
func TestCompactDates(t *testing.T) {
	t.Parallel()
	day := func(y, m, d int) uint64 {
		return hashStr(kindNumber, time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format("d2006-01-02"))
	}
	tests := []struct {
		text    string
		wantDay uint64 // 0: no calendar day
		year    int
	}{
		{"Filed 20081216 by the desk.", day(2008, 12, 16), 2008},
		{"Posted 2005/0726 at noon.", day(2005, 7, 26), 2005},
		{"See the 2005_05_01 archive.", day(2005, 5, 1), 2005},
		{"Updated 2013/06/06 in the evening.", day(2013, 6, 6), 2013},
		{"Case 20081332 was closed.", 0, 0},   // no 32nd day
		{"Call 555-1234 now.", 0, 0},          // not a year
		{"The 1999-2000 season ended.", 0, 0}, // a range
		{"Order 120081216 shipped.", 0, 0},    // a longer number
		{"The 2005-06 season began.", 0, 0},   // a season
		{"Deadline 2011/02/30 passed.", 0, 0}, // no such day
	}
	for _, tt := range tests {
		r := extract(Doc{Title: "A report", Text: tt.text})
		if tt.wantDay != 0 && r.nums[tt.wantDay] == 0 {
			t.Errorf("%q: calendar day not among the numbers %v", tt.text, r.nums)
		}
		if diff := cmp.Diff(tt.year, r.year); diff != "" {
			t.Errorf("%q: year (-want +got):\n%s", tt.text, diff)
		}
	}
}
