package loadbalancer

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/stackconfig"
)

// A kind that names no target group is a known value that depends on no
// resource, as a rule's action and as the default action: a preview shows
// its values, not "output<string>".
func TestPlainActionsAreKnownInAPreview(t *testing.T) {
	for name, config := range map[string]stackconfig.Action{
		"redirect":       {Redirect: &stackconfig.Redirect{To: "https://meething.net/#{path}", StatusCode: 301}},
		"fixed response": {FixedResponse: &stackconfig.FixedResponse{StatusCode: 404, ContentType: "text/plain", Body: "Not found"}},
	} {
		t.Run(name, func(t *testing.T) {
			a, ok, err := lbaction.Of(config)
			require.NoError(t, err)
			require.True(t, ok)
			rule, err := ruleAction(a, nil)
			require.NoError(t, err)
			def, err := defaultAction(a)
			require.NoError(t, err)
			for what, out := range map[string]pulumi.Output{
				"rule":    rule.ToListenerRuleActionOutput(),
				"default": def.ToListenerDefaultActionOutput(),
			} {
				got, err := internals.UnsafeAwaitOutput(context.Background(), out)
				require.NoError(t, err)
				assert.True(t, got.Known, what)
				assert.Empty(t, got.Dependencies, what)
			}
		})
	}
	_, err := defaultAction(lbaction.ForwardTo("api"))
	assert.Error(t, err, "the default action never forwards")
	_, err = ruleAction(lbaction.ForwardTo("gone"), map[string]*lb.TargetGroup{})
	assert.ErrorContains(t, err, `forward to unknown target group "gone"`)
}

// plainAction refuses a name the provider's type lacks rather than
// dropping its value: here a redirect into a type without Redirect.
func TestPlainActionRefusesAnUnknownName(t *testing.T) {
	a, _, err := lbaction.Of(stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://meething.net/#{path}", StatusCode: 301}})
	require.NoError(t, err)
	var typeOnly struct{ Type string }
	assert.ErrorContains(t, plainAction(a, &typeOnly), `unknown field "redirect"`)
}
