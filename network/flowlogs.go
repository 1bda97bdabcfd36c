package network

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// FlowLogs are the VPC's flow log and, for CloudWatch, its log group and the
// role that writes to it, with the policy that lets it.
type FlowLogs struct {
	FlowLog    *ec2.FlowLog
	LogGroup   *cloudwatch.LogGroup
	Role       *iam.Role
	RolePolicy *iam.RolePolicy
}

// buildFlowLogs sends the VPC's flow logs (EC2.6) to an S3 bucket, or else
// to CloudWatch Logs, through a role that may only write to that one log
// group. a is as stackconfig checked it: its destination is s3 (with a
// bucket ARN) or cloudwatch.
func (n *Network) buildFlowLogs(ctx *pulumi.Context, name string, a stackconfig.FlowLogs, t tags.Set, opts ...pulumi.ResourceOption) (*FlowLogs, error) {
	logName := name + "-flow-logs"
	args := &ec2.FlowLogArgs{
		VpcId:                  n.VpcId,
		TrafficType:            pulumi.String(a.TrafficType),
		MaxAggregationInterval: pulumi.Int(60),
		Tags:                   t.Named(logName),
	}
	out := &FlowLogs{}

	if a.Destination == "s3" {
		args.LogDestinationType = pulumi.String("s3")
		args.LogDestination = pulumi.String(a.BucketArn)
	} else {
		invoke := []pulumi.InvokeOption{pulumi.Parent(n)}
		account, err := aws.GetCallerIdentity(ctx, nil, invoke...)
		if err != nil {
			return nil, fmt.Errorf("flow logs of %s: looking up the account: %w", name, err)
		}
		region, err := aws.GetRegion(ctx, nil, invoke...)
		if err != nil {
			return nil, fmt.Errorf("flow logs of %s: looking up the region: %w", name, err)
		}
		out.LogGroup, err = cloudwatch.NewLogGroup(ctx, logName, &cloudwatch.LogGroupArgs{
			RetentionInDays: pulumi.Int(a.RetentionDays),
			Tags:            t.Named(logName),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("creating flow log group of %s: %w", name, err)
		}
		trust, err := json.Marshal(map[string]any{
			"Version": "2012-10-17",
			"Statement": []any{map[string]any{
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "vpc-flow-logs.amazonaws.com"},
				"Action":    "sts:AssumeRole",
				"Condition": map[string]any{
					"StringEquals": map[string]any{"aws:SourceAccount": account.AccountId},
					"ArnLike": map[string]any{
						"aws:SourceArn": fmt.Sprintf("arn:aws:ec2:%s:%s:vpc-flow-log/*", region.Name, account.AccountId),
					},
				},
			}},
		})
		if err != nil {
			return nil, err
		}
		out.Role, err = iam.NewRole(ctx, logName, &iam.RoleArgs{
			Description:      pulumi.String("Lets VPC flow logs of " + name + " write to their log group"),
			AssumeRolePolicy: pulumi.String(string(trust)),
			Tags:             t.Named(logName),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("creating flow log role of %s: %w", name, err)
		}
		policy := out.LogGroup.Arn.ApplyT(func(groupArn string) (string, error) {
			b, err := json.Marshal(map[string]any{
				"Version": "2012-10-17",
				"Statement": []any{map[string]any{
					"Effect":   "Allow",
					"Action":   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
					"Resource": []string{groupArn, groupArn + ":*"},
				}},
			})
			return string(b), err
		}).(pulumi.StringOutput)
		out.RolePolicy, err = iam.NewRolePolicy(ctx, logName, &iam.RolePolicyArgs{
			Role:   out.Role.ID(),
			Policy: policy,
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("granting flow log role of %s: %w", name, err)
		}
		args.LogDestinationType = pulumi.String("cloud-watch-logs")
		args.LogDestination = out.LogGroup.Arn
		args.IamRoleArn = out.Role.Arn
	}

	flowLogOpts := slices.Clone(opts)
	if out.RolePolicy != nil {
		// The role's ARN alone would let the flow log start before the
		// role may write to the group, and its first deliveries fail.
		flowLogOpts = append(flowLogOpts, pulumi.DependsOn([]pulumi.Resource{out.RolePolicy}))
	}
	var err error
	out.FlowLog, err = ec2.NewFlowLog(ctx, logName, args, flowLogOpts...)
	if err != nil {
		return nil, fmt.Errorf("creating flow log of %s: %w", name, err)
	}
	return out, nil
}
