package adoption

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/stackconfig"
)

// gate returns the problems of pointing live records (records the zone
// already serves users with) at the stack's load balancer: every service a
// live name reaches through the host rules must have targets, the stack's
// own (services[].targets, which the records wait for) or stated as
// registered outside the stack (services[].externalTargets), or its users
// get the load balancer's 503; and a live apex must be served by a rule or
// a redirecting default action, not by the default 404.
func gate(cfg *stackconfig.Config, stack string, live []identity.Record) []stackconfig.Problem {
	var ps []stackconfig.Problem
	key := stackconfig.FullKey(stackconfig.KeyServices)
	hold := fmt.Sprintf("until then, %s.enabled: true without a share holds the live names where they are", stackconfig.FullKey(stackconfig.KeyCutover))
	reported := map[int]bool{}
	for _, r := range live {
		reached := false
		for i, s := range cfg.Services {
			hosts := reachedHosts(s, cfg.Domain, r.Name)
			if len(hosts) == 0 {
				continue
			}
			reached = true
			if group := groupWithoutTargets(s); group != "" && !reported[i] {
				reported[i] = true
				k := fmt.Sprintf("%s[%d].targets", key, i)
				if group != s.Name {
					k = fmt.Sprintf("%s[%d].targetGroups", key, i)
				}
				ps = append(ps, stackconfig.Problem{Key: k, Value: "none", Rule: fmt.Sprintf(
					"%q would send %s to the stack's load balancer, whose target group %s has no targets: every request would get a 503. List the targets here (the records wait for them), or register them outside the stack and set %s[%d].externalTargets: true once `make verify STACK=%s ARGS=\"--via alb\"` passes; %s",
					r.String(), strings.Join(hosts, ", "), group, key, i, stack, hold)})
			}
		}
		if r.Name == cfg.Domain && !reached && !ruleServes(cfg, r.Name) {
			ps = append(ps, stackconfig.Problem{Key: stackconfig.FullKey(stackconfig.KeyApexAlias), Value: "true", Rule: fmt.Sprintf(
				"%q serves users today and would get the load balancer's default action, the fixed 404: add a rule for %s to %s (a redirect to a service's host, say) or a service's hosts, or take the apex over later; %s",
				r.String(), r.Name, stackconfig.FullKey(stackconfig.KeyRules), hold)})
		}
	}
	return ps
}

// reachedHosts are the hosts of service s that clients find through the
// record name: the same name, or one label under the domain for the
// wildcard.
func reachedHosts(s stackconfig.Service, domain, name string) []string {
	var out []string
	hosts := s.AllHosts(domain)
	for _, rule := range s.Rules {
		hosts = append(hosts, rule.Hosts...)
	}
	for _, h := range hosts {
		if h == name || (name == "*."+domain && oneLabelUnder(h, domain)) {
			if !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	return out
}

func oneLabelUnder(host, domain string) bool {
	label, ok := strings.CutSuffix(host, "."+domain)
	return ok && label != "" && !strings.Contains(label, ".")
}

// groupWithoutTargets is the first target group of s that receives
// requests and has no targets, or "" when each has some; none does when
// the service's targets are registered outside the stack.
func groupWithoutTargets(s stackconfig.Service) string {
	if s.ExternalTargets {
		return ""
	}
	receives := func(group string) bool {
		return s.Forward == nil && group == s.Name || s.Forward != nil && s.Forward.Weights[group] > 0
	}
	if receives(s.Name) && len(s.Targets) == 0 {
		return s.Name
	}
	for _, g := range s.TargetGroups {
		if receives(g.Name) && len(g.Targets) == 0 {
			return s.Name + "-" + g.Name
		}
	}
	return ""
}

// ruleServes reports whether a stack rule matches host, or the default
// action redirects: the stack file states what the host gets.
func ruleServes(cfg *stackconfig.Config, host string) bool {
	for _, r := range cfg.Rules {
		if slices.Contains(r.Hosts, host) {
			return true
		}
	}
	return cfg.DefaultAction.Redirect != nil
}
