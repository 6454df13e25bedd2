// Package summeval implements "newsdesk eval summarize", "eval timeline" and
// "eval background".
package summeval

import (
	"context"
	"errors"
	"io"
)

// RunSummarize implements "newsdesk eval summarize".
func RunSummarize(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("eval summarize: not implemented yet")
}

// RunTimeline implements "newsdesk eval timeline".
func RunTimeline(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("eval timeline: not implemented yet")
}

// RunBackground implements "newsdesk eval background".
func RunBackground(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("eval background: not implemented yet")
}
