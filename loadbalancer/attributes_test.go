package loadbalancer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

func TestLoadBalancerAttributes(t *testing.T) {
	res := mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.DualStack, a.LoadBalancerSettings.PublicIpv4 = true, false
		a.LoadBalancerSettings.ClientKeepAlive, a.LoadBalancerSettings.XffHeaderProcessingMode = 600, "preserve"
		a.LoadBalancerSettings.PreserveHostHeader, a.LoadBalancerSettings.ZonalShift = true, true
		a.AccessLogs = stackconfig.AccessLogs{Enabled: true, Bucket: "edge-logs", Prefix: "alb"}
		a.LoadBalancerSettings.ConnectionLogs = true
		return a
	})
	alb := res.alb(t)
	assert.Equal(t, "dualstack-without-public-ipv4", alb.Input("ipAddressType"))
	assert.Equal(t, float64(600), alb.Input("clientKeepAlive"))
	assert.Equal(t, "preserve", alb.Input("xffHeaderProcessingMode"))
	assert.Equal(t, true, alb.Input("preserveHostHeader"))
	assert.Equal(t, true, alb.Input("enableZonalShift"))
	assert.Equal(t, map[string]any{"bucket": "edge-logs", "prefix": "alb", "enabled": true}, alb.Input("connectionLogs"), "beside the access logs")

	plain := mustRunLB(t, nil).alb(t)
	assert.Equal(t, "ipv4", plain.Input("ipAddressType"))
	assert.Equal(t, float64(3600), plain.Input("clientKeepAlive"), "stackconfig's default, AWS's own, said")
	assert.Equal(t, "append", plain.Input("xffHeaderProcessingMode"), "stackconfig's default, AWS's own, said")
	assert.Equal(t, map[string]any{"bucket": "", "enabled": false}, plain.Input("connectionLogs"), "off is said, not left out")
	assert.Equal(t, false, plain.Input("enableZonalShift"))
}

func TestResponseHeaders(t *testing.T) {
	res := mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.ResponseHeaders = stackconfig.ResponseHeaders{
			StrictTransportSecurity: "max-age=31536000; includeSubDomains", XContentTypeOptions: "nosniff",
			XFrameOptions: "DENY", AccessControlAllowOrigin: "https://app.meething.net", Server: false,
		}
		return a
	})
	https := res.must(t, typeListener, lbName+"-https")
	assert.Equal(t, "max-age=31536000; includeSubDomains", https.Input("routingHttpResponseStrictTransportSecurityHeaderValue"))
	assert.Equal(t, "nosniff", https.Input("routingHttpResponseXContentTypeOptionsHeaderValue"))
	assert.Equal(t, "DENY", https.Input("routingHttpResponseXFrameOptionsHeaderValue"))
	assert.Equal(t, "https://app.meething.net", https.Input("routingHttpResponseAccessControlAllowOriginHeaderValue"))
	assert.Nil(t, https.Input("routingHttpResponseContentSecurityPolicyHeaderValue"), "empty is none")
	assert.Equal(t, false, https.Input("routingHttpResponseServerEnabled"))

	http := res.must(t, typeListener, lbName+"-http")
	assert.Nil(t, http.Input("routingHttpResponseStrictTransportSecurityHeaderValue"), "the redirect needs none: browsers ignore HSTS over HTTP")

	plain := mustRunLB(t, nil).must(t, typeListener, lbName+"-https")
	assert.Nil(t, plain.Input("routingHttpResponseStrictTransportSecurityHeaderValue"))
	assert.Equal(t, true, plain.Input("routingHttpResponseServerEnabled"))
}
