-- This newsdesk's instance ID: its Atom feed of briefings names it
-- (<generator uri="urn:newsdesk:instance:ID">), and a poll refuses a feed
-- that does, as this desk's own (docs/security.md). Kept here rather than
-- drawn at each start, so that a restart keeps it and every process on
-- the database names the same instance. One row, inserted by the first
-- store.Store.InstanceID (sqlq.InstanceID), which draws the ID in Go with
-- crypto/rand; never changed after.
CREATE TABLE instance (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	instance_id TEXT    NOT NULL CHECK (instance_id <> '')
);
