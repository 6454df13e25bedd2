package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/cluster"
	"github.com/newsdesk/newsdesk/internal/lang"
	"github.com/newsdesk/newsdesk/internal/store"
)

// The clusterer's snapshot. A restart (or a new leader on PostgreSQL)
// loads the latest one and replays only the decisions recorded after it,
// instead of a year of articles. A snapshot is taken only at a point the
// stored decisions extend: the clusterer has taken exactly the decisions
// up to its cursor in grouped order, and none after. Group jobs record
// each decision before the next Add, and a failed batch marks the
// clusterer dirty (no snapshot until it is rebuilt), so a crash at any
// moment leaves the latest snapshot behind the store, never ahead of it.

// snapState is where the clusterer stands against the store. p.mu guards
// it, with the clusterer.
type snapState struct {
	// cursor is the last article, in grouped order, whose decision the
	// clusterer holds; known is false when that is not known (after a
	// full replay that skipped articles grouped after the ones it took).
	cursor int64
	known  bool
	// unsaved counts the articles grouped since the last snapshot, at
	// the time savedAt.
	unsaved int
	savedAt time.Time
	// restored tells how the last restore went, for tests: from a
	// snapshot, and how many articles were replayed.
	fromSnapshot bool
	replayed     int
}

// grouped notes that the decision for article id was recorded.
func (s *snapState) grouped(id int64) {
	s.cursor, s.known = id, true
	s.unsaved++
}

// snapshotKeeper is a store that keeps the clusterer's latest snapshot
// (both back ends; see store.ClusterSnapshot).
type snapshotKeeper interface {
	// PutClusterSnapshot replaces the snapshot kept.
	PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error
	// ClusterSnapshot returns the snapshot kept, store.ErrNotFound if none.
	ClusterSnapshot(ctx context.Context) (store.ClusterSnapshot, error)
}

// snapshots returns the store's snapshot keeper, nil if it has none.
func (p *Pipeline) snapshots() snapshotKeeper {
	cs, _ := p.st.(snapshotKeeper)
	return cs
}

// maybeSnapshot saves a snapshot after a cluster batch when enough has
// changed (see Config.SnapshotArticles). p.mu must be held. A failure is
// logged: the next restart replays more, nothing is lost. A save refused
// by the fence (store.ErrFenced) is returned instead, like the batch's
// own writes, so that the group job reports it and the process follows.
func (p *Pipeline) maybeSnapshot(ctx context.Context) error {
	s := &p.snap
	due := p.cfg.SnapshotArticles > 0 && s.unsaved >= p.cfg.SnapshotArticles ||
		p.cfg.SnapshotEvery > 0 && s.unsaved > 0 && time.Since(s.savedAt) >= p.cfg.SnapshotEvery
	if !due {
		return nil
	}
	return p.logSnapshotErr(ctx, "save cluster snapshot", p.saveSnapshot(ctx))
}

// logSnapshotErr logs a failed snapshot save as a warning, and returns
// err if the fence refused it: another process leads, which is expected
// and for the caller to act on, not a failure of this one.
func (p *Pipeline) logSnapshotErr(ctx context.Context, msg string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrFenced):
		p.logger.Info(msg+": not saved, another process leads", "err", err)
		return err
	default:
		p.logger.Warn(msg, "err", err)
		return nil
	}
}

// snapshotAtStop saves a snapshot at a graceful stop if anything was
// grouped since the last one.
//
// Stop's deadline bounds it: past it (a job that would not stop may still
// hold the clusterer) nothing is saved, and a save cut short by it loses
// nothing; the next start replays a little more.
func (p *Pipeline) snapshotAtStop(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.snap.unsaved == 0 {
		return
	}
	// Fenced, nothing is left to do: the process is stopping anyway.
	_ = p.logSnapshotErr(ctx, "save cluster snapshot at stop", p.saveSnapshot(ctx))
}

// saveSnapshot writes the clusterer's snapshot to the store, if the store
// keeps one and the clusterer stands at a known point of the store's
// decisions. p.mu must be held.
func (p *Pipeline) saveSnapshot(ctx context.Context) error {
	cs := p.snapshots()
	if cs == nil || p.cl == nil || p.dirty || !p.snap.known {
		return nil
	}
	start := time.Now()
	var buf bytes.Buffer
	if err := p.cl.Snapshot(&buf); err != nil {
		return err
	}
	// Another process may have grouped after this one's last decision (a
	// leader that lost its lock and has not noticed yet): its clusterer
	// lacks those decisions, and a snapshot of it would hide them from
	// every later restart. It is rebuilt instead.
	later, err := p.st.Articles(ctx, store.ArticleFilter{Clustered: true, Order: store.GroupedOrder, After: p.snap.cursor, Limit: 1})
	if err != nil {
		return err
	}
	if len(later) > 0 {
		p.dirty = true
		return fmt.Errorf("not saved: article %d was grouped after this clusterer's last decision (article %d)", later[0].ID, p.snap.cursor)
	}
	snap := store.ClusterSnapshot{Data: buf.Bytes(), After: p.snap.cursor, Fingerprint: p.snapshotFingerprint(p.cfg.Cluster), TakenAt: time.Now().UTC()}
	if err := p.leader().PutClusterSnapshot(ctx, snap); err != nil {
		return err
	}
	p.snap.unsaved, p.snap.savedAt = 0, time.Now()
	p.logger.Info("saved cluster snapshot", "bytes", len(snap.Data), "after_article", snap.After, "took", time.Since(start))
	return nil
}

// snapshotFingerprint identifies the snapshots this pipeline may load: the
// clusterer's format and configuration (cluster.Fingerprint), and the desk
// language, since foreign articles were read in it: after a change, a
// full replay reads them in the new one. "EN" for "en" is no change.
func (p *Pipeline) snapshotFingerprint(cfg cluster.Config) string {
	h := sha256.New()
	fp := cluster.Fingerprint(cfg)
	h.Write(fp[:])
	h.Write([]byte("\x00desk=" + lang.Primary(p.cfg.DeskLang)))
	return hex.EncodeToString(h.Sum(nil))
}

// errNoSnapshot says that the store keeps no usable snapshot; why is
// wrapped.
var errNoSnapshot = errors.New("no usable cluster snapshot")

// loadSnapshot returns the clusterer of the store's snapshot under cfg,
// and the article its decisions end at. Any problem wraps errNoSnapshot
// unless the context ended, and the caller replays in full.
func (p *Pipeline) loadSnapshot(ctx context.Context, cfg cluster.Config) (*cluster.Clusterer, int64, error) {
	cs := p.snapshots()
	if cs == nil {
		return nil, 0, fmt.Errorf("%w: the store keeps none", errNoSnapshot)
	}
	snap, err := cs.ClusterSnapshot(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("%w: %w", errNoSnapshot, err)
	}
	if snap.Fingerprint != p.snapshotFingerprint(cfg) {
		return nil, 0, fmt.Errorf("%w: taken under another format, configuration or desk language", errNoSnapshot)
	}
	if snap.After != 0 {
		// The replay after it starts from this article: gone (or never
		// grouped), the replay after it is an error (store.ErrNotFound).
		a, err := p.st.Article(ctx, snap.After)
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		if err != nil || !a.Clustered {
			return nil, 0, fmt.Errorf("%w: its last article %d is not stored as grouped: %v", errNoSnapshot, snap.After, err)
		}
	}
	cl, err := cluster.Load(cfg, bytes.NewReader(snap.Data))
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", errNoSnapshot, err)
	}
	return cl, snap.After, nil
}
