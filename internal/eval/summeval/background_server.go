package summeval

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/pipeline"
)

// serverInput is a background's input as the server assembles it: the
// story's articles of the day (the focus) and the earlier articles it gets
// from the clusterer.
type serverInput struct {
	focus, earlier []news.Article
}

// checkpoint is an annotated date of an event's topic.
type checkpoint struct {
	topic string
	date  time.Time
}

// serverInputs replays every article of arts, all topics in one stream in
// date order (file order within a day), through the clusterer the server
// uses, and at the end of each checkpoint's day takes the topic's story of
// that day as the pipeline briefs it: the story holding most of the
// topic's articles of the day is the story, its articles of the day the
// focus, and the earlier articles its own articles of earlier days plus,
// for each story Clusterer.Related returns (the thread's, then stories
// sharing names), its pipeline.DefaultEarlierPerStory newest articles that
// are not copies, as briefStory and OneShot take them (briefStory looks
// for them among the store's 4 × DefaultEarlierPerStory newest; this takes
// them from the whole story). Copies are left out of the story's own
// articles too, as the pipeline's originals does; a day whose articles are
// all copies has an empty focus.
func serverInputs(ctx context.Context, arts map[string][]news.Article, cps []checkpoint) (map[checkpoint]serverInput, error) {
	type member struct {
		a    news.Article
		copy bool
	}
	var all []member
	for _, list := range arts {
		for _, a := range list {
			all = append(all, member{a: a})
		}
	}
	slices.SortFunc(all, func(x, y member) int {
		return cmp.Or(x.a.PublishedAt.Compare(y.a.PublishedAt), cmp.Compare(x.a.ID, y.a.ID))
	})
	cps = slices.Clone(cps)
	slices.SortFunc(cps, func(x, y checkpoint) int { return x.date.Compare(y.date) })

	cl := cluster.New(cluster.DefaultConfig())
	stories := map[int64][]member{} // in time order
	storyOf := map[int64]int64{}    // article ID to story
	out := map[checkpoint]serverInput{}
	take := func(cp checkpoint) {
		count := map[int64]int{}
		var best int64
		for _, a := range arts[cp.topic] {
			if !a.PublishedAt.Equal(cp.date) {
				continue
			}
			id := storyOf[a.ID]
			count[id]++
			if count[id] > count[best] || count[id] == count[best] && id < best {
				best = id
			}
		}
		if count[best] == 0 {
			return
		}
		var in serverInput
		for _, m := range stories[best] {
			if m.copy {
				continue // the pipeline briefs a story without its copies
			}
			if m.a.PublishedAt.Equal(cp.date) {
				in.focus = append(in.focus, m.a)
			} else {
				in.earlier = append(in.earlier, m.a)
			}
		}
		for _, rid := range cl.Related(best, pipeline.DefaultMaxRelated) {
			ms := stories[rid]
			n := 0
			for i := len(ms) - 1; i >= 0 && n < pipeline.DefaultEarlierPerStory; i-- {
				if !ms[i].copy {
					in.earlier = append(in.earlier, ms[i].a)
					n++
				}
			}
		}
		out[cp] = in
	}
	next := 0
	for _, m := range all {
		for next < len(cps) && cps[next].date.Before(m.a.PublishedAt) {
			take(cps[next])
			next++
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		as := cl.Add(cluster.Doc{ID: m.a.ID, Title: m.a.Title, Text: m.a.Text, Lang: m.a.Lang, Source: m.a.SourceID, Time: m.a.Time()})
		m.copy = as.DuplicateOf != 0
		stories[as.StoryID] = append(stories[as.StoryID], m)
		storyOf[m.a.ID] = as.StoryID
	}
	for ; next < len(cps); next++ {
		take(cps[next])
	}
	return out, nil
}
