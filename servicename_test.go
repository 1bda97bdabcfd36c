package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

// TestLongestServiceNameFitsItsTargetGroup: a service named as long as
// meething:services[].name allows, and one whose second target group's
// name makes the longest key, deploy: their target groups' generated names
// (the resource name and Pulumi's 8-character suffix, as the mock makes
// them, failing like Pulumi past AWS's 32) fit. One character more is
// refused at its key before anything is registered.
func TestLongestServiceNameFitsItsTargetGroup(t *testing.T) {
	dev := synthStackFile(t, "dev")
	longest := strings.Repeat("a", stackconfig.MaxServiceNameLength)
	grouped := strings.Repeat("b", stackconfig.MaxServiceNameLength-2)
	plan := synthPlan(t, withConfig(t, dev, map[string]any{"meething:services": []any{
		map[string]any{"name": longest},
		map[string]any{"name": grouped, "targetGroups": []any{map[string]any{"name": "g"}}},
	}}))
	names := 0
	for _, tg := range plan.OfType(tokTargetGroup) {
		name, _ := tg.Outputs["name"].(string)
		assert.LessOrEqual(t, len(name), 32, "target group %s is named %q", tg.Name, name)
		names++
	}
	assert.Equal(t, 3, names)

	for _, tc := range []struct{ key, services string }{
		{"meething:services[0].name", `[{"name":"` + longest + `c"}]`},
		{"meething:services[0].targetGroups[0].name", `[{"name":"` + grouped + `","targetGroups":[{"name":"gg"}]}]`},
	} {
		_, err := synth.Run(withConfig(t, dev, map[string]any{"meething:services": tc.services}), stackFor(dev.Keys()))
		require.Error(t, err, tc.services)
		assert.Contains(t, err.Error(), tc.key+": ")
	}
}
