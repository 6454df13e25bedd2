package sqlq

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
)

// InstanceID is store.Store's InstanceID for both back ends: the ID in
// the instance table's one row (SQLite's migration 0014_instance_id.sql,
// PostgreSQL's 0013_instance_id.sql), drawn and stored by the first call.
// q must not be a transaction: each statement needs its own snapshot.
//
// Two processes starting together on one database must agree, or each
// would take the other's feed for another desk's. So a call that finds no
// row inserts its own draw with ON CONFLICT DO NOTHING and then reads the
// row, whichever call's insert made it: on PostgreSQL an insert that meets
// another's uncommitted row waits for its commit and does nothing, and the
// read after it, a new statement, sees that row; SQLite runs one write at
// a time. The row is read first so that a start finding it takes no write
// lock.
func InstanceID(ctx context.Context, q Tx) (string, error) {
	id, err := readInstanceID(ctx, q)
	if err != nil || id != "" {
		return id, err
	}
	// rand.Text: 128 random bits in base32, which no other instance draws
	// too, and which feed.ValidInstanceID accepts.
	if err := q.Exec(ctx, `INSERT INTO instance (id, instance_id) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`, rand.Text()); err != nil {
		return "", fmt.Errorf("store instance ID: %w", err)
	}
	id, err = readInstanceID(ctx, q)
	if err != nil {
		return "", err
	}
	if id == "" {
		// The insert did nothing and yet no row is there: nothing deletes
		// the row, so the instance table is not what the migration made.
		return "", fmt.Errorf("store instance ID: %w", errNoInstanceRow)
	}
	return id, nil
}

// errNoInstanceRow is InstanceID's error when the instance table holds no
// row right after its insert.
var errNoInstanceRow = errors.New("no row after insert")

// readInstanceID reads the stored instance ID, "" if there is none yet.
func readInstanceID(ctx context.Context, q Tx) (string, error) {
	var id string
	if _, err := queryRow(ctx, q, `SELECT instance_id FROM instance WHERE id = 1`, nil, &id); err != nil {
		return "", fmt.Errorf("read instance ID: %w", err)
	}
	return id, nil
}
