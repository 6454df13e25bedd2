// Command zzrun is a temporary runner while cmd/newsdesk does not build.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/newsdesk/newsdesk/internal/eval/clustereval"
)

func main() {
	if err := clustereval.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
