package stackconfig

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// validateForward checks weights against the service's target groups and
// each against Forward.Weights' range tag, and the stickiness against its.
func validateForward(fk string, f Forward, s Service, ps *problems) {
	groups := s.GroupNames()
	weights := rangeOfField[Forward]("weights")
	if len(f.Weights) == 0 {
		ps.add(fk+".weights", "{}", "must give a weight to at least one of the service's target groups (%s)", strings.Join(groups, ", "))
	}
	if len(f.Weights) > MaxForwardGroups {
		ps.add(fk+".weights", fmt.Sprintf("%d groups", len(f.Weights)), "exceeds AWS's %d target groups per forward", MaxForwardGroups)
	}
	total, invalid := 0, false
	for _, g := range slices.Sorted(maps.Keys(f.Weights)) {
		w := f.Weights[g]
		if !slices.Contains(groups, g) {
			ps.add(fk+".weights."+g, g, "is not a target group of service %q: %s%s", s.Name, orList(groups), suggestion(g, groups, ""))
		}
		if !weights.Holds(w) {
			ps.add(fk+".weights."+g, strconv.Itoa(w), "%s", weights.Rule())
			invalid = true
		} else {
			total += w
		}
	}
	if len(f.Weights) > 0 && total == 0 && !invalid {
		ps.add(fk+".weights", "all 0", "sends nothing anywhere: give at least one group a weight above 0")
	}
	checkField(fk, f, "stickiness", ps)
}

// validateExtraGroups checks a service's additional target groups like its
// own, and that their names are distinct and fit AWS's 32 characters.
func validateExtraGroups(k string, s Service, vpc netip.Prefix, vpcOK bool, ps *problems) {
	seen := map[string]bool{s.Name: true}
	for i, g := range s.TargetGroups {
		gk := fmt.Sprintf("%s.targetGroups[%d]", k, i)
		switch {
		case !groupNameRun.MatchString(g.Name):
			ps.add(gk+".name", g.Name, "is not a target group name: lowercase letters, digits and inner hyphens")
		case seen[g.Name]:
			ps.add(gk+".name", g.Name, "is already a target group of service %q (its own group is named after it)", s.Name)
		case len(s.Name)+1+len(g.Name) > MaxServiceNameLength:
			ps.add(gk+".name", g.Name, "makes the group meething-%s-%s, longer than AWS's 32 characters with Pulumi's 8 random ones", s.Name, g.Name)
		}
		seen[g.Name] = true
		as := s
		as.Port, as.Protocol, as.TargetType, as.Targets = g.Port, g.Protocol, g.TargetType, g.Targets
		if g.HealthCheck != nil {
			as.HealthCheck = *g.HealthCheck
		}
		validateTargetGroup(gk, as, ps)
		validateTargets(gk, as, vpc, vpcOK, ps)
	}
}
