-- Full-text search of articles' titles and text (store.StorySearcher): an
-- FTS5 index with the articles table as its external content, so the
-- text is stored once. Triggers keep it in step with every write to
-- articles, whichever statement makes it; the 'rebuild' indexes the
-- articles already stored, in this migration's transaction.
-- remove_diacritics 2 lets "politica" find "política": the desk reads
-- Spanish as well as English.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
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
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE INDEX stories_by_category_rank ON stories (category, rank, id);
