-- The largest story or thread ID ever saved: see SQLite's
-- 0013_story_id_mark.sql. A trigger raises it in the write's own
-- transaction; WHERE keeps it from writing the row when it does not
-- rise, and a concurrent raise waits for the row and checks again.
CREATE TABLE story_id_mark (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	mark BIGINT  NOT NULL
);
-- The triggers come before the seed: CREATE TRIGGER holds its SHARE ROW
-- EXCLUSIVE lock on stories and articles until commit, so once they exist
-- no writer (an older newsdesk may still run) can commit a story the
-- seed's snapshot misses and no trigger sees. Seeded first, a story
-- committed between the seed and the lock would be in neither.
CREATE FUNCTION newsdesk_raise_story_id_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'articles' THEN
		UPDATE story_id_mark SET mark = GREATEST(NEW.story_id, NEW.thread_id) WHERE mark < GREATEST(NEW.story_id, NEW.thread_id);
	ELSE
		UPDATE story_id_mark SET mark = GREATEST(NEW.id, NEW.thread_id) WHERE mark < GREATEST(NEW.id, NEW.thread_id);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER stories_id_mark AFTER INSERT OR UPDATE OF id, thread_id ON stories
	FOR EACH ROW EXECUTE FUNCTION newsdesk_raise_story_id_mark();
CREATE TRIGGER articles_id_mark AFTER UPDATE OF story_id, thread_id ON articles
	FOR EACH ROW EXECUTE FUNCTION newsdesk_raise_story_id_mark();
-- Briefing bodies are news.Briefing as JSON, written by the store; read
-- with a pattern rather than a cast, which fails the upgrade on a body
-- that is not JSON.
INSERT INTO story_id_mark (id, mark) SELECT 1, GREATEST(
	(SELECT COALESCE(max(GREATEST(id, thread_id)), 0) FROM stories),
	(SELECT COALESCE(max(GREATEST(story_id, thread_id)), 0) FROM articles),
	(SELECT COALESCE(max(story_id), 0) FROM briefings),
	(SELECT COALESCE(max(m[1]::bigint), 0) FROM briefings,
		regexp_matches(body, '"(?:story|thread)_id":([0-9]{1,18})\y', 'g') AS m));
