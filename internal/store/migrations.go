package store

import (
	"cmp"
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
