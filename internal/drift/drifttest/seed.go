// Package drifttest builds a stack's deployed edge in an AWS API emulator
// (internal/motoserver) from the stack's plan, for the tests of meething
// drift: the parent zone as it stood before the stack, then through the
// SDK the stack's own resources (its zone and records, VPC, subnets,
// security groups and their rules, certificate, load balancer, target
// groups, listeners, rules, web ACL and its association), and the state
// pulumi stack export would print for them: the plan's resources with the
// IDs the emulator gave. Unmanaged adds one thing of each kind the stack
// does not manage.
package drifttest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"
	waftypes "github.com/aws/aws-sdk-go-v2/service/wafv2/types"

	"github.com/meething/edge/internal/drift"
	"github.com/meething/edge/internal/motoserver"
	"github.com/meething/edge/internal/synth"
)

// Deployed is the edge Seed built: the emulator's IDs of what Unmanaged
// changes, and the state.
type Deployed struct {
	Clients      drift.Clients
	LoadBalancer string
	HTTPS        string // the HTTPS listener's ARN
	Zone         string // the stack's zone's ID
	ParentZone   string
	ALBGroup     string // the load balancer's security group
	// State is the stack's state as pulumi stack export prints it.
	State []byte
}

// seeder creates the plan's resources and maps each plan ID to the
// emulator's.
type seeder struct {
	t     testing.TB
	ctx   context.Context
	c     drift.Clients
	ids   map[string]string // plan ID -> emulator ID
	plan  *synth.Plan
	byURN map[string]*synth.Resource
}

// Seed builds the deployed edge of plan (a stack with a zone of its own,
// delegated from a parent zone it finds, as dev's) in the emulator at
// endpoint, in region.
func Seed(t testing.TB, endpoint, region string, plan *synth.Plan) Deployed {
	t.Helper()
	s := &seeder{t: t, ctx: motoserver.Context(t), c: drift.NewClients(motoserver.Config(endpoint, region)), ids: map[string]string{}, plan: plan, byURN: map[string]*synth.Resource{}}
	for i := range plan.Resources {
		s.byURN[plan.Resources[i].URN] = &plan.Resources[i]
	}
	d := Deployed{Clients: s.c}
	// The stack's zone and the parent zone, which the stack finds.
	for _, r := range s.of("aws:route53/record:Record") {
		if r.Name == "meething-delegation" {
			d.ParentZone = s.zone(str(r.Inputs, "zoneId"), "meething.net")
		}
	}
	for _, r := range s.of("aws:route53/zone:Zone") {
		d.Zone = s.zone(r.ID, str(r.Inputs, "name"))
	}
	vpc := s.of("aws:ec2/vpc:Vpc")[0]
	v, err := s.c.EC2.CreateVpc(s.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(str(vpc.Inputs, "cidrBlock"))})
	s.must("the VPC", err)
	s.ids[vpc.ID] = aws.ToString(v.Vpc.VpcId)
	for _, sn := range s.of("aws:ec2/subnet:Subnet") {
		out, err := s.c.EC2.CreateSubnet(s.ctx, &ec2.CreateSubnetInput{VpcId: v.Vpc.VpcId, CidrBlock: aws.String(str(sn.Inputs, "cidrBlock")), AvailabilityZone: aws.String(str(sn.Inputs, "availabilityZone"))})
		s.must("subnet "+sn.Name, err)
		s.ids[sn.ID] = aws.ToString(out.Subnet.SubnetId)
	}
	s.securityGroups()
	d.ALBGroup = s.ids[s.named("aws:ec2/securityGroup:SecurityGroup", "meething-alb").ID]
	cert := s.of("aws:acm/certificate:Certificate")[0]
	c, err := s.c.ACM.RequestCertificate(s.ctx, &acm.RequestCertificateInput{DomainName: aws.String(str(cert.Inputs, "domainName")),
		SubjectAlternativeNames: strs(cert.Inputs["subjectAlternativeNames"]), ValidationMethod: "DNS"})
	s.must("the certificate", err)
	s.ids[cert.ID] = aws.ToString(c.CertificateArn)
	s.loadBalancer()
	d.LoadBalancer = s.ids[s.of("aws:lb/loadBalancer:LoadBalancer")[0].ID]
	d.HTTPS = s.ids[s.named("aws:lb/listener:Listener", "meething-https").ID]
	s.webACL()
	s.records()
	d.State = s.state()
	return d
}

func (s *seeder) must(what string, err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatalf("seeding %s: %v", what, err)
	}
}

// of are the plan's resources of type typ.
func (s *seeder) of(typ string) []*synth.Resource {
	var out []*synth.Resource
	for i := range s.plan.Resources {
		if s.plan.Resources[i].Type == typ {
			out = append(out, &s.plan.Resources[i])
		}
	}
	return out
}

func (s *seeder) named(typ, name string) *synth.Resource {
	for _, r := range s.of(typ) {
		if r.Name == name {
			return r
		}
	}
	s.t.Fatalf("the plan has no %s %s", typ, name)
	return nil
}

// id is the emulator's ID of a plan ID met in an input.
func (s *seeder) id(planID string) string {
	if v, ok := s.ids[planID]; ok {
		return v
	}
	s.t.Fatalf("no emulator ID for %s yet", planID)
	return ""
}

func (s *seeder) zone(planID, name string) string {
	z, err := s.c.Route53.CreateHostedZone(s.ctx, &route53.CreateHostedZoneInput{Name: aws.String(name), CallerReference: aws.String(name)})
	s.must("zone "+name, err)
	id := strings.TrimPrefix(aws.ToString(z.HostedZone.Id), "/hostedzone/")
	s.ids[planID] = id
	return id
}

// securityGroups creates the groups without the rule AWS adds to a new
// group (all egress), which the provider removes too (terraform-provider-aws,
// website/docs/r/security_group.html.markdown, "Note on Egress rules"), then
// the stack's rules, each rule's ID mapped.
func (s *seeder) securityGroups() {
	for _, g := range s.of("aws:ec2/securityGroup:SecurityGroup") {
		out, err := s.c.EC2.CreateSecurityGroup(s.ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(g.Name), Description: aws.String(str(g.Inputs, "description")), VpcId: aws.String(s.id(str(g.Inputs, "vpcId")))})
		s.must("security group "+g.Name, err)
		s.ids[g.ID] = aws.ToString(out.GroupId)
		rules, err := s.c.EC2.DescribeSecurityGroupRules(s.ctx, &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{*out.GroupId}}}})
		s.must("the rules of "+g.Name, err)
		for _, r := range rules.SecurityGroupRules {
			_, err := s.c.EC2.RevokeSecurityGroupEgress(s.ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: out.GroupId, SecurityGroupRuleIds: []string{aws.ToString(r.SecurityGroupRuleId)}})
			s.must("the default egress rule of "+g.Name, err)
		}
	}
	for _, typ := range []string{"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"} {
		for _, r := range s.of(typ) {
			group := s.id(str(r.Inputs, "securityGroupId"))
			perm := ec2types.IpPermission{IpProtocol: aws.String(str(r.Inputs, "ipProtocol")), FromPort: aws.Int32(int32(num(r.Inputs, "fromPort"))), ToPort: aws.Int32(int32(num(r.Inputs, "toPort")))}
			desc := aws.String(str(r.Inputs, "description"))
			if cidr := str(r.Inputs, "cidrIpv4"); cidr != "" {
				perm.IpRanges = []ec2types.IpRange{{CidrIp: aws.String(cidr), Description: desc}}
			} else {
				perm.UserIdGroupPairs = []ec2types.UserIdGroupPair{{GroupId: aws.String(s.id(str(r.Inputs, "referencedSecurityGroupId"))), Description: desc}}
			}
			var created []ec2types.SecurityGroupRule
			if strings.Contains(typ, "Ingress") {
				out, err := s.c.EC2.AuthorizeSecurityGroupIngress(s.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(group), IpPermissions: []ec2types.IpPermission{perm}})
				s.must("rule "+r.Name, err)
				created = out.SecurityGroupRules
			} else {
				out, err := s.c.EC2.AuthorizeSecurityGroupEgress(s.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(group), IpPermissions: []ec2types.IpPermission{perm}})
				s.must("rule "+r.Name, err)
				created = out.SecurityGroupRules
			}
			if len(created) != 1 {
				s.t.Fatalf("seeding rule %s: the emulator returned %d rules", r.Name, len(created))
			}
			s.ids[r.ID] = aws.ToString(created[0].SecurityGroupRuleId)
		}
	}
}

func (s *seeder) loadBalancer() {
	lb := s.of("aws:lb/loadBalancer:LoadBalancer")[0]
	var subnets, groups []string
	for _, id := range strs(lb.Inputs["subnets"]) {
		subnets = append(subnets, s.id(id))
	}
	for _, id := range strs(lb.Inputs["securityGroups"]) {
		groups = append(groups, s.id(id))
	}
	out, err := s.c.ELB.CreateLoadBalancer(s.ctx, &elb.CreateLoadBalancerInput{Name: aws.String(str(lb.Outputs, "name")), Subnets: subnets, SecurityGroups: groups,
		Type: elbtypes.LoadBalancerTypeEnumApplication, Scheme: elbtypes.LoadBalancerSchemeEnumInternetFacing})
	s.must("the load balancer", err)
	l := out.LoadBalancers[0]
	s.ids[lb.ID] = aws.ToString(l.LoadBalancerArn)
	s.ids[str(lb.Outputs, "dnsName")] = aws.ToString(l.DNSName)
	s.ids[str(lb.Outputs, "zoneId")] = aws.ToString(l.CanonicalHostedZoneId)
	for _, tg := range s.of("aws:lb/targetGroup:TargetGroup") {
		out, err := s.c.ELB.CreateTargetGroup(s.ctx, &elb.CreateTargetGroupInput{Name: aws.String(str(tg.Outputs, "name")), Port: aws.Int32(int32(num(tg.Inputs, "port"))),
			Protocol: elbtypes.ProtocolEnum(str(tg.Inputs, "protocol")), VpcId: aws.String(s.id(str(tg.Inputs, "vpcId")))})
		s.must("target group "+tg.Name, err)
		s.ids[tg.ID] = aws.ToString(out.TargetGroups[0].TargetGroupArn)
	}
	for _, ln := range s.of("aws:lb/listener:Listener") {
		in := &elb.CreateListenerInput{LoadBalancerArn: l.LoadBalancerArn, Port: aws.Int32(int32(num(ln.Inputs, "port"))), Protocol: elbtypes.ProtocolEnum(str(ln.Inputs, "protocol"))}
		if c := str(ln.Inputs, "certificateArn"); c != "" {
			in.Certificates = []elbtypes.Certificate{{CertificateArn: aws.String(s.id(c))}}
		}
		a, _ := ln.Inputs["defaultActions"].([]any)
		act, _ := a[0].(map[string]any)
		if rd, ok := act["redirect"].(map[string]any); ok {
			in.DefaultActions = []elbtypes.Action{{Type: elbtypes.ActionTypeEnumRedirect, RedirectConfig: &elbtypes.RedirectActionConfig{
				Port: aws.String(str(rd, "port")), Protocol: aws.String(str(rd, "protocol")), StatusCode: elbtypes.RedirectActionStatusCodeEnum(str(rd, "statusCode"))}}}
		} else {
			fr, _ := act["fixedResponse"].(map[string]any)
			in.DefaultActions = []elbtypes.Action{{Type: elbtypes.ActionTypeEnumFixedResponse, FixedResponseConfig: &elbtypes.FixedResponseActionConfig{
				StatusCode: aws.String(str(fr, "statusCode")), ContentType: aws.String(str(fr, "contentType")), MessageBody: aws.String(str(fr, "messageBody"))}}}
		}
		out, err := s.c.ELB.CreateListener(s.ctx, in)
		s.must("listener "+ln.Name, err)
		s.ids[ln.ID] = aws.ToString(out.Listeners[0].ListenerArn)
	}
	for _, r := range s.of("aws:lb/listenerRule:ListenerRule") {
		rule := drift.RuleFromInputs(r.Inputs)
		acts, _ := r.Inputs["actions"].([]any)
		act, _ := acts[0].(map[string]any)
		out, err := s.c.ELB.CreateRule(s.ctx, &elb.CreateRuleInput{ListenerArn: aws.String(s.id(rule.Listener)), Priority: aws.Int32(int32(rule.Priority)),
			Conditions: []elbtypes.RuleCondition{{Field: aws.String("host-header"), HostHeaderConfig: &elbtypes.HostHeaderConditionConfig{Values: rule.Hosts}}},
			Actions:    []elbtypes.Action{{Type: elbtypes.ActionTypeEnumForward, TargetGroupArn: aws.String(s.id(str(act, "targetGroupArn")))}}})
		s.must("rule "+r.Name, err)
		s.ids[r.ID] = aws.ToString(out.Rules[0].RuleArn)
	}
}

// webACL creates the stack's web ACL (without its rules: drift reads only
// which ACL the load balancer has) and associates it.
func (s *seeder) webACL() {
	for _, acl := range s.of("aws:wafv2/webAcl:WebAcl") {
		arn := ACL(s.t, s.c, str(acl.Outputs, "name"))
		s.ids[str(acl.Outputs, "arn")] = arn
		_, err := s.c.WAF.AssociateWebACL(s.ctx, &wafv2.AssociateWebACLInput{WebACLArn: aws.String(arn), ResourceArn: aws.String(s.id(s.of("aws:lb/loadBalancer:LoadBalancer")[0].ID))})
		s.must("the web ACL association", err)
	}
}

// ACL creates a regional web ACL that allows everything and returns its
// ARN.
func ACL(t testing.TB, c drift.Clients, name string) string {
	t.Helper()
	out, err := c.WAF.CreateWebACL(motoserver.Context(t), &wafv2.CreateWebACLInput{Name: aws.String(name), Scope: waftypes.ScopeRegional,
		DefaultAction:    &waftypes.DefaultAction{Allow: &waftypes.AllowAction{}},
		VisibilityConfig: &waftypes.VisibilityConfig{CloudWatchMetricsEnabled: false, MetricName: aws.String(name), SampledRequestsEnabled: false}})
	if err != nil {
		t.Fatalf("creating web ACL %s: %v", name, err)
	}
	return aws.ToString(out.Summary.ARN)
}

// records writes the plan's records into the emulator's zones.
func (s *seeder) records() {
	for _, r := range s.of("aws:route53/record:Record") {
		set := &r53types.ResourceRecordSet{Name: aws.String(str(r.Inputs, "name")), Type: r53types.RRType(str(r.Inputs, "type"))}
		if aliases, ok := r.Inputs["aliases"].([]any); ok && len(aliases) > 0 {
			a, _ := aliases[0].(map[string]any)
			set.AliasTarget = &r53types.AliasTarget{DNSName: aws.String(s.id(str(a, "name"))), HostedZoneId: aws.String(s.id(str(a, "zoneId"))), EvaluateTargetHealth: a["evaluateTargetHealth"] == true}
		} else {
			set.TTL = aws.Int64(int64(num(r.Inputs, "ttl")))
			for _, v := range strs(r.Inputs["records"]) {
				if set.Type == r53types.RRTypeTxt {
					v = `"` + v + `"`
				}
				set.ResourceRecords = append(set.ResourceRecords, r53types.ResourceRecord{Value: aws.String(v)})
			}
		}
		Change(s.t, s.c, s.id(str(r.Inputs, "zoneId")), set)
	}
}

// Change creates a record set in a zone.
func Change(t testing.TB, c drift.Clients, zone string, set *r53types.ResourceRecordSet) {
	t.Helper()
	_, err := c.Route53.ChangeResourceRecordSets(motoserver.Context(t), &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zone),
		ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{Action: r53types.ChangeActionCreate, ResourceRecordSet: set}}}})
	if err != nil {
		t.Fatalf("writing record %s %s: %v", aws.ToString(set.Name), set.Type, err)
	}
}

// state is the plan's resources and outputs with the emulator's IDs, in
// pulumi stack export's form.
func (s *seeder) state() []byte {
	olds := make([]string, 0, len(s.ids))
	for k := range s.ids {
		olds = append(olds, k)
	}
	// Longer IDs first, so that no ID replaces a part of a longer one.
	sort.Slice(olds, func(i, j int) bool { return len(olds[i]) > len(olds[j]) })
	pairs := make([]string, 0, 2*len(olds))
	for _, k := range olds {
		pairs = append(pairs, k, s.ids[k])
	}
	resources := []any{map[string]any{"urn": "urn:pulumi:" + s.plan.Stack + "::" + s.plan.Project + "::pulumi:pulumi:Stack::" + s.plan.Project + "-" + s.plan.Stack,
		"type": "pulumi:pulumi:Stack", "custom": false, "outputs": s.plan.Outputs}}
	for _, r := range s.plan.Resources {
		resources = append(resources, map[string]any{"urn": r.URN, "id": r.ID, "type": r.Type, "custom": r.Custom, "inputs": r.Inputs, "outputs": r.Outputs})
	}
	raw, err := json.Marshal(map[string]any{"version": 3, "deployment": map[string]any{"resources": resources}})
	s.must("the state", err)
	return []byte(strings.NewReplacer(pairs...).Replace(string(raw)))
}

func str(m map[string]any, key string) string {
	v, _ := m[key].(string)
	return v
}

func num(m map[string]any, key string) float64 {
	v, _ := m[key].(float64)
	return v
}

func strs(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		out = append(out, fmt.Sprint(x))
	}
	return out
}
