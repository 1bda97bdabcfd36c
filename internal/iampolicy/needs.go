package iampolicy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/synth"
)

// Needs is what a stack's roles must be able to do, read off its plan: the
// resource types it registers, the logical names that prefix the physical
// names of its buckets and roles, the types whose resources carry no stack
// tags (imported, or untagged) and so cannot be scoped by them, its own
// zone and the records it writes into zones it does not own. It is plain
// data, written as JSON for the bootstrap program (bootstrap/stacks).
type Needs struct {
	Project string `json:"project"`
	Stack   string `json:"stack"`
	Region  string `json:"region"`
	// Types are the custom resource types of the plan, sorted.
	Types []string `json:"types"`
	// Names are the logical names of the plan's resources of the types
	// whose ARNs take {name} (buckets and roles), by type.
	Names map[string][]string `json:"names,omitempty"`
	// Untagged are the types with a resource imported or registered
	// without the Project and Stack tags.
	Untagged []string `json:"untagged,omitempty"`
	// Domain is the stack's own zone; OwnTypes the record types the stack
	// writes into it.
	Domain   string   `json:"domain"`
	OwnTypes []string `json:"ownTypes"`
	// Foreign are the zones the stack writes records into but does not own.
	Foreign []ZoneWrites `json:"foreign,omitempty"`
}

// ZoneWrites are the records a stack writes into a zone it does not own.
// Zone is the zone's name when the stack looks it up by name (its ID is then
// only known in the account); ID is set when the stack's config gives it.
type ZoneWrites struct {
	Zone    string      `json:"zone,omitempty"`
	ID      string      `json:"id,omitempty"`
	Records []RecordSet `json:"records"`
}

// RecordSet is a record name (as the stack writes it) and type.
type RecordSet struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// NeedsOf reads a stack's needs off its plan. region is the stack's
// aws:region. The stack's own zone is the one its hostedZoneId output
// names; a record in any other zone is a foreign write.
func NeedsOf(plan *synth.Plan, region string) (Needs, error) {
	n := Needs{Project: plan.Project, Stack: plan.Stack, Region: region, Names: map[string][]string{}}
	own, _ := plan.Outputs["hostedZoneId"].(string)
	if own == "" {
		return Needs{}, fmt.Errorf("stack %s: the plan has no hostedZoneId output, so its own zone is unknown", plan.Stack)
	}
	foreign := map[string]*ZoneWrites{}
	untagged := map[string]bool{}
	ownTypes := map[string]bool{}
	for _, r := range plan.Resources {
		if !r.Custom || strings.HasPrefix(r.Type, "pulumi:providers:") {
			continue
		}
		if !slices.Contains(n.Types, r.Type) {
			n.Types = append(n.Types, r.Type)
		}
		if strings.HasPrefix(r.Type, "aws:s3/bucketV2:") || strings.HasPrefix(r.Type, "aws:iam/role:") {
			n.Names[r.Type] = append(n.Names[r.Type], r.Name)
		}
		if e := Types[r.Type]; (e.Tagged || e.DeleteTagged) && (r.ImportID != "" || !stackTagged(r, plan)) {
			untagged[r.Type] = true
		}
		switch r.Type {
		case "aws:route53/zone:Zone":
			if id, _ := r.Outputs["zoneId"].(string); id == own {
				n.Domain = trimDot(str(r.Inputs["name"]))
			}
		case "aws:route53/record:Record":
			zone, name, typ := str(r.Inputs["zoneId"]), trimDot(str(r.Inputs["name"])), str(r.Inputs["type"])
			if zone == own {
				ownTypes[typ] = true
				continue
			}
			w := foreign[zone]
			if w == nil {
				w = &ZoneWrites{Zone: zoneName(zone, name)}
				if w.Zone == "" {
					w.ID = zone
				}
				foreign[zone] = w
			}
			w.Records = append(w.Records, RecordSet{Name: name, Type: typ})
		}
	}
	if n.Domain == "" { // an adopted zone: the mock names it after its name
		for _, r := range plan.OfType("aws:route53/record:Record") {
			if str(r.Inputs["zoneId"]) == own {
				n.Domain = zoneName(own, trimDot(str(r.Inputs["name"])))
				break
			}
		}
	}
	slices.Sort(n.Types)
	for t := range untagged {
		n.Untagged = append(n.Untagged, t)
	}
	slices.Sort(n.Untagged)
	for t := range ownTypes {
		n.OwnTypes = append(n.OwnTypes, t)
	}
	slices.Sort(n.OwnTypes)
	for _, w := range foreign {
		slices.SortFunc(w.Records, func(a, b RecordSet) int { return strings.Compare(a.Name+" "+a.Type, b.Name+" "+b.Type) })
		w.Records = slices.Compact(w.Records)
		n.Foreign = append(n.Foreign, *w)
	}
	slices.SortFunc(n.Foreign, func(a, b ZoneWrites) int { return strings.Compare(a.Zone+a.ID, b.Zone+b.ID) })
	if len(n.Names) == 0 {
		n.Names = nil
	}
	return n, nil
}

// stackTagged reports whether r carries the stack's Project and Stack tags
// (internal/tags.Base) among its inputs.
func stackTagged(r synth.Resource, plan *synth.Plan) bool {
	tags, _ := r.Inputs["tags"].(map[string]any)
	return tags["Project"] == plan.Project && tags["Stack"] == plan.Stack
}

// zoneName finds the zone a record name lies in whose ID is id, among the
// record name's suffixes, as the mock names a zone declared by name
// (awsmock.DeclaredZoneID); "" when none is (a zone the config gives by ID).
func zoneName(id, record string) string {
	labels := strings.Split(strings.ToLower(record), ".")
	for i := range labels {
		if candidate := strings.Join(labels[i:], "."); awsmock.DeclaredZoneID(candidate) == id {
			return candidate
		}
	}
	return ""
}

func str(v any) string { s, _ := v.(string); return s }

func trimDot(s string) string { return strings.TrimSuffix(s, ".") }
