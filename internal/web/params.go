package web

import (
	"fmt"
	"net/url"
	"strconv"
	"unicode/utf8"
)

// queryRange describes the whole numbers a query parameter accepts.
type queryRange struct {
	Name    string // the parameter, as the client writes it
	Default int    // the value when the parameter is absent or empty
	Min     int
	Max     int
	// Why, if set, says why Max is what it is when it follows from other
	// parameters (a search's page from its limit), so that the client
	// reading "1 to 51" knows what to change.
	Why string
}

// maxEchoed bounds the bad value an error repeats back to the client.
const maxEchoed = 32

// intParam reads the parameter r describes from q. A value that is not a
// whole number in r's range is errBadQuery with a message that names the
// parameter, the range and the value given, the same for every list
// endpoint (GET /api/stories, /api/search, /api/threads/{id},
// /api/sources/{id}/articles) and their pages.
func intParam(q url.Values, r queryRange) (int, error) {
	v := q.Get(r.Name)
	if v == "" {
		return r.Default, nil
	}
	n, err := strconv.Atoi(v)
	if err == nil && n >= r.Min && n <= r.Max {
		return n, nil
	}
	why := ""
	if r.Why != "" {
		why = " (" + r.Why + ")"
	}
	return 0, fmt.Errorf("%w: %s must be a whole number from %d to %d%s, got %s", errBadQuery, r.Name, r.Min, r.Max, why, echo(v))
}

// echo quotes a client's value for an error message, cut to maxEchoed
// bytes at a rune boundary.
func echo(v string) string {
	if len(v) <= maxEchoed {
		return strconv.Quote(v)
	}
	cut := maxEchoed
	for cut > 0 && !utf8.RuneStart(v[cut]) {
		cut--
	}
	return strconv.Quote(v[:cut]) + "…"
}
