package servingpath

import "testing"

// The fixtures' own names: a stack serving *.shop.example, its load
// balancer, and the hand-built one it takes the name over from.
const (
	stackLB = "stack-1.eu-west-1.elb.amazonaws.com"
	oldLB   = "old-edge-9.eu-west-1.elb.amazonaws.com"
)

// rec is a record of *.shop.example A: an alias to target (none: plain
// records), with extra inputs as key/value pairs.
func rec(target string, kv ...any) map[string]any {
	r := map[string]any{"name": "*.shop.example", "type": "A", "zoneId": "Z1"}
	if target != "" {
		r["aliases"] = []any{map[string]any{"name": target, "zoneId": "Z2", "evaluateTargetHealth": true}}
	} else {
		r["records"] = []any{"192.0.2.1"}
		r["ttl"] = float64(300)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		r[kv[i].(string)] = kv[i+1]
	}
	return r
}

// weightedRec is a weighted alias record of *.shop.example A.
func weightedRec(target, id string, weight float64, kv ...any) map[string]any {
	return rec(target, append([]any{"setIdentifier", id, "weightedRoutingPolicies", []any{map[string]any{"weight": weight}}}, kv...)...)
}

func TestMoves(t *testing.T) {
	stack := []string{stackLB}
	oldW90, stackW10 := weightedRec(oldLB, "old", 90), weightedRec(stackLB, "stack", 10)
	oldW50, stackW50 := weightedRec(oldLB, "old", 50), weightedRec(stackLB, "stack", 50)
	tests := []struct {
		name   string
		change RecordChange
		others []RecordChange // the plan's other records
		want   string
	}{
		{"a create over a live record", RecordChange{New: rec(stackLB, "allowOverwrite", true)}, nil,
			"moves *.shop.example A to the stack's load balancer"},
		{"a create over a live record, target not known yet", RecordChange{New: rec(Unknown, "allowOverwrite", true)}, nil,
			"moves *.shop.example A to the stack's load balancer"},
		{"a create in a zone the stack creates", RecordChange{New: rec(stackLB)}, nil, ""},
		{"a create with allowOverwrite false", RecordChange{New: rec(stackLB, "allowOverwrite", false)}, nil, ""},
		{"a plain record created over a live one", RecordChange{New: rec("", "allowOverwrite", true)}, nil, ""},
		{"the alias target changes", RecordChange{Old: rec(oldLB), New: rec(stackLB)}, nil,
			"moves *.shop.example A to the stack's load balancer"},
		{"the alias target changes to another", RecordChange{Old: rec(stackLB), New: rec(oldLB)}, nil,
			"moves *.shop.example A to " + oldLB},
		{"weights move, both weighted records in the plan", RecordChange{Old: stackW10, New: stackW50},
			[]RecordChange{{Old: oldW90, New: oldW50}}, "*.shop.example A: 10% → 50% of answers to the stack's load balancer"},
		{"the other record's weight moves", RecordChange{Old: oldW90, New: oldW50},
			[]RecordChange{{Old: stackW10, New: stackW10}}, "*.shop.example A: 10% → 16.7% of answers to the stack's load balancer"},
		{"weights all 0 share equally", RecordChange{Old: weightedRec(stackLB, "stack", 0), New: stackW10},
			[]RecordChange{{Old: weightedRec(oldLB, "old", 0), New: weightedRec(oldLB, "old", 0)}}, "*.shop.example A: 50% → 100% of answers to the stack's load balancer"},
		{"a weight moves, the other record not in the plan", RecordChange{Old: stackW10, New: stackW50}, nil,
			"moves *.shop.example A to the stack's load balancer (weight 10 → 50)"},
		{"weights between two old load balancers", RecordChange{Old: weightedRec(oldLB, "a", 90), New: weightedRec(oldLB, "a", 50)},
			[]RecordChange{{Old: weightedRec("old-2.elb.amazonaws.com", "b", 10), New: weightedRec("old-2.elb.amazonaws.com", "b", 50)}},
			"*.shop.example A: 90% → 50% of answers to " + oldLB},
		{"the set identifier changes", RecordChange{Old: weightedRec(stackLB, "blue", 10), New: weightedRec(stackLB, "green", 10)}, nil,
			`moves *.shop.example A to the stack's load balancer (set identifier "blue" → "green")`},
		{"the health check changes", RecordChange{Old: rec(stackLB, "healthCheckId", "hc-1"), New: rec(stackLB)}, nil,
			`moves *.shop.example A to the stack's load balancer (health check "hc-1" → none)`},
		{"other inputs of an alias change", RecordChange{Old: rec(stackLB), New: rec(stackLB, "allowOverwrite", true)}, nil, ""},
		{"a plain record's weight changes", RecordChange{Old: rec("", "setIdentifier", "a", "weightedRoutingPolicies", []any{map[string]any{"weight": 1.0}}),
			New: rec("", "setIdentifier", "a", "weightedRoutingPolicies", []any{map[string]any{"weight": 2.0}})}, nil, ""},
		{"a weighted record deleted", RecordChange{Old: oldW50}, []RecordChange{{Old: stackW50, New: stackW50}},
			"*.shop.example A: 50% → 100% of answers to the stack's load balancer"},
		{"a weighted record deleted, alone in the plan", RecordChange{Old: oldW50}, nil,
			"moves *.shop.example A away from " + oldLB + " (its weight 50 goes)"},
		{"a record of weight 0 deleted", RecordChange{Old: weightedRec(oldLB, "old", 0)}, []RecordChange{{Old: stackW50, New: stackW50}}, ""},
		{"an unweighted record deleted", RecordChange{Old: rec(oldLB)}, nil, ""},
		{"nothing changes", RecordChange{Old: stackW10, New: stackW10}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all := append([]RecordChange{tt.change}, tt.others...)
			if got := Moves(tt.change, all, stack); got != tt.want {
				t.Errorf("Moves:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestWeight(t *testing.T) {
	tests := []struct {
		inputs map[string]any
		want   int
		ok     bool
	}{
		{weightedRec(stackLB, "a", 10), 10, true},
		{weightedRec(stackLB, "a", 0), 0, true},
		{rec(stackLB, "weightedRoutingPolicies", []any{map[string]any{"weight": "7"}}), 7, true},
		{rec(stackLB), 0, false},
	}
	for _, tt := range tests {
		if got, ok := Weight(tt.inputs); got != tt.want || ok != tt.ok {
			t.Errorf("Weight(%v) = %d, %v; want %d, %v", tt.inputs, got, ok, tt.want, tt.ok)
		}
	}
}
