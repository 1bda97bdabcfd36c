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
		plan := synthPlan(t, withConfig(t, committedStackFile(t, name), off))
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

// TestNoPublicIpv4Saves: an ALB without public IPv4 (dual-stack, IPv6
// clients only) does without the addresses AWS charges for, one per zone.
func TestNoPublicIpv4Saves(t *testing.T) {
	dev := synthStackFile(t, "dev")
	dual := synthPlan(t, withConfig(t, dev, map[string]any{"meething:dualStack": "true"}))
	v6 := synthPlan(t, withConfig(t, dev, map[string]any{"meething:dualStack": "true", "meething:loadBalancer": map[string]any{"publicIpv4": false}}))
	require.NotNil(t, dual.Cost)
	require.NotNil(t, v6.Cost)
	saving := dual.Cost.MonthlyUSD - v6.Cost.MonthlyUSD
	require.InDelta(t, 14.60, saving, 0.001, "four zones' addresses at 0.005 USD an hour")
	t.Logf("dualstack-without-public-ipv4 saves %.2f USD/month in dev's four zones", saving)
	for _, r := range v6.OfType("aws:lb/loadBalancer:LoadBalancer") {
		require.Equal(t, "dualstack-without-public-ipv4", r.Inputs["ipAddressType"])
	}
}
