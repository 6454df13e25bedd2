package web

import (
	"encoding/xml"
	"html"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/news"
)

func FuzzHighlight(f *testing.F) {
	f.Add(textA, "0-10")
	f.Add(textA, "6-8")
	f.Add("東京", "1-3")
	f.Add("abc", "0-3")
	f.Add("abc", "+1-2")
	f.Add("", "0-0")
	f.Add("x", "99999999999-1")
	f.Fuzz(func(t *testing.T, text, hl string) {
		sp, ok := ParseHighlight(hl)
		if !ok {
			return
		}
		if again, ok := ParseHighlight(HighlightFormat(sp)); !ok || again != sp {
			t.Fatalf("%q parses to %v, which formats to something else", hl, sp)
		}
		h, ok := SplitHighlight(text, sp)
		if !ok {
			return
		}
		if h.Before+h.Mark+h.After != text {
			t.Fatalf("split loses bytes")
		}
		if h.Mark != sp.Of(text) || h.Mark == "" {
			t.Fatalf("marked %q, want %q", h.Mark, sp.Of(text))
		}
		if utf8.ValidString(text) && (!utf8.ValidString(h.Before) || !utf8.ValidString(h.Mark) || !utf8.ValidString(h.After)) {
			t.Fatalf("split cuts a character: %q|%q|%q", h.Before, h.Mark, h.After)
		}
	})
}

func FuzzParseSourceRequest(f *testing.F) {
	f.Add(`{"url": "https://a.example/feed.xml"}`)
	f.Add(`{"url": "http://a.example/x", "name": "A", "kind": "page", "lang": "pt-br", "category": "World"}`)
	f.Add(`{"url": "javascript:alert(1)"}`)
	f.Add(`{"url": "https://u:p@a.example/"}`)
	f.Add(`{"url": "https://[::1]:80/"}`)
	f.Add(`[]`)
	f.Add(`{"url": 5}`)
	f.Fuzz(func(t *testing.T, body string) {
		src, err := ParseSourceRequest(strings.NewReader(body))
		if err != nil {
			return
		}
		if !strings.HasPrefix(src.URL, "http://") && !strings.HasPrefix(src.URL, "https://") {
			t.Fatalf("accepted URL %q", src.URL)
		}
		if src.Kind != news.SourceFeed && src.Kind != news.SourcePage {
			t.Fatalf("accepted kind %q", src.Kind)
		}
		if !validText(src.Name, maxNameLen) || !validText(src.Category, maxCategoryLen) {
			t.Fatalf("accepted name %q category %q", src.Name, src.Category)
		}
		// Validation is idempotent: what it returns, it accepts again.
		again, err := SourceRequest{URL: src.URL, Name: src.Name, Kind: string(src.Kind), Lang: src.Lang, Category: src.Category}.Source()
		if err != nil {
			t.Fatalf("re-validating %+v: %v", src, err)
		}
		if again.URL != src.URL {
			t.Fatalf("URL %q became %q", src.URL, again.URL)
		}
	})
}

func FuzzAtomEntry(f *testing.F) {
	f.Add("Bridge <closed> & \"reopened\"", "Summary ]]> with CDATA end")
	f.Add("\x00\x01 control", "\uFFFE")
	f.Add("東京", "\xff\xfe invalid")
	f.Fuzz(func(t *testing.T, headline, summary string) {
		b := news.Briefing{StoryID: 1, Headline: headline, Sections: []news.Section{
			{Kind: news.SectionSummary, Items: []news.Item{{Text: summary}}},
		}}
		e := storyEntry("https://news.example.org", news.Story{ID: 1, Title: "t", LastUpdated: t0}, b)
		out, err := xml.Marshal(atomFeed{ID: "x", Title: "y", Updated: atomTime(t0), Entries: []atomEntry{e}})
		if err != nil {
			t.Fatal(err)
		}
		var back struct {
			Entries []struct {
				Title string `xml:"title"`
			} `xml:"entry"`
		}
		dec := xml.NewDecoder(strings.NewReader(string(out)))
		dec.Strict = true
		if err := dec.Decode(&back); err != nil {
			t.Fatalf("feed does not parse: %v\n%s", err, out)
		}
		if len(back.Entries) != 1 {
			t.Fatalf("%d entries", len(back.Entries))
		}
	})
}

// FuzzArticlePage renders arbitrary stored text with an arbitrary hl query
// and checks that the page shows exactly the cited bytes highlighted.
func FuzzArticlePage(f *testing.F) {
	f.Add(textA, "4-11")
	f.Add("<b>&amp;</b>\n\n東京", "0-3")
	f.Add("a\x00b", "0-3")
	f.Add("plain", "x")
	st := newMemStore()
	s, err := New(Config{}, st, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, hl string) {
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return // stored text is valid UTF-8; html/template shows NUL as U+FFFD
		}
		st.mu.Lock()
		st.articles[1] = news.Article{ID: 1, URL: "https://a.example/", Title: "T", Text: text, Extraction: news.ExtractFull}
		st.mu.Unlock()
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/articles/1?hl="+url.QueryEscape(hl), nil))
		if rec.Code != 200 {
			t.Fatalf("status %d", rec.Code)
		}
		page := rec.Body.String()
		sp, ok := ParseHighlight(hl)
		want := ""
		if ok {
			if h, ok := SplitHighlight(text, sp); ok {
				want = h.Mark
			}
		}
		_, rest, found := strings.Cut(page, `<mark id="hl">`)
		if found != (want != "") {
			t.Fatalf("mark shown = %v, want %v", found, want != "")
		}
		if found {
			inner, _, _ := strings.Cut(rest, "</mark>")
			if got := html.UnescapeString(inner); got != want {
				t.Fatalf("marked %q, want %q", got, want)
			}
		}
	})
}
