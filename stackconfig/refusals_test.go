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
		{name: "redirect of a two-host rule to one of its hosts", m: kv("meething:rules", `[{"name":"www","priority":10,"hosts":["www.meething.net","old.meething.net"],"redirect":{"to":"https://www.meething.net/#{path}?#{query}"}}]`),
			key: "meething:rules[0].redirect.to", value: "https://www.meething.net/#{path}?#{query}", rule: "changes none of"},
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

		// Names.
		{name: "load balancer named internal-", m: kv("meething:physicalNames", `{"loadBalancer":"internal-edge"}`), key: "meething:physicalNames.loadBalancer", value: "internal-edge", rule: "not starting with internal-"},
		{name: "extra certificate whose *.<domain> is 65 characters", m: kv("meething:extraCertificates", `[{"domain":"`+long63()+`","zoneName":"`+long63()+`"}]`),
			key: "meething:extraCertificates[0].domain", value: long63(), rule: "is too long: the certificate's first name *." + long63() + " must be at most 64 characters (ACM RequestCertificate)"},
		{name: "certificate name whose validation record is 254 characters", m: kv("meething:certificateNames", jsonList(deepName(220))), key: "meething:certificateNames[0]", value: deepName(220),
			rule: "is too long for its validation record _<32 hex digits>." + deepName(220) + ", which is 254 characters: Route53 allows 253 (DNS domain name format), so the name may be at most 219"},
		{name: "access-log bucket with an underscore", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"edge_logs"}`), key: "meething:accessLogs.bucket", value: "edge_logs", rule: "is not an S3 bucket name: only lowercase letters, digits, dots and hyphens"},
		{name: "access-log bucket as an IP address", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"192.168.5.4"}`), key: "meething:accessLogs.bucket", value: "192.168.5.4", rule: "not formatted as an IP address"},
		{name: "access-log bucket xn--", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"xn--edge-logs"}`), key: "meething:accessLogs.bucket", value: "xn--edge-logs", rule: "the prefix xn-- is reserved by S3"},
		{name: "access-log bucket sthree-", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"sthree-logs"}`), key: "meething:accessLogs.bucket", value: "sthree-logs", rule: "the prefix sthree- is reserved by S3"},
		{name: "access-log bucket amzn-s3-demo-", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"amzn-s3-demo-logs"}`), key: "meething:accessLogs.bucket", value: "amzn-s3-demo-logs", rule: "the prefix amzn-s3-demo- is reserved by S3"},
		{name: "access-log bucket -s3alias", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"logs-s3alias"}`), key: "meething:accessLogs.bucket", value: "logs-s3alias", rule: "the suffix -s3alias is reserved by S3"},
		{name: "access-log bucket --ol-s3", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"logs--ol-s3"}`), key: "meething:accessLogs.bucket", value: "logs--ol-s3", rule: "the suffix --ol-s3 is reserved by S3"},
		{name: "access-log bucket .mrap", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"logs.mrap"}`), key: "meething:accessLogs.bucket", value: "logs.mrap", rule: "the suffix .mrap is reserved by S3"},
		{name: "access-log bucket --x-s3", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"logs--x-s3"}`), key: "meething:accessLogs.bucket", value: "logs--x-s3", rule: "the suffix --x-s3 is reserved by S3"},
		{name: "access-log bucket ending in a hyphen", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"logs-"}`), key: "meething:accessLogs.bucket", value: "logs-", rule: "it begins and ends with a letter or digit"},
		{name: "access-log bucket with two adjacent dots", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"edge..logs"}`), key: "meething:accessLogs.bucket", value: "edge..logs", rule: "no two adjacent dots"},
		{name: "access-log bucket of 64 characters", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"`+strings.Repeat("b", 64)+`"}`), key: "meething:accessLogs.bucket", value: strings.Repeat("b", 64), rule: "3 to 63 characters"},
		{name: "flow-log bucket named as an IP address", m: kv("meething:flowLogs", `{"enabled":true,"destination":"s3","bucketArn":"arn:aws:s3:::10.0.0.1"}`), key: "meething:flowLogs.bucketArn", value: "arn:aws:s3:::10.0.0.1",
			rule: `names the bucket "10.0.0.1", which is not an S3 bucket name: not formatted as an IP address`},
		{name: "flow-log subfolder AWSLogs", m: kv("meething:flowLogs", `{"enabled":true,"destination":"s3","bucketArn":"arn:aws:s3:::flow-logs/AWSLogs"}`), key: "meething:flowLogs.bucketArn", value: "arn:aws:s3:::flow-logs/AWSLogs",
			rule: "has the subfolder AWSLogs, which flow logs refuse"},

		// WAF.
		{name: "web ACL of another region", m: kv("meething:waf", `{"enabled":true,"webAclArn":"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}`),
			key: "meething:waf.webAclArn", value: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
			rule: "is in us-east-1: AWS associates a web ACL only with a load balancer of its own region, and aws:region is ap-northeast-2"},
		{name: "override of a rule in another case", m: kv("meething:waf", `{"enabled":true,"ruleGroups":{"AWSManagedRulesCommonRuleSet":{"overrides":{"SizeRestrictions_Body":"count"}}}}`),
			key: "meething:waf.ruleGroups.AWSManagedRulesCommonRuleSet.overrides.SizeRestrictions_Body", value: "SizeRestrictions_Body",
			rule: "is not a rule of AWSManagedRulesCommonRuleSet as written: AWS matches the name exactly, SizeRestrictions_BODY"},
		{name: "override of a rule of another group", m: kv("meething:waf", `{"enabled":true,"ruleGroups":{"AWSManagedRulesKnownBadInputsRuleSet":{"overrides":{"SizeRestrictions_BODY":"count"}}}}`),
			key: "meething:waf.ruleGroups.AWSManagedRulesKnownBadInputsRuleSet.overrides.SizeRestrictions_BODY", value: "SizeRestrictions_BODY",
			rule: "is not a rule of AWSManagedRulesKnownBadInputsRuleSet (AWS WAF developer guide, managed rule groups list): one of JavaDeserializationRCE_HEADER"},

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

// long63 is a domain of 63 characters, whose *.<domain> is 65.
func long63() string { return strings.Repeat("a", 59) + ".com" }

// deepName is a name under meething.net of n characters, labels of 50.
func deepName(n int) string {
	rest := n - len(".meething.net")
	var labels []string
	for rest > 0 {
		l := min(rest, 50)
		if rest-l == 1 {
			l-- // no empty label
		}
		labels = append(labels, strings.Repeat("d", l))
		rest -= l + 1
	}
	return strings.Join(labels, ".") + ".meething.net"
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
		{name: "target group named internal-", m: with(services(`{"name":"api"}`), "meething:physicalNames", `{"targetGroups":{"api":"internal-api"}}`)},
		{name: "extra certificate whose *.<domain> is 64 characters", m: kv("meething:extraCertificates", `[{"domain":"`+strings.Repeat("a", 58)+`.com","zoneName":"`+strings.Repeat("a", 58)+`.com"}]`)},
		{name: "certificate name whose validation record is 253 characters", m: kv("meething:certificateNames", jsonList(deepName(219)))},
		{name: "bucket names at S3's edges", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"xn-logs.s3alias-edge.mrap1"}`)},
		{name: "bucket with dots that is no IP address", m: kv("meething:accessLogs", `{"enabled":true,"bucket":"10.0.0.1.logs"}`)},
		{name: "flow-log subfolder holding AWSLogs in a longer name", m: kv("meething:flowLogs", `{"enabled":true,"destination":"s3","bucketArn":"arn:aws:s3:::flow-logs/MyAWSLogs/vpc"}`)},
		{name: "web ACL of the stack's region", m: kv("meething:waf", `{"enabled":true,"webAclArn":"arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}`)},
		{name: "overrides of each group's rules", m: kv("meething:waf", `{"enabled":true,"ruleGroups":{"AWSManagedRulesCommonRuleSet":{"overrides":{"SizeRestrictions_BODY":"count","CrossSiteScripting_URIPATH":"count"}},"AWSManagedRulesKnownBadInputsRuleSet":{"overrides":{"Log4JRCE_BODY":"block"}},"AWSManagedRulesAmazonIpReputationList":{"overrides":{"AWSManagedIPDDoSList":"count"}}}}`)},
		{name: "redirect of a rule to a host it does not match", m: kv("meething:rules", `[{"name":"www","priority":10,"hosts":["www.meething.net","old.meething.net"],"redirect":{"to":"https://meething.net/#{path}?#{query}"}}]`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(tc.m)
			require.NoError(t, err)
			require.NotNil(t, cfg)
		})
	}
}

func TestCheckStackName(t *testing.T) {
	adopted := func(zone string) *Config {
		cfg := Defaults()
		cfg.Domain, cfg.ExistingZoneName = "meething.net", zone
		return cfg2(cfg)
	}
	// _meething-<stack>-owner: 16 characters besides the stack's name.
	require.NoError(t, CheckStackName(adopted("meething.net"), "meething", strings.Repeat("s", 47)))
	err := CheckStackName(adopted("meething.net"), "meething", strings.Repeat("s", 48))
	require.Error(t, err)
	ps := problemsOf(t, err)
	require.Len(t, ps, 1)
	require.Equal(t, "stack name", ps[0].Key)
	require.Equal(t, strings.Repeat("s", 48), ps[0].Value)
	require.Contains(t, ps[0].Rule, "of 64 characters, which the stack writes in the zone it adopts: Route53 allows 63 (DNS domain name format); use a stack name of at most 47 characters")

	// A whole name over 253.
	zone := deepName(240)
	err = CheckStackName(adopted(zone), "meething", "prod")
	require.Error(t, err)
	require.Contains(t, err.Error(), "Route53 allows 253")

	// A stack that creates its own zone writes no owner record.
	own := Defaults()
	own.Domain = "meething.net"
	require.NoError(t, CheckStackName(&own, "meething", strings.Repeat("s", 90)))
}

func cfg2(c Config) *Config { return &c }
