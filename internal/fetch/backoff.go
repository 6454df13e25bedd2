package fetch

import (
	"math/rand/v2"
	"time"
)

// Backoff policy. A source that fails once waits about BackoffBase, each
// further consecutive failure doubles that, up to BackoffMax.
const (
	BackoffBase = 1 * time.Minute
	BackoffMax  = 6 * time.Hour
)

// Backoff returns how long to wait before trying again after failures
// consecutive failures: BackoffBase·2^(failures-1), capped at BackoffMax,
// with "equal jitter" (a uniformly random value in [d/2, d]) so that sources
// which failed together do not retry together. It is never less than
// retryAfter, the server's own Retry-After, even when that exceeds
// BackoffMax. With failures <= 0 it returns retryAfter.
func Backoff(failures int, retryAfter time.Duration) time.Duration {
	if failures <= 0 {
		return max(retryAfter, 0)
	}
	d := BackoffMax
	if failures <= 30 { // beyond this the shift would overflow; it is capped anyway
		d = min(BackoffBase<<(failures-1), BackoffMax)
	}
	half := d / 2
	d = half + rand.N(d-half+1)
	return max(d, retryAfter)
}
