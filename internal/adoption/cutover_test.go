package adoption

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/stackconfig"
)

// cutoverConfig is a stack that adopts example.org, takes over its
// wildcard A and is dual-stack, at a cutover step.
func cutoverConfig(enabled bool, share *int, retire bool) *stackconfig.Config {
	cfg := stackconfig.Defaults()
	cfg.Domain = "example.org"
	cfg.ExistingZoneName = "example.org"
	cfg.DualStack = true
	cfg.TakeOverRecords = []string{"*.example.org A"}
	cfg.Cutover = stackconfig.Cutover{Enabled: enabled, Share: share, RetireOldEdge: retire, FailbackErrors: 60}
	return &cfg
}

func pct(n int) *int { return &n }

func TestPlanCutover(t *testing.T) {
	const old = "old.elb.amazonaws.com"
	simple := identity.Existing{Name: "*.example.org", Type: "A", AliasTarget: old, AliasZoneID: "ZOLD", EvaluateTargetHealth: true}
	weighted := func(set string, w int, target string) identity.Existing {
		return identity.Existing{Name: "*.example.org", Type: "A", AliasTarget: target, AliasZoneID: "ZOLD", SetIdentifier: set, Weight: w}
	}
	oldSet, newSet := weighted(identity.OldEdgeSet, 90, old), weighted(identity.NewEdgeSet, 10, "new.elb.amazonaws.com")
	held := []string{"*.example.org A adopted held"}
	oldEdge := dns.OldEdge{AliasName: old, AliasZoneID: "ZOLD", EvaluateTargetHealth: true}

	tests := []struct {
		name       string
		cfg        *stackconfig.Config
		existing   []identity.Existing
		owned      []string
		wantMoving bool
		wantOld    *dns.OldEdge
		wantHeld   bool
		// wantProblem is a piece of the one problem expected, "" for none.
		wantProblem string
	}{
		{name: "no cutover, nothing weighted", cfg: cutoverConfig(false, nil, false), existing: []identity.Existing{simple}},
		{name: "hold copies the live record", cfg: cutoverConfig(true, nil, false), existing: []identity.Existing{simple},
			wantMoving: true, wantOld: &oldEdge, wantHeld: true},
		{name: "a taken-over record the zone lacks does not move", cfg: cutoverConfig(true, nil, false)},
		{name: "the stack's own record does not move", cfg: cutoverConfig(true, nil, false), existing: []identity.Existing{simple},
			owned: []string{"*.example.org A"}},
		{name: "weights before the hold", cfg: cutoverConfig(true, pct(10), false), existing: []identity.Existing{simple},
			wantMoving: true, wantHeld: true, wantProblem: "without a share"},
		{name: "weights after the hold", cfg: cutoverConfig(true, pct(10), false), existing: []identity.Existing{simple}, owned: held,
			wantMoving: true, wantOld: &oldEdge, wantHeld: true},
		{name: "weights move", cfg: cutoverConfig(true, pct(50), false), existing: []identity.Existing{oldSet, newSet}, owned: held,
			wantMoving: true, wantOld: &dns.OldEdge{AliasName: old, AliasZoneID: "ZOLD"}, wantHeld: true},
		{name: "hold again while weighted", cfg: cutoverConfig(true, nil, false), existing: []identity.Existing{oldSet, newSet}, owned: held,
			wantMoving: true, wantHeld: true, wantProblem: "share: 0"},
		{name: "retire from the hold", cfg: cutoverConfig(true, pct(100), true), existing: []identity.Existing{simple}, owned: held,
			wantMoving: true, wantHeld: true, wantProblem: "without retireOldEdge first"},
		{name: "retired", cfg: cutoverConfig(true, pct(100), true), existing: []identity.Existing{weighted(identity.NewEdgeSet, 100, "new")}, owned: held,
			wantMoving: true, wantHeld: true},
		{name: "un-retire", cfg: cutoverConfig(true, pct(100), false), existing: []identity.Existing{weighted(identity.NewEdgeSet, 100, "new")}, owned: held,
			wantMoving: true, wantHeld: true, wantProblem: "was retired"},
		{name: "finish with the old edge weighted", cfg: cutoverConfig(false, nil, false), existing: []identity.Existing{oldSet, newSet}, owned: held,
			wantProblem: "retireOldEdge: true"},
		{name: "finish after retiring", cfg: cutoverConfig(false, nil, false), existing: []identity.Existing{weighted(identity.NewEdgeSet, 100, "new")}, owned: held},
		{name: "someone else's weighted records", cfg: cutoverConfig(true, pct(10), false), existing: []identity.Existing{weighted("blue", 1, "x")},
			wantProblem: "set identifiers the stack did not write (blue)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ps := planCutover(tc.cfg, tc.existing, tc.owned)
			assert.Equal(t, tc.wantMoving, p.Moving["wildcard-A"], "wildcard-A moves")
			assert.Equal(t, tc.wantHeld, p.Held["wildcard-AAAA"], "the wildcard's AAAA waits")
			assert.False(t, p.Moving["wildcard-AAAA"], "no AAAA moves: the zone has none")
			if tc.wantOld != nil {
				assert.Equal(t, *tc.wantOld, p.Old["wildcard-A"])
			} else if tc.wantProblem == "" {
				assert.NotContains(t, p.Old, "wildcard-A")
			}
			if tc.wantProblem == "" {
				assert.Empty(t, ps)
				return
			}
			if assert.Len(t, ps, 1) {
				assert.Contains(t, ps[0].Rule, tc.wantProblem)
				assert.True(t, strings.HasPrefix(ps[0].Key, "meething:"), "names a key: %s", ps[0].Key)
			}
		})
	}
}

func TestPlanCutoverWritesNothingWithoutAliasRecords(t *testing.T) {
	cfg := cutoverConfig(true, nil, false)
	cfg.AliasRecords = false
	p, ps := planCutover(cfg, []identity.Existing{{Name: "*.example.org", Type: "A", AliasTarget: "old"}}, nil)
	assert.Empty(t, ps)
	assert.Empty(t, p.Moving)
	assert.Empty(t, p.Held)
}

func TestCutoverPoints(t *testing.T) {
	p := cutoverPlan{Moving: map[string]bool{"wildcard-A": true}, Held: map[string]bool{"wildcard-AAAA": true}}
	assert.False(t, p.points(cutoverConfig(true, nil, false), "wildcard-A"), "held: the live record still points at the old edge")
	assert.True(t, p.points(cutoverConfig(true, pct(0), false), "wildcard-A"), "weighted: the new-edge record points at the stack, even at 0")
	assert.False(t, p.points(cutoverConfig(true, pct(50), false), "wildcard-AAAA"), "a held type is not written")
	assert.True(t, p.points(cutoverConfig(true, nil, false), "apex-A"), "a name not under cutover points at the stack")
}
