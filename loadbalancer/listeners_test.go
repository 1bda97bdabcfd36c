package loadbalancer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

func TestHTTPListener(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs
	}{
		{name: "defaults"},
		{
			name: "custom TLS policy and ipv6 change nothing on port 80",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.SslPolicy = "ELBSecurityPolicy-TLS13-1-3-2021-06"
				a.DualStack = true
				return a
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunLB(t, tt.mutate)
			require.Len(t, r.OfType(typeListener), 2)
			l := r.httpListener(t)

			assert.Equal(t, r.alb(t).Output("arn"), l.Input("loadBalancerArn"))
			assert.Equal(t, 80, num(t, l, "port"))
			assert.Equal(t, "HTTP", l.Input("protocol"))
			assert.Equal(t, []any{map[string]any{
				"type": "redirect",
				"redirect": map[string]any{
					"protocol":   "HTTPS",
					"port":       "443",
					"statusCode": "HTTP_301",
				},
			}}, l.Input("defaultActions"))
			assert.Nil(t, l.Input("certificateArn"), "port 80 must have no certificate")
			assert.Nil(t, l.Input("sslPolicy"), "port 80 must have no TLS policy")
		})
	}
}

func TestHTTPSListener(t *testing.T) {
	tests := []struct {
		name          string
		mutate        func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs
		wantSslPolicy string
	}{
		{
			name:          "default TLS policy",
			wantSslPolicy: stackconfig.DefaultSslPolicy,
		},
		{
			name: "custom TLS policy",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.SslPolicy = "ELBSecurityPolicy-TLS13-1-3-2021-06"
				return a
			},
			wantSslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunLB(t, tt.mutate)
			l := r.httpsListener(t)

			assert.Equal(t, r.alb(t).Output("arn"), l.Input("loadBalancerArn"))
			assert.Equal(t, 443, num(t, l, "port"))
			assert.Equal(t, "HTTPS", l.Input("protocol"))
			assert.Equal(t, tt.wantSslPolicy, l.Input("sslPolicy"))
			assert.Equal(t, certARN, l.Input("certificateArn"))

			actions, ok := l.Input("defaultActions").([]any)
			require.True(t, ok, "defaultActions: %#v", l.Input("defaultActions"))
			require.Len(t, actions, 1)
			action := actions[0].(map[string]any)
			assert.Equal(t, "fixed-response", action["type"])
			assert.NotContains(t, action, "redirect")
			assert.NotContains(t, action, "targetGroupArn")
			fixed, ok := action["fixedResponse"].(map[string]any)
			require.True(t, ok, "fixedResponse: %#v", action["fixedResponse"])
			assert.Equal(t, "404", fixed["statusCode"])
			assert.Equal(t, "text/plain", fixed["contentType"])
			assert.Equal(t, stackconfig.NotFoundBody, fixed["messageBody"])
		})
	}
}
