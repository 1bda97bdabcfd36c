package loadbalancer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/stackconfig"
)

func TestTargetGroupAttributes(t *testing.T) {
	services := baseServices()
	services[0].Stickiness = &stackconfig.Stickiness{Type: "app_cookie", Duration: 3600, CookieName: "SESSION"}
	services[0].SlowStart = 60
	services[0].Algorithm = "least_outstanding_requests"
	services[1].Algorithm = "weighted_random"
	services[1].AnomalyMitigation = true
	services[1].ProtocolVersion = "GRPC"
	services[1].HealthCheck.Matcher = "12"
	services[1].HealthCheck.Port = "9090"
	services[1].HealthCheck.Protocol = "HTTPS"
	res := mustRunLB(t, withServices(services))

	first := res.must(t, typeTG, lbName+"-"+services[0].Name)
	assert.Equal(t, map[string]any{"enabled": true, "type": "app_cookie", "cookieDuration": 3600.0, "cookieName": "SESSION"}, first.Input("stickiness"))
	assert.Equal(t, 60.0, first.Input("slowStart"))
	assert.Equal(t, "least_outstanding_requests", first.Input("loadBalancingAlgorithmType"))
	assert.Nil(t, first.Input("loadBalancingAnomalyMitigation"), "only weighted_random has it")

	second := res.must(t, typeTG, lbName+"-"+services[1].Name)
	assert.Equal(t, "weighted_random", second.Input("loadBalancingAlgorithmType"))
	assert.Equal(t, "on", second.Input("loadBalancingAnomalyMitigation"))
	assert.Equal(t, "GRPC", second.Input("protocolVersion"))
	hc := second.Input("healthCheck").(map[string]any)
	assert.Equal(t, "12", hc["matcher"])
	assert.Equal(t, "9090", hc["port"])
	assert.Equal(t, "HTTPS", hc["protocol"])

	// The health check's own port is admitted from the load balancer only.
	in := res.Named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", lbName+"-targets-in-9090")
	if assert.NotNil(t, in, "the targets admit the health-check port") {
		assert.Equal(t, 9090.0, in.Input("fromPort"))
		assert.Equal(t, res.SecurityGroupID, in.Input("referencedSecurityGroupId"))
		assert.Nil(t, in.Input("cidrIpv4"))
	}
	assert.NotNil(t, res.Named("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", lbName+"-alb-out-9090"))

	plain := mustRunLB(t, nil).must(t, typeTG, lbName+"-"+services[0].Name)
	assert.Nil(t, plain.Input("stickiness"), "off unless asked")
	assert.Equal(t, "round_robin", plain.Input("loadBalancingAlgorithmType"))
	assert.Equal(t, "HTTP1", plain.Input("protocolVersion"))
	assert.Equal(t, "traffic-port", plain.Input("healthCheck").(map[string]any)["port"])
}
