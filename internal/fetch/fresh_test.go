package fetch

import (
	"net/http"
	"testing"
	"time"
)

func TestFreshFor(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC)
	date := now.Format(http.TimeFormat)
	tests := []struct {
		name   string
		header map[string][]string
		want   time.Duration
	}{
		{"nothing", nil, 0},
		{"max-age", map[string][]string{"Cache-Control": {"public, max-age=3600"}}, time.Hour},
		{"max-age quoted, upper case", map[string][]string{"Cache-Control": {`MAX-AGE="600"`}}, 10 * time.Minute},
		{"max-age less age", map[string][]string{"Cache-Control": {"max-age=3600"}, "Age": {"600"}}, 50 * time.Minute},
		{"age past max-age", map[string][]string{"Cache-Control": {"max-age=60"}, "Age": {"600"}}, 0},
		{"max-age over expires", map[string][]string{"Cache-Control": {"max-age=60"}, "Expires": {now.Add(time.Hour).Format(http.TimeFormat)}, "Date": {date}}, time.Minute},
		{"no-cache", map[string][]string{"Cache-Control": {"max-age=3600, no-cache"}}, 0},
		{"no-store in a second header", map[string][]string{"Cache-Control": {"max-age=3600", "no-store"}}, 0},
		{"bad max-age", map[string][]string{"Cache-Control": {"max-age=soon"}}, 0},
		{"huge max-age capped", map[string][]string{"Cache-Control": {"max-age=999999999999"}}, maxFresh},
		{"expires with date", map[string][]string{"Expires": {now.Add(2 * time.Hour).Format(http.TimeFormat)}, "Date": {now.Add(time.Hour).Format(http.TimeFormat)}}, time.Hour},
		{"expires without date", map[string][]string{"Expires": {now.Add(30 * time.Minute).Format(http.TimeFormat)}}, 30 * time.Minute},
		{"expires zero", map[string][]string{"Expires": {"0"}}, 0},
		{"expired", map[string][]string{"Expires": {now.Add(-time.Hour).Format(http.TimeFormat)}, "Date": {date}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := freshFor(http.Header(tt.header), now); got != tt.want {
				t.Errorf("freshFor(%v) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

// FuzzFreshFor checks that any caching headers a server sends give a
// freshness from zero to maxFresh, and never panic.
func FuzzFreshFor(f *testing.F) {
	now := time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC)
	f.Add("public, max-age=3600", "600", "", "")
	f.Add(`MAX-AGE="600", no-cache`, "", "", "")
	f.Add("max-age=999999999999", "-5", "", "")
	f.Add("", "", now.Add(time.Hour).Format(http.TimeFormat), now.Format(http.TimeFormat))
	f.Add("", "", "Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT")
	f.Add("", "", "0", "")
	f.Fuzz(func(t *testing.T, cacheControl, age, expires, date string) {
		h := http.Header{}
		for k, v := range map[string]string{"Cache-Control": cacheControl, "Age": age, "Expires": expires, "Date": date} {
			if v != "" {
				h.Set(k, v)
			}
		}
		if got := freshFor(h, now); got < 0 || got > maxFresh {
			t.Fatalf("freshFor(%v) = %v, want 0 to %v", h, got, maxFresh)
		}
	})
}
