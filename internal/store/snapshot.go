package store

import (
	"context"
	"time"
)

// ClusterSnapshot is the clusterer's state saved at one point of the
// grouped order (see cluster.Snapshot), so that a restart loads it and
// replays only the decisions recorded after it.
type ClusterSnapshot struct {
	Data []byte
	// After is the last article, in GroupedOrder, whose decision Data
	// covers: the ArticleFilter.After of the replay that follows a load.
	// 0 when it covers none.
	After int64
	// Fingerprint names the format and configuration Data was taken
	// under, so a mismatch is seen without reading Data.
	Fingerprint string
	TakenAt     time.Time
}

// ClusterSnapshots is kept by a back end that can hold the clusterer's
// latest snapshot; both of newsdesk's do. It is separate from Store so
// that a store without it (a test's) still serves: the clusterer is then
// rebuilt by replay.
type ClusterSnapshots interface {
	// PutClusterSnapshot replaces the snapshot kept.
	PutClusterSnapshot(ctx context.Context, s ClusterSnapshot) error
	// ClusterSnapshot returns the snapshot kept, ErrNotFound if none.
	ClusterSnapshot(ctx context.Context) (ClusterSnapshot, error)
}
