package network

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// buildPublicRoutes creates the public route table with its default routes to
// the internet gateway.
func (n *Network) buildPublicRoutes(ctx *pulumi.Context, name string, ipv6 bool, t tags.Set, opts ...pulumi.ResourceOption) error {
	var err error
	n.PublicRouteTable, err = ec2.NewRouteTable(ctx, name+"-public", &ec2.RouteTableArgs{
		VpcId: n.VpcId,
		Tags:  t.Named(name + "-public"),
	}, opts...)
	if err != nil {
		return fmt.Errorf("creating public route table of %s: %w", name, err)
	}
	if _, err := ec2.NewRoute(ctx, name+"-public-ipv4-default", &ec2.RouteArgs{
		RouteTableId:         n.PublicRouteTable.ID(),
		DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
		GatewayId:            n.InternetGateway.ID(),
	}, opts...); err != nil {
		return fmt.Errorf("creating IPv4 default route of %s: %w", name, err)
	}
	if ipv6 {
		if _, err := ec2.NewRoute(ctx, name+"-public-ipv6-default", &ec2.RouteArgs{
			RouteTableId:             n.PublicRouteTable.ID(),
			DestinationIpv6CidrBlock: pulumi.String("::/0"),
			GatewayId:                n.InternetGateway.ID(),
		}, opts...); err != nil {
			return fmt.Errorf("creating IPv6 default route of %s: %w", name, err)
		}
	}
	return nil
}
