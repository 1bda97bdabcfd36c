package loadbalancer

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// AccessLogBucket is the bucket the stack creates for access logs.
type AccessLogBucket struct {
	Bucket *s3.BucketV2
	// Policy lets the region's load-balancer log delivery write; the load
	// balancer waits for it, or AWS rejects the access-log setting.
	Policy *s3.BucketPolicy
}

// buildAccessLogBucket creates a private bucket for access logs: public
// access blocked, owner-enforced object ownership, SSE-S3 (the only
// encryption ELB log delivery supports), logs expired after a while, TLS
// required, and a policy that lets the region's log delivery (its ELB
// account, or the service principal in a region launched in August 2022 or
// later) write under the prefix.
func (l *LoadBalancer) buildAccessLogBucket(ctx *pulumi.Context, name string, a stackconfig.AccessLogs, t tags.Set, opts ...pulumi.ResourceOption) (*AccessLogBucket, error) {
	invoke := pulumi.Parent(l)
	account, err := aws.GetCallerIdentity(ctx, nil, invoke)
	if err != nil {
		return nil, fmt.Errorf("access logs of %s: looking up the account: %w", name, err)
	}
	region, err := aws.GetRegion(ctx, nil, invoke)
	if err != nil {
		return nil, fmt.Errorf("access logs of %s: looking up the region: %w", name, err)
	}
	// A region launched before August 2022 delivers from its ELB account;
	// a later one has no such account (GetServiceAccount fails there) and
	// delivers as the log-delivery service principal.
	principal := map[string]any{"Service": LogDeliveryServicePrincipal}
	if ELBAccountRegions[region.Name] {
		delivery, err := elb.GetServiceAccount(ctx, nil, invoke)
		if err != nil {
			return nil, fmt.Errorf("access logs of %s: looking up the region's load-balancer log delivery account: %w", name, err)
		}
		principal = map[string]any{"AWS": delivery.Arn}
	}

	bucketName := name + "-access-logs"
	b := &AccessLogBucket{}
	b.Bucket, err = s3.NewBucketV2(ctx, bucketName, &s3.BucketV2Args{
		ForceDestroy: pulumi.Bool(a.ForceDestroy),
		Tags:         t.Named(bucketName),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating access log bucket of %s: %w", name, err)
	}
	block, err := s3.NewBucketPublicAccessBlock(ctx, bucketName, &s3.BucketPublicAccessBlockArgs{
		Bucket:                b.Bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("blocking public access to %s: %w", bucketName, err)
	}
	if _, err := s3.NewBucketOwnershipControls(ctx, bucketName, &s3.BucketOwnershipControlsArgs{
		Bucket: b.Bucket.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, opts...); err != nil {
		return nil, fmt.Errorf("enforcing bucket ownership of %s: %w", bucketName, err)
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, bucketName, &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: b.Bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm: pulumi.String("AES256"),
			},
		}},
	}, opts...); err != nil {
		return nil, fmt.Errorf("encrypting %s: %w", bucketName, err)
	}
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, bucketName, &s3.BucketLifecycleConfigurationV2Args{
		Bucket: b.Bucket.ID(),
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{&s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:         pulumi.String("expire-access-logs"),
			Status:     pulumi.String("Enabled"),
			Filter:     &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String(a.Prefix + "/")},
			Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(a.ExpireAfterDays)},
			AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
				DaysAfterInitiation: pulumi.Int(7),
			},
		}},
	}, opts...); err != nil {
		return nil, fmt.Errorf("expiring logs in %s: %w", bucketName, err)
	}

	policy := b.Bucket.Arn.ApplyT(func(bucketArn string) (string, error) {
		doc, err := json.Marshal(accessLogPolicy(bucketArn, a.Prefix, account.AccountId, principal))
		return string(doc), err
	}).(pulumi.StringOutput)
	b.Policy, err = s3.NewBucketPolicy(ctx, bucketName, &s3.BucketPolicyArgs{
		Bucket: b.Bucket.ID(),
		Policy: policy,
	}, append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{block}))...)
	if err != nil {
		return nil, fmt.Errorf("letting log delivery write to %s: %w", bucketName, err)
	}
	return b, nil
}

// LogDeliveryServicePrincipal writes access logs in the regions launched in
// August 2022 or later, which have no ELB account (ELB user guide, "Enable
// access logs for your Application Load Balancer", step 2).
const LogDeliveryServicePrincipal = "logdelivery.elasticloadbalancing.amazonaws.com"

// ELBAccountRegions are the regions available before August 2022, where an
// Elastic Load Balancing account delivers access logs and the bucket policy
// names it (elb.GetServiceAccount); every other region, including any
// launched after this list was written, uses LogDeliveryServicePrincipal.
// Copied from ELBAccountRegionsSource, which lists these accounts by region.
var ELBAccountRegions = map[string]bool{
	"us-east-1": true, "us-east-2": true, "us-west-1": true, "us-west-2": true,
	"af-south-1": true, "ap-east-1": true, "ap-south-1": true,
	"ap-northeast-1": true, "ap-northeast-2": true, "ap-northeast-3": true,
	"ap-southeast-1": true, "ap-southeast-2": true, "ap-southeast-3": true,
	"ca-central-1": true, "eu-central-1": true, "eu-north-1": true, "eu-south-1": true,
	"eu-west-1": true, "eu-west-2": true, "eu-west-3": true,
	"me-south-1": true, "sa-east-1": true,
	"us-gov-east-1": true, "us-gov-west-1": true, "cn-north-1": true, "cn-northwest-1": true,
}

// ELBAccountRegionsSource is "Enable access logs for your Application Load
// Balancer" (ELB user guide), step 2, where ELBAccountRegions were read.
var ELBAccountRegionsSource = stackconfig.Source{URL: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html", Read: "2026-12"}

// accessLogPolicy lets the region's log delivery (principal: the ELB
// account, {"AWS": arn}, or the service principal, {"Service": name}) put
// objects under <prefix>/AWSLogs/<account>/ and denies any request
// without TLS.
func accessLogPolicy(bucketArn, prefix, accountID string, principal map[string]any) map[string]any {
	return map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{
				"Sid":       "ELBAccessLogDelivery",
				"Effect":    "Allow",
				"Principal": principal,
				"Action":    "s3:PutObject",
				"Resource":  fmt.Sprintf("%s/%s/AWSLogs/%s/*", bucketArn, prefix, accountID),
			},
			map[string]any{
				"Sid":       "DenyInsecureTransport",
				"Effect":    "Deny",
				"Principal": "*",
				"Action":    "s3:*",
				"Resource":  []string{bucketArn, bucketArn + "/*"},
				"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
			},
		},
	}
}
