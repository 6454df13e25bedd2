package clustereval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sort"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/lang"
	"github.com/newsdesk/newsdesk/internal/translate"
)

// DemoScores shows cross-lingual grouping on the demo corpus: how many
// articles not in English were put in the story of the English articles
// about the same event.
type DemoScores struct {
	Translator string `json:"translator"`
	Scores
	Foreign int `json:"foreign_articles"`
	// ForeignJoined counts foreign articles whose story (as predicted)
	// holds an English article of the same gold story.
	ForeignJoined int          `json:"foreign_joined"`
	Threads       ThreadScores `json:"threads"`
}

// DemoArticles returns the demo corpus in publication order as labelled
// articles (gold story, thread and language), with the translation in
// Translated when tr is not nil. A story that continues no other is a
// gold thread of its own (see goldThread).
func DemoArticles(ctx context.Context, tr translate.Translator, logger *slog.Logger) ([]cluster.Doc, []string, []string, error) {
	w, err := demo.NewWire(logger)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load demo corpus: %w", err)
	}
	arts := w.Articles()
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.Before(arts[j].Published) })
	outlets := map[string]int64{}
	docs := make([]cluster.Doc, len(arts))
	stories := make([]string, len(arts))
	threads := make([]string, len(arts))
	for i, a := range arts {
		if outlets[a.Outlet] == 0 {
			outlets[a.Outlet] = int64(len(outlets) + 1)
		}
		d := cluster.Doc{ID: int64(i + 1), Title: a.Title, Text: a.Body, Lang: a.Lang, Source: outlets[a.Outlet], Time: a.Published}
		if tr != nil && !lang.Same(a.Lang, "en") {
			t, err := tr.Translate(ctx, a.Title+"\n"+a.Body, a.Lang, "en")
			if err != nil {
				return nil, nil, nil, fmt.Errorf("translate demo article %s: %w", a.Path, err)
			}
			d.Translated = t
		}
		docs[i], stories[i], threads[i] = d, a.Story, goldThread(a.Story, a.Thread)
	}
	return docs, stories, threads, nil
}

// goldThread is the gold thread of an article of the given story: the
// thread its story file names, or else a thread of the story alone. Giving
// every unthreaded story one shared empty label would count a thread that
// links the election, a marathon and a cup final as pure, the very mixing
// the thread scores are there to show.
func goldThread(story, thread string) string {
	if thread != "" {
		return thread
	}
	return "story:" + story
}

// EvaluateDemo clusters the demo corpus with and without translation.
func EvaluateDemo(ctx context.Context, cfg cluster.Config, spec string, logger *slog.Logger) (DemoScores, error) {
	var tr translate.Translator
	if spec != "" && spec != "none" {
		t, err := translate.New(spec)
		if err != nil {
			return DemoScores{}, fmt.Errorf("demo translator %q: %w", spec, err)
		}
		tr = t
	}
	docs, gold, goldThreads, err := DemoArticles(ctx, tr, logger)
	if err != nil {
		return DemoScores{}, err
	}
	c := cluster.New(cfg)
	pred := make([]int64, len(docs))
	as := make([]cluster.Assignment, len(docs))
	for i, d := range docs {
		as[i] = c.Add(d)
		pred[i] = as[i].StoryID
	}
	predThreads := FinalThreads(as)
	out := DemoScores{Translator: spec, Scores: Score(pred, gold)}
	if out.Translator == "" {
		out.Translator = "none"
	}
	// The predicted and gold stories that hold an English article, and the
	// gold stories that do: only a foreign article whose event English
	// outlets covered can join an English story.
	type pair struct {
		pred int64
		gold string
	}
	english := map[pair]bool{}
	hasEnglish := map[string]bool{}
	for i, d := range docs {
		if lang.Same(d.Lang, "en") {
			english[pair{pred[i], gold[i]}] = true
			hasEnglish[gold[i]] = true
		}
	}
	for i, d := range docs {
		if lang.Same(d.Lang, "en") || !hasEnglish[gold[i]] {
			continue
		}
		out.Foreign++
		if english[pair{pred[i], gold[i]}] {
			out.ForeignJoined++
		}
	}
	out.Threads = ScoreThreads(predThreads, pred, goldThreads)
	return out, nil
}

func runDemo(ctx context.Context, cfg cluster.Config, asJSON bool, w io.Writer, logger *slog.Logger) error {
	var all []DemoScores
	for _, spec := range []string{"none", "glossary"} {
		s, err := EvaluateDemo(ctx, cfg, spec, logger)
		if err != nil {
			return err
		}
		all = append(all, s)
	}
	if asJSON {
		return json.NewEncoder(w).Encode(all)
	}
	fmt.Fprintln(w, "demo corpus, replayed in publication order:")
	for _, s := range all {
		fmt.Fprintf(w, "translator %-9s BCubed F1 %.4f (P %.4f R %.4f) | stories %d (gold %d) | foreign articles joined to their English story %d/%d | threads %d (%.1f per gold thread, largest holds %.0f%%), threads mixing gold threads %d (%d articles off their thread, purity %.4f)\n",
			s.Translator, s.BCubedF1, s.BCubedPrecision, s.BCubedRecall, s.Stories, s.GoldStories, s.ForeignJoined, s.Foreign, s.Threads.Threads, s.Threads.ThreadsPerTopic, 100*s.Threads.Coverage, s.Threads.MixedThreads, s.Threads.MixedArticles, s.Threads.Purity)
	}
	return nil
}
