package sqlq

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// RetrySource makes source id due at now (see store.SourceRetrier), in a
// transaction of inTx that reads the source, locked (lock is
// SourceKeys.Lock), and writes it as its kind asks: a feed is made due, its
// error, error count and unchanged polls cleared, and a feed in error goes
// back to new ("error" with no error would be shown until the poll the
// retry asks for); a page is read again if it could not be read, else
// refused (retryPage: store.ErrReadOnce). A missing source is
// store.ErrNotFound. source reads the source after. The kind is read
// first, rather than a feed's UPDATE tried and a page's retry run when it
// changes no row, as it was: that ran, for every page, a write statement
// that wrote nothing, and on SQLite took the database's write lock for it.
func RetrySource(ctx context.Context, inTx InTx, lock string, source func(context.Context, int64) (news.Source, error), id int64, now time.Time) (news.Source, error) {
	err := inTx(ctx, func(tx Tx) error {
		s, err := readSource(ctx, tx, lock, id)
		if err != nil {
			return err
		}
		if s.Kind != news.SourceFeed {
			return retryPage(ctx, tx, s, now)
		}
		var a Args
		return tx.Exec(ctx, `UPDATE sources SET next_poll_at = `+a.Add(now.UnixNano())+`, last_error = '', error_count = 0,
		unchanged_polls = 0,
		status = CASE WHEN status = `+a.Add(news.StatusError)+` THEN `+a.Add(news.StatusNew)+` ELSE status END
		WHERE id = `+a.Add(id), a...)
	})
	if err != nil {
		return news.Source{}, fmt.Errorf("retry source %d: %w", id, err)
	}
	return source(ctx, id)
}

// ReaddSource answers, in a transaction of inTx, the addition of url that
// the store refused as a duplicate (see store.SourceRetrier): the source
// that owns url's key, read by the key's index and locked (k.Lock), is
// retried as RetrySource retries it if it is a page in error. It returns
// the source, as source reads it after a retry, and whether it was
// retried; no source with the key is store.ErrNotFound.
func ReaddSource(ctx context.Context, inTx InTx, k SourceKeys, source func(context.Context, int64) (news.Source, error), url string, now time.Time) (news.Source, bool, error) {
	var (
		held    news.Source
		retried bool
	)
	err := inTx(ctx, func(tx Tx) error {
		var (
			a   Args
			err error
		)
		// url_key_dup is 0 for the key's owner: a twin an older newsdesk
		// stored is not the one the store's refusal names.
		held, err = querySource(ctx, tx, k.Eq(a.Add(news.SourceKey(url)))+` AND s.url_key_dup = 0`+k.Lock, a...)
		if err != nil {
			return err
		}
		switch err := retryPage(ctx, tx, held, now); {
		case errors.Is(err, store.ErrReadOnce):
			return nil
		case err != nil:
			return err
		}
		retried = true
		return nil
	})
	if err != nil {
		return news.Source{}, false, fmt.Errorf("add source %q again: %w", url, err)
	}
	if !retried {
		return held, false, nil
	}
	s, err := source(ctx, held.ID)
	if err != nil {
		return news.Source{}, false, fmt.Errorf("add source %q again: %w", url, err)
	}
	return s, true, nil
}

// retryPage reads page s, read from tx and locked there, again: a page
// whose article could not be read (news.ExtractFailed: no text, so in no
// story and cited by no briefing) loses that article, so that the next
// poll fetches the page afresh rather than find the failed article under
// its URL, and is made new and due at now, its error cleared. A person
// adding the page again, or pressing "Retry now", expects it read again,
// as a feed's retry is. Any other source is refused (store.ErrReadOnce).
func retryPage(ctx context.Context, tx Tx, s news.Source, now time.Time) error {
	if s.Kind != news.SourcePage || s.Status != news.StatusError {
		return store.ErrReadOnce
	}
	// The article is found as ArticleByURL finds it: under the page's
	// URL, or under the one it redirected to. Its text is checked,
	// not assumed, to be empty: an article with text may be in a
	// story and cited by a briefing.
	var a Args
	key := a.Add(news.URLKey(s.URL))
	failed := `SELECT id FROM articles WHERE extraction = ` + a.Add(news.ExtractFailed) + ` AND text = '' AND (url = ` + key + `
		OR id IN (SELECT article_id FROM article_links WHERE link = ` + key + `))`
	// A failed article is grouped (with no story), so it can be the
	// cluster snapshot's cursor; deleted, the cursor would name no
	// grouped article and the next start replay the whole archive.
	// The cursor moves back to the article grouped before it (none:
	// 0, the start), which the snapshot's decisions also cover. An
	// ungrouped p (group_seq NULL) is never that article: NULL < x is
	// not true, so the comparison passes over it. The failed set is
	// written once, as a CTE, so that its placeholders appear once.
	if err := tx.Exec(ctx, `WITH failed AS (`+failed+`)
		UPDATE cluster_snapshot SET after_article = COALESCE((
			SELECT p.id FROM articles p, articles f
			WHERE f.id = cluster_snapshot.after_article AND p.group_seq < f.group_seq
				AND p.id NOT IN (SELECT id FROM failed)
			ORDER BY p.group_seq DESC, p.id DESC LIMIT 1), 0)
		WHERE after_article IN (SELECT id FROM failed)`, a...); err != nil {
		return err
	}
	// Only whether a row went is asked: RETURNING 1, since Tx's Exec
	// reports no count.
	rows, err := tx.Query(ctx, `DELETE FROM articles WHERE id IN (`+failed+`) RETURNING 1`, a...)
	if err != nil {
		return err
	}
	deleted := rows.Next()
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if !deleted {
		return store.ErrReadOnce
	}
	var u Args
	return tx.Exec(ctx, `UPDATE sources SET status = `+u.Add(news.StatusNew)+`, last_error = '', error_count = 0,
		next_poll_at = `+u.Add(now.UnixNano())+` WHERE id = `+u.Add(s.ID), u...)
}

// EditSource changes what a person edits of source id (see
// store.SourceEditor) in a transaction of inTx, k.Lock locking the row it
// reads (editSource), and returns the source as source reads it after.
// An error from edit is returned as it is.
func EditSource(ctx context.Context, inTx InTx, k SourceKeys, source func(context.Context, int64) (news.Source, error), id int64, edit func(*news.Source) error) (news.Source, error) {
	var editErr error
	err := inTx(ctx, func(tx Tx) error {
		_, err := editSource(ctx, tx, k.Lock, id, func(s *news.Source) error {
			editErr = edit(s)
			return editErr
		})
		return err
	})
	switch {
	case editErr != nil:
		return news.Source{}, editErr
	case err != nil:
		return news.Source{}, fmt.Errorf("edit source %d: %w", id, err)
	}
	return source(ctx, id)
}

// editSource changes, in tx, what a person may edit of source id (its
// name, lang, category and own poll interval) and its schedule (next poll
// time, interval and reason), as edit leaves the source it is given: the
// row as stored, locked (lock is SourceKeys.Lock). It writes no other
// column, so a poll saved meanwhile keeps its status, error count,
// validators and unchanged polls; and the poll state edit reads is the one
// it is written beside. An error from edit is returned as it is and
// changes nothing; a missing source is store.ErrNotFound. The source it
// returns has no ArticleCount.
func editSource(ctx context.Context, tx Tx, lock string, id int64, edit func(*news.Source) error) (news.Source, error) {
	s, err := readSource(ctx, tx, lock, id)
	if err != nil {
		return news.Source{}, err
	}
	if err := edit(&s); err != nil {
		return news.Source{}, err
	}
	err = tx.Exec(ctx, `UPDATE sources SET name = $1, lang = $2, category = $3, poll_interval = $4,
		next_poll_at = $5, poll_every = $6, poll_reason = $7 WHERE id = $8`,
		s.Name, s.Lang, s.Category, int64(s.PollInterval), Nanos(s.NextPollAt), int64(s.PollEvery), s.PollReason, id)
	return s, err
}

// UpdateSourceFunc saves a poll's outcome (see store.SourceUpdater) in a
// transaction of inTx (updateSourceFunc), and returns the source as source
// reads it after. An error from apply is returned as it is; any other is
// k.UpdateErr's.
func UpdateSourceFunc(ctx context.Context, inTx InTx, k SourceKeys, source func(context.Context, int64) (news.Source, error), id int64, apply func(*news.Source) error) (news.Source, error) {
	var (
		s        news.Source
		applyErr error
	)
	err := inTx(ctx, func(tx Tx) error {
		var err error
		s, err = updateSourceFunc(ctx, tx, k, id, func(s *news.Source) error {
			applyErr = apply(s)
			return applyErr
		})
		return err
	})
	if applyErr != nil {
		return news.Source{}, applyErr
	}
	s.ID = id // for the error's message: s is empty if the read failed
	if err := k.UpdateErr(s, err); err != nil {
		return news.Source{}, err
	}
	return source(ctx, id)
}

// updateSourceFunc calls apply with source id as stored, in tx, and saves
// every field of the source apply leaves, as k.UpdateSource saves it (a
// new URL takes its key): the read-modify-write of a poll's outcome. The
// source and its key's twins are locked, oldest first as k.UpdateSource
// locks them, before the row is read, so that neither an edit
// (editSource) nor a retry (RetrySource) committed between the read and
// the write is overwritten with the values read, and no two updates of
// one key's sources take their locks in different orders. An error from
// apply is returned as it is and changes nothing; a missing source is
// store.ErrNotFound. The source it returns has no ArticleCount.
func updateSourceFunc(ctx context.Context, tx Tx, k SourceKeys, id int64, apply func(*news.Source) error) (news.Source, error) {
	if _, err := k.lock(ctx, tx, id); err != nil {
		return news.Source{}, err
	}
	s, err := readSource(ctx, tx, "", id)
	if err != nil {
		return news.Source{}, err
	}
	if err := apply(&s); err != nil {
		return news.Source{}, err
	}
	s.ID = id
	return s, k.UpdateSource(ctx, tx, s)
}

// readSource reads source id in tx, lock ending its SELECT; a missing
// source is store.ErrNotFound.
func readSource(ctx context.Context, tx Tx, lock string, id int64) (news.Source, error) {
	return querySource(ctx, tx, `s.id = $1`+lock, id)
}

// querySource reads in tx the source of sources s that where (and any
// lock after it) selects; none is store.ErrNotFound.
func querySource(ctx context.Context, tx Tx, where string, args ...any) (news.Source, error) {
	rows, err := tx.Query(ctx, `SELECT `+SourceFields+`, 0 FROM sources s WHERE `+where, args...)
	if err != nil {
		return news.Source{}, err
	}
	var (
		s     news.Source
		found = rows.Next()
	)
	if found {
		s, err = ScanSource(rows)
	}
	rows.Close()
	if err == nil {
		err = rows.Err()
	}
	if err == nil && !found {
		err = store.ErrNotFound
	}
	return s, err
}
