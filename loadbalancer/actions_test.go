package loadbalancer_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

// actionKinds is one action of every kind stackconfig.Action lists, by its
// field name, with the answer meething verify must expect of it (none for
// a forward, which the service answers).
var actionKinds = map[string]struct {
	action stackconfig.Action
	answer *lbaction.Answer
}{
	"Forward": {action: stackconfig.Action{Forward: &stackconfig.Forward{Weights: map[string]int{"api": 1}, Stickiness: 60}}},
	"Redirect": {action: stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://meething.com/", StatusCode: 302}},
		answer: &lbaction.Answer{StatusCode: 302, Location: "https://meething.com:443/?#{query}"}},
	"FixedResponse": {action: stackconfig.Action{FixedResponse: &stackconfig.FixedResponse{StatusCode: 410, ContentType: "text/plain", Body: "gone"}},
		answer: &lbaction.Answer{StatusCode: 410, Body: "gone", ContentType: "text/plain"}},
}

// TestEveryActionKindRoundTrips: every kind of stackconfig.Action, as a
// service's rule and (unless it forwards) as a stack rule and the HTTPS
// listener's default action, registers the provider inputs of the
// description lbaction.Of gives, as its JSON has them; the plan's inputs
// read back (lbaction.Decode, as meething verify reads a plan) as the same
// description, and promise the kind's answer. A kind added to
// stackconfig.Action but not here, or described by lbaction in names the
// provider's types lack, fails.
func TestEveryActionKindRoundTrips(t *testing.T) {
	fields := reflect.TypeOf(stackconfig.Action{})
	require.Equal(t, fields.NumField(), len(actionKinds), "every kind of stackconfig.Action has an entry")
	for i := range fields.NumField() {
		name := fields.Field(i).Name
		tc, ok := actionKinds[name]
		require.True(t, ok, "stackconfig.Action.%s has no entry in actionKinds", name)
		require.False(t, reflect.ValueOf(tc.action).Field(i).IsNil(), "the entry of %s gives a %s", name, name)
		t.Run(name, func(t *testing.T) {
			want, ok, err := lbaction.Of(tc.action)
			require.NoError(t, err)
			require.True(t, ok)
			forwards := want.Type == lbaction.TypeForward
			res := mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				hosts := a.Services[0].AllHosts(a.Domain)
				a.Services[0].Rules = []stackconfig.Rule{{Name: "kind", Priority: 3, Hosts: hosts, Paths: []string{"/k/*"}, Action: tc.action}}
				if !forwards {
					a.Rules = []stackconfig.Rule{{Name: "kind", Priority: 2, Hosts: []string{"www.meething.com"}, Action: tc.action}}
					a.DefaultAction = tc.action
				}
				return a
			})
			registered := map[string]any{"the service's rule": first(t, plainInputs(res.must(t, typeRule, "edge-api-kind"))["actions"])}
			if !forwards {
				registered["the stack rule"] = first(t, plainInputs(res.must(t, typeRule, "edge-rule-kind"))["actions"])
				registered["the default action"] = first(t, plainInputs(res.httpsListener(t))["defaultActions"])
			}
			for where, inputs := range registered {
				got, err := lbaction.Decode(inputs)
				require.NoError(t, err, where)
				answer, answers := got.Answer()
				if forwards {
					// The plan names the group by its ARN, Of by its name.
					assert.Equal(t, res.TargetGroupArns[want.FirstGroup()], got.FirstGroup(), where)
					assert.False(t, answers, "a forward is the service's to answer")
					continue
				}
				assert.Equal(t, jsonOf(t, want), inputs, "%s registers lbaction's description as its JSON has it", where)
				assert.Equal(t, want, got, where)
				require.True(t, answers, "%s answers itself", where)
				assert.Equal(t, *tc.answer, answer, where)
			}
		})
	}
}

func first(t *testing.T, list any) any {
	t.Helper()
	l, ok := list.([]any)
	require.True(t, ok && len(l) == 1, "one action: %v", list)
	return l[0]
}

// jsonOf is v as plain JSON values (maps, lists, float64s).
func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}
