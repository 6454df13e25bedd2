package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsdesk/newsdesk/internal/store"
)

// The leader's writes are fenced (see store.Leader). On PostgreSQL the
// worker lock alone lets a leader frozen past LeaderGrace wake after
// another process took the lead and write once more before it notices:
// decisions the new leader's clusterer, restored before them, never
// held, which a snapshot would then hide until a full replay. So taking
// the lead raises the store's leader epoch before the clusterer is
// restored, and every decision, story, briefing and snapshot is written
// through the Leader that returned: once superseded, its writes are
// refused with store.ErrFenced, and the process follows as on a lost lock.

// fencer is a store that fences its leader's writes (sqlite.Store.Lead,
// postgres.Store.Lead).
type fencer interface {
	// Lead raises the store's leader epoch and returns the writes fenced
	// by it.
	Lead(ctx context.Context) (store.Leader, error)
}

// takeLead makes this pipeline the store's leader, superseding any other,
// and then rebuilds the clusterer from the store: in that order, so that
// the restore sees every write the previous leader got in. p.mu must be
// held.
func (p *Pipeline) takeLead(ctx context.Context) error {
	p.lw = nil
	// A wait begun in an earlier reign is not this one's to finish.
	p.settling, p.backlog = time.Time{}, false
	// So is a written section kept for a re-brief (see putWritten): that
	// re-brief may have been another leader's.
	clear(p.written)
	if f, ok := p.st.(fencer); ok {
		lw, err := f.Lead(ctx)
		if err != nil {
			return fmt.Errorf("take the lead: %w", err)
		}
		p.lw = lw
	}
	return p.restore(ctx)
}

// leader is where the clusterer's results are written: the Leader that
// takeLead took, else (a store without a fence, never a shared one (see
// New), or a test's pipeline that was not started) the store itself,
// unfenced. p.mu must be held.
func (p *Pipeline) leader() store.Leader {
	if p.lw != nil {
		return p.lw
	}
	return unfenced{p.st}
}

// unfenced is a store's plain writes as a store.Leader of epoch 0.
type unfenced struct{ store.Store }

func (unfenced) Epoch() int64 { return 0 }

// PutClusterSnapshot saves s if the store keeps snapshots; saveSnapshot
// asks only then.
func (u unfenced) PutClusterSnapshot(ctx context.Context, s store.ClusterSnapshot) error {
	if cs, ok := u.Store.(snapshotKeeper); ok {
		return cs.PutClusterSnapshot(ctx, s)
	}
	return nil
}

// groupJob runs a group job's work as the leader (see asLeader). A write
// refused by the fence means another process leads: the job is snoozed,
// to be done by that one, and the leadership goroutine told to follow.
func (p *Pipeline) groupJob(ctx context.Context, work func(context.Context) error) error {
	ctx, stop, epoch, ok := p.asLeader(ctx)
	if !ok {
		return river.JobSnooze(time.Second)
	}
	defer stop()
	err := work(ctx)
	if w := (*settleWait)(nil); errors.As(err, &w) {
		// Unique by state, the job still scheduled keeps the scheduler's
		// inserts from adding another.
		return river.JobSnooze(min(w.left, maxSettleSnooze))
	}
	if !errors.Is(err, store.ErrFenced) {
		return err
	}
	if !p.shared {
		return err // one process per database: nothing else raises the epoch
	}
	p.logger.Debug("group job fenced", "err", err)
	// Never blocks: one report of an epoch is enough, and the leadership
	// goroutine drops those of an earlier reign.
	select {
	case p.fenced <- epoch:
	default:
	}
	return river.JobSnooze(time.Second)
}
