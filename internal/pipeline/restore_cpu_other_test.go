//go:build !unix

package pipeline

import "time"

// cpuTime is not measured here; see restore_cpu_unix_test.go.
func cpuTime() time.Duration { return 0 }
