package main

import (
	"fmt"
	"io"
	"testing"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

// BenchmarkSynth measures `meething synth --json` without reading the stack
// files: dev, and dev with n generated services up to the load balancer's
// quota of listener rules (stackconfig.MaxServices), each with an explicit,
// distinct priority. resources/op shows the plan's size, so the time per
// resource can be read off: it should stay flat as n grows.
//
//	go test . -run '^$' -bench Synth -benchtime 5x
func BenchmarkSynth(b *testing.B) {
	dev := synthStackFile(b, "dev")
	b.Run("dev", func(b *testing.B) { benchmarkSynth(b, dev) })
	for _, n := range []int{10, 50, stackconfig.MaxServices} {
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
		plan, err := synth.Run(s, stackFor(configKeys(s.Config)))
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
