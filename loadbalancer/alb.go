package loadbalancer

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// buildALB creates the load balancer itself, and the access-log bucket
// first when the stack writes access logs to a bucket of its own.
func (l *LoadBalancer) buildALB(ctx *pulumi.Context, name string, a LoadBalancerArgs, sgID pulumi.StringInput, t tags.Set, parent pulumi.ResourceOption) error {
	// Off is said, not left out: the provider suppresses the diff of a
	// missing access_logs or connection_logs block
	// (SuppressMissingOptionalConfigurationBlock in the Terraform provider's
	// aws_lb), so leaving one out after it was on would leave AWS logging.
	// With enabled false the provider sends only the enabled attribute;
	// the empty bucket is not sent.
	var err error
	accessLogs := &lb.LoadBalancerAccessLogsArgs{Bucket: pulumi.String(""), Enabled: pulumi.Bool(false)}
	dependsOn := append([]pulumi.Resource{}, a.DependsOn...)
	if al := a.AccessLogs; al.Enabled {
		bucket := pulumi.String(al.Bucket).ToStringOutput()
		if al.Bucket == "" {
			if l.AccessLogBucket, err = l.buildAccessLogBucket(ctx, name, al, t, parent); err != nil {
				return err
			}
			bucket = l.AccessLogBucket.Bucket.ID().ToStringOutput()
			dependsOn = append(dependsOn, l.AccessLogBucket.Policy)
		}
		accessLogs = &lb.LoadBalancerAccessLogsArgs{
			Bucket:  bucket,
			Prefix:  pulumi.String(al.Prefix),
			Enabled: pulumi.Bool(true),
		}
	}
	connectionLogs := &lb.LoadBalancerConnectionLogsArgs{Bucket: pulumi.String(""), Enabled: pulumi.Bool(false)}
	if a.LoadBalancerSettings.ConnectionLogs {
		connectionLogs = &lb.LoadBalancerConnectionLogsArgs{Bucket: accessLogs.Bucket, Prefix: accessLogs.Prefix, Enabled: pulumi.Bool(true)}
	}

	ipAddressType := "ipv4"
	if a.DualStack {
		ipAddressType = "dualstack"
		if !a.LoadBalancerSettings.PublicIpv4 {
			ipAddressType = "dualstack-without-public-ipv4"
		}
	}
	l.LoadBalancer, err = lb.NewLoadBalancer(ctx, name, &lb.LoadBalancerArgs{
		Name:                     optional(a.PhysicalNames.LoadBalancer),
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(false),
		IpAddressType:            pulumi.String(ipAddressType),
		Subnets:                  a.SubnetIds,
		SecurityGroups:           pulumi.StringArray{sgID},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String(a.DesyncMitigationMode),
		EnableDeletionProtection: pulumi.Bool(a.DeletionProtection),
		IdleTimeout:              pulumi.Int(a.IdleTimeout),
		EnableHttp2:              pulumi.Bool(true),
		AccessLogs:               accessLogs,
		ConnectionLogs:           connectionLogs,
		ClientKeepAlive:          pulumi.Int(a.LoadBalancerSettings.ClientKeepAlive),
		XffHeaderProcessingMode:  pulumi.String(a.LoadBalancerSettings.XffHeaderProcessingMode),
		PreserveHostHeader:       pulumi.Bool(a.LoadBalancerSettings.PreserveHostHeader),
		EnableZonalShift:         pulumi.Bool(a.LoadBalancerSettings.ZonalShift),
		Tags:                     t.Named(name),
	}, parent, pulumi.DependsOn(dependsOn))
	if err != nil {
		return fmt.Errorf("creating load balancer %s: %w", name, err)
	}
	return nil
}

// optional is nil for "", so that the provider chooses the value.
func optional(s string) pulumi.StringPtrInput {
	if s == "" {
		return nil
	}
	return pulumi.StringPtr(s)
}
