-- The leader epoch, the fencing token of the process that groups articles
-- (see store.Leader): Lead raises it, and a Leader's writes are refused once
-- it no longer stands at the Leader's epoch. One row.
CREATE TABLE leader_epoch (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	epoch BIGINT  NOT NULL
);
INSERT INTO leader_epoch (id, epoch) VALUES (1, 0);
