package stackconfig

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/meething/edge/network/layout"
)

// validateNetwork checks the VPC and subnet keys and returns the VPC prefix.
func validateNetwork(cfg *Config, ps *problems) (netip.Prefix, bool) {
	vpcKey := FullKey(KeyVpcCidr)
	vpc, err := netip.ParsePrefix(cfg.VpcCidr)
	vpcOK := false
	switch {
	case err != nil || !vpc.Addr().Is4():
		ps.add(vpcKey, cfg.VpcCidr, "is not an IPv4 CIDR block such as 172.31.0.0/16")
	case vpc.Masked() != vpc:
		ps.add(vpcKey, cfg.VpcCidr, "has host bits set: the block starts at %s", vpc.Masked())
	case vpc.Bits() < MinVpcPrefix || vpc.Bits() > MaxVpcPrefix:
		ps.add(vpcKey, cfg.VpcCidr, "has prefix /%d: AWS allows /%d to /%d", vpc.Bits(), MinVpcPrefix, MaxVpcPrefix)
	case !isPrivate(vpc):
		ps.add(vpcKey, cfg.VpcCidr, "is not private (RFC 1918): use space inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16")
	default:
		vpcOK = true
	}

	prefixKey := FullKey(KeySubnetPrefixLength)
	prefixOK := true
	switch r, _ := rangeOf(KeySubnetPrefixLength); {
	case !r.Holds(cfg.SubnetPrefixLength):
		ps.add(prefixKey, strconv.Itoa(cfg.SubnetPrefixLength), "%s: a load balancer's subnet needs at least 8 free addresses", r.Rule())
		prefixOK = false
	case vpcOK && cfg.SubnetPrefixLength <= vpc.Bits():
		ps.add(prefixKey, strconv.Itoa(cfg.SubnetPrefixLength), "must be longer than the VPC's /%d (%s %q) to carve several subnets", vpc.Bits(), vpcKey, cfg.VpcCidr)
		prefixOK = false
	}

	zonesKey := FullKey(KeyAvailabilityZones)
	zones := cfg.AvailabilityZones
	zonesOK := true // a wrong zone is reported once, not again as a planning failure
	if len(zones) == 0 {
		if cfg.Protect && !cfg.AdoptsVpc() {
			// Looked up, the zones are the region's first available ones
			// on each run: a zone reported impaired changes the list, and
			// the next preview would replace serving subnets (or, all
			// protected, could not deploy during the incident).
			ps.add(zonesKey, "", "is empty with %s on: a protected stack names the zones of the subnets it creates, so that they never follow the region's live zone list (list them, for example [%sa, %sb, %sc])", FullKey(KeyProtect), cfg.Region, cfg.Region, cfg.Region)
		}
		if r, _ := rangeOf(KeySubnetCount); !r.Holds(cfg.SubnetCount) {
			ps.add(FullKey(KeySubnetCount), strconv.Itoa(cfg.SubnetCount), "%s: an application load balancer needs subnets in two availability zones", r.Rule())
		}
	} else {
		if len(zones) < 2 {
			ps.add(zonesKey, strings.Join(zones, ","), "must name at least 2 zones: an application load balancer needs subnets in two availability zones")
		}
		seen := map[string]bool{}
		for i, z := range zones {
			k := fmt.Sprintf("%s[%d]", zonesKey, i)
			switch {
			case !azName.MatchString(z):
				ps.add(k, z, "is not an availability zone name such as ap-northeast-2a")
			case seen[z]:
				ps.add(k, z, "is listed twice: one subnet per zone")
			case cfg.Region != "" && !inRegion(z, cfg.Region):
				ps.add(k, z, "is not in the region %s %q", RegionKey, cfg.Region)
			default:
				seen[z] = true
				continue
			}
			zonesOK = false
		}
	}

	overridesOK := true
	for _, zone := range slices.Sorted(maps.Keys(cfg.SubnetCidrs)) {
		c := cfg.SubnetCidrs[zone]
		k := fmt.Sprintf("%s.%s", FullKey(KeySubnetCidrs), zone)
		p, err := netip.ParsePrefix(c)
		switch {
		case len(zones) > 0 && !slices.Contains(zones, zone):
			ps.add(k, c, "is for a zone not in %s", zonesKey)
		case err != nil || !p.Addr().Is4():
			ps.add(k, c, "is not an IPv4 CIDR block")
		case p.Masked() != p:
			ps.add(k, c, "has host bits set: the block starts at %s", p.Masked())
		case p.Bits() > MinALBSubnetPrefix:
			ps.add(k, c, "is smaller than /%d: a load balancer's subnet needs at least 8 free addresses", MinALBSubnetPrefix)
		case vpcOK && !(vpc.Bits() <= p.Bits() && vpc.Contains(p.Addr())):
			ps.add(k, c, "is not inside %s %q", vpcKey, cfg.VpcCidr)
		default:
			continue
		}
		overridesOK = false
	}

	if overridesOK && len(cfg.SubnetCidrs) > 1 {
		// Overlapping overrides are the overrides' fault, whatever the zones.
		if err := verifyNoOverlap(cfg.SubnetCidrs); err != nil {
			var pairs []string
			for _, z := range slices.Sorted(maps.Keys(cfg.SubnetCidrs)) {
				pairs = append(pairs, z+"="+cfg.SubnetCidrs[z])
			}
			ps.add(FullKey(KeySubnetCidrs), strings.Join(pairs, ","), "has overlapping blocks: %v", err)
			overridesOK = false
		}
	}
	if vpcOK && prefixOK && overridesOK && zonesOK && len(zones) >= 2 {
		if _, err := layout.PlanSubnets(cfg.VpcCidr, zones, cfg.SubnetPrefixLength, cfg.SubnetCidrs); err != nil {
			ps.add(zonesKey, strings.Join(zones, ","), "cannot be given subnets of /%d in %s: %v", cfg.SubnetPrefixLength, cfg.VpcCidr, err)
		}
	}
	return vpc, vpcOK
}
