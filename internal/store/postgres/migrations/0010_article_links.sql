-- The links whose pages redirected, each to the article stored under the
-- page's final URL (docs/pipeline.md, "Redirected links"): an article is
-- stored under the canonical form of the URL its fetch ended at, so a
-- feed that links to a redirector (feedburner, a tracking link) gives a
-- link no article is stored under, and a poll asking for it would fetch
-- the page again. Both are canonical (news.URLKey). A link goes with its
-- article (ON DELETE CASCADE, with the index on article_id that the
-- cascade looks rows up by): the table never holds more rows than there
-- are links of stored articles.
--
-- The unique index is on md5 of the link, as sources_by_url_key is (see
-- 0005): a canonical link percent-encodes non-ASCII bytes, and one longer
-- than a btree row (2704 bytes) would fail the article's own insert, which
-- the link is written with. Lookups compare md5(link) and link, so an md5
-- collision is never taken for a match; it could only replace another
-- link's row, which costs that link one fetch.
CREATE TABLE article_links (
	link       TEXT   NOT NULL,
	article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX article_links_by_link ON article_links (md5(link));
CREATE INDEX article_links_article ON article_links (article_id);
