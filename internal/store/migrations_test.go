package store_test

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/store"
)

func TestMigrations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    []store.Migration
		wantErr bool
	}{
		{
			name: "version order, not file order",
			files: fstest.MapFS{
				"migrations/0002_index.sql": {Data: []byte("CREATE INDEX i ON t (a);")},
				"migrations/0001_init.sql":  {Data: []byte("CREATE TABLE t (a INTEGER);")},
				"migrations/README":         {Data: []byte("not SQL")},
			},
			want: []store.Migration{
				{Version: 1, Name: "0001_init.sql", SQL: "CREATE TABLE t (a INTEGER);"},
				{Version: 2, Name: "0002_index.sql", SQL: "CREATE INDEX i ON t (a);"},
			},
		},
		{name: "none", files: fstest.MapFS{}, want: []store.Migration{}},
		{name: "no version", files: fstest.MapFS{"migrations/init.sql": {}}, wantErr: true},
		{name: "version not a number", files: fstest.MapFS{"migrations/one_init.sql": {}}, wantErr: true},
		{name: "version twice", files: fstest.MapFS{"migrations/0002_a.sql": {}, "migrations/2_b.sql": {}}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := store.Migrations(tt.files)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Migrations: err = %v, want error %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); !tt.wantErr && diff != "" {
				t.Errorf("Migrations (-want +got):\n%s", diff)
			}
		})
	}
}
