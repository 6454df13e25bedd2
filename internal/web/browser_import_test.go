package web

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserImportOPML imports testdata/import.opml through the sources
// page's form in Chromium, as a person would: the form is a plain
// multipart post (app.js leaves it alone), allowed by the CSP's
// form-action, and its answer is the page of what was added and skipped.
func TestBrowserImportOPML(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	st := sqliteFixture(t)
	ts := newTestServer(t, Config{APIToken: testToken}, st)
	file, err := filepath.Abs(filepath.Join("testdata", "import.opml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/sources"),
		chromedp.Click(chromedp.CSS(`.import-sources summary`)),
		chromedp.WaitVisible(chromedp.CSS(`.import-sources input[name=opml]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`.import-sources input[name=opml]`), []string{file}),
		chromedp.SendKeys(chromedp.CSS(`.import-sources input[name=token]`), testToken),
		chromedp.Click(chromedp.CSS(`.import-sources button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`ul.import-list`)),
	); err != nil {
		t.Fatalf("import through the form: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "2 feeds added, 4 outlines skipped.") {
		t.Errorf("result page says:\n%s", text)
	}
	srcs, err := st.Sources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 4 {
		t.Errorf("store has %d sources after the import, want 4", len(srcs))
	}
}

// TestBrowserImportFormOpens checks that opening the sources page's
// "Import OPML" form leaves the "Export as OPML" button where it was: the
// toolbar centred its items, so the form's height moved the button 62 px
// down at 1280 px, out from under the pointer that had just passed it.
func TestBrowserImportFormOpens(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	const top = `document.querySelector(".sources-toolbar a.button").getBoundingClientRect().top`
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/sources"),
		chromedp.WaitVisible(chromedp.CSS(`.import-sources summary`))); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	before, err := chromedp.Run(ctx, chromedp.Evaluate[float64](top))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.import-sources summary`)),
		chromedp.WaitVisible(chromedp.CSS(`.import-sources input[name=opml]`))); err != nil {
		t.Fatalf("open the import form: %v", err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[float64](top))
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("Export as OPML at %.0f px from the top with the import form open, %.0f px closed", after, before)
	}
	screenshot(ctx, t, "import-open.png")
}
