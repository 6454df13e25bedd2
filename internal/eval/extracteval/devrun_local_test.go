package extracteval

import (
	"context"
	"os"
	"strings"
	"testing"
)

// Temporary developer hook; removed before commit.
func TestDevRun(t *testing.T) {
	a := os.Getenv("EVAL_ARGS")
	if a == "" {
		t.Skip()
	}
	if err := Run(context.Background(), strings.Fields(a), os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}
