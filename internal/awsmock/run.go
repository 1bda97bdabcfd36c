package awsmock

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Run runs fn as stack of project against a new mock whose region is the
// config's aws:region. config holds fully qualified keys ("meething:domain")
// with Pulumi's encoding: plain strings, lists and objects as JSON.
func Run(project, stack string, config map[string]string, fn pulumi.RunFunc, opts ...func(*Monitor)) (*Monitor, error) {
	m := New(project, stack, config["aws:region"])
	m.Declare(config)
	for _, o := range opts {
		o(m)
	}
	err := pulumi.RunErr(fn, pulumi.WithMocks(project, stack, m), func(info *pulumi.RunInfo) {
		info.Config = config
	})
	return m, err
}

// Await runs fn with the resolved value of outputs before the run ends.
// pulumi.RunErr waits only for work joined to the context: an output built
// from plain values (pulumi.String(x).ToStringOutput()) is not, and neither
// is an apply on it, so the apply is hung off an output that is.
func Await(ctx *pulumi.Context, outputs pulumi.Map, fn func(map[string]any) error) {
	joined, resolve, _ := ctx.NewOutput()
	resolve(nil)
	joined.ApplyT(func(any) pulumi.MapOutput {
		return outputs.ToMapOutput()
	}).ApplyT(fn)
}
