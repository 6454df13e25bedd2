package sqlq

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
)

// limitsTx is a Tx with no rows that records the LIMIT of every query
// selecting a prune's batch (its last argument).
type limitsTx struct {
	fakeTx
	mu     sync.Mutex
	limits []any
}

func (t *limitsTx) Query(ctx context.Context, q string, args ...any) (Rows, error) {
	if strings.Contains(q, "LIMIT $3") {
		t.mu.Lock()
		t.limits = append(t.limits, args[len(args)-1])
		t.mu.Unlock()
	}
	return t.fakeTx.Query(ctx, q, args...)
}

// TestPruneBatchBound checks that a prune's batch is bounded by
// store.MaxIDsPerQuery, the bound of every query's list of IDs, however
// large a batch is asked for: its IDs are placeholders.
func TestPruneBatchBound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		batch int
		want  int
	}{
		{"default", 0, store.DefaultPruneBatch},
		{"small", 7, 7},
		{"the bound", store.MaxIDsPerQuery, store.MaxIDsPerQuery},
		{"past the bound", 10 * store.MaxIDsPerQuery, store.MaxIDsPerQuery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := &limitsTx{}
			p := Pruning{InTx: inTx(tx, nil), In: InList}
			if _, err := p.Prune(context.Background(), store.PruneOptions{Cutoff: time.Unix(1e9, 0), Batch: tt.batch}); err != nil {
				t.Fatal(err)
			}
			// The stories' batch and the loose articles'.
			if len(tx.limits) != 2 {
				t.Fatalf("%d batch queries, want 2: %v", len(tx.limits), tx.limits)
			}
			for _, got := range tx.limits {
				if got != tt.want {
					t.Errorf("batch %d: LIMIT %v, want %d", tt.batch, got, tt.want)
				}
			}
		})
	}
}
