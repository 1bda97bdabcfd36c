package network

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/network/layout"
)

// Existing is a VPC the stack uses instead of creating one, as looked up
// before anything is registered.
type Existing struct {
	// VpcId is the VPC's ID.
	VpcId string
	// CidrBlock is the VPC's IPv4 block.
	CidrBlock string
	// Ipv6 reports whether the VPC and every chosen subnet have IPv6.
	Ipv6 bool
	// Subnets are the public subnets for the load balancer by zone.
	Subnets map[string]string
}

// LookupExisting looks up the VPC vpcID ("default" for the region's default
// VPC) and its public subnets: subnetIDs when given, otherwise one per zone
// whose route table leads to an internet gateway, narrowed to zones when it
// is not empty. It registers nothing.
func LookupExisting(ctx *pulumi.Context, vpcID string, subnetIDs, zones []string, opts ...pulumi.InvokeOption) (*Existing, error) {
	args := &ec2.LookupVpcArgs{Id: pulumi.StringRef(vpcID)}
	if vpcID == "default" {
		args = &ec2.LookupVpcArgs{Default: pulumi.BoolRef(true)}
	}
	vpc, err := ec2.LookupVpc(ctx, args, opts...)
	if err != nil {
		return nil, fmt.Errorf("looking up VPC %s: %w", vpcID, err)
	}
	e := &Existing{VpcId: vpc.Id, CidrBlock: vpc.CidrBlock, Ipv6: vpc.Ipv6CidrBlock != "", Subnets: map[string]string{}}

	ids := subnetIDs
	if len(ids) == 0 {
		found, err := ec2.GetSubnets(ctx, &ec2.GetSubnetsArgs{
			Filters: []ec2.GetSubnetsFilter{{Name: "vpc-id", Values: []string{vpc.Id}}},
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("listing the subnets of VPC %s: %w", vpc.Id, err)
		}
		ids = found.Ids
	}
	subnets := make([]layout.ExistingSubnet, 0, len(ids))
	for _, id := range ids {
		s, err := ec2.LookupSubnet(ctx, &ec2.LookupSubnetArgs{Id: pulumi.StringRef(id)}, opts...)
		if err != nil {
			return nil, fmt.Errorf("looking up subnet %s: %w", id, err)
		}
		if s.VpcId != vpc.Id {
			return nil, fmt.Errorf("subnet %s is in VPC %s, not in %s", id, s.VpcId, vpc.Id)
		}
		subnets = append(subnets, layout.ExistingSubnet{
			ID: s.Id, Zone: s.AvailabilityZone, CidrBlock: s.CidrBlock, Ipv6: s.Ipv6CidrBlock != "", DefaultForAz: s.DefaultForAz,
		})
	}

	if len(subnetIDs) > 0 {
		// Given by ID: the config chose them; one per zone still holds.
		for _, s := range subnets {
			if other, dup := e.Subnets[s.Zone]; dup {
				return nil, fmt.Errorf("subnets %s and %s are both in %s: a load balancer takes one subnet per zone", other, s.ID, s.Zone)
			}
			e.Subnets[s.Zone] = s.ID
		}
	} else {
		tables, err := lookupRouteTables(ctx, vpc.Id, opts...)
		if err != nil {
			return nil, err
		}
		if e.Subnets, err = layout.PublicSubnets(subnets, tables, zones); err != nil {
			return nil, fmt.Errorf("VPC %s: %w", vpc.Id, err)
		}
	}
	for _, s := range subnets {
		if e.Subnets[s.Zone] == s.ID && !s.Ipv6 {
			e.Ipv6 = false // dual-stack needs IPv6 on every subnet of the load balancer
		}
	}
	return e, nil
}

// lookupRouteTables describes every route table of the VPC.
func lookupRouteTables(ctx *pulumi.Context, vpcID string, opts ...pulumi.InvokeOption) ([]layout.RouteTable, error) {
	found, err := ec2.GetRouteTables(ctx, &ec2.GetRouteTablesArgs{VpcId: pulumi.StringRef(vpcID)}, opts...)
	if err != nil {
		return nil, fmt.Errorf("listing the route tables of VPC %s: %w", vpcID, err)
	}
	ids := append([]string(nil), found.Ids...)
	sort.Strings(ids)
	tables := make([]layout.RouteTable, 0, len(ids))
	for _, id := range ids {
		rt, err := ec2.LookupRouteTable(ctx, &ec2.LookupRouteTableArgs{RouteTableId: pulumi.StringRef(id)}, opts...)
		if err != nil {
			return nil, fmt.Errorf("looking up route table %s: %w", id, err)
		}
		t := layout.RouteTable{ID: id}
		for _, a := range rt.Associations {
			if a.Main {
				t.Main = true
			}
			if a.SubnetId != "" {
				t.Subnets = append(t.Subnets, a.SubnetId)
			}
		}
		for _, r := range rt.Routes {
			if r.CidrBlock == "0.0.0.0/0" && len(r.GatewayId) > 4 && r.GatewayId[:4] == "igw-" {
				t.Internet = true
			}
		}
		tables = append(tables, t)
	}
	return tables, nil
}

// Zones returns the zones of the adopted subnets, sorted.
func (e *Existing) Zones() []string {
	zones := slices.Sorted(maps.Keys(e.Subnets))
	return zones
}

// SubnetIds returns the adopted subnets' IDs in zone order.
func (e *Existing) SubnetIds() []string {
	var ids []string
	for _, z := range e.Zones() {
		ids = append(ids, e.Subnets[z])
	}
	return ids
}
