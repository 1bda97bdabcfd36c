package stackconfig

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// loadBalancerCases are the rules the loadbalancer component checked again
// before it took stackconfig's values as they are: each is refused here,
// at its key, before anything is registered.
func loadBalancerCases() []validateCase {
	return []validateCase{
		{name: "service without a name", m: services(`{"name":""}`), key: "meething:services[0].name", value: "", rule: "is not a DNS label"},
		{name: "rule priority taken by a service's host rule", m: services(`{"name":"api","priority":10}`, `{"name":"config","priority":20,"rules":[{"name":"x","priority":10,"paths":["/x"]}]}`),
			key: "meething:services[1].rules[0].priority", value: "10", rule: `is already the priority of service "api"'s host rule`},
		{name: "two stack rules with one priority", m: kv("meething:rules", `[{"name":"a","priority":3,"hosts":["a.meething.net"],"fixedResponse":{"statusCode":404}},{"name":"b","priority":3,"hosts":["b.meething.net"],"fixedResponse":{"statusCode":404}}]`),
			key: "meething:rules[1].priority", value: "3", rule: `is already the priority of rule "a"`},
		{name: "stack rule priority out of range", m: kv("meething:rules", `[{"name":"a","priority":50001,"hosts":["a.meething.net"],"fixedResponse":{"statusCode":404}}]`),
			key: "meething:rules[0].priority", value: "50001", rule: "must be 1 to 50000"},
		{name: "target group named like another service's", m: services(`{"name":"api","targetGroups":[{"name":"x"}]}`, `{"name":"api-x"}`),
			key: "meething:services[0].targetGroups[0].name", value: "x", rule: `makes the resource meething-api-x, which is already service "api-x"`},
		{name: "service rule named like another service's host rule", m: services(`{"name":"api","rules":[{"name":"x","priority":5,"paths":["/x"]}]}`, `{"name":"api-x"}`),
			key: "meething:services[0].rules[0].name", value: "x", rule: `makes the resource meething-api-x, which is already service "api-x"'s host rule`},
		{name: "stack rule that forwards", m: kv("meething:rules", `[{"name":"fw","priority":1,"hosts":["www.meething.net"],"forward":{"weights":{"api":1}}}]`),
			key: "meething:rules[0].forward", value: "forward", rule: "is for a service's rules: a stack rule redirects or answers itself"},
		{name: "stack rule without an action", m: kv("meething:rules", `[{"name":"none","priority":1,"hosts":["www.meething.net"]}]`),
			key: "meething:rules[0]", value: "none", rule: "has no action: give a redirect or a fixedResponse"},
		{name: "forward to a group the service does not have", m: services(`{"name":"api","forward":{"weights":{"blue":1}}}`),
			key: "meething:services[0].forward.weights.blue", value: "blue", rule: `is not a target group of service "api"`},
		{name: "no public IPv4 without dual stack", m: kv("meething:loadBalancer", `{"publicIpv4":false}`),
			key: "meething:loadBalancer.publicIpv4", value: "false", rule: "needs meething:dualStack true: a load balancer without public IPv4 serves IPv6 clients only"},
		{name: "connection logs without access logs", m: kv("meething:loadBalancer", `{"connectionLogs":true}`),
			key: "meething:loadBalancer.connectionLogs", value: "true", rule: "needs meething:accessLogs.enabled: connection logs go to the access-log bucket"},
	}
}

// A service always has a host, <name>.<domain>, so its host rule always has
// a condition.
func TestEveryServiceHasAHost(t *testing.T) {
	assert.Equal(t, []string{"api.meething.net"}, DefaultService("api").AllHosts("meething.net"))
}

// A health check without a protocol of its own probes with its target
// group's.
func TestHealthCheckProtocolFor(t *testing.T) {
	assert.Equal(t, "HTTPS", HealthCheck{}.ProtocolFor("HTTPS"))
	assert.Equal(t, "HTTP", HealthCheck{Protocol: "HTTP"}.ProtocolFor("HTTPS"))
}
