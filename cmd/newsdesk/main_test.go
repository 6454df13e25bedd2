package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// TestFlagsHelpAndErrors checks what a user sees for -h and for a bad flag:
// -h shows the usage and succeeds; a bad flag is reported once, with the
// usage, and fails without running anything.
func TestFlagsHelpAndErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args      []string
		wantUsage string // in stderr
		wantErr   bool
	}{
		{[]string{"serve", "--help"}, "usage: newsdesk serve", false},
		{[]string{"demo", "-h"}, "usage: newsdesk demo", false},
		{[]string{"brief", "--help"}, "usage: newsdesk brief", false},
		{[]string{"sources", "-h"}, "usage: newsdesk sources", false},
		{[]string{"serve", "--bogus"}, "usage: newsdesk serve", true},
		{[]string{"brief", "--format"}, "usage: newsdesk brief", true},
		{[]string{"sources", "--bogus", "list"}, "usage: newsdesk sources", true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, func(string) string { return "" }, &stdout, &stderr)
			if !strings.Contains(stderr.String(), tt.wantUsage) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantUsage, stderr.String())
			}
			if !tt.wantErr {
				if err != nil {
					t.Errorf("err %v, want success", err)
				}
				return
			}
			// main prints any error but errUsage; the flag package has
			// printed this one already.
			if !errors.Is(err, errUsage) {
				t.Errorf("err %v, want errUsage", err)
			}
		})
	}
}
