-- The largest story or thread ID ever saved. The clusterer numbers stories
-- and threads; a full replay (a new release's clusterer) starts it past
-- the largest ID the replayed articles name, which is smaller once
-- retention removed the newest story, and an old /stories/N link or Atom
-- entry would then show another story. The store keeps the mark so that
-- the replay starts past it (store.Store.StoryIDMark). Triggers raise it
-- in the write's own statement, whatever writes a story or groups an
-- article; WHERE keeps them from writing the row when it does not rise.
CREATE TABLE story_id_mark (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	mark INTEGER NOT NULL
);
-- Seeded from every ID still named: stories, articles, briefings and the
-- stories their bodies cite (related stories, which a prune may have
-- removed). A story ID that nothing names any more can still come back
-- once, at the first replay after this upgrade.
INSERT INTO story_id_mark (id, mark) SELECT 1, max(
	(SELECT COALESCE(max(max(id, thread_id)), 0) FROM stories),
	(SELECT COALESCE(max(max(story_id, thread_id)), 0) FROM articles),
	(SELECT COALESCE(max(story_id), 0) FROM briefings),
	(SELECT COALESCE(max(c.value), 0) FROM briefings, json_tree(briefings.body) AS c
		WHERE json_valid(briefings.body) AND c.key IN ('story_id', 'thread_id') AND c.type = 'integer'));
CREATE TRIGGER stories_id_mark_insert AFTER INSERT ON stories BEGIN
	UPDATE story_id_mark SET mark = max(new.id, new.thread_id) WHERE mark < max(new.id, new.thread_id);
END;
CREATE TRIGGER stories_id_mark_update AFTER UPDATE OF id, thread_id ON stories BEGIN
	UPDATE story_id_mark SET mark = max(new.id, new.thread_id) WHERE mark < max(new.id, new.thread_id);
END;
CREATE TRIGGER articles_id_mark_update AFTER UPDATE OF story_id, thread_id ON articles BEGIN
	UPDATE story_id_mark SET mark = max(new.story_id, new.thread_id) WHERE mark < max(new.story_id, new.thread_id);
END;
