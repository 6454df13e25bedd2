package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearch types into the masthead's search box on the front
// page, on the SQLite store's full-text index, and follows the result.
func TestBrowserSearch(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, sqliteFixture(t))

	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.search-form input[name="q"]`)),
		chromedp.SendKeys(chromedp.CSS(`.search-form input[name="q"]`), "ferry runs\n"),
		chromedp.WaitVisible(chromedp.CSS(`.search-results .story-title a`)),
	); err != nil {
		t.Fatalf("search from the front page: %v", err)
	}
	screenshot(ctx, t, "search.png")
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/search?q=ferry+runs") {
		t.Errorf("search went to %s", loc)
	}
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".search-results .story-title a").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Ferry service resumes" {
		t.Errorf("first result %q, want Ferry service resumes", title)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll(".snippet mark"), m => m.textContent).join(",")`))
	if err != nil {
		t.Fatal(err)
	}
	if marks != "ferry,runs" {
		t.Errorf("marked %q, want ferry,runs", marks)
	}
	// The results page shows one search box, its own, holding the words.
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('input[type="search"]'), i => i.value)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(boxes) != 1 || boxes[0] != "ferry runs" {
		t.Errorf("search boxes on the results page %q, want one holding ferry runs", boxes)
	}
	// The style sheet styles the form under the CSP.
	display, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".search-page-form")).display`))
	if err != nil {
		t.Fatal(err)
	}
	if display != "flex" {
		t.Errorf("search form display %q: style sheet not applied", display)
	}
}
