// Package commands holds meething's commands outside the Pulumi engine, each
// in its own file with its usage text: synth (the stack's plan, offline),
// diff (what a change does to each resource, offline), verify (the
// deployed edge, checked from outside), cutover status (go or no-go for
// the next step of a cutover, from the zone and CloudWatch), drift (what
// changed at AWS behind the stack's back) and policy (the IAM policy of a
// stack's deploy or preview role, from its plan). Each takes the stack's
// program as a value, so what they run is what `pulumi up` runs;
// main only dispatches.
package commands

import (
	"github.com/meething/edge/internal/synth"
)

// Program returns the stack's program for a config that sets keys (the
// fully qualified keys of the stack file, as the engine lists them).
type Program func(keys []string) synth.Program

// The commands' exit statuses.
const (
	ExitOK          = 0
	ExitProgram     = 1 // the program failed, as it would under pulumi up: invalid config
	ExitUsage       = 2 // bad flags, or no such stack file
	ExitBreaking    = 3 // diff: something users rely on would be replaced or deleted
	ExitCheckFailed = 4 // verify: a check failed; cutover status: no-go; drift: drift found
)
