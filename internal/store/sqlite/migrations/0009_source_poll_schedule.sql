-- Each source's poll schedule (docs/pipeline.md, "Poll intervals"):
-- the interval its user set (nanoseconds, 0 for the server's), how often
-- the feed says it changes (0 if it does not say), the good polls in a
-- row that found nothing new, and the interval the last poll chose with
-- why. Every column has a default, so rows an older newsdesk stored read
-- as polled at the server's interval; the file is applied in one
-- transaction with the row that records it, all or nothing.
ALTER TABLE sources ADD COLUMN poll_interval INTEGER NOT NULL DEFAULT 0 CHECK (poll_interval >= 0);
ALTER TABLE sources ADD COLUMN poll_hint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN unchanged_polls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN poll_every INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN poll_reason TEXT NOT NULL DEFAULT '';
