package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

// albSubnets is the only input that adding a zone may change on an existing
// resource: the load balancer must be attached to the new zone's subnet (an
// in-place SetSubnets, not a replacement), or the new zone serves nothing.
// Adding or removing a service changes no existing input at all.
func albSubnets(stack string) string {
	return "urn:pulumi:" + stack + "::meething::meething:loadbalancer:LoadBalancer$aws:lb/loadBalancer:LoadBalancer::meething inputs.subnets"
}

// unexpectedChanges lists what changed in resources that were there before,
// as "<urn> <field>", but for allowed: inputs, options, IDs. Provider outputs
// follow from inputs, and a new dependency (the load balancer on a new
// zone's subnet) changes nothing in the cloud by itself, so those are not
// looked at.
func unexpectedChanges(c synth.Changes, allowed ...string) []string {
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	var out []string
	for urn, fields := range c.Changed {
		for _, f := range fields {
			if !strings.HasPrefix(f, "outputs.") && f != "dependencies" && !ok[urn+" "+f] {
				out = append(out, urn+" "+f)
			}
		}
	}
	sort.Strings(out)
	return out
}

func urnsWithout(urns []string, part string) []string {
	var out []string
	for _, u := range urns {
		if !strings.Contains(u, part) {
			out = append(out, u)
		}
	}
	return out
}

func urnsWith(p *synth.Plan, part string) []string {
	var out []string
	for _, r := range p.Resources {
		if strings.Contains(r.URN, part) {
			out = append(out, r.URN)
		}
	}
	return out
}

// TestSynthChangeSafety synthesizes every stack and changed copies of it:
// adding a service or an availability zone must only add resources, and
// removing a service must only remove that service's own (those whose URN
// holds meething-<service>); no other resource may change.
func TestSynthChangeSafety(t *testing.T) {
	for _, name := range synthStackNames(t) {
		t.Run(name, func(t *testing.T) {
			s := committedStackFile(t, name)
			before := synthPlan(t, s)
			t.Run("adding a service", func(t *testing.T) { checkAddService(t, s, before) })
			t.Run("removing a service", func(t *testing.T) { checkRemoveService(t, s, before) })
			t.Run("adding an availability zone", func(t *testing.T) { checkAddZone(t, s, before) })
		})
	}
}

func checkAddService(t *testing.T, s *stackfile.Stack, before *synth.Plan) {
	services := configList(t, s, "meething:services")
	// First in the list, so any dependence on list positions shows.
	more := append([]any{map[string]any{"name": "video"}}, services...)
	after := synthPlan(t, withConfig(t, s, map[string]any{"meething:services": more}))
	c := synth.Compare(before, after)

	assert.Empty(t, c.Removed, "adding a service removes resources")
	assert.NotEmpty(t, c.Added)
	assert.Empty(t, urnsWithout(c.Added, "meething-video"), "adding service video adds resources not its own")
	assert.Empty(t, unexpectedChanges(c), "adding a service changes existing resources")
}

func checkRemoveService(t *testing.T, s *stackfile.Stack, before *synth.Plan) {
	services := configList(t, s, "meething:services")
	if len(services) < 2 {
		t.Skipf("the stack has %d service(s): no other to keep while one is removed", len(services))
	}
	gone := services[len(services)-1].(map[string]any)["name"].(string)
	changed := withConfig(t, s, map[string]any{"meething:services": services[:len(services)-1]})
	after := synthPlan(t, changed)
	c := synth.Compare(before, after)

	own := urnsWith(before, "meething-"+gone)
	require.NotEmpty(t, own, "no resources named after service %s", gone)
	// A port no remaining service uses takes its security-group rules with
	// it (meething-alb-out-<port>, meething-targets-in-<port>).
	remaining := map[int]bool{}
	for _, port := range targetPorts(after) {
		remaining[port] = true
	}
	for _, port := range targetPorts(before) {
		if !remaining[port] {
			for _, rule := range []string{"alb-out", "targets-in"} {
				own = append(own, urnsWith(before, fmt.Sprintf("::meething-%s-%d", rule, port))...)
			}
		}
	}
	sort.Strings(own)
	assert.Equal(t, own, c.Removed, "removing service %s removes other resources, or leaves some of its own", gone)
	assert.Empty(t, c.Added, "removing a service adds resources")
	assert.Empty(t, unexpectedChanges(c), "removing a service changes existing resources")
}

// checkAddZone appends the next zone letter to an explicit
// meething:availabilityZones, or raises meething:subnetCount by one.
func checkAddZone(t *testing.T, s *stackfile.Stack, before *synth.Plan) {
	var changed *stackfile.Stack
	var added string
	if zones := configList(t, s, "meething:availabilityZones"); len(zones) > 0 {
		last := zones[len(zones)-1].(string)
		added = fmt.Sprintf("%s%c", last[:len(last)-1], last[len(last)-1]+1) // ...2d -> ...2e
		changed = withConfig(t, s, map[string]any{"meething:availabilityZones": append(zones, added)})
	} else {
		if s.Config["meething:existingVpcId"] != "" {
			t.Skip("the stack adopts its VPC and subnets")
		}
		count := stackconfig.Defaults().SubnetCount
		if v, set := s.Config["meething:subnetCount"]; set {
			var err error
			count, err = strconv.Atoi(v)
			require.NoError(t, err)
		}
		if count >= 4 {
			t.Skipf("the mock's region has 4 zones, the stack uses %d", count)
		}
		added = fmt.Sprintf("%s%c", s.Config["aws:region"], 'a'+count) // the zones are taken in order
		changed = withConfig(t, s, map[string]any{"meething:subnetCount": strconv.Itoa(count + 1)})
	}
	after := synthPlan(t, changed)
	c := synth.Compare(before, after)

	assert.Empty(t, c.Removed, "adding a zone removes resources")
	assert.NotEmpty(t, c.Added)
	assert.Empty(t, urnsWithout(c.Added, added), "adding zone %s adds resources not its own", added)
	assert.Empty(t, unexpectedChanges(c, albSubnets(s.Name)), "adding a zone changes existing resources")

	// The load balancer keeps its subnets and gains the new one.
	alb := func(p *synth.Plan) []any { return p.OfType(tokLoadBalancer)[0].Inputs["subnets"].([]any) }
	oldSubnets, newSubnets := alb(before), alb(after)
	assert.Len(t, newSubnets, len(oldSubnets)+1)
	assert.Subset(t, newSubnets, oldSubnets)
}
