// Package sharedpath locates the benchmark and evaluation data that lives
// beside the repository (../shared from the directory holding go.mod), so
// that tests and tools reach it by a path relative to the repository root
// wherever they are run from, and never carry a copy of it.
package sharedpath

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// ErrNoModule reports that no go.mod was found above the working directory,
// so there is no repository root to resolve ../shared against.
var ErrNoModule = errors.New("no go.mod above the working directory")

// Find returns the absolute path of the shared data directory: ../shared
// beside the nearest directory at or above the working directory that
// holds go.mod. It fails when there is no such directory or when the
// shared directory is absent.
func Find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find shared data: %w", err)
	}
	root, err := moduleRoot(dir)
	if err != nil {
		return "", fmt.Errorf("find shared data from %s: %w", dir, err)
	}
	shared := filepath.Join(filepath.Dir(root), "shared")
	if _, err := os.Stat(shared); err != nil {
		return "", fmt.Errorf("find shared data: %w", err)
	}
	return shared, nil
}

// moduleRoot walks up from dir to the first directory holding go.mod.
func moduleRoot(dir string) (string, error) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoModule
		}
		dir = parent
	}
}

// Dir returns the path of elem joined under the shared data directory,
// skipping the test or benchmark when that path does not exist: data the
// machine lacks is a reason not to run, never a failure.
func Dir(tb testing.TB, elem ...string) string {
	tb.Helper()
	shared, err := Find()
	if err != nil {
		tb.Skipf("shared data absent: %v", err)
	}
	p := filepath.Join(append([]string{shared}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data absent: %v", err)
	}
	return p
}
