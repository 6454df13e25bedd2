-- Full-text search of articles' titles and text (store.StorySearcher): a
-- generated tsvector, so every write keeps it and the articles already
-- stored are indexed by this ALTER, with a GIN index. The 'simple'
-- configuration lower-cases without stemming or stop words: the desk
-- holds English and Spanish, and one configuration for both keeps a
-- query's words meaning the same whatever the article's language. A
-- title's words weigh more (A) than the text's (B) in ts_rank.
-- ASCII punctuation is made a space first: PostgreSQL's parser keeps
-- "U.S." as 'u.s', "example.com" as a host and "well-known" whole, where
-- store.ParseQuery (and SQLite's unicode61) read words, "u s". The class
-- is spelled as byte ranges, not [[:punct:]], so that it means the same
-- under every locale.
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
	setweight(to_tsvector('simple', regexp_replace(title, '[!-/:-@[-`{-~]+', ' ', 'g')), 'A') ||
	setweight(to_tsvector('simple', regexp_replace(text, '[!-/:-@[-`{-~]+', ' ', 'g')), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
CREATE INDEX stories_by_category_rank ON stories (category, rank, id);
