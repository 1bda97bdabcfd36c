// Package synth runs the stack's Pulumi program offline and records what it
// would deploy. Run executes the very function `pulumi up` runs against the
// shared AWS mock (internal/awsmock), with a stack's config as
// internal/stackfile reads it, and returns a Plan: every registered resource
// with its inputs, the mocked provider's outputs, its dependencies and
// options, plus the stack's exported outputs. No cloud account, credentials,
// network, Pulumi CLI or plugin is involved.
//
// A Plan prints as JSON (WriteJSON, the stable contract that golden files and
// tools read) or as a tree in the style of `pulumi preview` (WriteTree).
// Everything in it derives from URNs and config, so two runs of the same
// stack print byte-identical output.
package synth

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/stackfile"
)

// Program is a stack program that returns its outputs instead of exporting
// them: the function that `pulumi up` runs before the exports.
type Program func(ctx *pulumi.Context) (pulumi.Map, error)

// Exported is the program as the engine runs it: p, then each of its
// outputs exported under its name.
func Exported(p Program) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		outputs, err := p(ctx)
		if err != nil {
			return err
		}
		for name, value := range outputs {
			ctx.Export(name, value)
		}
		return nil
	}
}

// SecretPlaceholder is what a secret value prints as, in inputs, provider
// outputs and stack outputs alike.
const SecretPlaceholder = stackfile.SecretPlaceholder
