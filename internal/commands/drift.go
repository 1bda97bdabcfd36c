package commands

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/drift"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

const driftUsage = `usage: meething drift --stack NAME [--state FILE] [--no-refresh] [--no-unmanaged]
                     [--expected-records "NAME TYPE,..."] [--endpoint URL]
                     [--timeout D] [--dir DIR] [--json | --issue]

What changed at AWS behind the stack's back, read-only, in two parts:

  managed    pulumi preview --refresh --expect-no-changes of the stack,
             through the Automation API: each managed resource whose
             refreshed state the program would change, in meething diff's
             words (--no-refresh: not run)
  unmanaged  what AWS holds beside the stack's resources (--no-unmanaged:
             not read): rules on its listeners it did not create (what
             they match, where they send it, which of its hosts they take
             over: a lower priority number is evaluated first);
             certificates on its HTTPS listener it did not attach; record
             sets in its zone no stack owns (the zone's NS and SOA, owner
             records and what they list are owned, and so are those of
             --expected-records); in a parent zone, records under its
             names that are not its own; rules on its
             security groups it did not create; a web ACL associated with
             its load balancer other than its own

What the stack manages comes from its state: --state FILE (as pulumi stack
export prints it), or else the stack's backend through the Automation API.
The region is the stack's aws:region; credentials the AWS SDK's usual way;
--endpoint (or AWS_ENDPOINT_URL) sends the unmanaged part's calls elsewhere:
an emulator such as moto. Each finding names the stack's hosts it touches.
--issue prints the body of the GitHub issue the drift workflow keeps per
stack. The engine's progress goes to stderr. See docs/tools.md.

Exit status: 0 no drift, 4 drift found, 2 for a usage error, 1 when the
state, AWS or the preview could not be read.

`

// Drift is `meething drift ARGS`; it returns the process's exit code.
func Drift(program Program, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("drift", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	stackName := fs.String("stack", "", "the stack to check (required)")
	dir := fs.String("dir", ".", "the directory holding Pulumi.yaml and the stack files")
	stateFile := fs.String("state", "", "the stack's state, as pulumi stack export prints it (default: the stack's backend)")
	noRefresh := fs.Bool("no-refresh", false, "skip the managed part (pulumi preview --refresh)")
	noUnmanaged := fs.Bool("no-unmanaged", false, "skip the unmanaged part (its AWS reads)")
	expected := fs.String("expected-records", "", `record sets that are someone else's on purpose, comma-separated "NAME TYPE" (an adopted zone's mail records)`)
	endpoint := fs.String("endpoint", "", endpointUsage)
	timeout := fs.Duration("timeout", 15*time.Minute, "the deadline of the whole run")
	asJSON := fs.Bool("json", false, "print one JSON document")
	asIssue := fs.Bool("issue", false, "print the body of the drift workflow's GitHub issue (Markdown)")
	rest, code, done := parseArgs(fs, args, driftUsage, stderr)
	if done {
		return code
	}
	switch {
	case len(rest) > 0:
		return usageError(stderr, "drift", "unexpected argument %q (see meething drift --help)", rest[0])
	case *stackName == "":
		return usageError(stderr, "drift", "--stack is required (see meething drift --help)")
	case *noRefresh && *noUnmanaged:
		return usageError(stderr, "drift", "--no-refresh and --no-unmanaged together leave nothing to check")
	case *asJSON && *asIssue:
		return usageError(stderr, "drift", "--json and --issue: choose one")
	case *timeout <= 0:
		return usageError(stderr, "drift", "--timeout is %v: above 0", *timeout)
	}
	if msg := checkEndpoint(*endpoint); msg != "" {
		return usageError(stderr, "drift", "%s", msg)
	}
	expectedRecords := map[string]bool{}
	for _, e := range splitList(*expected) {
		if len(strings.Fields(e)) != 2 {
			return usageError(stderr, "drift", `--expected-records holds %q: each entry is "NAME TYPE", such as "meething.net MX"`, e)
		}
		expectedRecords[identity.NormalizeEntry(e)] = true
	}
	config, err := loadStack(*dir, *stackName)
	if err != nil {
		return usageError(stderr, "drift", "%v", err)
	}
	region := config.Config["aws:region"]
	if region == "" && !*noUnmanaged {
		return usageError(stderr, "drift", "stack %s sets no aws:region", *stackName)
	}
	var state []byte
	if *stateFile != "" {
		if state, err = os.ReadFile(*stateFile); err != nil {
			return usageError(stderr, "drift", "reading --state: %v", err)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	findings, skipped, err := driftFindings(ctx, program, config, *dir, state, driftParts{managed: !*noRefresh, unmanaged: !*noUnmanaged, region: region, endpoint: *endpoint, expected: expectedRecords}, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "error: stack %s: %v\n", *stackName, err)
		return ExitProgram
	}
	report := drift.NewReport(*stackName, findings, skipped)
	write := report.WriteTable
	switch {
	case *asJSON:
		write = report.WriteJSON
	case *asIssue:
		write = report.WriteIssue
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "error: writing the report: %v\n", err)
		return ExitProgram
	}
	if report.Drifted {
		return ExitCheckFailed
	}
	return ExitOK
}

// driftParts are the parts of a drift run to do, and where AWS is.
type driftParts struct {
	managed, unmanaged bool
	region, endpoint   string
	expected           map[string]bool // --expected-records
}

// driftFindings runs the parts of a drift run: the state (given, or
// exported from the stack's backend), the unmanaged part against AWS, the
// managed part through the engine. skipped says what did not run.
func driftFindings(ctx context.Context, program Program, config *stackfile.Stack, dir string, state []byte, parts driftParts, progress io.Writer) (findings []drift.Finding, skipped []string, err error) {
	var stack *auto.Stack
	if parts.managed || state == nil {
		s, err := selectStack(ctx, program, config, dir)
		if err != nil {
			return nil, nil, err
		}
		stack = &s
	}
	if state == nil {
		exported, err := stack.Export(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("exporting the state (pulumi stack export): %w", err)
		}
		state = exported.Deployment
		state = append(append([]byte(`{"deployment":`), state...), '}')
	}
	resources, err := drift.ParseExport(state)
	if err != nil {
		return nil, nil, fmt.Errorf("the state: %w", err)
	}
	managed, stateErr := drift.FromState(config.Project, config.Name, config.Config[stackconfig.FullKey(stackconfig.KeyDomain)], resources)
	if parts.unmanaged {
		if stateErr != nil {
			return nil, nil, stateErr
		}
		managed.Expected = parts.expected
		cfg, err := loadAWSConfig(ctx, parts.region, parts.endpoint)
		if err != nil {
			return nil, nil, err
		}
		edge, err := drift.Read(ctx, drift.NewClients(cfg), managed)
		if err != nil {
			return nil, nil, err
		}
		findings = append(findings, drift.Compare(managed, edge)...)
	} else {
		skipped = append(skipped, "what AWS holds beside the stack's resources (--no-unmanaged)")
	}
	if parts.managed {
		changes, err := drift.Preview(ctx, *stack, managed.Hosts, progress)
		if err != nil {
			return nil, nil, err
		}
		findings = append(findings, changes...)
	} else {
		skipped = append(skipped, "the managed resources' properties (--no-refresh: no pulumi preview --refresh)")
	}
	return findings, skipped, nil
}

// selectStack is the stack through the Automation API, its program the one
// the commands run (inline), its project dir; the pulumi CLI on PATH and
// the environment's backend, as pulumi itself would use them.
func selectStack(ctx context.Context, program Program, config *stackfile.Stack, dir string) (auto.Stack, error) {
	run := synth.Exported(program(config.Keys()))
	s, err := auto.SelectStackInlineSource(ctx, config.Name, config.Project, run, auto.WorkDir(dir))
	if err != nil {
		return auto.Stack{}, fmt.Errorf("selecting the stack through the Automation API: %w", err)
	}
	return s, nil
}
