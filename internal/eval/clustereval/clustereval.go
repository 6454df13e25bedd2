// Package clustereval implements "newsdesk eval cluster".
package clustereval

import (
	"context"
	"errors"
	"io"
)

// Run parses args (the words after "eval cluster") and prints the evaluation.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("eval cluster: not implemented yet")
}
