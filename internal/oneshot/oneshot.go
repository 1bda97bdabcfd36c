// Package oneshot turns the garbage collector off, up to MemoryLimit, for
// the offline commands (meething synth, meething diff) from the start of the
// process: they run for tens of milliseconds, allocate a few tens of
// megabytes and exit, and collecting along the way cost a fifth of a synth's
// instructions. Imported for its init by package main. It imports nothing
// but the standard library's os and runtime/debug, so that Go, which
// initialises packages in the order of their import paths once their
// dependencies are, initialises it before the Pulumi SDK's packages, whose
// initialisation allocates enough for a collection.
//
// A GOGC or GOMEMLIMIT the user set wins; under the Pulumi engine
// (PULUMI_MONITOR set) and in tests the program keeps Go's defaults.
package oneshot

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the heap at which a one-shot command's collector starts
// after all: far above what synth of a stack at the rule quota allocates in
// total (about 40 MB), far below any machine's memory.
const MemoryLimit = 1 << 30

// EnvMonitor is the variable the Pulumi engine sets for the program it runs
// (the SDK's pulumi.EnvMonitor, which this package does not import).
const EnvMonitor = "PULUMI_MONITOR"

func init() {
	if Applies(os.Args, os.Getenv) {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(MemoryLimit)
	}
}

// Applies reports whether the process with args (os.Args) and environment
// getenv runs a one-shot command with the collector left to this package.
func Applies(args []string, getenv func(string) string) bool {
	if len(args) < 2 || (args[1] != "synth" && args[1] != "diff") {
		return false
	}
	for _, name := range []string{EnvMonitor, "GOGC", "GOMEMLIMIT"} {
		if getenv(name) != "" {
			return false
		}
	}
	return true
}
