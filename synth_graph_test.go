package main

import (
	"sort"
	"strings"

	"github.com/meething/edge/internal/synth"
)

// planGraph is the dependency graph of a synthesized plan, read only from
// the plan (the JSON-level view), not from the mock.
type planGraph struct {
	plan     *synth.Plan
	byURN    map[string]*synth.Resource
	children map[string][]string
}

func newPlanGraph(p *synth.Plan) *planGraph {
	g := &planGraph{plan: p, byURN: map[string]*synth.Resource{}, children: map[string][]string{}}
	for i := range p.Resources {
		r := &p.Resources[i]
		g.byURN[r.URN] = r
		g.children[r.Parent] = append(g.children[r.Parent], r.URN)
	}
	return g
}

// deps returns what the resource waits for, custom resources only: a
// dependency on a component stands for every custom resource under it.
func (g *planGraph) deps(urn string) []string {
	seen := map[string]bool{}
	var out []string
	var add func(u string)
	add = func(u string) {
		if seen[u] {
			return
		}
		seen[u] = true
		r := g.byURN[u]
		if r == nil {
			return
		}
		if r.Custom {
			out = append(out, u)
			return
		}
		for _, c := range g.children[u] {
			add(c)
		}
	}
	if r := g.byURN[urn]; r != nil {
		for _, d := range r.Dependencies {
			add(d)
		}
	}
	sort.Strings(out)
	return out
}

// dependsOn reports whether from waits for to, directly or through others.
func (g *planGraph) dependsOn(from, to string) bool {
	seen := map[string]bool{}
	var walk func(u string) bool
	walk = func(u string) bool {
		for _, d := range g.deps(u) {
			if d == to {
				return true
			}
			if !seen[d] {
				seen[d] = true
				if walk(d) {
					return true
				}
			}
		}
		return false
	}
	return walk(from)
}

// longestChain returns the longest dependency chain of custom resources,
// first created first: the number of resources a deployment must create one
// after the other. Ties go to the chain whose URNs sort first.
func (g *planGraph) longestChain() []string {
	memo := map[string][]string{}
	var longest func(u string) []string // the longest chain ending at u
	longest = func(u string) []string {
		if c, ok := memo[u]; ok {
			return c
		}
		memo[u] = []string{u} // a cycle (there should be none) stops here
		var best []string
		for _, d := range g.deps(u) {
			if c := longest(d); len(c) > len(best) {
				best = c
			}
		}
		chain := append(append([]string{}, best...), u)
		memo[u] = chain
		return chain
	}
	var best []string
	for _, r := range g.plan.Resources {
		if r.Custom {
			if c := longest(r.URN); len(c) > len(best) {
				best = c
			}
		}
	}
	return best
}

// shortURN is the type and name of a URN, for messages.
func shortURN(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return urn
	}
	typ := parts[2]
	if i := strings.LastIndex(typ, "$"); i >= 0 {
		typ = typ[i+1:]
	}
	return typ + " " + parts[3]
}
