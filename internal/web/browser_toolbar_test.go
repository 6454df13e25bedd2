package web

import (
	"math"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserToolbarButtons checks that the story page's two toolbar
// buttons, a link (Markdown) and a button (copy title and URL), are drawn
// the same height: the link took the page's line height and the button
// the browser's, so the link stood taller beside it (dogfood round 6).
func TestBrowserToolbarButtons(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, fixtureStore())
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/stories/7"),
		chromedp.WaitVisible(chromedp.ID("copy-link"))); err != nil {
		t.Fatalf("open story page: %v", err)
	}
	heights, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[
		document.querySelector(".toolbar a.button").getBoundingClientRect().height,
		document.getElementById("copy-link").getBoundingClientRect().height,
	]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(heights) != 2 || math.Abs(heights[0]-heights[1]) > 0.5 {
		t.Errorf("toolbar heights (Markdown link, copy button) = %v, want equal", heights)
	}
}
