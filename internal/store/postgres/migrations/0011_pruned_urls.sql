-- The URLs of articles that retention removed (store.Pruner), and the
-- links that redirected to them, so that HasArticle still finds them: a
-- poll decides an item is new by HasArticle, and a feed that still lists
-- a pruned item (a slow feed, an evergreen page) would otherwise have it
-- fetched, grouped and briefed again as news. Only the canonical URL is
-- kept, no text. The unique index is on md5 of the URL, as
-- article_links' is (see 0010): a canonical URL can outgrow a btree row.
-- pruned_at is Unix nanoseconds.
CREATE TABLE pruned_urls (
	url       TEXT   NOT NULL,
	pruned_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX pruned_urls_by_url ON pruned_urls (md5(url));
