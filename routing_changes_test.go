package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/plandiff"
	"github.com/meething/edge/internal/replace"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
)

// Change safety of routing: each change below touches only what it must,
// and nothing users rely on is replaced.
func TestRoutingChangesTouchOnlyWhatTheyMust(t *testing.T) {
	dev := synthStackFile(t, "dev")
	blueGreen := func(api map[string]any, stackRules ...any) *stackfile.Stack {
		services := []any{api, map[string]any{"name": "config"}, map[string]any{"name": "chat"}}
		kv := map[string]any{"meething:services": services}
		if stackRules != nil {
			kv["meething:rules"] = stackRules
		}
		return withConfig(t, dev, kv)
	}
	api := func(extra map[string]any) map[string]any {
		out := map[string]any{"name": "api", "priority": 100}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	green := []any{map[string]any{"name": "green"}}
	uploads := map[string]any{"name": "uploads", "priority": 90, "paths": []any{"/upload/*"}}
	beta := map[string]any{"name": "beta", "priority": 91, "headers": map[string]any{"X-Beta": []any{"1"}}}
	www := map[string]any{"name": "www", "priority": 10, "hosts": []any{"www.dev.meething.net"},
		"redirect": map[string]any{"to": "https://dev.meething.net/#{path}?#{query}"}}
	weights := func(a, b int) map[string]any {
		return map[string]any{"weights": map[string]any{"api": a, "green": b}}
	}
	const (
		tg   = "aws:lb/targetGroup:TargetGroup"
		rule = "aws:lb/listenerRule:ListenerRule"
	)

	tests := []struct {
		name       string
		base, head *stackfile.Stack
		want       map[string]plandiff.Op
		// breaks says the change deletes what users rely on: a listener
		// rule's hosts and paths get the default action.
		breaks bool
	}{
		{
			name: "add a target group",
			base: blueGreen(api(nil)),
			head: blueGreen(api(map[string]any{"targetGroups": green})),
			want: map[string]plandiff.Op{tg + " meething-api-green": plandiff.Create},
		},
		{
			name: "start a canary: weigh the groups",
			base: blueGreen(api(map[string]any{"targetGroups": green})),
			head: blueGreen(api(map[string]any{"targetGroups": green, "forward": weights(90, 10)})),
			want: map[string]plandiff.Op{rule + " meething-api": plandiff.Update},
		},
		{
			name: "shift weights",
			base: blueGreen(api(map[string]any{"targetGroups": green, "forward": weights(90, 10)})),
			head: blueGreen(api(map[string]any{"targetGroups": green, "forward": weights(0, 100)})),
			want: map[string]plandiff.Op{rule + " meething-api": plandiff.Update},
		},
		{
			name: "add a rule to a service",
			base: blueGreen(api(nil)),
			head: blueGreen(api(map[string]any{"rules": []any{uploads}})),
			want: map[string]plandiff.Op{rule + " meething-api-uploads": plandiff.Create},
		},
		{
			name: "add a second rule before the first",
			base: blueGreen(api(map[string]any{"rules": []any{uploads}})),
			head: blueGreen(api(map[string]any{"rules": []any{beta, uploads}})),
			want: map[string]plandiff.Op{rule + " meething-api-beta": plandiff.Create},
		},
		{
			name: "add a stack rule",
			base: blueGreen(api(map[string]any{"rules": []any{uploads}})),
			head: blueGreen(api(map[string]any{"rules": []any{uploads}}), www),
			want: map[string]plandiff.Op{rule + " meething-rule-www": plandiff.Create},
		},
		{
			name:   "remove a rule",
			base:   blueGreen(api(map[string]any{"rules": []any{beta, uploads}})),
			head:   blueGreen(api(map[string]any{"rules": []any{uploads}})),
			want:   map[string]plandiff.Op{rule + " meething-api-beta": plandiff.Delete},
			breaks: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := plandiff.Diff(synthPlan(t, tc.base), synthPlan(t, tc.head), replace.ForcesReplacement)
			got := map[string]plandiff.Op{}
			for _, c := range r.Changes {
				got[c.Type+" "+c.Name] = c.Op
			}
			assert.Equal(t, tc.want, got)
			if tc.breaks {
				assert.Len(t, r.Breaking(), 1, "the deleted rule is flagged: users rely on it")
				return
			}
			assert.Empty(t, r.Breaking(), "nothing users rely on is replaced or deleted")
		})
	}
}

// TestWeightedForwardInputs: the host rule of a weighted service forwards
// by weight to both groups, with group stickiness; a service without
// weights keeps the plain forward it always had.
func TestWeightedForwardInputs(t *testing.T) {
	dev := synthStackFile(t, "dev")
	plan := synthPlan(t, withConfig(t, dev, map[string]any{"meething:services": []any{
		map[string]any{"name": "api", "targetGroups": []any{map[string]any{"name": "green", "port": 8080}},
			"forward": map[string]any{"weights": map[string]any{"api": 90, "green": 10}, "stickiness": 300}},
		map[string]any{"name": "chat"},
	}}))
	apiRule, chatRule := planResource(t, plan, "aws:lb/listenerRule:ListenerRule", "meething-api"), planResource(t, plan, "aws:lb/listenerRule:ListenerRule", "meething-chat")
	action := apiRule.Inputs["actions"].([]any)[0].(map[string]any)
	assert.Equal(t, "forward", action["type"])
	assert.Nil(t, action["targetGroupArn"])
	fwd := action["forward"].(map[string]any)
	assert.Equal(t, map[string]any{"enabled": true, "duration": float64(300)}, fwd["stickiness"])
	groups := fwd["targetGroups"].([]any)
	require.Len(t, groups, 2)
	assert.Equal(t, float64(90), groups[0].(map[string]any)["weight"])
	assert.Equal(t, float64(10), groups[1].(map[string]any)["weight"])
	greenTG := planResource(t, plan, "aws:lb/targetGroup:TargetGroup", "meething-api-green")
	assert.Equal(t, float64(8080), greenTG.Inputs["port"])
	assert.Equal(t, "green", greenTG.Inputs["tags"].(map[string]any)["TargetGroup"])

	chatAction := chatRule.Inputs["actions"].([]any)[0].(map[string]any)
	assert.NotNil(t, chatAction["targetGroupArn"], "a service without weights keeps the plain forward")
	assert.Nil(t, chatAction["forward"])
}

func planResource(t *testing.T, plan *synth.Plan, typ, name string) *synth.Resource {
	t.Helper()
	for i, r := range plan.Resources {
		if r.Type == typ && r.Name == name {
			return &plan.Resources[i]
		}
	}
	require.Failf(t, "missing resource", "no %s %s in the plan", typ, name)
	return nil
}

// A service's target type is config, not guessed from its targets: adding
// the first IP target to an ip group only registers it, and changing the
// type is shown as the replacement AWS makes of it (the type is fixed when
// the group is created), with the rule that forwards to the group updated
// to the new one.
func TestTargetTypeChanges(t *testing.T) {
	dev := synthStackFile(t, "dev")
	withAPI := func(api map[string]any) *stackfile.Stack {
		services := []any{api, map[string]any{"name": "config"}, map[string]any{"name": "chat"}}
		return withConfig(t, dev, map[string]any{"meething:services": services})
	}
	const (
		tg         = "aws:lb/targetGroup:TargetGroup"
		attachment = "aws:lb/targetGroupAttachment:TargetGroupAttachment"
		rule       = "aws:lb/listenerRule:ListenerRule"
	)
	tests := []struct {
		name       string
		base, head map[string]any
		want       map[string]plandiff.Op
	}{
		{
			name: "register the first IP target of an ip group",
			base: map[string]any{"name": "api", "targetType": "ip"},
			head: map[string]any{"name": "api", "targetType": "ip", "targets": []any{"172.31.0.10"}},
			want: map[string]plandiff.Op{attachment + " meething-api-172.31.0.10": plandiff.Create},
		},
		{
			name: "move a service to IP targets",
			base: map[string]any{"name": "api"},
			head: map[string]any{"name": "api", "targetType": "ip"},
			want: map[string]plandiff.Op{tg + " meething-api": plandiff.Replace, rule + " meething-api": plandiff.Update},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := plandiff.Diff(synthPlan(t, withAPI(tc.base)), synthPlan(t, withAPI(tc.head)), replace.ForcesReplacement)
			got := map[string]plandiff.Op{}
			for _, c := range r.Changes {
				got[c.Type+" "+c.Name] = c.Op
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
