// Package loadbalancer builds the stack's internet-facing Application Load
// Balancer: its security groups (and one for its targets), the HTTP listener
// that redirects to HTTPS, the HTTPS listener with any extra certificates,
// and per service a target group, a host-header rule and optional target
// registrations, plus the service's further target groups (weighted
// forwards) and rules (rules.go) and the stack's redirect and fixed-response
// rules. Optionally: access logs to a private S3 bucket and a WAFv2 web ACL.
//
// The shape is that of a terraform-aws-modules module: package stackconfig
// is the variables layer, which owns every key's type, default and check,
// and this component takes its values as they are (stackconfig.Service,
// stackconfig.Rule, stackconfig.Waf, ...) beside the wiring inputs that are
// other components' outputs. It maps them onto the provider's arguments: it
// fills no defaults and checks nothing stackconfig has checked, so it must
// be given a Config that stackconfig.Parse returned.
package loadbalancer

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// TypeToken is the LoadBalancer component's type.
const TypeToken = "meething:loadbalancer:LoadBalancer"

// LoadBalancerArgs configures a LoadBalancer: the wiring inputs, then the
// stack's validated config values under their stackconfig names.
type LoadBalancerArgs struct {
	// VpcId and SubnetIds (public, in at least two zones) are the network's.
	// Required.
	VpcId     pulumi.StringInput
	SubnetIds pulumi.StringArrayInput
	// CertificateArn is the HTTPS listener's certificate: the ARN that
	// resolves after validation, so only the HTTPS listener waits for it.
	// Required.
	CertificateArn pulumi.StringInput
	// ExtraCertificateArns are further certificates served by SNI, by a key
	// that names their attachment.
	ExtraCertificateArns map[string]pulumi.StringInput
	// DependsOn are what the load balancer itself waits for: the internet
	// gateway, without which AWS refuses an internet-facing load balancer.
	DependsOn []pulumi.Resource
	// Tags go on every taggable resource, with Component=loadbalancer and Name.
	Tags map[string]string

	// Domain names the services' hosts: <service>.<domain>.
	Domain string
	// DualStack opens 80 and 443 to ::/0 too and makes the ALB dual-stack.
	DualStack            bool
	SslPolicy            string
	DesyncMitigationMode string
	IdleTimeout          int
	DeletionProtection   bool
	Services             []stackconfig.Service
	Rules                []stackconfig.Rule
	DefaultAction        stackconfig.Action
	AccessLogs           stackconfig.AccessLogs
	Waf                  stackconfig.Waf
	LoadBalancerSettings stackconfig.LoadBalancerSettings
	ResponseHeaders      stackconfig.ResponseHeaders
	PhysicalNames        stackconfig.PhysicalNames
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
	// WafLogGroup receives the created web ACL's logs; nil without
	// meething:waf.logging or with an existing web ACL.
	WafLogGroup *cloudwatch.LogGroup
}

// NewLoadBalancer builds the load balancer and everything that hangs from it.
func NewLoadBalancer(ctx *pulumi.Context, name string, args *LoadBalancerArgs, opts ...pulumi.ResourceOption) (*LoadBalancer, error) {
	if args == nil || args.VpcId == nil || args.SubnetIds == nil || args.CertificateArn == nil {
		return nil, fmt.Errorf("load balancer %s: VpcId, SubnetIds and CertificateArn are required", name)
	}
	a := *args
	l := &LoadBalancer{
		TargetGroups:         map[string]*lb.TargetGroup{},
		Rules:                map[string]*lb.ListenerRule{},
		ListenerCertificates: map[string]*lb.ListenerCertificate{},
		Attachments:          map[string]*lb.TargetGroupAttachment{},
	}
	props := pulumi.Map{
		"ipv6":               pulumi.Bool(a.DualStack),
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
	if err := l.buildALB(ctx, name, a, albSG.ID(), t, parent); err != nil {
		return nil, err
	}
	l.Arn = l.LoadBalancer.Arn
	l.DnsName = l.LoadBalancer.DnsName
	l.ZoneId = l.LoadBalancer.ZoneId
	l.ArnSuffix = l.LoadBalancer.ArnSuffix

	if a.Waf.Enabled {
		if l.WebAcl, err = l.buildWaf(ctx, name, a.Waf, t, parent); err != nil {
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
		tg, err := l.buildService(ctx, name, s, a, t, parent)
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
