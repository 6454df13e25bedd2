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
