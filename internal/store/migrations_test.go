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
		{
			name: "unpadded versions by number: 10 after 9",
			files: fstest.MapFS{
				"migrations/10_ten.sql": {Data: []byte("-- 10")},
				"migrations/9_nine.sql": {Data: []byte("-- 9")},
				"migrations/2_two.sql":  {Data: []byte("-- 2")},
			},
			want: []store.Migration{
				{Version: 2, Name: "2_two.sql", SQL: "-- 2"},
				{Version: 9, Name: "9_nine.sql", SQL: "-- 9"},
				{Version: 10, Name: "10_ten.sql", SQL: "-- 10"},
			},
		},
		{
			name: "one version padded two ways",
			files: fstest.MapFS{
				"migrations/0010_ten.sql":  {Data: []byte("-- 10")},
				"migrations/0009_nine.sql": {Data: []byte("-- 9")},
				"migrations/9_late.sql":    {Data: []byte("-- 9?")},
			},
			wantErr: true,
		},
		{
			name: "padding changed, versions distinct",
			files: fstest.MapFS{
				"migrations/0010_ten.sql":   {Data: []byte("-- 10")},
				"migrations/0008_eight.sql": {Data: []byte("-- 8")},
				"migrations/9_nine.sql":     {Data: []byte("-- 9")},
			},
			want: []store.Migration{
				{Version: 8, Name: "0008_eight.sql", SQL: "-- 8"},
				{Version: 9, Name: "9_nine.sql", SQL: "-- 9"},
				{Version: 10, Name: "0010_ten.sql", SQL: "-- 10"},
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
