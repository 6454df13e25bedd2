// Package extracteval implements "newsdesk eval extract".
package extracteval

import (
	"context"
	"errors"
	"io"
)

// Run parses args (the words after "eval extract") and prints the evaluation.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("eval extract: not implemented yet")
}
