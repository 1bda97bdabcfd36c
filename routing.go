package main

import (
	"maps"
	"slices"

	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

// The configured routing in the load balancer's terms: more target groups,
// weighted forwards, rules and the default action.

func lbHealthCheck(hc stackconfig.HealthCheck) loadbalancer.HealthCheck {
	return loadbalancer.HealthCheck{
		Path:               hc.Path,
		Matcher:            hc.Matcher,
		Interval:           hc.Interval,
		Timeout:            hc.Timeout,
		HealthyThreshold:   hc.HealthyThreshold,
		UnhealthyThreshold: hc.UnhealthyThreshold,
		Port:               hc.Port,
		Protocol:           hc.Protocol,
	}
}

func lbTargetGroups(s stackconfig.Service) []loadbalancer.TargetGroupSpec {
	var out []loadbalancer.TargetGroupSpec
	for _, g := range s.TargetGroups {
		out = append(out, loadbalancer.TargetGroupSpec{
			TargetType:  g.TargetType,
			Name:        g.Name,
			Port:        g.Port,
			Protocol:    g.Protocol,
			HealthCheck: lbHealthCheck(*g.HealthCheck),
			Targets:     g.Targets,
		})
	}
	return out
}

func lbForward(f *stackconfig.Forward) *loadbalancer.Forward {
	if f == nil {
		return nil
	}
	out := &loadbalancer.Forward{Stickiness: f.Stickiness}
	for _, g := range slices.Sorted(maps.Keys(f.Weights)) {
		out.Weights = append(out.Weights, loadbalancer.Weight{Group: g, Weight: f.Weights[g]})
	}
	return out
}

func lbRules(rules []stackconfig.Rule) []loadbalancer.Rule {
	var out []loadbalancer.Rule
	for _, r := range rules {
		m := loadbalancer.Match{Hosts: r.Hosts, Paths: r.Paths, Methods: r.Methods, SourceIps: r.SourceIps}
		for _, h := range slices.Sorted(maps.Keys(r.Headers)) {
			m.Headers = append(m.Headers, loadbalancer.Header{Name: h, Values: r.Headers[h]})
		}
		for _, q := range r.QueryStrings {
			m.QueryStrings = append(m.QueryStrings, loadbalancer.QueryString{Key: q.Key, Value: q.Value})
		}
		out = append(out, loadbalancer.Rule{Name: r.Name, Priority: r.Priority, Match: m, Action: lbAction(r.Forward, r.Redirect, r.FixedResponse)})
	}
	return out
}

// lbAction is nil when none is set: under a service, the host rule's.
func lbAction(f *stackconfig.Forward, r *stackconfig.Redirect, fr *stackconfig.FixedResponse) *loadbalancer.Action {
	switch {
	case f != nil:
		return &loadbalancer.Action{Forward: lbForward(f)}
	case r != nil:
		// Validated already: the URL parses.
		p, _ := stackconfig.ParseRedirect(r.To)
		return &loadbalancer.Action{Redirect: &loadbalancer.Redirect{
			Protocol: p.Protocol, Host: p.Host, Port: p.Port, Path: p.Path, Query: p.Query, StatusCode: r.StatusCode}}
	case fr != nil:
		return &loadbalancer.Action{FixedResponse: &loadbalancer.FixedResponse{StatusCode: fr.StatusCode, ContentType: fr.ContentType, Body: fr.Body}}
	}
	return nil
}
