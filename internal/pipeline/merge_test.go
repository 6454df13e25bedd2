package pipeline

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/store"
)

// TestThreadMergeRefreshesStories ingests testdata/site/merge: a feed with
// a chemical leak (two reports) and a lawsuit over poisoned wells that
// names none of the leak's people, two stories in two threads; then a
// second feed with a settlement weeks later that names both, so the
// clusterer merges the threads (the texts of cluster.TestThreadMerge). The
// batch that clusters the settlement touches neither earlier story, yet
// the one whose thread went away must be stored under the thread that
// stays; and a restart, replaying the stored threads, must keep them.
func TestThreadMergeRefreshesStories(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, feed, page string
	}{
		// The settlement's Assignment has ThreadID the lawsuit's thread
		// and MergedWith the leak's ...
		{"continues the lawsuit", "/merge/after.xml", "settlement.html"},
		// ... or the other way round: clusterBatch must look up the stored
		// stories of both.
		{"continues the leak", "/merge/after-leak.xml", "settlement-leak.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := newSite(t)
			fc := testFetcher(t)
			path := filepath.Join(t.TempDir(), "newsdesk.db")
			h := startPipeline(t, ctx, path, fc)
			h.ingest(t, ctx, s.url("/merge/before.xml"))

			storyOf := func() map[string]int64 {
				t.Helper()
				m := map[string]int64{}
				for _, a := range articlesByID(t, ctx, h.st) {
					m[filepath.Base(a.URL)] = a.StoryID
				}
				return m
			}
			threadOf := func(id int64) int64 {
				t.Helper()
				st, err := h.st.Story(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				return st.ThreadID
			}
			inThread := func(th int64) []int64 {
				t.Helper()
				list, err := h.st.Stories(ctx, store.StoryFilter{ThreadID: th})
				if err != nil {
					t.Fatal(err)
				}
				ids := []int64{}
				for _, st := range list {
					ids = append(ids, st.ID)
				}
				slices.Sort(ids)
				return ids
			}

			before := storyOf()
			leak, lawsuit := before["leak-1.html"], before["lawsuit.html"]
			if leak == 0 || lawsuit == 0 || before["leak-2.html"] != leak || lawsuit == leak {
				t.Fatalf("stories before the settlement: %v; want the leak's two reports in one story, the lawsuit in another", before)
			}
			if threadOf(leak) == threadOf(lawsuit) {
				t.Fatalf("leak and lawsuit already share thread %d: nothing to merge", threadOf(leak))
			}
			// The merged thread keeps the older (lower) ID.
			keep, gone := min(threadOf(leak), threadOf(lawsuit)), max(threadOf(leak), threadOf(lawsuit))
			groupedInto := map[string]int64{}
			for _, a := range articlesByID(t, ctx, h.st) {
				groupedInto[filepath.Base(a.URL)] = a.ThreadID
			}

			h.ingest(t, ctx, s.url(tt.feed))
			settlement := storyOf()[tt.page]
			if settlement == 0 || settlement == leak || settlement == lawsuit {
				t.Fatalf("settlement in story %d; want a story of its own (leak %d, lawsuit %d)", settlement, leak, lawsuit)
			}
			want := []int64{leak, lawsuit, settlement}
			slices.Sort(want)
			check := func(when string) {
				t.Helper()
				if diff := cmp.Diff(want, inThread(keep)); diff != "" {
					t.Errorf("%s: stories stored in thread %d (-want +got):\n%s", when, keep, diff)
				}
				if got := inThread(gone); len(got) != 0 {
					t.Errorf("%s: stories %v still stored in merged thread %d", when, got, gone)
				}
			}
			check("after the merge")

			// Each article keeps the thread it was grouped into, which a
			// restart replays: the report grouped into the thread that has
			// since merged away still says so, while its story moved.
			for _, a := range articlesByID(t, ctx, h.st) {
				name := filepath.Base(a.URL)
				if want, ok := groupedInto[name]; ok && a.ThreadID != want {
					t.Errorf("%s stored with thread %d, want %d (the thread it was grouped into)", name, a.ThreadID, want)
				}
				if a.ThreadID == 0 {
					t.Errorf("%s stored without its thread", name)
				}
			}
			if !slices.Contains(slices.Collect(maps.Values(groupedInto)), gone) {
				t.Errorf("no article grouped into the merged thread %d: %v", gone, groupedInto)
			}

			h.close(t)
			h = startPipeline(t, ctx, path, fc)
			h.waitIdle(t, ctx)
			check("after a restart")
		})
	}
}
