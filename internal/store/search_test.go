package store_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/store/sqlq"
)

func TestParseQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    [][]string
		wantErr error
		match   string // the FTS5 expression
	}{
		{in: "port strike", want: [][]string{{"port"}, {"strike"}}, match: `"port" "strike"`},
		{in: `"port strike" Ships`, want: [][]string{{"port", "strike"}, {"ships"}}, match: `"port strike" "ships"`},
		{in: `Política  ÑANDÚ`, want: [][]string{{"política"}, {"ñandú"}}, match: `"política" "ñandú"`},
		{in: "U.S. trade", want: [][]string{{"u", "s"}, {"trade"}}, match: `"u s" "trade"`},
		// Hostile input: every operator of FTS5 and tsquery is a separator.
		{in: `port OR strike`, want: [][]string{{"port"}, {"or"}, {"strike"}}, match: `"port" "or" "strike"`},
		{in: `NEAR(port strike, 2)`, want: [][]string{{"near", "port"}, {"strike"}, {"2"}}, match: `"near port" "strike" "2"`},
		{in: `-port *strike* ^x`, want: [][]string{{"port"}, {"strike"}, {"x"}}, match: `"port" "strike" "x"`},
		{in: `title:port`, want: [][]string{{"title", "port"}}, match: `"title port"`},
		{in: `port & !strike | (x:*) <-> 'y'`, want: [][]string{{"port"}, {"strike"}, {"x"}, {"y"}}, match: `"port" "strike" "x" "y"`},
		{in: `"unclosed phrase`, want: [][]string{{"unclosed", "phrase"}}, match: `"unclosed phrase"`},
		{in: `a""b`, want: [][]string{{"a"}, {"b"}}, match: `"a" "b"`},
		{in: "port\x00\xffstrike", want: [][]string{{"port"}, {"strike"}}, match: `"port" "strike"`},
		{in: "", wantErr: store.ErrEmptyQuery},
		{in: `  " " * - OR`, want: [][]string{{"or"}}, match: `"or"`},
		{in: `* - " " ()`, wantErr: store.ErrEmptyQuery},
		{in: strings.Repeat("a", store.MaxQueryBytes+1), wantErr: store.ErrQueryTooLong},
		{in: strings.Repeat("a ", store.MaxQueryTerms+1), wantErr: store.ErrQueryTooLong},
	}
	for _, tt := range tests {
		q, err := store.ParseQuery(tt.in)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("ParseQuery(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if diff := cmp.Diff(tt.want, q.Terms); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
		if got := sqlq.FTSMatch(q); got != tt.match {
			t.Errorf("FTSMatch(ParseQuery(%q)) = %s, want %s", tt.in, got, tt.match)
		}
	}
}

// FuzzParseQuery checks that whatever a user types, a query parses to
// words alone, within the bounds, or is refused.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"port strike", `"a b" c`, `NEAR(a b)`, `a OR -b*`, `"`, "\xff", `x:y & !z`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := store.ParseQuery(s)
		if err != nil {
			if !errors.Is(err, store.ErrEmptyQuery) && !errors.Is(err, store.ErrQueryTooLong) {
				t.Fatalf("ParseQuery(%q): unexpected error %v", s, err)
			}
			return
		}
		if len(q.Terms) == 0 || len(q.Terms) > store.MaxQueryTerms {
			t.Fatalf("ParseQuery(%q) = %d terms", s, len(q.Terms))
		}
		for _, term := range q.Terms {
			for _, w := range term {
				if w == "" {
					t.Fatalf("ParseQuery(%q): empty word in %q", s, term)
				}
				for _, r := range w {
					if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
						t.Fatalf("ParseQuery(%q): word %q holds %q", s, w, r)
					}
				}
			}
		}
		// The FTS5 expression is quoted strings only.
		m := sqlq.FTSMatch(q)
		if strings.Count(m, `"`) != 2*len(q.Terms) {
			t.Fatalf("FTSMatch(%q) = %s: stray quotes", s, m)
		}
	})
}
