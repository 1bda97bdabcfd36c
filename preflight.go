package main

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/cert"
	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption"
	"github.com/meething/edge/network"
	"github.com/meething/edge/stackconfig"
)

// preflight is what the stack looks up before it registers anything: the
// zones it writes into but does not own, an adopted VPC, the availability
// zones of created subnets, and the records already in shared zones. Each
// failure names the config key to change.
type preflight struct {
	// zone is the adopted zone; nil when the stack creates its own.
	zone *dns.ExistingZone
	// parent is the zone to delegate from; nil for none.
	parent *dns.ExistingZone
	// vpc is the adopted VPC; nil when the stack creates one.
	vpc *network.Existing
	// zones are the availability zones of the load balancer's subnets.
	zones []string
	// zoneRecords and parentRecords are what the stack writes into the
	// adopted zone and the parent zone; zoneCheck and parentCheck compare
	// them with what those zones hold.
	zoneRecords, parentRecords []adoption.Record
	zoneCheck, parentCheck     adoption.Check
	// extraZones are the zones of the extra certificates, by domain.
	extraZones map[string]*dns.ExistingZone
}

func lookUp(ctx *pulumi.Context, cfg *stackconfig.Config) (*preflight, error) {
	pf := &preflight{}
	var err error
	if cfg.ExistingZoneID != "" || cfg.ExistingZoneName != "" {
		if pf.zone, err = dns.LookupZone(ctx, cfg.ExistingZoneID, cfg.ExistingZoneName, cfg.Domain); err != nil {
			key, value := stackconfig.KeyExistingZoneName, cfg.ExistingZoneName
			if cfg.ExistingZoneID != "" {
				key, value = stackconfig.KeyExistingZoneID, cfg.ExistingZoneID
			}
			return nil, fmt.Errorf("adopting the zone of %s = %q: %w", stackconfig.FullKey(key), value, err)
		}
	}
	if cfg.ParentZoneID != "" || cfg.ParentZoneName != "" {
		if pf.parent, err = dns.LookupZone(ctx, cfg.ParentZoneID, cfg.ParentZoneName, cfg.Domain); err != nil {
			key, value := stackconfig.KeyParentZoneName, cfg.ParentZoneName
			if cfg.ParentZoneID != "" {
				key, value = stackconfig.KeyParentZoneID, cfg.ParentZoneID
			}
			return nil, fmt.Errorf("delegating %s from the parent zone of %s = %q: %w (deploy the stack that owns the parent zone first, or unset %s and delegate by hand from the nameServers output)",
				cfg.Domain, stackconfig.FullKey(key), value, err, stackconfig.FullKey(key))
		}
	}
	if err := pf.lookUpNetwork(ctx, cfg); err != nil {
		return nil, err
	}
	if err := pf.lookUpExtraZones(ctx, cfg); err != nil {
		return nil, err
	}
	if err := checkImportKeys(cfg, pf); err != nil {
		return nil, err
	}
	if err := pf.checkRecords(ctx, cfg); err != nil {
		return nil, err
	}
	return pf, nil
}

func (pf *preflight) lookUpNetwork(ctx *pulumi.Context, cfg *stackconfig.Config) error {
	if !cfg.AdoptsVpc() {
		pf.zones = cfg.AvailabilityZones
		if len(pf.zones) > 0 {
			return nil
		}
		zones, err := network.LookupZones(ctx, cfg.SubnetCount)
		if err != nil {
			// The zones come from the region, not the config: say which
			// keys chose them.
			return fmt.Errorf("building the network with %s = %d zones of the region (set %s to choose them): %w",
				stackconfig.FullKey(stackconfig.KeySubnetCount), cfg.SubnetCount,
				stackconfig.FullKey(stackconfig.KeyAvailabilityZones), err)
		}
		pf.zones = zones
		return nil
	}

	key := stackconfig.FullKey(stackconfig.KeyExistingVpcID)
	vpc, err := network.LookupExisting(ctx, cfg.ExistingVpcID, cfg.ExistingSubnetIDs, cfg.AvailabilityZones)
	if err != nil {
		return fmt.Errorf("adopting the VPC of %s = %q (set %s to choose its public subnets): %w",
			key, cfg.ExistingVpcID, stackconfig.FullKey(stackconfig.KeyExistingSubnetIDs), err)
	}
	pf.vpc, pf.zones = vpc, vpc.Zones()

	var ps []stackconfig.Problem
	if cfg.DualStack && !vpc.Ipv6 {
		ps = append(ps, stackconfig.Problem{Key: stackconfig.FullKey(stackconfig.KeyDualStack), Value: "true",
			Rule: fmt.Sprintf("needs IPv6 on the VPC of %s %q and on each of its subnets %s, which have none", key, cfg.ExistingVpcID, strings.Join(vpc.SubnetIds(), ", "))})
	}
	block, err := netip.ParsePrefix(vpc.CidrBlock)
	if err != nil {
		return fmt.Errorf("VPC %s has the IPv4 block %q: %w", vpc.VpcId, vpc.CidrBlock, err)
	}
	for i, s := range cfg.Services {
		for j, target := range s.Targets {
			if a, err := netip.ParseAddr(target); err == nil && !block.Contains(a) {
				ps = append(ps, stackconfig.Problem{Key: fmt.Sprintf("%s[%d].targets[%d]", stackconfig.FullKey(stackconfig.KeyServices), i, j), Value: target,
					Rule: fmt.Sprintf("is not inside %s of the VPC of %s: IP targets must be in the VPC", vpc.CidrBlock, key)})
			}
		}
	}
	if len(ps) > 0 {
		return &stackconfig.Error{Problems: ps}
	}
	return nil
}

// shape is what decides which importable resources the stack registers.
func (pf *preflight) shape(cfg *stackconfig.Config) adoption.Shape {
	s := adoption.Shape{
		CreatesNetwork:    pf.vpc == nil,
		Zones:             pf.zones,
		Ipv6:              cfg.DualStack,
		ValidationDomains: cert.ValidationDomains(cert.Names(cfg.Domain, cfg.CertificateNames)),
		CreatesZone:       pf.zone == nil,
		AliasRecords:      cfg.AliasRecords,
		Apex:              cfg.ApexAlias,
		Delegation:        pf.parent != nil,
	}
	ports := map[int]bool{}
	addPort := func(p int) {
		if !ports[p] {
			ports[p] = true
			s.TargetPorts = append(s.TargetPorts, p)
		}
	}
	for _, svc := range cfg.Services {
		s.Services = append(s.Services, svc.Name)
		addPort(svc.Port)
		if p, ok := svc.HealthCheckPort(); ok {
			addPort(p)
		}
		for _, g := range svc.TargetGroups {
			s.TargetGroups = append(s.TargetGroups, svc.Name+"-"+g.Name)
			addPort(g.Port)
			if p, err := strconv.Atoi(g.HealthCheck.Port); err == nil {
				addPort(p)
			}
		}
		for _, r := range svc.Rules {
			s.Rules = append(s.Rules, svc.Name+"-"+r.Name)
		}
	}
	for _, r := range cfg.Rules {
		s.Rules = append(s.Rules, "rule-"+r.Name)
	}
	s.ExtraCertificates = extraCertificateDomains(cfg)
	sort.Ints(s.TargetPorts)
	return s
}

// checkImportKeys rejects meething:import keys that name no resource of the
// stack, listing the ones that do.
func checkImportKeys(cfg *stackconfig.Config, pf *preflight) error {
	valid := adoption.Inventory(pf.shape(cfg))
	unknown := adoption.Unknown(cfg.Import, valid)
	if len(unknown) == 0 {
		return nil
	}
	ps := make([]stackconfig.Problem, 0, len(unknown))
	for _, k := range unknown {
		ps = append(ps, stackconfig.Problem{
			Key: stackconfig.FullKey(stackconfig.KeyImport) + "." + k, Value: cfg.Import[k],
			Rule: "names no resource of this stack; the importable keys are " + strings.Join(valid, ", "),
		})
	}
	return &stackconfig.Error{Problems: ps}
}
