package web

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// chromiumPath is Debian's Chromium, which `make tools` installs.
const chromiumPath = "/usr/bin/chromium"

// newBrowser starts headless Chromium for one test, or skips the test when
// Chromium is missing outside CI.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath
	if _, err := os.Stat(path); err != nil {
		p, lookErr := exec.LookPath("chromium")
		if lookErr != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("chromium not found at %s or on PATH; CI must have it", chromiumPath)
			}
			t.Skipf("chromium not found at %s: %v", chromiumPath, err)
		}
		path = p
	}
	// The whole browser session is bounded; the allocator's context must
	// carry the deadline so a hung browser is killed too.
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1100, 900),
	)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	return bctx
}

func TestBrowserCopyAndHighlight(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	st := fixtureStore()
	ts := newTestServer(t, Config{}, st)

	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted,
			Origin:     ts.URL,
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}

	storyURL := ts.URL + "/stories/7"
	if err := chromedp.Do(ctx,
		chromedp.Navigate(storyURL),
		chromedp.WaitVisible(chromedp.ID("copy-link")),
	); err != nil {
		t.Fatalf("open story page: %v", err)
	}
	screenshot(ctx, t, "story.png")

	// The style sheet loaded under the CSP.
	font, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".headline")).fontFamily`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(font, "Georgia") {
		t.Errorf("headline font %q: style sheet not applied", font)
	}

	status := clickCopy(t, ctx)
	if status != "Copied" {
		t.Errorf("confirmation %q, want Copied", status)
	}
	clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read clipboard: %v", err)
	}
	if want := fixtureBriefing().Headline + " — " + storyURL; clip != want {
		t.Errorf("clipboard %q, want %q", clip, want)
	}

	// The voice's citation marker opens the article with exactly the quote
	// highlighted.
	quote := "Wir prüfen jede Schraube"
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#voices a.cite`)),
		chromedp.WaitVisible(chromedp.ID("hl")),
	); err != nil {
		t.Fatalf("follow citation: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/articles/1?hl=") || !strings.HasSuffix(loc, "#hl") {
		t.Errorf("citation led to %s", loc)
	}
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("hl").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if marked != quote {
		t.Errorf("highlighted %q, want %q", marked, quote)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("mark").length`))
	if err != nil {
		t.Fatal(err)
	}
	if marks != 1 {
		t.Errorf("%d marks on the page, want 1", marks)
	}
	screenshot(ctx, t, "article.png")

	// With NEWSDESK_SCREENSHOT_DIR set, also capture the other pages to
	// review the design.
	if os.Getenv("NEWSDESK_SCREENSHOT_DIR") != "" {
		for _, p := range []string{"/", "/sources", "/stories/8"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p), chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
				t.Fatal(err)
			}
			screenshot(ctx, t, "page"+strings.ReplaceAll(p, "/", "_")+".png")
		}
	}
}

// screenshot saves the full page as name, in NEWSDESK_SCREENSHOT_DIR if
// set, else in a temporary directory.
func screenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := os.Getenv("NEWSDESK_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	out := filepath.Join(dir, name)
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
}

// TestBrowserMarksStayTogether checks, at every width from a phone's to a
// desktop's, that a passage's citation markers ([1a][1b]) share one line:
// the browser may break between "]" and "[", which left a quote's later
// markers alone at the start of the next line.
func TestBrowserMarksStayTogether(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, fixtureStore())
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/stories/7"), chromedp.WaitVisible(chromedp.ID("copy-link"))); err != nil {
		t.Fatalf("open story page: %v", err)
	}
	// Each pair of adjacent markers, and whether the second starts lower
	// than the first.
	const split = `(() => {
		const out = [];
		for (const a of document.querySelectorAll("a.cite")) {
			const b = a.nextElementSibling;
			if (!b || !b.matches("a.cite") || a.nextSibling !== b) continue;
			if (b.getBoundingClientRect().top > a.getBoundingClientRect().top + 2) out.push(a.textContent + b.textContent);
		}
		return [document.querySelectorAll("a.cite + a.cite").length, out];
	})()`
	pairs := 0
	for w := int64(300); w <= 1100; w += 4 {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatalf("width %d: %v", w, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](split))
		if err != nil {
			t.Fatalf("width %d: %v", w, err)
		}
		n, _ := got[0].(float64)
		pairs = int(n)
		if broken, _ := got[1].([]any); len(broken) > 0 {
			t.Errorf("at %d px the markers %v are split across lines", w, broken)
		}
	}
	if pairs == 0 {
		t.Fatal("the fixture story has no adjacent markers to check")
	}
}

// TestBrowserSourcesNarrow checks the sources page on a phone: every
// column of every source is on screen, none behind a sideways scroll.
func TestBrowserSourcesNarrow(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, fixtureStore())
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 900), chromedp.Navigate(ts.URL+"/sources"),
		chromedp.WaitVisible(chromedp.ID("source-1"))); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	off, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		for (const s of document.querySelectorAll(".table-scroll")) {
			if (s.scrollWidth > s.clientWidth + 1) out.push("table scrolls sideways by " + (s.scrollWidth - s.clientWidth) + " px");
		}
		for (const td of document.querySelectorAll("table.sources td")) {
			const r = td.getBoundingClientRect();
			if (r.right > window.innerWidth + 1) out.push((td.dataset.label || "first cell") + " ends at " + Math.round(r.right) + " px");
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(off) > 0 {
		t.Errorf("at 390 px: %v", off)
	}
	screenshot(ctx, t, "sources-narrow.png")
}

// TestBrowserSourcesWide checks the sources page at 1280 px with a long
// last error, as a failed fetch's often is (a URL, a resolver's address
// and the cause): the error's column took most of the table and squeezed
// the others, the source's name and URL to a few letters a line. The
// error's column is capped and the full text kept in its title.
func TestBrowserSourcesWide(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ms := fixtureStore()
	long := `fetch "https://rivertimes.example/rss": Get "https://rivertimes.example/rss": dial tcp: lookup rivertimes.example on 127.0.0.53:53: ` +
		strings.Repeat("server misbehaving, and the retry after it failed the same way; ", 6) + "giving up"
	src := ms.sources[2]
	src.LastError = long
	ms.sources[2] = src
	ts := newTestServer(t, Config{}, ms)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/sources"),
		chromedp.WaitVisible(chromedp.ID("source-2"))); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	type col struct {
		Label string
		Width float64
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Table float64
		Cols  []col
		Title string
	}](`(() => {
		const table = document.querySelector("table.sources");
		const cols = [...table.querySelectorAll("thead th")].map(th => ({label: th.textContent, width: th.getBoundingClientRect().width}));
		const err = document.querySelector("#source-2 td[data-label='Last error'] .last-error-text");
		return {table: table.getBoundingClientRect().width, cols: cols, title: err ? err.textContent : ""};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("table %.0f px, columns %+v", got.Table, got.Cols)
	if len(got.Cols) != 7 {
		t.Fatalf("sources table has %d columns, want 7: %+v", len(got.Cols), got.Cols)
	}
	for _, c := range got.Cols {
		switch {
		case c.Label == "Last error" && c.Width > 0.3*got.Table:
			t.Errorf("at 1280 px the last error's column is %.0f px of the table's %.0f, want at most 30%%", c.Width, got.Table)
		case c.Label == "Source" && c.Width < 0.2*got.Table:
			t.Errorf("at 1280 px the source's column is %.0f px of the table's %.0f, want at least 20%%", c.Width, got.Table)
		}
	}
	if got.Title != long {
		t.Errorf("last error's text %q, want the whole error %q (TestBrowserLastErrorWhole opens it)", got.Title, long)
	}
	screenshot(ctx, t, "sources-wide.png")
}

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

// TestBrowserCopyFailsNarrow checks that on a phone a failed copy's
// message does not squeeze the story page's toolbar: the message shared
// the buttons' line, so at 375 px "Copy title and URL" was broken onto
// four lines, the button four times its height, to make room for "Could
// not copy; select the address bar instead". The copy is made to fail as
// it does where the page has neither the clipboard API nor execCommand.
func TestBrowserCopyFailsNarrow(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, fixtureStore())
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(ts.URL+"/stories/7"),
		chromedp.WaitVisible(chromedp.ID("copy-link"))); err != nil {
		t.Fatalf("open story page: %v", err)
	}
	const heights = `[".toolbar a.button", "#copy-link"].map(s => document.querySelector(s).getBoundingClientRect().height)`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](heights))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		Object.defineProperty(navigator, "clipboard", {value: undefined});
		document.execCommand = () => false;
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	status := clickCopy(t, ctx)
	if !strings.HasPrefix(status, "Could not copy") {
		t.Fatalf("message %q, want the failure's", status)
	}
	screenshot(ctx, t, "copy-failed-375.png")
	after, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](heights))
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Markdown link", "copy button"} {
		if math.Abs(after[i]-before[i]) > 0.5 {
			t.Errorf("%s %.0f px high after the failed copy, %.0f before", name, after[i], before[i])
		}
	}
	scroll, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if scroll > 375 {
		t.Errorf("page %d px wide at 375 px: it scrolls sideways", scroll)
	}
}

// TestBrowserCopyNeedsScript checks that the story page shows its "Copy
// title and URL" button only where app.js runs, the script that makes it
// copy: with script off (or app.js not loaded) the button was shown, and
// a click did nothing. Markdown, a plain link, is shown either way.
func TestBrowserCopyNeedsScript(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, Config{}, fixtureStore())
	for _, script := range []bool{true, false} {
		ctx := newBrowser(t)
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatalf("open a tab: %v", err)
		}
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !script}); err != nil {
			t.Fatalf("turn script off: %v", err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/stories/7"), chromedp.WaitVisible(chromedp.CSS(".toolbar a.button"))); err != nil {
			t.Fatalf("open story page: %v", err)
		}
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("copy-link").getBoundingClientRect().width > 0`))
		if err != nil {
			t.Fatal(err)
		}
		if shown != script {
			t.Errorf("with script %v, the copy button is shown: %v", script, shown)
		}
	}
}

// TestBrowserSourcesLongURL checks the sources page, at 375 and 1280 px,
// with a page source whose page could not be read and whose URL holds no
// break opportunity for 60 characters (a slash is none): the "Articles
// not read in full" table showed the untitled article's link (its URL)
// and the reason quoting it cut at the edge, the rest only by scrolling
// the table sideways (201 px on a phone, 282 px at 1280).
func TestBrowserSourcesLongURL(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	st := fixtureStore()
	long := "https://gone.example/newsroom/sections/regional/latestheadlines/article.html"
	st.sources[3] = news.Source{ID: 3, Kind: news.SourcePage, URL: long, Status: news.StatusError, CreatedAt: t0,
		LastError: "page could not be fetched: GET " + long + ": HTTP 404 Not Found"}
	st.articles[4] = news.Article{ID: 4, SourceID: 3, URL: long, FetchedAt: t0,
		Extraction: news.ExtractFailed, ExtractionReason: "page could not be fetched: GET " + long + ": HTTP 404 Not Found"}
	ts := newTestServer(t, Config{}, st)
	for _, width := range []int64{375, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(ts.URL+"/sources"),
			chromedp.WaitVisible(chromedp.ID("source-3"))); err != nil {
			t.Fatalf("open sources page: %v", err)
		}
		screenshot(ctx, t, fmt.Sprintf("sources-long-url-%d.png", width))
		off, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
			const out = [];
			for (const s of document.querySelectorAll(".table-scroll")) {
				if (s.scrollWidth > s.clientWidth + 1) out.push("table scrolls sideways by " + (s.scrollWidth - s.clientWidth) + " px");
				const edge = s.getBoundingClientRect().right;
				for (const el of s.querySelectorAll("td, td *")) {
					const r = el.getBoundingClientRect();
					if (r.width > 0 && r.right > edge + 1) out.push(el.tagName + " " + el.textContent.slice(0, 30) + "… ends at " + Math.round(r.right) + " px, past " + Math.round(edge));
				}
			}
			return out;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(off) > 0 {
			t.Errorf("at %d px:\n%s", width, strings.Join(off, "\n"))
		}
	}
}

// clickCopy clicks the story page's copy button and returns the message
// the page then shows beside it, waiting for it to be set.
func clickCopy(t *testing.T, ctx context.Context) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("copy-link"))); err != nil {
		t.Fatalf("click copy: %v", err)
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise((resolve) => {
		const el = document.getElementById("copy-status");
		const check = () => el.textContent ? resolve(el.textContent) : setTimeout(check, 20);
		check();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the copy message: %v", err)
	}
	return status
}
