package pipeline

import (
	"context"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/translate"
)

// TestBacklogSettles ingests the demo newswire from scratch, as
// "newsdesk demo" does, and checks that stories that a replay in time
// order keeps apart stay apart. Grouped as the feeds came in, one outlet's
// Tuesday analysis of the mayoral election began a story that the Sunday
// marathon reports then joined: the marathon report names the mayor and
// the election in passing (docs/clustering.md, "The demo's top story").
func TestBacklogSettles(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	wire, sources := demoWire(t)
	gold := map[string]string{} // URL path -> gold story
	for _, a := range wire.Articles() {
		gold[a.Path] = a.Story
	}
	cfg := testConfig()
	cfg.Translator = translate.NewGlossary()
	// Longer than the default, so that a slow machine (-race) still
	// fetches everything within it: the test is of the wait, not of its
	// length. With GroupSettle 0 it fails (4 runs of 4).
	cfg.GroupSettle = time.Minute
	h := startPipelineWith(t, ctx, filepath.Join(t.TempDir(), "settle.db"), testFetcher(t), cfg)
	subscribe(t, ctx, h.st, sources)
	waitIdle(t, ctx, h.p)

	arts, err := h.st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != len(gold) {
		t.Fatalf("ingested %d articles, want %d", len(arts), len(gold))
	}
	byStory := map[int64]map[string]bool{}
	for _, a := range arts {
		u, err := url.Parse(a.URL)
		if err != nil {
			t.Fatal(err)
		}
		g, ok := gold[u.Path]
		if !ok {
			t.Fatalf("article %s is not one of the wire's", a.URL)
		}
		if byStory[a.StoryID] == nil {
			byStory[a.StoryID] = map[string]bool{}
		}
		byStory[a.StoryID][g] = true
	}
	apart := [][2]string{{"mayoral-election", "marathon"}, {"marathon", "cup-final"}}
	for id, gs := range byStory {
		for _, pair := range apart {
			if gs[pair[0]] && gs[pair[1]] {
				t.Errorf("story %d holds both %s and %s: %v", id, pair[0], pair[1], gs)
			}
		}
	}
}
