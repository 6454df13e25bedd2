package pipeline

import (
	"context"
	"path/filepath"
	"testing"
)

// TestRestartKeepsArchive ingests testdata/site/rejoin: a shooting report,
// then three months later an unrelated council report, so that the
// shooting is older than the thread window when the pipeline restarts;
// then a sentencing that names the shooting's victims and place again.
// The sentencing must rejoin the shooting's story (cluster.Config's
// archive) whether or not the pipeline restarted in between: a restart
// that replayed only the thread window would have forgotten the shooting.
func TestRestartKeepsArchive(t *testing.T) {
	t.Parallel()
	for _, restart := range []bool{false, true} {
		t.Run(map[bool]string{false: "one run", true: "restart"}[restart], func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := newSite(t)
			fc := testFetcher(t)
			path := filepath.Join(t.TempDir(), "newsdesk.db")
			h := startPipeline(t, ctx, path, fc)
			h.ingest(t, ctx, s.url("/rejoin/before.xml"))
			if restart {
				h.close(t)
				h = startPipeline(t, ctx, path, fc)
			}
			h.ingest(t, ctx, s.url("/rejoin/after.xml"))
			story := map[string]int64{}
			for _, a := range articlesByID(t, ctx, h.st) {
				story[filepath.Base(a.URL)] = a.StoryID
			}
			if len(story) != 3 {
				t.Fatalf("articles: %v; want 3", story)
			}
			if got, want := story["sentencing.html"], story["shooting.html"]; got != want || got == 0 || story["council.html"] == want {
				t.Errorf("stories %v: want the sentencing in the shooting's story, the council report apart", story)
			}
		})
	}
}
