package synth

import (
	"fmt"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/cost"
	"github.com/meething/edge/internal/stackfile"
)

// Run runs program as stack against a new AWS mock in the config's
// aws:region and returns what it registered. Encrypted config values arrive
// as SecretPlaceholder and their keys as the run's secret keys, as the
// engine would pass them. opts adjust the mock before the run (for example
// to add existing hosted zones).
//
// When the program fails, Run returns the error the program returned (the
// text `pulumi up` shows after "program failed:") and no plan.
func Run(stack *stackfile.Stack, program Program, opts ...func(*awsmock.Monitor)) (*Plan, error) {
	if stack == nil || program == nil {
		return nil, fmt.Errorf("synth: a stack and a program are required")
	}
	m := awsmock.New(stack.Project, stack.Name, stack.Config[awsRegionKey])
	m.Declare(stack.Config)
	for _, o := range opts {
		o(m)
	}

	var (
		programErr error
		// exports are the stack outputs, each applied to record its value.
		// ToOutput of a value without resource outputs in it (a literal map)
		// is not tracked by the run, so the run's end does not wait for its
		// apply: awaiting the applied output below does.
		exports = map[string]pulumi.Output{}
		mu      sync.Mutex
		values  = map[string]any{}
	)
	body := func(ctx *pulumi.Context) error {
		outputs, err := program(ctx)
		if err != nil {
			programErr = err
			return err
		}
		for name, value := range outputs {
			exports[name] = pulumi.ToOutput(value).ApplyT(func(v any) (any, error) {
				mu.Lock()
				defer mu.Unlock()
				values[name] = plainGo(v)
				return v, nil
			})
		}
		return nil
	}
	// The run gets a goroutine of its own: the SDK records the Go stack at
	// each registration, frame by frame, a sixth of a synth's instructions,
	// and the caller's frames need not be among them.
	done := make(chan error)
	go func() {
		done <- pulumi.RunErr(body, pulumi.WithMocks(stack.Project, stack.Name, m), func(info *pulumi.RunInfo) {
			info.Config = stack.Config
			info.ConfigSecretKeys = stack.SecretKeys
			info.DryRun = false // every provider output is known, as after an update
		})
	}()
	err := <-done
	if programErr != nil {
		return nil, programErr
	}
	if err != nil {
		return nil, err
	}

	// IsSecret waits for the output, so the apply above has run once it
	// returns; an apply's result is secret when its input was.
	secret := map[string]bool{}
	for name, o := range exports {
		secret[name] = pulumi.IsSecret(o)
	}

	plan := &Plan{Project: stack.Project, Stack: stack.Name, Resources: []Resource{}, Outputs: map[string]any{}}
	for _, r := range m.Resources() {
		plan.Resources = append(plan.Resources, fromMock(r))
	}
	sort.Slice(plan.Resources, func(i, j int) bool { return plan.Resources[i].URN < plan.Resources[j].URN })
	region := stack.Config[awsRegionKey]
	if region == "" {
		region = awsmock.DefaultRegion
	}
	if estimate, err := cost.Of(region, costResources(plan.Resources)); err == nil {
		plan.Cost = &estimate
	}
	mu.Lock()
	defer mu.Unlock()
	for name := range exports {
		if secret[name] {
			plan.Outputs[name] = SecretPlaceholder
		} else {
			plan.Outputs[name] = values[name]
		}
	}
	return plan, nil
}

const awsRegionKey = "aws:region"

// fromMock turns a recorded resource into its plan entry.
func fromMock(r *awsmock.Resource) Resource {
	parent := r.Parent
	if parent != "" && resource.URN(parent).QualifiedType() == resource.RootStackType {
		parent = ""
	}
	key := ""
	if r.Custom && identity.Importable(r.Type) {
		key = identity.Key(r.Type, r.Name)
	}
	return Resource{
		Key:                 key,
		ImportID:            r.ImportID,
		URN:                 r.URN,
		ID:                  r.ID,
		Type:                r.Type,
		Name:                r.Name,
		Parent:              parent,
		Custom:              r.Custom,
		Inputs:              plainMap(r.Inputs),
		Outputs:             plainMap(r.Outputs),
		Dependencies:        sortedStrings(r.Dependencies),
		Protect:             r.Protect,
		RetainOnDelete:      r.RetainOnDelete,
		DeleteBeforeReplace: r.DeleteBeforeReplace,
		IgnoreChanges:       sortedStrings(r.IgnoreChanges),
		Aliases:             sortedStrings(r.Aliases),
	}
}

// costResources are the custom resources as cost prices them.
func costResources(resources []Resource) []cost.Resource {
	var out []cost.Resource
	for _, r := range resources {
		if r.Custom {
			out = append(out, cost.Resource{Type: r.Type, Name: r.Name, Inputs: r.Inputs})
		}
	}
	return out
}

// sortedStrings returns a sorted copy of s, never nil.
func sortedStrings(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}
