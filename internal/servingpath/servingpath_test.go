package servingpath

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReliedOn(t *testing.T) {
	alias := map[string]any{"aliases": []any{map[string]any{"name": "edge.elb.amazonaws.com"}}}
	tests := []struct {
		typ    string
		inputs map[string]any
		want   bool
	}{
		{"aws:route53/zone:Zone", nil, true},
		{"aws:acm/certificate:Certificate", nil, true},
		{"aws:lb/loadBalancer:LoadBalancer", nil, true},
		{"aws:lb/listener:Listener", nil, true},
		{"aws:lb/targetGroup:TargetGroup", nil, true},
		{"aws:lb/listenerRule:ListenerRule", nil, true},
		{"aws:ec2/securityGroup:SecurityGroup", nil, true},
		{"aws:wafv2/webAclAssociation:WebAclAssociation", nil, true},
		{RecordType, alias, true},
		{RecordType, map[string]any{"records": []any{"ns-1.example."}}, false},
		{RecordType, map[string]any{"aliases": []any{}}, false},
		{"aws:wafv2/webAcl:WebAcl", nil, false},
		{"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", nil, false},
		{"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", nil, false},
		{"aws:acm/certificateValidation:CertificateValidation", nil, false},
		{"aws:cloudwatch/metricAlarm:MetricAlarm", nil, false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, ReliedOn(tc.typ, tc.inputs), "%s %v", tc.typ, tc.inputs)
	}
}
