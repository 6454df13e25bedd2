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
	// from its first step), and a page source in error back to new, as
	// a page is read only while new. It returns the source as stored,
	// or an error matching ErrNotFound.
	RetrySource(ctx context.Context, id int64, now time.Time) (news.Source, error)
}
