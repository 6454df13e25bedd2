package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRetrySource clicks "Retry now" on the sources page as a
// person would: app.js, under the CSP, sends the token kept for the tab
// and says the source is being polled, and the store has it due.
func TestBrowserRetrySource(t *testing.T) {
	t.Parallel()
	ctx := newBrowser(t)
	st := fixtureStore()
	ts := newTestServer(t, Config{APIToken: testToken}, st)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/sources"),
		chromedp.WaitVisible(chromedp.CSS(`button[data-retry]`)),
	); err != nil {
		t.Fatalf("open sources page: %v", err)
	}
	// The token as a person gave it at the prompt earlier in the tab.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`sessionStorage.setItem("newsdesk-api-token", "`+testToken+`")`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[data-retry]`))); err != nil {
		t.Fatalf("click retry: %v", err)
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise((resolve) => {
		const el = document.querySelector(".retry-status");
		const check = () => el.textContent.includes("…") || !el.textContent ? setTimeout(check, 20) : resolve(el.textContent);
		check();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read status: %v", err)
	}
	if !strings.Contains(status, "Polling now") {
		t.Errorf("status %q, want Polling now", status)
	}
	src, err := st.Source(t.Context(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if src.LastError != "" || src.ErrorCount != 0 || src.NextPollAt.IsZero() {
		t.Errorf("source after the click: %+v, want its error cleared and due", src)
	}
}
