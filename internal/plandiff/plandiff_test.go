package plandiff

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/cost"
	"github.com/meething/edge/internal/synth"
)

func plan(resources ...synth.Resource) *synth.Plan {
	return &synth.Plan{Stack: "dev", Resources: resources, Outputs: map[string]any{}}
}

func res(urn, typ string, inputs map[string]any) synth.Resource {
	return synth.Resource{URN: urn, Type: typ, Name: urn, Custom: true, Inputs: inputs}
}

const typeSub = "aws:sns/topicSubscription:TopicSubscription"

// aliased returns r with aliases to earlier URNs.
func aliased(r synth.Resource, aliases ...string) synth.Resource {
	r.Aliases = aliases
	return r
}

// forces is a stand-in rule: a target group's port, a zone's name.
func forces(typ string, changed []string) []string {
	var out []string
	for _, c := range changed {
		if (typ == "aws:lb/targetGroup:TargetGroup" && c == "port") || (typ == "aws:route53/zone:Zone" && c == "name") {
			out = append(out, c)
		}
	}
	return out
}

func TestDiff(t *testing.T) {
	tg := func(port float64, path string) synth.Resource {
		return res("tg", "aws:lb/targetGroup:TargetGroup", map[string]any{"port": port, "healthCheck": map[string]any{"path": path}})
	}
	zone := func(name string) synth.Resource {
		return res("zone", "aws:route53/zone:Zone", map[string]any{"name": name})
	}
	tests := []struct {
		name       string
		base, head *synth.Plan
		want       []Change
		breaking   int
	}{
		{name: "nothing", base: plan(tg(80, "/")), head: plan(tg(80, "/")), want: []Change{}},
		{
			name: "a health-check path is updated in place",
			base: plan(tg(80, "/")), head: plan(tg(80, "/healthz")),
			want: []Change{{URN: "tg", Type: "aws:lb/targetGroup:TargetGroup", Name: "tg", Op: Update, ReliedOn: true,
				Properties: []Property{{Path: "healthCheck.path", Old: "/", New: "/healthz"}}, ReplaceBecause: []string{}}},
		},
		{
			name: "a port replaces the target group, created first",
			base: plan(tg(80, "/")), head: plan(tg(8080, "/")),
			want: []Change{{URN: "tg", Type: "aws:lb/targetGroup:TargetGroup", Name: "tg", Op: Replace, ReliedOn: true, CreateBeforeDelete: true,
				Properties: []Property{{Path: "port", Old: 80.0, New: 8080.0}}, ReplaceBecause: []string{"port"}}},
			breaking: 1,
		},
		{
			name: "created and deleted; a protected zone marked; nobody relies on what is created yet",
			base: plan(func() synth.Resource { z := zone("a.net"); z.Protect = true; return z }()),
			head: plan(tg(80, "/")),
			want: []Change{
				{URN: "tg", Type: "aws:lb/targetGroup:TargetGroup", Name: "tg", Op: Create, KeyInputs: "port=80 health=/", Properties: []Property{}, ReplaceBecause: []string{}},
				{URN: "zone", Type: "aws:route53/zone:Zone", Name: "zone", Op: Delete, ReliedOn: true, Protected: true, Properties: []Property{}, ReplaceBecause: []string{}},
			},
			breaking: 1,
		},
		{
			name: "a zone protected in the base replaced with deleteBeforeReplace: deleted first, still protected",
			base: plan(func() synth.Resource { z := zone("a.net"); z.Protect = true; return z }()),
			head: plan(func() synth.Resource { z := zone("b.net"); z.DeleteBeforeReplace = true; return z }()),
			want: []Change{{URN: "zone", Type: "aws:route53/zone:Zone", Name: "zone", Op: Replace, ReliedOn: true, Protected: true,
				Properties: []Property{{Path: "name", Old: "a.net", New: "b.net"}}, ReplaceBecause: []string{"name"}}},
			breaking: 1,
		},
		{
			name: "a list that grows is one change; a record without aliases is not relied on",
			base: plan(res("r", "aws:route53/record:Record", map[string]any{"records": []any{"a"}})),
			head: plan(res("r", "aws:route53/record:Record", map[string]any{"records": []any{"a", "b"}})),
			want: []Change{{URN: "r", Type: "aws:route53/record:Record", Name: "r", Op: Update,
				Properties: []Property{{Path: "records", Old: []any{"a"}, New: []any{"a", "b"}}}, ReplaceBecause: []string{}}},
		},
		{
			name: "an alias record that becomes a plain one: users relied on the alias, so its base marks it",
			base: plan(res("r", "aws:route53/record:Record", map[string]any{"aliases": []any{"alb"}})),
			head: plan(res("r", "aws:route53/record:Record", map[string]any{"records": []any{"a"}})),
			want: []Change{{URN: "r", Type: "aws:route53/record:Record", Name: "r", Op: Update, ReliedOn: true,
				Properties: []Property{{Path: "aliases", Old: []any{"alb"}, New: nil}, {Path: "records", Old: nil, New: []any{"a"}}}, ReplaceBecause: []string{}}},
		},
		{
			name: "renamed with an alias to its old name: the same resource, unchanged",
			base: plan(res("sub-oncall@a.net", typeSub, map[string]any{"endpoint": "oncall@a.net"})),
			head: plan(aliased(res("sub-1", typeSub, map[string]any{"endpoint": "oncall@a.net"}), "sub-oncall@a.net")),
			want: []Change{},
		},
		{
			name: "renamed with an alias and changed: updated under its new name",
			base: plan(res("sub-oncall@a.net", typeSub, map[string]any{"endpoint": "oncall@a.net", "topic": "t1"})),
			head: plan(aliased(res("sub-1", typeSub, map[string]any{"endpoint": "oncall@a.net", "topic": "t2"}), "sub-oncall@a.net")),
			want: []Change{{URN: "sub-1", Type: typeSub, Name: "sub-1", Op: Update,
				Properties: []Property{{Path: "topic", Old: "t1", New: "t2"}}, ReplaceBecause: []string{}}},
		},
		{
			name: "an alias to nothing in the base: created",
			base: plan(),
			head: plan(aliased(res("sub-1", typeSub, map[string]any{"endpoint": "oncall@a.net"}), "sub-oncall@a.net")),
			want: []Change{{URN: "sub-1", Type: typeSub, Name: "sub-1", Op: Create, Properties: []Property{}, ReplaceBecause: []string{}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Diff(tt.base, tt.head, forces)
			assert.Equal(t, tt.want, r.Changes)
			assert.Len(t, r.Breaking(), tt.breaking)
		})
	}
}

func TestDiffOutputs(t *testing.T) {
	base, head := plan(), plan()
	base.Outputs["url"], head.Outputs["url"] = "https://a", "https://b"
	base.Outputs["same"], head.Outputs["same"] = 1.0, 1.0
	r := Diff(base, head, forces)
	assert.Equal(t, []Output{{Name: "url", Old: "https://a", New: "https://b"}}, r.Outputs)
}

func TestDiffCost(t *testing.T) {
	zone := res("zone", "aws:route53/zone:Zone", map[string]any{"name": "a.net"})
	priced := func(usd float64, resources ...synth.Resource) *synth.Plan {
		p := plan(resources...)
		p.Cost = &cost.Estimate{MonthlyUSD: usd}
		return p
	}
	tests := []struct {
		name       string
		base, head *synth.Plan
		want       float64
	}{
		{"both priced", priced(31.53, zone), priced(40.53, zone), 9},
		{"a new stack costs what it costs: its base has no resources and no estimate", plan(), priced(31.53, zone), 31.53},
		{"a new stack whose base was priced empty", priced(0), priced(31.53, zone), 31.53},
		{"a stack that goes away saves its cost", priced(31.53, zone), plan(), -31.53},
		{"a base with resources and no estimate: unknown, no change shown", plan(zone), priced(31.53, zone), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Diff(tt.base, tt.head, forces).MonthlyCostDelta)
		})
	}
}

// TestWriteNewStack: what a reviewer sees of a stack that is new: each
// resource created with its key inputs as synth shows them, and the whole
// cost.
func TestWriteNewStack(t *testing.T) {
	head := plan(
		res("rule", "aws:lb/listenerRule:ListenerRule", map[string]any{"priority": 10.0,
			"conditions": []any{map[string]any{"hostHeader": map[string]any{"values": []any{"api.a.net"}}}}}),
		res("tg", "aws:lb/targetGroup:TargetGroup", map[string]any{"port": 80.0, "protocol": "HTTP", "healthCheck": map[string]any{"path": "/healthz"}}),
		res("topic", "aws:sns/topic:Topic", map[string]any{"name": "alarms"}),
	)
	head.Cost = &cost.Estimate{MonthlyUSD: 31.53}
	r := Diff(plan(), head, forces)

	var text strings.Builder
	require.NoError(t, r.WriteText(&text))
	assert.Equal(t, `stack dev:
  +  create ListenerRule rule
       priority=10 hosts=api.a.net
  +  create TargetGroup tg
       port=80 protocol=HTTP health=/healthz
  +  create Topic topic
Resources: 3 to create
Monthly fixed cost: +31.53 USD
`, text.String())

	var js strings.Builder
	require.NoError(t, r.WriteJSON(&js))
	assert.Contains(t, js.String(), `"keyInputs": "port=80 protocol=HTTP health=/healthz"`)
}

func TestWrite(t *testing.T) {
	base := plan(res("tg", "aws:lb/targetGroup:TargetGroup", map[string]any{"port": 80.0}))
	head := plan(res("tg", "aws:lb/targetGroup:TargetGroup", map[string]any{"port": 8080.0}))
	head.Resources[0].Protect = true
	r := Diff(base, head, forces)

	var text strings.Builder
	require.NoError(t, r.WriteText(&text))
	assert.Equal(t, `stack dev:
  +- replace TargetGroup tg [users rely on it] [protected]
       replaced because of port; created before the old one is deleted
       port: 80 => 8080
Resources: 1 to replace
Monthly fixed cost: +0.00 USD
1 resource(s) users rely on would be replaced or deleted: TargetGroup tg (replace)
`, text.String())

	head.Resources[0].DeleteBeforeReplace = true
	text.Reset()
	require.NoError(t, Diff(base, head, forces).WriteText(&text))
	assert.Contains(t, text.String(), "replaced because of port; the old one is deleted first\n", "deleteBeforeReplace")

	var js strings.Builder
	require.NoError(t, r.WriteJSON(&js))
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(js.String()), &doc))
	assert.Equal(t, "dev", doc["stack"])
	changes := doc["changes"].([]any)
	require.Len(t, changes, 1)
	c := changes[0].(map[string]any)
	for _, k := range []string{"urn", "type", "name", "op", "properties", "replaceBecause"} {
		assert.Contains(t, c, k)
	}
	assert.Equal(t, "replace", c["op"])
	assert.Equal(t, []any{"port"}, c["replaceBecause"])
	assert.Contains(t, doc, "outputs")
	assert.Contains(t, doc, "monthlyCostDelta")
}
