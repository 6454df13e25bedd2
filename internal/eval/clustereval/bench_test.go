package clustereval

import (
	"context"
	"runtime"
	"testing"

	"github.com/newsdesk/newsdesk/internal/cluster"
)

// BenchmarkClusterer replays generated articles through one clusterer; run
// with -benchtime=100000x for the 100,000-article figure. It reports
// articles per second (wall clock and CPU time), the stories held at the
// end, and the memory the clusterer holds then: the live heap after a
// collection, the generated articles released, in MB and in bytes per
// article fed (which falls as N grows if memory is bounded by the window
// and the archive's caps rather than by N).
func BenchmarkClusterer(b *testing.B) {
	docs := Synthetic(b.N, 1)
	c := cluster.New(cluster.DefaultConfig())
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := range b.N {
		c.Add(docs[i])
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	// CPU time, for a machine shared with other work: the wall-clock rate
	// there counts other processes' turns too.
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	b.ReportMetric(float64(c.Stats().Stories), "stories-held")
	clear(docs)
	held := liveHeap()
	b.ReportMetric(float64(held)/(1<<20), "held-MB")
	b.ReportMetric(float64(held)/float64(b.N), "held-B/article")
	runtime.KeepAlive(c)
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkCostCurve prints the cost per article against articles seen.
func BenchmarkCostCurve(b *testing.B) {
	n := max(b.N, 10000)
	pts, err := Scale(context.Background(), cluster.DefaultConfig(), n, n/10)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pts {
		b.Logf("seen %7d: %7.1f us/article, heap %6.1f MB, %d stories held", p.Seen, p.MicrosPerDoc, p.HeapMB, p.StoriesHeld)
	}
}
