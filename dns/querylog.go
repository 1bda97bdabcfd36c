package dns

import (
	"encoding/json"
	"fmt"

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
// us-east-1 that only Route53, for the account's zones, may write to (the
// account's one shared resource policy, SharedQueryLogPolicyName), through
// a provider there with the stack's own provider settings.
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

	document, err := json.Marshal(sharedQueryLogPolicy(account.AccountId))
	if err != nil {
		return nil, fmt.Errorf("query logging of %s: writing the resource policy: %w", name, err)
	}
	// One policy for every stack's query logs in the account: resource
	// policies are 10 per region and account, not adjustable. Each stack
	// declares it with the same name and document (PutResourcePolicy
	// creates or overwrites, so the second stack takes it over as it is)
	// and retains it on delete, so that no stack's destroy, nor turning
	// query logs off, takes it from the others.
	q.Policy, err = cloudwatch.NewLogResourcePolicy(ctx, name+"-query-logs-policy", &cloudwatch.LogResourcePolicyArgs{
		PolicyName:     pulumi.String(SharedQueryLogPolicyName),
		PolicyDocument: pulumi.String(string(document)),
	}, append(inUSEast1, pulumi.RetainOnDelete(true))...)
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

// SharedQueryLogPolicyName is the CloudWatch Logs resource policy in
// us-east-1 that lets Route53 write every stack's query logs.
const SharedQueryLogPolicyName = "meething-route53-query-logs"

// sharedQueryLogPolicy lets Route53, for any hosted zone of the account,
// write to any log group under /aws/route53/ in us-east-1 of the account:
// the same document from every stack, so that no stack's update changes
// what another relies on.
func sharedQueryLogPolicy(accountID string) map[string]any {
	return map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid":       "Route53QueryLogs",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "route53.amazonaws.com"},
			"Action":    []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			"Resource":  "arn:aws:logs:" + QueryLogRegion + ":" + accountID + ":log-group:/aws/route53/*",
			"Condition": map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": accountID},
				"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:route53:::hostedzone/*"},
			},
		}},
	}
}
