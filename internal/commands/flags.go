package commands

import "flag"

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
