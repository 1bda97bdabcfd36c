// Package network builds the stack's public network: one VPC, a public subnet
// in each availability zone, one internet gateway and one public route table
// whose default routes lead to it. The VPC's default security group is adopted
// and stripped of all rules, unless the config says otherwise. Optionally the VPC's flow logs go to CloudWatch
// Logs (with a role that may write only there) or to S3.
//
// The component is a module in the terraform-aws-modules style: stackconfig
// is its variables layer, owning each key's type, default and check, and
// NetworkArgs carries those values as they are (FlowLogs is the stack's
// stackconfig.FlowLogs) beside wiring inputs (zones, an adopted VPC, tags).
// NewNetwork maps them onto the provider's arguments, adding no defaults
// or checks of its own to the config's values.
//
// Instead of creating the VPC, the component can use an existing one, such
// as the region's default VPC, looked up with LookupExisting before anything
// is registered: then it creates no VPC, subnet, gateway, route table or
// route, and touches the default security group only when asked.
package network

import (
	"fmt"
	"sort"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/network/layout"
	"github.com/meething/edge/stackconfig"
)

// TypeToken is the Network component's type.
const TypeToken = "meething:network:Network"

// NetworkArgs configures a Network. The config's values come as
// stackconfig validated them, defaults applied: the component adds none.
type NetworkArgs struct {
	// CidrBlock is meething:vpcCidr, the VPC's IPv4 block.
	CidrBlock string
	// Zones are the availability zones, one public subnet each: the
	// stack's meething:availabilityZones, or the ones the caller looked up
	// with LookupZones (meething:subnetCount of them) before registering
	// anything. Required unless Existing.
	Zones []string
	// SubnetPrefixLength is meething:subnetPrefixLength, the size of each
	// public subnet.
	SubnetPrefixLength int
	// SubnetCidrs is meething:subnetCidrs, the carved IPv4 block of a zone
	// overridden.
	SubnetCidrs map[string]string
	// MapPublicIPOnLaunch is meething:mapPublicIpOnLaunch: the subnets give
	// instances public IPv4 addresses (EC2.15).
	MapPublicIPOnLaunch bool
	// Ipv6 is meething:dualStack: an Amazon-provided /56 on the VPC, a /64
	// on each subnet and a ::/0 route.
	Ipv6 bool
	// FlowLogs is meething:flowLogs: the VPC's flow logs, when Enabled.
	FlowLogs stackconfig.FlowLogs
	// Existing is a looked-up VPC to use instead of creating one: then the
	// component creates no VPC, subnet, gateway, route table or route, and
	// CidrBlock, Zones, SubnetPrefixLength, SubnetCidrs and
	// MapPublicIPOnLaunch are ignored. Default: nil (create the VPC).
	Existing *Existing
	// RestrictDefaultSecurityGroup is meething:restrictDefaultSecurityGroup:
	// the VPC's default security group is adopted and stripped of every
	// rule (EC2.2); otherwise it is left alone.
	RestrictDefaultSecurityGroup bool
	// Tags go on every taggable resource, with Component=network and Name.
	Tags map[string]string
}

// Network is the stack's VPC with its public subnets.
type Network struct {
	pulumi.ResourceState

	// Vpc is the created VPC; nil when an existing one is used.
	Vpc *ec2.Vpc
	// VpcId is the VPC's ID.
	VpcId pulumi.StringOutput
	// VpcCidrBlock is the VPC's IPv4 block.
	VpcCidrBlock string
	// Zones are the zones that have a public subnet, sorted.
	Zones []string
	// PublicSubnets are the public subnets by zone.
	PublicSubnets map[string]*ec2.Subnet
	// PublicSubnetIds are the public subnets' IDs, in zone order.
	PublicSubnetIds pulumi.StringArrayOutput
	// InternetGateway is the created VPC's internet gateway. An
	// internet-facing load balancer must wait for it. Nil for an existing VPC.
	InternetGateway *ec2.InternetGateway
	// PublicRouteTable is the route table of every created public subnet.
	PublicRouteTable *ec2.RouteTable
	// FlowLogs are the VPC's flow logs; nil when off.
	FlowLogs *FlowLogs
}

// NewNetwork builds the VPC, its public subnets and their route to the
// internet.
func NewNetwork(ctx *pulumi.Context, name string, args *NetworkArgs, opts ...pulumi.ResourceOption) (*Network, error) {
	if args == nil {
		return nil, fmt.Errorf("network %s: args are required", name)
	}
	a := *args
	if a.Existing == nil && len(a.Zones) == 0 {
		return nil, fmt.Errorf("network %s: Zones are required (look them up with LookupZones)", name)
	}

	n := &Network{VpcCidrBlock: a.CidrBlock}
	props := pulumi.Map{
		"cidrBlock":          pulumi.String(a.CidrBlock),
		"subnetPrefixLength": pulumi.Int(a.SubnetPrefixLength),
		"ipv6":               pulumi.Bool(a.Ipv6),
	}
	if a.Existing != nil {
		props = pulumi.Map{"existingVpcId": pulumi.String(a.Existing.VpcId), "ipv6": pulumi.Bool(a.Ipv6)}
	}
	if err := ctx.RegisterComponentResourceV2(TypeToken, name, props, n, opts...); err != nil {
		return nil, fmt.Errorf("registering network %s: %w", name, err)
	}
	parent := pulumi.Parent(n)
	t := tags.Set(a.Tags).Component("network")

	if a.Existing != nil {
		if err := n.useExisting(ctx, name, a, t, parent); err != nil {
			return nil, err
		}
		return n, n.registerOutputs(ctx, name)
	}

	plans, err := layout.PlanSubnets(a.CidrBlock, a.Zones, a.SubnetPrefixLength, a.SubnetCidrs)
	if err != nil {
		return nil, fmt.Errorf("network %s: planning subnets: %w", name, err)
	}

	n.Vpc, err = ec2.NewVpc(ctx, name, &ec2.VpcArgs{
		CidrBlock:                    pulumi.String(a.CidrBlock),
		EnableDnsSupport:             pulumi.Bool(true),
		EnableDnsHostnames:           pulumi.Bool(true),
		AssignGeneratedIpv6CidrBlock: pulumi.Bool(a.Ipv6),
		Tags:                         t.Named(name),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating VPC %s: %w", name, err)
	}
	n.VpcId = n.Vpc.ID().ToStringOutput()

	if a.RestrictDefaultSecurityGroup {
		if err := n.restrictDefaultSecurityGroup(ctx, name, t, parent); err != nil {
			return nil, err
		}
	}

	n.InternetGateway, err = ec2.NewInternetGateway(ctx, name, &ec2.InternetGatewayArgs{
		VpcId: n.VpcId,
		Tags:  t.Named(name),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating internet gateway %s: %w", name, err)
	}

	if err := n.buildPublicRoutes(ctx, name, a.Ipv6, t, parent); err != nil {
		return nil, err
	}
	if err := n.buildSubnets(ctx, name, plans, a, t, parent); err != nil {
		return nil, err
	}
	if a.FlowLogs.Enabled {
		if n.FlowLogs, err = n.buildFlowLogs(ctx, name, a.FlowLogs, t, parent); err != nil {
			return nil, err
		}
	}

	return n, n.registerOutputs(ctx, name)
}

func (n *Network) registerOutputs(ctx *pulumi.Context, name string) error {
	if err := ctx.RegisterResourceOutputs(n, pulumi.Map{
		"vpcId":           n.VpcId,
		"publicSubnetIds": n.PublicSubnetIds,
	}); err != nil {
		return fmt.Errorf("registering outputs of network %s: %w", name, err)
	}
	return nil
}

// useExisting takes the VPC and subnets from a.Existing; only the default
// security group's restriction and the flow logs are created, when asked.
func (n *Network) useExisting(ctx *pulumi.Context, name string, a NetworkArgs, t tags.Set, opts ...pulumi.ResourceOption) error {
	e := a.Existing
	n.VpcId = pulumi.String(e.VpcId).ToStringOutput()
	n.VpcCidrBlock = e.CidrBlock
	n.Zones = e.Zones()
	n.PublicSubnetIds = pulumi.ToStringArray(e.SubnetIds()).ToStringArrayOutput()
	if a.RestrictDefaultSecurityGroup {
		if err := n.restrictDefaultSecurityGroup(ctx, name, t, opts...); err != nil {
			return err
		}
	}
	if a.FlowLogs.Enabled {
		var err error
		if n.FlowLogs, err = n.buildFlowLogs(ctx, name, a.FlowLogs, t, opts...); err != nil {
			return err
		}
	}
	return nil
}

// restrictDefaultSecurityGroup adopts the VPC's default security group and
// strips it of every rule (EC2.2).
func (n *Network) restrictDefaultSecurityGroup(ctx *pulumi.Context, name string, t tags.Set, opts ...pulumi.ResourceOption) error {
	if _, err := ec2.NewDefaultSecurityGroup(ctx, name+"-default", &ec2.DefaultSecurityGroupArgs{
		VpcId: n.VpcId,
		Tags:  t.Named(name + "-default-no-rules"),
	}, opts...); err != nil {
		return fmt.Errorf("adopting the default security group of VPC %s: %w", name, err)
	}
	return nil
}

// LookupZones returns the first count zones of the region, sorted by name,
// that are available and need no opt-in.
func LookupZones(ctx *pulumi.Context, count int) ([]string, error) {
	res, err := aws.GetAvailabilityZones(ctx, &aws.GetAvailabilityZonesArgs{
		State: pulumi.StringRef("available"),
		Filters: []aws.GetAvailabilityZonesFilter{
			{Name: "opt-in-status", Values: []string{"opt-in-not-required"}},
			{Name: "zone-type", Values: []string{"availability-zone"}},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("looking up availability zones: %w", err)
	}
	names := append([]string(nil), res.Names...)
	sort.Strings(names)
	if len(names) < count {
		return nil, fmt.Errorf("the region has %d availability zones (%v), fewer than the %d subnets asked for", len(names), names, count)
	}
	return names[:count], nil
}
