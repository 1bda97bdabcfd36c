package loadbalancer

import (
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// TargetGroupSpec is one more target group of a service, named
// <lb>-<service>-<Name>; the attributes are the service's.
type TargetGroupSpec struct {
	Name        string
	Port        int
	Protocol    string
	HealthCheck HealthCheck
	Targets     []string
	// TargetType is instance or ip. Default: "", the service's.
	TargetType string
}

// Rule is a listener rule beside the services' host rules.
type Rule struct {
	// Name keys the rule: <lb>-<service>-<Name> under a service,
	// <lb>-rule-<Name> at the stack level.
	Name     string
	Priority int
	Match    Match
	// Action is nil under a service for the service's forward.
	Action *Action
}

// Match is a rule's conditions; each empty one is left out.
type Match struct {
	Hosts        []string
	Paths        []string
	Headers      []Header
	Methods      []string
	QueryStrings []QueryString
	SourceIps    []string
}

// Header is an HTTP header condition.
type Header struct {
	Name   string
	Values []string
}

// QueryString is a key=value query condition; Key may be empty.
type QueryString struct{ Key, Value string }

// Action is one of a forward, a redirect and a fixed response.
type Action struct {
	Forward       *Forward
	Redirect      *Redirect
	FixedResponse *FixedResponse
}

// Forward spreads requests over a service's target groups by weight.
type Forward struct {
	// Weights are by group name: the service's name for its own group.
	Weights []Weight
	// Stickiness is seconds a client stays with its group; 0 is off.
	Stickiness int
}

// Weight is one target group's share of a forward, 0 to 999.
type Weight struct {
	Group  string
	Weight int
}

// Redirect is an HTTP redirect; fields may use #{host}, #{path}, #{query}.
type Redirect struct {
	Protocol, Host, Port, Path, Query string
	// StatusCode is 301 or 302.
	StatusCode int
}

// FixedResponse answers the request with StatusCode, ContentType and Body.
type FixedResponse struct {
	StatusCode  int
	ContentType string
	Body        string
}

// conditions turns a Match into the rule's condition blocks, one per kind.
func conditions(m Match) lb.ListenerRuleConditionArray {
	var out lb.ListenerRuleConditionArray
	if len(m.Hosts) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{HostHeader: &lb.ListenerRuleConditionHostHeaderArgs{Values: pulumi.ToStringArray(m.Hosts)}})
	}
	if len(m.Paths) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{PathPattern: &lb.ListenerRuleConditionPathPatternArgs{Values: pulumi.ToStringArray(m.Paths)}})
	}
	for _, h := range m.Headers {
		out = append(out, lb.ListenerRuleConditionArgs{HttpHeader: &lb.ListenerRuleConditionHttpHeaderArgs{
			HttpHeaderName: pulumi.String(h.Name), Values: pulumi.ToStringArray(h.Values)}})
	}
	if len(m.Methods) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{HttpRequestMethod: &lb.ListenerRuleConditionHttpRequestMethodArgs{Values: pulumi.ToStringArray(m.Methods)}})
	}
	if len(m.QueryStrings) > 0 {
		var qs lb.ListenerRuleConditionQueryStringArray
		for _, q := range m.QueryStrings {
			qs = append(qs, lb.ListenerRuleConditionQueryStringArgs{Key: optional(q.Key), Value: pulumi.String(q.Value)})
		}
		out = append(out, lb.ListenerRuleConditionArgs{QueryStrings: qs})
	}
	if len(m.SourceIps) > 0 {
		out = append(out, lb.ListenerRuleConditionArgs{SourceIp: &lb.ListenerRuleConditionSourceIpArgs{Values: pulumi.ToStringArray(m.SourceIps)}})
	}
	return out
}

// ruleAction is the rule's action; groups are the service's target groups
// by name, for a forward.
func ruleAction(a Action, groups map[string]*lb.TargetGroup) (lb.ListenerRuleActionArgs, error) {
	switch {
	case a.Forward != nil:
		var tgs lb.ListenerRuleActionForwardTargetGroupArray
		for _, w := range a.Forward.Weights {
			tg, ok := groups[w.Group]
			if !ok {
				return lb.ListenerRuleActionArgs{}, fmt.Errorf("forward to unknown target group %q", w.Group)
			}
			tgs = append(tgs, lb.ListenerRuleActionForwardTargetGroupArgs{Arn: tg.Arn, Weight: pulumi.Int(w.Weight)})
		}
		fwd := &lb.ListenerRuleActionForwardArgs{TargetGroups: tgs}
		if a.Forward.Stickiness > 0 {
			fwd.Stickiness = &lb.ListenerRuleActionForwardStickinessArgs{Enabled: pulumi.Bool(true), Duration: pulumi.Int(a.Forward.Stickiness)}
		}
		return lb.ListenerRuleActionArgs{Type: pulumi.String("forward"), Forward: fwd}, nil
	case a.Redirect != nil:
		r := a.Redirect
		return lb.ListenerRuleActionArgs{Type: pulumi.String("redirect"), Redirect: &lb.ListenerRuleActionRedirectArgs{
			Protocol: pulumi.String(r.Protocol), Host: pulumi.String(r.Host), Port: pulumi.String(r.Port),
			Path: pulumi.String(r.Path), Query: pulumi.String(r.Query), StatusCode: pulumi.String("HTTP_" + strconv.Itoa(r.StatusCode)),
		}}, nil
	case a.FixedResponse != nil:
		f := a.FixedResponse
		return lb.ListenerRuleActionArgs{Type: pulumi.String("fixed-response"), FixedResponse: &lb.ListenerRuleActionFixedResponseArgs{
			StatusCode: pulumi.String(strconv.Itoa(f.StatusCode)), ContentType: pulumi.String(f.ContentType), MessageBody: optional(f.Body),
		}}, nil
	}
	return lb.ListenerRuleActionArgs{}, fmt.Errorf("no action")
}

// defaultAction is the HTTPS listener's action when no rule matches:
// a, or the fixed 404.
func defaultAction(a *Action) lb.ListenerDefaultActionArgs {
	if a != nil && a.Redirect != nil {
		r := a.Redirect
		return lb.ListenerDefaultActionArgs{Type: pulumi.String("redirect"), Redirect: &lb.ListenerDefaultActionRedirectArgs{
			Protocol: pulumi.String(r.Protocol), Host: pulumi.String(r.Host), Port: pulumi.String(r.Port),
			Path: pulumi.String(r.Path), Query: pulumi.String(r.Query), StatusCode: pulumi.String("HTTP_" + strconv.Itoa(r.StatusCode)),
		}}
	}
	f := FixedResponse{StatusCode: 404, ContentType: "text/plain", Body: NotFoundBody}
	if a != nil && a.FixedResponse != nil {
		f = *a.FixedResponse
	}
	return lb.ListenerDefaultActionArgs{Type: pulumi.String("fixed-response"), FixedResponse: &lb.ListenerDefaultActionFixedResponseArgs{
		StatusCode: pulumi.String(strconv.Itoa(f.StatusCode)), ContentType: pulumi.String(f.ContentType), MessageBody: optional(f.Body),
	}}
}

// buildRule registers one rule on the HTTPS listener.
func (l *LoadBalancer) buildRule(ctx *pulumi.Context, resName string, priority int, m Match, action lb.ListenerRuleActionArgs, t tags.Set, opts ...pulumi.ResourceOption) (*lb.ListenerRule, error) {
	rule, err := lb.NewListenerRule(ctx, resName, &lb.ListenerRuleArgs{
		ListenerArn: l.HttpsListener.Arn,
		Priority:    pulumi.Int(priority),
		Conditions:  conditions(m),
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
func (l *LoadBalancer) buildStackRules(ctx *pulumi.Context, name string, rules []Rule, t tags.Set, opts ...pulumi.ResourceOption) error {
	for _, r := range rules {
		if r.Action == nil || r.Action.Forward != nil {
			return fmt.Errorf("load balancer %s: stack rule %q must redirect or answer with a fixed response", name, r.Name)
		}
		action, err := ruleAction(*r.Action, nil)
		if err != nil {
			return fmt.Errorf("load balancer %s: rule %q: %w", name, r.Name, err)
		}
		key := "rule-" + r.Name
		if l.Rules[key], err = l.buildRule(ctx, name+"-"+key, r.Priority, r.Match, action, t, opts...); err != nil {
			return err
		}
	}
	return nil
}
