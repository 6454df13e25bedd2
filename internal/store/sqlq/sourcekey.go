package sqlq

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Sources are kept unique by the canonical form of their URL, not only by
// the URL as written: url_key is news.SourceKey of url, under a unique index
// on (url_key, url_key_dup). url_key_dup is 0 for the source that owns its
// key, so a second source with the key is refused whatever its spelling.
// An older newsdesk stored URLs as given, so a database may already hold
// two spellings of one feed; the migration that adds the key keeps both
// rows (a user's source is never dropped by an upgrade), gives the key to
// the oldest, and marks each later one with its own ID in url_key_dup,
// which keeps it out of the uniqueness. Deleting a key's owner, or giving it
// another URL, hands the key to the oldest such twin (SourceKeys), so
// that the key stays owned while any source has it.

// SourceKeyStep is the Go half of the migration that adds url_key, run in
// its transaction after its SQL: it keys every stored source, oldest
// first, with news.SourceKey, the form the web layer stores new sources
// in (news.CheckURL), and marks the later twins of a key (see above),
// warning about each with the command that removes it. The migration that
// normalised the keys as RFC 3986 does (SQLite 0015, PostgreSQL 0014) runs
// it again after its SQL has set every url_key_dup to the row's ID, so
// that no row's new key meets an older key still unchanged in the unique
// index.
func SourceKeyStep(ctx context.Context, tx Tx, logger *slog.Logger) error {
	type row struct {
		id  int64
		url string
	}
	rows, err := tx.Query(ctx, `SELECT id, url FROM sources ORDER BY id`)
	if err != nil {
		return fmt.Errorf("key sources: %w", err)
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.url); err != nil {
			rows.Close()
			return fmt.Errorf("key sources: %w", err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("key sources: %w", err)
	}
	owners := make(map[string]int64, len(list))
	for _, r := range list {
		key, dup := news.SourceKey(r.url), int64(0)
		if owner, ok := owners[key]; ok {
			dup = r.id
			logger.Warn("two sources are subscribed to one URL written two ways; both kept",
				"source", owner, "twin", r.id, "url", key,
				"remove_with", fmt.Sprintf("newsdesk sources remove %d", r.id))
		} else {
			owners[key] = r.id
		}
		if err := tx.Exec(ctx, `UPDATE sources SET url_key = $1, url_key_dup = $2 WHERE id = $3`, key, dup, r.id); err != nil {
			return fmt.Errorf("key source %d: %w", r.id, err)
		}
	}
	return nil
}

// KeyEq is a back end's condition that url_key equals the parameter
// param, written so that its index on the key serves it: PostgreSQL
// indexes md5(url_key), because a key can be longer than a btree row may
// be (see its migration 0005), SQLite the key itself.
type KeyEq func(param string) string

// SourceKeys is how a back end changes and deletes sources, keeping every
// key with a source owned: Eq is its KeyEq, Lock what ends a SELECT of
// rows the transaction goes on to change (" FOR UPDATE" on PostgreSQL;
// empty on SQLite, whose write transactions run one at a time), and
// IsUnique tells the back end's unique violation.
type SourceKeys struct {
	Eq       KeyEq
	Lock     string
	IsUnique func(error) bool
}

// UpdateErr is the error of a store's UpdateSourceFunc saving s, given
// what its transaction running k.UpdateSource returned.
func (k SourceKeys) UpdateErr(s news.Source, err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("source %d: %w", s.ID, err)
	case err != nil && k.IsUnique(err):
		return fmt.Errorf("update source %d: url %q: %w", s.ID, s.URL, store.ErrDuplicate)
	case err != nil:
		return fmt.Errorf("update source %d: %w", s.ID, err)
	}
	return nil
}

// DeleteErr is the error of a store's DeleteSource of source id, given
// what its transaction running k.DeleteSource returned.
func DeleteErr(id int64, err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("source %d: %w", id, err)
	case err != nil:
		return fmt.Errorf("delete source %d: %w", id, err)
	}
	return nil
}

// AddSource is the insert of a new source: $1-$14 its fields (kind, url,
// name, home_url, lang, category, created_at, etag, last_modified,
// last_polled_at, next_poll_at, status, last_error, error_count), $15
// news.SourceKey of $2, the URL, $16-$20 its poll schedule (PollArgs). It returns the new ID, or no row if the URL
// is subscribed in any spelling. The NOT EXISTS counts a source with the
// key whether it owns it or is a twin, so that a key only twins have (the
// store does not leave one, but a database may hold one) is taken on both
// back ends; and it keeps a duplicate from drawing an ID it will not use
// (a PostgreSQL identity column draws one per row tried, even one ON
// CONFLICT drops). ON CONFLICT, without a target so that it covers the
// URL's and the key's unique indexes, covers the race of two inserts of
// the same feed.
func (k SourceKeys) AddSource() string {
	return `INSERT INTO sources
		(kind, url, name, home_url, lang, category, created_at, etag, last_modified,
		 last_polled_at, next_poll_at, status, last_error, error_count, url_key,
		 poll_interval, poll_hint, unchanged_polls, poll_every, poll_reason)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20
		WHERE NOT EXISTS (SELECT 1 FROM sources WHERE url = $2 OR ` + k.Eq("$15") + `)
		ON CONFLICT DO NOTHING RETURNING id`
}

// PollArgs are s's poll schedule columns (poll_interval, poll_hint,
// unchanged_polls, poll_every, poll_reason), in order, as AddSource and
// UpdateSource take them.
func PollArgs(s news.Source) []any {
	return []any{int64(s.PollInterval), int64(s.PollHint), s.UnchangedPolls, int64(s.PollEvery), s.PollReason}
}

// heldKey is the key a source had when its transaction read it.
type heldKey struct {
	key sql.NullString
	dup int64
}

// lock reads the key of source id and locks, under Lock, every source
// with that key, oldest first: the order every change of a key's sources
// takes them in, so two cannot deadlock, and handOver, run after, sees
// the twins as they are (a twin deleted meanwhile is not picked from an
// older snapshot, leaving the key with no owner). If the source's key
// changes before the lock, it reads the key again. It returns
// store.ErrNotFound if there is no such source.
func (k SourceKeys) lock(ctx context.Context, tx Tx, id int64) (heldKey, error) {
	for {
		var h heldKey
		found, err := queryRow(ctx, tx, `SELECT url_key, url_key_dup FROM sources WHERE id = $1`, []any{id}, &h.key, &h.dup)
		if err == nil && !found {
			err = store.ErrNotFound
		}
		if err != nil {
			return h, err
		}
		if !h.key.Valid {
			// No key to hand over: the row is all there is to lock.
			var still sql.NullString
			found, err := queryRow(ctx, tx, `SELECT url_key, url_key_dup FROM sources WHERE id = $1`+k.Lock, []any{id}, &still, &h.dup)
			if err == nil && !found {
				err = store.ErrNotFound
			}
			if err != nil || !still.Valid {
				return h, err
			}
			continue
		}
		rows, err := tx.Query(ctx, `SELECT id, url_key_dup FROM sources WHERE `+k.Eq("$1")+` ORDER BY id`+k.Lock, h.key.String)
		if err != nil {
			return h, err
		}
		locked := false
		for rows.Next() {
			var rid, dup int64
			if err := rows.Scan(&rid, &dup); err != nil {
				rows.Close()
				return h, err
			}
			if rid == id {
				locked, h.dup = true, dup
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil || locked {
			return h, err
		}
	}
}

// queryRow scans the first row query returns into dest, reporting
// whether there was one.
func queryRow(ctx context.Context, tx Tx, query string, args []any, dest ...any) (bool, error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return false, err
	}
	found := rows.Next()
	if found {
		err = rows.Scan(dest...)
	}
	rows.Close()
	if err == nil {
		err = rows.Err()
	}
	return found, err
}

// handOver gives the key h, which its source held and has left for
// newKey ("" when deleted), to the key's oldest twin, if h was the owner
// and a twin is left.
func (k SourceKeys) handOver(ctx context.Context, tx Tx, h heldKey, newKey string) error {
	if !h.key.Valid || h.dup != 0 || h.key.String == newKey {
		return nil
	}
	return tx.Exec(ctx, `UPDATE sources SET url_key_dup = 0
		WHERE id = (SELECT min(id) FROM sources WHERE `+k.Eq("$1")+`) AND url_key_dup <> 0`, h.key.String)
}

// UpdateSource saves every field of s but ID, CreatedAt and ArticleCount
// in tx. A new URL takes its key (and owns it: a twin given a new URL is
// one no longer), and the key the source owned goes to its oldest twin;
// an unchanged URL leaves the key alone, so that the poll's every
// UpdateSource never fails on it. A source with no key (one an older
// newsdesk, still running beside this one, added) gets its URL's key, as
// a twin if another source owns it; on PostgreSQL an AddSource of the key
// committed between the check and the update fails this one with a
// unique violation, and the next poll makes it a twin. It returns store.ErrNotFound if there is
// no such source, and the back end's unique violation if the new URL's key
// is owned.
func (k SourceKeys) UpdateSource(ctx context.Context, tx Tx, s news.Source) error {
	h, err := k.lock(ctx, tx, s.ID)
	if err != nil {
		return err
	}
	key := news.SourceKey(s.URL)
	args := append([]any{s.Kind, s.URL, s.Name, s.HomeURL, s.Lang, s.Category, s.ETag, s.LastModified,
		Nanos(s.LastPolledAt), Nanos(s.NextPollAt), s.Status, s.LastError, s.ErrorCount, s.ID, key}, PollArgs(s)...)
	if err := tx.Exec(ctx, `UPDATE sources SET kind = $1, url = $2, name = $3, home_url = $4,
		lang = $5, category = $6, etag = $7, last_modified = $8, last_polled_at = $9, next_poll_at = $10,
		status = $11, last_error = $12, error_count = $13,
		poll_interval = $16, poll_hint = $17, unchanged_polls = $18, poll_every = $19, poll_reason = $20,
		url_key = CASE WHEN url = $2 THEN coalesce(url_key, $15) ELSE $15 END,
		url_key_dup = CASE WHEN url <> $2 THEN 0
			WHEN url_key IS NOT NULL THEN url_key_dup
			WHEN EXISTS (SELECT 1 FROM sources WHERE `+k.Eq("$15")+` AND url_key_dup = 0) THEN id
			ELSE 0 END
		WHERE id = $14`, args...); err != nil {
		return err
	}
	return k.handOver(ctx, tx, h, key)
}

// DeleteSource deletes source id in tx and gives the key it owned to its
// oldest twin. It returns store.ErrNotFound if there is no such source.
func (k SourceKeys) DeleteSource(ctx context.Context, tx Tx, id int64) error {
	h, err := k.lock(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := tx.Exec(ctx, `DELETE FROM sources WHERE id = $1`, id); err != nil {
		return err
	}
	return k.handOver(ctx, tx, h, "")
}
