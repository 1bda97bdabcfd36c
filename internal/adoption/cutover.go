package adoption

import (
	"fmt"
	"strings"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/stackconfig"
)

// cutoverPlan is what meething:cutover makes of the records the zone holds:
// which records move, what the old edge is, and which records wait. Keys
// are without their kind: wildcard-A.
type cutoverPlan struct {
	Moving, Held map[string]bool
	Old          map[string]dns.OldEdge
}

// planCutover reads the step the zone is at for each record the stack
// writes, and refuses a step Route53 would refuse or that skips one: a
// weighted record beside the simple one, the hand-made record made
// weighted before the stack holds it, a weighted group left behind.
// Each problem names the step to take instead.
func planCutover(cfg *stackconfig.Config, existing []identity.Existing, owned []string) (cutoverPlan, []stackconfig.Problem) {
	p := cutoverPlan{Moving: map[string]bool{}, Held: map[string]bool{}, Old: map[string]dns.OldEdge{}}
	var ps []stackconfig.Problem
	if !cfg.AliasRecords {
		return p, nil
	}
	c := cfg.Cutover
	key := stackconfig.FullKey(stackconfig.KeyCutover)
	// own: the records the stack wrote before; created: those it created
	// itself (not marked adopted), which serve no one from another edge.
	own, created := map[string]bool{}, map[string]bool{}
	for _, o := range owned {
		entry := strings.TrimSuffix(o, heldMark)
		own[strings.TrimSuffix(entry, adoptedMark)] = true
		if !strings.HasSuffix(entry, adoptedMark) {
			created[entry] = true
		}
	}
	moving := map[string]bool{}
	for _, r := range stackconfig.CutoverRecords(cfg) {
		moving[r.Key] = true
	}
	movingNames := map[string]bool{}
	for _, r := range identity.AliasRecordSets(cfg.Domain, cfg.ApexAlias, cfg.DualStack) {
		k := r.Role()
		var simple, oldSet, newSet *identity.Existing
		var others []string
		for i, e := range existing {
			if e.Name != r.Name || e.Type != r.Type {
				continue
			}
			switch e.SetIdentifier {
			case "":
				simple = &existing[i]
			case identity.OldEdgeSet:
				oldSet = &existing[i]
			case identity.NewEdgeSet:
				newSet = &existing[i]
			default:
				others = append(others, e.SetIdentifier)
			}
		}
		if len(others) > 0 {
			ps = append(ps, stackconfig.Problem{Key: stackconfig.FullKey(stackconfig.KeyTakeOverRecords), Value: r.String(),
				Rule: fmt.Sprintf("is a weighted group in the zone with set identifiers the stack did not write (%s): Route53 answers with those too; remove them by hand, or leave the name out", strings.Join(others, ", "))})
			continue
		}
		if !c.Enabled {
			if oldSet != nil {
				ps = append(ps, stackconfig.Problem{Key: key, Value: "off", Rule: fmt.Sprintf(
					"ends the cutover, but %q is still weighted between the old edge (weight %d) and the new: Route53 cannot hold the simple record beside weighted ones. First set %s.share: 100 with %s.retireOldEdge: true, deploy, and then remove %s",
					r.String(), oldSet.Weight, key, key, key)})
			}
			continue
		}
		if !moving[r.Key] || (simple == nil && oldSet == nil && newSet == nil) || (simple != nil && created[r.String()]) {
			continue
		}
		movingNames[r.Name] = true
		p.Moving[k] = true
		switch {
		case c.Share == nil && (oldSet != nil || newSet != nil):
			ps = append(ps, stackconfig.Problem{Key: key + ".share", Value: "unset", Rule: fmt.Sprintf(
				"holds %q as a simple record, but it is weighted between the old edge and the new already: Route53 cannot hold the simple record beside weighted ones. Roll back with %s.share: 0 (every answer to the old edge)",
				r.String(), key)})
		case c.Share == nil:
			p.Old[k] = dns.OldEdgeOf(*simple)
		case oldSet != nil:
			p.Old[k] = dns.OldEdgeOf(*oldSet)
		case simple != nil && !own[r.String()]:
			ps = append(ps, stackconfig.Problem{Key: key + ".share", Value: fmt.Sprint(*c.Share), Rule: fmt.Sprintf(
				"weighs %q, which is still the zone's own simple record, not yet held by the stack: Route53 cannot add weighted records beside it. First deploy %s.enabled: true without a share (the stack takes the record over unchanged), then set the share",
				r.String(), key)})
		case simple != nil && c.RetireOldEdge:
			ps = append(ps, stackconfig.Problem{Key: key + ".retireOldEdge", Value: "true", Rule: fmt.Sprintf(
				"retires the old edge of %q before any answer went to the new one: deploy %s.share: 100 without retireOldEdge first, and bake",
				r.String(), key)})
		case simple != nil:
			p.Old[k] = dns.OldEdgeOf(*simple)
		case newSet != nil && !c.RetireOldEdge:
			ps = append(ps, stackconfig.Problem{Key: key + ".retireOldEdge", Value: "false", Rule: fmt.Sprintf(
				"weighs %q against the old edge, whose record was retired: there is none to weigh against. Keep %s.retireOldEdge: true, or finish by removing %s",
				r.String(), key, key)})
		}
	}
	// The other types of a moving name wait for the end of the cutover.
	for _, r := range identity.AliasRecordSets(cfg.Domain, cfg.ApexAlias, cfg.DualStack) {
		k := r.Role()
		if movingNames[r.Name] && !p.Moving[k] {
			p.Held[k] = true
		}
	}
	return p, ps
}

// points reports whether the stack points record key at its own load
// balancer in this run.
func (p cutoverPlan) points(cfg *stackconfig.Config, key string) bool {
	if p.Held[key] {
		return false
	}
	return !p.Moving[key] || cfg.Cutover.Share != nil
}

// held are the keys (record/wildcard-A) of the records held as they were.
func (p cutoverPlan) held(cfg *stackconfig.Config) map[string]bool {
	out := map[string]bool{}
	if cfg.Cutover.Share == nil {
		for k := range p.Moving {
			out["record/"+k] = true
		}
	}
	return out
}
