package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// openEditForm opens the sources page with the API token in the tab's
// session storage, as a person gave it at the prompt earlier in the tab,
// and unfolds source 1's edit form until its input named field shows.
func openEditForm(t *testing.T, ctx context.Context, base, field string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/sources"),
		chromedp.WaitReady(chromedp.CSS(`form[data-edit]`)),
	); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`sessionStorage.setItem("newsdesk-api-token", "`+testToken+`")`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/sources"),
		chromedp.Click(chromedp.CSS(`#source-1 summary`)),
		chromedp.WaitVisible(chromedp.CSS(`#source-1 input[name=`+field+`]`)),
	); err != nil {
		t.Fatalf("open the edit form: %v", err)
	}
}

// TestBrowserEditSource edits a source on the sources page as a person
// would: app.js, under the CSP, sends the form as PATCH /api/sources/{id}
// with the token kept for the tab, and the store has the new values.
func TestBrowserEditSource(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	st := fixtureStore()
	ts := newTestServer(t, Config{APIToken: testToken}, st)
	openEditForm(t, ctx, ts.URL, "category")
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#source-1 .edit-token").hidden`))
	if err != nil {
		t.Fatal(err)
	}
	if !hidden {
		t.Errorf("token field shown although the tab has the token")
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`(() => {
		const f = document.querySelector("#source-1 form");
		f.elements.category.value = "Lokales";
		f.elements.poll_interval.value = "45m";
	})()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#source-1 button[type=submit]`))); err != nil {
		t.Fatalf("click save: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		src, err := st.Source(t.Context(), 1)
		if err != nil {
			t.Fatal(err)
		}
		if src.Category == "Lokales" && src.PollInterval == 45*time.Minute && src.Name == "Stadtblatt" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("source after saving: %+v, want category Lokales, interval 45m, name kept", src)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBrowserEditRefused checks that a refused edit says so in the
// error colour (--bad), as a failed fetch and a failed copy do: "Not
// saved: …" was set in the muted grey of the form's notes, and read as
// one. A second refusal is drawn alike.
func TestBrowserEditRefused(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	ts := newTestServer(t, Config{APIToken: testToken}, fixtureStore())
	openEditForm(t, ctx, ts.URL, "lang")
	const status = `new Promise((resolve) => {
		const el = document.querySelector("#source-1 .edit-status");
		const check = () => el.textContent.includes("…") || !el.textContent ? setTimeout(check, 20) :
			resolve(el.textContent.trim() + " | " + getComputedStyle(el).color);
		check();
	})`
	for _, lang := range []string{"not a language", "also not one"} {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`document.querySelector("#source-1 form").elements.lang.value = "`+lang+`"`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#source-1 button[type=submit]`))); err != nil {
			t.Fatalf("click save: %v", err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](status, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("read status: %v", err)
		}
		msg, colour, _ := strings.Cut(got, " | ")
		if !strings.HasPrefix(msg, "Not saved: lang must be") {
			t.Errorf("status %q, want the refusal", msg)
		}
		if colour != "rgb(164, 22, 26)" {
			t.Errorf("refusal drawn in %s, want the error colour rgb(164, 22, 26)", colour)
		}
		// Cleared, so that the next read waits for the next answer.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`document.querySelector("#source-1 .edit-status").textContent = ""`)); err != nil {
			t.Fatal(err)
		}
	}
	screenshot(ctx, t, "edit-refused.png")
}
