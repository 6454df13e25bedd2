package clustereval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/newsdesk/newsdesk/internal/cluster"
)

// ThreadScores measure thread linking against topic labels: articles of one
// topic should end in few threads, and no thread should hold two topics.
type ThreadScores struct {
	Topics int `json:"topics"`
	// Threads is the number of threads formed, and ThreadsPerTopic the mean
	// over topics of the number of threads its articles are spread over.
	Threads         int     `json:"threads"`
	ThreadsPerTopic float64 `json:"threads_per_topic"`
	// Coverage is the mean over topics of the share of its articles that lie
	// in the topic's largest thread.
	Coverage float64 `json:"largest_thread_share"`
	// MixedThreads counts threads holding articles of more than one topic;
	// MixedArticles the articles in them that are not of the thread's main
	// topic.
	MixedThreads  int     `json:"mixed_threads"`
	MixedArticles int     `json:"mixed_articles"`
	Purity        float64 `json:"thread_purity"`
	Stories       int     `json:"stories"`
	Articles      int     `json:"articles"`
}

// ScoreThreads compares thread IDs with topic labels.
func ScoreThreads(threads, stories []int64, topics []string) ThreadScores {
	byTopic := map[string]map[int64]int{}
	byThread := map[int64]map[string]int{}
	storySet := map[int64]bool{}
	for i, th := range threads {
		if byTopic[topics[i]] == nil {
			byTopic[topics[i]] = map[int64]int{}
		}
		byTopic[topics[i]][th]++
		if byThread[th] == nil {
			byThread[th] = map[string]int{}
		}
		byThread[th][topics[i]]++
		storySet[stories[i]] = true
	}
	s := ThreadScores{Topics: len(byTopic), Threads: len(byThread), Stories: len(storySet), Articles: len(threads)}
	for _, ths := range byTopic {
		s.ThreadsPerTopic += float64(len(ths))
		total, biggest := 0, 0
		for _, n := range ths {
			total += n
			biggest = max(biggest, n)
		}
		s.Coverage += float64(biggest) / float64(total)
	}
	if s.Topics > 0 {
		s.ThreadsPerTopic /= float64(s.Topics)
		s.Coverage /= float64(s.Topics)
	}
	pure := 0
	for _, tops := range byThread {
		total, biggest := 0, 0
		for _, n := range tops {
			total += n
			biggest = max(biggest, n)
		}
		pure += biggest
		if len(tops) > 1 {
			s.MixedThreads++
			s.MixedArticles += total - biggest
		}
	}
	if len(threads) > 0 {
		s.Purity = float64(pure) / float64(len(threads))
	}
	return s
}

func runThreads(ctx context.Context, cfg cluster.Config, arts []Dated, asJSON bool, w io.Writer) error {
	res, err := Evaluate(ctx, cfg, arts)
	if err != nil {
		return err
	}
	threads := make([]int64, len(arts))
	stories := make([]int64, len(arts))
	topics := make([]string, len(arts))
	for i, a := range res.Assignments {
		threads[i], stories[i], topics[i] = a.ThreadID, a.StoryID, arts[i].Label()
	}
	s := ScoreThreads(threads, stories, topics)
	if asJSON {
		return json.NewEncoder(w).Encode(s)
	}
	fmt.Fprintf(w, "threads: %d articles, %d topics, %d stories, %d threads\n", s.Articles, s.Topics, s.Stories, s.Threads)
	fmt.Fprintf(w, "threads per topic %.1f (largest thread holds %.1f%% of a topic's articles)\n", s.ThreadsPerTopic, 100*s.Coverage)
	fmt.Fprintf(w, "threads mixing topics %d (%d articles off-topic), purity %.4f\n", s.MixedThreads, s.MixedArticles, s.Purity)
	type tc struct {
		topic string
		n     int
	}
	per := map[string]map[int64]bool{}
	for i := range threads {
		if per[topics[i]] == nil {
			per[topics[i]] = map[int64]bool{}
		}
		per[topics[i]][threads[i]] = true
	}
	var list []tc
	for t, m := range per {
		list = append(list, tc{t, len(m)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].topic < list[j].topic })
	for _, x := range list {
		fmt.Fprintf(w, "  %-8s %d threads\n", x.topic, x.n)
	}
	return nil
}
