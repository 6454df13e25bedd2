package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxFresh caps FreshFor, as a Retry-After is capped: a hostile or
// mistaken header must not park a source for years.
const maxFresh = 7 * 24 * time.Hour

// freshFor reads how long a response with header h stays fresh (RFC 9111
// section 4.2.1, as a private cache reads it): Cache-Control max-age less
// Age, else Expires less Date (now when Date is missing or unreadable).
// no-store and no-cache say the response must not be reused at all, so
// they give zero, as does a header that cannot be read: the caller then
// keeps to its own schedule.
func freshFor(h http.Header, now time.Time) time.Duration {
	maxAge, haveMaxAge := time.Duration(0), false
	for _, v := range h.Values("Cache-Control") {
		for _, dir := range strings.Split(v, ",") {
			name, val, _ := strings.Cut(strings.TrimSpace(dir), "=")
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "no-store", "no-cache":
				return 0
			case "max-age":
				secs, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
				if err != nil || secs < 0 {
					return 0 // RFC 9111 5.2.1.1: an invalid max-age is stale
				}
				maxAge, haveMaxAge = time.Duration(min(secs, int64(maxFresh/time.Second)))*time.Second, true
			}
		}
	}
	var fresh time.Duration
	switch {
	case haveMaxAge:
		fresh = maxAge
		if age, err := strconv.ParseInt(strings.TrimSpace(h.Get("Age")), 10, 64); err == nil && age > 0 {
			fresh -= time.Duration(min(age, int64(maxFresh/time.Second))) * time.Second
		}
	case h.Get("Expires") != "":
		exp, err := http.ParseTime(h.Get("Expires"))
		if err != nil {
			return 0 // "0" and other invalid dates mean already expired
		}
		date, err := http.ParseTime(h.Get("Date"))
		if err != nil {
			date = now
		}
		fresh = exp.Sub(date)
	}
	return min(max(fresh, 0), maxFresh)
}
