package commands

import (
	"flag"
	"fmt"
	"io"
	"regexp"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

const synthUsage = `usage: meething synth [--stack NAME] [--json | --graph] [--dir DIR]

Runs the stack's program offline against a mock of AWS and prints what it
would deploy: a tree like pulumi preview, with --json one JSON document, or
with --graph a Mermaid flowchart with the critical path marked.
Reads DIR/Pulumi.yaml and DIR/Pulumi.<NAME>.yaml.

`

// Synth is `meething synth ARGS`: it parses the flags, synthesizes the
// stack and prints the plan on stdout. Errors go to stderr only, so stdout
// holds a plan or nothing. It returns the process's exit code.
func Synth(program Program, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	stackName := fs.String("stack", "dev", "the stack whose Pulumi.<stack>.yaml to read")
	asJSON := fs.Bool("json", false, "print the plan as one JSON document")
	asGraph := fs.Bool("graph", false, "print the plan as a Mermaid flowchart, the critical path marked")
	dir := fs.String("dir", ".", "the directory holding Pulumi.yaml and the stack files")
	rest, code, done := parseArgs(fs, args, synthUsage, stderr)
	if done {
		return code
	}
	switch {
	case len(rest) > 0:
		return usageError(stderr, "synth", "unexpected argument %q (see meething synth --help)", rest[0])
	case *asJSON && *asGraph:
		return usageError(stderr, "synth", "--json and --graph exclude each other")
	}

	config, err := loadStack(*dir, *stackName)
	if err != nil {
		return usageError(stderr, "synth", "%v", err)
	}
	plan, err := synth.Run(config, program(config.Keys()))
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return ExitProgram
	}
	plan.Unchecked = uncheckedKeys(config)
	write := plan.WriteTree
	switch {
	case *asJSON:
		write = plan.WriteJSON
	case *asGraph:
		write = plan.WriteGraph
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "error: writing the plan: %v\n", err)
		return ExitProgram
	}
	return ExitOK
}

// stackNamePattern is what Pulumi accepts as a stack name (without an
// organization or project), and keeps --stack from naming a path.
var stackNamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// loadStack reads the stack file of the stack named name in dir, once the
// name is one Pulumi accepts (stackNamePattern).
func loadStack(dir, name string) (*stackfile.Stack, error) {
	if !stackNamePattern.MatchString(name) {
		return nil, fmt.Errorf("%q is not a stack name: only letters, digits and the characters . - _", name)
	}
	return stackfile.Load(dir, name)
}

// uncheckedKeys returns the keys whose encrypted values the synth could not
// read: the rules that need them were skipped (pulumi up applies them).
func uncheckedKeys(s *stackfile.Stack) []string {
	cfg, err := stackconfig.Parse(func(key string) (string, bool) {
		v, ok := s.Config[key]
		return v, ok
	}, s.Keys())
	if err != nil {
		return nil
	}
	return cfg.Unchecked
}
