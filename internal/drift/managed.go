package drift

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/plandiff"
	"github.com/meething/edge/internal/servingpath"
)

// Preview runs pulumi preview --refresh --expect-no-changes on the stack
// through the Automation API and returns each change it proposes as a
// managed finding (ManagedChanges), in meething diff's words; the engine's
// progress goes to progress. The preview's own failure on changes (what
// --expect-no-changes is for) is not an error here: the findings say it.
func Preview(ctx context.Context, stack auto.Stack, hosts []string, progress io.Writer) ([]Finding, error) {
	ch := make(chan events.EngineEvent)
	done := make(chan []apitype.StepEventMetadata)
	go func() {
		var steps []apitype.StepEventMetadata
		for e := range ch {
			if e.ResourcePreEvent != nil {
				steps = append(steps, e.ResourcePreEvent.Metadata)
			}
		}
		done <- steps
	}()
	opts := []optpreview.Option{optpreview.Refresh(), optpreview.ExpectNoChanges(), optpreview.EventStreams(ch)}
	if progress != nil {
		opts = append(opts, optpreview.ProgressStreams(progress), optpreview.ErrorProgressStreams(progress))
	}
	_, err := stack.Preview(ctx, opts...)
	steps := <-done
	findings := ManagedChanges(steps, hosts)
	// The CLI's words when --expect-no-changes meets a change
	// (pkg/backend/backenderr): the findings say what changed. Any other
	// failure is one.
	expected := err != nil && strings.Contains(err.Error(), "but changes were proposed")
	if err != nil && (len(findings) == 0 || !expected) {
		return nil, fmt.Errorf("pulumi preview --refresh --expect-no-changes --stack %s: %w", stack.Name(), err)
	}
	return findings, nil
}

// ManagedChanges turns the steps of a refreshing preview into findings: each
// resource the program would create (it is gone from AWS), update, replace
// or delete, with the changed properties as meething diff words them
// (plandiff), and the stack's hosts it touches (managedHosts).
func ManagedChanges(steps []apitype.StepEventMetadata, hosts []string) []Finding {
	var out []Finding
	for _, s := range steps {
		var op plandiff.Op
		switch s.Op {
		case apitype.OpCreate:
			op = plandiff.Create
		case apitype.OpUpdate:
			op = plandiff.Update
		case apitype.OpReplace:
			op = plandiff.Replace
		case apitype.OpDelete:
			op = plandiff.Delete
		default:
			continue
		}
		if s.Type == typeStack || strings.HasPrefix(s.Type, "pulumi:providers:") {
			continue
		}
		var oldIn, newIn map[string]any
		if s.Old != nil {
			oldIn = s.Old.Inputs
		}
		if s.New != nil {
			newIn = s.New.Inputs
		}
		c := plandiff.Change{URN: s.URN, Type: s.Type, Name: Resource{URN: s.URN}.Name(), Op: op, ReplaceBecause: s.Keys}
		if op == plandiff.Update || op == plandiff.Replace {
			for _, p := range plandiff.ChangedInputs(oldIn, newIn) {
				if len(s.Diffs) == 0 || slices.ContainsFunc(s.Diffs, func(d string) bool { return topKey(p.Path) == topKey(d) }) {
					c.Properties = append(c.Properties, p)
				}
			}
		}
		words := []string{c.Head()}
		if op == plandiff.Create {
			words = append(words, "the resource is gone from AWS: the next pulumi up creates it")
		}
		words = append(words, c.Details()...)
		in := newIn
		if in == nil {
			in = oldIn
		}
		out = append(out, Finding{Kind: KindManaged, Resource: shortType(s.Type) + " " + c.Name, Change: strings.Join(words, "; "), Hosts: managedHosts(s.Type, in, hosts)})
	}
	return out
}

// managedHosts are the stack's hosts a managed resource touches: a
// listener rule's own hosts, a record's (shadowed), every host for the
// rest of the serving path (servingpath.ReliedOn), none otherwise.
func managedHosts(typ string, inputs map[string]any, hosts []string) []string {
	switch typ {
	case typeRule:
		out := []string{}
		r := RuleFromInputs(inputs)
		for _, h := range hosts {
			if len(r.Hosts) > 0 && r.matchesHost(h) {
				out = append(out, h)
			}
		}
		return out
	case typeRecord:
		return shadowed(hosts, identity.NormalizeName(str(inputs, "name")))
	}
	if servingpath.ReliedOn(typ, inputs) {
		return slices.Clone(hosts)
	}
	return []string{}
}

// topKey is a property path's first key: "healthCheck.path" ->
// "healthCheck", "conditions[0]" -> "conditions".
func topKey(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// shortType is a type token's last part: aws:lb/targetGroup:TargetGroup ->
// TargetGroup.
func shortType(typ string) string {
	if i := strings.LastIndex(typ, ":"); i >= 0 {
		return typ[i+1:]
	}
	return typ
}
