package loadbalancer

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// buildWaf creates a web ACL (unless one is given), logs it (with
// a.Logging) and associates it with the load balancer. Every rule and the ACL itself publish CloudWatch metrics and
// sample requests.
func (l *LoadBalancer) buildWaf(ctx *pulumi.Context, name string, a stackconfig.Waf, t tags.Set, opts ...pulumi.ResourceOption) (*wafv2.WebAcl, error) {
	var acl *wafv2.WebAcl
	aclArn := pulumi.String(a.WebAclArn).ToStringOutput()
	if a.WebAclArn == "" {
		rules := wafv2.WebAclRuleArray{}
		for i, group := range stackconfig.ManagedRuleGroups {
			mode := a.RuleGroups[group]
			override := &wafv2.WebAclRuleOverrideActionArgs{None: &wafv2.WebAclRuleOverrideActionNoneArgs{}}
			if mode.Mode == "count" {
				override = &wafv2.WebAclRuleOverrideActionArgs{Count: &wafv2.WebAclRuleOverrideActionCountArgs{}}
			}
			rules = append(rules, wafv2.WebAclRuleArgs{
				Name:           pulumi.String(group),
				Priority:       pulumi.Int((i + 1) * 10),
				OverrideAction: override,
				Statement: wafv2.WebAclRuleStatementArgs{
					ManagedRuleGroupStatement: &wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs{
						VendorName:          pulumi.String("AWS"),
						Name:                pulumi.String(group),
						RuleActionOverrides: ruleActionOverrides(mode.Overrides),
					},
				},
				VisibilityConfig: ruleMetrics(name + "-" + group),
			})
		}
		rateAction := &wafv2.WebAclRuleActionArgs{Block: &wafv2.WebAclRuleActionBlockArgs{}}
		if a.RateLimitMode == "count" {
			rateAction = &wafv2.WebAclRuleActionArgs{Count: &wafv2.WebAclRuleActionCountArgs{}}
		}
		rules = append(rules, wafv2.WebAclRuleArgs{
			Name:     pulumi.String("rate-limit-per-ip"),
			Priority: pulumi.Int((len(stackconfig.ManagedRuleGroups) + 1) * 10),
			Action:   rateAction,
			Statement: wafv2.WebAclRuleStatementArgs{
				RateBasedStatement: &wafv2.WebAclRuleStatementRateBasedStatementArgs{
					Limit:            pulumi.Int(a.RateLimit),
					AggregateKeyType: pulumi.String("IP"),
				},
			},
			VisibilityConfig: ruleMetrics(name + "-rate-limit-per-ip"),
		})

		var err error
		acl, err = wafv2.NewWebAcl(ctx, name, &wafv2.WebAclArgs{
			Description:   pulumi.String("Load balancer " + name + ": AWS managed rules and a per-IP rate limit"),
			Scope:         pulumi.String("REGIONAL"),
			DefaultAction: wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
			Rules:         rules,
			VisibilityConfig: wafv2.WebAclVisibilityConfigArgs{
				CloudwatchMetricsEnabled: pulumi.Bool(true),
				MetricName:               pulumi.String(name + "-web-acl"),
				SampledRequestsEnabled:   pulumi.Bool(true),
			},
			Tags: t.Named(name),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("creating web ACL of %s: %w", name, err)
		}
		aclArn = acl.Arn
		if a.Logging {
			if l.WafLogGroup, err = buildWafLogging(ctx, name, acl, a, t, opts...); err != nil {
				return nil, err
			}
		}
	}
	// An association cannot change in place, and deleting one calls
	// DisassociateWebACL on the load balancer, which drops whatever ACL it
	// has then (pulumi/pulumi-aws#4782): replaced create-first, the old
	// association's delete would strip the new one and leave the load
	// balancer with no WAF. Deleted first, the create associates last.
	assocOpts := append(slices.Clone(opts), pulumi.DeleteBeforeReplace(true))
	if _, err := wafv2.NewWebAclAssociation(ctx, name, &wafv2.WebAclAssociationArgs{
		ResourceArn: l.LoadBalancer.Arn,
		WebAclArn:   aclArn,
	}, assocOpts...); err != nil {
		return nil, fmt.Errorf("associating the web ACL with %s: %w", name, err)
	}
	return acl, nil
}

// WafLogGroupPrefix begins the name of every log group WAF may log to
// (AWS WAF developer guide, CloudWatch Logs destinations).
const WafLogGroupPrefix = "aws-waf-logs-"

// wafRedactedHeaders are kept out of the WAF's logs: they carry sessions
// and credentials.
var wafRedactedHeaders = []string{"authorization", "cookie"}

// buildWafLogging logs the web ACL's requests (WAF.11) to a log group of
// its own, aws-waf-logs-<name>-<suffix>, kept a.LogRetentionDays. The log
// group is retained on delete like every log (adoption.KeptLogs); WAF adds
// its delivery to the account's AWSWAF-LOGS resource policy itself.
func buildWafLogging(ctx *pulumi.Context, name string, acl *wafv2.WebAcl, a stackconfig.Waf, t tags.Set, opts ...pulumi.ResourceOption) (*cloudwatch.LogGroup, error) {
	logName := name + "-waf-logs"
	group, err := cloudwatch.NewLogGroup(ctx, logName, &cloudwatch.LogGroupArgs{
		NamePrefix:      pulumi.String(WafLogGroupPrefix + name + "-"),
		RetentionInDays: pulumi.Int(a.LogRetentionDays),
		Tags:            t.Named(logName),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating WAF log group of %s: %w", name, err)
	}
	var redacted wafv2.WebAclLoggingConfigurationRedactedFieldArray
	for _, h := range wafRedactedHeaders {
		redacted = append(redacted, wafv2.WebAclLoggingConfigurationRedactedFieldArgs{
			SingleHeader: wafv2.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs{Name: pulumi.String(h)},
		})
	}
	if _, err := wafv2.NewWebAclLoggingConfiguration(ctx, name, &wafv2.WebAclLoggingConfigurationArgs{
		ResourceArn:           acl.Arn,
		LogDestinationConfigs: pulumi.StringArray{group.Arn},
		RedactedFields:        redacted,
	}, opts...); err != nil {
		return nil, fmt.Errorf("logging the web ACL of %s: %w", name, err)
	}
	return group, nil
}

func ruleMetrics(metric string) wafv2.WebAclRuleVisibilityConfigArgs {
	return wafv2.WebAclRuleVisibilityConfigArgs{
		CloudwatchMetricsEnabled: pulumi.Bool(true),
		MetricName:               pulumi.String(metric),
		SampledRequestsEnabled:   pulumi.Bool(true),
	}
}

// ruleActionOverrides are a managed group's per-rule actions, sorted by
// rule name so that their order never changes the web ACL.
func ruleActionOverrides(overrides map[string]string) wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArray {
	if len(overrides) == 0 {
		return nil
	}
	names := slices.Sorted(maps.Keys(overrides))
	var out wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArray
	for _, n := range names {
		use := wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs{}
		switch overrides[n] {
		case "allow":
			use.Allow = &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseAllowArgs{}
		case "block":
			use.Block = &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseBlockArgs{}
		case "count":
			use.Count = &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs{}
		case "captcha":
			use.Captcha = &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCaptchaArgs{}
		case "challenge":
			use.Challenge = &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseChallengeArgs{}
		}
		out = append(out, wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs{Name: pulumi.String(n), ActionToUse: use})
	}
	return out
}
