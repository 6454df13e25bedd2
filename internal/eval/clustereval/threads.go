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
	// EffectiveThreads is the mean over topics of the number of threads
	// weighted by articles (1/Σp², p a thread's share of the topic): a
	// topic in one big thread and fifty one-article threads scores near 1,
	// since one-off articles that only mention the topic are expected to
	// stand alone.
	EffectiveThreads float64 `json:"effective_threads_per_topic"`
	// ArticleShare is the mean over articles of the share of the article's
	// topic that lies in the article's thread (BCubed recall with topics as
	// the gold classes): how much of its topic a briefing's background can
	// reach from an article.
	ArticleShare float64 `json:"article_topic_share"`
	// MixedThreads counts threads holding articles of more than one topic;
	// MixedArticles the articles in them that are not of the thread's main
	// topic.
	MixedThreads  int     `json:"mixed_threads"`
	MixedArticles int     `json:"mixed_articles"`
	Purity        float64 `json:"thread_purity"`
	// StoryPurity is the purity of the stories alone: what the threads
	// could at best keep, since a thread is a union of stories.
	StoryPurity float64 `json:"story_purity"`
	Stories     int     `json:"stories"`
	Articles    int     `json:"articles"`
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
		var simpson float64
		for _, n := range ths {
			p := float64(n) / float64(total)
			simpson += p * p
			// Each of the n articles of this thread reaches n of its topic.
			s.ArticleShare += float64(n) * p
		}
		s.EffectiveThreads += 1 / simpson
	}
	if s.Topics > 0 {
		s.ThreadsPerTopic /= float64(s.Topics)
		s.Coverage /= float64(s.Topics)
		s.EffectiveThreads /= float64(s.Topics)
	}
	if len(threads) > 0 {
		s.ArticleShare /= float64(len(threads))
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
	s.StoryPurity = purity(stories, topics)
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
	final := FinalThreads(res.Assignments)
	for i, a := range res.Assignments {
		threads[i], stories[i], topics[i] = final[i], a.StoryID, arts[i].Label()
	}
	s := ScoreThreads(threads, stories, topics)
	if asJSON {
		return json.NewEncoder(w).Encode(s)
	}
	fmt.Fprintf(w, "threads: %d articles, %d topics, %d stories, %d threads\n", s.Articles, s.Topics, s.Stories, s.Threads)
	fmt.Fprintf(w, "threads per topic %.1f (largest thread holds %.1f%% of a topic's articles)\n", s.ThreadsPerTopic, 100*s.Coverage)
	fmt.Fprintf(w, "weighted by articles: %.2f effective threads per topic, an article's thread holds %.1f%% of its topic\n", s.EffectiveThreads, 100*s.ArticleShare)
	fmt.Fprintf(w, "threads mixing topics %d (%d articles off-topic), purity %.4f (stories alone %.4f)\n", s.MixedThreads, s.MixedArticles, s.Purity, s.StoryPurity)
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

// FinalThreads gives each article the thread its story is in at the end:
// a story can join a thread after its first articles (when its grown
// centroid links it), two threads can merge (Assignment.MergedWith), and a
// briefing asks for the story's thread then (cluster.ThreadOf), not for
// the one its first article got.
func FinalThreads(as []cluster.Assignment) []int64 {
	// parent links a merged thread to the one it merged with; the merged
	// thread keeps the lower ID, as the clusterer does.
	parent := map[int64]int64{}
	find := func(id int64) int64 {
		for {
			p, ok := parent[id]
			if !ok {
				return id
			}
			id = p
		}
	}
	last := map[int64]int64{}
	for _, a := range as {
		last[a.StoryID] = a.ThreadID
		if a.MergedWith != 0 {
			x, y := find(a.ThreadID), find(a.MergedWith)
			if x != y {
				parent[max(x, y)] = min(x, y)
			}
		}
	}
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = find(last[a.StoryID])
	}
	return out
}

// purity is the share of articles in their group's main label.
func purity(groups []int64, labels []string) float64 {
	count := map[int64]map[string]int{}
	for i, g := range groups {
		if count[g] == nil {
			count[g] = map[string]int{}
		}
		count[g][labels[i]]++
	}
	pure := 0
	for _, m := range count {
		biggest := 0
		for _, n := range m {
			biggest = max(biggest, n)
		}
		pure += biggest
	}
	if len(groups) == 0 {
		return 0
	}
	return float64(pure) / float64(len(groups))
}
