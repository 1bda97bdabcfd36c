package stackconfig

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// refusalCases are values AWS refuses mid-deploy (issue 26): each is refused
// here, at its key, with the rule in the user's words.
func refusalCases() []validateCase {
	rule := func(hosts, paths string) string {
		return kv("meething:rules", `[{"name":"w","priority":1,"hosts":`+hosts+`,"paths":`+paths+`,"fixedResponse":{"statusCode":404}}]`)["meething:rules"]
	}
	redirect := func(to string) map[string]string {
		return kv("meething:rules", `[{"name":"www","priority":10,"hosts":["www.meething.net"],"redirect":{"to":"`+to+`"}}]`)
	}
	return []validateCase{
		// Host conditions and the wildcard quota.
		{name: "host with an underscore", m: services(`{"name":"api","hosts":["a_b.meething.net"]}`), key: "meething:services[0].hosts[0]", value: "a_b.meething.net", rule: "is not a host-header value", rule2: "(no underscore)"},
		{name: "stack rule host with an underscore", m: kv("meething:rules", rule(`["a_b.meething.net"]`, `["/x"]`)), key: "meething:rules[0].hosts[0]", value: "a_b.meething.net", rule: "(no underscore)"},
		{name: "host with a wildcard after the last dot", m: kv("meething:rules", rule(`["www.meething.*"]`, `["/x"]`)), key: "meething:rules[0].hosts[0]", value: "www.meething.*", rule: "only letters after the last dot"},
		{name: "host of 129 characters", m: kv("meething:rules", rule(`["`+longHost(129)+`"]`, `["/x"]`)), key: "meething:rules[0].hosts[0]", value: longHost(129), rule: "1 to 128 characters"},
		{name: "six wildcards over a rule's host and path", m: kv("meething:rules", rule(`["*.*.meething.net"]`, `["/a*b?c*d?"]`)), key: "meething:rules[0]", value: "w",
			rule: "gives the rule 6 wildcards (* and ?): AWS allows 5 per rule, counted over all its conditions' values"},
		{name: "six wildcards over a service rule's header and query", m: services(`{"name":"api","rules":[{"name":"h","priority":7,"headers":{"X-A":["a*b*c"]},"queryStrings":[{"key":"k?","value":"v***"}]}]}`),
			key: "meething:services[0].rules[0]", value: "h", rule: "gives the rule 6 wildcards"},
		{name: "six wildcards over a service's hosts", m: services(`{"name":"api","hosts":["**.meething.net","*??.meething.net","*.meething.net"]}`),
			key: "meething:services[0].hosts", value: "**.meething.net,*??.meething.net,*.meething.net", rule: "gives the service's host rule 6 wildcards"},

		// Redirects on the HTTPS listener.
		{name: "redirect from HTTPS to HTTP", m: redirect("http://meething.net/#{path}"), key: "meething:rules[0].redirect.to", value: "http://meething.net/#{path}",
			rule: "redirects to http: the rule is on the HTTPS listener, and AWS cannot redirect HTTPS to HTTP"},
		{name: "default action redirect to HTTP", m: kv("meething:defaultAction", `{"redirect":{"to":"http://meething.net/"}}`), key: "meething:defaultAction.redirect.to", value: "http://meething.net/", rule: "cannot redirect HTTPS to HTTP"},
		{name: "redirect changing only the query", m: redirect("https://www.meething.net/#{path}?v=2"), key: "meething:rules[0].redirect.to", value: "https://www.meething.net/#{path}?v=2",
			rule: "changes none of the protocol, host, port and path", rule2: "the query alone does not count"},
		{name: "redirect keeping every part by keyword", m: redirect("#{protocol}://#{host}:#{port}/#{path}?x=1"), key: "meething:rules[0].redirect.to", value: "#{protocol}://#{host}:#{port}/#{path}?x=1", rule: "changes none of"},
		// Quotas.
		{name: "quota stated below AWS's default", m: kv("meething:quotas", `{"targetsPerLoadBalancer":500}`), key: "meething:quotas.targetsPerLoadBalancer", value: "500",
			rule: "is below AWS's default of 1000: state the account's raised quota, or leave it out"},
		{name: "101 target groups", m: services(groupsService(100, false)), key: "meething:services", value: "101 target groups",
			rule: "exceeds AWS's 100 target groups per load balancer (not adjustable)"},
		{name: "1001 targets", m: services(ipService("a", 0, 501), ipService("b", 501, 500)), key: "meething:services", value: "1001 targets",
			rule: "exceeds the load balancer's quota of 1000 targets", rule2: "meething:quotas.targetsPerLoadBalancer"},
		{name: "61 target ports", m: services(groupsService(60, true)), key: "meething:services", value: "61 ports",
			rule: "exceed the quota of 60 rules per security group", rule2: "meething:quotas.rulesPerSecurityGroup"},

		{name: "redirect with #{query} in the path", m: redirect("https://meething.net/#{query}"), key: "meething:rules[0].redirect.to", value: "https://meething.net/#{query}", rule: "AWS does not allow #{query} in the path"},
	}
}

// groupsService is service api with n further target groups, each on a
// port of its own when ports is set.
func groupsService(n int, ports bool) string {
	groups := make([]string, n)
	for i := range groups {
		port := ""
		if ports {
			port = fmt.Sprintf(`,"port":%d`, 8000+i)
		}
		groups[i] = fmt.Sprintf(`{"name":"g%d"%s}`, i, port)
	}
	return `{"name":"api","targetGroups":[` + strings.Join(groups, ",") + `]}`
}

// ipService is an ip service with n IP targets from the first'th address
// of 172.31.0.0/16 on.
func ipService(name string, first, n int) string {
	ips := make([]string, n)
	for i := range ips {
		a := first + i + 10
		ips[i] = fmt.Sprintf("172.31.%d.%d", a/250, a%250+1)
	}
	return `{"name":"` + name + `","targetType":"ip","targets":` + jsonList(ips...) + `}`
}

func manyServices(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(`{"name":"s%d","priority":%d}`, i, i+1)
	}
	return out
}

func longHost(n int) string {
	b := make([]byte, n-len(".meething.net"))
	for i := range b {
		b[i] = 'a'
		if i%60 == 59 {
			b[i] = '.'
		}
	}
	return string(b) + ".meething.net"
}

// Values AWS accepts are accepted: the boundaries of each rule above.
func TestRefusalBoundariesAccepted(t *testing.T) {
	redirect := func(to string) map[string]string {
		return kv("meething:rules", `[{"name":"www","priority":10,"hosts":["www.meething.net"],"redirect":{"to":"`+to+`"}}]`)
	}
	for _, tc := range []struct {
		name string
		m    map[string]string
	}{
		{name: "five wildcards over a rule's host and path", m: kv("meething:rules", `[{"name":"w","priority":1,"hosts":["*.*.meething.net"],"paths":["/a*b?c*"],"fixedResponse":{"statusCode":404}}]`)},
		{name: "five wildcards over a service's hosts", m: services(`{"name":"api","hosts":["*?.meething.net","*.meething.net","?.meething.net","*x.meething.net"]}`)},
		{name: "host of 128 characters", m: kv("meething:rules", `[{"name":"w","priority":1,"hosts":["*`+longHost(127)+`"],"fixedResponse":{"statusCode":404}}]`)},
		{name: "redirect to example.#{host}", m: redirect("https://example.#{host}/#{path}?#{query}")},
		{name: "redirect to /new/#{path}", m: redirect("https://#{host}/new/#{path}?#{query}")},
		{name: "redirect keeping the protocol and port by keyword", m: redirect("#{protocol}://meething.net:#{port}/#{path}?#{query}")},
		{name: "redirect changing the port", m: redirect("https://#{host}:8443/#{path}")},
		{name: "redirect with keywords in the query", m: redirect("https://meething.net/?from=#{host}&p=#{port}&#{query}")},
		{name: "100 target groups", m: services(groupsService(99, false))},
		{name: "1000 targets", m: services(ipService("a", 0, 500), ipService("b", 500, 500))},
		{name: "1001 targets with a raised quota", m: with(services(ipService("a", 0, 501), ipService("b", 501, 500)), "meething:quotas", `{"targetsPerLoadBalancer":2000}`)},
		{name: "60 target ports", m: services(groupsService(59, true))},
		{name: "61 target ports with a raised quota", m: with(services(groupsService(60, true)), "meething:quotas", `{"rulesPerSecurityGroup":100}`)},
		{name: "101 rules with a raised rule quota", m: with(services(manyServices(100)...), "meething:quotas", `{"rulesPerLoadBalancer":200}`,
			"meething:rules", `[{"name":"w","priority":40000,"hosts":["www.meething.net"],"fixedResponse":{"statusCode":404}}]`)},
		{name: "redirect of a rule with two hosts to one of them", m: kv("meething:rules", `[{"name":"www","priority":10,"hosts":["www.meething.net","old.meething.net"],"redirect":{"to":"https://www.meething.net/#{path}?#{query}"}}]`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(tc.m)
			require.NoError(t, err)
			require.NotNil(t, cfg)
		})
	}
}
