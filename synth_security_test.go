package main

import (
	"fmt"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/synth"
)

// TestTargetAccessProblemsAreFound guards targetAccessProblems, which
// TestSynthInvariants runs over every plan: each way of
// breaking the rule, applied to dev's plan, is reported.
func TestTargetAccessProblemsAreFound(t *testing.T) {
	targetsRule := func(p *synth.Plan) *synth.Resource {
		return onlyOne(t, p, tokIngressRule, func(r *synth.Resource) bool { return r.Name == "meething-targets-in-80" })
	}
	for _, tt := range []struct {
		name   string
		mutate func(p *synth.Plan)
		want   string
	}{
		{"a CIDR beside the group", func(p *synth.Plan) { targetsRule(p).Inputs["cidrIpv4"] = "10.0.0.0/8" }, "admits cidrIpv4 10.0.0.0/8"},
		{"another group", func(p *synth.Plan) { targetsRule(p).Inputs["referencedSecurityGroupId"] = "sg-0other" }, "admits group sg-0other"},
		{"a port not admitted", func(p *synth.Plan) { targetsRule(p).Inputs["fromPort"] = float64(81) }, "does not admit port 80 from the load balancer"},
		{"a health-check port not admitted", func(p *synth.Plan) {
			p.OfType(tokTargetGroup)[0].Inputs["healthCheck"].(map[string]any)["port"] = "9090"
		}, "does not admit port 9090 from the load balancer"},
		{"a rule inside the group", func(p *synth.Plan) {
			sg := onlyOne(t, p, tokSG, func(r *synth.Resource) bool { return r.Name == "meething-targets" })
			sg.Inputs["ingress"] = []any{map[string]any{"protocol": "tcp", "fromPort": float64(22), "toPort": float64(22), "cidrBlocks": []any{"10.0.0.0/8"}}}
		}, "inline ingress"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			plan := synthPlan(t, synthStackFile(t, "dev"))
			require.Empty(t, targetAccessProblems(plan), "dev's plan keeps the rule")
			tt.mutate(plan)
			assert.Contains(t, fmt.Sprint(targetAccessProblems(plan)), tt.want)
		})
	}
}

// portRange is one rule's protocol and ports.
type portRange struct {
	protocol string
	from, to int
}

func (r portRange) covers(port int) bool {
	return r.protocol == "-1" || (r.protocol == "tcp" || r.protocol == "6") && r.from <= port && port <= r.to
}

// targetAccessProblems lists how the plan breaks the targets' rule: the
// targets' group (the one security group the load balancer does not use)
// has ingress rules from the load balancer's group only, no CIDR, prefix
// list or other group, and they cover every target group's port and
// health-check port; the load balancer's group sends to each of those
// ports.
func targetAccessProblems(p *synth.Plan) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	lbs := p.OfType(tokLoadBalancer)
	if len(lbs) != 1 {
		return []string{fmt.Sprintf("%d load balancers, want 1", len(lbs))}
	}
	albGroups := map[string]bool{}
	groups, _ := lbs[0].Inputs["securityGroups"].([]any)
	for _, g := range groups {
		albGroups[fmt.Sprint(g)] = true
	}
	var targets []*synth.Resource
	for _, sg := range p.OfType(tokSG) {
		if !albGroups[sg.ID] {
			targets = append(targets, sg)
		}
	}
	if len(albGroups) == 0 || len(targets) != 1 {
		return []string{fmt.Sprintf("the load balancer uses %d security groups and %d others exist: want the load balancer's and the targets'", len(albGroups), len(targets))}
	}
	targetGroup := targets[0].ID
	if rules, _ := targets[0].Inputs["ingress"].([]any); len(rules) > 0 {
		fail("%s has inline ingress rules %v", shortURN(targets[0].URN), rules)
	}

	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	num := func(m map[string]any, k string) int { n, _ := m[k].(float64); return int(n) }
	var admitted, sent []portRange
	for _, r := range p.Resources {
		in := r.Inputs
		switch {
		case r.Type == tokIngressRule && str(in, "securityGroupId") == targetGroup:
			for _, k := range []string{"cidrIpv4", "cidrIpv6", "prefixListId"} {
				if v := str(in, k); v != "" {
					fail("%s admits %s %s: only the load balancer's group may reach the targets", shortURN(r.URN), k, v)
				}
			}
			if src := str(in, "referencedSecurityGroupId"); !albGroups[src] {
				fail("%s admits group %s, not the load balancer's", shortURN(r.URN), src)
				continue
			}
			admitted = append(admitted, portRange{str(in, "ipProtocol"), num(in, "fromPort"), num(in, "toPort")})
		case r.Type == tokSGRule && str(in, "securityGroupId") == targetGroup && str(in, "type") == "ingress":
			fail("%s: the targets' ingress rules are vpc SecurityGroupIngressRules from the load balancer's group", shortURN(r.URN))
		case r.Type == tokEgressRule && albGroups[str(in, "securityGroupId")] && str(in, "referencedSecurityGroupId") == targetGroup:
			sent = append(sent, portRange{str(in, "ipProtocol"), num(in, "fromPort"), num(in, "toPort")})
		}
	}

	for _, port := range targetPorts(p) {
		if !anyCovers(admitted, port) {
			fail("the targets' group does not admit port %d from the load balancer", port)
		}
		if !anyCovers(sent, port) {
			fail("the load balancer's group does not send to the targets on port %d", port)
		}
	}
	return problems
}

// targetPorts returns the ports the load balancer reaches targets on: each
// target group's port, and its health check's when that is a number.
func targetPorts(p *synth.Plan) []int {
	seen := map[int]bool{}
	for _, tg := range p.OfType(tokTargetGroup) {
		if port, ok := tg.Inputs["port"].(float64); ok {
			seen[int(port)] = true
		}
		hc, _ := tg.Inputs["healthCheck"].(map[string]any)
		if port, err := strconv.Atoi(fmt.Sprint(hc["port"])); err == nil {
			seen[port] = true
		}
	}
	var out []int
	for port := range seen {
		out = append(out, port)
	}
	sort.Ints(out)
	return out
}

func anyCovers(ranges []portRange, port int) bool {
	for _, r := range ranges {
		if r.covers(port) {
			return true
		}
	}
	return false
}
