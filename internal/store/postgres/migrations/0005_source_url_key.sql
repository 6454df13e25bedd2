-- Sources are unique by the canonical form of their URL (see
-- internal/store/sqlq/sourcekey.go). The migration's Go step
-- (sqlq.SourceKeyStep) keys the stored rows after this SQL, in the same
-- transaction: NULL keys are distinct in a unique index, so the index can
-- be built before the rows are keyed.
ALTER TABLE sources ADD COLUMN url_key TEXT;
ALTER TABLE sources ADD COLUMN url_key_dup BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX sources_by_url_key ON sources (url_key, url_key_dup);
