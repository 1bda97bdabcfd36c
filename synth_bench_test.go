package main

import (
	"fmt"
	"io"
	"testing"

	"github.com/meething/edge/internal/plandiff"
	"github.com/meething/edge/internal/replace"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

// BenchmarkSynth measures `meething synth --json` without reading the stack
// files: dev, and dev with n generated services up to the load balancer's
// quota of listener rules (stackconfig.MaxListenerRules), each with an explicit,
// distinct priority. resources/op shows the plan's size, so the time per
// resource can be read off: it should stay flat as n grows.
//
//	go test . -run '^$' -bench Synth -benchtime 5x
func BenchmarkSynth(b *testing.B) {
	dev := synthStackFile(b, "dev")
	b.Run("dev", func(b *testing.B) { benchmarkSynth(b, dev) })
	for _, n := range []int{10, 50, stackconfig.MaxListenerRules} {
		services := make([]any, n)
		for i := range services {
			services[i] = map[string]any{"name": fmt.Sprintf("svc%03d", i), "priority": i + 1}
		}
		s := withConfig(b, dev, map[string]any{"meething:services": services})
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) { benchmarkSynth(b, s) })
	}
}

func benchmarkSynth(b *testing.B, s *stackfile.Stack) {
	b.ReportAllocs()
	var resources int
	for b.Loop() {
		plan, err := synth.Run(s, stackFor(s.Keys()))
		if err != nil {
			b.Fatal(err)
		}
		if err := plan.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
		resources = len(plan.Resources)
	}
	b.ReportMetric(float64(resources), "resources/op")
}

// BenchmarkDiff measures meething diff of two plans of one stack (the
// second with one service's port changed, which replaces its target group):
// dev, and dev with 100 services. Reading the plan files is left out; the
// synth of each side is BenchmarkSynth.
//
//	go test . -run '^$' -bench Diff -benchtime 20x
func BenchmarkDiff(b *testing.B) {
	dev := synthStackFile(b, "dev")
	hundred := make([]any, stackconfig.MaxListenerRules)
	for i := range hundred {
		hundred[i] = map[string]any{"name": fmt.Sprintf("svc%03d", i), "priority": i + 1}
	}
	for name, base := range map[string]*stackfile.Stack{
		"dev":          dev,
		"services=100": withConfig(b, dev, map[string]any{"meething:services": hundred}),
	} {
		services := configList(b, base, "meething:services")
		changed := append([]any{}, services...)
		first := map[string]any{}
		for k, v := range services[0].(map[string]any) {
			first[k] = v
		}
		first["port"] = 8080
		changed[0] = first
		head := withConfig(b, base, map[string]any{"meething:services": changed})
		basePlan, headPlan := synthPlan(b, base), synthPlan(b, head)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var changes int
			for b.Loop() {
				r := plandiff.Diff(basePlan, headPlan, replace.ForcesReplacement)
				if err := r.WriteText(io.Discard); err != nil {
					b.Fatal(err)
				}
				changes = len(r.Changes)
			}
			b.ReportMetric(float64(changes), "changes/op")
			b.ReportMetric(float64(len(headPlan.Resources)), "resources/op")
		})
	}
}
