package web

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHostileTextStaysText puts markup that breaks out of an attribute
// ("…" onfocus=…), an element (<img onerror>) and a script into every
// field a feed or a page controls that the pages show as text or in an
// attribute (headline, the copy button's data-copy, byline, outlet, source
// name, reference URL), and reads each page as a browser would: no element
// gains an event handler, no script but the site's own, no javascript:
// link, and data-copy holds exactly the headline and the story's URL.
func TestHostileTextStaysText(t *testing.T) {
	t.Parallel()
	const breakout = `Bridge" autofocus onfocus="alert(1)" x="`
	st := fixtureStore()
	b := st.briefings[7]
	b.Headline = breakout + `'><img src=x onerror=alert(2)>`
	b.Sections[0].Items[0].Text = b.Headline
	b.Sections[0].Items[0].Outlet = `River"><script>alert(3)</script>`
	refs := &b.Sections[len(b.Sections)-1]
	refs.Items[0].URL = `https://rivertimes.example/a?x="><script>alert(4)</script>`
	st.briefings[7] = b
	a := st.articles[2]
	a.Byline = `<img src=x onerror=alert(5)>" onmouseover="alert(6)`
	st.articles[2] = a
	src := st.sources[1]
	src.Name = `Stadtblatt"><svg onload=alert(7)>`
	st.sources[1] = src
	ts := newTestServer(t, Config{}, st)
	for _, path := range []string{"/", "/stories/7", "/articles/2", "/sources", "/threads/5"} {
		r := do(t, "GET", ts.URL+path, nil, "")
		if r.status != 200 {
			t.Errorf("%s: status %d", path, r.status)
			continue
		}
		z := html.NewTokenizer(strings.NewReader(r.body))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if z.Err() != io.EOF {
					t.Errorf("%s: %v", path, z.Err())
				}
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script":
				if len(tok.Attr) != 2 || tok.Attr[0].Val != "/static/app.js" {
					t.Errorf("%s: script %v", path, tok)
				}
			case "img", "svg", "iframe", "object", "embed":
				t.Errorf("%s: <%s> from stored text: %v", path, tok.Data, tok)
			}
			for _, at := range tok.Attr {
				switch {
				case strings.HasPrefix(at.Key, "on") || at.Key == "autofocus":
					t.Errorf("%s: <%s %s=%q> from stored text", path, tok.Data, at.Key, at.Val)
				case (at.Key == "href" || at.Key == "src" || at.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(at.Val)), "javascript:"):
					t.Errorf("%s: <%s %s=%q>", path, tok.Data, at.Key, at.Val)
				case at.Key == "data-copy":
					if want := b.Headline + " — " + ts.URL + "/stories/7"; at.Val != want {
						t.Errorf("%s: data-copy %q, want %q", path, at.Val, want)
					}
				}
			}
		}
	}
}
