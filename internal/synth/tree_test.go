package synth

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWriteTree(t *testing.T) {
	res := func(urn, typ, name, parent string) Resource {
		return Resource{URN: urn, Type: typ, Name: name, Parent: parent}
	}
	imported := res("urn:pulumi:s::p::c:m:C$t:m:B::b", "t:m:B", "b", "urn:pulumi:s::p::c:m:C::c")
	imported.Key, imported.ImportID, imported.Protect, imported.RetainOnDelete = "b", "id-1", true, true
	p := &Plan{
		Project: "p", Stack: "s",
		Resources: []Resource{
			res("urn:pulumi:s::p::c:m:C$t:m:A::a", "t:m:A", "a", "urn:pulumi:s::p::c:m:C::c"),
			imported,
			res("urn:pulumi:s::p::c:m:C::c", "c:m:C", "c", ""),
			res("urn:pulumi:s::p::t:m:Top::top", "t:m:Top", "top", ""),
		},
		Outputs: map[string]any{"zeta": []any{"x", "<y>"}, "a": 1.0},
	}
	var b strings.Builder
	if err := p.WriteTree(&b); err != nil {
		t.Fatal(err)
	}
	want := `Type                 Name  Import key  Options                       Key inputs
pulumi:pulumi:Stack  p-s
├─ c:m:C             c
│  ├─ t:m:A          a
│  └─ t:m:B          b     b           import id-1, protect, retain
└─ t:m:Top           top

Outputs:
    a   : 1
    zeta: ["x","<y>"]

Resources (the stack itself not counted):
    c:m:C    1
    t:m:A    1
    t:m:B    1
    t:m:Top  1
    total    4
`
	if b.String() != want {
		t.Errorf("tree:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestKeyInputs(t *testing.T) {
	tests := []struct {
		typ    string
		inputs map[string]any
		want   string
	}{
		{"aws:ec2/subnet:Subnet", map[string]any{"cidrBlock": "172.31.0.0/20", "availabilityZone": "ap-northeast-2a"}, "cidr=172.31.0.0/20 zone=ap-northeast-2a"},
		{"aws:lb/targetGroup:TargetGroup", map[string]any{"port": 80.0, "protocol": "HTTP", "healthCheck": map[string]any{"path": "/healthz"}}, "port=80 protocol=HTTP health=/healthz"},
		{"aws:lb/listenerRule:ListenerRule", map[string]any{"priority": 14568.0, "conditions": []any{map[string]any{"hostHeader": map[string]any{"values": []any{"api.meething.net", "www.meething.net"}}}}}, "priority=14568 hosts=api.meething.net,www.meething.net"},
		{"aws:lb/listenerRule:ListenerRule", map[string]any{"priority": 7.0, "actions": []any{map[string]any{"forward": map[string]any{"targetGroups": []any{map[string]any{"weight": 90.0}, map[string]any{"weight": 10.0}}}}}}, "priority=7 weights=90/10"},
		{"aws:lb/listenerRule:ListenerRule", map[string]any{"priority": 5.0, "conditions": []any{map[string]any{"hostHeader": map[string]any{"values": []any{"api.meething.net"}}}, map[string]any{"pathPattern": map[string]any{"values": []any{"/admin/*"}}}}, "actions": []any{map[string]any{"type": "fixed-response"}}}, "priority=5 hosts=api.meething.net paths=/admin/* action=fixed-response"},
		{"aws:lb/listener:Listener", map[string]any{"port": 443.0, "protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}, "port=443 protocol=HTTPS tls=ELBSecurityPolicy-TLS13-1-2-2021-06"},
		{"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", map[string]any{"fromPort": 443.0, "cidrIpv6": "::/0"}, "port=443 peer=::/0"},
		{"aws:acm/certificate:Certificate", map[string]any{"domainName": "*.meething.net", "subjectAlternativeNames": []any{"meething.net"}}, "names=*.meething.net,meething.net"},
		{"aws:sns/topic:Topic", map[string]any{"name": "x"}, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, (&Resource{Type: tt.typ, Inputs: tt.inputs, Custom: true}).KeyInputs(), tt.typ)
	}
	assert.Empty(t, (&Resource{Type: "meething:cert:Certificate", Inputs: map[string]any{"names": []any{"x"}}}).KeyInputs(), "components have no inputs of their own to show")
}
