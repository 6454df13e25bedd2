package store

import (
	"context"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// SourceRetrier is how a person asks for a source to be polled again
// without waiting for its backoff; every Store is one.
type SourceRetrier interface {
	// RetrySource makes source id due at now: its next poll time now,
	// its error and error count cleared (so the backoff starts again
	// from its first step), its unchanged polls too (so that a feed the
	// adaptive schedule had slowed is read at its base interval again,
	// docs/pipeline.md "Poll intervals"), and a feed in error back to
	// new, not left in error without one until the poll. A page in
	// error, whose article could not be read, is made new with its error
	// cleared and its failed article deleted (it has no text, so no story
	// or briefing holds it), so that its poll fetches it again; any other
	// page is left as it is, with an error matching ErrReadOnce. It
	// returns the source as stored, or an error matching ErrNotFound.
	RetrySource(ctx context.Context, id int64, now time.Time) (news.Source, error)
	// ReaddSource answers a person adding url again once AddSource has
	// refused it (ErrDuplicate): in one transaction, the source that
	// owns url's key (news.SourceKey), found by the key's index,
	// is retried as RetrySource retries it if it is a page in error, so
	// that a page that could not be read is read again; any other source
	// is left as it is. It returns the source, as stored after, and
	// whether it was retried, or an error matching ErrNotFound when no
	// source owns the key (removed since the refusal). The web API and
	// "sources add" share it, so that both answer alike.
	ReaddSource(ctx context.Context, url string, now time.Time) (news.Source, bool, error)
}

// SourceEditor is how a person changes a source after adding it; every
// Store is one.
type SourceEditor interface {
	// EditSource calls edit with source id as stored and saves, of what
	// edit leaves, only the fields a person edits (Name, Lang, Category,
	// PollInterval) and the schedule (NextPollAt, PollEvery, PollReason),
	// in one transaction that holds the source's row: so neither a poll
	// saved meanwhile loses its state to the edit, nor is the schedule
	// edit sets computed from a poll state older than the one it is
	// written beside. An error from edit is returned as it is, and
	// nothing is saved. It returns the source as saved, or an error
	// matching ErrNotFound.
	EditSource(ctx context.Context, id int64, edit func(*news.Source) error) (news.Source, error)
}

// SourceUpdater is how a poll saves its outcome; every Store is one.
type SourceUpdater interface {
	// UpdateSourceFunc calls apply with source id as stored and saves
	// every field of the source apply leaves but ID, CreatedAt and
	// ArticleCount (a new URL takes its key, see AddSource), in one
	// transaction that holds the source's row: so an edit (EditSource) or retry (RetrySource)
	// committed while the source was polled is the state apply changes,
	// not one the poll's save overwrites with what it read before. An
	// error from apply is returned as it is, and nothing is saved. It
	// returns the source as saved, or an error matching ErrNotFound, or
	// ErrDuplicate for a new URL already subscribed.
	UpdateSourceFunc(ctx context.Context, id int64, apply func(*news.Source) error) (news.Source, error)
}
