-- The thread the clusterer gave each article when it grouped it. A story's
-- thread can change later (a move, a merge); a restarted clusterer replays
-- this one to rebuild its thread state in the order it was made.
ALTER TABLE articles ADD COLUMN thread_id INTEGER NOT NULL DEFAULT 0;
