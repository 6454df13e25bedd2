package web

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// groupedVoiceStore is the fixture with story 7's voices one speaker quoted
// by two outlets: one voice, the second quote among its Quotes.
func groupedVoiceStore() *memStore {
	m := fixtureStore()
	b := m.briefings[7]
	for i, s := range b.Sections {
		if s.Kind != news.SectionVoices {
			continue
		}
		b.Sections[i].Items = []news.Item{{
			Text: "Wir prüfen jede Schraube", Speaker: "Jana Groß", Role: "Bürgermeisterin", Outlet: "Stadtblatt",
			Citations: []news.Citation{cite(1, textA, "Wir prüfen jede Schraube")},
			Quotes: []news.Item{{Text: "We check every bolt", Speaker: "Jana Gross", Role: "Mayor", Outlet: "River Times",
				Citations: []news.Citation{cite(2, textB, "We check every bolt")}}},
		}}
	}
	m.briefings[7] = b
	return m
}

// TestVoiceQuotesTogether wants a speaker quoted several times shown once,
// their quotes together, each with its own citation marker and outlet, on
// the story page and the standalone page alike, and the JSON API to carry
// the further quotes with their citations.
func TestVoiceQuotesTogether(t *testing.T) {
	t.Parallel()
	st := groupedVoiceStore()
	ts := newTestServer(t, Config{}, st)
	var standalone bytes.Buffer
	if err := RenderBriefingPage(&standalone, st.briefings[7], st.articles); err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)<section class="section section-voices".*?</section>`)
	pages := map[string]string{
		"story page": do(t, "GET", ts.URL+"/stories/7", nil, "").body,
		"standalone": standalone.String(),
	}
	for name, page := range pages {
		voices := section.FindString(page)
		if voices == "" {
			t.Fatalf("%s: no voices section", name)
		}
		counts := map[string]int{
			`<figure class="voice">`:     strings.Count(voices, `<figure class="voice">`),
			`<blockquote`:                strings.Count(voices, `<blockquote`),
			`<figcaption>`:               strings.Count(voices, `<figcaption>`),
			`class="cite"`:               strings.Count(voices, `class="cite"`),
			`<strong>Jana Groß</strong>`: strings.Count(voices, `<strong>Jana Groß</strong>`),
		}
		want := map[string]int{`<figure class="voice">`: 1, `<blockquote`: 2, `<figcaption>`: 1, `class="cite"`: 2, `<strong>Jana Groß</strong>`: 1}
		if diff := cmp.Diff(want, counts); diff != "" {
			t.Errorf("%s: voices section counts (-want +got):\n%s\n%s", name, diff, voices)
		}
		for _, s := range []string{`<span class="via">· Stadtblatt</span>`, `<span class="via">· River Times</span>`, `lang="en"`, `lang="de"`} {
			if !strings.Contains(voices, s) {
				t.Errorf("%s: voices section lacks %q:\n%s", name, s, voices)
			}
		}
	}

	var got struct {
		Sections []news.Section `json:"sections"`
	}
	if err := json.Unmarshal([]byte(do(t, "GET", ts.URL+"/api/stories/7", nil, "").body), &got); err != nil {
		t.Fatal(err)
	}
	for _, s := range got.Sections {
		if s.Kind != news.SectionVoices {
			continue
		}
		if len(s.Items) != 1 || len(s.Items[0].Quotes) != 1 || len(s.Items[0].Quotes[0].Citations) != 1 {
			t.Errorf("API voices = %+v, want one voice with one further quote, cited", s.Items)
		}
	}
}

// TestVoiceCaptionsAsTheExport wants the page's voice captions to name
// what the Markdown export names (brief.VoiceCaption): no caption for a
// voice with no speaker, role or outlet, nor for several quotes with no
// speaker (each names its outlet), and the role alone where there is no
// name; and a key fact to name its outlet (brief.FactOutlet).
func TestVoiceCaptionsAsTheExport(t *testing.T) {
	t.Parallel()
	arts := map[int64]news.Article{1: {ID: 1, Title: "One", Text: "We will stay. We will rebuild."}}
	c := []news.Citation{{ArticleID: 1, Start: 0, End: 12}}
	b := news.Briefing{Headline: "Flood", Sections: []news.Section{
		{Kind: news.SectionVoices, Title: "Voices", Items: []news.Item{
			{Text: "We will stay", Speaker: " ", Citations: c},
			{Text: "We will stay", Outlet: "One", Citations: c,
				Quotes: []news.Item{{Text: "We will rebuild", Outlet: "One", Citations: []news.Citation{{ArticleID: 1, Start: 14, End: 29}}}}},
			{Text: "We will stay", Role: "a senior official", Citations: c},
		}},
		{Kind: news.SectionFacts, Title: "Key facts", Items: []news.Item{{Text: "We will stay.", Outlet: " River Times ", Citations: c}}},
	}}
	var buf bytes.Buffer
	if err := RenderBriefingPage(&buf, b, arts); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	voices := regexp.MustCompile(`(?s)<section class="section section-voices".*?</section>`).FindString(page)
	want := []string{`<figcaption><span class="role">a senior official</span></figcaption>`}
	got := regexp.MustCompile(`<figcaption>.*?</figcaption>`).FindAllString(voices, -1)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("captions (-want +got):\n%s\n%s", diff, voices)
	}
	if !strings.Contains(page, `<span class="outlet">(River Times)</span>`) {
		t.Errorf("the key fact names no outlet:\n%s", page)
	}
}
