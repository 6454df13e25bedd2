-- The clusterer's latest snapshot (see cluster.Snapshot), so that a restart
-- loads it and replays only the decisions recorded after it. One row: a new
-- snapshot replaces the last. after_article is the last article, in grouped
-- order, whose decision the snapshot covers (0: none); fingerprint names
-- the format and configuration it was taken under.
CREATE TABLE cluster_snapshot (
	id            INTEGER PRIMARY KEY CHECK (id = 1),
	data          BLOB    NOT NULL,
	after_article INTEGER NOT NULL,
	fingerprint   TEXT    NOT NULL,
	taken_at      INTEGER NOT NULL
);
