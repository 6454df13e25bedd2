package web

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestBrowserSkipLink checks that a keyboard user reaches a page's content
// without tabbing through the masthead on every page: the first Tab
// shows a "Skip to content" link, and following it, the next Tab is in the
// page's main content. Without it, the story page's first control of its
// own ("← All stories") was the seventh Tab, after the brand, three
// navigation links, the search box and its button.
func TestBrowserSkipLink(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, fixtureStore())
	for _, path := range []string{"/stories/7", "/sources", "/search?q=ferry"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		// Hidden until it has the focus: the page looks as it did.
		hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
			const a = document.querySelector("a[href='#main']");
			if (!a) return false;
			const r = a.getBoundingClientRect();
			return r.bottom <= 0 || r.right <= 0 || r.width <= 1 || r.height <= 1;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if !hidden {
			t.Errorf("%s: no skip link, or it shows before it has the focus", path)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const a = document.activeElement, r = a.getBoundingClientRect();
			const shown = r.top >= 0 && r.left >= 0 && r.width > 1 && r.height > 1 &&
				r.bottom <= innerHeight && r.right <= innerWidth;
			return a.getAttribute("href") + " " + a.textContent + (shown ? "" : " (not shown)");
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if first != "#main Skip to content" {
			t.Errorf("%s: the first Tab focuses %q, want the skip link, shown", path, first)
		}
		screenshot(ctx, t, "skip-link.png")
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		inMain, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement !== null && document.activeElement.closest("main") !== null`))
		if err != nil {
			t.Fatal(err)
		}
		if !inMain {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : "nothing"`))
			t.Errorf("%s: after the skip link, Tab focuses %s, outside the main content", path, got)
		}
	}
}

// TestBrowserEditControlsNamed checks, in Chromium's accessibility tree,
// that each source's "Edit" control on the sources page says whose it is:
// a screen reader's list of the page's controls showed "Edit" once per
// source, none telling which. The page still shows "Edit" alone.
func TestBrowserEditControlsNamed(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{}, fixtureStore())
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/sources"), chromedp.WaitVisible(chromedp.ID("source-1"))); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("read the accessibility tree: %v", err)
	}
	var names []string
	for _, n := range tree.Nodes {
		// A control's name, not the text nodes it is made of.
		if n.Ignored || n.Name == nil || n.Role == nil || strings.Contains(string(n.Role.Value), "Text") {
			continue
		}
		var name string
		if err := json.Unmarshal(n.Name.Value, &name); err != nil {
			continue
		}
		if strings.HasPrefix(name, "Edit") {
			names = append(names, name)
		}
	}
	want := []string{"Edit Stadtblatt", "Edit River Times <b>"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("edit controls' accessible names (-want +got):\n%s", diff)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#source-1 summary").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	// innerText keeps text clipped to nothing; what is drawn is the box.
	width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("#source-1 summary .visually-hidden").getBoundingClientRect().width`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(shown, "Edit") || width > 1 {
		t.Errorf("summary shows %q, its hidden name %.0f px wide; want Edit and at most 1 px", shown, width)
	}
}

// TestBrowserLastErrorWhole checks that a source's long last error, cut
// to its first lines on the sources page, can be read whole by keyboard
// (and so by touch): the error is a disclosure whose summary takes the
// focus and opens with Enter, and opened it shows every line. Before, the
// rest was only in the span's title, a tooltip that neither a keyboard
// nor a touch screen shows. A short error is shown whole, with nothing to
// open.
func TestBrowserLastErrorWhole(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ms := fixtureStore()
	long := `feed could not be read: parse feed: XML syntax error on line 7: element <channel> closed by </rss>; ` +
		strings.Repeat("the feed's items after it were not read, and the next poll will try again; ", 4) + "giving up"
	src := ms.sources[2]
	src.LastError = long
	ms.sources[2] = src
	src = ms.sources[1]
	src.Status, src.LastError, src.ErrorCount = news.StatusError, "GET https://stadtblatt.example/feed.xml: HTTP 503 Service Unavailable", 1
	ms.sources[1] = src
	ts := newTestServer(t, Config{}, ms)
	type state struct {
		Text      string // the error's text as the page holds it
		Clipped   bool   // its box hides some of its lines
		Focusable bool   // a keyboard reaches the control that shows it
		Controls  int    // disclosures in source 1's short error's cell
	}
	const probe = `(() => {
		const cell = document.querySelector("#source-2 td[data-label='Last error']");
		const text = cell.querySelector(".last-error-text") || cell.querySelector(".last-error");
		const sum = cell.querySelector("details.last-error > summary");
		if (sum) sum.focus();
		return {text: text.textContent, clipped: text.scrollHeight > text.clientHeight + 1,
			focusable: sum !== null && document.activeElement === sum,
			controls: document.querySelectorAll("#source-1 td[data-label='Last error'] details").length};
	})()`
	for _, width := range []int64{1280, 375} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(ts.URL+"/sources"),
			chromedp.WaitVisible(chromedp.ID("source-2"))); err != nil {
			t.Fatalf("open sources page: %v", err)
		}
		before, err := chromedp.Run(ctx, chromedp.Evaluate[state](probe))
		if err != nil {
			t.Fatal(err)
		}
		if before.Text != long || !before.Clipped {
			t.Errorf("at %d px before opening: %+v; want the whole error in the page, cut to its first lines", width, before)
		}
		if !before.Focusable {
			t.Fatalf("at %d px no control a keyboard reaches shows the whole error", width)
		}
		if before.Controls != 0 {
			t.Errorf("at %d px source 1's short error has %d disclosures, want none", width, before.Controls)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		after, err := chromedp.Run(ctx, chromedp.Evaluate[state](probe))
		if err != nil {
			t.Fatal(err)
		}
		if after.Clipped {
			t.Errorf("at %d px after Enter the error is still cut: %+v", width, after)
		}
		screenshot(ctx, t, "last-error-open.png")
	}
}
