-- Sources and articles are given IDs that are never given again: their
-- IDs are public (/api/sources/8, /articles/123, links and bookmarks), and
-- an INTEGER PRIMARY KEY reuses the largest rowid once its row is deleted
-- (a deleted source, a pruned article), so an old link would show another
-- source. AUTOINCREMENT keeps the largest ID ever given in sqlite_sequence
-- instead, as PostgreSQL's identity columns do. Stories (and threads) are
-- numbered by the clusterer, not here; briefings by their story.
--
-- A table's key cannot be altered, so each table is rebuilt as
-- https://www.sqlite.org/lang_altertable.html ("Making Other Kinds Of Table
-- Schema Changes") says: a new table, the rows copied with their IDs, the
-- old one dropped, the new one renamed, its indexes and triggers made
-- again. The migration runner applies it with foreign keys off (else
-- dropping sources would set every article's source_id NULL, and dropping
-- articles would delete their redirect links) and runs
-- PRAGMA foreign_key_check before it commits. The articles' FTS index is
-- kept as it is: its rowids are the articles' IDs, which the copy keeps.
CREATE TABLE new_sources (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	kind            TEXT    NOT NULL,
	url             TEXT    NOT NULL UNIQUE,
	name            TEXT    NOT NULL DEFAULT '',
	home_url        TEXT    NOT NULL DEFAULT '',
	lang            TEXT    NOT NULL DEFAULT '',
	category        TEXT    NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	etag            TEXT    NOT NULL DEFAULT '',
	last_modified   TEXT    NOT NULL DEFAULT '',
	last_polled_at  INTEGER,
	next_poll_at    INTEGER,
	status          TEXT    NOT NULL DEFAULT 'new',
	last_error      TEXT    NOT NULL DEFAULT '',
	error_count     INTEGER NOT NULL DEFAULT 0,
	url_key         TEXT,
	url_key_dup     INTEGER NOT NULL DEFAULT 0,
	poll_interval   INTEGER NOT NULL DEFAULT 0 CHECK (poll_interval >= 0),
	poll_hint       INTEGER NOT NULL DEFAULT 0,
	unchanged_polls INTEGER NOT NULL DEFAULT 0,
	poll_every      INTEGER NOT NULL DEFAULT 0,
	poll_reason     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO new_sources (id, kind, url, name, home_url, lang, category, created_at, etag, last_modified,
	last_polled_at, next_poll_at, status, last_error, error_count, url_key, url_key_dup,
	poll_interval, poll_hint, unchanged_polls, poll_every, poll_reason)
SELECT id, kind, url, name, home_url, lang, category, created_at, etag, last_modified,
	last_polled_at, next_poll_at, status, last_error, error_count, url_key, url_key_dup,
	poll_interval, poll_hint, unchanged_polls, poll_every, poll_reason
FROM sources;
DROP TABLE sources;
ALTER TABLE new_sources RENAME TO sources;
CREATE UNIQUE INDEX sources_by_url_key ON sources (url_key, url_key_dup);

-- Articles outlive their source: briefings cite them.
CREATE TABLE new_articles (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	source_id         INTEGER REFERENCES sources(id) ON DELETE SET NULL,
	url               TEXT    NOT NULL UNIQUE,
	title             TEXT    NOT NULL DEFAULT '',
	byline            TEXT    NOT NULL DEFAULT '',
	publisher         TEXT    NOT NULL DEFAULT '',
	lang              TEXT    NOT NULL DEFAULT '',
	published_at      INTEGER,
	fetched_at        INTEGER NOT NULL,
	sort_time         INTEGER NOT NULL, -- published_at, else fetched_at
	text              TEXT    NOT NULL DEFAULT '',
	description       TEXT    NOT NULL DEFAULT '',
	image_url         TEXT    NOT NULL DEFAULT '',
	category          TEXT    NOT NULL DEFAULT '',
	extraction        TEXT    NOT NULL,
	extraction_reason TEXT    NOT NULL DEFAULT '',
	duplicate_of      INTEGER NOT NULL DEFAULT 0,
	story_id          INTEGER NOT NULL DEFAULT 0,
	group_seq         INTEGER, -- order of the first SetArticleGroup; NULL until clustered
	thread_id         INTEGER NOT NULL DEFAULT 0,
	translation       TEXT    NOT NULL DEFAULT '',
	translation_from  TEXT    NOT NULL DEFAULT '',
	translation_to    TEXT    NOT NULL DEFAULT ''
);
INSERT INTO new_articles (id, source_id, url, title, byline, publisher, lang, published_at, fetched_at,
	sort_time, text, description, image_url, category, extraction, extraction_reason, duplicate_of,
	story_id, group_seq, thread_id, translation, translation_from, translation_to)
SELECT id, source_id, url, title, byline, publisher, lang, published_at, fetched_at,
	sort_time, text, description, image_url, category, extraction, extraction_reason, duplicate_of,
	story_id, group_seq, thread_id, translation, translation_from, translation_to
FROM articles;
DROP TABLE articles; -- and its triggers
ALTER TABLE new_articles RENAME TO articles;
CREATE INDEX articles_source ON articles(source_id, sort_time);
CREATE INDEX articles_story ON articles(story_id, sort_time);
CREATE INDEX articles_time ON articles(sort_time);
CREATE INDEX articles_unclustered ON articles(sort_time) WHERE group_seq IS NULL;
CREATE INDEX articles_group_seq ON articles(group_seq);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- The copies set each table's sequence to its largest ID stored. Seeded
-- outright all the same, so that an empty table starts a row at 0 too,
-- and so that the articles' sequence also passes the IDs that outlive
-- their article: a duplicate's duplicate_of (no foreign key; a prune
-- leaves it), the snapshot's after_article (the replay's cursor) and the
-- briefings' citations. Nothing keeps a deleted source's ID (articles'
-- source_id is set NULL), nor an article's no row names any more.
DELETE FROM sqlite_sequence WHERE name IN ('sources', 'articles');
INSERT INTO sqlite_sequence (name, seq) SELECT 'sources', COALESCE(max(id), 0) FROM sources;
INSERT INTO sqlite_sequence (name, seq) SELECT 'articles', max(
	(SELECT COALESCE(max(max(id, duplicate_of)), 0) FROM articles),
	(SELECT COALESCE(max(after_article), 0) FROM cluster_snapshot),
	(SELECT COALESCE(max(c.value), 0) FROM briefings, json_tree(briefings.body) AS c
		WHERE json_valid(briefings.body) AND c.key = 'article_id' AND c.type = 'integer'));
