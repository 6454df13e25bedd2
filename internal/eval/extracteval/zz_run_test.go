package extracteval

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestZZRun(t *testing.T) {
	a := os.Getenv("EVALARGS")
	if a == "" {
		t.Skip()
	}
	if err := Run(context.Background(), strings.Fields(a), os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}
