package loadbalancer

import (
	"bytes"
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
// listener's default action alike. A forward names target groups, whose
// ARNs are outputs: it is built here, each name resolved through groups.
// Every other kind is plain values: lbaction's description, whose JSON is
// the provider's input shape, converted whole (plainAction), so a kind
// package lbaction learns is mapped here with no edit, and its values stay
// known in a preview.
func ruleAction(a lbaction.Action, groups map[string]*lb.TargetGroup) (lb.ListenerRuleActionInput, error) {
	if a.Type != lbaction.TypeForward {
		var plain lb.ListenerRuleAction
		if err := plainAction(a, &plain); err != nil {
			return nil, err
		}
		return pulumi.ToOutput(plain).(lb.ListenerRuleActionOutput), nil
	}
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
			return nil, err
		}
		args.TargetGroupArn = tgArn
	}
	if f := a.Forward; f != nil {
		var tgs lb.ListenerRuleActionForwardTargetGroupArray
		for _, g := range f.TargetGroups {
			tgArn, err := arn(g.Arn)
			if err != nil {
				return nil, err
			}
			tgs = append(tgs, lb.ListenerRuleActionForwardTargetGroupArgs{Arn: tgArn, Weight: pulumi.IntPtrFromPtr(g.Weight)})
		}
		fwd := &lb.ListenerRuleActionForwardArgs{TargetGroups: tgs}
		if s := f.Stickiness; s != nil {
			fwd.Stickiness = &lb.ListenerRuleActionForwardStickinessArgs{Enabled: pulumi.Bool(s.Enabled), Duration: pulumi.Int(s.Duration)}
		}
		args.Forward = fwd
	}
	return args, nil
}

// defaultAction is the HTTPS listener's default action: ruleAction's
// conversion of a plain kind into the provider's type for a default
// action, which has the same fields by the same names. It never forwards
// (stackconfig refuses it).
func defaultAction(a lbaction.Action) (lb.ListenerDefaultActionInput, error) {
	if a.Type == lbaction.TypeForward {
		return nil, fmt.Errorf("a default action that forwards: the default action answers itself")
	}
	var plain lb.ListenerDefaultAction
	if err := plainAction(a, &plain); err != nil {
		return nil, err
	}
	return pulumi.ToOutput(plain).(lb.ListenerDefaultActionOutput), nil
}

// plainAction converts an action that names no target group into the
// provider's plain type (lb.ListenerRuleAction, lb.ListenerDefaultAction)
// by JSON, whose names match the provider's fields (without case, as
// encoding/json matches them); a name the provider's type lacks is an
// error, not a value dropped.
func plainAction(a lbaction.Action, dst any) error {
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("the %s action %s as the provider takes it: %w", a.Type, b, err)
	}
	return nil
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
