// Package plandiff compares two plans of one stack, as `pulumi preview
// --diff` compares a program with its state: each resource that changes is
// created, updated (with its changed properties, old and new), replaced (with
// the properties that force it, and whether the new one is created before
// the old is deleted) or deleted. Resources users rely on and protected ones
// are marked; output changes and the monthly cost change come last.
package plandiff

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/meething/edge/internal/servingpath"
	"github.com/meething/edge/internal/synth"
)

// Op is what happens to a resource.
type Op string

const (
	Create  Op = "create"
	Update  Op = "update"
	Replace Op = "replace"
	Delete  Op = "delete"
)

// Property is one changed input property.
type Property struct {
	Path string `json:"path"`
	Old  any    `json:"old"`
	New  any    `json:"new"`
}

// Change is what happens to one resource.
type Change struct {
	URN  string `json:"urn"`
	Type string `json:"type"`
	Name string `json:"name"`
	Op   Op     `json:"op"`
	// KeyInputs are a created resource's key inputs as synth shows them
	// (synth.Resource.KeyInputs): "port=80 protocol=HTTP health=/".
	KeyInputs string `json:"keyInputs,omitempty"`
	// Properties are the changed inputs (update and replace).
	Properties []Property `json:"properties"`
	// ReplaceBecause are the properties whose change forces the
	// replacement.
	ReplaceBecause []string `json:"replaceBecause"`
	// CreateBeforeDelete: the replacement is created before the old
	// resource is deleted (Pulumi's default), unless deleteBeforeReplace.
	CreateBeforeDelete bool `json:"createBeforeDelete,omitempty"`
	// ReliedOn marks what users' requests depend on today: a resource of
	// the base that ReliedOn is true for, never one being created, unless
	// it moves a live name (Moves). Protected, a resource whose
	// replacement or deletion Pulumi refuses until it is unprotected.
	ReliedOn  bool `json:"reliedOn,omitempty"`
	Protected bool `json:"protected,omitempty"`
	// Moves says how a record change moves a live name, with the hosts it
	// moves (servingpath.Moves): "moves *.meething.net A to the stack's
	// load balancer", "*.meething.net A: 10% → 50% of answers to the
	// stack's load balancer"; empty when it moves none.
	Moves string `json:"moves,omitempty"`
}

// Output is one changed stack output.
type Output struct {
	Name string `json:"name"`
	Old  any    `json:"old"`
	New  any    `json:"new"`
}

// Report is the difference between two plans.
type Report struct {
	Stack            string   `json:"stack"`
	Changes          []Change `json:"changes"`
	Outputs          []Output `json:"outputs"`
	MonthlyCostDelta float64  `json:"monthlyCostDelta"`
}

// ForcesReplacement returns, among a resource type's changed input paths,
// those whose change makes the provider replace it (replace.ForcesReplacement).
type ForcesReplacement func(typ string, changed []string) []string

// reliedOn is true for the resources users' requests depend on
// (servingpath.ReliedOn).
func reliedOn(r *synth.Resource) bool { return servingpath.ReliedOn(r.Type, r.Inputs) }

// Diff compares base, the stack as it is, with head, the stack as it would
// be. Components are left out: they have no cloud counterpart.
func Diff(base, head *synth.Plan, forces ForcesReplacement) Report {
	rep := Report{Stack: head.Stack, Changes: []Change{}, Outputs: []Output{}}
	old := map[string]*synth.Resource{}
	records := map[string]servingpath.RecordChange{} // by URN, every record of either plan
	for i := range base.Resources {
		if base.Resources[i].Custom {
			old[base.Resources[i].URN] = &base.Resources[i]
		}
	}
	for i := range head.Resources {
		r := &head.Resources[i]
		if !r.Custom {
			continue
		}
		o, was := aliasedFrom(old, r)
		if r.Type == servingpath.RecordType {
			records[r.URN] = servingpath.RecordChange{New: r.Inputs}
			if o != nil {
				records[r.URN] = servingpath.RecordChange{Old: o.Inputs, New: r.Inputs}
			}
		}
		if o == nil {
			c := change(r, Create)
			c.KeyInputs = r.KeyInputs()
			rep.Changes = append(rep.Changes, c)
			continue
		}
		delete(old, was)
		props := ChangedInputs(o.Inputs, r.Inputs)
		if len(props) == 0 {
			continue
		}
		c := change(r, Update)
		c.ReliedOn = reliedOn(o)
		c.Properties = props
		c.Protected = o.Protect || r.Protect
		var paths []string
		for _, p := range props {
			paths = append(paths, p.Path)
		}
		if because := forces(r.Type, paths); len(because) > 0 {
			c.Op = Replace
			c.ReplaceBecause = because
			c.CreateBeforeDelete = !r.DeleteBeforeReplace
		}
		rep.Changes = append(rep.Changes, c)
	}
	for _, o := range old {
		c := change(o, Delete)
		c.ReliedOn = reliedOn(o)
		rep.Changes = append(rep.Changes, c)
		if o.Type == servingpath.RecordType {
			records[o.URN] = servingpath.RecordChange{Old: o.Inputs}
		}
	}
	markMoves(rep.Changes, records, append(loadBalancerNames(base), loadBalancerNames(head)...))
	sort.Slice(rep.Changes, func(i, j int) bool { return rep.Changes[i].URN < rep.Changes[j].URN })

	for _, name := range outputNames(base.Outputs, head.Outputs) {
		a, b := base.Outputs[name], head.Outputs[name]
		if !reflect.DeepEqual(a, b) {
			rep.Outputs = append(rep.Outputs, Output{Name: name, Old: a, New: b})
		}
	}
	if was, ok := monthlyCost(base); ok {
		if is, ok := monthlyCost(head); ok {
			rep.MonthlyCostDelta = round2(is - was)
		}
	}
	return rep
}

// monthlyCost is a plan's monthly fixed cost: its estimate's, or 0 for a
// plan without resources (a stack that does not exist yet at the base, as
// diff --base makes it, or no more at the head), so a new stack's change is
// its whole cost. False for a plan with resources and no estimate (a region
// without prices): its cost is unknown.
func monthlyCost(p *synth.Plan) (float64, bool) {
	if p.Cost != nil {
		return p.Cost.MonthlyUSD, true
	}
	for _, r := range p.Resources {
		if r.Custom {
			return 0, false
		}
	}
	return 0, true
}

// aliasedFrom returns the base resource that r is, and its URN there: the
// one of r's own URN, or else the one of an alias, as the engine finds a
// renamed resource (a subscription once named after its address), so a
// rename alone changes nothing; nil when r is new.
func aliasedFrom(old map[string]*synth.Resource, r *synth.Resource) (*synth.Resource, string) {
	if o, ok := old[r.URN]; ok {
		return o, r.URN
	}
	for _, alias := range r.Aliases {
		if o, ok := old[alias]; ok {
			return o, alias
		}
	}
	return nil, ""
}

// change is what happens to r, not yet marked as relied on: only what the
// base holds is.
func change(r *synth.Resource, op Op) Change {
	return Change{URN: r.URN, Type: r.Type, Name: r.Name, Op: op, Properties: []Property{}, ReplaceBecause: []string{},
		Protected: r.Protect}
}

// Breaking returns the changes users notice: a resource they rely on
// replaced or deleted, or a live name moved (Moves).
func (r Report) Breaking() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.ReliedOn && (c.Op == Replace || c.Op == Delete) || c.Moves != "" {
			out = append(out, c)
		}
	}
	return out
}

// ChangedInputs flattens both input maps to paths and returns the
// differing leaves, sorted by path. A list that changes length is one
// change at the list's path.
func ChangedInputs(a, b map[string]any) []Property {
	var out []Property
	var walk func(path string, x, y any)
	walk = func(path string, x, y any) {
		if reflect.DeepEqual(x, y) {
			return
		}
		xm, xok := x.(map[string]any)
		ym, yok := y.(map[string]any)
		if xok && yok {
			for _, k := range outputNames(xm, ym) {
				walk(join(path, k), xm[k], ym[k])
			}
			return
		}
		xl, xok := x.([]any)
		yl, yok := y.([]any)
		if xok && yok && len(xl) == len(yl) {
			for i := range xl {
				walk(fmt.Sprintf("%s[%d]", path, i), xl[i], yl[i])
			}
			return
		}
		out = append(out, Property{Path: path, Old: x, New: y})
	}
	walk("", a, b)
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func outputNames(a, b map[string]any) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// shortType is the type token's last part: aws:lb/targetGroup:TargetGroup
// -> TargetGroup.
func shortType(typ string) string {
	if i := strings.LastIndex(typ, ":"); i >= 0 {
		return typ[i+1:]
	}
	return typ
}
