package stackconfig

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

var (
	pathPattern  = lazy(`^[A-Za-z0-9_\-.$/~"'@:+&*?]{1,128}$`)
	headerName   = lazy(`^[A-Za-z0-9!#$%&'+.^_` + "`" + `|~-]{1,40}$`)
	methodName   = lazy(`^[A-Z_-]{1,40}$`)
	groupNameRun = lazy(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
)

// hostRule is a rule that matches on hosts alone, which shadows any later
// rule for a subset of its hosts.
type hostRule struct {
	owner    string
	priority int
	hosts    []string
}

// validateRouting checks the services' target groups, forwards and rules,
// the stack's rules and the default action, and that every priority on the
// listener is distinct and every rule can match.
func validateRouting(cfg *Config, vpc netip.Prefix, vpcOK bool, ps *problems) {
	key := FullKey(KeyServices)
	priorities := map[int]string{}
	var hostRules []hostRule
	total := len(cfg.Services)
	for _, s := range cfg.Services {
		p := s.RulePriority()
		if _, dup := priorities[p]; !dup {
			priorities[p] = fmt.Sprintf("service %q's host rule", s.Name)
		}
		hostRules = append(hostRules, hostRule{fmt.Sprintf("service %q's host rule", s.Name), p, s.AllHosts(cfg.Domain)})
	}
	for i, s := range cfg.Services {
		k := fmt.Sprintf("%s[%d]", key, i)
		validateExtraGroups(k, s, vpc, vpcOK, ps)
		if s.Forward != nil {
			validateForward(k+".forward", *s.Forward, s, ps)
		}
		names := map[string]bool{}
		for j, r := range s.Rules {
			rk := fmt.Sprintf("%s.rules[%d]", k, j)
			total++
			if !dnsLabel.MatchString(r.Name) {
				ps.add(rk+".name", r.Name, "is not a rule name: 1 to 63 lowercase letters, digits and inner hyphens")
			} else if names[r.Name] {
				ps.add(rk+".name", r.Name, "is already the name of another rule of service %q", s.Name)
			}
			names[r.Name] = true
			validateRule(rk, r, cfg, &s, priorities, hostRules, ps)
		}
	}
	names := map[string]bool{}
	for j, r := range cfg.Rules {
		rk := fmt.Sprintf("%s[%d]", FullKey(KeyRules), j)
		total++
		if !dnsLabel.MatchString(r.Name) {
			ps.add(rk+".name", r.Name, "is not a rule name: 1 to 63 lowercase letters, digits and inner hyphens")
		} else if names[r.Name] {
			ps.add(rk+".name", r.Name, "is already the name of another rule in %s", FullKey(KeyRules))
		}
		names[r.Name] = true
		if r.ConditionValues() == 0 {
			ps.add(rk, r.Name, "has no condition: give it hosts, paths, headers, methods, queryStrings or sourceIps")
		}
		validateRule(rk, r, cfg, nil, priorities, hostRules, ps)
	}
	validateResourceNames(cfg, ps)
	if total > cfg.Quotas.RulesPerLoadBalancer {
		ps.add(key, fmt.Sprintf("%d rules", total), "with the services' rules and %s exceeds the load balancer's quota of %d listener rules (%s.rulesPerLoadBalancer)", FullKey(KeyRules), cfg.Quotas.RulesPerLoadBalancer, FullKey(KeyQuotas))
	}
	da := cfg.DefaultAction
	dk := FullKey(KeyDefaultAction)
	if names, _ := da.given(); len(names) > 1 {
		_, answers := actionKinds()
		ps.add(dk, andList(names), "must be one action: %s", orList(answers))
	}
	da.check(actionAt{key: dk, isDefault: true}, ps)
}

// validateResourceNames rejects a target group or rule whose resource name
// (meething-<service>-<group>, meething-<service>-<rule>, meething-rule-<name>)
// is another's, such as group green of api beside a service api-green.
func validateResourceNames(cfg *Config, ps *problems) {
	groups, rules := map[string]string{}, map[string]string{}
	for _, s := range cfg.Services {
		groups[s.Name] = fmt.Sprintf("service %q", s.Name)
		rules[s.Name] = fmt.Sprintf("service %q's host rule", s.Name)
	}
	claim := func(seen map[string]string, name, k, value, owner string) {
		if other, dup := seen[name]; dup {
			ps.add(k, value, "makes the resource meething-%s, which is already %s: rename one", name, other)
			return
		}
		seen[name] = owner
	}
	key := FullKey(KeyServices)
	for i, s := range cfg.Services {
		for j, g := range s.TargetGroups {
			claim(groups, s.Name+"-"+g.Name, fmt.Sprintf("%s[%d].targetGroups[%d].name", key, i, j), g.Name, fmt.Sprintf("target group %q of service %q", g.Name, s.Name))
		}
		for j, r := range s.Rules {
			claim(rules, s.Name+"-"+r.Name, fmt.Sprintf("%s[%d].rules[%d].name", key, i, j), r.Name, fmt.Sprintf("rule %q of service %q", r.Name, s.Name))
		}
	}
	for j, r := range cfg.Rules {
		claim(rules, "rule-"+r.Name, fmt.Sprintf("%s[%d].name", FullKey(KeyRules), j), r.Name, fmt.Sprintf("rule %q of %s", r.Name, FullKey(KeyRules)))
	}
}

// validateRule checks one rule's priority, conditions and action; s is
// nil for a stack rule.
func validateRule(rk string, r Rule, cfg *Config, s *Service, priorities map[int]string, hostRules []hostRule, ps *problems) {
	owner := fmt.Sprintf("rule %q", r.Name)
	if s != nil {
		owner = fmt.Sprintf("service %q's rule %q", s.Name, r.Name)
	}
	if !rulePriorities.Holds(r.Priority) {
		ps.add(rk+".priority", strconv.Itoa(r.Priority), "%s: a rule's priority is required, and orders it before or after the host rules", rulePriorities.Rule())
	} else if other, dup := priorities[r.Priority]; dup {
		ps.add(rk+".priority", strconv.Itoa(r.Priority), "is already the priority of %s", other)
	} else {
		priorities[r.Priority] = owner
		for _, h := range hostRules {
			if h.priority < r.Priority && len(r.Hosts) > 0 && subsetFold(r.Hosts, h.hosts) {
				ps.add(rk+".priority", strconv.Itoa(r.Priority), "never matches: %s (priority %d) matches the same hosts first; give this rule a priority below %d", h.owner, h.priority, h.priority)
				break
			}
		}
	}
	if n := r.ConditionValues(); n > MaxConditionValues {
		ps.add(rk, r.Name, "has %d condition values: AWS allows %d per rule, counting every host, path, header value, method, query pair and source IP", n, MaxConditionValues)
	}
	if n := r.Wildcards(); n > MaxConditionWildcards {
		ps.add(rk, r.Name, "%s", wildcardRule(n, "the rule"))
	}
	for i, h := range r.Hosts {
		hk := fmt.Sprintf("%s.hosts[%d]", rk, i)
		if !isHostHeader(h) {
			ps.add(hk, h, "%s", hostHeaderRule)
		} else if isDNSName(cfg.Domain) && !strings.ContainsAny(h, "*?") && cfg.uncovered(h) {
			ps.add(hk, h, "%s", uncoveredRule(cfg))
		}
	}
	for i, p := range r.Paths {
		if !pathPattern.MatchString(p) || !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "*") {
			ps.add(fmt.Sprintf("%s.paths[%d]", rk, i), p, "is not a path pattern: 1 to 128 characters starting with / (or *), of letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * ?")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.Headers)) {
		hk := rk + ".headers." + name
		if !headerName.MatchString(name) {
			ps.add(hk, name, "is not a header name: 1 to 40 letters, digits and !#$%%&'+.^_`|~- (no wildcards)")
		} else if strings.EqualFold(name, "host") {
			ps.add(hk, name, "is matched with hosts: use the rule's hosts")
		}
		if len(r.Headers[name]) == 0 {
			ps.add(hk, "[]", "must list at least one value")
		}
		for i, v := range r.Headers[name] {
			if v == "" || len(v) > MaxConditionLength {
				ps.add(fmt.Sprintf("%s[%d]", hk, i), v, "must be 1 to %d characters", MaxConditionLength)
			}
		}
	}
	for i, m := range r.Methods {
		if !methodName.MatchString(m) {
			ps.add(fmt.Sprintf("%s.methods[%d]", rk, i), m, "is not an HTTP method: 1 to 40 uppercase letters, _ and - (GET, POST, ...), no wildcards")
		}
	}
	for i, q := range r.QueryStrings {
		qk := fmt.Sprintf("%s.queryStrings[%d]", rk, i)
		if q.Value == "" || len(q.Value) > MaxConditionLength {
			ps.add(qk+".value", q.Value, "must be 1 to %d characters", MaxConditionLength)
		}
		if len(q.Key) > MaxConditionLength {
			ps.add(qk+".key", q.Key, "must be at most %d characters, or left out to match the value under any key", MaxConditionLength)
		}
	}
	for i, c := range r.SourceIps {
		if p, err := netip.ParsePrefix(c); err != nil || p.Masked() != p {
			ps.add(fmt.Sprintf("%s.sourceIps[%d]", rk, i), c, "is not a CIDR block such as 203.0.113.0/24 or 2001:db8::/32")
		}
	}

	names, _ := r.given()
	all, answers := actionKinds()
	if len(names) > 1 {
		ps.add(rk, r.Name, "has %d actions: give one of %s", len(names), andList(all))
	}
	if s == nil && len(names) == 0 {
		var some []string
		for _, a := range answers {
			some = append(some, "a "+a)
		}
		ps.add(rk, r.Name, "has no action: give %s", orList(some))
	}
	r.check(actionAt{key: rk, hosts: r.Hosts, service: s}, ps)
}

func subsetFold(a, b []string) bool {
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return strings.EqualFold(x, y) }) {
			return false
		}
	}
	return true
}
