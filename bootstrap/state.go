package main

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/iampolicy"
)

// State is the stacks' state backend: the bucket and the key that
// encrypts it and the stacks' secrets.
type State struct {
	Bucket *s3.BucketV2
	Key    *kms.Key
}

// kept are the options of what holds the stacks' state and secrets: a
// destroy of the bootstrap stack neither deletes them nor may (protect).
var kept = []pulumi.ResourceOption{pulumi.Protect(true), pulumi.RetainOnDelete(true)}

// newState registers the KMS key (rotated yearly) and its alias, and the
// state bucket: versioned, encrypted with the key, public access blocked,
// reachable only over TLS.
func newState(ctx *pulumi.Context, cfg Config) (*State, error) {
	key, err := kms.NewKey(ctx, "meething-pulumi", &kms.KeyArgs{
		Description:          pulumi.String("Encrypts the Meething edge stacks' secrets and state (bootstrap/)"),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
	}, kept...)
	if err != nil {
		return nil, fmt.Errorf("registering the KMS key: %w", err)
	}
	if _, err := kms.NewAlias(ctx, "meething-pulumi", &kms.AliasArgs{
		Name: pulumi.String(cfg.KeyAlias), TargetKeyId: key.KeyId,
	}); err != nil {
		return nil, fmt.Errorf("registering the KMS key's alias: %w", err)
	}

	bucket, err := s3.NewBucketV2(ctx, "meething-pulumi-state", &s3.BucketV2Args{}, kept...)
	if err != nil {
		return nil, fmt.Errorf("registering the state bucket: %w", err)
	}
	of := []pulumi.ResourceOption{pulumi.Parent(bucket)}
	of = append(of, kept...)
	if _, err := s3.NewBucketVersioningV2(ctx, "meething-pulumi-state", &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, of...); err != nil {
		return nil, fmt.Errorf("registering the state bucket's versioning: %w", err)
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, "meething-pulumi-state", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm: pulumi.String("aws:kms"), KmsMasterKeyId: key.Arn,
			},
			BucketKeyEnabled: pulumi.Bool(true),
		}},
	}, of...); err != nil {
		return nil, fmt.Errorf("registering the state bucket's encryption: %w", err)
	}
	if _, err := s3.NewBucketPublicAccessBlock(ctx, "meething-pulumi-state", &s3.BucketPublicAccessBlockArgs{
		Bucket:          bucket.ID(),
		BlockPublicAcls: pulumi.Bool(true), BlockPublicPolicy: pulumi.Bool(true),
		IgnorePublicAcls: pulumi.Bool(true), RestrictPublicBuckets: pulumi.Bool(true),
	}, of...); err != nil {
		return nil, fmt.Errorf("registering the state bucket's public access block: %w", err)
	}
	if _, err := s3.NewBucketPolicy(ctx, "meething-pulumi-state", &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: bucket.Arn.ApplyT(func(arn string) (string, error) { return tlsOnly(arn) }).(pulumi.StringOutput),
	}, of...); err != nil {
		return nil, fmt.Errorf("registering the state bucket's policy: %w", err)
	}
	return &State{Bucket: bucket, Key: key}, nil
}

// tlsOnly is the bucket policy that refuses every request not made over
// TLS (Security Hub S3.5:
// https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5).
func tlsOnly(bucketARN string) (string, error) {
	b, err := iampolicy.Document{Version: "2012-10-17", Statement: []iampolicy.Statement{{
		Sid: "TLSOnly", Effect: iampolicy.Deny, Principal: map[string]any{"AWS": "*"},
		Action: []string{"s3:*"}, Resource: []string{bucketARN, bucketARN + "/*"},
		Condition: map[string]iampolicy.Condition{"Bool": {"aws:SecureTransport": {"false"}}},
	}}}.JSON()
	return string(b), err
}
