package loadbalancer

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/lbaction"
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

// ruleAction is the one mapping of a listener action to the provider's
// arguments, for a rule's action and (through defaultAction) the HTTPS
// listener's default action alike; groups resolves the target groups a
// forward names.
func ruleAction(a lbaction.Action, groups map[string]*lb.TargetGroup) (lb.ListenerRuleActionArgs, error) {
	arn := func(group string) (pulumi.StringOutput, error) {
		tg, ok := groups[group]
		if !ok {
			return pulumi.StringOutput{}, fmt.Errorf("forward to unknown target group %q", group)
		}
		return tg.Arn, nil
	}
	args := lb.ListenerRuleActionArgs{Type: pulumi.String(a.Type)}
	if a.TargetGroupArn != "" {
		tgArn, err := arn(a.TargetGroupArn)
		if err != nil {
			return args, err
		}
		args.TargetGroupArn = tgArn
	}
	if f := a.Forward; f != nil {
		var tgs lb.ListenerRuleActionForwardTargetGroupArray
		for _, g := range f.TargetGroups {
			tgArn, err := arn(g.Arn)
			if err != nil {
				return args, err
			}
			tgs = append(tgs, lb.ListenerRuleActionForwardTargetGroupArgs{Arn: tgArn, Weight: pulumi.IntPtrFromPtr(g.Weight)})
		}
		fwd := &lb.ListenerRuleActionForwardArgs{TargetGroups: tgs}
		if s := f.Stickiness; s != nil {
			fwd.Stickiness = &lb.ListenerRuleActionForwardStickinessArgs{Enabled: pulumi.Bool(s.Enabled), Duration: pulumi.Int(s.Duration)}
		}
		args.Forward = fwd
	}
	if r := a.Redirect; r != nil {
		args.Redirect = &lb.ListenerRuleActionRedirectArgs{
			Protocol: pulumi.String(r.Protocol), Host: pulumi.String(r.Host), Port: pulumi.String(r.Port),
			Path: pulumi.String(r.Path), Query: pulumi.String(r.Query), StatusCode: pulumi.String(r.StatusCode),
		}
	}
	if f := a.FixedResponse; f != nil {
		args.FixedResponse = &lb.ListenerRuleActionFixedResponseArgs{
			StatusCode: pulumi.String(f.StatusCode), ContentType: pulumi.String(f.ContentType), MessageBody: optional(f.MessageBody),
		}
	}
	return args, nil
}

// defaultAction is ruleAction's arguments as a listener's default action.
// The provider gives the two their own Go types, of the same fields by the
// same names; the default action is all plain values (it never forwards),
// so the rule's action is converted whole, field by field by name, and a
// kind ruleAction learns serves both.
func defaultAction(a lbaction.Action) (lb.ListenerDefaultActionInput, error) {
	args, err := ruleAction(a, nil)
	if err != nil {
		return nil, err
	}
	return args.ToListenerRuleActionOutput().ApplyT(func(r lb.ListenerRuleAction) (lb.ListenerDefaultAction, error) {
		var d lb.ListenerDefaultAction
		b, err := json.Marshal(r)
		if err == nil {
			err = json.Unmarshal(b, &d)
		}
		return d, err
	}).(lb.ListenerDefaultActionOutput), nil
}

// buildRule registers one rule on the HTTPS listener.
func (l *LoadBalancer) buildRule(ctx *pulumi.Context, resName string, priority int, r stackconfig.Rule, a lbaction.Action, groups map[string]*lb.TargetGroup, t tags.Set, opts ...pulumi.ResourceOption) (*lb.ListenerRule, error) {
	action, err := ruleAction(a, groups)
	if err != nil {
		return nil, fmt.Errorf("listener rule %s: %w", resName, err)
	}
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
		action, _, err := lbaction.Of(r.Action)
		if err != nil {
			return fmt.Errorf("load balancer %s: rule %q: %w", name, r.Name, err)
		}
		key := "rule-" + r.Name
		if l.Rules[key], err = l.buildRule(ctx, name+"-"+key, r.Priority, r, action, nil, t, opts...); err != nil {
			return err
		}
	}
	return nil
}
