// Package layout carves a VPC's address space into public subnets, one per
// availability zone, keyed by the zone so that adding a zone never moves
// another. It is plain Go (no Pulumi), shared by the network component and by
// config validation.
package layout

import (
	"fmt"
	"net"
	"sort"

	"github.com/apparentlymart/go-cidr/cidr"
)

// SubnetPlan is one public subnet before it exists: its zone, its IPv4 block
// and the slot the block came from.
type SubnetPlan struct {
	// Zone is the availability zone's name, the subnet's stable key.
	Zone string
	// Cidr is the subnet's IPv4 block.
	Cidr string
	// Slot is the zone letter's offset from "a"; it picks both the carved IPv4
	// block and the IPv6 /64 out of the VPC's /56.
	Slot int
}

// ZoneSlot is the offset of a zone's final letter from "a":
// ZoneSlot("ap-northeast-2c") is 2. It depends on the zone alone, so adding a
// zone never moves another zone's subnet.
func ZoneSlot(zone string) (int, error) {
	if zone == "" {
		return 0, fmt.Errorf("zone name is empty")
	}
	last := zone[len(zone)-1]
	if last < 'a' || last > 'z' {
		return 0, fmt.Errorf("zone %q does not end in a letter", zone)
	}
	return int(last - 'a'), nil
}

// PlanSubnets gives each zone a /prefixLength block of vpcCidr: the block at
// the zone's slot, unless overrides names a CIDR for the zone. The result is
// sorted by zone and its blocks are checked to fit the VPC without overlap.
//
// Example: PlanSubnets("172.31.0.0/16", ["ap-northeast-2a", "ap-northeast-2c"], 20, nil)
// gives 172.31.0.0/20 to 2a and 172.31.32.0/20 to 2c.
func PlanSubnets(vpcCidr string, zones []string, prefixLength int, overrides map[string]string) ([]SubnetPlan, error) {
	_, vpc, err := net.ParseCIDR(vpcCidr)
	if err != nil {
		return nil, fmt.Errorf("VPC CIDR %q: %w", vpcCidr, err)
	}
	vpcPrefix, _ := vpc.Mask.Size()
	if prefixLength <= vpcPrefix || prefixLength > 32 {
		return nil, fmt.Errorf("subnet prefix /%d does not fit in VPC %s: must be longer than /%d", prefixLength, vpcCidr, vpcPrefix)
	}

	sorted := append([]string(nil), zones...)
	sort.Strings(sorted)
	plans := make([]SubnetPlan, 0, len(sorted))
	blocks := make([]*net.IPNet, 0, len(sorted))
	seenSlot := map[int]string{}
	for _, zone := range sorted {
		slot, err := ZoneSlot(zone)
		if err != nil {
			return nil, err
		}
		if other, dup := seenSlot[slot]; dup {
			return nil, fmt.Errorf("zones %q and %q end in the same letter and would share a subnet slot", other, zone)
		}
		seenSlot[slot] = zone

		var block *net.IPNet
		if o, ok := overrides[zone]; ok {
			if _, block, err = net.ParseCIDR(o); err != nil {
				return nil, fmt.Errorf("subnet CIDR %q for zone %s: %w", o, zone, err)
			}
		} else {
			block, err = cidr.Subnet(vpc, prefixLength-vpcPrefix, slot)
			if err != nil {
				return nil, fmt.Errorf("zone %s needs /%d slot %d of %s, which has only %d: %w",
					zone, prefixLength, slot, vpcCidr, 1<<(prefixLength-vpcPrefix), err)
			}
		}
		blocks = append(blocks, block)
		plans = append(plans, SubnetPlan{Zone: zone, Cidr: block.String(), Slot: slot})
	}
	if err := cidr.VerifyNoOverlap(blocks, vpc); err != nil {
		return nil, fmt.Errorf("subnets of VPC %s: %w", vpcCidr, err)
	}
	return plans, nil
}

// Ipv6SubnetCidr carves the /64 at slot out of the VPC's Amazon-provided /56.
func Ipv6SubnetCidr(vpcIpv6Cidr string, slot int) (string, error) {
	_, block, err := net.ParseCIDR(vpcIpv6Cidr)
	if err != nil {
		return "", fmt.Errorf("VPC IPv6 CIDR %q: %w", vpcIpv6Cidr, err)
	}
	ones, _ := block.Mask.Size()
	sub, err := cidr.Subnet(block, 64-ones, slot)
	if err != nil {
		return "", fmt.Errorf("IPv6 /64 slot %d of %s: %w", slot, vpcIpv6Cidr, err)
	}
	return sub.String(), nil
}
