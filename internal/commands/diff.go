package commands

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/meething/edge/internal/plandiff"
	"github.com/meething/edge/internal/refcache"
	"github.com/meething/edge/internal/replace"
	"github.com/meething/edge/internal/synth"
)

const diffUsage = `usage: meething diff BASE.json HEAD.json [--json]
       meething diff --stack NAME --base GITREF [--dir DIR] [--json]

Compares two plans of one stack, as printed by synth --json, or the stack at
a git ref with the working tree, and prints what a deployment would do to
each resource: create (+, with its key inputs as synth shows them), update
(~, with the changed properties), replace (+-, with the properties that
force it) or delete (-). Resources users rely on today and protected ones
are marked, and so is a record change that moves a live name (a record
written over one that exists, an alias's target, weight, set identifier or
health check changed, a weighted record deleted), with the hosts it moves;
output and monthly cost changes come last.

Flags go before or after the plan files, as with pulumi; after -- every
argument is a file.

Exit status: 0 when nothing users rely on is replaced, deleted or moved, 3
when something is, 2 for a usage error, 1 for any other failure.

`

// Diff is `meething diff ARGS`; it returns the process's exit code.
func Diff(program Program, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print one JSON document")
	stackName := fs.String("stack", "", "the stack to compare at --base and in the working tree")
	base := fs.String("base", "", "the git ref to compare the working tree with")
	dir := fs.String("dir", ".", "the directory holding Pulumi.yaml and the stack files")
	files, code, done := parseArgs(fs, args, diffUsage, stderr)
	if done {
		return code
	}

	var basePlan, headPlan *synth.Plan
	var err error
	switch {
	case *stackName == "" && *base == "" && len(files) == 2:
		if basePlan, err = readPlan(files[0]); err == nil {
			headPlan, err = readPlan(files[1])
		}
		if err != nil {
			return usageError(stderr, "diff", "%v", err)
		}
		if basePlan.Stack != headPlan.Stack {
			return usageError(stderr, "diff", "%s is a plan of stack %s and %s of stack %s: compare two plans of one stack", files[0], basePlan.Stack, files[1], headPlan.Stack)
		}
	case *stackName != "" && *base != "" && len(files) == 0:
		config, err := loadStack(*dir, *stackName)
		if err != nil {
			return usageError(stderr, "diff", "%v", err)
		}
		if headPlan, err = synth.Run(config, program(config.Keys())); err != nil {
			fmt.Fprintf(stderr, "error: the working tree's stack %s: %v\n", *stackName, err)
			return ExitProgram
		}
		if basePlan, err = planAtRef(*dir, *base, *stackName); err != nil {
			fmt.Fprintf(stderr, "error: stack %s at %s: %v\n", *stackName, *base, err)
			return ExitProgram
		}
	default:
		return usageError(stderr, "diff", "give two plan files, or --stack and --base (see meething diff --help)")
	}

	report := plandiff.Diff(basePlan, headPlan, replace.ForcesReplacement)
	write := report.WriteText
	if *asJSON {
		write = report.WriteJSON
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "error: writing the diff: %v\n", err)
		return ExitProgram
	}
	if len(report.Breaking()) > 0 {
		return ExitBreaking
	}
	return ExitOK
}

func readPlan(path string) (*synth.Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading a plan: %w", err)
	}
	defer f.Close()
	p, err := synth.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s is not a plan printed by synth --json: %w", path, err)
	}
	return p, nil
}

// planAtRef synthesizes the stack as it is at a git ref, with that ref's
// program and config: the program built from the ref's commit, clean, and
// kept in the cache (internal/refcache), so only the first diff against a
// commit builds it. A stack without a stack file at the ref has an empty
// plan: everything is created.
func planAtRef(dir, ref, stack string) (*synth.Plan, error) {
	top, err := gitOutput(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top = strings.TrimSpace(top)
	commit, err := gitOutput(top, "rev-parse", "--verify", "--end-of-options", ref+"^{commit}")
	if err != nil {
		return nil, err
	}
	commit = strings.TrimSpace(commit)
	cache, err := refcache.Dir()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		return nil, err
	}

	for attempt := 0; ; attempt++ {
		entry, err := refcache.Get(cache, top, commit)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(filepath.Join(entry.Tree(), rel, "Pulumi."+stack+".yaml")); os.IsNotExist(err) {
			return &synth.Plan{Stack: stack, Resources: []synth.Resource{}, Outputs: map[string]any{}}, nil
		}
		cmd := exec.Command(entry.Program(), "synth", "--json", "--stack", stack, "--dir", rel)
		cmd.Dir = entry.Tree()
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err = cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) && attempt == 0 {
			// The cached program would not start: build it again.
			if err := refcache.Remove(entry); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("synth at %s: %v: %s", ref, err, strings.TrimSpace(errOut.String()))
		}
		return synth.ReadJSON(&out)
	}
}

func gitOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}
