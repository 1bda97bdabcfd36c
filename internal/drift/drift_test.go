package drift

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	lb      = "arn:aws:elasticloadbalancing:ap-northeast-2:1:loadbalancer/app/meething-abc/abc"
	https   = "arn:aws:elasticloadbalancing:ap-northeast-2:1:listener/app/meething/abc/443"
	http    = "arn:aws:elasticloadbalancing:ap-northeast-2:1:listener/app/meething/abc/80"
	cert    = "arn:aws:acm:ap-northeast-2:1:certificate/stack"
	zone    = "ZDEV"
	parent  = "ZNET"
	sgALB   = "sg-alb"
	apiHost = "api.dev.meething.net"
)

// edge is a clean deployed dev edge: the stack's three host rules on the
// HTTPS listener, its certificate, its zone with the wildcard and
// validation records, its delegation and owner record in meething.net,
// its load balancer's security group with its rules, no web ACL.
func edge() (Managed, Edge) {
	m := Managed{
		Project: "meething", Stack: "dev", Domain: "dev.meething.net", LoadBalancer: lb,
		Listeners: []Listener{{ARN: https, Port: 443, Protocol: "HTTPS"}, {ARN: http, Port: 80, Protocol: "HTTP"}},
		Rules: []Rule{
			{ARN: "rule/api", Name: "meething-api", Listener: https, Priority: 100, Hosts: []string{apiHost}},
			{ARN: "rule/chat", Name: "meething-chat", Listener: https, Priority: 110, Hosts: []string{"chat.dev.meething.net"}},
			{ARN: "rule/config", Name: "meething-config", Listener: https, Priority: 120, Hosts: []string{"config.dev.meething.net"}},
		},
		Certificates: map[string][]string{https: {cert}},
		Zones:        []Zone{{ID: zone, Name: "dev.meething.net"}, {ID: parent, Name: "meething.net", Parent: true}},
		Records: []Record{
			{Zone: zone, Name: "*.dev.meething.net", Type: "A"},
			{Zone: zone, Name: "_abc.dev.meething.net", Type: "CNAME"},
			{Zone: parent, Name: "dev.meething.net", Type: "NS"},
			{Zone: parent, Name: "_meething-dev-owner.meething.net", Type: "TXT"},
		},
		SecurityGroups: []string{sgALB},
		GroupRules:     map[string]bool{"sgr-443": true, "sgr-80": true},
		Hosts:          []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
	}
	e := Edge{
		Rules:            append([]Rule(nil), m.Rules...),
		Certificates:     map[string][]string{https: {cert}},
		CertificateNames: map[string][]string{cert: {"*.dev.meething.net", "dev.meething.net"}},
		Records: map[string][]Record{
			zone: {
				{Zone: zone, Name: "dev.meething.net", Type: "NS", Values: []string{"ns-1.awsdns-1.com."}},
				{Zone: zone, Name: "dev.meething.net", Type: "SOA", Values: []string{"ns-1.awsdns-1.com. hostmaster 1 7200 900 1209600 86400"}},
				{Zone: zone, Name: "*.dev.meething.net", Type: "A", Alias: "meething-abc.elb.amazonaws.com"},
				{Zone: zone, Name: "_abc.dev.meething.net", Type: "CNAME", Values: []string{"_x.acm-validations.aws."}},
			},
			parent: {
				{Zone: parent, Name: "meething.net", Type: "NS", Values: []string{"ns-9.awsdns-9.com."}},
				{Zone: parent, Name: "meething.net", Type: "SOA", Values: []string{"ns-9.awsdns-9.com. hostmaster 1 7200 900 1209600 86400"}},
				{Zone: parent, Name: "meething.net", Type: "MX", Values: []string{"10 mail.meething.net."}},
				{Zone: parent, Name: "*.meething.net", Type: "A", Alias: "old-alb.elb.amazonaws.com"},
				{Zone: parent, Name: "dev.meething.net", Type: "NS", Values: []string{"ns-1.awsdns-1.com."}},
				{Zone: parent, Name: "_meething-dev-owner.meething.net", Type: "TXT", Values: []string{`"heritage=pulumi,project=meething,stack=dev"`, `"dev.meething.net NS"`}},
			},
		},
		GroupRules: []GroupRule{
			{ID: "sgr-443", Group: sgALB, Protocol: "tcp", From: 443, To: 443, Peer: "0.0.0.0/0"},
			{ID: "sgr-80", Group: sgALB, Protocol: "tcp", From: 80, To: 80, Peer: "0.0.0.0/0"},
		},
	}
	return m, e
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Managed, *Edge)
		want   []Finding
	}{
		{name: "clean edge", change: func(*Managed, *Edge) {}},
		{name: "a rule with a lower priority number takes the host over",
			change: func(_ *Managed, e *Edge) {
				e.Rules = append(e.Rules, Rule{ARN: "x/hand", Listener: https, Priority: 5, Hosts: []string{"api.*.meething.net"}, Action: "answers 503 itself"})
			},
			want: []Finding{{Kind: KindRule, Resource: "listener HTTPS:443 rule hand", Hosts: []string{apiHost},
				Change: "priority 5 matches host api.*.meething.net; answers 503 itself; takes over api.dev.meething.net from the stack's rule meething-api (priority 100)"}}},
		{name: "a rule between the stack's path rule and its host rule takes the host's other requests",
			change: func(m *Managed, e *Edge) {
				path := Rule{ARN: "rule/api-uploads", Name: "meething-api-uploads", Listener: https, Priority: 10, Hosts: []string{apiHost}, Paths: []string{"/uploads/*"}}
				m.Rules = append(m.Rules, path)
				e.Rules = append(e.Rules, path, Rule{ARN: "x/mid", Listener: https, Priority: 50, Hosts: []string{apiHost}, Action: "answers 503 itself"})
			},
			want: []Finding{{Kind: KindRule, Resource: "listener HTTPS:443 rule mid", Hosts: []string{apiHost},
				Change: "priority 50 matches host api.dev.meething.net; answers 503 itself; takes over api.dev.meething.net from the stack's rule meething-api (priority 100)"}}},
		{name: "a rule after the stack's takes no host of it",
			change: func(_ *Managed, e *Edge) {
				e.Rules = append(e.Rules, Rule{ARN: "x/late", Listener: https, Priority: 500, Hosts: []string{apiHost}, Paths: []string{"/admin*"}, Action: "answers 403 itself"})
			},
			want: []Finding{{Kind: KindRule, Resource: "listener HTTPS:443 rule late", Hosts: []string{},
				Change: "priority 500 matches host api.dev.meething.net, path /admin*; answers 403 itself; takes over none of the stack's hosts"}}},
		{name: "a rule without a host condition on the HTTP listener takes every host from the default redirect",
			change: func(_ *Managed, e *Edge) {
				e.Rules = append(e.Rules, Rule{ARN: "x/plain", Listener: http, Priority: 1, Paths: []string{"/.well-known/*"}, Action: "forwards to target group acme"})
			},
			want: []Finding{{Kind: KindRule, Resource: "listener HTTP:80 rule plain", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "priority 1 matches any host, path /.well-known/*; forwards to target group acme; takes over api.dev.meething.net from the listener's default action, chat.dev.meething.net from the listener's default action, config.dev.meething.net from the listener's default action (the requests it matches)"}}},
		{name: "a certificate attached by hand",
			change: func(_ *Managed, e *Edge) {
				e.Certificates[https] = append(e.Certificates[https], "arn:cert/hand")
				e.CertificateNames["arn:cert/hand"] = []string{"chat.dev.meething.net", "other.example"}
			},
			want: []Finding{{Kind: KindCertificate, Resource: "listener HTTPS:443", Hosts: []string{"chat.dev.meething.net"},
				Change: "certificate arn:cert/hand attached beside the stack's (names chat.dev.meething.net, other.example): the listener may present it for the hosts it covers"}}},
		{name: "a wildcard certificate attached by hand covers the hosts one label below it",
			change: func(_ *Managed, e *Edge) {
				e.Certificates[https] = append(e.Certificates[https], "arn:cert/wild")
				e.CertificateNames["arn:cert/wild"] = []string{"*.DEV.meething.net"}
			},
			want: []Finding{{Kind: KindCertificate, Resource: "listener HTTPS:443", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "certificate arn:cert/wild attached beside the stack's (names *.DEV.meething.net): the listener may present it for the hosts it covers"}}},
		{name: "a certificate whose names cannot be read",
			change: func(_ *Managed, e *Edge) { e.Certificates[https] = append(e.Certificates[https], "arn:iam/cert") },
			want: []Finding{{Kind: KindCertificate, Resource: "listener HTTPS:443", Hosts: []string{},
				Change: "certificate arn:iam/cert attached beside the stack's (its names could not be read from ACM): the listener may present it for any host it covers"}}},
		{name: "the stack's certificate detached",
			change: func(_ *Managed, e *Edge) { e.Certificates[https] = nil },
			want: []Finding{{Kind: KindCertificate, Resource: "listener HTTPS:443", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "the stack's certificate " + cert + " is no longer on the listener"}}},
		{name: "a record no stack owns shadows the wildcard for its host",
			change: func(_ *Managed, e *Edge) {
				e.Records[zone] = append(e.Records[zone], Record{Zone: zone, Name: apiHost, Type: "CNAME", Values: []string{"elsewhere.example."}})
			},
			want: []Finding{{Kind: KindRecord, Resource: "zone dev.meething.net api.dev.meething.net CNAME", Hosts: []string{apiHost},
				Change: "no stack owns it: elsewhere.example.; answers for the stack's hosts in place of the stack's records"}}},
		// moto accepts a simple and a weighted record set of one name and
		// type side by side; Route53 refuses it. A weighted set beside the
		// stack's weighted ones is what AWS allows: tested here, not
		// against moto.
		{name: "a weighted set beside the stack's weighted sets",
			change: func(m *Managed, e *Edge) {
				m.Records[0].Set = "new-edge"
				m.Records = append(m.Records, Record{Zone: zone, Name: "*.dev.meething.net", Type: "A", Set: "old-edge"})
				e.Records[zone][2].Set = "new-edge"
				e.Records[zone] = append(e.Records[zone],
					Record{Zone: zone, Name: "*.dev.meething.net", Type: "A", Set: "old-edge", Alias: "old.elb.amazonaws.com"},
					Record{Zone: zone, Name: "*.dev.meething.net", Type: "A", Set: "by-hand", Alias: "third.elb.amazonaws.com"})
			},
			want: []Finding{{Kind: KindRecord, Resource: "zone dev.meething.net *.dev.meething.net A (set by-hand)", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "no stack owns it: alias to third.elb.amazonaws.com; answers for the stack's hosts in place of the stack's records"}}},
		{name: "records another stack's owner record lists, adopted or held, are owned",
			change: func(_ *Managed, e *Edge) {
				e.Records[zone] = append(e.Records[zone],
					Record{Zone: zone, Name: "_meething-lab-owner.dev.meething.net", Type: "TXT", Values: []string{`"heritage=pulumi,project=meething,stack=lab"`, `"lab.dev.meething.net NS"`, `"www.dev.meething.net CNAME adopted"`, `"acm-validation lab.dev.meething.net CNAME"`}},
					Record{Zone: zone, Name: "lab.dev.meething.net", Type: "NS", Values: []string{"ns-2."}},
					Record{Zone: zone, Name: "www.dev.meething.net", Type: "CNAME", Values: []string{"x."}},
					Record{Zone: zone, Name: "_0123.lab.dev.meething.net", Type: "CNAME", Values: []string{"y."}})
			}},
		{name: "records expected as someone else's are not reported",
			change: func(m *Managed, e *Edge) {
				m.Expected = map[string]bool{"dev.meething.net MX": true, "api.dev.meething.net A": true}
				e.Records[zone] = append(e.Records[zone], Record{Zone: zone, Name: "dev.meething.net", Type: "MX", Values: []string{"10 mx.example."}})
				e.Records[parent] = append(e.Records[parent], Record{Zone: parent, Name: apiHost, Type: "A", Values: []string{"203.0.113.9"}})
			}},
		{name: "a TXT record that only looks like an owner record is no one's",
			change: func(_ *Managed, e *Edge) {
				e.Records[zone] = append(e.Records[zone], Record{Zone: zone, Name: "_x-owner.dev.meething.net", Type: "TXT", Values: []string{`"api.dev.meething.net A"`}})
			},
			want: []Finding{{Kind: KindRecord, Resource: "zone dev.meething.net _x-owner.dev.meething.net TXT", Hosts: []string{},
				Change: `no stack owns it: "api.dev.meething.net A"`}}},
		{name: "a record under the stack's name in the parent zone",
			change: func(_ *Managed, e *Edge) {
				e.Records[parent] = append(e.Records[parent], Record{Zone: parent, Name: apiHost, Type: "A", Values: []string{"203.0.113.9"}})
			},
			want: []Finding{{Kind: KindParentRecord, Resource: "zone meething.net api.dev.meething.net A", Hosts: []string{apiHost},
				Change: "written under the stack's name dev.meething.net by someone else (no stack's owner record lists it): 203.0.113.9"}}},
		{name: "an ingress rule added to the stack's group",
			change: func(_ *Managed, e *Edge) {
				e.GroupRules = append(e.GroupRules, GroupRule{ID: "sgr-22", Group: sgALB, Protocol: "tcp", From: 22, To: 22, Peer: "0.0.0.0/0", Description: "debug"})
			},
			want: []Finding{{Kind: KindGroupRule, Resource: "security group sg-alb rule sgr-22", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "ingress tcp 22 from 0.0.0.0/0, added beside the stack's rules (debug)"}}},
		{name: "a web ACL associated where the stack associates none",
			change: func(_ *Managed, e *Edge) { e.WebACL = "arn:aws:wafv2:ap-northeast-2:1:regional/webacl/hand/1" },
			want: []Finding{{Kind: KindWebACL, Resource: "load balancer meething-abc", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "associated with web ACL hand (arn:aws:wafv2:ap-northeast-2:1:regional/webacl/hand/1); the stack associates none"}}},
		{name: "the stack's web ACL swapped for another",
			change: func(m *Managed, e *Edge) {
				m.WebACL = "arn:aws:wafv2:r:1:regional/webacl/meething/own"
				e.WebACL = "arn:aws:wafv2:r:1:regional/webacl/hand/other"
			},
			want: []Finding{{Kind: KindWebACL, Resource: "load balancer meething-abc", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "associated with web ACL hand (arn:aws:wafv2:r:1:regional/webacl/hand/other); the stack associates meething"}}},
		{name: "the stack's web ACL disassociated",
			change: func(m *Managed, _ *Edge) { m.WebACL = "arn:aws:wafv2:r:1:regional/webacl/meething/own" },
			want: []Finding{{Kind: KindWebACL, Resource: "load balancer meething-abc", Hosts: []string{apiHost, "chat.dev.meething.net", "config.dev.meething.net"},
				Change: "no web ACL associated; the stack associates meething (arn:aws:wafv2:r:1:regional/webacl/meething/own)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, e := edge()
			tt.change(&m, &e)
			got := Compare(m, e)
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFromState(t *testing.T) {
	resources := []Resource{
		{URN: "urn:pulumi:dev::meething::pulumi:pulumi:Stack::meething-dev", Type: typeStack, Outputs: map[string]any{"hostedZoneId": zone}},
		{URN: "x::meething", Type: typeLoadBalancer, ID: lb},
		{URN: "x::meething-https", Type: typeListener, ID: https, Inputs: map[string]any{"port": 443.0, "protocol": "HTTPS", "certificateArn": cert}},
		{URN: "x::meething-api", Type: typeRule, ID: "rule/api", Inputs: map[string]any{"listenerArn": https, "priority": 100.0,
			"conditions": []any{map[string]any{"hostHeader": map[string]any{"values": []any{apiHost}}}},
			"actions":    []any{map[string]any{"type": "forward", "targetGroupArn": "arn:aws:elasticloadbalancing:r:1:targetgroup/meething-api-1/2"}}}},
		{URN: "x::meething", Type: typeZone, ID: zone, Inputs: map[string]any{"name": "dev.meething.net"}},
		{URN: "x::meething-wildcard-A", Type: typeRecord, Inputs: map[string]any{"zoneId": zone, "name": "*.dev.meething.net", "type": "A"}},
		{URN: "x::meething-delegation-owner", Type: typeRecord, Inputs: map[string]any{"zoneId": parent, "name": "_meething-dev-owner.meething.net", "type": "TXT"}},
		{URN: "x::meething-alb", Type: typeGroup, ID: sgALB},
		{URN: "x::meething-alb-in-443", Type: typeIngress, ID: "sgr-443"},
		{URN: "x::meething-waf", Type: typeWebACLAssoc, Inputs: map[string]any{"webAclArn": "arn:acl", "resourceArn": lb}},
	}
	m, err := FromState("meething", "dev", "dev.meething.net", resources)
	require.NoError(t, err)
	assert.Equal(t, []Zone{{ID: zone, Name: "dev.meething.net"}, {ID: parent, Name: "meething.net", Parent: true}}, m.Zones)
	assert.Equal(t, []Rule{{ARN: "rule/api", Name: "meething-api", Listener: https, Priority: 100, Hosts: []string{apiHost}, Action: "forwards to target group meething-api-1"}}, m.Rules)
	assert.Equal(t, []string{apiHost}, m.Hosts)
	assert.Equal(t, map[string][]string{https: {cert}}, m.Certificates)
	assert.Equal(t, "arn:acl", m.WebACL)
	assert.True(t, m.GroupRules["sgr-443"])

	_, err = FromState("meething", "dev", "dev.meething.net", resources[2:])
	assert.ErrorContains(t, err, "holds no load balancer")
	_, err = FromState("meething", "dev", "dev.meething.net", resources[1:])
	assert.ErrorContains(t, err, "no output hostedZoneId")
}

// Actions names one IAM action per API call Read makes: the six clients'
// read calls, each once.
func TestActionsAreReadsOnly(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range Actions {
		service, action, ok := strings.Cut(a, ":")
		require.True(t, ok, a)
		assert.Contains(t, []string{"elasticloadbalancing", "acm", "route53", "ec2", "wafv2"}, service, a)
		assert.Regexp(t, `^(Describe|List|Get)`, action, "%s is a read", a)
		assert.False(t, seen[a], "%s twice", a)
		seen[a] = true
	}
	assert.Len(t, Actions, 6)
}
