package news

import (
	"strconv"
	"strings"
	"time"
)

// durationUnits are the units FormatDuration writes, largest first.
var durationUnits = []struct {
	size      time.Duration
	one, many string
}{
	{24 * time.Hour, "day", "days"},
	{time.Hour, "hour", "hours"},
	{time.Minute, "minute", "minutes"},
	{time.Second, "second", "seconds"},
	{time.Millisecond, "millisecond", "milliseconds"},
	{time.Microsecond, "microsecond", "microseconds"},
	{time.Nanosecond, "nanosecond", "nanoseconds"},
}

// FormatDuration writes d as people read a duration in a message or on a
// page: "1 minute", "7 days", "1 hour 30 minutes", rather than Go's
// "1m0s", "168h0m0s", "1h30m0s". Each unit from days down to nanoseconds
// that is not zero is written, largest first, so the text is exact: an
// error that says a value is out of bounds never shows it equal to the
// bound. A day is 24 hours. Zero is "0 seconds"; a negative d is written
// with a leading "-". Where a duration is only an estimate (time left),
// round it before. Flags, the API's JSON and the sources form keep Go's
// form, which time.ParseDuration reads back.
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0 seconds"
	}
	var b strings.Builder
	// In uint64, so that the most negative duration has a magnitude.
	n := uint64(d)
	if d < 0 {
		b.WriteByte('-')
		n = -n
	}
	sep := ""
	for _, u := range durationUnits {
		size := uint64(u.size)
		count := n / size
		if count == 0 {
			continue
		}
		n -= count * size
		b.WriteString(sep)
		sep = " "
		b.WriteString(strconv.FormatUint(count, 10))
		b.WriteByte(' ')
		if count == 1 {
			b.WriteString(u.one)
		} else {
			b.WriteString(u.many)
		}
	}
	return b.String()
}
