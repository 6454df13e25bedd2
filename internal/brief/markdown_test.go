package brief

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestMarkdownVoicesAndRelated renders a voices and a related section: a
// speaker quoted several times is one entry with each quote beneath, each
// with its own footnotes and outlet, and a speaker quoted once is named
// with the quote's outlet, as the story page names it; related stories link their pages when
// the options give a story URL, and stay plain text otherwise.
func TestMarkdownVoicesAndRelated(t *testing.T) {
	t.Parallel()
	arts := map[int64]news.Article{
		1: {ID: 1, Title: "One", URL: "https://one.example/a", Text: "We knocked on every door. We will stay."},
		2: {ID: 2, Title: "Two", URL: "https://two.example/b", Text: "The water came fast, he said."},
	}
	voices := news.Section{Kind: news.SectionVoices, Title: "Voices", Items: []news.Item{
		{Text: "We knocked on every door", Speaker: "Bram Oster", Role: "fire chief", Outlet: "One",
			Citations: []news.Citation{{ArticleID: 1, Start: 0, End: 24}},
			Quotes: []news.Item{{Text: "The water came fast", Speaker: "Bram Oster", Outlet: "Two",
				Citations: []news.Citation{{ArticleID: 2, Start: 0, End: 19}}}}},
		{Text: "We will stay", Speaker: "Ana Ruiz", Outlet: "One", Citations: []news.Citation{{ArticleID: 1, Start: 26, End: 38}}},
	}}
	related := news.Section{Kind: news.SectionRelated, Title: "Related stories", Items: []news.Item{
		{Text: "Dam [inquiry] opens", StoryID: 12},
	}}
	b := news.Briefing{Headline: "Flood", Sections: []news.Section{voices, related}}
	tests := []struct {
		name string
		opt  MarkdownOptions
		want string
	}{
		{"no site", MarkdownOptions{}, "- Dam \\[inquiry\\] opens\n"},
		{"site", MarkdownOptions{StoryURL: func(id int64) string { return "https://desk.example/stories/" + strconv.FormatInt(id, 10) }},
			"- [Dam \\[inquiry\\] opens](<https://desk.example/stories/12>)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := MarkdownWith(&buf, b, arts, tc.opt); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			wantVoices := "## Voices\n\n" +
				"- Bram Oster, fire chief:\n" +
				"  - “We knocked on every door”[^1] (One)\n" +
				"  - “The water came fast”[^2] (Two)\n" +
				"- “We will stay”[^3] — Ana Ruiz (One)\n"
			if !strings.Contains(got, wantVoices) {
				t.Errorf("voices: want\n%s\nin\n%s", wantVoices, got)
			}
			related := got[strings.Index(got, "## Related stories\n\n")+len("## Related stories\n\n"):]
			related = related[:strings.Index(related, "\n")+1]
			if diff := cmp.Diff(tc.want, related); diff != "" {
				t.Errorf("related (-want +got):\n%s", diff)
			}
			if !strings.Contains(got, "[^2]: Two, bytes 0–19, <https://two.example/b>\n") {
				t.Errorf("the further quote's footnote is missing:\n%s", got)
			}
		})
	}
}

// TestMarkdownURLsStayLinks checks that a hostile URL, which a feed item or
// a redirect controls, cannot end its autolink early and write Markdown of
// its own (a javascript: link, an image fetching a tracker): the
// characters an autolink may not hold are percent-escaped, and a URL that
// is not http(s) is left out.
func TestMarkdownURLsStayLinks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url  string
		want string // the footnote's end and the reference's
	}{
		{"https://one.example/a", "<https://one.example/a>"},
		{"https://evil.example/a?x=> [click](javascript:alert(1)) <", "<https://evil.example/a?x=%3E%20[click](javascript:alert(1))%20%3C>"},
		{"https://evil.example/a?x=>\n![t](https://track.example/p.gif)", "<https://evil.example/a?x=%3E%0A![t](https://track.example/p.gif)>"},
		{"javascript:alert(1)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			t.Parallel()
			arts := map[int64]news.Article{1: {ID: 1, Title: "One", URL: tt.url, Text: "We will stay."}}
			b := news.Briefing{Headline: "H", Sections: []news.Section{
				{Kind: news.SectionSummary, Title: "Summary", Items: []news.Item{{Text: "We will stay.", Citations: []news.Citation{{ArticleID: 1, Start: 0, End: 13}}}}},
				{Kind: news.SectionReferences, Title: "References", Items: []news.Item{{Text: "One", URL: tt.url}}},
			}}
			var buf bytes.Buffer
			if err := Markdown(&buf, b, arts); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			wantNote, wantRef := "[^1]: One, bytes 0–13\n", "1. “One”\n"
			if tt.want != "" {
				wantNote = "[^1]: One, bytes 0–13, " + tt.want + "\n"
				wantRef = "1. “One”. " + tt.want + "\n"
			}
			for _, want := range []string{wantNote, wantRef} {
				if !strings.Contains(got, want) {
					t.Errorf("want %q in\n%s", want, got)
				}
			}
		})
	}
}

// TestMarkdownCaptionsAsThePage checks that the export names, for each
// voice, what the story page's caption names (brief.VoiceCaption): the
// speaker and role it has, the role alone, only the outlet, or nothing;
// no words the page does not show ("speaker not identified"), and no
// bare dash.
func TestMarkdownCaptionsAsThePage(t *testing.T) {
	t.Parallel()
	arts := map[int64]news.Article{1: {ID: 1, Title: "One", Text: "We will stay. We will rebuild."}}
	cite := []news.Citation{{ArticleID: 1, Start: 0, End: 12}}
	tests := []struct {
		name string
		it   news.Item
		want string
	}{
		{"speaker and role", news.Item{Text: "We will stay", Speaker: "Ana Ruiz", Role: "the mayor", Outlet: "One", Citations: cite},
			"- “We will stay”[^1] — Ana Ruiz, the mayor (One)\n"},
		{"role only", news.Item{Text: "We will stay", Role: "a senior official", Outlet: "One", Citations: cite},
			"- “We will stay”[^1] — a senior official (One)\n"},
		{"outlet only", news.Item{Text: "We will stay", Outlet: "One", Citations: cite},
			"- “We will stay”[^1] — (One)\n"},
		{"nothing", news.Item{Text: "We will stay", Speaker: " ", Citations: cite},
			"- “We will stay”[^1]\n"},
		{"several quotes, no speaker", news.Item{Text: "We will stay", Outlet: "One", Citations: cite,
			Quotes: []news.Item{{Text: "We will rebuild", Outlet: "One", Citations: []news.Citation{{ArticleID: 1, Start: 14, End: 29}}}}},
			"- “We will stay”[^1] (One)\n- “We will rebuild”[^2] (One)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := news.Briefing{Headline: "Flood", Sections: []news.Section{{Kind: news.SectionVoices, Title: "Voices", Items: []news.Item{tc.it}}}}
			var buf bytes.Buffer
			if err := Markdown(&buf, b, arts); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			got = got[strings.Index(got, "## Voices\n\n")+len("## Voices\n\n"):]
			got = got[:strings.Index(got, "\n\n")+1]
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("voices (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMarkdownFactsNameTheirOutlet checks that a key fact names the outlet
// that stated it, as the story page does (brief.FactOutlet), and that a
// figure another source gives names its own.
func TestMarkdownFactsNameTheirOutlet(t *testing.T) {
	t.Parallel()
	arts := map[int64]news.Article{1: {ID: 1, Title: "One", Text: "Repairs cost €2.3 million."}, 2: {ID: 2, Title: "Two", Text: "Repairs cost €2.5 million."}}
	facts := news.Section{Kind: news.SectionFacts, Title: "Key facts", Items: []news.Item{
		{Text: "Repairs cost €2.3 million.", Outlet: "River Times", Figure: &news.Figure{Text: "€2.3 million"},
			Citations: []news.Citation{{ArticleID: 1, Start: 0, End: 26}},
			Variants: []news.Item{{Text: "Repairs cost €2.5 million.", Outlet: "Stadtblatt", Figure: &news.Figure{Text: "€2.5 million"},
				Citations: []news.Citation{{ArticleID: 2, Start: 0, End: 26}}}}},
		{Text: "The bridge is closed.", Citations: []news.Citation{{ArticleID: 1, Start: 0, End: 7}}},
	}}
	var buf bytes.Buffer
	if err := Markdown(&buf, news.Briefing{Headline: "Bridge", Sections: []news.Section{facts}}, arts); err != nil {
		t.Fatal(err)
	}
	want := "## Key facts\n\n" +
		"- **€2.3 million**: Repairs cost €2.3 million.[^1] (River Times)\n" +
		"  - Stadtblatt gives **€2.5 million**: Repairs cost €2.5 million.[^2]\n" +
		"- The bridge is closed.[^3]\n"
	if got := buf.String(); !strings.Contains(got, want) {
		t.Errorf("facts: want\n%s\nin\n%s", want, got)
	}
}
