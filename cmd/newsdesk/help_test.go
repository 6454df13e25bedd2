package main

import (
	"bytes"
	"context"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestHelpGolden pins what -h shows for the commands that share the
// configuration's flags (serve, demo, brief): every flag's name, default
// and help text, so that a change to how they are bound shows here.
func TestHelpGolden(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"serve", "demo", "brief", "prune"} {
		t.Run(cmd, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), []string{cmd, "-h"}, func(string) string { return "" }, &stdout, &stderr); err != nil {
				t.Fatalf("%s -h: %v", cmd, err)
			}
			golden := filepath.Join("testdata", "help-"+cmd+".golden")
			if *update {
				if err := os.WriteFile(golden, stderr.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), stderr.String()); diff != "" {
				t.Errorf("%s -h differs from %s (-want +got):\n%s", cmd, golden, diff)
			}
		})
	}
}

// TestUsageListsCommands holds the general usage to commands, the one list
// dispatch runs: each command has its line "  newsdesk NAME ..." in usage,
// and each such line names a command.
func TestUsageListsCommands(t *testing.T) {
	t.Parallel()
	var listed []string
	for line := range strings.Lines(usage) {
		if rest, ok := strings.CutPrefix(line, "  newsdesk "); ok {
			name, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
			listed = append(listed, name)
		}
	}
	slices.Sort(listed)
	known := slices.Sorted(maps.Keys(commands()))
	if diff := cmp.Diff(known, listed); diff != "" {
		t.Errorf("usage's commands differ from commands() (-known +listed):\n%s", diff)
	}
}
