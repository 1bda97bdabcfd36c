package drift

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"
	waftypes "github.com/aws/aws-sdk-go-v2/service/wafv2/types"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/iampolicy"
)

// Actions are the IAM actions Read calls, one per API call: what a role
// that runs meething drift's unmanaged part needs beside the preview's own
// reads (a stack without a web ACL or an added certificate still reads
// them).
var Actions = iampolicy.Lookups["meething drift"].Actions

// Clients are the AWS APIs Read calls, all read-only (Describe, List, Get).
type Clients struct {
	ELB     *elb.Client
	Route53 *route53.Client
	EC2     *ec2.Client
	WAF     *wafv2.Client
	ACM     *acm.Client
}

// NewClients makes the clients from cfg, its region the stack's.
func NewClients(cfg aws.Config) Clients {
	return Clients{ELB: elb.NewFromConfig(cfg), Route53: route53.NewFromConfig(cfg), EC2: ec2.NewFromConfig(cfg),
		WAF: wafv2.NewFromConfig(cfg), ACM: acm.NewFromConfig(cfg)}
}

// Read reads what AWS holds around what the stack manages: the rules of
// its listeners (DescribeRules), the certificates on its HTTPS listeners
// (DescribeListenerCertificates) and the names of those it did not attach
// (ACM DescribeCertificate), the record sets of its zones
// (ListResourceRecordSets), the rules of its security groups
// (DescribeSecurityGroupRules) and the web ACL of its load balancer
// (GetWebACLForResource).
func Read(ctx context.Context, c Clients, m Managed) (Edge, error) {
	e := Edge{Certificates: map[string][]string{}, CertificateNames: map[string][]string{}, Records: map[string][]Record{}}
	for _, l := range m.Listeners {
		rules, err := readRules(ctx, c.ELB, l.ARN)
		if err != nil {
			return Edge{}, err
		}
		e.Rules = append(e.Rules, rules...)
		if l.Protocol != "HTTPS" {
			continue
		}
		certs, err := readCertificates(ctx, c.ELB, l.ARN)
		if err != nil {
			return Edge{}, err
		}
		e.Certificates[l.ARN] = certs
		for _, arn := range certs {
			if names, ok := certificateNames(ctx, c.ACM, arn); ok {
				e.CertificateNames[arn] = names
			}
		}
	}
	for _, z := range m.Zones {
		records, err := readRecords(ctx, c.Route53, z.ID)
		if err != nil {
			return Edge{}, err
		}
		e.Records[z.ID] = records
	}
	var err error
	if e.GroupRules, err = readGroupRules(ctx, c.EC2, m.SecurityGroups); err != nil {
		return Edge{}, err
	}
	if e.WebACL, err = readWebACL(ctx, c.WAF, m.LoadBalancer); err != nil {
		return Edge{}, err
	}
	return e, nil
}

func readRules(ctx context.Context, c *elb.Client, listener string) ([]Rule, error) {
	var out []Rule
	in := &elb.DescribeRulesInput{ListenerArn: aws.String(listener)}
	for {
		page, err := c.DescribeRules(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("reading the rules of listener %s (DescribeRules): %w", listener, err)
		}
		for _, r := range page.Rules {
			if aws.ToBool(r.IsDefault) {
				continue
			}
			out = append(out, ruleFromAWS(listener, r))
		}
		if page.NextMarker == nil || *page.NextMarker == "" {
			return out, nil
		}
		in.Marker = page.NextMarker
	}
}

// ruleFromAWS is a rule as DescribeRules returns it, in Rule's terms.
func ruleFromAWS(listener string, r elbtypes.Rule) Rule {
	out := Rule{ARN: aws.ToString(r.RuleArn), Listener: listener}
	out.Priority, _ = strconv.Atoi(aws.ToString(r.Priority))
	for _, c := range r.Conditions {
		field := aws.ToString(c.Field)
		vals := c.Values
		switch {
		case field == "host-header":
			if c.HostHeaderConfig != nil {
				vals = c.HostHeaderConfig.Values
			}
			out.Hosts = append(out.Hosts, vals...)
		case field == "path-pattern":
			if c.PathPatternConfig != nil {
				vals = c.PathPatternConfig.Values
			}
			out.Paths = append(out.Paths, vals...)
		case c.HttpHeaderConfig != nil:
			out.Other = append(out.Other, "header "+aws.ToString(c.HttpHeaderConfig.HttpHeaderName)+" "+strings.Join(c.HttpHeaderConfig.Values, ", "))
		case c.SourceIpConfig != nil:
			out.Other = append(out.Other, "source IP "+strings.Join(c.SourceIpConfig.Values, ", "))
		case c.HttpRequestMethodConfig != nil:
			out.Other = append(out.Other, "method "+strings.Join(c.HttpRequestMethodConfig.Values, ", "))
		default:
			out.Other = append(out.Other, field+" "+strings.Join(vals, ", "))
		}
	}
	if len(r.Actions) > 0 {
		a := r.Actions[0]
		m := map[string]any{}
		if a.RedirectConfig != nil {
			m["redirect"] = map[string]any{"statusCode": strings.TrimPrefix(string(a.RedirectConfig.StatusCode), "HTTP_"), "protocol": aws.ToString(a.RedirectConfig.Protocol),
				"host": aws.ToString(a.RedirectConfig.Host), "port": aws.ToString(a.RedirectConfig.Port), "path": aws.ToString(a.RedirectConfig.Path)}
		}
		if a.FixedResponseConfig != nil {
			m["fixedResponse"] = map[string]any{"statusCode": aws.ToString(a.FixedResponseConfig.StatusCode)}
		}
		tg := aws.ToString(a.TargetGroupArn)
		if tg == "" && a.ForwardConfig != nil && len(a.ForwardConfig.TargetGroups) > 0 {
			tg = aws.ToString(a.ForwardConfig.TargetGroups[0].TargetGroupArn)
		}
		out.Action = actionWords(string(a.Type), tg, m)
	}
	return out
}

func readCertificates(ctx context.Context, c *elb.Client, listener string) ([]string, error) {
	var out []string
	in := &elb.DescribeListenerCertificatesInput{ListenerArn: aws.String(listener)}
	for {
		page, err := c.DescribeListenerCertificates(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("reading the certificates of listener %s (DescribeListenerCertificates): %w", listener, err)
		}
		for _, cert := range page.Certificates {
			out = append(out, aws.ToString(cert.CertificateArn))
		}
		if page.NextMarker == nil || *page.NextMarker == "" {
			return out, nil
		}
		in.Marker = page.NextMarker
	}
}

// certificateNames are the names an ACM certificate covers; false when it
// cannot be read (another account's, an IAM server certificate).
func certificateNames(ctx context.Context, c *acm.Client, arn string) ([]string, bool) {
	out, err := c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String(arn)})
	if err != nil || out.Certificate == nil {
		return nil, false
	}
	names := []string{aws.ToString(out.Certificate.DomainName)}
	for _, n := range out.Certificate.SubjectAlternativeNames {
		if n != names[0] {
			names = append(names, n)
		}
	}
	return names, true
}

func readRecords(ctx context.Context, c *route53.Client, zone string) ([]Record, error) {
	var out []Record
	p := route53.NewListResourceRecordSetsPaginator(c, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zone)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing the record sets of zone %s (ListResourceRecordSets): %w", zone, err)
		}
		for _, rs := range page.ResourceRecordSets {
			r := Record{Zone: zone, Name: identity.NormalizeName(aws.ToString(rs.Name)), Type: string(rs.Type), Set: aws.ToString(rs.SetIdentifier)}
			for _, v := range rs.ResourceRecords {
				r.Values = append(r.Values, aws.ToString(v.Value))
			}
			if rs.AliasTarget != nil {
				r.Alias = identity.NormalizeName(aws.ToString(rs.AliasTarget.DNSName))
			}
			out = append(out, r)
		}
	}
	return out, nil
}

func readGroupRules(ctx context.Context, c *ec2.Client, groups []string) ([]GroupRule, error) {
	if len(groups) == 0 {
		return nil, nil
	}
	var out []GroupRule
	p := ec2.NewDescribeSecurityGroupRulesPaginator(c, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: groups}}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the rules of security groups %s (DescribeSecurityGroupRules): %w", strings.Join(groups, ", "), err)
		}
		for _, r := range page.SecurityGroupRules {
			g := GroupRule{ID: aws.ToString(r.SecurityGroupRuleId), Group: aws.ToString(r.GroupId), Egress: aws.ToBool(r.IsEgress),
				Protocol: aws.ToString(r.IpProtocol), From: int(aws.ToInt32(r.FromPort)), To: int(aws.ToInt32(r.ToPort)), Description: aws.ToString(r.Description)}
			switch {
			case r.CidrIpv4 != nil:
				g.Peer = *r.CidrIpv4
			case r.CidrIpv6 != nil:
				g.Peer = *r.CidrIpv6
			case r.PrefixListId != nil:
				g.Peer = *r.PrefixListId
			case r.ReferencedGroupInfo != nil:
				g.Peer = aws.ToString(r.ReferencedGroupInfo.GroupId)
			}
			out = append(out, g)
		}
	}
	return out, nil
}

// readWebACL returns the web ACL associated with the load balancer; "" for
// none.
func readWebACL(ctx context.Context, c *wafv2.Client, lb string) (string, error) {
	out, err := c.GetWebACLForResource(ctx, &wafv2.GetWebACLForResourceInput{ResourceArn: aws.String(lb)})
	var missing *waftypes.WAFNonexistentItemException
	if errors.As(err, &missing) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading the web ACL of load balancer %s (GetWebACLForResource): %w", lb, err)
	}
	if out.WebACL == nil {
		return "", nil
	}
	return aws.ToString(out.WebACL.ARN), nil
}
