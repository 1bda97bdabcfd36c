// Package loadbalancer builds the stack's internet-facing Application Load
// Balancer: its security groups (and one for its targets), the HTTP listener
// that redirects to HTTPS, the HTTPS listener with any extra certificates,
// and per service a target group, a host-header rule and optional target
// registrations, plus the service's further target groups (weighted
// forwards) and rules (rules.go) and the stack's redirect and fixed-response
// rules. Optionally: access logs to a private S3 bucket and a WAFv2 web ACL.
package loadbalancer

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// TypeToken is the LoadBalancer component's type.
const TypeToken = "meething:loadbalancer:LoadBalancer"

// LoadBalancerArgs configures a LoadBalancer.
type LoadBalancerArgs struct {
	// VpcId is the VPC of the load balancer and its target groups. Required.
	VpcId pulumi.StringInput
	// SubnetIds are the public subnets, in at least two zones. Required.
	SubnetIds pulumi.StringArrayInput
	// Ipv6 makes the load balancer dual-stack and opens 80 and 443 to ::/0
	// too; the VPC and subnets must have IPv6. Default: false.
	Ipv6 bool
	// CertificateArn is the HTTPS listener's certificate. Pass the ARN that
	// resolves after validation, so only the HTTPS listener waits for it.
	// Required.
	CertificateArn pulumi.StringInput
	// ExtraCertificateArns are further certificates on the HTTPS listener,
	// served by SNI, by a key that names their attachment. Default: none.
	ExtraCertificateArns map[string]pulumi.StringInput
	// SslPolicy is the HTTPS listener's TLS policy.
	// Default: ELBSecurityPolicy-TLS13-1-2-2021-06.
	SslPolicy string
	// DesyncMitigationMode is defensive or strictest. Default: defensive.
	DesyncMitigationMode string
	// IdleTimeout is the connection idle timeout in seconds. Default: 60.
	IdleTimeout int
	// DeletionProtection turns on the load balancer's deletion protection.
	// Default: false.
	DeletionProtection bool
	// Services get a target group and a host rule each. Required.
	Services []Service
	// DependsOn are resources the load balancer itself must wait for: the
	// VPC's internet gateway, without which AWS refuses an internet-facing
	// load balancer.
	DependsOn []pulumi.Resource
	// AccessLogs turns on access logs. Default: nil, off.
	AccessLogs *AccessLogsArgs
	// Rules are stack-level redirects and fixed responses. Default: none.
	Rules []Rule
	// DefaultAction is the HTTPS listener's when no rule matches. Default:
	// nil, a fixed 404.
	DefaultAction *Action
	// Waf associates a web ACL with the load balancer. Default: nil, none.
	Waf *WafArgs
	// Tags go on every taggable resource, with Component=loadbalancer and Name.
	Tags map[string]string
	// NoPublicIpv4 makes a dual-stack load balancer
	// dualstack-without-public-ipv4: no public IPv4 addresses, IPv6 clients
	// only. Needs Ipv6. Default: false.
	NoPublicIpv4 bool
	// ClientKeepAlive is the client connection lifetime in seconds.
	// Default: 0, AWS's (3600).
	ClientKeepAlive int
	// XffHeaderProcessingMode is append, preserve or remove. Default: "",
	// AWS's (append).
	XffHeaderProcessingMode string
	// PreserveHostHeader passes the Host header with its port. Default: false.
	PreserveHostHeader bool
	// ConnectionLogs writes connection logs beside the access logs, which
	// it needs. Default: false.
	ConnectionLogs bool
	// ZonalShift turns on Route53 ARC zonal shift. Default: false.
	ZonalShift bool
	// ResponseHeaders are added by the HTTPS listener to every response.
	// Default: none.
	ResponseHeaders ResponseHeaders
	// Names are physical names of hand-built resources being imported.
	// Default: none, Pulumi auto-names the load balancer, target groups and
	// security groups, so that a replacement can be created first.
	Names PhysicalNames
}

// PhysicalNames fix names the component otherwise leaves to auto-naming,
// so that importing a hand-built resource adopts it instead of replacing it.
type PhysicalNames struct {
	// LoadBalancer is the ALB's name.
	LoadBalancer string
	// TargetGroups are target group names by service, or by
	// <service>-<group> for a service's further groups.
	TargetGroups map[string]string
	// SecurityGroups are names and descriptions by role: alb, targets.
	SecurityGroups map[string]SecurityGroupName
}

// SecurityGroupName is a security group's name and description; empty
// fields keep the component's choice.
type SecurityGroupName struct {
	Name        string
	Description string
}

// LoadBalancer is the ALB with its listeners, rules and target groups.
type LoadBalancer struct {
	pulumi.ResourceState

	// LoadBalancer is the ALB.
	LoadBalancer *lb.LoadBalancer
	// Arn, DnsName and ZoneId are the ALB's; ZoneId is its canonical hosted
	// zone, the target zone of alias records.
	Arn     pulumi.StringOutput
	DnsName pulumi.StringOutput
	ZoneId  pulumi.StringOutput
	// HttpListener redirects port 80 to HTTPS.
	HttpListener *lb.Listener
	// HttpsListener terminates TLS on 443 and holds the host rules.
	HttpsListener *lb.Listener
	// TargetGroups and Rules are by service name, <service>-<group> and
	// <service>-<rule> for a service's others, rule-<name> for a stack rule.
	TargetGroups map[string]*lb.TargetGroup
	Rules        map[string]*lb.ListenerRule
	// ListenerCertificates attach the extra certificates, by key.
	ListenerCertificates map[string]*lb.ListenerCertificate
	// Attachments register the configured targets, by logical name.
	Attachments map[string]*lb.TargetGroupAttachment
	// TargetGroupArns are the target groups' ARNs by service name.
	TargetGroupArns pulumi.StringMapOutput
	// SecurityGroupId is the ALB's own security group.
	SecurityGroupId pulumi.StringOutput
	// TargetSecurityGroupId admits traffic from the ALB only, on the
	// services' ports: attach it to the instances behind the ALB.
	TargetSecurityGroupId pulumi.StringOutput
	// ArnSuffix and TargetGroupArnSuffixes (by service) are the dimensions
	// of the load balancer's CloudWatch metrics.
	ArnSuffix              pulumi.StringOutput
	TargetGroupArnSuffixes map[string]pulumi.StringOutput
	// AccessLogBucket is nil unless the stack created the log bucket.
	AccessLogBucket *AccessLogBucket
	// WebAcl is nil unless the stack created the web ACL.
	WebAcl *wafv2.WebAcl
}

// NewLoadBalancer builds the load balancer and everything that hangs from it.
func NewLoadBalancer(ctx *pulumi.Context, name string, args *LoadBalancerArgs, opts ...pulumi.ResourceOption) (*LoadBalancer, error) {
	if args == nil || args.VpcId == nil || args.SubnetIds == nil || args.CertificateArn == nil {
		return nil, fmt.Errorf("load balancer %s: VpcId, SubnetIds and CertificateArn are required", name)
	}
	a := withDefaults(*args)
	err := checkServices(name, a.Services)
	if err == nil {
		err = checkRouting(a.Services, a.Rules)
	}
	if err != nil {
		return nil, fmt.Errorf("load balancer %s: %w", name, err)
	}

	l := &LoadBalancer{
		TargetGroups:         map[string]*lb.TargetGroup{},
		Rules:                map[string]*lb.ListenerRule{},
		ListenerCertificates: map[string]*lb.ListenerCertificate{},
		Attachments:          map[string]*lb.TargetGroupAttachment{},
	}
	props := pulumi.Map{
		"ipv6":               pulumi.Bool(a.Ipv6),
		"sslPolicy":          pulumi.String(a.SslPolicy),
		"deletionProtection": pulumi.Bool(a.DeletionProtection),
	}
	if err := ctx.RegisterComponentResourceV2(TypeToken, name, props, l, opts...); err != nil {
		return nil, fmt.Errorf("registering load balancer %s: %w", name, err)
	}
	parent := pulumi.Parent(l)
	t := tags.Set(a.Tags).Component("loadbalancer")

	albSG, err := l.buildSecurityGroups(ctx, name, a, t, parent)
	if err != nil {
		return nil, err
	}

	// Off is said, not left out: the provider suppresses the diff of a
	// missing access_logs or connection_logs block
	// (SuppressMissingOptionalConfigurationBlock in the Terraform provider's
	// aws_lb), so leaving one out after it was on would leave AWS logging.
	// With enabled false the provider sends only the enabled attribute;
	// the empty bucket is not sent.
	accessLogs := &lb.LoadBalancerAccessLogsArgs{Bucket: pulumi.String(""), Enabled: pulumi.Bool(false)}
	albDependsOn := append([]pulumi.Resource{}, a.DependsOn...)
	if al := a.AccessLogs; al != nil {
		bucket := pulumi.String(al.Bucket).ToStringOutput()
		if al.Bucket == "" {
			if l.AccessLogBucket, err = l.buildAccessLogBucket(ctx, name, *al, t, parent); err != nil {
				return nil, err
			}
			bucket = l.AccessLogBucket.Bucket.ID().ToStringOutput()
			albDependsOn = append(albDependsOn, l.AccessLogBucket.Policy)
		}
		accessLogs = &lb.LoadBalancerAccessLogsArgs{
			Bucket:  bucket,
			Prefix:  pulumi.String(al.Prefix),
			Enabled: pulumi.Bool(true),
		}
	}

	ipAddressType := "ipv4"
	if a.Ipv6 {
		ipAddressType = "dualstack"
		if a.NoPublicIpv4 {
			ipAddressType = "dualstack-without-public-ipv4"
		}
	} else if a.NoPublicIpv4 {
		return nil, fmt.Errorf("load balancer %s: NoPublicIpv4 needs Ipv6: without public IPv4 the load balancer serves IPv6 clients only", name)
	}
	connectionLogs := &lb.LoadBalancerConnectionLogsArgs{Bucket: pulumi.String(""), Enabled: pulumi.Bool(false)}
	if a.ConnectionLogs {
		if a.AccessLogs == nil {
			return nil, fmt.Errorf("load balancer %s: ConnectionLogs need AccessLogs: they go to the same bucket", name)
		}
		connectionLogs = &lb.LoadBalancerConnectionLogsArgs{Bucket: accessLogs.Bucket, Prefix: accessLogs.Prefix, Enabled: pulumi.Bool(true)}
	}
	l.LoadBalancer, err = lb.NewLoadBalancer(ctx, name, &lb.LoadBalancerArgs{
		Name:                     optional(a.Names.LoadBalancer),
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(false),
		IpAddressType:            pulumi.String(ipAddressType),
		Subnets:                  a.SubnetIds,
		SecurityGroups:           pulumi.StringArray{albSG.ID()},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String(a.DesyncMitigationMode),
		EnableDeletionProtection: pulumi.Bool(a.DeletionProtection),
		IdleTimeout:              pulumi.Int(a.IdleTimeout),
		EnableHttp2:              pulumi.Bool(true),
		AccessLogs:               accessLogs,
		ConnectionLogs:           connectionLogs,
		ClientKeepAlive:          optionalInt(a.ClientKeepAlive),
		XffHeaderProcessingMode:  optional(a.XffHeaderProcessingMode),
		PreserveHostHeader:       pulumi.Bool(a.PreserveHostHeader),
		EnableZonalShift:         pulumi.Bool(a.ZonalShift),
		Tags:                     t.Named(name),
	}, parent, pulumi.DependsOn(albDependsOn))
	if err != nil {
		return nil, fmt.Errorf("creating load balancer %s: %w", name, err)
	}
	l.Arn = l.LoadBalancer.Arn
	l.DnsName = l.LoadBalancer.DnsName
	l.ZoneId = l.LoadBalancer.ZoneId
	l.ArnSuffix = l.LoadBalancer.ArnSuffix

	if a.Waf != nil {
		if l.WebAcl, err = l.buildWaf(ctx, name, *a.Waf, t, parent); err != nil {
			return nil, err
		}
	}

	if err := l.buildListeners(ctx, name, a, t, parent); err != nil {
		return nil, err
	}
	for _, key := range slices.Sorted(maps.Keys(a.ExtraCertificateArns)) {
		if l.ListenerCertificates[key], err = lb.NewListenerCertificate(ctx, name+"-sni-"+key, &lb.ListenerCertificateArgs{
			ListenerArn:    l.HttpsListener.Arn,
			CertificateArn: a.ExtraCertificateArns[key],
		}, parent); err != nil {
			return nil, fmt.Errorf("attaching certificate %s to the HTTPS listener of %s: %w", key, name, err)
		}
	}
	arns := pulumi.StringMap{}
	l.TargetGroupArnSuffixes = map[string]pulumi.StringOutput{}
	for _, s := range a.Services {
		tg, err := l.buildService(ctx, name, s, a.VpcId, a.Names.TargetGroups, t, parent)
		if err != nil {
			return nil, err
		}
		arns[s.Name] = tg.Arn
		l.TargetGroupArnSuffixes[s.Name] = tg.ArnSuffix
		for _, g := range s.TargetGroups {
			key := s.Name + "-" + g.Name
			arns[key] = l.TargetGroups[key].Arn
			l.TargetGroupArnSuffixes[key] = l.TargetGroups[key].ArnSuffix
		}
	}
	if err := l.buildStackRules(ctx, name, a.Rules, t, parent); err != nil {
		return nil, err
	}
	l.TargetGroupArns = arns.ToStringMapOutput()

	if err := ctx.RegisterResourceOutputs(l, pulumi.Map{
		"arn":                   l.Arn,
		"dnsName":               l.DnsName,
		"zoneId":                l.ZoneId,
		"targetGroupArns":       l.TargetGroupArns,
		"targetSecurityGroupId": l.TargetSecurityGroupId,
	}); err != nil {
		return nil, fmt.Errorf("registering outputs of load balancer %s: %w", name, err)
	}
	return l, nil
}

// ServingResources returns what must exist before the load balancer serves
// every host: the HTTPS listener, every rule, every registered target and
// every extra certificate.
func (l *LoadBalancer) ServingResources() []pulumi.Resource {
	out := []pulumi.Resource{l.HttpsListener}
	for _, svc := range slices.Sorted(maps.Keys(l.Rules)) {
		out = append(out, l.Rules[svc])
	}
	for _, k := range slices.Sorted(maps.Keys(l.Attachments)) {
		out = append(out, l.Attachments[k])
	}
	for _, k := range slices.Sorted(maps.Keys(l.ListenerCertificates)) {
		out = append(out, l.ListenerCertificates[k])
	}
	return out
}
