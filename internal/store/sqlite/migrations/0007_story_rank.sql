-- The front page's rank of each story (store.StoryRank), so that the
-- ranked list can be paged along an index by cursor instead of sorted
-- whole on every request. The migration's Go step (sqlq.StoryRankStep)
-- ranks the stories already stored; PutStory ranks every story it writes.
ALTER TABLE stories ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_by_rank ON stories (rank, id);
