package network

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/network/layout"
)

// buildSubnets creates one public subnet per plan, named by its zone, and
// associates it with the public route table.
func (n *Network) buildSubnets(ctx *pulumi.Context, name string, plans []layout.SubnetPlan, a NetworkArgs, t tags.Set, opts ...pulumi.ResourceOption) error {
	n.PublicSubnets = make(map[string]*ec2.Subnet, len(plans))
	ids := make(pulumi.StringArray, 0, len(plans))
	for _, p := range plans {
		subnetName := name + "-public-" + p.Zone
		args := &ec2.SubnetArgs{
			VpcId:               n.VpcId,
			AvailabilityZone:    pulumi.String(p.Zone),
			CidrBlock:           pulumi.String(p.Cidr),
			MapPublicIpOnLaunch: pulumi.Bool(a.MapPublicIPOnLaunch),
			Tags:                t.With("Tier", "public").Named(subnetName),
		}
		if a.Ipv6 {
			slot := p.Slot
			args.Ipv6CidrBlock = n.Vpc.Ipv6CidrBlock.ApplyT(func(block string) (string, error) {
				return layout.Ipv6SubnetCidr(block, slot)
			}).(pulumi.StringOutput)
			args.AssignIpv6AddressOnCreation = pulumi.Bool(false)
		}
		subnet, err := ec2.NewSubnet(ctx, subnetName, args, opts...)
		if err != nil {
			return fmt.Errorf("creating subnet %s: %w", subnetName, err)
		}
		if _, err := ec2.NewRouteTableAssociation(ctx, subnetName, &ec2.RouteTableAssociationArgs{
			SubnetId:     subnet.ID(),
			RouteTableId: n.PublicRouteTable.ID(),
		}, opts...); err != nil {
			return fmt.Errorf("associating subnet %s with the public route table: %w", subnetName, err)
		}
		n.PublicSubnets[p.Zone] = subnet
		n.Zones = append(n.Zones, p.Zone)
		ids = append(ids, subnet.ID())
	}
	n.PublicSubnetIds = ids.ToStringArrayOutput()
	return nil
}
