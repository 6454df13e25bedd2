package pipeline

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/translate"
)

// TestOneShotGroupOrder: the one-shot takes articles of one time in the
// server's order (groupOrder: by URL), not in the order it was given
// them, so that giving the pages in another order gives the same
// stories. The demo's Meridian Wire pages carry a day and no time, so
// two of one day tie.
func TestOneShotGroupOrder(t *testing.T) {
	t.Parallel()
	w, err := demo.NewWire(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w.Handler())
	t.Cleanup(srv.Close)
	pages := []string{
		srv.URL + "/outlets/meridian-wire/story/20260302-rail-strike-halts-trains",
		srv.URL + "/outlets/meridian-wire/story/20260302-valdria-pauses-kessel-aid-convoys",
		srv.URL + "/outlets/meridian-wire/story/20260307-villa-serena-water-restrictions",
		srv.URL + "/outlets/cronica-del-sur/noticias/fiesta-del-almendro-villa-serena-20260304.html",
	}
	fc := testFetcher(t)
	storiesOf := func(inputs []string) map[string]int64 {
		t.Helper()
		_, articles, err := OneShot(context.Background(), fc, inputs, OneShotOptions{
			Now: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), Translator: translate.NewGlossary(),
		})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int64{}
		for _, a := range articles {
			out[a.URL] = a.StoryID
		}
		return out
	}
	want := storiesOf(pages)
	if want[pages[0]] == want[pages[1]] {
		t.Fatalf("the rail strike and the aid convoys in one story: %v", want)
	}
	reversed := slices.Clone(pages)
	slices.Reverse(reversed)
	if diff := cmp.Diff(want, storiesOf(reversed)); diff != "" {
		t.Errorf("stories by URL, pages given in reverse (-given order +reversed):\n%s", diff)
	}
}
