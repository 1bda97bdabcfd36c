package loadbalancer_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

const (
	typeWebAcl      = "aws:wafv2/webAcl:WebAcl"
	typeAssociation = "aws:wafv2/webAclAssociation:WebAclAssociation"
	typeWafLogging  = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
	typeLogGroup    = "aws:cloudwatch/logGroup:LogGroup"

	existingACL = "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shared/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
)

// withWaf turns the WAF on with w's settings.
func withWaf(w stackconfig.Waf) func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
	return func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.Waf = w
		a.Waf.Enabled = true
		return a
	}
}

// assertVisible checks a visibility config: metrics and sampled requests on,
// under a metric name; it returns the name.
func assertVisible(t *testing.T, what string, v any) string {
	t.Helper()
	vc, ok := v.(map[string]any)
	require.True(t, ok, "%s has a visibility config: %#v", what, v)
	assert.Equal(t, true, vc["cloudwatchMetricsEnabled"], "%s publishes CloudWatch metrics", what)
	assert.Equal(t, true, vc["sampledRequestsEnabled"], "%s samples requests", what)
	name, _ := vc["metricName"].(string)
	assert.NotEmpty(t, name, "%s has a metric name", what)
	return name
}

func TestWafCreatedWebAcl(t *testing.T) {
	tests := []struct {
		name      string
		waf       stackconfig.Waf
		wantLimit float64
	}{
		{name: "default rate limit", waf: stackconfig.Defaults().Waf, wantLimit: 2000},
		{name: "configured rate limit", waf: stackconfig.Waf{RateLimit: 500}, wantLimit: 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mustRunLB(t, withWaf(tc.waf))
			comp := r.component(t)
			acl := r.must(t, typeWebAcl, lbName)
			assoc := r.must(t, typeAssociation, lbName)
			assert.Len(t, r.OfType(typeWebAcl), 1)
			assert.Len(t, r.OfType(typeAssociation), 1)
			assert.Equal(t, comp.URN, acl.Parent)
			assert.Equal(t, comp.URN, assoc.Parent)
			require.NotNil(t, r.LB.WebAcl)

			assert.Equal(t, "REGIONAL", acl.Input("scope"), "an ALB takes a regional web ACL")
			assert.Equal(t, map[string]any{"allow": map[string]any{}}, acl.Input("defaultAction"))
			metrics := map[string]bool{assertVisible(t, "the web ACL", acl.Input("visibilityConfig")): true}
			assert.Nil(t, acl.Input("name"), "the web ACL is auto-named")
			tags, ok := acl.Input("tags").(map[string]any)
			require.True(t, ok)
			assert.Equal(t, "loadbalancer", tags["Component"])

			rules, ok := acl.Input("rules").([]any)
			require.True(t, ok, "rules %#v", acl.Input("rules"))
			byName := map[string]map[string]any{}
			priorities := map[float64]string{}
			for _, raw := range rules {
				rule := raw.(map[string]any)
				name, _ := rule["name"].(string)
				require.NotEmpty(t, name)
				_, dup := byName[name]
				assert.False(t, dup, "rule %s is listed twice", name)
				byName[name] = rule

				p, ok := rule["priority"].(float64)
				require.True(t, ok, "rule %s has a priority", name)
				other, taken := priorities[p]
				assert.False(t, taken, "rules %s and %s share priority %v", other, name, p)
				priorities[p] = name

				metric := assertVisible(t, "rule "+name, rule["visibilityConfig"])
				assert.False(t, metrics[metric], "metric name %s is used twice", metric)
				metrics[metric] = true
			}
			require.Len(t, rules, 4, "three managed rule groups and a rate-based rule, nothing else")

			for _, group := range []string{
				"AWSManagedRulesCommonRuleSet",
				"AWSManagedRulesKnownBadInputsRuleSet",
				"AWSManagedRulesAmazonIpReputationList",
			} {
				rule, ok := byName[group]
				require.True(t, ok, "no rule for %s", group)
				assert.Equal(t, map[string]any{
					"managedRuleGroupStatement": map[string]any{"vendorName": "AWS", "name": group},
				}, rule["statement"], group)
				assert.Equal(t, map[string]any{"none": map[string]any{}}, rule["overrideAction"],
					"%s keeps the group's own actions", group)
				assert.Nil(t, rule["action"], "a rule group rule has no action of its own")
			}
			assert.Equal(t, []string{
				"AWSManagedRulesCommonRuleSet",
				"AWSManagedRulesKnownBadInputsRuleSet",
				"AWSManagedRulesAmazonIpReputationList",
			}, stackconfig.ManagedRuleGroups)

			var rate map[string]any
			for name, rule := range byName {
				if _, managed := rule["statement"].(map[string]any)["managedRuleGroupStatement"]; !managed {
					require.Nil(t, rate, "a second non-managed rule %s", name)
					rate = rule
				}
			}
			require.NotNil(t, rate, "a rate-based rule")
			assert.Equal(t, map[string]any{
				"rateBasedStatement": map[string]any{"limit": tc.wantLimit, "aggregateKeyType": "IP"},
			}, rate["statement"])
			assert.Equal(t, map[string]any{"block": map[string]any{}}, rate["action"], "the rate-based rule blocks")
			assert.Nil(t, rate["overrideAction"])

			// The web ACL guards the ALB.
			aclArn, _ := acl.Output("arn").(string)
			require.NotEmpty(t, aclArn)
			assert.Equal(t, aclArn, assoc.Input("webAclArn"))
			assert.Equal(t, r.alb(t).Output("arn"), assoc.Input("resourceArn"))
			assert.True(t, r.DependsOn(assoc, acl))
			assert.True(t, r.DependsOn(assoc, r.alb(t)))
			assert.False(t, r.DependsOn(r.alb(t), acl), "the ALB does not wait for the web ACL")
		})
	}
}

func TestWafExistingWebAcl(t *testing.T) {
	r := mustRunLB(t, withWaf(stackconfig.Waf{WebAclArn: existingACL, RateLimit: 100}))
	assert.Empty(t, r.OfType(typeWebAcl), "an existing web ACL is not created")
	assert.Nil(t, r.LB.WebAcl)
	assoc := r.must(t, typeAssociation, lbName)
	assert.Len(t, r.OfType(typeAssociation), 1)
	assert.Equal(t, r.component(t).URN, assoc.Parent)
	assert.Equal(t, existingACL, assoc.Input("webAclArn"))
	assert.Equal(t, r.alb(t).Output("arn"), assoc.Input("resourceArn"))
}

// TestWafAssociationIsDeletedBeforeItIsReplaced: the provider's delete of an
// association disassociates the load balancer from whatever ACL it has
// then (pulumi/pulumi-aws#4782), so a replacement must delete first and
// associate last, whether the stack builds the ACL or is given one.
func TestWafAssociationIsDeletedBeforeItIsReplaced(t *testing.T) {
	for name, w := range map[string]stackconfig.Waf{"created": {RateLimit: 100}, "existing": {WebAclArn: existingACL, RateLimit: 100}} {
		r := mustRunLB(t, withWaf(w))
		assert.True(t, r.must(t, typeAssociation, lbName).DeleteBeforeReplace, "%s web ACL: the association is deleted before it is replaced", name)
		for _, acl := range r.OfType(typeWebAcl) {
			assert.False(t, acl.DeleteBeforeReplace, "the web ACL itself is replaced create-first: the association moves to the new one before the old is deleted")
		}
	}
}

func TestWafOff(t *testing.T) {
	r := mustRunLB(t, nil)
	assert.Empty(t, r.OfType(typeWebAcl))
	assert.Empty(t, r.OfType(typeAssociation))
	assert.Nil(t, r.LB.WebAcl)
}

// Turning the WAF on adds the web ACL and its association and changes no
// other resource.
func TestWafAddsOnly(t *testing.T) {
	off := mustRunLB(t, nil)
	on := mustRunLB(t, withWaf(stackconfig.Defaults().Waf))
	before := map[string]*awsmock.Resource{}
	for _, r := range off.Resources() {
		before[r.URN] = r
	}
	added := map[string]int{}
	for _, r := range on.Resources() {
		if b, ok := before[r.URN]; ok {
			assert.Equal(t, plainInputs(b), plainInputs(r), "%s changed when the WAF was turned on", r.URN)
			assert.Equal(t, b.Dependencies, r.Dependencies, r.URN)
			continue
		}
		added[r.Type]++
	}
	assert.Equal(t, map[string]int{typeWebAcl: 1, typeAssociation: 1, typeLogGroup: 1, typeWafLogging: 1}, added)
}

// A count-first rollout: a group counts, one rule of another is overridden,
// the rate rule counts; the rest keep blocking.
func TestWafCountAndOverrides(t *testing.T) {
	res := mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.Waf = stackconfig.Waf{
			Enabled: true, RateLimit: 2000, RateLimitMode: "count",
			RuleGroups: map[string]stackconfig.RuleGroupSetting{
				"AWSManagedRulesKnownBadInputsRuleSet": {Mode: "count"},
				"AWSManagedRulesCommonRuleSet":         {Overrides: map[string]string{"SizeRestrictions_BODY": "count", "NoUserAgent_HEADER": "allow"}},
			},
		}
		return a
	})
	acl := res.must(t, "aws:wafv2/webAcl:WebAcl", lbName)
	rules := map[string]map[string]any{}
	for _, r := range acl.Input("rules").([]any) {
		rule := r.(map[string]any)
		rules[rule["name"].(string)] = rule
	}
	assert.Equal(t, map[string]any{"count": map[string]any{}}, rules["AWSManagedRulesKnownBadInputsRuleSet"]["overrideAction"])
	assert.Equal(t, map[string]any{"none": map[string]any{}}, rules["AWSManagedRulesCommonRuleSet"]["overrideAction"])
	assert.Equal(t, map[string]any{"none": map[string]any{}}, rules["AWSManagedRulesAmazonIpReputationList"]["overrideAction"])
	common := rules["AWSManagedRulesCommonRuleSet"]["statement"].(map[string]any)["managedRuleGroupStatement"].(map[string]any)
	assert.Equal(t, []any{
		map[string]any{"name": "NoUserAgent_HEADER", "actionToUse": map[string]any{"allow": map[string]any{}}},
		map[string]any{"name": "SizeRestrictions_BODY", "actionToUse": map[string]any{"count": map[string]any{}}},
	}, common["ruleActionOverrides"], "sorted by rule name")
	assert.Equal(t, map[string]any{"count": map[string]any{}}, rules["rate-limit-per-ip"]["action"])
}

// TestWafLogging: a created web ACL logs (WAF.11) to a log group of its
// own whose name starts aws-waf-logs- (WAF refuses any other), kept for
// the configured retention, with credentials redacted; off, or with an
// existing web ACL (its owner logs it), there is neither.
func TestWafLogging(t *testing.T) {
	tests := []struct {
		name          string
		waf           stackconfig.Waf
		wantLogs      bool
		wantRetention float64
	}{
		{name: "documented defaults", waf: stackconfig.Defaults().Waf, wantLogs: true, wantRetention: 90},
		{name: "configured retention", waf: func() stackconfig.Waf {
			w := stackconfig.Defaults().Waf
			w.LogRetentionDays = 365
			return w
		}(), wantLogs: true, wantRetention: 365},
		{name: "logging off", waf: func() stackconfig.Waf {
			w := stackconfig.Defaults().Waf
			w.Logging = false
			return w
		}()},
		{name: "existing web ACL", waf: func() stackconfig.Waf {
			w := stackconfig.Defaults().Waf
			w.WebAclArn = existingACL
			return w
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mustRunLB(t, withWaf(tc.waf))
			if !tc.wantLogs {
				assert.Empty(t, r.OfType(typeWafLogging))
				assert.Empty(t, r.OfType(typeLogGroup))
				assert.Nil(t, r.LB.WafLogGroup)
				return
			}
			acl := r.must(t, typeWebAcl, lbName)
			group := r.must(t, typeLogGroup, lbName+"-waf-logs")
			logging := r.must(t, typeWafLogging, lbName)
			assert.Len(t, r.OfType(typeWafLogging), 1)
			require.NotNil(t, r.LB.WafLogGroup)
			for _, res := range []*awsmock.Resource{group, logging} {
				assert.Equal(t, r.component(t).URN, res.Parent, "%s is parented to the component", res.Type)
			}

			prefix, _ := group.Input("namePrefix").(string)
			assert.Equal(t, "aws-waf-logs-"+lbName+"-", prefix)
			name, _ := group.Output("name").(string)
			assert.True(t, strings.HasPrefix(name, "aws-waf-logs-"), "WAF logs only to a group named aws-waf-logs-*: %q", name)
			assert.Equal(t, tc.wantRetention, group.Input("retentionInDays"))
			tags, _ := group.Input("tags").(map[string]any)
			assert.Equal(t, lbName+"-waf-logs", tags["Name"])

			assert.Equal(t, acl.Output("arn"), logging.Input("resourceArn"))
			assert.Equal(t, []any{group.Output("arn")}, logging.Input("logDestinationConfigs"))
			assert.Equal(t, []any{
				map[string]any{"singleHeader": map[string]any{"name": "authorization"}},
				map[string]any{"singleHeader": map[string]any{"name": "cookie"}},
			}, logging.Input("redactedFields"))
			assert.True(t, r.DependsOn(logging, acl))
			assert.True(t, r.DependsOn(logging, group))
		})
	}
}
