package adoption

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/network"
	"github.com/meething/edge/network/layout"
	"github.com/meething/edge/stackconfig"
)

// LookUp looks up what cfg adopts, before anything is registered: the
// adopted zone, the parent zone, the adopted VPC or the availability zones of
// the created subnets, the zones of the extra certificates, and the records
// already in the zones the stack shares. It checks meething:import's keys
// against those of the resources build registers (see Keys) and the records
// the stack would write over. Each failure names the config key to change.
func LookUp(ctx *pulumi.Context, cfg *stackconfig.Config, build Build) (*Plan, error) {
	pf := &Plan{}
	var err error
	if cfg.ExistingZoneID != "" || cfg.ExistingZoneName != "" {
		if pf.Zone, err = dns.LookupZone(ctx, cfg.ExistingZoneID, cfg.ExistingZoneName, cfg.Domain); err != nil {
			key, value := stackconfig.KeyExistingZoneName, cfg.ExistingZoneName
			if cfg.ExistingZoneID != "" {
				key, value = stackconfig.KeyExistingZoneID, cfg.ExistingZoneID
			}
			return nil, fmt.Errorf("adopting the zone of %s = %q: %w", stackconfig.FullKey(key), value, err)
		}
	}
	if cfg.ParentZoneID != "" || cfg.ParentZoneName != "" {
		if pf.Parent, err = dns.LookupZone(ctx, cfg.ParentZoneID, cfg.ParentZoneName, cfg.Domain); err != nil {
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
	// The records first: the cutover's step decides which records the
	// build registers, whose keys the import check then knows.
	if err := pf.checkRecords(ctx, cfg); err != nil {
		return nil, err
	}
	if err := checkImportKeys(ctx, cfg, pf, build); err != nil {
		return nil, err
	}
	return pf, nil
}

func (pf *Plan) lookUpNetwork(ctx *pulumi.Context, cfg *stackconfig.Config) error {
	if !cfg.AdoptsVpc() {
		pf.Zones = cfg.AvailabilityZones
		if len(pf.Zones) > 0 {
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
		// stackconfig plans the subnets of named zones; these it could not
		// know, so their plan is checked here, before anything registers.
		if _, err := layout.PlanSubnets(cfg.VpcCidr, zones, cfg.SubnetPrefixLength, cfg.SubnetCidrs); err != nil {
			return fmt.Errorf("%s = %d zones of the region (%s) cannot be given subnets of %s = %d in %s = %s: %w (set %s to zones whose subnets fit, or give the VPC more room)",
				stackconfig.FullKey(stackconfig.KeySubnetCount), cfg.SubnetCount, strings.Join(zones, ", "),
				stackconfig.FullKey(stackconfig.KeySubnetPrefixLength), cfg.SubnetPrefixLength,
				stackconfig.FullKey(stackconfig.KeyVpcCidr), cfg.VpcCidr, err,
				stackconfig.FullKey(stackconfig.KeyAvailabilityZones))
		}
		pf.Zones = zones
		return nil
	}

	key := stackconfig.FullKey(stackconfig.KeyExistingVpcID)
	vpc, err := network.LookupExisting(ctx, cfg.ExistingVpcID, cfg.ExistingSubnetIDs, cfg.AvailabilityZones)
	if err != nil {
		return fmt.Errorf("adopting the VPC of %s = %q (set %s to choose its public subnets): %w",
			key, cfg.ExistingVpcID, stackconfig.FullKey(stackconfig.KeyExistingSubnetIDs), err)
	}
	pf.Vpc, pf.Zones = vpc, vpc.Zones()

	var ps []stackconfig.Problem
	if cfg.DualStack && !vpc.Ipv6 {
		ps = append(ps, stackconfig.Problem{Key: stackconfig.FullKey(stackconfig.KeyDualStack), Value: "true",
			Rule: fmt.Sprintf("needs IPv6 on the VPC of %s %q and on each of its subnets %s, which have none", key, cfg.ExistingVpcID, strings.Join(vpc.SubnetIds(), ", "))})
	}
	block, err := netip.ParsePrefix(vpc.CidrBlock)
	if err != nil {
		return fmt.Errorf("VPC %s has the IPv4 block %q: %w", vpc.VpcId, vpc.CidrBlock, err)
	}
	// stackconfig checks IP targets against a VPC the stack creates; those
	// of an adopted one are known only now: the service's own group's and
	// its further groups'.
	outside := func(k string, targets []string) {
		for j, target := range targets {
			if a, err := netip.ParseAddr(target); err == nil && !block.Contains(a) {
				ps = append(ps, stackconfig.Problem{Key: fmt.Sprintf("%s.targets[%d]", k, j), Value: target,
					Rule: fmt.Sprintf("is not inside %s of the VPC of %s: IP targets must be in the VPC", vpc.CidrBlock, key)})
			}
		}
	}
	for i, s := range cfg.Services {
		k := fmt.Sprintf("%s[%d]", stackconfig.FullKey(stackconfig.KeyServices), i)
		outside(k, s.Targets)
		for g, group := range s.TargetGroups {
			outside(fmt.Sprintf("%s.targetGroups[%d]", k, g), group.Targets)
		}
	}
	if len(ps) > 0 {
		return &stackconfig.Error{Problems: ps}
	}
	return nil
}

// lookUpExtraZones finds the zone of every extra certificate the stack
// requests, by domain.
func (pf *Plan) lookUpExtraZones(ctx *pulumi.Context, cfg *stackconfig.Config) error {
	pf.ExtraZones = map[string]*dns.ExistingZone{}
	key := stackconfig.FullKey(stackconfig.KeyExtraCertificates)
	for i, c := range cfg.ExtraCertificates {
		if c.Domain == "" {
			continue
		}
		zone, err := dns.LookupZone(ctx, c.ZoneID, c.ZoneName, c.Domain)
		if err != nil {
			field, value := "zoneName", c.ZoneName
			if c.ZoneID != "" {
				field, value = "zoneId", c.ZoneID
			}
			return fmt.Errorf("validating the certificate of %s[%d].domain = %q in the zone of %s[%d].%s = %q: %w", key, i, c.Domain, key, i, field, value, err)
		}
		pf.ExtraZones[c.Domain] = zone
	}
	return nil
}
