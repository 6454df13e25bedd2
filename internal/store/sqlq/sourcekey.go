package sqlq

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Sources are kept unique by the canonical form of their URL, not only by
// the URL as written: url_key is news.URLKey of url, under a unique index
// on (url_key, url_key_dup). url_key_dup is 0 for the source that owns its
// key, so a second source with the key is refused whatever its spelling.
// An older newsdesk stored URLs as given, so a database may already hold
// two spellings of one feed; the migration that adds the key keeps both
// rows (a user's source is never dropped by an upgrade), gives the key to
// the oldest, and marks each later one with its own ID in url_key_dup,
// which keeps it out of the uniqueness. Deleting a key's owner hands the
// key to the oldest such twin (PromoteSourceKey), so that the key stays
// owned while any source has it.

// SourceKeyStep is the Go half of the migration that adds url_key, run in
// its transaction after its SQL: it keys every stored source, oldest
// first, with news.URLKey, the function the web layer canonicalises new
// sources with, and marks the later twins of a key (see above), warning
// about each with the command that removes it.
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
		key, dup := news.URLKey(r.url), int64(0)
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

// PromoteSourceKey gives the key $1, whose owner was just deleted, to the
// oldest source left with it, if any.
func PromoteSourceKey(eq KeyEq) string {
	return `UPDATE sources SET url_key_dup = 0
	WHERE id = (SELECT min(id) FROM sources WHERE ` + eq("$1") + `) AND url_key_dup <> 0`
}

// UpdateSource saves every field of a source but ID, CreatedAt and
// ArticleCount: $1-$13 the fields, $14 the ID, $15 news.URLKey of $2, the
// URL. A new URL takes its key (and owns it: a twin given a new URL is one
// no longer); an unchanged URL leaves the key alone, so that the poll's
// every UpdateSource never fails on it.
const UpdateSource = `UPDATE sources SET kind = $1, url = $2, name = $3, home_url = $4,
	lang = $5, category = $6, etag = $7, last_modified = $8, last_polled_at = $9, next_poll_at = $10,
	status = $11, last_error = $12, error_count = $13,
	url_key = CASE WHEN url = $2 THEN url_key ELSE $15 END,
	url_key_dup = CASE WHEN url = $2 THEN url_key_dup ELSE 0 END
	WHERE id = $14`
