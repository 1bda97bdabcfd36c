package loadbalancer_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

// Physical names let an import adopt a hand-built resource as it is; what
// they do not name stays auto-named.
func TestPhysicalNames(t *testing.T) {
	res := mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.PhysicalNames = stackconfig.PhysicalNames{
			LoadBalancer:   "meething-edge",
			TargetGroups:   map[string]string{"api": "api"},
			SecurityGroups: map[string]stackconfig.SecurityGroupName{"alb": {Name: "edge-alb", Description: "HTTP and HTTPS from anywhere"}},
		}
		return a
	})
	assert.Equal(t, "meething-edge", res.alb(t).Input("name"))
	assert.Equal(t, "api", res.must(t, typeTG, lbName+"-api").Input("name"))
	assert.Equal(t, "edge-alb", res.albSG(t).Input("name"))
	assert.Equal(t, "HTTP and HTTPS from anywhere", res.albSG(t).Input("description"))
	targets := res.must(t, typeSG, lbName+"-targets")
	assert.Nil(t, targets.Input("name"))
	assert.Equal(t, "Targets of load balancer edge: traffic from the load balancer only", targets.Input("description"))

	plain := mustRunLB(t, nil)
	assert.Nil(t, plain.alb(t).Input("name"), "auto-named, so a replacement can be created first")
	for _, tg := range plain.OfType(typeTG) {
		assert.Nil(t, tg.Input("name"), tg.Name)
	}
}

// ServingResources is what alias records in a live zone wait for.
func TestServingResources(t *testing.T) {
	services := baseServices()
	services[0].Targets = []string{"i-0123456789abcdef0", "i-0fedcba9876543210"}
	res := mustRunLB(t, withServices(services))
	serving := res.LB.ServingResources()
	require.Len(t, res.LB.Rules, len(services))
	require.GreaterOrEqual(t, len(res.LB.Attachments), 2)
	require.Len(t, serving, 1+len(services)+len(res.LB.Attachments), "the HTTPS listener, every rule, every registration")
	assert.Same(t, res.LB.HttpsListener, serving[0])
	for _, a := range res.LB.Attachments {
		assert.Contains(t, serving, pulumi.Resource(a))
	}
	for _, r := range res.LB.Rules {
		assert.Contains(t, serving, pulumi.Resource(r))
	}
}
