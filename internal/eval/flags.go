// Package eval holds what the evaluation commands (extracteval, clustereval,
// quoteeval, summeval) share.
package eval

import (
	"errors"
	"flag"
	"fmt"
)

// ErrUsage marks an error the flag set has already shown the user, with the
// usage, so that the caller does not print it a second time.
var ErrUsage = errors.New("usage")

// ParseFlags parses args into fs, a flag set with flag.ContinueOnError. A
// bad flag comes back wrapped in ErrUsage; -h comes back as flag.ErrHelp.
func ParseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrUsage, err)
}
