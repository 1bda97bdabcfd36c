package awsmock

import (
	"sort"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// aliasURNs turns the aliases of a register request into URNs, as the engine
// does. The SDK sends alias specs (such as the pulumi-aws SDK's
// aws:applicationloadbalancing/listener:Listener alias of every
// aws:lb/listener:Listener) that leave out whatever equals the resource's own
// name, type, parent, stack or project.
func (m *Monitor) aliasURNs(rpc *pulumirpc.RegisterResourceRequest) []string {
	out := []string{}
	for _, a := range rpc.GetAliases() {
		if urn := a.GetUrn(); urn != "" {
			out = append(out, urn)
			continue
		}
		spec := a.GetSpec()
		if spec == nil {
			continue
		}
		stack, project := m.stack, m.project
		typ, name, parent := rpc.GetType(), rpc.GetName(), rpc.GetParent()
		if spec.GetStack() != "" {
			stack = spec.GetStack()
		}
		if spec.GetProject() != "" {
			project = spec.GetProject()
		}
		if spec.GetType() != "" {
			typ = spec.GetType()
		}
		if spec.GetName() != "" {
			name = spec.GetName()
		}
		switch {
		case spec.GetNoParent():
			parent = ""
		case spec.GetParentUrn() != "":
			parent = spec.GetParentUrn()
		}
		out = append(out, newURN(stack, project, parent, typ, name))
	}
	sort.Strings(out)
	return out
}
