package verify

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/internal/synth"
)

// Resource types the promise is read from.
const (
	typeListener     = "aws:lb/listener:Listener"
	typeRule         = "aws:lb/listenerRule:ListenerRule"
	typeTargetGroup  = "aws:lb/targetGroup:TargetGroup"
	typeLoadBalancer = "aws:lb/loadBalancer:LoadBalancer"
	typeRecord       = "aws:route53/record:Record"
)

// responseHeaders maps the HTTPS listener's header attributes to the
// headers they add.
var responseHeaders = map[string]string{
	"routingHttpResponseStrictTransportSecurityHeaderValue":       "Strict-Transport-Security",
	"routingHttpResponseContentSecurityPolicyHeaderValue":         "Content-Security-Policy",
	"routingHttpResponseXContentTypeOptionsHeaderValue":           "X-Content-Type-Options",
	"routingHttpResponseXFrameOptionsHeaderValue":                 "X-Frame-Options",
	"routingHttpResponseAccessControlAllowOriginHeaderValue":      "Access-Control-Allow-Origin",
	"routingHttpResponseAccessControlAllowMethodsHeaderValue":     "Access-Control-Allow-Methods",
	"routingHttpResponseAccessControlAllowHeadersHeaderValue":     "Access-Control-Allow-Headers",
	"routingHttpResponseAccessControlExposeHeadersHeaderValue":    "Access-Control-Expose-Headers",
	"routingHttpResponseAccessControlAllowCredentialsHeaderValue": "Access-Control-Allow-Credentials",
	"routingHttpResponseAccessControlMaxAgeHeaderValue":           "Access-Control-Max-Age",
}

// rule is a listener rule of the HTTPS listener, as far as the checks can
// evaluate it.
type rule struct {
	name     string
	priority int
	hosts    []string // host-header patterns
	paths    []string // path patterns
	// never says the rule matches only requests with headers or a query
	// the probe does not send, or methods other than GET; unsure names
	// conditions the probe may or may not meet (its source address).
	never  bool
	unsure string
	action Action
}

// plain says the rule matches on hosts alone.
func (r rule) plain() bool { return len(r.paths) == 0 && !r.never && r.unsure == "" }

// FromPlan reads what a stack promises from its offline plan: the hosts of
// its HTTPS listener's rules, the apex when an alias record points it at the
// load balancer, and a host under the wildcard that no rule matches (named
// UnmatchedLabel), each with the answer that listener gives it; the response
// headers; the default action; the protocols. The load balancer's DNS name
// and the name servers are left empty: the plan's are made up (see
// ApplyOutputs).
func FromPlan(plan *synth.Plan, domain string) (*Promise, error) {
	p := &Promise{Stack: plan.Stack, Domain: domain, IPv4: true, Headers: map[string]string{}}
	var https *synth.Resource
	for _, l := range plan.OfType(typeListener) {
		if l.Inputs["protocol"] == "HTTPS" {
			https = l
		}
	}
	if https == nil {
		return nil, fmt.Errorf("the plan of stack %s has no HTTPS listener", plan.Stack)
	}
	for attr, header := range responseHeaders {
		if v, ok := https.Inputs[attr].(string); ok && v != "" {
			p.Headers[header] = v
		}
	}
	groups := map[string]Action{}
	for _, tg := range plan.OfType(typeTargetGroup) {
		a := Action{Type: lbaction.TypeForward, TargetGroup: tg.Name, HealthPath: "/"}
		if hc, ok := tg.Inputs["healthCheck"].(map[string]any); ok {
			if s, ok := hc["path"].(string); ok && s != "" {
				a.HealthPath = s
			}
			a.Matcher, _ = hc["matcher"].(string)
		}
		if tg.Inputs["protocolVersion"] == "GRPC" {
			a.Matcher = "grpc:" + a.Matcher // gRPC codes, not HTTP's
		}
		groups[arnOf(tg)] = a
	}
	p.Default = action(first(https.Inputs["defaultActions"]), groups)

	var rules []rule
	for _, r := range plan.OfType(typeRule) {
		if r.Inputs["listenerArn"] != arnOf(https) {
			continue
		}
		rules = append(rules, readRule(r, groups))
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].priority < rules[j].priority })

	for _, lb := range plan.OfType(typeLoadBalancer) {
		switch lb.Inputs["ipAddressType"] {
		case "dualstack":
			p.IPv6 = true
		case "dualstack-without-public-ipv4":
			p.IPv4, p.IPv6 = false, true
		}
	}
	apex := false
	for _, rec := range plan.OfType(typeRecord) {
		if _, alias := rec.Inputs["aliases"]; !alias || strings.HasSuffix(rec.Name, "-"+identity.OldEdgeSet) {
			continue // the old edge's records of a cutover point elsewhere
		}
		switch strings.TrimSuffix(fmt.Sprint(rec.Inputs["name"]), ".") {
		case "*." + domain:
			p.Aliased = true
		case domain:
			apex, p.Aliased = true, true
		}
	}

	// Each concrete host of a rule, the apex, and the unmatched probe.
	seen := map[string]bool{}
	add := func(name, path string) {
		name = strings.ToLower(name)
		if seen[name] {
			return
		}
		seen[name] = true
		h := Host{Name: name, Path: path, Kind: KindDefault, Expect: p.Default}
		if r := match(rules, name, path); r != nil {
			h.Rule, h.Expect, h.Unsure = r.name, r.action, r.unsure
			h.Kind = Kind(r.action.Type) // a rule that answers itself: its type
			if r.action.Type == lbaction.TypeForward {
				h.Kind = KindService
			}
		}
		p.Hosts = append(p.Hosts, h)
	}
	// A host's path is that of its first rule on hosts alone, else of its
	// first rule.
	for _, pass := range []bool{true, false} {
		for _, r := range rules {
			for _, host := range r.hosts {
				if !strings.ContainsAny(host, "*?") && (r.plain() || !pass) {
					add(host, r.probePath())
				}
			}
		}
	}
	if apex {
		add(domain, "/")
	}
	add(UnmatchedLabel+"."+domain, "/")
	sort.Slice(p.Hosts, func(i, j int) bool { return p.Hosts[i].Name < p.Hosts[j].Name })
	return p, nil
}

// SetSignatures gives each service host of p the signature that byHost
// (host name to signature, as the stack file's services[i].answer says for
// each of the service's hosts) names for it: that host's health-path answer
// must carry it. Hosts another rule answers keep none.
func (p *Promise) SetSignatures(byHost map[string]Signature) {
	for i, h := range p.Hosts {
		if sig, ok := byHost[strings.ToLower(h.Name)]; ok && h.Kind == KindService {
			p.Hosts[i].Signature = &sig
		}
	}
}

// probePath is the path a check of the rule's host requests: the health
// path of a forward, else a path the rule's first path pattern matches
// (each * as "meething-verify"), else /.
func (r rule) probePath() string {
	if r.action.Type == lbaction.TypeForward && len(r.paths) == 0 {
		return r.action.HealthPath
	}
	if len(r.paths) > 0 {
		p := strings.NewReplacer("*", "meething-verify", "?", "x").Replace(r.paths[0])
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		return p
	}
	return "/"
}

// readRule reads a rule of the HTTPS listener from its plan inputs: the
// conditions as package lbaction reads them, and its action.
func readRule(r *synth.Resource, groups map[string]Action) rule {
	c := lbaction.ReadConditions(r.Inputs["conditions"])
	out := rule{name: r.Name, priority: toInt(r.Inputs["priority"]), hosts: c.Hosts, paths: c.Paths,
		never: len(c.Others) > 0 || len(c.Methods) > 0 && !slices.Contains(c.Methods, "GET")}
	if len(c.SourceIps) > 0 {
		out.unsure = fmt.Sprintf("rule %s matches some source addresses only", r.Name)
	}
	acts, _ := r.Inputs["actions"].([]any)
	for _, a := range acts {
		if act := action(a, groups); act.Type != "" {
			out.action = act
		}
	}
	return out
}

// action is what one action of a listener or rule promises, read from
// the plan as package lbaction describes it: a forward's target group
// (groups, by ARN), else what the action answers itself.
func action(v any, groups map[string]Action) Action {
	a, err := lbaction.Decode(v)
	if err != nil {
		return Action{}
	}
	if a.Type == lbaction.TypeForward {
		if g := a.FirstGroup(); g != "" {
			return groups[g]
		}
		return Action{Type: a.Type}
	}
	answer, _ := a.Answer()
	return Action{Type: a.Type, Answer: answer}
}

func arnOf(r *synth.Resource) string {
	if s, ok := r.Outputs["arn"].(string); ok && s != "" {
		return s
	}
	return r.ID
}

func first(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return nil
}

func toInt(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int:
		return n
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}
