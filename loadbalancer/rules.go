package loadbalancer

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// conditions are the rule's condition blocks, one per kind, each left out
// when empty; headers in name order.
func conditions(r stackconfig.Rule) lb.ListenerRuleConditionArray {
	var out lb.ListenerRuleConditionArray
	if len(r.Hosts) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{HostHeader: &lb.ListenerRuleConditionHostHeaderArgs{Values: pulumi.ToStringArray(r.Hosts)}})
	}
	if len(r.Paths) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{PathPattern: &lb.ListenerRuleConditionPathPatternArgs{Values: pulumi.ToStringArray(r.Paths)}})
	}
	for _, h := range slices.Sorted(maps.Keys(r.Headers)) {
		out = append(out, lb.ListenerRuleConditionArgs{HttpHeader: &lb.ListenerRuleConditionHttpHeaderArgs{
			HttpHeaderName: pulumi.String(h), Values: pulumi.ToStringArray(r.Headers[h])}})
	}
	if len(r.Methods) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{HttpRequestMethod: &lb.ListenerRuleConditionHttpRequestMethodArgs{Values: pulumi.ToStringArray(r.Methods)}})
	}
	if len(r.QueryStrings) > 0 {
		var qs lb.ListenerRuleConditionQueryStringArray
		for _, q := range r.QueryStrings {
			qs = append(qs, lb.ListenerRuleConditionQueryStringArgs{Key: optional(q.Key), Value: pulumi.String(q.Value)})
		}
		out = append(out, lb.ListenerRuleConditionArgs{QueryStrings: qs})
	}
	if len(r.SourceIps) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{SourceIp: &lb.ListenerRuleConditionSourceIpArgs{Values: pulumi.ToStringArray(r.SourceIps)}})
	}
	return out
}

// forwardAction spreads over the service's target groups, given by name,
// in group-name order.
func forwardAction(f stackconfig.Forward, groups map[string]*lb.TargetGroup) (lb.ListenerRuleActionArgs, error) {
	var tgs lb.ListenerRuleActionForwardTargetGroupArray
	for _, g := range slices.Sorted(maps.Keys(f.Weights)) {
		tg, ok := groups[g]
		if !ok {
			return lb.ListenerRuleActionArgs{}, fmt.Errorf("forward to unknown target group %q", g)
		}
		tgs = append(tgs, lb.ListenerRuleActionForwardTargetGroupArgs{Arn: tg.Arn, Weight: pulumi.Int(f.Weights[g])})
	}
	fwd := &lb.ListenerRuleActionForwardArgs{TargetGroups: tgs}
	if f.Stickiness > 0 {
		fwd.Stickiness = &lb.ListenerRuleActionForwardStickinessArgs{Enabled: pulumi.Bool(true), Duration: pulumi.Int(f.Stickiness)}
	}
	return lb.ListenerRuleActionArgs{Type: pulumi.String("forward"), Forward: fwd}, nil
}

// ruleAction is the rule's own action: its forward over groups, its
// redirect or its fixed response; ok is false when it sets none.
func ruleAction(r stackconfig.Rule, groups map[string]*lb.TargetGroup) (action lb.ListenerRuleActionArgs, ok bool, err error) {
	switch {
	case r.Forward != nil:
		action, err = forwardAction(*r.Forward, groups)
		return action, true, err
	case r.Redirect != nil:
		p, err := stackconfig.ParseRedirect(r.Redirect.To)
		return lb.ListenerRuleActionArgs{Type: pulumi.String("redirect"), Redirect: &lb.ListenerRuleActionRedirectArgs{
			Protocol: pulumi.String(p.Protocol), Host: pulumi.String(p.Host), Port: pulumi.String(p.Port),
			Path: pulumi.String(p.Path), Query: pulumi.String(p.Query), StatusCode: statusCode(r.Redirect),
		}}, true, err
	case r.FixedResponse != nil:
		f := r.FixedResponse
		return lb.ListenerRuleActionArgs{Type: pulumi.String("fixed-response"), FixedResponse: &lb.ListenerRuleActionFixedResponseArgs{
			StatusCode: pulumi.String(strconv.Itoa(f.StatusCode)), ContentType: pulumi.String(f.ContentType), MessageBody: optional(f.Body),
		}}, true, nil
	}
	return lb.ListenerRuleActionArgs{}, false, nil
}

// defaultAction is the HTTPS listener's action when no rule matches: the
// configured redirect or fixed response.
func defaultAction(a stackconfig.DefaultAction) (lb.ListenerDefaultActionArgs, error) {
	if r := a.Redirect; r != nil {
		p, err := stackconfig.ParseRedirect(r.To)
		return lb.ListenerDefaultActionArgs{Type: pulumi.String("redirect"), Redirect: &lb.ListenerDefaultActionRedirectArgs{
			Protocol: pulumi.String(p.Protocol), Host: pulumi.String(p.Host), Port: pulumi.String(p.Port),
			Path: pulumi.String(p.Path), Query: pulumi.String(p.Query), StatusCode: statusCode(r),
		}}, err
	}
	if f := a.FixedResponse; f != nil {
		return lb.ListenerDefaultActionArgs{Type: pulumi.String("fixed-response"), FixedResponse: &lb.ListenerDefaultActionFixedResponseArgs{
			StatusCode: pulumi.String(strconv.Itoa(f.StatusCode)), ContentType: pulumi.String(f.ContentType), MessageBody: optional(f.Body),
		}}, nil
	}
	return lb.ListenerDefaultActionArgs{}, fmt.Errorf("no default action")
}

func statusCode(r *stackconfig.Redirect) pulumi.String {
	return pulumi.String("HTTP_" + strconv.Itoa(r.StatusCode))
}

// buildRule registers one rule on the HTTPS listener.
func (l *LoadBalancer) buildRule(ctx *pulumi.Context, resName string, priority int, r stackconfig.Rule, action lb.ListenerRuleActionArgs, t tags.Set, opts ...pulumi.ResourceOption) (*lb.ListenerRule, error) {
	rule, err := lb.NewListenerRule(ctx, resName, &lb.ListenerRuleArgs{
		ListenerArn: l.HttpsListener.Arn,
		Priority:    pulumi.Int(priority),
		Conditions:  conditions(r),
		Actions:     lb.ListenerRuleActionArray{action},
		Tags:        t.Named(resName),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating listener rule %s: %w", resName, err)
	}
	return rule, nil
}

// buildStackRules registers the stack-level rules: redirects and fixed
// responses for names that are not services.
func (l *LoadBalancer) buildStackRules(ctx *pulumi.Context, name string, rules []stackconfig.Rule, t tags.Set, opts ...pulumi.ResourceOption) error {
	for _, r := range rules {
		action, _, err := ruleAction(r, nil)
		if err != nil {
			return fmt.Errorf("load balancer %s: rule %q: %w", name, r.Name, err)
		}
		key := "rule-" + r.Name
		if l.Rules[key], err = l.buildRule(ctx, name+"-"+key, r.Priority, r, action, t, opts...); err != nil {
			return err
		}
	}
	return nil
}
