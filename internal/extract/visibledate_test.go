package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
		{"Posted 2023-06-01", []string{"p:2023-06-01"}},
		{"December 20, 2024September 26, 2025", []string{"2024-12-20", "2025-09-26"}},
		{"Last updated: August 19, 2025", []string{"u:2025-08-19"}},
		{"Updated onJanuary 12, 2026", []string{"u:2026-01-12"}},
		{"February 30, 2024 and 5/3/2024", []string{"?2024-05-03|2024-03-05"}},
		{"View Full Profile 2/24/2026 Share", []string{"2026-02-24"}},
		{"Which mower? 17.05.2021 Before buying", []string{"2021-05-17"}},
		{"By The Currency editors 12.12.2025", []string{"2025-12-12"}},
		{"By Block Renovation 09.10.2024 In This Article", []string{"?2024-09-10|2024-10-09"}},
		{"build v1.2.2024 and 1.2.20245", nil},
		{"Updates 2021-08-09 Emphasizing", []string{"u:2021-08-09"}},
		{"Live updates May 2, 2024", []string{"2024-05-02"}},
		{"Last update: May 2, 2024", []string{"u:2024-05-02"}},
		{"Published Apr 26, 2023 Updated Aug 21, 2025", []string{"p:2023-04-26", "u:2025-08-21"}},
		{"Updated Aug 21, 2025 Published Apr 26, 2023", []string{"u:2025-08-21", "p:2023-04-26"}},
		{"Posted on Nov 21, 2018", []string{"p:2018-11-21"}},
		{"In 1850 and May 2020", nil},
		{"Guide 2026 Dec 26, 2025", []string{"2025-12-26"}},
		// A date the sentence talks about is not a date line.
		{"The end of the tax season is April 15, 2025. If you", nil},
		{"The offer is valid through 01/23/2026.", nil},
		{"Effective beginning 6/2/2025: This website", nil},
		{"valid from January 16, 2025 at 7:00 AM to January 20, 2025", nil},
		{"By Lisa Jennings on Dec. 19, 2025 Share", []string{"2025-12-19"}},
		{"Last updated is May 2, 2024", []string{"u:2024-05-02"}},
	}
	for _, tc := range tests {
		var got []string
		for _, d := range parseVisibleDates(tc.in) {
			s := d.t.Format("2006-01-02")
			switch {
			case d.ambiguous():
				s = "?" + s + "|" + d.alt.Format("2006-01-02")
			case d.updated:
				s = "u:" + s
			case d.published:
				s = "p:" + s
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
	ambiguous := func(s, alt string) shownDate { return shownDate{t: d(s), alt: d(alt)} }
	published := func(s string) shownDate { return shownDate{t: d(s), published: true} }
	above := func(s string) shownDate { return shownDate{t: d(s), above: true} }
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
		{"ambiguous date confirms declared", d("2025-08-01"), d("2025-08-27"), []shownDate{ambiguous("2025-08-01", "2025-01-08"), shown("2025-08-27", false)}, d("2025-08-01")},
		{"ambiguous date confirms declared, other reading", d("2025-01-08"), time.Time{}, []shownDate{ambiguous("2025-08-01", "2025-01-08")}, d("2025-01-08")},
		{"ambiguous date alone is not taken", time.Time{}, time.Time{}, []shownDate{ambiguous("2025-08-01", "2025-01-08")}, time.Time{}},
		{"ambiguous date does not replace declared", d("2021-01-10"), time.Time{}, []shownDate{ambiguous("2025-08-01", "2025-01-08")}, d("2021-01-10")},
		{"published label beats declared", d("2025-08-21"), d("2025-08-20"), []shownDate{published("2023-04-26"), shown("2025-08-21", true)}, d("2023-04-26")},
		{"published label agrees with declared", d("2023-04-26"), time.Time{}, []shownDate{published("2023-04-26")}, d("2023-04-26")},
		{"dates of a changelog keep the declared date", d("2021-01-18"), time.Time{}, []shownDate{shown("2021-08-09", false), shown("2022-04-12", false)}, d("2021-01-18")},
		{"one date shown twice is a date line", d("2021-01-10"), time.Time{}, []shownDate{shown("2023-07-07", false), shown("2023-07-07", false)}, d("2023-07-07")},
		{"an update beside the shown date is no list", d("2021-01-10"), time.Time{}, []shownDate{shown("2023-07-07", false), shown("2024-02-01", true)}, d("2023-07-07")},
		{"a list without a declared date gives its first", time.Time{}, time.Time{}, []shownDate{shown("2021-08-09", false), shown("2022-04-12", false)}, d("2021-08-09")},
		{"teasers above the headline give way to the date below it", time.Time{}, time.Time{}, []shownDate{above("2025-12-17"), above("2025-12-16"), shown("2017-03-01", false)}, d("2017-03-01")},
		{"one date above the headline is its date line", time.Time{}, time.Time{}, []shownDate{above("2025-12-17"), shown("2017-03-01", false)}, d("2025-12-17")},
		{"teasers with nothing below give their first", time.Time{}, time.Time{}, []shownDate{above("2025-12-17"), above("2025-12-16")}, d("2025-12-17")},
		{"declared date shown beats a posted teaser", d("2025-08-21"), time.Time{}, []shownDate{shown("2025-08-21", false), published("2019-03-01")}, d("2025-08-21")},
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
	doc := parseHTML(t, page)
	h := headerText(doc, "The headline")
	if !strings.Contains(h, "The headline By Ann, March 5, 2024") {
		t.Errorf("header lacks the byline line: %q", h)
	}
	for _, far := range []string{"December 1, 2020", "June 1, 2019"} {
		if strings.Contains(h, far) {
			t.Errorf("header reaches %q, which is far from the headline: %q", far, h)
		}
	}
	// The window counts visible characters: indentation does not use it up.
	indented := `<html><body><h1>Garden guide</h1>` + strings.Repeat("<div>\n\t\t\t\t\t\t\t\t\t\t</div>", 80) + `<p>By Cat, Editor, December 17, 2025</p></body></html>`
	idoc := parseHTML(t, indented)
	if h := headerText(idoc, "Garden guide"); !strings.Contains(h, "December 17, 2025") {
		t.Errorf("indentation used up the header window: %q", h)
	}
	if got := headerText(doc, "No such title"); !strings.Contains(got, "Site The headline By Ann") {
		t.Errorf("without the title, the first <h1> anchors the header: %q", got)
	}
	if got := headerText(doc, ""); got == "" {
		t.Error("a page with an <h1> has a header")
	}
	empty := parseHTML(t, "<p>no headings</p>")
	if got := headerText(empty, "Missing"); got != "" {
		t.Errorf("no headline: want empty header, got %q", got)
	}
}

func TestPlaceDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page string
		want       []bool // above the headline, per date shown
	}{
		{"teasers above, date line below", `<html><body><ul><li>Board news 12/17/2025</li><li>Exams 12/16/2025</li></ul><h1>Headline</h1><p>March 1, 2017 by Ann</p></body></html>`, []bool{true, true, false}},
		{"date line right after the headline", `<html><body><h1>Headline</h1><p>March 1, 2017</p></body></html>`, []bool{false}},
		{"kicker date right before the headline", `<html><body><p>News, March 1, 2017</p><h1>Headline</h1></body></html>`, []bool{true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			window, headline := headerWindow(parseHTML(t, tc.page), "Headline")
			if !strings.HasPrefix(window[headline:], "Headline") {
				t.Fatalf("headline offset %d does not point at the headline in %q", headline, window)
			}
			shown := parseVisibleDates(window)
			placeDates(shown, headline)
			var got []bool
			for _, s := range shown {
				got = append(got, s.above)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("dates above the headline (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHeaderTextTimeElement(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, time string
		want       []string // as in TestParseVisibleDates
	}{
		{"datetime settles a numeric date month first", `<time datetime="2023-10-12T19:38:01Z">10/12/2023 7:38 PM</time>`, []string{"2023-10-12"}},
		{"datetime settles a numeric date day first", `<time datetime="2023-12-10">10/12/2023</time>`, []string{"2023-12-10"}},
		{"datetime agreeing with neither reading is ignored", `<time datetime="2024-01-05">10/12/2023</time>`, []string{"?2023-10-12|2023-12-10"}},
		{"a written date is read as written", `<time datetime="2024-12-20">August 28, 2024</time>`, []string{"2024-08-28"}},
		{"an unparseable datetime is ignored", `<time datetime="soon">3/4/2025</time>`, []string{"?2025-03-04|2025-04-03"}},
		{"a label outside the element still applies", `Updated <time datetime="2025-04-03">4/3/2025</time>`, []string{"u:2025-04-03"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, `<html><body><h1>Headline</h1><p>`+tc.time+`</p></body></html>`)
			var got []string
			for _, d := range parseVisibleDates(headerText(doc, "Headline")) {
				s := d.t.Format("2006-01-02")
				switch {
				case d.ambiguous():
					s = "?" + s + "|" + d.alt.Format("2006-01-02")
				case d.updated:
					s = "u:" + s
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("dates shown (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChooseDate(t *testing.T) {
	t.Parallel()
	ld := func(pub, mod string) string {
		return `<script type="application/ld+json">{"@type":"Article","datePublished":"` + pub + `","dateModified":"` + mod + `"}</script>`
	}
	tests := []struct {
		name, page, want string
	}{
		{
			name: "declared publication equal to modification yields to <time pubdate>",
			page: `<html><head>` + ld("2025-11-29T12:28:31-05:00", "2025-11-29T12:28:31-05:00") + `</head><body><p>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></p></body></html>`,
			want: "2025-08-13",
		},
		{
			name: "declared publication distinct from modification is kept",
			page: `<html><head>` + ld("2025-03-01T10:00:00Z", "2025-11-29T12:28:31Z") + `</head><body><time pubdate datetime="2025-08-13">August 13, 2025</time></body></html>`,
			want: "2025-03-01",
		},
		{
			name: "equal stamps without a <time> are kept",
			page: `<html><head>` + ld("2025-11-29T12:28:31Z", "2025-11-29T12:28:31Z") + `</head><body></body></html>`,
			want: "2025-11-29",
		},
		{
			name: "plain published meta tag",
			page: `<html><head><meta name="published" content="July 17, 2025"></head><body></body></html>`,
			want: "2025-07-17",
		},
		{
			name: "citation date written year first with a month abbreviation",
			page: `<html><head><meta name="citation_publication_date" content="2023 Jan 7"></head><body></body></html>`,
			want: "2023-01-07",
		},
		{
			name: "citation date written year first with a month name",
			page: `<html><head><meta name="citation_publication_date" content="2024 June 30"></head><body></body></html>`,
			want: "2024-06-30",
		},
		{
			name: "bare pubdate attribute marks the time",
			page: `<html><body><time pubdate datetime="2024-02-03">Feb 3</time></body></html>`,
			want: "2024-02-03",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, tt.page)
			got := collectMeta(doc).chooseDate()
			if diff := cmp.Diff(tt.want, got.Format("2006-01-02")); diff != "" {
				t.Errorf("chooseDate() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLastResortDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page, want string
	}{
		{"a labelled date anywhere in the page", `<html><body><h1>Webcams</h1><p>Views of the falls.</p><p>Last updated: November 13, 2025</p></body></html>`, "2025-11-13"},
		{"a site footer's date is not the page's", `<html><body><h1>Webcams</h1><p>Views.</p><footer><p>Site Last Updated: December 20, 2025</p></footer></body></html>`, ""},
		{"an unlabelled date far down is not the page's", `<html><body><h1>Webcams</h1><p>Closed on November 13, 2025.</p></body></html>`, ""},
		{"a month and year beside the headline", `<html><body><h1>Headline</h1><p>Pulse! November 2015</p></body></html>`, "2015-11-01"},
		{"a labelled date outranks a month and year", `<html><body><h1>Headline</h1><p>Pulse! November 2015</p><p>Posted on March 3, 2016</p></body></html>`, "2016-03-03"},
		{"nothing to go on", `<html><body><h1>Headline</h1><p>Text.</p></body></html>`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, tc.page)
			header, _ := headerWindow(doc, "Headline")
			got := ""
			if d := lastResortDate(textOutsideFooters(doc), header); !d.IsZero() {
				got = d.Format("2006-01-02")
			}
			if got != tc.want {
				t.Errorf("lastResortDate = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPublishedLineDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, want string
	}{
		{"a date line with its update", "Interview by Sylvia Bishop December 3, 2025. Updated: December 7, 2025 Five Books aims", "2025-12-03"},
		{"in brackets", "Jan 5, 2024 (updated Feb 1, 2024)", "2024-01-05"},
		{"an update alone", "Updated: December 7, 2025", ""},
		{"a date alone", "December 3, 2025. Five Books", ""},
		{"update first", "Updated Aug 21, 2025 Published Apr 26, 2023", ""},
		{"too far apart", "December 3, 2025. The prize went to a novel about whales. Updated: December 7, 2025", ""},
		{"an ambiguous date", "3/4/2025 updated 3/9/2025", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := ""
			if d, ok := publishedLineDate(tc.text); ok {
				got = d.Format("2006-01-02")
			}
			if got != tc.want {
				t.Errorf("publishedLineDate(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestExtractDateLineBelowArticle(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("<p>The prize went to a novel about a lighthouse keeper and the sea, and the judges praised its patience.</p>", 6)
	tests := []struct {
		name, page, want string
	}{
		{
			"a date line with its update, only the update declared",
			`<html><head><meta property="article:modified_time" content="2025-12-07T13:33:15+00:00"></head><body><h1>Award-Winning Novels</h1>` +
				body + `<p class="date">December 3, 2025. <i>Updated: December 7, 2025</i></p></body></html>`,
			"2025-12-03",
		},
		{
			"a declared publication date is kept",
			`<html><head><meta property="article:published_time" content="2025-11-30T10:00:00+00:00"></head><body><h1>Award-Winning Novels</h1>` +
				body + `<p class="date">December 3, 2025. <i>Updated: December 7, 2025</i></p></body></html>`,
			"2025-11-30",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := Extract([]byte(tc.page), "https://example.com/a")
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if got := res.Published.Format("2006-01-02"); got != tc.want {
				t.Errorf("Published = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestOriginallyPublished(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, want string
	}{
		{"padded by the template", "This article was originally published on            26 Sep 2019 at 4:12pm            but has been regularly updated", "2019-09-26"},
		{"an ordinal date", "This blog post was originally published on the 21st of June 2017 and updated on the 18th of July 2025.", "2017-06-21"},
		{"the phrase twice", "Originally published in print. This page was originally published on Wednesday, March 2, 2022.", "2022-03-02"},
		{"a date too far on", "It was originally published in a small journal that closed its doors long before the web, and reprinted on March 2, 2022.", ""},
		{"no phrase", "Published on March 2, 2022.", ""},
		{"an ambiguous date", "Originally published 3/4/2019.", ""},
		// "Ⱥ" lower-cases to a longer letter: offsets must stay the text's.
		{"letters that change length in lower case", strings.Repeat("Ⱥ", 30) + " originally published on 3 May 2021", "2021-05-03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := ""
			if d, ok := originallyPublished(tc.text); ok {
				got = d.Format("2006-01-02")
			}
			if got != tc.want {
				t.Errorf("originallyPublished(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestExtractOriginallyPublished(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("<p>Tiny homes look like fun on television, but there are a few things to weigh before taking the plunge.</p>", 6)
	note := `<p class="disclaimer">This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</p>`
	tests := []struct {
		name, page, want string
	}{
		{
			"a shown date later than the stated first publication",
			`<html><body><h1>Living in a tiny home</h1><p>Chris Carroll 30 Sep 2022, 11:07am</p>` + body + note + `</body></html>`,
			"2019-09-26",
		},
		{
			"a declared date is kept",
			`<html><head><meta property="article:published_time" content="2022-09-30T11:07:00+10:00"></head><body><h1>Living in a tiny home</h1><p>Chris Carroll 30 Sep 2022, 11:07am</p>` + body + note + `</body></html>`,
			"2022-09-30",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := Extract([]byte(tc.page), "https://example.com/a")
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if got := res.Published.Format("2006-01-02"); got != tc.want {
				t.Errorf("Published = %s, want %s", got, tc.want)
			}
		})
	}
}
