package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestListQueryParams wants every list endpoint to answer a bad numeric
// query parameter with a 400 JSON error naming the parameter, the range it
// accepts and the value given, in the same words; and a good one obeyed.
func TestListQueryParams(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, st Store) {
		ts := newTestServer(t, Config{}, st)
		tests := []struct {
			path string
			want string // the whole error message
		}{
			{"/api/stories?limit=x", `bad query: limit must be a whole number from 1 to 100, got "x"`},
			{"/api/stories?limit=0", `bad query: limit must be a whole number from 1 to 100, got "0"`},
			{"/api/stories?limit=101", `bad query: limit must be a whole number from 1 to 100, got "101"`},
			{"/api/search?q=bridge&limit=51", `bad query: limit must be a whole number from 1 to 50, got "51"`},
			{"/api/search?q=bridge&page=x", `bad query: page must be a whole number from 1 to 51 (20 results a page, and a page starts at most 1000 results deep), got "x"`},
			{"/api/search?q=bridge&page=0", `bad query: page must be a whole number from 1 to 51 (20 results a page, and a page starts at most 1000 results deep), got "0"`},
			{"/api/search?q=bridge&limit=50&page=22", `bad query: page must be a whole number from 1 to 21 (50 results a page, and a page starts at most 1000 results deep), got "22"`},
			{"/api/sources/1/articles?limit=x", `bad query: limit must be a whole number from 1 to 500, got "x"`},
			{"/api/sources/1/articles?limit=-1", `bad query: limit must be a whole number from 1 to 500, got "-1"`},
			{"/api/sources/1/articles?limit=501", `bad query: limit must be a whole number from 1 to 500, got "501"`},
			{"/api/threads/5?limit=1.5", `bad query: limit must be a whole number from 1 to 500, got "1.5"`},
			// A long value is cut in the message, not repeated whole.
			{"/api/stories?limit=" + strings.Repeat("9", 40), `bad query: limit must be a whole number from 1 to 100, got "` + strings.Repeat("9", 32) + `"…`},
		}
		for _, tt := range tests {
			t.Run(tt.path, func(t *testing.T) {
				t.Parallel()
				r := do(t, http.MethodGet, ts.URL+tt.path, nil, "")
				if r.status != http.StatusBadRequest {
					t.Fatalf("status %d, want 400: %s", r.status, r.body)
				}
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("Content-Type %q, want JSON", ct)
				}
				var got struct{ Error string }
				if err := json.Unmarshal([]byte(r.body), &got); err != nil {
					t.Fatalf("body %q: %v", r.body, err)
				}
				if diff := cmp.Diff(tt.want, got.Error); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
			})
		}

		// Good values are obeyed, where each endpoint used to ignore them.
		counts := []struct {
			path, list string
			want       int
		}{
			{"/api/sources/2/articles?limit=1", "articles", 1},
			{"/api/sources/2/articles", "articles", 2},
			{"/api/stories?limit=1", "stories", 1},
			{"/api/threads/5?limit=1", "stories", 1},
		}
		for _, c := range counts {
			r := do(t, http.MethodGet, ts.URL+c.path, nil, "")
			var body map[string]json.RawMessage
			if err := json.Unmarshal([]byte(r.body), &body); err != nil || r.status != http.StatusOK {
				t.Fatalf("%s: %d %v: %s", c.path, r.status, err, r.body)
			}
			var list []json.RawMessage
			if err := json.Unmarshal(body[c.list], &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != c.want {
				t.Errorf("%s: %d %s, want %d", c.path, len(list), c.list, c.want)
			}
		}
	})
}
