package stackconfig

// Routing beyond one host rule per service: more target groups, weighted
// forwards, more rules per service, stack-level redirects and fixed
// responses, and the HTTPS listener's default action.

import (
	"fmt"
	"strings"
)

// TargetGroup is one more target group of a service, such as green beside
// the service's own (blue) group: meething:services[].targetGroups[]. Unset
// fields take the service's values; the attributes (stickiness, slow start,
// algorithm, protocol version, deregistration delay) are the service's.
type TargetGroup struct {
	// Name tells the group from the service's own, which is named after
	// the service; the group is <stack>-<service>-<name>.
	Name string `json:"name"`
	// Port is the targets' port. Default: the service's.
	Port int `json:"port" range:"1..65535"`
	// Protocol is HTTP or HTTPS. Default: the service's.
	Protocol string `json:"protocol"`
	// HealthCheck fields left out take the service's.
	HealthCheck *HealthCheck `json:"healthCheck"`
	// TargetType is instance or ip. Default: the service's.
	TargetType string `json:"targetType"`
	// Targets are registered with this group. Default: none.
	Targets []string `json:"targets"`
}

// Rule is one listener rule: conditions, and one action. Under a service
// the action defaults to the service's forward; a stack rule
// (meething:rules) redirects or answers itself.
type Rule struct {
	// Name keys the rule's resource: <stack>-<service>-<name>, or
	// <stack>-rule-<name> for a stack rule.
	Name string `json:"name"`
	// Priority orders the rules, lower first; required and unique across
	// the listener.
	Priority int `json:"priority" range:"1..50000"`
	// Hosts are host-header values. Default: <service>.<domain> under a
	// service; none for a stack rule.
	Hosts []string `json:"hosts"`
	// Paths are path patterns, such as /upload/*.
	Paths []string `json:"paths"`
	// Headers are HTTP header values by header name.
	Headers map[string][]string `json:"headers"`
	// Methods are HTTP request methods, such as GET.
	Methods []string `json:"methods"`
	// QueryStrings are key=value pairs of the query; key may be empty.
	QueryStrings []QueryString `json:"queryStrings"`
	// SourceIps are client CIDR blocks, IPv4 or IPv6.
	SourceIps []string `json:"sourceIps"`

	// Action is the rule's one action, its kinds the rule's own fields.
	// None under a service is the service's forward.
	Action
}

// QueryString is one key=value condition on the query string.
type QueryString struct {
	// Key is the query parameter's name; empty matches the value under
	// any name. Default: empty.
	Key string `json:"key"`
	// Value is the value to match; * and ? are wildcards.
	Value string `json:"value"`
}

// Limits of listener rules.
const (
	MaxConditionValues  = 5   // per rule, across all conditions
	MaxConditionLength  = 128 // characters per value
	MaxForwardGroups    = 5
	MaxFixedBodyLength  = 1024
	MaxHeaderNameLength = 40
)

// rulePriorities are the priorities of the rules on a listener, as
// Rule.Priority's range tag gives them; a service's host rule takes one too.
var rulePriorities = rangeOfField[Rule]("priority")

// MaxRulePriority is the highest priority of a rule on a listener.
var MaxRulePriority = rulePriorities.Max

// NotFoundBody is what the HTTPS listener answers, by default, for a
// request no rule matches.
const NotFoundBody = "Not found"

// defaultDefaultAction is meething:defaultAction's default.
func defaultDefaultAction() Action {
	return Action{FixedResponse: &FixedResponse{StatusCode: 404, ContentType: "text/plain", Body: NotFoundBody}}
}

// ConditionValues counts a rule's condition values as AWS does: every
// host, path, header value, method, query pair and source IP.
func (r Rule) ConditionValues() int {
	n := len(r.Hosts) + len(r.Paths) + len(r.Methods) + len(r.QueryStrings) + len(r.SourceIps)
	for _, v := range r.Headers {
		n += len(v)
	}
	return n
}

// Wildcards counts the * and ? of a rule's condition values, across all
// its conditions, as AWS's quota of condition wildcards per rule does
// (MaxConditionWildcards): hosts, paths, header values and query keys and
// values (methods and source IPs take none).
func (r Rule) Wildcards() int {
	n := wildcards(r.Hosts...) + wildcards(r.Paths...)
	for _, v := range r.Headers {
		n += wildcards(v...)
	}
	for _, q := range r.QueryStrings {
		n += wildcards(q.Key, q.Value)
	}
	return n
}

// wildcards counts the * and ? of values.
func wildcards(values ...string) int {
	n := 0
	for _, v := range values {
		n += strings.Count(v, "*") + strings.Count(v, "?")
	}
	return n
}

func wildcardRule(n int, what string) string {
	return fmt.Sprintf("gives %s %d wildcards (* and ?): AWS allows %d per rule, counted over all its conditions' values", what, n, MaxConditionWildcards)
}

// hostHeaderRule is what a host-header value must be (see hostHeader).
const hostHeaderRule = "is not a host-header value: 1 to 128 characters of letters, digits, - . and the wildcards * ?, at least one dot, only letters after the last dot (no underscore)"

// GroupNames are a service's target groups by the names forwards use:
// its own (its name) first, then its targetGroups.
func (s Service) GroupNames() []string {
	out := []string{s.Name}
	for _, g := range s.TargetGroups {
		out = append(out, g.Name)
	}
	return out
}

// defaultAction decodes meething:defaultAction: the stack's one action
// replaces the default 404 whole.
func (r *reader) defaultAction(dst *Action) {
	var set Action
	r.key(KeyDefaultAction, &set)
	if names, _ := set.given(); len(names) > 0 {
		*dst = set
	}
}

// routingDefaults fills what depends on other values: a service rule's
// host, an extra target group's unset fields, a redirect's status and a
// fixed response's content type.
func routingDefaults(cfg *Config) {
	for i := range cfg.Services {
		s := &cfg.Services[i]
		for j := range s.Rules {
			r := &s.Rules[j]
			if len(r.Hosts) == 0 {
				r.Hosts = []string{s.Host(cfg.Domain)}
			}
			r.setDefaults()
		}
		for j := range s.TargetGroups {
			g := &s.TargetGroups[j]
			if g.Port == 0 {
				g.Port = s.Port
			}
			if g.Protocol == "" {
				g.Protocol = s.Protocol
			}
			if g.TargetType == "" {
				g.TargetType = s.TargetType
			}
			g.HealthCheck = mergedHealthCheck(g.HealthCheck, s.HealthCheck)
		}
	}
	for j := range cfg.Rules {
		cfg.Rules[j].setDefaults()
	}
	cfg.DefaultAction.setDefaults()
}

// mergedHealthCheck is the group's health check with the service's values
// where the group sets none.
func mergedHealthCheck(g *HealthCheck, s HealthCheck) *HealthCheck {
	out := s
	if g == nil {
		return &out
	}
	pick := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	pickInt := func(dst *int, v int) {
		if v != 0 {
			*dst = v
		}
	}
	pick(&out.Path, g.Path)
	pick(&out.Matcher, g.Matcher)
	pick(&out.Port, g.Port)
	pick(&out.Protocol, g.Protocol)
	pickInt(&out.Interval, g.Interval)
	pickInt(&out.Timeout, g.Timeout)
	pickInt(&out.HealthyThreshold, g.HealthyThreshold)
	pickInt(&out.UnhealthyThreshold, g.UnhealthyThreshold)
	return &out
}
