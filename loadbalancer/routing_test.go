package loadbalancer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

// routed gives api a green group on its own port and health-check port,
// a weighted forward, and rules of every condition and action kind; the
// stack gets a redirect rule and a redirecting default action.
func routed(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
	api := &a.Services[0]
	green := api.HealthCheck
	green.Port = "9191"
	hosts := api.AllHosts(a.Domain)
	api.TargetGroups = []stackconfig.TargetGroup{{Name: "green", Port: 9090, Protocol: "HTTP", HealthCheck: &green, Targets: []string{"10.0.2.20"}, TargetType: "ip"}}
	api.Forward = &stackconfig.Forward{Weights: map[string]int{"api": 80, "green": 20}, Stickiness: 600}
	api.Rules = []stackconfig.Rule{
		{Name: "uploads", Priority: 5, Hosts: hosts, Paths: []string{"/upload/*"}, Methods: []string{"POST", "PUT"},
			Action: stackconfig.Action{Forward: &stackconfig.Forward{Weights: map[string]int{"green": 1}}}},
		{Name: "beta", Priority: 6, Hosts: hosts,
			Headers: map[string][]string{"X-Beta": {"1"}}, QueryStrings: []stackconfig.QueryString{{Value: "beta"}}, SourceIps: []string{"203.0.113.0/24"}},
		{Name: "maint", Priority: 7, Hosts: hosts, Paths: []string{"/admin/*"},
			Action: stackconfig.Action{FixedResponse: &stackconfig.FixedResponse{StatusCode: 503, ContentType: "application/json", Body: `{"down":true}`}}},
	}
	a.Rules = []stackconfig.Rule{{Name: "www", Priority: 1, Hosts: []string{"www.meething.com"},
		Action: stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://meething.com/#{path}?#{query}", StatusCode: 301}}}}
	a.DefaultAction = stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://meething.com/", StatusCode: 302}}
	return a
}

func TestRoutingInputs(t *testing.T) {
	res := mustRunLB(t, routed)
	tg := func(name string) string { return res.TargetGroupArns[name] }

	green := res.must(t, typeTG, "edge-api-green")
	assert.Equal(t, 9090, num(t, green, "port"))
	assert.Equal(t, "ip", green.Input("targetType"))
	assert.Equal(t, "9191", plainInputs(green)["healthCheck"].(map[string]any)["port"])
	assert.Equal(t, "green", plainInputs(green)["tags"].(map[string]any)["TargetGroup"])
	assert.Equal(t, "api", plainInputs(green)["tags"].(map[string]any)["Service"])
	assert.Equal(t, 9090, num(t, res.must(t, typeAttachment, "edge-api-green-10.0.2.20"), "port"))
	require.NotEmpty(t, tg("api-green"), "the group's ARN is an output")

	tests := []struct {
		rule       string
		priority   int
		conditions []any
		action     map[string]any
	}{
		{
			rule: "edge-api", priority: 10,
			conditions: []any{map[string]any{"hostHeader": map[string]any{"values": anys("api.meething.com")}}},
			action: map[string]any{"type": "forward", "forward": map[string]any{
				"targetGroups": []any{map[string]any{"arn": tg("api"), "weight": float64(80)}, map[string]any{"arn": tg("api-green"), "weight": float64(20)}},
				"stickiness":   map[string]any{"enabled": true, "duration": float64(600)},
			}},
		},
		{
			rule: "edge-api-uploads", priority: 5,
			conditions: []any{
				map[string]any{"hostHeader": map[string]any{"values": anys("api.meething.com")}},
				map[string]any{"pathPattern": map[string]any{"values": anys("/upload/*")}},
				map[string]any{"httpRequestMethod": map[string]any{"values": anys("POST", "PUT")}},
			},
			action: map[string]any{"type": "forward", "forward": map[string]any{
				"targetGroups": []any{map[string]any{"arn": tg("api-green"), "weight": float64(1)}},
			}},
		},
		{
			rule: "edge-api-beta", priority: 6,
			conditions: []any{
				map[string]any{"hostHeader": map[string]any{"values": anys("api.meething.com")}},
				map[string]any{"httpHeader": map[string]any{"httpHeaderName": "X-Beta", "values": anys("1")}},
				map[string]any{"queryStrings": []any{map[string]any{"value": "beta"}}},
				map[string]any{"sourceIp": map[string]any{"values": anys("203.0.113.0/24")}},
			},
			// No action of its own: the host rule's weighted forward.
			action: map[string]any{"type": "forward", "forward": map[string]any{
				"targetGroups": []any{map[string]any{"arn": tg("api"), "weight": float64(80)}, map[string]any{"arn": tg("api-green"), "weight": float64(20)}},
				"stickiness":   map[string]any{"enabled": true, "duration": float64(600)},
			}},
		},
		{
			rule: "edge-api-maint", priority: 7,
			conditions: []any{
				map[string]any{"hostHeader": map[string]any{"values": anys("api.meething.com")}},
				map[string]any{"pathPattern": map[string]any{"values": anys("/admin/*")}},
			},
			action: map[string]any{"type": "fixed-response", "fixedResponse": map[string]any{"statusCode": "503", "contentType": "application/json", "messageBody": `{"down":true}`}},
		},
		{
			rule: "edge-rule-www", priority: 1,
			conditions: []any{map[string]any{"hostHeader": map[string]any{"values": anys("www.meething.com")}}},
			action: map[string]any{"type": "redirect", "redirect": map[string]any{
				"protocol": "HTTPS", "host": "meething.com", "port": "443", "path": "/#{path}", "query": "#{query}", "statusCode": "HTTP_301"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			r := res.must(t, typeRule, tc.rule)
			in := plainInputs(r)
			assert.Equal(t, tc.priority, num(t, r, "priority"))
			assert.Equal(t, tc.conditions, in["conditions"])
			assert.Equal(t, []any{tc.action}, in["actions"])
			assert.Equal(t, res.httpsListener(t).Output("arn"), r.Input("listenerArn"))
		})
	}

	def := plainInputs(res.httpsListener(t))["defaultActions"]
	assert.Equal(t, []any{map[string]any{"type": "redirect", "redirect": map[string]any{
		"protocol": "HTTPS", "host": "meething.com", "port": "443", "path": "/", "query": "", "statusCode": "HTTP_302"}}}, def)
}

// TestTargetsAdmitEveryGroupsPorts: the targets' security group admits the
// extra group's port and its health-check port, from the ALB only.
func TestTargetsAdmitEveryGroupsPorts(t *testing.T) {
	res := mustRunLB(t, routed)
	ports := map[string]bool{}
	for _, r := range res.rulesOf(typeIngress, res.TargetSecurityGroupID) {
		ports[portKey(r)] = true
		assert.Equal(t, res.SecurityGroupID, r.Input("referencedSecurityGroupId"), "%s admits the ALB only", r.Name)
		assert.Nil(t, r.Input("cidrIpv4"))
		assert.Nil(t, r.Input("cidrIpv6"))
	}
	assert.True(t, ports["tcp 9090-9090"], "the green group's port: %v", ports)
	assert.True(t, ports["tcp 9191-9191"], "the green group's health-check port: %v", ports)
}

func TestDefaultActionIsA404WhenUnset(t *testing.T) {
	res := mustRunLB(t, nil)
	assert.Equal(t, []any{map[string]any{"type": "fixed-response", "fixedResponse": map[string]any{
		"statusCode": "404", "contentType": "text/plain", "messageBody": stackconfig.NotFoundBody}}},
		plainInputs(res.httpsListener(t))["defaultActions"])
	assert.Len(t, res.OfType(typeRule), 3, "one host rule per service, nothing else")
}

func TestRoutingErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(a *loadbalancer.LoadBalancerArgs)
		want   string
	}{
		{"forward to an unknown group", func(a *loadbalancer.LoadBalancerArgs) {
			a.Services[0].Forward = &stackconfig.Forward{Weights: map[string]int{"blue": 1}}
		}, `forward to unknown target group "blue"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runLB(func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs { tc.mutate(a); return a })
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestDefaultActionIsARulesAction: the HTTPS listener's default action and
// a stack rule given the same action register the same action, whatever
// its kind: one function builds both.
func TestDefaultActionIsARulesAction(t *testing.T) {
	for _, tc := range []struct {
		name   string
		action stackconfig.Action
	}{
		{"redirect", stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://#{host}:8443/moved/#{path}?from=#{query}", StatusCode: 302}}},
		{"fixed response", stackconfig.Action{FixedResponse: &stackconfig.FixedResponse{StatusCode: 503, ContentType: "application/json", Body: `{"down":true}`}}},
		{"fixed response without a body", stackconfig.Action{FixedResponse: &stackconfig.FixedResponse{StatusCode: 410, ContentType: "text/plain"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.DefaultAction = tc.action
				a.Rules = []stackconfig.Rule{{Name: "same", Priority: 1, Hosts: []string{"www.meething.com"},
					Action: tc.action}}
				return a
			})
			def := plainInputs(res.httpsListener(t))["defaultActions"]
			require.Len(t, def, 1)
			assert.Equal(t, def, plainInputs(res.must(t, typeRule, "edge-rule-same"))["actions"])
			assert.Equal(t, tc.name != "redirect", def.([]any)[0].(map[string]any)["type"] == "fixed-response")
		})
	}
}
