package synth

import "github.com/meething/edge/internal/cost"

// Plan is what a stack would deploy. Its fields are exactly the JSON that
// WriteJSON prints; values are plain JSON values (string, float64, bool, nil,
// []any, map[string]any), so a Plan read back from JSON is equal to the one
// that was written.
type Plan struct {
	Project string `json:"project"`
	Stack   string `json:"stack"`
	// Resources are every resource the program registered, components
	// included and the root stack excluded, sorted by URN.
	Resources []Resource `json:"resources"`
	// Outputs are the stack's exports, resolved.
	Outputs map[string]any `json:"outputs"`
	// Unchecked are the config keys whose encrypted values the synth could
	// not read, so no rule that needs the value was applied to them.
	Unchecked []string `json:"unchecked,omitempty"`
	// Cost is the plan's monthly fixed cost and the per-unit prices.
	Cost *cost.Estimate `json:"cost,omitempty"`
}

// Resource is one registered resource.
type Resource struct {
	URN string `json:"urn"`
	// ID is the physical ID the mocked provider assigned; empty for
	// components.
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
	// Parent is the parent's URN, or empty when the parent is the root stack.
	Parent string `json:"parent"`
	Custom bool   `json:"custom"`
	// Inputs are the properties the program registered; Outputs are the
	// provider's state (inputs plus computed properties). Secrets are
	// SecretPlaceholder, unknown values nil.
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
	// Dependencies are the URNs the resource waits for (dependsOn and the
	// resources its inputs came from), sorted.
	Dependencies        []string `json:"dependencies"`
	Protect             bool     `json:"protect"`
	RetainOnDelete      bool     `json:"retainOnDelete"`
	DeleteBeforeReplace bool     `json:"deleteBeforeReplace"`
	IgnoreChanges       []string `json:"ignoreChanges"`
	Aliases             []string `json:"aliases"`
	// Key names the resource in meething:import; empty for types that
	// cannot be imported.
	Key string `json:"key,omitempty"`
	// ImportID is the ID the resource is imported by; empty when created.
	ImportID string `json:"importId,omitempty"`
}

// Resource returns the resource with urn, or nil.
func (p *Plan) Resource(urn string) *Resource {
	for i := range p.Resources {
		if p.Resources[i].URN == urn {
			return &p.Resources[i]
		}
	}
	return nil
}

// OfType returns the resources of a type token, sorted by URN.
func (p *Plan) OfType(typ string) []*Resource {
	var out []*Resource
	for i := range p.Resources {
		if p.Resources[i].Type == typ {
			out = append(out, &p.Resources[i])
		}
	}
	return out
}
