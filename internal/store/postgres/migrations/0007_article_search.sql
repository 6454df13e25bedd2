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
-- Only the text's first 100,000 characters are indexed: PostgreSQL
-- refuses a tsvector over 1 MB, and as the column is generated the
-- insert itself would fail and the article be lost. 100,000 characters
-- are some 16,000 words, beyond any article (a long read is half that);
-- at four bytes a character and one-letter words their tsvector stays
-- under 1 MB. SQLite's FTS5 has no such limit and indexes all of it.
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
	setweight(to_tsvector('simple', regexp_replace(left(title, 10000), '[!-/:-@[-`{-~]+', ' ', 'g')), 'A') ||
	setweight(to_tsvector('simple', regexp_replace(left(text, 100000), '[!-/:-@[-`{-~]+', ' ', 'g')), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
CREATE INDEX stories_by_category_rank ON stories (category, rank, id);
