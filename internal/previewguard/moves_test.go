package previewguard

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fixtures' own stack, shop, serving *.shop.example from its load
// balancer, and the hand-built edge it takes the name over from.
const (
	shopLB     = "shop-1.eu-west-1.elb.amazonaws.com"
	oldShopLB  = "old-shop-9.eu-west-1.elb.amazonaws.com"
	shopLBURN  = "urn:pulumi:shop::shop::shop:lb:Edge$aws:lb/loadBalancer:LoadBalancer::shop"
	shopRecURN = "urn:pulumi:shop::shop::shop:dns:Names$aws:route53/record:Record::"
)

// shopRecord is the inputs of an alias record of *.shop.example A to
// target, with extra inputs as key/value pairs.
func shopRecord(target string, kv ...any) map[string]any {
	in := map[string]any{"name": "*.shop.example", "type": "A", "zoneId": "Z1",
		"aliases": []any{map[string]any{"name": target, "zoneId": "Z2", "evaluateTargetHealth": true}}}
	for i := 0; i+1 < len(kv); i += 2 {
		in[kv[i].(string)] = kv[i+1]
	}
	return in
}

func weightedShopRecord(target, id string, weight int) map[string]any {
	return shopRecord(target, "setIdentifier", id, "weightedRoutingPolicies", []any{map[string]any{"weight": weight}})
}

// recordStep is a step on the record name, with its inputs before and
// after (nil: none).
func recordStep(op, name string, was, is map[string]any) string {
	s := map[string]any{"op": op, "urn": shopRecURN + name}
	if was != nil {
		s["oldState"] = map[string]any{"inputs": was}
	}
	if is != nil {
		s["newState"] = map[string]any{"inputs": is}
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// lbStep is the stack's load balancer, left alone.
const lbStep = `{"op":"same","urn":"` + shopLBURN + `","newState":{"inputs":{},"outputs":{"dnsName":"` + shopLB + `"}}}`

func TestCheckFlagsMovedNames(t *testing.T) {
	tests := []struct {
		name  string
		steps []string
		want  []string
	}{
		{"a takeover of a live record", []string{lbStep,
			recordStep("create", "wildcard", nil, shopRecord(shopLB, "allowOverwrite", true))},
			[]string{"create wildcard (aws:route53/record:Record): moves *.shop.example A to the stack's load balancer"}},
		{"a takeover whose target is known only after the update", []string{
			recordStep("create", "wildcard", nil, shopRecord("04da6b54-80e4-46f7-96ec-b56ff0331ba9", "allowOverwrite", true))},
			[]string{"create wildcard (aws:route53/record:Record): moves *.shop.example A to the stack's load balancer"}},
		{"a record in a zone the stack creates", []string{lbStep,
			recordStep("create", "wildcard", nil, shopRecord(shopLB))}, nil},
		{"weights move, both records in the preview", []string{lbStep,
			recordStep("update", "new", weightedShopRecord(shopLB, "new", 10), weightedShopRecord(shopLB, "new", 50)),
			recordStep("update", "old", weightedShopRecord(oldShopLB, "old", 90), weightedShopRecord(oldShopLB, "old", 50))},
			[]string{
				"update new (aws:route53/record:Record): *.shop.example A: 10% → 50% of answers to the stack's load balancer",
				"update old (aws:route53/record:Record): *.shop.example A: 10% → 50% of answers to the stack's load balancer",
			}},
		{"one weight moves, the other record left alone", []string{lbStep,
			recordStep("update", "new", weightedShopRecord(shopLB, "new", 10), weightedShopRecord(shopLB, "new", 90)),
			recordStep("same", "old", weightedShopRecord(oldShopLB, "old", 90), weightedShopRecord(oldShopLB, "old", 90))},
			[]string{"update new (aws:route53/record:Record): *.shop.example A: 10% → 50% of answers to the stack's load balancer"}},
		{"an alias target changed", []string{lbStep,
			recordStep("update", "wildcard", shopRecord(oldShopLB), shopRecord(shopLB))},
			[]string{"update wildcard (aws:route53/record:Record): moves *.shop.example A to the stack's load balancer"}},
		{"a set identifier changed", []string{
			recordStep("update", "wildcard", weightedShopRecord(oldShopLB, "blue", 1), weightedShopRecord(oldShopLB, "green", 1))},
			[]string{`update wildcard (aws:route53/record:Record): moves *.shop.example A to ` + oldShopLB + ` (set identifier "blue" → "green")`}},
		{"a health check removed", []string{
			recordStep("update", "wildcard", shopRecord(oldShopLB, "healthCheckId", "hc-1"), shopRecord(oldShopLB))},
			[]string{`update wildcard (aws:route53/record:Record): moves *.shop.example A to ` + oldShopLB + ` (health check "hc-1" → none)`}},
		{"the old weighted record deleted", []string{lbStep,
			recordStep("delete", "old", weightedShopRecord(oldShopLB, "old", 50), nil),
			recordStep("same", "new", weightedShopRecord(shopLB, "new", 50), weightedShopRecord(shopLB, "new", 50))},
			[]string{"delete old (aws:route53/record:Record): *.shop.example A: 50% → 100% of answers to the stack's load balancer"}},
		{"a weighted record of weight 0 deleted is an alias deleted, no more", []string{lbStep,
			recordStep("delete", "old", weightedShopRecord(oldShopLB, "old", 0), nil),
			recordStep("same", "new", weightedShopRecord(shopLB, "new", 50), weightedShopRecord(shopLB, "new", 50))},
			[]string{"delete old (aws:route53/record:Record)"}},
		{"an alias's other inputs changed", []string{lbStep,
			recordStep("update", "wildcard", shopRecord(shopLB), shopRecord(shopLB, "allowOverwrite", true))}, nil},
		{"records left alone", []string{lbStep,
			recordStep("same", "wildcard", shopRecord(shopLB, "allowOverwrite", true), shopRecord(shopLB, "allowOverwrite", true))}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings, err := Check(strings.NewReader(preview(tt.steps...)))
			require.NoError(t, err)
			var got []string
			for _, f := range findings {
				got = append(got, f.String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
