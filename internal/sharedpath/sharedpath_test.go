package sharedpath

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		from string
		want string
		err  error
	}{
		{"at root", root, root, nil},
		{"below root", deep, root, nil},
		{"no module", filepath.Dir(root), "", ErrNoModule},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := moduleRoot(tc.from)
			if !errors.Is(err, tc.err) {
				t.Fatalf("moduleRoot(%q) error = %v, want %v", tc.from, err, tc.err)
			}
			if got != tc.want {
				t.Errorf("moduleRoot(%q) = %q, want %q", tc.from, got, tc.want)
			}
		})
	}
}
