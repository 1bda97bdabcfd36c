package drift

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
)

func TestManagedChanges(t *testing.T) {
	hosts := []string{apiHost, "chat.dev.meething.net"}
	ruleIn := func(priority float64) map[string]any {
		return map[string]any{"listenerArn": https, "priority": priority,
			"conditions": []any{map[string]any{"hostHeader": map[string]any{"values": []any{apiHost}}}}}
	}
	tests := []struct {
		name string
		step apitype.StepEventMetadata
		want []Finding
	}{
		{name: "same and refresh steps are no drift",
			step: apitype.StepEventMetadata{Op: apitype.OpSame, URN: "urn:pulumi:dev::meething::aws:lb/listenerRule:ListenerRule::meething-api", Type: typeRule}},
		{name: "the stack's outputs are no drift",
			step: apitype.StepEventMetadata{Op: apitype.OpUpdate, URN: "urn:pulumi:dev::meething::pulumi:pulumi:Stack::meething-dev", Type: typeStack}},
		{name: "a rule's priority changed by hand",
			step: apitype.StepEventMetadata{Op: apitype.OpUpdate, URN: "urn:pulumi:dev::meething::aws:lb/listenerRule:ListenerRule::meething-api", Type: typeRule,
				Old: &apitype.StepEventStateMetadata{Inputs: ruleIn(7)}, New: &apitype.StepEventStateMetadata{Inputs: ruleIn(100)}, Diffs: []string{"priority"}},
			want: []Finding{{Kind: KindManaged, Resource: "ListenerRule meething-api", Hosts: []string{apiHost},
				Change: "~ update ListenerRule meething-api; priority: 7 => 100"}}},
		{name: "a target group's health check path changed, replaced",
			step: apitype.StepEventMetadata{Op: apitype.OpReplace, URN: "urn:pulumi:dev::meething::aws:lb/targetGroup:TargetGroup::meething-api", Type: "aws:lb/targetGroup:TargetGroup",
				Old:  &apitype.StepEventStateMetadata{Inputs: map[string]any{"port": 8080.0, "healthCheck": map[string]any{"path": "/x"}}},
				New:  &apitype.StepEventStateMetadata{Inputs: map[string]any{"port": 80.0, "healthCheck": map[string]any{"path": "/"}}},
				Keys: []string{"port"}, Diffs: []string{"port", "healthCheck"}},
			want: []Finding{{Kind: KindManaged, Resource: "TargetGroup meething-api", Hosts: hosts,
				Change: `+- replace TargetGroup meething-api; replaced because of port; the old one is deleted first; healthCheck.path: "/x" => "/"; port: 8080 => 80`}}},
		{name: "a record deleted by hand is created again",
			step: apitype.StepEventMetadata{Op: apitype.OpCreate, URN: "urn:pulumi:dev::meething::aws:route53/record:Record::meething-api", Type: typeRecord,
				New: &apitype.StepEventStateMetadata{Inputs: map[string]any{"name": "API.dev.meething.net.", "type": "CNAME"}}},
			want: []Finding{{Kind: KindManaged, Resource: "Record meething-api", Hosts: []string{apiHost},
				Change: "+ create Record meething-api; the resource is gone from AWS: the next pulumi up creates it"}}},
		{name: "a resource off the serving path touches no host",
			step: apitype.StepEventMetadata{Op: apitype.OpUpdate, URN: "urn:pulumi:dev::meething::aws:cloudwatch/metricAlarm:MetricAlarm::meething-5xx", Type: "aws:cloudwatch/metricAlarm:MetricAlarm",
				Old: &apitype.StepEventStateMetadata{Inputs: map[string]any{"threshold": 5.0}}, New: &apitype.StepEventStateMetadata{Inputs: map[string]any{"threshold": 10.0}}},
			want: []Finding{{Kind: KindManaged, Resource: "MetricAlarm meething-5xx", Hosts: []string{},
				Change: "~ update MetricAlarm meething-5xx; threshold: 5 => 10"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ManagedChanges([]apitype.StepEventMetadata{tt.step}, hosts)
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
