package web

import (
	"context"
	"os"
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
	importThroughForm(t, ctx, ts.URL, file)
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

// TestBrowserImportResultNarrow imports, at 375 px, a list whose feeds'
// URLs are long (one added, one skipped) and checks that the page of what
// was added and skipped does not scroll sideways: its URLs did not wrap,
// so this list's ran to 609 px, past the window's edge, the page 614 px wide.
func TestBrowserImportResultNarrow(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	// No hyphen: a slash is no line break opportunity.
	long := "https://feeds.example/newsroom/sections/regional/latestheadlines/feed.xml"
	opml := `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
<outline text="A feed with a long address" type="rss" xmlUrl="` + long + `"/>
<outline text="The same again" type="rss" xmlUrl="` + long + `"/>
</body></opml>`
	file := filepath.Join(t.TempDir(), "long.opml")
	if err := os.WriteFile(file, []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	importThroughForm(t, ctx, ts.URL, file, chromedp.EmulateViewport(375, 800))
	screenshot(ctx, t, "import-result-375.png")
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		if (document.documentElement.scrollWidth > innerWidth) out.push("page " + document.documentElement.scrollWidth + " px wide");
		for (const el of document.querySelectorAll(".import-list .url")) {
			const r = el.getBoundingClientRect();
			if (r.right > innerWidth) out.push(el.textContent.slice(0, 30) + "… to " + Math.round(r.right) + " px");
		}
		return [document.querySelectorAll(".import-list .url").length + " URLs"].concat(out);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "2 URLs" {
		t.Errorf("at 375 px: %q, want 2 URLs, none past the window's edge", got)
	}
}

// importThroughForm uploads file with the sources page's import form, as a
// person would, after the steps given first (a viewport, say), and waits
// for the page of what was added and skipped.
func importThroughForm(t *testing.T, ctx context.Context, base, file string, first ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	steps := append(first,
		chromedp.Navigate(base+"/sources"),
		chromedp.Click(chromedp.CSS(`.import-sources summary`)),
		chromedp.WaitVisible(chromedp.CSS(`.import-sources input[name=opml]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`.import-sources input[name=opml]`), []string{file}),
		chromedp.SendKeys(chromedp.CSS(`.import-sources input[name=token]`), testToken),
		chromedp.Click(chromedp.CSS(`.import-sources button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`ul.import-list`)),
	)
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("import through the form: %v", err)
	}
}
