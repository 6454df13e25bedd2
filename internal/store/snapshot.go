package store

import "time"

// ClusterSnapshot is the clusterer's state saved at one point of the
// grouped order (see cluster.Snapshot), so that a restart loads it and
// replays only the decisions recorded after it. Both back ends keep the
// latest one (PutClusterSnapshot, and ClusterSnapshot, which returns
// ErrNotFound when none is kept); it is not part of Store, so that a store
// without it (a test's) still serves: the clusterer is then rebuilt by
// replay.
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
