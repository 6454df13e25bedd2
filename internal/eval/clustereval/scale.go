package clustereval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/newsdesk/newsdesk/internal/cluster"
)

// Synthetic generates n articles of a steady news flow; see Generator.
func Synthetic(n int, seed uint64) []cluster.Doc {
	g := NewGenerator(seed)
	docs := make([]cluster.Doc, n)
	for i := range docs {
		docs[i] = g.Next()
	}
	return docs
}

// Generator makes a steady news flow: 500 articles a day, in stories of one
// to twenty articles over up to three days, each story with its own names
// and number, written with a shared general vocabulary. The same seed gives
// the same articles.
type Generator struct {
	rng     *rand.Rand
	general []string
	active  []*synthStory
	n       int
}

type synthStory struct {
	names  []string
	topic  []string
	number int
	left   int
	start  time.Time
}

var syllables = []string{"ka", "lo", "mi", "ren", "sa", "to", "vel", "dar", "in", "or", "us", "ba", "te", "no", "ri", "zen", "fa", "gu"}

// NewGenerator returns a generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	g.general = make([]string, 3000)
	for i := range g.general {
		g.general[i] = g.word(2 + g.rng.IntN(2))
	}
	return g
}

func (g *Generator) word(k int) string {
	var b strings.Builder
	for range k {
		b.WriteString(syllables[g.rng.IntN(len(syllables))])
	}
	return b.String()
}

func (g *Generator) name() string {
	w := g.word(2 + g.rng.IntN(2))
	return strings.ToUpper(w[:1]) + w[1:]
}

// Next returns the next article.
func (g *Generator) Next() cluster.Doc {
	rng := g.rng
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	now := base.Add(time.Duration(g.n) * (24 * time.Hour / 500))
	g.n++
	if len(g.active) == 0 || rng.IntN(4) == 0 {
		s := &synthStory{number: rng.IntN(10000), left: 1 + rng.IntN(20), start: now}
		for range 3 {
			s.names = append(s.names, g.name()+" "+g.name())
		}
		for range 15 {
			s.topic = append(s.topic, g.general[rng.IntN(len(g.general))])
		}
		g.active = append(g.active, s)
	}
	k := rng.IntN(len(g.active))
	s := g.active[k]
	var b strings.Builder
	for sent := range 12 {
		b.WriteString("The")
		for w := range 14 {
			b.WriteByte(' ')
			switch {
			case w == 3 && sent%3 == 0:
				b.WriteString(s.names[rng.IntN(len(s.names))])
			case w == 8 && sent%4 == 0:
				fmt.Fprintf(&b, "%d", s.number)
			case rng.IntN(3) == 0:
				b.WriteString(s.topic[rng.IntN(len(s.topic))])
			default:
				b.WriteString(g.general[rng.IntN(len(g.general))])
			}
		}
		b.WriteString(". ")
	}
	d := cluster.Doc{
		ID: int64(g.n), Title: s.names[0] + " " + s.topic[0] + " " + s.topic[1],
		Text: b.String(), Lang: "en", Source: int64(1 + rng.IntN(50)), Time: now,
	}
	if s.left--; s.left <= 0 || now.Sub(s.start) > 72*time.Hour {
		g.active = append(g.active[:k], g.active[k+1:]...)
	}
	return d
}

// CostPoint is the mean cost of the articles in one stretch of a replay.
type CostPoint struct {
	Seen         int     `json:"seen"`
	MicrosPerDoc float64 `json:"us_per_article"`
	// HeapMB is the live heap after a collection, the generated texts
	// released: what the clusterer holds.
	HeapMB       float64 `json:"heap_mb"`
	StoriesHeld  int     `json:"stories_held"`
	ArticlesHeld int     `json:"articles_held"`
	// Archived is the forgotten stories kept for a late follow-up, which
	// ArchiveWindow and ArchiveStories bound.
	Archived          int     `json:"archived_stories"`
	ArticlesPerSecond float64 `json:"articles_per_second"`
	// CPUMicrosPerDoc is the process CPU time per article: on a shared
	// machine wall time also counts other processes' turns.
	CPUMicrosPerDoc float64 `json:"cpu_us_per_article"`
}

// Scale replays n generated articles through a new clusterer and measures
// the cost per article in steps of step articles. Articles are generated as
// they are fed, outside the timed stretches, so that the heap figure (live
// heap after a collection) is the clusterer's own.
func Scale(ctx context.Context, cfg cluster.Config, n, step int) ([]CostPoint, error) {
	c := cluster.New(cfg)
	g := NewGenerator(1)
	var out []CostPoint
	var ms runtime.MemStats
	batch := make([]cluster.Doc, 0, step)
	for i := 0; i < n; i += step {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("eval cluster scale: %w", err)
		}
		end := min(i+step, n)
		batch = batch[:0]
		for range end - i {
			batch = append(batch, g.Next())
		}
		cpu0 := cpuTime()
		start := time.Now()
		for _, d := range batch {
			c.Add(d)
		}
		el := time.Since(start)
		cpu := cpuTime() - cpu0
		clear(batch) // let the texts go, so the heap is the clusterer's
		runtime.GC()
		runtime.ReadMemStats(&ms)
		st := c.Stats()
		k := end - i
		out = append(out, CostPoint{
			Seen: end, MicrosPerDoc: float64(el.Microseconds()) / float64(k),
			HeapMB: float64(ms.HeapAlloc) / (1 << 20), StoriesHeld: st.Stories, ArticlesHeld: st.Articles, Archived: st.Archived,
			ArticlesPerSecond: float64(k) / el.Seconds(),
			CPUMicrosPerDoc:   float64(cpu.Microseconds()) / float64(k),
		})
	}
	return out, nil
}

func runScale(ctx context.Context, cfg cluster.Config, n int, asJSON bool, w io.Writer) error {
	pts, err := Scale(ctx, cfg, n, max(1, n/10))
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(w).Encode(pts)
	}
	fmt.Fprintf(w, "%d generated articles (500 a day), cost per article against articles seen:\n", n)
	fmt.Fprintf(w, "(heap MB: live heap after a collection, generated texts released; archived: forgotten stories kept for late rejoining)\n")
	fmt.Fprintf(w, "%10s %12s %14s %16s %10s %14s %14s %10s\n", "seen", "us/article", "articles/s", "CPU us/article", "heap MB", "stories held", "articles held", "archived")
	for _, p := range pts {
		fmt.Fprintf(w, "%10d %12.1f %14.0f %16.1f %10.1f %14d %14d %10d\n", p.Seen, p.MicrosPerDoc, p.ArticlesPerSecond, p.CPUMicrosPerDoc, p.HeapMB, p.StoriesHeld, p.ArticlesHeld, p.Archived)
	}
	return nil
}

// cpuTime is the CPU time this process has used, user plus system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
