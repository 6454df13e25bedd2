-- Accent folding for full-text search, so that PostgreSQL finds what
-- SQLite's FTS5 (unicode61 remove_diacritics 2) finds: "cafe" finds
-- "Café", "Sao Paulo" "São Paulo", "politica" "política".
-- newsdesk_fold decomposes the text (NFD) and drops the combining marks
-- (U+0300-U+036F) that follow an ASCII letter: a Latin letter with
-- accents becomes its base letter, whether it was stored precomposed
-- ("é") or decomposed ("e" + U+0301). That is SQLite's table (the letters
-- it folds, TestFoldMatchesSQLite reads them from its tokenizer) but for
-- two, U+01E0/U+01E1 (A with dot above and macron), which SQLite keeps;
-- like SQLite it leaves letters that are no ASCII letter with marks
-- (ł, ø, æ, ß) and other scripts' accents (й, ά), which stay decomposed
-- here, on both the text's side and the query's, so they still match.
-- Built-ins rather than the unaccent extension: an extension must be
-- installed by a user with CREATE on the database (often not newsdesk's)
-- and is one per database, where newsdesk keeps to its schema. Not
-- translate() with a table of the letters either: it scans its table for
-- every character, 9 ms for a 1,900-character article where this takes
-- 0.06 ms. normalize() needs PostgreSQL 13 and a UTF8 database.
-- IMMUTABLE, as a generated column's expression must be; a SQL function
-- of one expression, so that the planner inlines it (a query's folded
-- words are a constant).
-- The search column is made again with the fold (PostgreSQL 15 cannot
-- change a generated column's expression), which indexes every stored
-- article again inside this migration's transaction; a query folds its
-- words with the same function (sqlq.PostgresSearch).
CREATE FUNCTION newsdesk_fold(s text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT regexp_replace(normalize(s, NFD), '([A-Za-z])[\u0300-\u036f]+', '\1', 'g') $$;
ALTER TABLE articles DROP COLUMN search;
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
	setweight(to_tsvector('simple', regexp_replace(newsdesk_fold(left(title, 10000)), '[!-/:-@[-`{-~]+', ' ', 'g')), 'A') ||
	setweight(to_tsvector('simple', regexp_replace(newsdesk_fold(left(text, 100000)), '[!-/:-@[-`{-~]+', ' ', 'g')), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
