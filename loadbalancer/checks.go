package loadbalancer

import (
	"errors"
	"fmt"
)

// MaxTargetGroupLogicalName is the longest logical name a target group can
// have: Pulumi adds "-" and 7 random characters, and AWS allows 32.
const MaxTargetGroupLogicalName = 32 - 8

// checkServices rejects what would make AWS fail halfway through a deploy.
func checkServices(name string, services []Service) error {
	if len(services) == 0 {
		return fmt.Errorf("no services")
	}
	names := map[string]bool{}
	priorities := map[int]string{}
	for _, s := range services {
		switch {
		case s.Name == "":
			return fmt.Errorf("a service has no name")
		case s.Priority < 1 || s.Priority > 50000:
			return fmt.Errorf("service %q has rule priority %d: must be 1 to 50000", s.Name, s.Priority)
		case len(s.Hosts) > 5:
			return fmt.Errorf("service %q has %d hosts: a rule matches at most 5", s.Name, len(s.Hosts))
		case len(name+"-"+s.Name) > MaxTargetGroupLogicalName:
			return fmt.Errorf("service %q makes target group name %s-%s longer than %d characters, which leaves no room for Pulumi's random suffix",
				s.Name, name, s.Name, MaxTargetGroupLogicalName)
		}
		if names[s.Name] {
			return fmt.Errorf("service %q is listed twice", s.Name)
		}
		names[s.Name] = true
		if other, dup := priorities[s.Priority]; dup {
			return fmt.Errorf("services %q and %q share rule priority %d", other, s.Name, s.Priority)
		}
		priorities[s.Priority] = s.Name
		if len(s.Hosts) == 0 {
			return fmt.Errorf("service %q has no hosts", s.Name)
		}
	}
	return nil
}

// checkRouting rejects, beside services that checkServices passed, two
// rules with one priority, and two target groups or rules whose names would
// make the same resource.
func checkRouting(services []Service, rules []Rule) error {
	priorities := map[int]string{}
	ruleNames := map[string]bool{}
	groupNames := map[string]bool{}
	for _, s := range services {
		priorities[s.Priority] = "service " + s.Name
		ruleNames[s.Name], groupNames[s.Name] = true, true
	}
	claim := func(seen map[string]bool, what, key string) error {
		if seen[key] {
			return fmt.Errorf("two %s would be named %s", what, key)
		}
		seen[key] = true
		return nil
	}
	priority := func(p int, owner string) error {
		if p < 1 || p > 50000 {
			return fmt.Errorf("%s has priority %d: must be 1 to 50000", owner, p)
		}
		if other, dup := priorities[p]; dup {
			return fmt.Errorf("%s and %s share priority %d", other, owner, p)
		}
		priorities[p] = owner
		return nil
	}
	for _, s := range services {
		for _, g := range s.TargetGroups {
			if err := claim(groupNames, "target groups", s.Name+"-"+g.Name); err != nil {
				return err
			}
		}
		for _, r := range s.Rules {
			if err := errors.Join(priority(r.Priority, "rule "+s.Name+"-"+r.Name), claim(ruleNames, "rules", s.Name+"-"+r.Name)); err != nil {
				return err
			}
		}
	}
	for _, r := range rules {
		if err := errors.Join(priority(r.Priority, "rule rule-"+r.Name), claim(ruleNames, "rules", "rule-"+r.Name)); err != nil {
			return err
		}
	}
	return nil
}
