// Package quoteeval implements "newsdesk eval quotes".
package quoteeval

import (
	"context"
	"errors"
	"io"
)

// Run parses args (the words after "eval quotes") and prints the evaluation.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("eval quotes: not implemented yet")
}
