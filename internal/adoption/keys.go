package adoption

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/stackconfig"
)

// Keys returns the import keys (identity.Key) of every importable custom
// resource build registers for plan, sorted: what meething:import may name.
//
// They are not kept in a list: build runs once more, in a Pulumi run of its
// own against the project's AWS mock (internal/awsmock, which synth uses
// too), and the keys are read off what it registered, as synth reads each
// resource's key. That run never talks to an engine, even inside `pulumi
// up`: the mock answers its registrations and the data sources the build
// reads (the caller's account, the region, the load balancer's log-delivery
// account). The mock answers for its default region; the region changes IDs
// and ARNs, not which resources the build registers.
func Keys(project, stack string, plan *Plan, build Build) ([]string, error) {
	m := awsmock.New(project, stack, "")
	err := pulumi.RunErr(func(ctx *pulumi.Context) error { return build(ctx, plan) },
		pulumi.WithMocks(project, stack, m),
		func(info *pulumi.RunInfo) {
			// The engine's addresses, which the SDK reads from the
			// environment under `pulumi up`, are not this run's: with the
			// mocks it would never use them, and so it makes no client
			// for them either.
			info.MonitorAddr, info.EngineAddr = "", ""
			// Not a preview, whatever the engine's run is: as synth does.
			info.DryRun = false
		})
	if err != nil {
		return nil, err
	}
	var keys []string
	for _, r := range m.Resources() {
		if r.Custom && identity.Importable(r.Type) {
			keys = append(keys, identity.Key(r.Type, r.Name))
		}
	}
	sort.Strings(keys)
	return keys, nil
}

// checkImportKeys rejects meething:import keys that name no resource of the
// stack, listing the ones that do. Only a config that imports something pays
// for the dry run of the build.
func checkImportKeys(ctx *pulumi.Context, cfg *stackconfig.Config, plan *Plan, build Build) error {
	if len(cfg.Import) == 0 {
		return nil
	}
	valid, err := Keys(ctx.Project(), ctx.Stack(), plan, build)
	if err != nil {
		return fmt.Errorf("listing the resources the stack registers, to check %s: %w", stackconfig.FullKey(stackconfig.KeyImport), err)
	}
	unknown := Unknown(cfg.Import, valid)
	if len(unknown) == 0 {
		return nil
	}
	ps := make([]stackconfig.Problem, 0, len(unknown))
	for _, k := range unknown {
		ps = append(ps, stackconfig.Problem{
			Key: stackconfig.FullKey(stackconfig.KeyImport) + "." + k, Value: cfg.Import[k],
			Rule: "names no resource of this stack; the importable keys are " + strings.Join(valid, ", "),
		})
	}
	return &stackconfig.Error{Problems: ps}
}

// Unknown returns the keys of imports that name no resource in keys, sorted.
func Unknown(imports map[string]string, keys []string) []string {
	valid := map[string]bool{}
	for _, k := range keys {
		valid[k] = true
	}
	var out []string
	for k := range imports {
		if !valid[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
