// Command meething is the Pulumi program for the public edge of the Meething
// service on AWS: network, certificate, load balancer and DNS, wired into one
// stack (program.go). Under the Pulumi engine (`pulumi up`) it runs the
// program; outside it, it dispatches to the commands (internal/commands:
// synth and diff run the same program offline against a mock of AWS, verify
// checks the deployed edge, cutover status judges a cutover's next step),
// handing them the program as a value.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/commands"
	"github.com/meething/edge/internal/synth"
)

const usage = `meething is the Pulumi program of the Meething edge on AWS.

Under the Pulumi engine it deploys the stack:
  pulumi up --stack dev          (or: make up STACK=dev)

Outside it, offline, against a mock of AWS:
  meething synth [--stack NAME] [--json] [--graph] [--dir DIR]
                 print the plan (synth --help)
  meething diff BASE.json HEAD.json
  meething diff --stack NAME --base GITREF
                 print what a change would do to each resource (diff --help)

Against the deployed stack:
  meething verify --stack NAME [--via dns|alb] [--outputs FILE]
                 check DNS, redirect, certificate, headers and answers
                 of every host the stack serves (verify --help)
  meething cutover status --stack NAME [--window 30m] [--outputs FILE]
                 go or no-go for the next step of a cutover: weights,
                 health check, healthy hosts, 5xx, p99 latency, verify
                 (cutover --help)
  meething drift --stack NAME [--no-refresh] [--state FILE] [--json]
                 what changed at AWS behind the stack's back: managed
                 resources (preview --refresh) and what was added beside
                 them, with the hosts each touches (drift --help)

For the account's IAM, offline:
  meething policy --stack NAME --role deploy|preview [--zone-id ZONE=ID]
                 print the IAM policy of the stack's deploy or preview
                 role, derived from its plan (policy --help)
`

// The exit statuses run returns itself, as the commands define them.
const (
	exitOK    = commands.ExitOK
	exitUsage = commands.ExitUsage
)

// stackProgram is the program the commands run: stackFor, the very program
// `pulumi up` runs.
func stackProgram(keys []string) synth.Program { return stackFor(keys) }

func main() {
	os.Exit(run(os.Args[1:], os.Getenv(pulumi.EnvMonitor) != "", os.Stdout, os.Stderr))
}

// run dispatches on the arguments; underEngine says the Pulumi engine
// started the process. It returns the exit code.
func run(args []string, underEngine bool, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "synth":
			return commands.Synth(stackProgram, args[1:], stdout, stderr)
		case "diff":
			return commands.Diff(stackProgram, args[1:], stdout, stderr)
		case "verify":
			return commands.Verify(stackProgram, args[1:], stdout, stderr)
		case "cutover":
			return commands.Cutover(stackProgram, args[1:], stdout, stderr)
		case "policy":
			return commands.Policy(stackProgram, args[1:], stdout, stderr)
		case "drift":
			return commands.Drift(stackProgram, args[1:], stdout, stderr)
		case "-h", "-help", "--help", "help":
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		if !underEngine {
			fmt.Fprintf(stderr, "meething: unknown command %q; run pulumi up for the stack, or meething synth --help\n", args[0])
			return exitUsage
		}
	}
	if !underEngine {
		fmt.Fprintln(stderr, "meething is a Pulumi program: run it with pulumi up (make up STACK=dev), or see the plan offline with meething synth --help")
		return exitUsage
	}
	pulumi.Run(program)
	return exitOK
}
