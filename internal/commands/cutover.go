package commands

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/meething/edge/internal/cutover"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/internal/verify"
	"github.com/meething/edge/stackconfig"
)

const cutoverUsage = `usage: meething cutover status --stack NAME [--outputs FILE] [--window D]
                      [--max-5xx-rate R] [--max-latency-ratio F] [--no-old-edge]
                      [--skip-verify] [--endpoint URL] [--timeout D] [--dir DIR] [--json]

The gate between the steps of a cutover, read-only: may the live names move
on from the hand-built load balancer to the stack's? It reads the weighted
alias records (set identifiers old-edge and new-edge) of each name under
cutover in the stack's zone (output hostedZoneId), the new edge's health
check, and the load balancers' CloudWatch metrics over the last --window,
and judges each criterion go or no-go:

  weights        the zone's weights are the ones the stack's output cutover
                 says, the new-edge records point at the stack's load
                 balancer and carry its health check
  health-check   the new edge's health check is healthy
  healthy-hosts  every target group had a healthy host for the whole window
  target-5xx     the targets' 5xx are at most --max-5xx-rate of requests
  elb-5xx        the load balancer's own 5xx too
  latency-p99    the new edge's TargetResponseTime p99 is at most
                 --max-latency-ratio times the old edge's (the old load
                 balancer is found by the old-edge record's DNS name; not
                 found is no-go unless --no-old-edge)
  verify         meething verify --via alb passes (--skip-verify: not run)

With no request in the window the rates and latency are not judged, and
say so. The stack's outputs come from --outputs FILE (as printed by pulumi
stack output --json) or pulumi stack output itself; the region from the
stack's aws:region; credentials the AWS SDK's usual way. --endpoint (or
AWS_ENDPOINT_URL) sends every call elsewhere: an emulator such as moto.
See docs/tools.md.

Exit status: 0 go, 4 no-go, 2 for a usage error, 1 when the AWS reads
or the stack's program fail.

`

// cutoverVerify runs the verify --via alb checks of a cutover status; the
// tests replace it.
var cutoverVerify = verifyViaALB

// Cutover is `meething cutover SUBCOMMAND ARGS`; it returns the process's
// exit code. Its one subcommand is status.
func Cutover(program Program, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprint(stderr, cutoverUsage)
		return ExitOK
	}
	if len(args) == 0 || args[0] != "status" {
		got := "nothing"
		if len(args) > 0 {
			got = fmt.Sprintf("%q", args[0])
		}
		return usageError(stderr, "cutover", "want the subcommand status, got %s (see meething cutover --help)", got)
	}
	return cutoverStatus(program, args[1:], stdout, stderr)
}

func cutoverStatus(program Program, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cutover status", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	stackName := fs.String("stack", "", "the stack whose cutover to judge (required)")
	dir := fs.String("dir", ".", "the directory holding Pulumi.yaml and the stack files")
	outputsFile := fs.String("outputs", "", "the stack's outputs, as pulumi stack output --json prints them")
	window := fs.Duration("window", 30*time.Minute, "the bake window the metrics are read over, whole minutes")
	max5xx := fs.Float64("max-5xx-rate", 0.01, "the highest share of requests answered 5xx (targets', and the load balancer's own)")
	maxRatio := fs.Float64("max-latency-ratio", 1.5, "how many times the old edge's p99 response time the new edge's may be")
	noOldEdge := fs.Bool("no-old-edge", false, "judge latency without the old edge (it is gone)")
	skipVerify := fs.Bool("skip-verify", false, "do not run the verify --via alb checks")
	endpoint := fs.String("endpoint", "", endpointUsage)
	timeout := fs.Duration("timeout", 5*time.Minute, "the deadline of the whole run")
	asJSON := fs.Bool("json", false, "print one JSON document")
	rest, code, done := parseArgs(fs, args, cutoverUsage, stderr)
	if done {
		return code
	}
	const cmd = "cutover status"
	switch {
	case len(rest) > 0:
		return usageError(stderr, cmd, "unexpected argument %q (see meething cutover --help)", rest[0])
	case *stackName == "":
		return usageError(stderr, cmd, "--stack is required (see meething cutover --help)")
	case *window < time.Minute || *window > 24*time.Hour || *window%time.Minute != 0:
		return usageError(stderr, cmd, "--window is %v: whole minutes from 1m to 24h", *window)
	case !(*max5xx >= 0 && *max5xx <= 1):
		return usageError(stderr, cmd, "--max-5xx-rate is %v: a share of requests from 0 to 1 (0.01 is 1%%)", *max5xx)
	case !(*maxRatio > 0):
		return usageError(stderr, cmd, "--max-latency-ratio is %v: above 0", *maxRatio)
	case *timeout <= 0:
		return usageError(stderr, cmd, "--timeout is %v: above 0", *timeout)
	}
	if msg := checkEndpoint(*endpoint); msg != "" {
		return usageError(stderr, cmd, "%s", msg)
	}
	config, err := loadStack(*dir, *stackName)
	if err != nil {
		return usageError(stderr, cmd, "%v", err)
	}
	region := config.Config["aws:region"]
	if region == "" {
		return usageError(stderr, cmd, "stack %s sets no aws:region", *stackName)
	}
	raw, err := stackOutputs(*outputsFile, *dir, *stackName, *timeout)
	if err != nil {
		return usageError(stderr, cmd, "%v", err)
	}
	outputs, err := cutover.ParseOutputs(raw)
	if err != nil {
		return usageError(stderr, cmd, "%v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	awsCfg, err := loadAWSConfig(ctx, region, *endpoint)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return ExitProgram
	}
	state, err := cutover.Read(ctx, cutover.NewClients(awsCfg), outputs, *window, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "error: stack %s: %v\n", *stackName, err)
		return ExitProgram
	}
	if *skipVerify {
		state.Verify = cutover.Verify{Skipped: "--skip-verify"}
	} else if state.Verify, err = cutoverVerify(ctx, program, config, raw, stderr); err != nil {
		fmt.Fprintf(stderr, "error: stack %s: %v\n", *stackName, err)
		return ExitProgram
	}

	result := cutover.NewResult(*stackName, state, cutover.Thresholds{Max5xxRate: *max5xx, MaxLatencyRatio: *maxRatio, NoOldEdge: *noOldEdge})
	write := result.WriteTable
	if *asJSON {
		write = result.WriteJSON
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "error: writing the report: %v\n", err)
		return ExitProgram
	}
	if !result.Go {
		return ExitCheckFailed
	}
	return ExitOK
}

// verifyViaALB runs what meething verify --via alb runs for the stack
// (default flags, progress on stderr) and sums it up.
func verifyViaALB(ctx context.Context, program Program, config *stackfile.Stack, outputs map[string]any, stderr io.Writer) (cutover.Verify, error) {
	plan, err := synth.Run(config, program(config.Keys()))
	if err != nil {
		return cutover.Verify{}, fmt.Errorf("the stack's program: %w", err)
	}
	promise, err := verify.FromPlan(plan, config.Config[stackconfig.FullKey(stackconfig.KeyDomain)])
	if err != nil {
		return cutover.Verify{}, err
	}
	if _, err := promise.ApplyOutputs(outputs); err != nil {
		return cutover.Verify{}, err
	}
	opts := verify.Options{Prober: verify.Prober{Via: verify.ViaALB, LoadBalancer: promise.LoadBalancer, HTTPPort: 80, HTTPSPort: 443},
		MinDays: 30, Progress: stderr}
	if deadline, ok := ctx.Deadline(); ok {
		opts.Timeout = time.Until(deadline)
	}
	if !verify.HasIPv6Route() {
		opts.NoIPv6 = "this machine has no IPv6 route"
	}
	return summarize(verify.Run(ctx, promise, opts)), nil
}

// summarize sums a verify report up in one sentence: the counts, and the
// first failures.
func summarize(r *verify.Report) cutover.Verify {
	var total, failed int
	var first []string
	for _, h := range r.Hosts {
		for _, c := range h.Checks {
			total++
			if c.Status == verify.Fail {
				failed++
				if len(first) < 3 {
					first = append(first, fmt.Sprintf("%s: %s: %s", h.Host, c.Check, c.Reason))
				}
			}
		}
	}
	v := cutover.Verify{Passed: r.Passed, Summary: fmt.Sprintf("%d hosts, %d checks, %d failed", len(r.Hosts), total, failed)}
	if len(first) > 0 {
		v.Summary += " (" + strings.Join(first, "; ") + ")"
	}
	return v
}
