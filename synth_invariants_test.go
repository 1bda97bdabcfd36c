package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/replace"
	"github.com/meething/edge/internal/synth"
)

// TestSynthInvariants synthesizes every Pulumi.<stack>.yaml and every
// example and checks, on the plan alone, the properties the edge must keep
// whatever the config.
func TestSynthInvariants(t *testing.T) {
	for name, file := range everyStackFile(t) {
		t.Run(name, func(t *testing.T) {
			g := newPlanGraph(synthPlan(t, file))
			t.Run("only the HTTPS listener waits for the certificate", func(t *testing.T) { checkCertificateWait(t, g) })
			t.Run("the load balancer waits for the internet gateway", func(t *testing.T) { checkGatewayWait(t, g) })
			t.Run("only 80 and 443 open to the internet", func(t *testing.T) { checkInternetExposure(t, g.plan) })
			t.Run("the targets admit the load balancer only, on every target port", func(t *testing.T) {
				assert.Empty(t, targetAccessProblems(g.plan))
			})
			t.Run("every target group has a health check path", func(t *testing.T) { checkHealthChecks(t, g.plan) })
			t.Run("validation records have distinct names", func(t *testing.T) { checkValidationRecords(t, g.plan) })
			t.Run("every resource belongs to a component", func(t *testing.T) { checkOwnership(t, g) })
			t.Run("physical names are unique", func(t *testing.T) { checkPhysicalNames(t, g.plan) })
			t.Run("dependency chain", func(t *testing.T) { checkLongestChain(t, g) })
			t.Run("names in a shared zone move only to a load balancer that serves them", func(t *testing.T) { checkCutoverOrder(t, g) })
			t.Run("priced for its region", func(t *testing.T) { require.NotNil(t, g.plan.Cost, "no prices for the stack's region") })
		})
	}
}

const (
	tokListener     = "aws:lb/listener:Listener"
	tokValidation   = "aws:acm/certificateValidation:CertificateValidation"
	tokLoadBalancer = "aws:lb/loadBalancer:LoadBalancer"
	tokTargetGroup  = "aws:lb/targetGroup:TargetGroup"
	tokRecord       = "aws:route53/record:Record"
	tokGateway      = "aws:ec2/internetGateway:InternetGateway"
	tokIngressRule  = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	tokEgressRule   = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	tokSGRule       = "aws:ec2/securityGroupRule:SecurityGroupRule"
	tokSG           = "aws:ec2/securityGroup:SecurityGroup"
	tokDefaultSG    = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	tokZone         = "aws:route53/zone:Zone"
	tokRule         = "aws:lb/listenerRule:ListenerRule"
	tokAttachment   = "aws:lb/targetGroupAttachment:TargetGroupAttachment"
	tokVpc          = "aws:ec2/vpc:Vpc"
)

// sharedZone reports whether the stack writes into a zone it adopted rather
// than created: its names may already serve users.
func sharedZone(p *synth.Plan) bool { return len(p.OfType(tokZone)) == 0 }

// onlyOne returns the single resource of typ matching keep.
func onlyOne(t *testing.T, p *synth.Plan, typ string, keep func(*synth.Resource) bool) *synth.Resource {
	t.Helper()
	var found []*synth.Resource
	for _, r := range p.OfType(typ) {
		if keep == nil || keep(r) {
			found = append(found, r)
		}
	}
	require.Len(t, found, 1, "resources of type %s", typ)
	return found[0]
}

func listenerOn(port float64) func(*synth.Resource) bool {
	return func(r *synth.Resource) bool { return r.Inputs["port"] == port }
}

func isAlias(r *synth.Resource) bool {
	a, ok := r.Inputs["aliases"].([]any)
	return ok && len(a) > 0
}

// checkCertificateWait: the HTTPS listener must wait until ACM has issued
// the certificate, and nothing else may: the load balancer, the HTTP
// redirect, the target groups and the alias records can all be created
// while validation runs (it can take minutes, or fail).
func checkCertificateWait(t *testing.T, g *planGraph) {
	// The stack's own certificate; an extra one is attached by its own
	// listener certificate, which waits for it.
	validation := onlyOne(t, g.plan, tokValidation, func(r *synth.Resource) bool { return r.Name == identity.StackName })
	https := onlyOne(t, g.plan, tokListener, listenerOn(443))
	for _, lc := range g.plan.OfType("aws:lb/listenerCertificate:ListenerCertificate") {
		domain := strings.TrimPrefix(lc.Name, identity.StackName+"-sni-")
		for _, v := range g.plan.OfType(tokValidation) {
			if v.Name == identity.StackName+"-"+domain {
				assert.True(t, g.dependsOn(lc.URN, v.URN), "%s does not wait for its certificate's validation", lc.Name)
			}
		}
	}
	assert.True(t, g.dependsOn(https.URN, validation.URN), "the HTTPS listener does not wait for the certificate validation")

	mustNotWait := []*synth.Resource{
		onlyOne(t, g.plan, tokLoadBalancer, nil),
		onlyOne(t, g.plan, tokListener, listenerOn(80)),
	}
	mustNotWait = append(mustNotWait, g.plan.OfType(tokTargetGroup)...)
	if !sharedZone(g.plan) {
		// In its own new zone nothing serves users yet: the names need not
		// wait, which keeps a fresh stack's deploy short.
		for _, r := range g.plan.OfType(tokRecord) {
			if isAlias(r) {
				mustNotWait = append(mustNotWait, r)
			}
		}
	}
	for _, r := range mustNotWait {
		assert.False(t, g.dependsOn(r.URN, validation.URN), "%s waits for the certificate validation", shortURN(r.URN))
	}
}

// checkGatewayWait: AWS refuses an internet-facing load balancer in a VPC
// without an internet gateway.
func checkGatewayWait(t *testing.T, g *planGraph) {
	if len(g.plan.OfType(tokVpc)) == 0 {
		assert.Empty(t, g.plan.OfType(tokGateway), "an adopted VPC brings its own gateway")
		return
	}
	alb := onlyOne(t, g.plan, tokLoadBalancer, nil)
	igw := onlyOne(t, g.plan, tokGateway, nil)
	assert.True(t, g.dependsOn(alb.URN, igw.URN), "the load balancer does not wait for the internet gateway")
}

// openRule is one security group rule that admits or sends traffic to the
// whole internet.
type openRule struct {
	where      string
	egress     bool
	protocol   string
	from, to   float64
	cidrBlocks []string
}

func (r openRule) String() string {
	dir := "in"
	if r.egress {
		dir = "out"
	}
	return fmt.Sprintf("%s: %s %s %v-%v %v", r.where, dir, r.protocol, r.from, r.to, r.cidrBlocks)
}

var internet = map[string]bool{"0.0.0.0/0": true, "::/0": true}

// openRules collects every rule of the plan open to 0.0.0.0/0 or ::/0, in
// whichever of AWS's three forms it is written: standalone vpc rules, inline
// rules of a (default) security group, ec2 SecurityGroupRule.
func openRules(p *synth.Plan) []openRule {
	var out []openRule
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	num := func(m map[string]any, k string) float64 { n, _ := m[k].(float64); return n }
	publicOf := func(m map[string]any, keys ...string) []string {
		var cidrs []string
		for _, k := range keys {
			switch v := m[k].(type) {
			case string:
				if internet[v] {
					cidrs = append(cidrs, v)
				}
			case []any:
				for _, e := range v {
					if s, _ := e.(string); internet[s] {
						cidrs = append(cidrs, s)
					}
				}
			}
		}
		return cidrs
	}
	for _, r := range p.Resources {
		in := r.Inputs
		switch r.Type {
		case tokIngressRule, tokEgressRule:
			if c := publicOf(in, "cidrIpv4", "cidrIpv6"); len(c) > 0 {
				out = append(out, openRule{shortURN(r.URN), r.Type == tokEgressRule, str(in, "ipProtocol"), num(in, "fromPort"), num(in, "toPort"), c})
			}
		case tokSGRule:
			if c := publicOf(in, "cidrBlocks", "ipv6CidrBlocks"); len(c) > 0 {
				out = append(out, openRule{shortURN(r.URN), str(in, "type") == "egress", str(in, "protocol"), num(in, "fromPort"), num(in, "toPort"), c})
			}
		case tokSG, tokDefaultSG:
			for _, dir := range []string{"ingress", "egress"} {
				rules, _ := in[dir].([]any)
				for i, raw := range rules {
					rule, _ := raw.(map[string]any)
					if c := publicOf(rule, "cidrBlocks", "ipv6CidrBlocks"); len(c) > 0 {
						where := fmt.Sprintf("%s %s[%d]", shortURN(r.URN), dir, i)
						out = append(out, openRule{where, dir == "egress", str(rule, "protocol"), num(rule, "fromPort"), num(rule, "toPort"), c})
					}
				}
			}
		}
	}
	return out
}

// checkInternetExposure: from the internet only TCP 80 (to redirect) and 443
// come in; nothing may send everything to the internet.
func checkInternetExposure(t *testing.T, p *synth.Plan) {
	open := openRules(p)
	ingress := 0
	for _, r := range open {
		allProtocols := r.protocol == "-1" || strings.EqualFold(r.protocol, "all")
		if r.egress {
			assert.False(t, allProtocols, "all traffic out to the internet: %s", r)
			continue
		}
		ingress++
		tcp := r.protocol == "tcp" || r.protocol == "6"
		assert.True(t, tcp && r.from == r.to && (r.from == 80 || r.from == 443),
			"open to the internet beyond TCP 80 and 443: %s", r)
	}
	assert.NotZero(t, ingress, "nothing open to the internet: the load balancer cannot be reached")
}

func checkHealthChecks(t *testing.T, p *synth.Plan) {
	groups := p.OfType(tokTargetGroup)
	require.NotEmpty(t, groups)
	for _, tg := range groups {
		hc, _ := tg.Inputs["healthCheck"].(map[string]any)
		path, _ := hc["path"].(string)
		assert.True(t, strings.HasPrefix(path, "/"), "%s: health check path %q", shortURN(tg.URN), path)
		assert.NotEqual(t, false, hc["enabled"], "%s: health check disabled", shortURN(tg.URN))
	}
}

// checkValidationRecords: two records of one name would fight over it.
func checkValidationRecords(t *testing.T, p *synth.Plan) {
	names := map[string]string{}
	for _, r := range p.OfType(tokRecord) {
		if r.Inputs["type"] != "CNAME" {
			continue
		}
		name, _ := r.Inputs["name"].(string)
		name = strings.TrimSuffix(name, ".")
		assert.NotEmpty(t, name, "%s has no name", shortURN(r.URN))
		if other, dup := names[name]; dup {
			t.Errorf("validation records %s and %s both write %s", other, shortURN(r.URN), name)
		}
		names[name] = shortURN(r.URN)
	}
	assert.NotEmpty(t, names, "no validation records")
}

// componentPrefixes are the stack's components. Adding one is a decision:
// add it here. (meething:monitoring: holds the alarms and their topic.)
var componentPrefixes = []string{
	"meething:network:", "meething:cert:", "meething:loadbalancer:", "meething:dns:", "meething:monitoring:",
}

// checkOwnership: every cloud resource (explicit providers included) hangs
// under one of the components, so the tree reads by concern and component
// options reach it.
func checkOwnership(t *testing.T, g *planGraph) {
	for _, r := range g.plan.Resources {
		if !r.Custom {
			continue
		}
		owned := false
		for parent := r.Parent; parent != "" && !owned; {
			p := g.byURN[parent]
			if p == nil {
				break
			}
			for _, prefix := range componentPrefixes {
				if !p.Custom && strings.HasPrefix(p.Type, prefix) {
					owned = true
				}
			}
			parent = p.Parent
		}
		assert.True(t, owned, "%s is under none of the components %v", shortURN(r.URN), componentPrefixes)
	}
}

// checkPhysicalNames: two resources of one type with one physical name
// would collide in AWS. The physical name is outputs.name; a Route53 record
// is identified by zone, name and record type together (an A and an AAAA
// record of one name are two records). Physical IDs must be distinct too,
// but for certificate validations.
func checkPhysicalNames(t *testing.T, p *synth.Plan) {
	names := map[string]string{}
	ids := map[string]string{}
	for _, r := range p.Resources {
		if !r.Custom {
			continue
		}
		key := r.Type + "|" + r.ID
		// A certificate validation is no AWS object: the provider's ID is
		// the time it finished, which two validations may share.
		if other, dup := ids[key]; dup && r.Type != tokValidation {
			t.Errorf("%s and %s share the physical ID %s", other, shortURN(r.URN), r.ID)
		}
		ids[key] = shortURN(r.URN)

		name, _ := r.Outputs["name"].(string)
		if name == "" {
			continue
		}
		if r.Type == tokRecord {
			name = fmt.Sprintf("%v %s %v", r.Outputs["zoneId"], strings.TrimSuffix(name, "."), r.Outputs["type"])
		}
		key = r.Type + "|" + name
		if other, dup := names[key]; dup {
			t.Errorf("%s and %s share the physical name %q", other, shortURN(r.URN), name)
		}
		names[key] = shortURN(r.URN)
	}
}

// forcedChain is the number of resources the architecture forces a
// deployment to create one after the other. Two chains of five are
// unavoidable in every stack:
//
//	certificate -> validation record (needs the certificate's DNS challenge)
//	  -> certificate validation (needs the record) -> HTTPS listener (needs
//	  the issued certificate) -> host rule (needs the listener)
//	VPC -> subnet, internet gateway, security group (need the VPC)
//	  -> load balancer (needs subnets, group and gateway) -> HTTPS listener
//	  -> host rule
//
// (The hosted zone also feeds the validation record; in this program the
// certificate does not wait for the zone, so the zone adds no sixth step.)
//
// A stack that creates its access-log bucket (meething:accessLogs without a
// bucket) puts three steps before the load balancer, which AWS lets enable
// access logs only once the bucket policy lets ELB log delivery write:
//
//	bucket -> public access block -> bucket policy -> load balancer
//	  -> HTTPS listener -> host rule
//
// (The policy waits for the public access block on purpose: S3 rejects
// concurrent configuration calls on one bucket, and the block must be in
// place before any policy.) That makes six.
//
// A longer chain means some resource waits for something it does not need,
// which slows every deployment and, for the certificate, makes more of the
// stack wait on ACM.
//
// In a zone the stack adopted, the alias records wait for the host rules (see
// checkCutoverOrder): one step more.
func forcedChain(g *planGraph) int {
	n := 5
	alb := g.plan.OfType(tokLoadBalancer)
	for _, policy := range g.plan.OfType("aws:s3/bucketPolicy:BucketPolicy") {
		if len(alb) == 1 && g.dependsOn(alb[0].URN, policy.URN) {
			n = 6
		}
	}
	for _, r := range g.plan.OfType(tokRecord) {
		if sharedZone(g.plan) && isAlias(r) {
			return n + 1
		}
	}
	return n
}

// checkCutoverOrder: in an adopted zone the names may serve users today, so
// no alias record may be written before the new load balancer serves every
// host behind it: the HTTPS listener with the validated certificate, every
// host rule, every registered target.
func checkCutoverOrder(t *testing.T, g *planGraph) {
	if !sharedZone(g.plan) {
		return
	}
	serving := []*synth.Resource{onlyOne(t, g.plan, tokListener, listenerOn(443)), onlyOne(t, g.plan, tokValidation, nil)}
	serving = append(serving, g.plan.OfType(tokRule)...)
	serving = append(serving, g.plan.OfType(tokAttachment)...)
	for _, r := range g.plan.OfType(tokRecord) {
		if !isAlias(r) || strings.HasSuffix(r.Name, dns.OldEdgeSuffix) {
			continue // the old edge's records point at what serves today
		}
		for _, s := range serving {
			assert.True(t, g.dependsOn(r.URN, s.URN), "%s is written before %s", shortURN(r.URN), shortURN(s.URN))
		}
	}
}

func checkLongestChain(t *testing.T, g *planGraph) {
	chain := g.longestChain()
	var names []string
	for _, u := range chain {
		names = append(names, shortURN(u))
	}
	assert.Equal(t, forcedChain(g), len(chain), "longest dependency chain:\n  %s", strings.Join(names, "\n  -> "))
}

// TestEveryTypeHasAReplacementRule: a type the program registers without a
// replacement rule would make diff call every change an update.
func TestEveryTypeHasAReplacementRule(t *testing.T) {
	for name, file := range everyStackFile(t) {
		for _, r := range synthPlan(t, file).Resources {
			if !r.Custom {
				continue
			}
			_, ok := replace.Lookup(r.Type)
			assert.True(t, ok, "%s: type %s has no entry in internal/replace", name, r.Type)
		}
	}
}
