package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func TestParseVisibleDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string // dates, "u:" prefixed when labelled as an update
	}{
		{"By Jane Doe March 5, 2024", []string{"2024-03-05"}},
		{"By Jane DoeMar. 5th, 2024", []string{"2024-03-05"}},
		{"16 December 2025 by Sam", []string{"2025-12-16"}},
		{"Posted 2023-06-01", []string{"2023-06-01"}},
		{"December 20, 2024September 26, 2025", []string{"2024-12-20", "2025-09-26"}},
		{"Last updated: August 19, 2025", []string{"u:2025-08-19"}},
		{"Updated onJanuary 12, 2026", []string{"u:2026-01-12"}},
		{"February 30, 2024 and 5/3/2024", nil},
		{"In 1850 and May 2020", nil},
		{"Guide 2026 Dec 26, 2025", []string{"2025-12-26"}},
	}
	for _, tc := range tests {
		var got []string
		for _, d := range parseVisibleDates(tc.in) {
			s := d.t.Format("2006-01-02")
			if d.updated {
				s = "u:" + s
			}
			got = append(got, s)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("parseVisibleDates(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestReconcileDate(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time {
		t, _ := time.Parse("2006-01-02", s)
		return t
	}
	shown := func(s string, upd bool) shownDate { return shownDate{t: d(s), updated: upd} }
	tests := []struct {
		name     string
		pub, mod time.Time
		shown    []shownDate
		want     time.Time
	}{
		{"declared and shown", d("2024-01-02"), d("2024-05-01"), []shownDate{shown("2024-01-02", false), shown("2024-05-01", true)}, d("2024-01-02")},
		{"only modified shown", d("2021-01-10"), d("2024-03-03"), []shownDate{shown("2024-03-03", false)}, d("2024-03-03")},
		{"modified shown as update", d("2021-01-10"), d("2024-03-03"), []shownDate{shown("2024-03-03", true)}, d("2021-01-10")},
		{"nothing declared", time.Time{}, time.Time{}, []shownDate{shown("2024-03-03", true), shown("2024-02-01", false)}, d("2024-02-01")},
		{"only an update shown", time.Time{}, time.Time{}, []shownDate{shown("2024-03-03", true)}, d("2024-03-03")},
		{"declared, another date shown", d("2021-01-10"), time.Time{}, []shownDate{shown("2023-07-07", false)}, d("2023-07-07")},
		{"declared, only another update shown", d("2021-01-10"), time.Time{}, []shownDate{shown("2023-07-07", true)}, d("2021-01-10")},
		{"nothing at all", time.Time{}, time.Time{}, nil, time.Time{}},
	}
	for _, tc := range tests {
		if got := reconcileDate(tc.pub, tc.mod, tc.shown); !got.Equal(tc.want) {
			t.Errorf("%s: reconcileDate = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestHeaderText(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("filler words here ", 60)
	page := `<html><body><p>Teaser from December 1, 2020</p><p>` + long + `</p>
<h1>Site</h1><article><h1>The headline</h1><p>By Ann, March 5, 2024</p><p>` + long + `</p><p>Old post, June 1, 2019</p></article></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	h := headerText(doc, "The headline")
	if !strings.Contains(h, "The headline By Ann, March 5, 2024") {
		t.Errorf("header lacks the byline line: %q", h)
	}
	for _, far := range []string{"December 1, 2020", "June 1, 2019"} {
		if strings.Contains(h, far) {
			t.Errorf("header reaches %q, which is far from the headline: %q", far, h)
		}
	}
	if got := headerText(doc, "No such title"); !strings.Contains(got, "Site The headline By Ann") {
		t.Errorf("without the title, the first <h1> anchors the header: %q", got)
	}
	if got := headerText(doc, ""); got == "" {
		t.Error("a page with an <h1> has a header")
	}
	empty, _ := html.Parse(strings.NewReader("<p>no headings</p>"))
	if got := headerText(empty, "Missing"); got != "" {
		t.Errorf("no headline: want empty header, got %q", got)
	}
}
