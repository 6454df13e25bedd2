package web

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserDarkFormControls checks that in a dark colour scheme the
// form controls the stylesheet leaves to the browser (the search box and
// its button, the import form's file and token fields, the edit forms'
// fields) are dark too. Without color-scheme the browser drew them white on
// the dark page: the dogfood round 5 screenshots of /sources.
func TestBrowserDarkFormControls(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, fixtureStore())
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatalf("emulate a dark colour scheme: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/sources"),
		chromedp.WaitVisible(chromedp.ID("source-1"))); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	light, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		for (const el of document.querySelectorAll("input:not([type=hidden]), button:not(.button), select, textarea")) {
			const m = getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g);
			if (!m) continue;
			const [r, g, b, a] = m.map(Number);
			if (a === 0) continue;
			if (0.2126*r + 0.7152*g + 0.0722*b > 128) out.push(el.outerHTML.slice(0, 80) + " " + getComputedStyle(el).backgroundColor);
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(light) > 0 {
		t.Errorf("light form controls on the dark page:\n%v", light)
	}
	screenshot(ctx, t, "sources-dark.png")
}

// TestBrowserDarkSearchMarks checks that in a dark colour scheme the
// words a search result's snippet marks are legible: the snippet's marks
// kept the light scheme's pale yellow under the dark scheme's light text,
// a contrast of 1.1 to 1 (WCAG asks 4.5). Every mark is measured, its text
// colour against its background.
func TestBrowserDarkSearchMarks(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, sqliteFixture(t))
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatalf("emulate a %s colour scheme: %v", scheme, err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/search?q=ferry+runs"),
			chromedp.WaitVisible(chromedp.CSS(".snippet mark"))); err != nil {
			t.Fatalf("open search results: %v", err)
		}
		ratios, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
			const rgb = s => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
			const lum = c => c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
				.reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
			return Array.from(document.querySelectorAll(".snippet mark"), m => {
				const [a, b] = [lum(rgb(getComputedStyle(m).color)), lum(rgb(getComputedStyle(m).backgroundColor))];
				return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			});
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(ratios) == 0 {
			t.Fatalf("%s: no marked words in the snippets", scheme)
		}
		for i, r := range ratios {
			if r < 4.5 {
				t.Errorf("%s: mark %d has a contrast of %.2f to 1, want at least 4.5", scheme, i, r)
			}
		}
		screenshot(ctx, t, "search-"+scheme+".png")
	}
}
