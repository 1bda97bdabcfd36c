package previewguard

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	zoneURN    = "urn:pulumi:prod::meething::meething:dns:HostedZone$aws:route53/zone:Zone::meething"
	certURN    = "urn:pulumi:prod::meething::meething:cert:Certificate$aws:acm/certificate:Certificate::meething"
	albURN     = "urn:pulumi:prod::meething::meething:loadbalancer:LoadBalancer$aws:lb/loadBalancer:LoadBalancer::meething"
	tgURN      = "urn:pulumi:prod::meething::meething:loadbalancer:LoadBalancer$aws:lb/targetGroup:TargetGroup::meething-api"
	ruleURN    = "urn:pulumi:prod::meething::meething:loadbalancer:LoadBalancer$aws:lb/listenerRule:ListenerRule::meething-api"
	recURN     = "urn:pulumi:prod::meething::meething:dns:AliasRecords$aws:route53/record:Record::meething-wildcard-A"
	nsURN      = "urn:pulumi:prod::meething::meething:dns:HostedZone$aws:route53/record:Record::meething-delegation"
	targetsURN = "urn:pulumi:prod::meething::meething:loadbalancer:LoadBalancer$aws:ec2/securityGroup:SecurityGroup::meething-targets"
	wafURN     = "urn:pulumi:prod::meething::meething:loadbalancer:LoadBalancer$aws:wafv2/webAclAssociation:WebAclAssociation::meething"
	egressURN  = "urn:pulumi:prod::meething::meething:loadbalancer:LoadBalancer$aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule::meething-alb-out-80"
)

// withOldInputs is a step on a resource whose current inputs are inputs.
func withOldInputs(op, urn, inputs string) string {
	return `{"op":"` + op + `","urn":"` + urn + `","oldState":{"inputs":` + inputs + `}}`
}

func preview(steps ...string) string {
	return `{"steps":[` + strings.Join(steps, ",") + `],"changeSummary":{}}`
}

func step(op, urn string, reasons ...string) string {
	r := `[]`
	if len(reasons) > 0 {
		r = `["` + strings.Join(reasons, `","`) + `"]`
	}
	return `{"op":"` + op + `","urn":"` + urn + `","replaceReasons":` + r + `}`
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		json string
		want []string
	}{
		{"no changes", preview(step("same", zoneURN), step("same", albURN)), nil},
		{"updates are fine", preview(step("update", albURN), step("update", certURN)), nil},
		{"a listener rule replaced is not: its hosts get the default action in between", preview(step("replace", ruleURN, "listenerArn")),
			[]string{"replace meething-api (aws:lb/listenerRule:ListenerRule) because of listenerArn"}},
		{"the targets' security group replaced is not: instances hold the old one", preview(step("replace", targetsURN, "vpcId")),
			[]string{"replace meething-targets (aws:ec2/securityGroup:SecurityGroup) because of vpcId"}},
		{"the WAF association deleted is not", preview(step("delete", wafURN)),
			[]string{"delete meething (aws:wafv2/webAclAssociation:WebAclAssociation)"}},
		{"a security-group rule replaced is fine", preview(step("replace", egressURN, "securityGroupId")), nil},
		{"a target group replaced is not: its targets registered outside the stack stay with the old one", preview(step("replace", tgURN, "targetType")),
			[]string{"replace meething-api (aws:lb/targetGroup:TargetGroup) because of targetType"}},
		{"an alias record deleted", preview(withOldInputs("delete", recURN, `{"name":"*.meething.net","aliases":[{"name":"edge.elb.amazonaws.com"}]}`)),
			[]string{"delete meething-wildcard-A (aws:route53/record:Record)"}},
		{"a plain record deleted is fine", preview(withOldInputs("delete", nsURN, `{"name":"dev.meething.net","records":["ns-1.example."]}`)), nil},
		{"zone deleted", preview(step("delete", zoneURN)),
			[]string{"delete meething (aws:route53/zone:Zone)"}},
		{"certificate replaced", preview(step("create-replacement", certURN, "subjectAlternativeNames"), step("replace", certURN, "subjectAlternativeNames")),
			[]string{
				"create-replacement meething (aws:acm/certificate:Certificate) because of subjectAlternativeNames",
				"replace meething (aws:acm/certificate:Certificate) because of subjectAlternativeNames",
			}},
		{"load balancer replaced", preview(step("delete-replaced", albURN)),
			[]string{"delete-replaced meething (aws:lb/loadBalancer:LoadBalancer)"}},
		{"creating them is fine", preview(step("create", zoneURN), step("create", certURN), step("create", albURN)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings, err := Check(strings.NewReader(tt.json))
			require.NoError(t, err)
			var got []string
			for _, f := range findings {
				got = append(got, f.String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckRejectsBadJSON(t *testing.T) {
	_, err := Check(strings.NewReader("error: no stack selected"))
	require.ErrorContains(t, err, "reading the preview JSON")
}
