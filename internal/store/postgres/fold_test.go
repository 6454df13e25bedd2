package postgres_test

import (
	"context"
	"database/sql"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite"

	"github.com/newsdesk/newsdesk/internal/store/postgres/pgtest"
)

// foldProbe is the range of characters TestFoldMatchesSQLite compares:
// Latin, Greek, Cyrillic and the other scripts to U+2FFF, the combining
// marks among them.
const foldProbeFrom, foldProbeTo = 0x80, 0x3000

// TestFoldMatchesSQLite checks that newsdesk_fold, PostgreSQL's accent
// folding for search (migration 0009), folds the letters SQLite's FTS5
// tokenizer folds, as the SQLite store configures it, so that a search
// finds the same stories on both back ends: of the letters that decompose
// into a letter and marks, each folded to its base letter by one back end
// must be by the other, but for the two letters SQLite keeps, written
// down here. A combining mark SQLite drops inside a word
// ("e" + U+0301, a text in NFD) must be dropped by newsdesk_fold too;
// newsdesk_fold drops the others after an ASCII letter as well, where
// SQLite ends the word.
func TestFoldMatchesSQLite(t *testing.T) {
	t.Parallel()
	sqliteTerms := sqliteTokens(t)
	st := open(t, pgtest.DSN(t))
	defer st.Close()

	rows, err := st.QueueDB().QueryContext(context.Background(), `SELECT r, newsdesk_fold(CASE WHEN r BETWEEN 768 AND 879
		THEN 'a' || chr(r) || 'b' ELSE chr(r) END) FROM generate_series($1::int, $2::int - 1) r`, foldProbeFrom, foldProbeTo)
	if err != nil {
		t.Fatal(err)
	}
	pgFold := map[rune]string{}
	for r, folded := range readWords(t, rows) {
		pgFold[r] = folded[0]
	}

	var (
		onlyPostgres, onlySQLite []string
		marksKept                []string
		folded                   int
	)
	for r := rune(foldProbeFrom); r < foldProbeTo; r++ {
		ts := sqliteTerms[r]
		if r >= 0x300 && r < 0x370 {
			if len(ts) == 1 && ts[0] == "ab" && pgFold[r] != "ab" {
				marksKept = append(marksKept, string(r))
			}
			continue
		}
		if !hasMark(r) {
			continue
		}
		base := stripMarks(string(r))
		bySQLite := len(ts) == 1 && ts[0] == base
		byPostgres := strings.ToLower(pgFold[r]) == base
		if bySQLite {
			folded++
		}
		switch {
		case byPostgres && !bySQLite:
			onlyPostgres = append(onlyPostgres, string(r))
		case bySQLite && !byPostgres:
			onlySQLite = append(onlySQLite, string(r))
		}
	}
	if folded < 400 {
		t.Fatalf("SQLite folds %d letters: the probe is broken", folded)
	}
	// U+01E0 and U+01E1, A with dot above and macron, decompose into
	// "a" and two marks; SQLite's table leaves them out.
	if diff := cmp.Diff([]string{"Ǡ", "ǡ"}, onlyPostgres); diff != "" {
		t.Errorf("letters newsdesk_fold folds and SQLite does not (-want +got):\n%s", diff)
	}
	if len(onlySQLite) > 0 {
		t.Errorf("letters SQLite folds and newsdesk_fold does not: %q", onlySQLite)
	}
	if len(marksKept) > 0 {
		t.Errorf("marks SQLite drops inside a word and newsdesk_fold keeps: %q", marksKept)
	}
}

// sqliteTokens returns the words SQLite's FTS5 tokenizer, as the SQLite
// store's search migration configures it, reads in each character from
// foldProbeFrom to foldProbeTo alone, or in "a" + c + "b" for a
// combining mark c.
func sqliteTokens(t *testing.T) map[rune][]string {
	t.Helper()
	spec, err := os.ReadFile("../sqlite/migrations/0008_article_search.sql")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`tokenize='([^']*)'`).FindSubmatch(spec)
	if m == nil {
		t.Fatal("no tokenize= in SQLite's search migration")
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one in-memory database
	for _, q := range []string{
		`CREATE VIRTUAL TABLE f USING fts5(x, tokenize='` + string(m[1]) + `')`,
		`CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for r := rune(foldProbeFrom); r < foldProbeTo; r++ {
		word := string(r)
		if r >= 0x300 && r < 0x370 {
			word = "a" + word + "b"
		}
		if _, err := tx.Exec(`INSERT INTO f(rowid, x) VALUES (?, ?)`, int64(r), word); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := tx.Query(`SELECT doc, term FROM v ORDER BY doc, offset`)
	if err != nil {
		t.Fatal(err)
	}
	return readWords(t, rows)
}

// readWords reads rows of (character, word), in order, into the words of
// each character, and closes rows.
func readWords(t *testing.T, rows *sql.Rows) map[rune][]string {
	t.Helper()
	defer rows.Close()
	words := map[rune][]string{}
	for rows.Next() {
		var (
			r    int64
			word string
		)
		if err := rows.Scan(&r, &word); err != nil {
			t.Fatal(err)
		}
		words[rune(r)] = append(words[rune(r)], word)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return words
}

// hasMark reports whether r decomposes into a letter and marks (NFD).
func hasMark(r rune) bool {
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			return true
		}
	}
	return false
}

// stripMarks is s in NFD without its nonspacing marks, lower-cased: a
// letter's base letter.
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
