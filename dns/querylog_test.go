package dns

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/stackconfig"
)

// queryLogsOn is meething:queryLogs of a stack that sets enabled: true and
// retention days (none: the default), as stackconfig gives it.
func queryLogsOn(retentionDays int) stackconfig.QueryLogs {
	q := stackconfig.Defaults().QueryLogs
	q.Enabled = true
	if retentionDays != 0 {
		q.RetentionDays = retentionDays
	}
	return q
}

const (
	typeProvider          = "pulumi:providers:aws"
	typeLogGroup          = "aws:cloudwatch/logGroup:LogGroup"
	typeLogResourcePolicy = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy"
	typeQueryLog          = "aws:route53/queryLog:QueryLog"
)

// queryLogTypes are every type query logging may add.
var queryLogTypes = []string{typeProvider, typeLogGroup, typeLogResourcePolicy, typeQueryLog}

// usesProvider reports whether r was registered with the explicit provider p.
func usesProvider(r, p *awsmock.Resource) bool {
	return strings.HasPrefix(r.Provider, p.URN+"::")
}

func TestQueryLogging(t *testing.T) {
	existing := map[string]string{"Z0EXISTINGAPEX": "meething.net"}
	tests := []struct {
		name          string
		args          HostedZoneArgs
		adopted       bool
		wantRetention float64
	}{
		{name: "created zone, default retention", args: HostedZoneArgs{Domain: domain, QueryLogs: queryLogsOn(0)}, wantRetention: 30},
		{
			name:          "created subdomain zone, configured retention",
			args:          HostedZoneArgs{Domain: "dev.meething.net", QueryLogs: queryLogsOn(365), Tags: map[string]string{"Team": "edge"}},
			wantRetention: 365,
		},
		{
			name:          "adopted zone",
			args:          HostedZoneArgs{Domain: domain, Existing: apexZone, QueryLogs: queryLogsOn(90)},
			adopted:       true,
			wantRetention: 90,
		},
		{
			name:          "zone adopted by parent name",
			args:          HostedZoneArgs{Domain: "edge.meething.net", Existing: apexZone, QueryLogs: queryLogsOn(0)},
			adopted:       true,
			wantRetention: 30,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := runZone(t, &tc.args, existing)
			require.NoError(t, err)
			m := res.m
			comp := one(t, m, HostedZoneTypeToken)
			if tc.adopted {
				assert.Empty(t, m.OfType(typeZone))
				assert.Equal(t, "Z0EXISTINGAPEX", res.zoneID)
			} else {
				one(t, m, typeZone)
			}
			zoneID := res.zoneID
			require.NotEmpty(t, zoneID)

			// An explicit provider for us-east-1, the only region Route53
			// delivers query logs to.
			provider := one(t, m, typeProvider)
			assert.Equal(t, comp.URN, provider.Parent, "the provider is parented to the zone component")
			assert.Equal(t, "us-east-1", provider.Input("region"))
			assert.Equal(t, QueryLogRegion, provider.Input("region"))
			assert.NotEqual(t, m.Region(), "us-east-1", "the test's stack region must differ from the log region")

			group := one(t, m, typeLogGroup)
			policy := one(t, m, typeLogResourcePolicy)
			queryLog := one(t, m, typeQueryLog)
			for _, r := range []*awsmock.Resource{group, policy, queryLog} {
				assert.Equal(t, comp.URN, r.Parent, "%s is parented to the zone component", r.Type)
			}
			assert.True(t, usesProvider(group, provider), "the log group is created in us-east-1, provider %q", group.Provider)
			assert.True(t, usesProvider(policy, provider), "the resource policy is created in us-east-1, provider %q", policy.Provider)

			// The log group.
			prefix, _ := group.Input("namePrefix").(string)
			assert.Equal(t, "/aws/route53/"+tc.args.Domain+"-", prefix)
			assert.True(t, strings.HasPrefix(prefix, "/aws/route53/"+tc.args.Domain+"-"))
			assert.Nil(t, group.Input("name"), "auto-named from the prefix")
			assert.Equal(t, tc.wantRetention, group.Input("retentionInDays"))
			groupArn, _ := group.Output("arn").(string)
			require.NotEmpty(t, groupArn)
			assert.Contains(t, groupArn, ":us-east-1:", "the log group lives in us-east-1")
			assert.NotContains(t, groupArn, m.Region())
			tags, ok := group.Input("tags").(map[string]any)
			require.True(t, ok)
			assert.Equal(t, "dns", tags["Component"])
			assert.Equal(t, "zone-query-logs", tags["Name"])
			for k, v := range tc.args.Tags {
				assert.Equal(t, v, tags[k])
			}

			// The account's one shared policy lets Route53 write into
			// every stack's query log groups, this one included.
			assertSharedQueryLogPolicy(t, policy)
			assert.Equal(t, awsmock.AccountID, sharedPolicyAccount(t, policy))
			assert.True(t, strings.HasPrefix(groupArn, "arn:aws:logs:us-east-1:"+awsmock.AccountID+":log-group:/aws/route53/"),
				"the policy's resource pattern covers the group %s", groupArn)

			// The query log config.
			assert.Equal(t, zoneID, queryLog.Input("zoneId"))
			assert.Equal(t, groupArn, queryLog.Input("cloudwatchLogGroupArn"))
			assert.True(t, m.DependsOn(queryLog, policy), "Route53 checks the resource policy when logging is turned on")
			assert.Contains(t, queryLog.Dependencies, policy.URN, "an explicit dependency on the policy")
			assert.True(t, m.DependsOn(queryLog, group))

			require.NotNil(t, res.z.QueryLogging)
			assert.NotNil(t, res.z.QueryLogging.Provider)
			assert.NotNil(t, res.z.QueryLogging.LogGroup)
			assert.NotNil(t, res.z.QueryLogging.Policy)
			assert.NotNil(t, res.z.QueryLogging.QueryLog)
		})
	}
}

func TestQueryLoggingOff(t *testing.T) {
	existing := map[string]string{"Z0EXISTINGAPEX": "meething.net"}
	for name, args := range map[string]HostedZoneArgs{
		"created zone": {Domain: domain},
		"adopted zone": {Domain: domain, Existing: apexZone},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := runZone(t, &args, existing)
			require.NoError(t, err)
			for _, typ := range queryLogTypes {
				assert.Empty(t, res.m.OfType(typ), "no %s without query logs", typ)
			}
			assert.Nil(t, res.z.QueryLogging)
			for _, inv := range res.m.Invokes() {
				assert.Equal(t, tokenGetZon, inv.Token, "nothing but the zone is looked up")
			}
		})
	}
}

// Turning query logging on adds its resources and changes nothing else.
func TestQueryLoggingAddsOnly(t *testing.T) {
	off, err := runZone(t, &HostedZoneArgs{Domain: domain}, nil)
	require.NoError(t, err)
	on, err := runZone(t, &HostedZoneArgs{Domain: domain, QueryLogs: queryLogsOn(0)}, nil)
	require.NoError(t, err)

	before := map[string]*awsmock.Resource{}
	for _, r := range off.m.Resources() {
		before[r.URN] = r
	}
	added := map[string]int{}
	for _, r := range on.m.Resources() {
		if b, ok := before[r.URN]; ok {
			assert.Equal(t, b.Inputs, r.Inputs, "%s changed when query logs were turned on", r.URN)
			assert.Equal(t, b.Protect, r.Protect, r.URN)
			continue
		}
		added[r.Type]++
	}
	want := map[string]int{}
	for _, typ := range queryLogTypes {
		want[typ] = 1
	}
	assert.Equal(t, want, added)
	assert.Equal(t, off.zoneID, on.zoneID, "the zone is the same")
}

// assertSharedQueryLogPolicy checks the shared resource policy: its fixed
// name, a document that names no stack, zone or log group of its own, and
// retained on delete.
func assertSharedQueryLogPolicy(t *testing.T, policy *awsmock.Resource) {
	t.Helper()
	assert.Equal(t, "meething-route53-query-logs", policy.Input("policyName"), "one fixed name for every stack")
	assert.True(t, policy.RetainOnDelete, "no stack's destroy takes the policy from the others")
	docStr, ok := policy.Input("policyDocument").(string)
	require.True(t, ok, "policy document %#v", policy.Input("policyDocument"))
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(docStr), &doc))
	assert.Equal(t, "2012-10-17", doc["Version"])
	statements, ok := doc["Statement"].([]any)
	require.True(t, ok)
	require.Len(t, statements, 1)
	st := statements[0].(map[string]any)
	assert.Equal(t, "Allow", st["Effect"])
	assert.Equal(t, map[string]any{"Service": "route53.amazonaws.com"}, st["Principal"])
	assert.ElementsMatch(t, []any{"logs:CreateLogStream", "logs:PutLogEvents"}, st["Action"])
	account := sharedPolicyAccount(t, policy)
	assert.Equal(t, "arn:aws:logs:us-east-1:"+account+":log-group:/aws/route53/*", st["Resource"],
		"every query log group of the account, and nothing else")
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": account},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:route53:::hostedzone/*"},
	}, st["Condition"], "only the account's own zones")
	for k := range st {
		assert.Contains(t, []string{"Sid", "Effect", "Principal", "Action", "Resource", "Condition"}, k, "unexpected element %s", k)
	}
}

// sharedPolicyAccount is the account the shared policy's condition names.
func sharedPolicyAccount(t *testing.T, policy *awsmock.Resource) string {
	t.Helper()
	var doc struct {
		Statement []struct{ Condition map[string]map[string]string }
	}
	require.NoError(t, json.Unmarshal([]byte(policy.Input("policyDocument").(string)), &doc))
	require.Len(t, doc.Statement, 1)
	return doc.Statement[0].Condition["StringEquals"]["aws:SourceAccount"]
}

// Two stacks in one account, with different zones (a created one and an
// adopted one, different domains), declare the same policy: the same name
// and the same document, byte for byte, so that either's update leaves the
// other's logging as it was and the account holds one policy, not one per
// stack; each retains it on delete.
func TestQueryLogPolicySharedByStacks(t *testing.T) {
	existing := map[string]string{"Z0EXISTINGAPEX": "meething.net"}
	stacks := []struct {
		name string
		args HostedZoneArgs
	}{
		{name: "prod", args: HostedZoneArgs{Domain: domain, Existing: apexZone, QueryLogs: queryLogsOn(365)}},
		{name: "dev", args: HostedZoneArgs{Domain: "dev.meething.net", QueryLogs: queryLogsOn(0)}},
		{name: "staging", args: HostedZoneArgs{Domain: "staging.example.org", QueryLogs: queryLogsOn(30)}},
	}
	var names, docs, groups []any
	for _, st := range stacks {
		t.Run(st.name, func(t *testing.T) {
			res, err := runZone(t, &st.args, existing)
			require.NoError(t, err)
			policy := one(t, res.m, typeLogResourcePolicy)
			assertSharedQueryLogPolicy(t, policy)
			names = append(names, policy.Input("policyName"))
			docs = append(docs, policy.Input("policyDocument"))
			groups = append(groups, one(t, res.m, typeLogGroup).Input("namePrefix"))
		})
	}
	require.Len(t, docs, len(stacks))
	for i := range stacks {
		assert.Equal(t, names[0], names[i], "one policy name for %s", stacks[i].name)
		assert.Equal(t, docs[0], docs[i], "one document for %s", stacks[i].name)
	}
	assert.NotEqual(t, groups[0], groups[1], "the log groups stay each stack's own")
}

// apexZone is meething.net's zone, adopted.
var apexZone = &ExistingZone{Id: "Z0EXISTINGAPEX", Name: "meething.net", NameServers: []string{"ns-1.awsdns-01.org"}}
