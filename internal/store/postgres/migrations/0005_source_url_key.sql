-- Sources are unique by the canonical form of their URL (see
-- internal/store/sqlq/sourcekey.go). The migration's Go step
-- (sqlq.SourceKeyStep) keys the stored rows after this SQL, in the same
-- transaction: NULL keys are distinct in a unique index, so the index can
-- be built before the rows are keyed. The index is on md5 of the key, not
-- the key: the key percent-encodes non-ASCII bytes, so a URL that fits the
-- unique index on url (a btree row is at most 2704 bytes) can have a key
-- three times as long, which would fail the migration for good. Lookups
-- compare md5(url_key) and url_key (sqlq.KeyEq), so an md5 collision is
-- never taken for a match; it could only refuse one subscription.
ALTER TABLE sources ADD COLUMN url_key TEXT;
ALTER TABLE sources ADD COLUMN url_key_dup BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX sources_by_url_key ON sources (md5(url_key), url_key_dup);
