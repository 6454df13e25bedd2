-- The machine translation the clusterer grouped each article with (its
-- title, a blank line, its text, in the desk's language) and the language
-- pair it was asked for. A restarted clusterer replays the stored text
-- instead of calling the translator again for a year of articles. A pair
-- without text: the translator was asked and gave nothing. Both empty:
-- grouped without asking a translator, or before this migration.
-- Constant defaults, so adding the columns does not rewrite the table.
ALTER TABLE articles ADD COLUMN translation TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN translation_from TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN translation_to TEXT NOT NULL DEFAULT '';
