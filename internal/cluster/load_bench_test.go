package cluster_test

import (
	"bytes"
	"testing"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/eval/clustereval"
)

// BenchmarkLoad decodes the snapshot of a clusterer that grouped 10,000
// synthetic articles (clustereval's generator, 500 a day), from a
// bytes.Reader as the pipeline hands it the stored snapshot. Run it with
//
//	go test ./internal/cluster -run XXX -bench Load -benchmem
func BenchmarkLoad(b *testing.B) {
	cfg := cluster.DefaultConfig()
	c := cluster.New(cfg)
	for _, d := range clustereval.Synthetic(10_000, 1) {
		c.Add(d)
	}
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := cluster.Load(cfg, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/1e6, "snap-MB")
}
