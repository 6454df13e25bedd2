-- This newsdesk's instance ID, one row: see SQLite's 0014_instance_id.sql.
-- Processes starting together on one database each insert their own draw
-- with ON CONFLICT DO NOTHING; the first to commit is kept, and every one
-- reads it back (sqlq.InstanceID).
CREATE TABLE instance (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	instance_id TEXT    NOT NULL CHECK (instance_id <> '')
);
