package adoption

import (
	"fmt"
	"sort"
)

// Shape is what decides which importable resources the stack registers.
type Shape struct {
	// CreatesNetwork is false when the stack adopts an existing VPC.
	CreatesNetwork bool
	// Zones are the availability zones of the created subnets.
	Zones []string
	// Ipv6 adds the IPv6 route and ingress rules.
	Ipv6 bool
	// Services are the service names; TargetPorts their distinct ports.
	Services    []string
	TargetPorts []int
	// TargetGroups and Rules are the services' further groups and rules
	// and the stack's rules, by their keys: api-green, api-uploads,
	// rule-www.
	TargetGroups []string
	Rules        []string
	// ExtraCertificates are the domains of the further certificates the
	// stack requests.
	ExtraCertificates []string
	// ValidationDomains are the domains with a validation record each.
	ValidationDomains []string
	// CreatesZone is false when the stack adopts a zone.
	CreatesZone bool
	// AliasRecords, Apex and Delegation add the records they name.
	AliasRecords bool
	Apex         bool
	Delegation   bool
}

// Inventory returns the import keys of every importable resource the stack
// registers for shape, sorted.
func Inventory(s Shape) []string {
	var keys []string
	add := func(format string, args ...any) { keys = append(keys, fmt.Sprintf(format, args...)) }
	families := []string{"ipv4"}
	if s.Ipv6 {
		families = append(families, "ipv6")
	}

	if s.CreatesNetwork {
		add("vpc")
		add("internetGateway")
		add("routeTable/public")
		for _, f := range families {
			add("route/public-%s-default", f)
		}
		for _, z := range s.Zones {
			add("subnet/public-%s", z)
			add("routeTableAssociation/public-%s", z)
		}
	}

	add("loadBalancer")
	add("securityGroup/alb")
	add("securityGroup/targets")
	for _, port := range []int{80, 443} {
		for _, f := range families {
			add("securityGroupIngressRule/alb-in-%d-%s", port, f)
		}
	}
	for _, port := range s.TargetPorts {
		add("securityGroupEgressRule/alb-out-%d", port)
		add("securityGroupIngressRule/targets-in-%d", port)
	}
	add("listener/http")
	add("listener/https")
	for _, svc := range s.Services {
		add("targetGroup/%s", svc)
		add("listenerRule/%s", svc)
	}
	for _, g := range s.TargetGroups {
		add("targetGroup/%s", g)
	}
	for _, r := range s.Rules {
		add("listenerRule/%s", r)
	}

	add("certificate")
	for _, d := range s.ValidationDomains {
		add("record/validation-%s", d)
	}
	for _, d := range s.ExtraCertificates {
		add("certificate/%s", d)
		add("record/%s-validation-%s", d, d)
	}
	if s.CreatesZone {
		add("zone")
	} else {
		add("record/owner")
	}
	if s.AliasRecords {
		for _, r := range AliasRecordSets("", s.Apex, s.Ipv6) {
			add("%s", r.Key)
		}
	}
	if s.Delegation {
		add("record/delegation")
		add("record/delegation-owner")
	}
	sort.Strings(keys)
	return keys
}
