package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/eval/clustereval"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlite"
)

// BenchmarkRestore measures what a restart, or a new leader on a shared
// PostgreSQL database, pays to rebuild the clusterer from the store: n
// synthetic articles (clustereval's generator, 500 a day, so all of them
// inside the year the archive replays) are stored and grouped by the
// pipeline's own code, then a fresh pipeline restores from the SQLite
// store. It reports articles replayed per second and the CPU time of a
// restore (user and system, all threads), which a busy machine disturbs
// less, and the share of both spent reading the pages (read-s, read-cpu-s).
// Then it saves a snapshot of the grouped clusterer and reports its size
// (snap-MB), the time to encode and store it (snap-save-s), to decode it
// (snap-load-s) and a restore that loads it (snap-restore-s,
// snap-restore-cpu-s): the restart after a graceful stop, which replays
// nothing and still refreshes the stories the clusterer holds. Run it with
//
//	go test ./internal/pipeline -run XXX -bench Restore -benchtime 1x
func BenchmarkRestore(b *testing.B) {
	for _, n := range []int{10_000, 50_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := context.Background()
			logger := slog.New(slog.DiscardHandler)
			st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "restore.db"), logger)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			src, err := st.AddSource(ctx, news.Source{URL: "http://bench.example/feed.xml"})
			if err != nil {
				b.Fatal(err)
			}
			for i, d := range clustereval.Synthetic(n, 1) {
				a := news.Article{SourceID: src.ID, URL: fmt.Sprintf("http://bench.example/a/%d", i), Title: d.Title, Text: d.Text,
					PublishedAt: d.Time, FetchedAt: d.Time, Extraction: news.ExtractFull}
				if _, _, err := st.AddArticle(ctx, a); err != nil {
					b.Fatal(err)
				}
			}
			cfg := DefaultConfig()
			grouped := &Pipeline{cfg: cfg, st: st, logger: logger, cl: cluster.New(cluster.DefaultConfig())}
			for {
				k, err := grouped.clusterBatch(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if k < cfg.GroupBatch {
					break
				}
			}
			var took, cpu time.Duration
			read := &timedStore{Store: st}
			b.ResetTimer()
			for range b.N {
				p := &Pipeline{cfg: cfg, st: read, logger: logger}
				start, startCPU := time.Now(), cpuTime()
				if err := p.restore(ctx); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				cpu += cpuTime() - startCPU
			}
			if read.replayed != n*b.N {
				b.Fatalf("restores read %d articles in pages, want %d", read.replayed, n*b.N)
			}
			b.ReportMetric(float64(n*b.N)/took.Seconds(), "articles/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(read.wall.Seconds()/float64(b.N), "read-s/op")
			b.ReportMetric(read.cpu.Seconds()/float64(b.N), "read-cpu-s/op")

			// The same restore from a snapshot of the grouped clusterer,
			// taken at its last article: what a restart after a graceful
			// stop pays.
			b.StopTimer()
			saveStart := time.Now()
			grouped.snap.known = true
			if err := grouped.saveSnapshot(ctx); err != nil {
				b.Fatal(err)
			}
			saved := time.Since(saveStart)
			snap, err := st.ClusterSnapshot(ctx)
			if err != nil {
				b.Fatal(err)
			}
			loadStart := time.Now()
			if _, err := cluster.Load(cluster.DefaultConfig(), bytes.NewReader(snap.Data)); err != nil {
				b.Fatal(err)
			}
			loaded := time.Since(loadStart)
			var fromSnap, snapCPU time.Duration
			for range b.N {
				p := &Pipeline{cfg: cfg, st: st, logger: logger}
				start, startCPU := time.Now(), cpuTime()
				if err := p.restore(ctx); err != nil {
					b.Fatal(err)
				}
				fromSnap += time.Since(start)
				snapCPU += cpuTime() - startCPU
				if !p.snap.fromSnapshot || p.snap.replayed != 0 {
					b.Fatalf("restore from snapshot %v, replaying %d", p.snap.fromSnapshot, p.snap.replayed)
				}
			}
			b.ReportMetric(float64(len(snap.Data))/1e6, "snap-MB")
			b.ReportMetric(saved.Seconds(), "snap-save-s")
			b.ReportMetric(loaded.Seconds(), "snap-load-s")
			b.ReportMetric(fromSnap.Seconds()/float64(b.N), "snap-restore-s/op")
			b.ReportMetric(snapCPU.Seconds()/float64(b.N), "snap-restore-cpu-s/op")
		})
	}
}

// timedStore measures the time a restore spends reading the replay's
// pages, apart from replaying them into the clusterer and refreshing
// stories.
type timedStore struct {
	store.Store
	wall, cpu time.Duration
	replayed  int // articles read in pages of the replay
}

func (s *timedStore) Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error) {
	if f.Order != store.GroupedOrder || !f.Clustered || !f.WithText {
		return s.Store.Articles(ctx, f) // not a page of the replay
	}
	start, startCPU := time.Now(), cpuTime()
	list, err := s.Store.Articles(ctx, f)
	s.wall += time.Since(start)
	s.cpu += cpuTime() - startCPU
	s.replayed += len(list)
	return list, err
}
