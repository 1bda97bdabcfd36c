// Package previewguard reads the JSON of `pulumi preview --json` and finds the
// steps that would replace or delete what users rely on (internal/servingpath:
// the hosted zone, the certificate, the load balancer, its listeners,
// listener rules and target groups, the security groups of the load
// balancer and of its targets, the WAF association, the alias records), and
// the record steps that would move a live name (servingpath.Moves: a record
// written over one that exists, an alias's target, weight, set identifier
// or health check changed, a weighted record deleted). CI fails a prod
// preview that has any, unless the pull request carries a label that
// accepts them.
package previewguard

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/meething/edge/internal/servingpath"
)

// DestructiveOps are the step operations that delete a resource or replace it
// with a new one.
var DestructiveOps = []string{"delete", "replace", "create-replacement", "delete-replaced", "discard-replaced"}

// State is a resource's inputs and outputs, as JSON decodes them.
type State struct {
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

// Step is one planned operation.
type Step struct {
	Op  string `json:"op"`
	URN string `json:"urn"`
	// OldState is the resource as it is, before the step; NewState as it
	// would be after it.
	OldState *State `json:"oldState"`
	NewState *State `json:"newState"`
	// ReplaceReasons are the properties that force a replacement.
	ReplaceReasons []string `json:"replaceReasons"`
}

// Finding is a destructive step on a resource users rely on
// (servingpath.ReliedOn), or a record step that moves a live name (Moves,
// servingpath.Moves: the hosts it moves).
type Finding struct {
	Op, Type, Name string
	ReplaceReasons []string
	Moves          string
}

func (f Finding) String() string {
	s := fmt.Sprintf("%s %s (%s)", f.Op, f.Name, f.Type)
	if len(f.ReplaceReasons) > 0 {
		s += " because of " + strings.Join(f.ReplaceReasons, ", ")
	}
	if f.Moves != "" {
		s += ": " + f.Moves
	}
	return s
}

// Check reads a preview's JSON and returns its destructive steps on what
// users rely on, sorted.
func Check(r io.Reader) ([]Finding, error) {
	var preview struct {
		Steps []Step `json:"steps"`
	}
	if err := json.NewDecoder(r).Decode(&preview); err != nil {
		return nil, fmt.Errorf("reading the preview JSON: %w", err)
	}
	records, stack := recordsOf(preview.Steps)
	var all []servingpath.RecordChange
	for _, r := range records {
		all = append(all, r)
	}
	var out []Finding
	for i, s := range preview.Steps {
		typ, name := typeAndName(s.URN)
		var inputs map[string]any
		if s.OldState != nil {
			inputs = s.OldState.Inputs
		}
		f := Finding{Op: s.Op, Type: typ, Name: name, ReplaceReasons: s.ReplaceReasons}
		if rc, ok := records[i]; ok && s.Op != "same" {
			f.Moves = servingpath.Moves(rc, all, stack)
		}
		if slices.Contains(DestructiveOps, s.Op) && servingpath.ReliedOn(typ, inputs) || f.Moves != "" {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

// typeAndName splits a URN, urn:pulumi:stack::project::parent$type::name, into
// its resource type and logical name.
func typeAndName(urn string) (string, string) {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return "", urn
	}
	types := strings.Split(parts[2], "$")
	return types[len(types)-1], strings.Join(parts[3:], "::")
}
