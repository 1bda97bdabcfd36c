package adoption

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/stackconfig"
)

func TestGate(t *testing.T) {
	wildcard := identity.Record{Key: "record/wildcard-A", Name: "*.example.org", Type: "A"}
	apex := identity.Record{Key: "record/apex-A", Name: "example.org", Type: "A"}
	svc := func(name string, edit func(*stackconfig.Service)) stackconfig.Service {
		s := stackconfig.DefaultService(name)
		if edit != nil {
			edit(&s)
		}
		return s
	}
	targets := func(s *stackconfig.Service) { s.Targets = []string{"i-0123456789abcdef0"} }
	external := func(s *stackconfig.Service) { s.ExternalTargets = true }

	tests := []struct {
		name     string
		services []stackconfig.Service
		rules    []stackconfig.Rule
		redirect bool
		live     []identity.Record
		// wantKeys are the keys of the problems, in order.
		wantKeys []string
	}{
		{name: "nothing live", services: []stackconfig.Service{svc("web", nil)}},
		{name: "a live wildcard and no targets", services: []stackconfig.Service{svc("web", nil), svc("ws", targets)},
			live: []identity.Record{wildcard}, wantKeys: []string{"meething:services[0].targets"}},
		{name: "targets of the stack or outside it", services: []stackconfig.Service{svc("web", external), svc("ws", targets)},
			live: []identity.Record{wildcard}},
		{name: "a service the wildcard does not reach", services: []stackconfig.Service{svc("web", func(s *stackconfig.Service) { s.Name = "a.b" })},
			live: []identity.Record{wildcard}},
		{name: "a weighted group without targets", services: []stackconfig.Service{svc("web", func(s *stackconfig.Service) {
			targets(s)
			s.TargetGroups = []stackconfig.TargetGroup{{Name: "green"}}
			s.Forward = &stackconfig.Forward{Weights: map[string]int{"web": 90, "green": 10}}
		})}, live: []identity.Record{wildcard}, wantKeys: []string{"meething:services[0].targetGroups"}},
		{name: "a group at weight 0 needs none", services: []stackconfig.Service{svc("web", func(s *stackconfig.Service) {
			targets(s)
			s.TargetGroups = []stackconfig.TargetGroup{{Name: "green"}}
			s.Forward = &stackconfig.Forward{Weights: map[string]int{"web": 100, "green": 0}}
		})}, live: []identity.Record{wildcard}},
		{name: "a live apex with no rule gets the 404", services: []stackconfig.Service{svc("web", external)},
			live: []identity.Record{apex}, wantKeys: []string{"meething:apexAlias"}},
		{name: "a live apex redirected by a rule", services: []stackconfig.Service{svc("web", external)},
			rules: []stackconfig.Rule{{Name: "apex", Hosts: []string{"example.org"}, Action: stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://web.example.org/"}}}},
			live:  []identity.Record{apex}},
		{name: "a live apex served by a service's host", services: []stackconfig.Service{svc("web", func(s *stackconfig.Service) {
			external(s)
			s.Hosts = []string{"example.org"}
		})}, live: []identity.Record{apex}},
		{name: "a live apex without targets behind it", services: []stackconfig.Service{svc("web", func(s *stackconfig.Service) { s.Hosts = []string{"example.org"} })},
			live: []identity.Record{apex}, wantKeys: []string{"meething:services[0].targets"}},
		{name: "a redirecting default action serves the apex", services: []stackconfig.Service{svc("web", external)}, redirect: true,
			live: []identity.Record{apex}},
		{name: "one problem per service, all services", services: []stackconfig.Service{svc("web", nil), svc("ws", nil)},
			live:     []identity.Record{wildcard, {Key: "record/wildcard-AAAA", Name: "*.example.org", Type: "AAAA"}},
			wantKeys: []string{"meething:services[0].targets", "meething:services[1].targets"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := stackconfig.Defaults()
			cfg.Domain = "example.org"
			cfg.Services = tc.services
			cfg.Rules = tc.rules
			if tc.redirect {
				cfg.DefaultAction = stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://web.example.org/"}}
			}
			var keys []string
			for _, p := range gate(&cfg, "prod", tc.live) {
				keys = append(keys, p.Key)
				assert.Contains(t, p.Rule, "example.org", "names the host")
			}
			assert.Equal(t, tc.wantKeys, keys)
		})
	}
}

func TestGateAdviceIsSafe(t *testing.T) {
	cfg := stackconfig.Defaults()
	cfg.Domain = "example.org"
	cfg.Services = []stackconfig.Service{stackconfig.DefaultService("web")}
	ps := gate(&cfg, "prod", []identity.Record{{Key: "record/wildcard-A", Name: "*.example.org", Type: "A"}})
	if assert.Len(t, ps, 1) {
		rule := ps[0].Rule
		assert.Contains(t, rule, `"*.example.org A" would send web.example.org`)
		assert.Contains(t, rule, "once `make verify STACK=prod ARGS=\"--via alb\"` passes", "externalTargets only after the new edge answers")
		assert.Contains(t, rule, "meething:cutover.enabled: true without a share holds the live names", "the safe step meanwhile")
	}
}

// TestMovedRecords: a live record is gated when this run moves it (taken
// over now, weighted toward the stack, or held until the last run, which
// the owner record says even once the takeover entry is gone), and not
// when the stack already points it at its own load balancer.
func TestMovedRecords(t *testing.T) {
	live := []identity.Existing{{Name: "*.example.org", Type: "A", AliasTarget: "somewhere"}}
	tests := []struct {
		name  string
		taken bool
		owned []string
		want  []string
	}{
		{"taken over now", true, nil, []string{"record/wildcard-A"}},
		{"the end of a hold", false, []string{"*.example.org A adopted held"}, []string{"record/wildcard-A"}},
		{"already the stack's", false, []string{"*.example.org A adopted"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := cutoverConfig(false, nil, false)
			pf := &Plan{zoneCheck: Check{TakenOver: map[string]bool{"record/wildcard-A": tc.taken}}}
			var got []string
			for _, r := range pf.movedRecords(cfg, live, tc.owned) {
				got = append(got, r.Key)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
