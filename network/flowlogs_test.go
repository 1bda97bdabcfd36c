package network

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/stackconfig"
)

const (
	typeFlowLog    = "aws:ec2/flowLog:FlowLog"
	typeLogGroup   = "aws:cloudwatch/logGroup:LogGroup"
	typeRole       = "aws:iam/role:Role"
	typeRolePolicy = "aws:iam/rolePolicy:RolePolicy"

	tokenGetCallerIdentity = "aws:index/getCallerIdentity:getCallerIdentity"
	tokenGetRegion         = "aws:index/getRegion:getRegion"

	flowLogName = netName + "-flow-logs"
)

// flowLogTypes are every type the flow logs may add to the network.
var flowLogTypes = []string{typeFlowLog, typeLogGroup, typeRole, typeRolePolicy}

// flowLogsOn is meething:flowLogs of a stack that sets only enabled: true,
// changed by set: the value stackconfig gives the component.
func flowLogsOn(set func(*stackconfig.FlowLogs)) stackconfig.FlowLogs {
	f := stackconfig.Defaults().FlowLogs
	f.Enabled = true
	if set != nil {
		set(&f)
	}
	return f
}

// runFlowLogs runs NewNetwork in region (the mock's default when empty)
// with the given meething:flowLogs.
func runFlowLogs(t *testing.T, region string, fl stackconfig.FlowLogs) (*awsmock.Monitor, *Network, error) {
	t.Helper()
	var config map[string]string
	if region != "" {
		config = map[string]string{"aws:region": region}
	} else {
		region = awsmock.DefaultRegion
	}
	var n *Network
	m, err := awsmock.Run(testProject, testStack, config, func(ctx *pulumi.Context) error {
		var err error
		n, err = NewNetwork(ctx, netName, configured(&NetworkArgs{
			CidrBlock: "172.31.0.0/16",
			Zones:     []string{region + "a", region + "b"},
			FlowLogs:  fl,
			Tags:      map[string]string{"Project": "meething", "Team": "edge"},
		}))
		return err
	})
	return m, n, err
}

func mustRunFlowLogs(t *testing.T, region string, fl stackconfig.FlowLogs) (*awsmock.Monitor, *Network) {
	t.Helper()
	m, n, err := runFlowLogs(t, region, fl)
	require.NoError(t, err)
	require.NotNil(t, n)
	return m, n
}

// policyDoc unmarshals an IAM policy document held in a string input.
func policyDoc(t *testing.T, r *awsmock.Resource, key string) map[string]any {
	t.Helper()
	s, ok := r.Input(key).(string)
	require.True(t, ok, "%s %s: input %s is %#v, not a JSON string", r.Type, r.Name, key, r.Input(key))
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &doc), "%s %s: %s", r.Type, r.Name, s)
	return doc
}

// onlyStatement returns the single statement of a policy document.
func onlyStatement(t *testing.T, doc map[string]any) map[string]any {
	t.Helper()
	assert.Equal(t, "2012-10-17", doc["Version"])
	statements, ok := doc["Statement"].([]any)
	require.True(t, ok, "Statement is a list: %#v", doc["Statement"])
	require.Len(t, statements, 1)
	st, ok := statements[0].(map[string]any)
	require.True(t, ok)
	return st
}

// asStrings turns a policy element that is a string or a list of strings
// into a list.
func asStrings(t *testing.T, v any) []string {
	t.Helper()
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			require.True(t, ok, "%#v is not a string", e)
			out = append(out, s)
		}
		return out
	}
	require.Failf(t, "not a string or list", "%#v", v)
	return nil
}

func TestFlowLogsCloudWatch(t *testing.T) {
	tests := []struct {
		name          string
		region        string
		args          stackconfig.FlowLogs
		wantRetention float64
		wantTraffic   string
	}{
		{name: "defaults", args: flowLogsOn(nil), wantRetention: 90, wantTraffic: "ALL"},
		{name: "cloudwatch named", args: flowLogsOn(func(f *stackconfig.FlowLogs) { f.Destination = "cloudwatch" }), wantRetention: 90, wantTraffic: "ALL"},
		{
			name: "configured",
			args: flowLogsOn(func(f *stackconfig.FlowLogs) {
				f.Destination, f.TrafficType, f.RetentionDays = "cloudwatch", "REJECT", 365
			}),
			wantRetention: 365, wantTraffic: "REJECT",
		},
		{name: "other region", region: "eu-west-1", args: flowLogsOn(func(f *stackconfig.FlowLogs) { f.RetentionDays = 14 }), wantRetention: 14, wantTraffic: "ALL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, n := mustRunFlowLogs(t, tc.region, tc.args)
			region := m.Region()
			comp := one(t, m, TypeToken)
			vpc := one(t, m, typeVpc)

			group := one(t, m, typeLogGroup)
			role := one(t, m, typeRole)
			rolePolicy := one(t, m, typeRolePolicy)
			flowLog := one(t, m, typeFlowLog)
			for _, r := range []*awsmock.Resource{group, role, rolePolicy, flowLog} {
				assert.Equal(t, comp.URN, r.Parent, "%s %s is parented to the network", r.Type, r.Name)
				assert.Equal(t, flowLogName, r.Name, "%s is named after the network", r.Type)
			}
			require.NotNil(t, n.FlowLogs)
			assert.NotNil(t, n.FlowLogs.FlowLog)
			assert.NotNil(t, n.FlowLogs.LogGroup)
			assert.NotNil(t, n.FlowLogs.Role)
			assert.NotNil(t, n.FlowLogs.RolePolicy)

			// The log group keeps the logs for the configured time.
			assert.Equal(t, tc.wantRetention, group.Input("retentionInDays"))
			groupArn, _ := group.Output("arn").(string)
			require.NotEmpty(t, groupArn)
			roleArn, _ := role.Output("arn").(string)
			require.NotEmpty(t, roleArn)

			// Only VPC flow logs of this account may assume the role.
			trust := onlyStatement(t, policyDoc(t, role, "assumeRolePolicy"))
			assert.Equal(t, "Allow", trust["Effect"])
			assert.Equal(t, []string{"sts:AssumeRole"}, asStrings(t, trust["Action"]))
			assert.Equal(t, map[string]any{"Service": "vpc-flow-logs.amazonaws.com"}, trust["Principal"],
				"the role trusts the flow logs service and nothing else")
			assert.Equal(t, map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": awsmock.AccountID},
				"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:ec2:" + region + ":" + awsmock.AccountID + ":vpc-flow-log/*"},
			}, trust["Condition"], "confused-deputy conditions on the account and the flow logs of the region")
			assert.NotEmpty(t, role.Input("description"))

			// The role may only write to its own log group.
			assert.Equal(t, role.ID, rolePolicy.Input("role"), "the policy is attached to the flow log role")
			grant := onlyStatement(t, policyDoc(t, rolePolicy, "policy"))
			assert.Equal(t, "Allow", grant["Effect"])
			assert.ElementsMatch(t, []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
				asStrings(t, grant["Action"]), "exactly the actions flow logs need")
			resources := asStrings(t, grant["Resource"])
			assert.ElementsMatch(t, []string{groupArn, groupArn + ":*"}, resources, "only the flow log group")
			for _, res := range resources {
				assert.NotEqual(t, "*", res)
				assert.True(t, strings.HasPrefix(res, groupArn), "resource %s is outside the log group", res)
			}
			for k := range grant {
				assert.Contains(t, []string{"Effect", "Action", "Resource"}, k, "unexpected policy element %s", k)
			}

			// The flow log records the VPC's traffic into the group.
			assert.Equal(t, vpc.ID, flowLog.Input("vpcId"))
			assert.Equal(t, tc.wantTraffic, flowLog.Input("trafficType"))
			assert.Equal(t, "cloud-watch-logs", flowLog.Input("logDestinationType"))
			assert.Equal(t, groupArn, flowLog.Input("logDestination"))
			assert.Equal(t, roleArn, flowLog.Input("iamRoleArn"))
			assert.Equal(t, float64(60), flowLog.Input("maxAggregationInterval"))
			assert.True(t, m.DependsOn(flowLog, group), "the flow log waits for its group")
			assert.True(t, m.DependsOn(flowLog, role), "the flow log waits for its role")
			assert.True(t, m.DependsOn(flowLog, rolePolicy), "the flow log waits for the policy that lets its role write")

			for _, r := range []*awsmock.Resource{group, role, flowLog} {
				tags, ok := r.Input("tags").(map[string]any)
				require.True(t, ok, "%s has tags", r.Type)
				assert.Equal(t, "network", tags["Component"], r.Type)
				assert.Equal(t, flowLogName, tags["Name"], r.Type)
				assert.Equal(t, "edge", tags["Team"], r.Type)
				assert.Equal(t, "meething", tags["Project"], r.Type)
			}

			assert.Equal(t, 1, countInvokes(m, tokenGetCallerIdentity), "the account is looked up once")
			assert.Equal(t, 1, countInvokes(m, tokenGetRegion), "the region is looked up once")
		})
	}
}

func TestFlowLogsS3(t *testing.T) {
	const bucketArn = "arn:aws:s3:::meething-flow-logs"
	// "" leaves meething:flowLogs.trafficType at its default.
	for _, traffic := range []string{"", "ACCEPT"} {
		t.Run("traffic "+traffic, func(t *testing.T) {
			m, n := mustRunFlowLogs(t, "", flowLogsOn(func(f *stackconfig.FlowLogs) {
				f.Destination, f.BucketArn = "s3", bucketArn
				if traffic != "" {
					f.TrafficType = traffic
				}
			}))
			comp := one(t, m, TypeToken)
			flowLog := one(t, m, typeFlowLog)
			assert.Equal(t, comp.URN, flowLog.Parent)
			assert.Equal(t, one(t, m, typeVpc).ID, flowLog.Input("vpcId"))
			assert.Equal(t, "s3", flowLog.Input("logDestinationType"))
			assert.Equal(t, bucketArn, flowLog.Input("logDestination"))
			assert.Nil(t, flowLog.Input("iamRoleArn"), "S3 delivery needs no role")
			assert.Equal(t, float64(60), flowLog.Input("maxAggregationInterval"))
			want := traffic
			if want == "" {
				want = "ALL"
			}
			assert.Equal(t, want, flowLog.Input("trafficType"))

			assert.Empty(t, m.OfType(typeLogGroup), "no log group for S3")
			assert.Empty(t, m.OfType(typeRole), "no role for S3")
			assert.Empty(t, m.OfType(typeRolePolicy), "no role policy for S3")
			assert.Zero(t, countInvokes(m, tokenGetCallerIdentity))
			assert.Zero(t, countInvokes(m, tokenGetRegion))

			require.NotNil(t, n.FlowLogs)
			assert.NotNil(t, n.FlowLogs.FlowLog)
			assert.Nil(t, n.FlowLogs.LogGroup)
			assert.Nil(t, n.FlowLogs.Role)
		})
	}
}

func TestFlowLogsOff(t *testing.T) {
	m, n := mustRunFlowLogs(t, "", stackconfig.Defaults().FlowLogs)
	for _, typ := range flowLogTypes {
		assert.Empty(t, m.OfType(typ), "no %s without flow logs", typ)
	}
	assert.Nil(t, n.FlowLogs)
	assert.Empty(t, m.Invokes(), "nothing is looked up without flow logs")

	// Turning flow logs on adds resources and changes none of the network's.
	mOn, _ := mustRunFlowLogs(t, "", flowLogsOn(nil))
	before := map[string]map[string]any{}
	for _, r := range m.Resources() {
		before[r.URN] = plainInputs(r)
	}
	added := map[string]bool{}
	for _, r := range mOn.Resources() {
		if in, ok := before[r.URN]; ok {
			assert.Equal(t, in, plainInputs(r), "%s changed when flow logs were turned on", r.URN)
			continue
		}
		added[r.Type] = true
	}
	assert.Len(t, mOn.Resources(), len(before)+len(flowLogTypes))
	for _, typ := range flowLogTypes {
		assert.True(t, added[typ], "turning flow logs on adds a %s", typ)
	}
}
