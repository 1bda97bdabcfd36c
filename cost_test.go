package main

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCostOfTheControls prints (go test -run TestCostOfTheControls -v, or
// make cost) the monthly fixed cost of dev and prod and what each of prod's
// production controls adds, by synthesizing prod without it.
func TestCostOfTheControls(t *testing.T) {
	cost := func(name string, off map[string]any) float64 {
		plan := synthPlan(t, withConfig(t, synthStackFile(t, name), off))
		require.NotNil(t, plan.Cost)
		return plan.Cost.MonthlyUSD
	}
	dev, prod := cost("dev", nil), cost("prod", nil)
	var lines []string
	for key, off := range map[string]any{
		"meething:waf":        map[string]any{"enabled": false},
		"meething:alarms":     map[string]any{"enabled": false},
		"meething:dualStack":  "false",
		"meething:accessLogs": map[string]any{"enabled": false},
		"meething:flowLogs":   map[string]any{"enabled": false},
		"meething:queryLogs":  map[string]any{"enabled": false},
	} {
		without := cost("prod", map[string]any{key: off})
		lines = append(lines, fmt.Sprintf("  %-22s %+7.2f USD/month", key, prod-without))
	}
	sort.Strings(lines)
	require.Greater(t, prod, dev, "prod's controls cost something")
	t.Logf("monthly fixed cost: dev %.2f USD, prod %.2f USD; what each of prod's controls adds (fixed part only):\n%s",
		dev, prod, strings.Join(lines, "\n"))
}
