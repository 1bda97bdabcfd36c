package main

import (
	"os"
	"runtime/debug"
)

// oneShotMemoryLimit is the heap at which a one-shot command's garbage
// collector starts after all: far above what synth of a stack at the rule
// quota allocates in total (about 40 MB), far below any machine's memory.
const oneShotMemoryLimit = 1 << 30

// oneShotGC turns the garbage collector off, up to oneShotMemoryLimit, for
// the offline commands (synth, diff): they run for tens of milliseconds,
// allocate a few tens of megabytes and exit, and collecting along the way
// cost a fifth of synth's instructions. A GOGC or GOMEMLIMIT the user set
// wins. Under the Pulumi engine the program keeps Go's defaults.
func oneShotGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(oneShotMemoryLimit)
}
