package dns

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// QueryLogRegion is where Route53 delivers query logs: only us-east-1.
const QueryLogRegion = "us-east-1"

// QueryLogging is the zone's query log and where it goes.
type QueryLogging struct {
	// Provider is the explicit provider for us-east-1.
	Provider *aws.Provider
	LogGroup *cloudwatch.LogGroup
	Policy   *cloudwatch.LogResourcePolicy
	QueryLog *route53.QueryLog
}

// buildQueryLogging logs the zone's queries (Route53.2) to a log group in
// us-east-1 that only Route53, for this zone, may write to, through a
// provider there with the stack's own provider settings.
func (z *HostedZone) buildQueryLogging(ctx *pulumi.Context, name, domain string, a stackconfig.QueryLogs, provider ProviderConfig, t tags.Set, opts ...pulumi.ResourceOption) (*QueryLogging, error) {
	account, err := aws.GetCallerIdentity(ctx, nil, pulumi.Parent(z))
	if err != nil {
		return nil, fmt.Errorf("query logging of %s: looking up the account: %w", name, err)
	}
	q := &QueryLogging{}
	q.Provider, err = newRegionProvider(ctx, name+"-"+QueryLogRegion, QueryLogRegion, provider, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating the %s provider for query logs: %w", QueryLogRegion, err)
	}
	inUSEast1 := append(append([]pulumi.ResourceOption{}, opts...), pulumi.Provider(q.Provider))

	logName := name + "-query-logs"
	q.LogGroup, err = cloudwatch.NewLogGroup(ctx, logName, &cloudwatch.LogGroupArgs{
		NamePrefix:      pulumi.String("/aws/route53/" + domain + "-"),
		RetentionInDays: pulumi.Int(a.RetentionDays),
		Tags:            t.Named(logName),
	}, inUSEast1...)
	if err != nil {
		return nil, fmt.Errorf("creating query log group of %s: %w", name, err)
	}

	document := pulumi.All(q.LogGroup.Arn, z.ZoneId).ApplyT(func(v []any) (string, error) {
		groupArn, zoneID := v[0].(string), v[1].(string)
		b, err := json.Marshal(map[string]any{
			"Version": "2012-10-17",
			"Statement": []any{map[string]any{
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "route53.amazonaws.com"},
				"Action":    []string{"logs:CreateLogStream", "logs:PutLogEvents"},
				"Resource":  groupArn + ":*",
				"Condition": map[string]any{
					"StringEquals": map[string]any{"aws:SourceAccount": account.AccountId},
					"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:route53:::hostedzone/" + zoneID},
				},
			}},
		})
		return string(b), err
	}).(pulumi.StringOutput)
	q.Policy, err = cloudwatch.NewLogResourcePolicy(ctx, logName, &cloudwatch.LogResourcePolicyArgs{
		PolicyName:     q.LogGroup.Name.ApplyT(queryLogPolicyName).(pulumi.StringOutput),
		PolicyDocument: document,
	}, inUSEast1...)
	if err != nil {
		return nil, fmt.Errorf("letting Route53 write query logs of %s: %w", name, err)
	}

	q.QueryLog, err = route53.NewQueryLog(ctx, name, &route53.QueryLogArgs{
		ZoneId:                z.ZoneId,
		CloudwatchLogGroupArn: q.LogGroup.Arn,
	}, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{q.Policy}))...)
	if err != nil {
		return nil, fmt.Errorf("turning on query logging of %s: %w", name, err)
	}
	return q, nil
}

// queryLogPolicyName names the resource policy after its log group, which is
// unique in the account: "/aws/route53/meething.net-1a2b" gives
// "route53-query-logs-aws-route53-meething.net-1a2b". Resource policies are
// per region and account, so a fixed name would collide between stacks.
func queryLogPolicyName(logGroup string) string {
	return "route53-query-logs-" + strings.Trim(strings.ReplaceAll(logGroup, "/", "-"), "-")
}
