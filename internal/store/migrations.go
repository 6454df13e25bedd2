package store

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Migration is one step of a back end's schema: the file
// migrations/NNNN_name.sql embedded in it, applied once, in version order,
// and recorded by version.
type Migration struct {
	Version int
	Name    string // the file's name, as recorded
	SQL     string
}

// Migrations reads the migrations/*.sql files of fsys in version order,
// the number before the name's first "_".
// Both back ends keep their schema this way, so they read it alike.
func Migrations(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	out := make([]Migration, 0, len(names))
	seen := map[int]string{}
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("read migrations: bad migration name %q", base)
		}
		// Migrations are recorded by version: of two with one version,
		// the second would be taken for applied and never run.
		if other, ok := seen[version]; ok {
			return nil, fmt.Errorf("read migrations: %q and %q share version %d", other, base, version)
		}
		seen[version] = base
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		out = append(out, Migration{Version: version, Name: base, SQL: string(body)})
	}
	// By number, not name: "10_x" sorts before "9_y", and "0010_x" before
	// "9_y" after a change of padding.
	slices.SortFunc(out, func(a, b Migration) int { return cmp.Compare(a.Version, b.Version) })
	return out, nil
}

// ErrNewerSchema is the error an Open returns for a database that a newer
// newsdesk has migrated: it records migrations this binary does not have.
// Such a binary would read and write tables it does not know (and, on a
// shared PostgreSQL database, write without the fence a newer leader
// relies on), so it refuses the database rather than opening it.
var ErrNewerSchema = errors.New("this database was upgraded by a newer newsdesk")

// CheckRecorded returns an error matching ErrNewerSchema if recorded, the
// migrations a database records (version to name), holds one that known,
// the binary's own, does not: the message names them and says what to do.
// A back end calls it in the transaction (SQLite) or under the lock
// (PostgreSQL) in which it applies its migrations, so that a newer process
// migrating at the same time cannot slip one in between.
func CheckRecorded(known []Migration, recorded map[int]string) error {
	have := make(map[int]bool, len(known))
	for _, m := range known {
		have[m.Version] = true
	}
	var unknown []int
	for v := range recorded {
		if !have[v] {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	names := make([]string, len(unknown))
	for i, v := range unknown {
		names[i] = recorded[v]
	}
	latest := "none"
	if len(known) > 0 {
		latest = known[len(known)-1].Name
	}
	return fmt.Errorf("%w (it records schema migrations %s; this newsdesk's latest is %s): "+
		"upgrade newsdesk to the release that upgraded it, or restore a backup taken before that upgrade; "+
		"this one does not open it, as it would misread and could corrupt it",
		ErrNewerSchema, strings.Join(names, ", "), latest)
}
