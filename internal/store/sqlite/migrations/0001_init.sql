-- Times are Unix nanoseconds (UTC); NULL means unknown.
CREATE TABLE sources (
	id             INTEGER PRIMARY KEY,
	kind           TEXT    NOT NULL,
	url            TEXT    NOT NULL UNIQUE,
	name           TEXT    NOT NULL DEFAULT '',
	home_url       TEXT    NOT NULL DEFAULT '',
	lang           TEXT    NOT NULL DEFAULT '',
	category       TEXT    NOT NULL DEFAULT '',
	created_at     INTEGER NOT NULL,
	etag           TEXT    NOT NULL DEFAULT '',
	last_modified  TEXT    NOT NULL DEFAULT '',
	last_polled_at INTEGER,
	next_poll_at   INTEGER,
	status         TEXT    NOT NULL DEFAULT 'new',
	last_error     TEXT    NOT NULL DEFAULT '',
	error_count    INTEGER NOT NULL DEFAULT 0
);

-- Articles outlive their source: briefings cite them.
CREATE TABLE articles (
	id                INTEGER PRIMARY KEY,
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
	group_seq         INTEGER -- order of the first SetArticleGroup; NULL until clustered
);
CREATE INDEX articles_source ON articles(source_id, sort_time);
CREATE INDEX articles_story ON articles(story_id, sort_time);
CREATE INDEX articles_time ON articles(sort_time);
CREATE INDEX articles_unclustered ON articles(sort_time) WHERE group_seq IS NULL;
CREATE INDEX articles_group_seq ON articles(group_seq);

CREATE TABLE stories (
	id            INTEGER PRIMARY KEY, -- given by the clusterer
	thread_id     INTEGER NOT NULL DEFAULT 0,
	title         TEXT    NOT NULL DEFAULT '',
	category      TEXT    NOT NULL DEFAULT '',
	first_seen    INTEGER,
	last_updated  INTEGER,
	article_count INTEGER NOT NULL DEFAULT 0,
	source_count  INTEGER NOT NULL DEFAULT 0,
	briefed       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_rank ON stories(last_updated);
CREATE INDEX stories_thread ON stories(thread_id);
CREATE INDEX stories_unbriefed ON stories(id) WHERE briefed = 0;

CREATE TABLE briefings (
	story_id     INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
	generated_at INTEGER NOT NULL,
	body         TEXT    NOT NULL -- news.Briefing as JSON
);
