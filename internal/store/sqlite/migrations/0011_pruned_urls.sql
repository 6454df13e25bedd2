-- The URLs of articles that retention removed (store.Pruner), and the
-- links that redirected to them, so that HasArticle still finds them: a
-- poll decides an item is new by HasArticle, and a feed that still lists
-- a pruned item (a slow feed, an evergreen page) would otherwise have it
-- fetched, grouped and briefed again as news. Only the canonical URL is
-- kept, no text: some 100 bytes a row with its index, against the
-- kilobytes of the article it stands for. pruned_at is Unix nanoseconds.
CREATE TABLE pruned_urls (
	url       TEXT    PRIMARY KEY,
	pruned_at INTEGER NOT NULL
) WITHOUT ROWID;
