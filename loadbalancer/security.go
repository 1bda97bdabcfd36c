package loadbalancer

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// PublicPorts are the only ports open to the internet: 443, and 80 only to
// redirect to 443.
var PublicPorts = []int{443, 80}

// GroupIdentity are the inputs of the security groups that the stack sets
// only when it creates or imports a group, and never changes afterwards
// (ignoreChanges): changing either in AWS means a new group.
var GroupIdentity = []string{"name", "description"}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// buildSecurityGroups creates the ALB's group (80 and 443 in from anywhere,
// out only to the targets' group on the services' ports) and the targets'
// group (in only from the ALB's group). Rules are separate resources keyed by
// port, so adding a service on a new port adds rules and changes none.
//
// Both groups keep the name and description they were created or imported
// with (GroupIdentity): AWS cannot change either in place, and a new group
// cuts users off. The targets' group is attached to instances outside the
// stack, so a replacement leaves the load balancer's egress pointing at a
// group no instance holds (502 and 504 for every service, then a delete that
// fails while instances hold the old one); the load balancer would switch to
// a new group of its own before that group's rules exist.
func (l *LoadBalancer) buildSecurityGroups(ctx *pulumi.Context, name string, a LoadBalancerArgs, t tags.Set, opts ...pulumi.ResourceOption) (*ec2.SecurityGroup, error) {
	groupOpts := append(slices.Clone(opts), pulumi.IgnoreChanges(GroupIdentity))
	albSG, err := ec2.NewSecurityGroup(ctx, name+"-alb", &ec2.SecurityGroupArgs{
		VpcId:       a.VpcId,
		Name:        optional(a.PhysicalNames.SecurityGroups["alb"].Name),
		Description: pulumi.String(orDefault(a.PhysicalNames.SecurityGroups["alb"].Description, "Load balancer "+name+": HTTPS from the internet, HTTP only to redirect")),
		Tags:        t.Named(name + "-alb"),
	}, groupOpts...)
	if err != nil {
		return nil, fmt.Errorf("creating security group of load balancer %s: %w", name, err)
	}
	targetSG, err := ec2.NewSecurityGroup(ctx, name+"-targets", &ec2.SecurityGroupArgs{
		VpcId:       a.VpcId,
		Name:        optional(a.PhysicalNames.SecurityGroups["targets"].Name),
		Description: pulumi.String(orDefault(a.PhysicalNames.SecurityGroups["targets"].Description, "Targets of load balancer "+name+": traffic from the load balancer only")),
		Tags:        t.Named(name + "-targets"),
	}, groupOpts...)
	if err != nil {
		return nil, fmt.Errorf("creating target security group of load balancer %s: %w", name, err)
	}
	l.SecurityGroupId = albSG.ID().ToStringOutput()
	l.TargetSecurityGroupId = targetSG.ID().ToStringOutput()

	sources := []struct{ family, cidr string }{{"ipv4", "0.0.0.0/0"}}
	if a.DualStack {
		sources = append(sources, struct{ family, cidr string }{"ipv6", "::/0"})
	}
	for _, port := range PublicPorts {
		purpose := "HTTPS"
		if port == 80 {
			purpose = "HTTP, redirected to HTTPS"
		}
		for _, src := range sources {
			ruleName := fmt.Sprintf("%s-alb-in-%d-%s", name, port, src.family)
			args := &vpc.SecurityGroupIngressRuleArgs{
				SecurityGroupId: albSG.ID(),
				IpProtocol:      pulumi.String("tcp"),
				FromPort:        pulumi.Int(port),
				ToPort:          pulumi.Int(port),
				Description:     pulumi.String(purpose + " from the internet (" + src.family + ")"),
				Tags:            t.Named(ruleName),
			}
			if src.family == "ipv4" {
				args.CidrIpv4 = pulumi.String(src.cidr)
			} else {
				args.CidrIpv6 = pulumi.String(src.cidr)
			}
			if _, err := vpc.NewSecurityGroupIngressRule(ctx, ruleName, args, opts...); err != nil {
				return nil, fmt.Errorf("opening port %d (%s) on load balancer %s: %w", port, src.family, name, err)
			}
		}
	}

	for _, port := range servicePorts(a.Services) {
		outName := fmt.Sprintf("%s-alb-out-%d", name, port)
		if _, err := vpc.NewSecurityGroupEgressRule(ctx, outName, &vpc.SecurityGroupEgressRuleArgs{
			SecurityGroupId:           albSG.ID(),
			ReferencedSecurityGroupId: targetSG.ID(),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(port),
			ToPort:                    pulumi.Int(port),
			Description:               pulumi.String("To targets on port " + strconv.Itoa(port)),
			Tags:                      t.Named(outName),
		}, opts...); err != nil {
			return nil, fmt.Errorf("allowing load balancer %s out to targets on port %d: %w", name, port, err)
		}
		inName := fmt.Sprintf("%s-targets-in-%d", name, port)
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, inName, &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           targetSG.ID(),
			ReferencedSecurityGroupId: albSG.ID(),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(port),
			ToPort:                    pulumi.Int(port),
			Description:               pulumi.String("From load balancer " + name + " on port " + strconv.Itoa(port)),
			Tags:                      t.Named(inName),
		}, opts...); err != nil {
			return nil, fmt.Errorf("allowing targets of %s in on port %d: %w", name, port, err)
		}
	}
	return albSG, nil
}
