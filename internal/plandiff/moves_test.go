package plandiff

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/synth"
)

// The fixtures' own stack: a load balancer serving *.shop.example, and the
// hand-built one whose name it takes over.
const (
	shopLB  = "shop-1.eu-west-1.elb.amazonaws.com"
	otherLB = "old-shop-9.eu-west-1.elb.amazonaws.com"
	typeRec = "aws:route53/record:Record"
)

func shopLoadBalancer() synth.Resource {
	r := res("lb", "aws:lb/loadBalancer:LoadBalancer", map[string]any{"name": "shop"})
	r.Outputs = map[string]any{"dnsName": shopLB}
	return r
}

// alias is an alias record of *.shop.example A named urn, to target, with
// extra inputs as key/value pairs.
func alias(urn, target string, kv ...any) synth.Resource {
	in := map[string]any{"name": "*.shop.example", "type": "A", "zoneId": "Z1",
		"aliases": []any{map[string]any{"name": target, "zoneId": "Z2", "evaluateTargetHealth": true}}}
	for i := 0; i+1 < len(kv); i += 2 {
		in[kv[i].(string)] = kv[i+1]
	}
	return res(urn, typeRec, in)
}

// weightedAlias is alias with a set identifier and a weight.
func weightedAlias(urn, target string, weight float64) synth.Resource {
	return alias(urn, target, "setIdentifier", urn, "weightedRoutingPolicies", []any{map[string]any{"weight": weight}})
}

func TestDiffMarksMovedNames(t *testing.T) {
	lb := shopLoadBalancer()
	tests := []struct {
		name       string
		base, head *synth.Plan
		// moves are the changes' Moves by name; none flags no change.
		moves map[string]string
		text  []string // lines of the text report
	}{
		{name: "a takeover of a live record is flagged",
			base: plan(lb), head: plan(lb, alias("wildcard", shopLB, "allowOverwrite", true)),
			moves: map[string]string{"wildcard": "moves *.shop.example A to the stack's load balancer"},
			text: []string{"  +  create Record wildcard [users rely on it]\n       moves *.shop.example A to the stack's load balancer\n",
				"1 change(s) would move a live name users rely on: Record wildcard (create): moves *.shop.example A to the stack's load balancer\n"}},
		{name: "a record in a zone the stack creates is not",
			base: plan(lb), head: plan(lb, alias("wildcard", shopLB))},
		{name: "weights moving between the old and the stack's load balancer",
			base:  plan(lb, weightedAlias("old", otherLB, 90), weightedAlias("new", shopLB, 10)),
			head:  plan(lb, weightedAlias("old", otherLB, 50), weightedAlias("new", shopLB, 50)),
			moves: map[string]string{"old": "*.shop.example A: 10% → 50% of answers to the stack's load balancer", "new": "*.shop.example A: 10% → 50% of answers to the stack's load balancer"},
			text:  []string{"  ~  update Record new [users rely on it]\n       *.shop.example A: 10% → 50% of answers to the stack's load balancer\n       weightedRoutingPolicies[0].weight: 10 => 50\n"}},
		{name: "an alias moved to another target",
			base: plan(lb, alias("wildcard", otherLB)), head: plan(lb, alias("wildcard", shopLB)),
			moves: map[string]string{"wildcard": "moves *.shop.example A to the stack's load balancer"}},
		{name: "the old weighted record deleted",
			base:  plan(lb, weightedAlias("old", otherLB, 50), weightedAlias("new", shopLB, 50)),
			head:  plan(lb, weightedAlias("new", shopLB, 50)),
			moves: map[string]string{"old": "*.shop.example A: 50% → 100% of answers to the stack's load balancer"},
			text:  []string{"  -  delete Record old [users rely on it]\n       *.shop.example A: 50% → 100% of answers to the stack's load balancer\n"}},
		{name: "an alias's other inputs are not",
			base: plan(lb, alias("wildcard", shopLB)), head: plan(lb, alias("wildcard", shopLB, "allowOverwrite", true))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Diff(tt.base, tt.head, forces)
			got := map[string]string{}
			for _, c := range r.Changes {
				if c.Moves != "" {
					got[c.Name] = c.Moves
					assert.True(t, c.ReliedOn, "%s moves a name: users rely on it", c.Name)
				}
			}
			if tt.moves == nil {
				tt.moves = map[string]string{}
			}
			assert.Equal(t, tt.moves, got)
			assert.Len(t, r.Breaking(), len(tt.moves), "each move is breaking: diff exits 3")
			var b strings.Builder
			require.NoError(t, r.WriteText(&b))
			for _, line := range tt.text {
				assert.Contains(t, b.String(), line)
			}
			if len(tt.moves) == 0 {
				assert.NotContains(t, b.String(), "move a live name")
			}
			var j strings.Builder
			require.NoError(t, r.WriteJSON(&j))
			for _, m := range tt.moves {
				assert.Contains(t, j.String(), `"moves": "`+m+`"`)
			}
		})
	}
}
