-- The links whose pages redirected, each to the article stored under the
-- page's final URL (docs/pipeline.md, "Redirected links"): an article is
-- stored under the canonical form of the URL its fetch ended at, so a
-- feed that links to a redirector (feedburner, a tracking link) gives a
-- link no article is stored under, and a poll asking for it would fetch
-- the page again. Both are canonical (news.URLKey). A link goes with its
-- article (ON DELETE CASCADE, with the index on article_id that the
-- cascade looks rows up by): the table never holds more rows than there
-- are links of stored articles.
CREATE TABLE article_links (
	link       TEXT    PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX article_links_article ON article_links(article_id);
