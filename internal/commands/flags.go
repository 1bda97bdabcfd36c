package commands

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// parseInterspersed parses args with fs taking flags before, between and
// after the positional arguments, as pulumi's commands do (Go's flag
// package alone stops at the first positional one), and returns the
// positional arguments in order: `diff base.json head.json --json` is
// `diff --json base.json head.json`, both giving [base.json head.json].
// After "--" every argument is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	positional := []string{}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// parseArgs parses a command's flags and arguments (parseInterspersed).
// On --help it prints usage and the flags to stderr; on a bad flag, a
// one-line usage error. done says the command has finished, with code.
func parseArgs(fs *flag.FlagSet, args []string, usage string, stderr io.Writer) (positional []string, code int, done bool) {
	positional, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stderr, usage)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		return nil, ExitOK, true
	case err != nil:
		return nil, usageError(stderr, fs.Name(), "%v (see meething %s --help)", err, fs.Name()), true
	}
	return positional, ExitOK, false
}

// usageError prints `meething COMMAND: message` on one line and returns
// ExitUsage.
func usageError(stderr io.Writer, command, format string, args ...any) int {
	msg := strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", "; ")
	fmt.Fprintf(stderr, "meething %s: %s\n", command, msg)
	return ExitUsage
}
