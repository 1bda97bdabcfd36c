package awsmock

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Run runs fn as stack of project against a new mock whose region is the
// config's aws:region. config holds fully qualified keys ("meething:domain")
// with Pulumi's encoding: plain strings, lists and objects as JSON.
func Run(project, stack string, config map[string]string, fn pulumi.RunFunc, opts ...func(*Monitor)) (*Monitor, error) {
	m := New(project, stack, config["aws:region"])
	for _, o := range opts {
		o(m)
	}
	err := pulumi.RunErr(fn, pulumi.WithMocks(project, stack, m), func(info *pulumi.RunInfo) {
		info.Config = config
	})
	return m, err
}
