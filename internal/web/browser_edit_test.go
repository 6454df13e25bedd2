package web

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserEditSource edits a source on the sources page as a person
// would: app.js, under the CSP, sends the form as PATCH /api/sources/{id}
// with the token kept for the tab, and the store has the new values.
func TestBrowserEditSource(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	st := fixtureStore()
	ts := newTestServer(t, Config{APIToken: testToken}, st)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/sources"),
		chromedp.WaitReady(chromedp.CSS(`form[data-edit]`)),
	); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	// The token as a person gave it at the prompt earlier in the tab.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`sessionStorage.setItem("newsdesk-api-token", "`+testToken+`")`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/sources"),
		chromedp.Click(chromedp.CSS(`#source-1 summary`)),
		chromedp.WaitVisible(chromedp.CSS(`#source-1 input[name=category]`)),
	); err != nil {
		t.Fatalf("open the edit form: %v", err)
	}
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
