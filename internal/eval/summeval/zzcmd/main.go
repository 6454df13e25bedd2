package main

import (
	"context"
	"fmt"
	"os"

	"github.com/newsdesk/newsdesk/internal/eval/summeval"
)

func main() {
	f := map[string]func(context.Context, []string, *os.File, *os.File) error{}
	_ = f
	var err error
	switch os.Args[1] {
	case "summarize":
		err = summeval.RunSummarize(context.Background(), os.Args[2:], os.Stdout, os.Stderr)
	case "timeline":
		err = summeval.RunTimeline(context.Background(), os.Args[2:], os.Stdout, os.Stderr)
	case "background":
		err = summeval.RunBackground(context.Background(), os.Args[2:], os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
