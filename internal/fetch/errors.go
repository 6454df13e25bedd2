package fetch

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// ErrorKind classifies a failed fetch so callers can decide whether to retry
// and what to tell the user.
type ErrorKind int

// Error kinds.
const (
	// KindNetwork is a DNS, connection or TLS failure.
	KindNetwork ErrorKind = iota + 1
	// KindStatus is a response with a non-2xx, non-304 status.
	KindStatus
	// KindTooLarge is a body over Config.MaxBodyBytes after decompression,
	// or headers over MaxResponseHeaderBytes.
	KindTooLarge
	// KindPrivate is a dial to a private, loopback or otherwise reserved
	// address while Config.AllowPrivate is off.
	KindPrivate
	// KindRedirects is a redirect loop or more than Config.MaxRedirects hops.
	KindRedirects
	// KindTimeout is a connect or total timeout.
	KindTimeout
	// KindRobots is a URL that robots.txt disallows for newsdesk.
	KindRobots
	// KindContentType is a response whose type the request did not expect.
	KindContentType
	// KindInvalidURL is a URL that is not an absolute http(s) URL.
	KindInvalidURL
	// KindCanceled is a request whose context was canceled by the caller.
	KindCanceled
	// KindBusy is a request not sent because its host's turn was further
	// off than Request.MaxWait; RetryAfter says when to come back.
	KindBusy
)

var kindNames = map[ErrorKind]string{
	KindNetwork:     "network",
	KindStatus:      "status",
	KindTooLarge:    "too-large",
	KindPrivate:     "private",
	KindRedirects:   "redirects",
	KindTimeout:     "timeout",
	KindRobots:      "robots",
	KindContentType: "content-type",
	KindInvalidURL:  "invalid-url",
	KindCanceled:    "canceled",
	KindBusy:        "busy",
}

// String returns a short lower-case name, suitable for logs and metrics.
func (k ErrorKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Error is a failed fetch. Its message is short and meant for users; the
// underlying cause, for logs, is in Err.
type Error struct {
	URL        string
	Kind       ErrorKind
	StatusCode int           // KindStatus only
	RetryAfter time.Duration // from Retry-After on 429 and 503; 0 if absent
	// Detail completes the message for some kinds: the blocked address
	// (KindPrivate), the content type (KindContentType), a short network
	// cause (KindNetwork), the redirect count or loop target (KindRedirects),
	// "headers" when the headers, not the body, were too large (KindTooLarge),
	// "held" when the request was not sent because its host asked for no
	// requests until RetryAfter has passed (KindStatus, the status it
	// asked with).
	Detail string
	Limit  int64 // KindTooLarge: the byte cap; KindRedirects: the hop cap
	Err    error
}

// Error implements error.
func (e *Error) Error() string {
	prefix := "GET " + e.URL + ": "
	switch e.Kind {
	case KindStatus:
		msg := "HTTP " + strconv.Itoa(e.StatusCode)
		if text := http.StatusText(e.StatusCode); text != "" {
			msg += " " + text
		}
		if e.held() {
			msg = "not sent: the host answered an earlier request with " + msg
		}
		if e.RetryAfter > 0 {
			msg += " (retry after " + news.FormatDuration(e.RetryAfter.Round(time.Second)) + ")"
		}
		return prefix + msg
	case KindTooLarge:
		if e.Detail == "headers" {
			return prefix + "response headers exceed " + formatBytes(e.Limit) + " limit"
		}
		return prefix + "response body exceeds " + formatBytes(e.Limit) + " limit"
	case KindPrivate:
		addr := e.Detail
		if addr == "" {
			addr = "the target"
		}
		return prefix + "address " + addr + " is private; run with --allow-private to allow it"
	case KindRedirects:
		if e.Detail != "" {
			return prefix + "redirect loop at " + e.Detail
		}
		return prefix + "too many redirects (" + strconv.FormatInt(e.Limit, 10) + ")"
	case KindTimeout:
		return prefix + "timed out"
	case KindRobots:
		return prefix + "disallowed by robots.txt"
	case KindContentType:
		ct := e.Detail
		if ct == "" {
			ct = "unknown"
		}
		return prefix + "unexpected content type " + ct
	case KindInvalidURL:
		if e.Detail != "" {
			return prefix + "invalid URL: " + e.Detail
		}
		return prefix + "invalid URL"
	case KindCanceled:
		return prefix + "canceled"
	default:
		if e.Detail != "" {
			return prefix + e.Detail
		}
		return prefix + "network error"
	}
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether trying again later may succeed: timeouts,
// network failures, a busy host's turn, 408, 425, 429 and 5xx statuses.
func (e *Error) Temporary() bool {
	switch e.Kind {
	case KindTimeout, KindNetwork, KindBusy:
		return true
	case KindStatus:
		return e.StatusCode == http.StatusRequestTimeout || e.StatusCode == http.StatusTooEarly ||
			e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
	}
	return false
}

// KindOf returns the kind of err if it is or wraps an *Error, else 0.
func KindOf(err error) ErrorKind {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return 0
}

// formatBytes renders a cap the way people write it: "15 MiB", "512 KiB".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	default:
		return strconv.FormatInt(n, 10) + " bytes"
	}
}

// RetryAfter returns the delay the server asked for with Retry-After when
// err is a fetch's *Error (429 or 503), else 0.
func RetryAfter(err error) time.Duration {
	return retryAfterIf(err, func(*Error) bool { return true })
}

// Held returns how long err's host still asks not to be contacted when
// err is a request not sent for that reason (see Config.RetryAfterPerRequest),
// else 0.
func Held(err error) time.Duration {
	return retryAfterIf(err, (*Error).held)
}

// Busy returns how long from now to come back when err is a request not
// sent because its host's turn was further off than Request.MaxWait,
// else 0.
func Busy(err error) time.Duration {
	return retryAfterIf(err, func(e *Error) bool { return e.Kind == KindBusy })
}

// retryAfterIf returns the RetryAfter of the *Error err is or wraps, if it
// is one and is, else 0.
func retryAfterIf(err error, is func(*Error) bool) time.Duration {
	var fe *Error
	if errors.As(err, &fe) && is(fe) {
		return fe.RetryAfter
	}
	return 0
}

// held reports whether e is a request not sent because its host asked for
// no requests until a time (Client.checkHeld).
func (e *Error) held() bool { return e.Kind == KindStatus && e.Detail == "held" }

// parseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date,
// relative to now. Unparseable or past values give 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		// A day is far more than any sane server asks for; clamp so a
		// hostile value cannot overflow or park a source forever.
		const maxSecs = 7 * 24 * 3600
		return time.Duration(min(secs, maxSecs)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, 7*24*time.Hour)
		}
	}
	return 0
}
