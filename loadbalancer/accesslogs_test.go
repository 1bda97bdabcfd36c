package loadbalancer_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

const (
	typeBucket       = "aws:s3/bucketV2:BucketV2"
	typePublicBlock  = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeOwnership    = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	typeEncryption   = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeLifecycle    = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	typeBucketPolicy = "aws:s3/bucketPolicy:BucketPolicy"

	tokenELBAccount = "aws:elb/getServiceAccount:getServiceAccount"

	logBucketName = lbName + "-access-logs"
)

// bucketTypes are the S3 resources a created access-log bucket consists of.
var bucketTypes = []string{typeBucket, typePublicBlock, typeOwnership, typeEncryption, typeLifecycle, typeBucketPolicy}

// s3Resources returns every S3 resource of the run.
func s3Resources(m *awsmock.Monitor) []*awsmock.Resource {
	var out []*awsmock.Resource
	for _, r := range m.Resources() {
		if strings.HasPrefix(r.Type, "aws:s3/") {
			out = append(out, r)
		}
	}
	return out
}

// withAccessLogs turns access logs on with al's settings.
func withAccessLogs(al stackconfig.AccessLogs) func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
	return func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.AccessLogs = al
		a.AccessLogs.Enabled = true
		return a
	}
}

// runLBIn runs the component in region with mutate applied to the base
// arguments (a plain certificate ARN, no gateway).
func runLBIn(t *testing.T, region string, mutate func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs) *awsmock.Monitor {
	t.Helper()
	m, err := awsmock.Run(project, stack, map[string]string{"aws:region": region}, func(ctx *pulumi.Context) error {
		a := baseArgs()
		a.CertificateArn = pulumi.String(certARN)
		_, err := loadbalancer.NewLoadBalancer(ctx, lbName, mutate(a))
		return err
	})
	require.NoError(t, err)
	return m
}

// bucketPolicyDoc returns the statements of the bucket policy by Sid.
func bucketPolicyDoc(t *testing.T, policy *awsmock.Resource) map[string]map[string]any {
	t.Helper()
	s, ok := policy.Input("policy").(string)
	require.True(t, ok, "bucket policy %#v is not a JSON string", policy.Input("policy"))
	var doc struct {
		Version   string
		Statement []map[string]any
	}
	require.NoError(t, json.Unmarshal([]byte(s), &doc))
	assert.Equal(t, "2012-10-17", doc.Version)
	out := map[string]map[string]any{}
	for _, st := range doc.Statement {
		sid, _ := st["Sid"].(string)
		require.NotEmpty(t, sid, "every statement has a Sid: %v", st)
		out[sid] = st
	}
	require.Len(t, out, len(doc.Statement), "Sids are distinct")
	return out
}

func TestAccessLogsCreatedBucket(t *testing.T) {
	tests := []struct {
		name         string
		args         stackconfig.AccessLogs
		wantPrefix   string
		wantDays     float64
		forceDestroy bool
	}{
		{name: "configured", args: stackconfig.AccessLogs{Prefix: "edge/alb", ExpireAfterDays: 365}, wantPrefix: "edge/alb", wantDays: 365},
		{name: "force destroy", args: stackconfig.AccessLogs{Prefix: "alb", ExpireAfterDays: 30, ForceDestroy: true}, wantPrefix: "alb", wantDays: 30, forceDestroy: true},
		{name: "documented defaults", args: stackconfig.Defaults().AccessLogs, wantPrefix: "alb", wantDays: 90},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			r := mustRunLB(t, withAccessLogs(args))
			assert.Equal(t, tc.args, args, "the caller's arguments are not modified")
			comp := r.component(t)

			for _, typ := range bucketTypes {
				rs := r.OfType(typ)
				require.Len(t, rs, 1, typ)
				assert.Equal(t, logBucketName, rs[0].Name, typ)
				assert.Equal(t, comp.URN, rs[0].Parent, "%s is parented to the load balancer", typ)
			}
			assert.Len(t, s3Resources(r.Monitor), len(bucketTypes), "no other S3 resources")
			require.NotNil(t, r.LB.AccessLogBucket)
			assert.NotNil(t, r.LB.AccessLogBucket.Bucket)
			assert.NotNil(t, r.LB.AccessLogBucket.Policy)

			bucket := r.must(t, typeBucket, logBucketName)
			bucketID, bucketArn := bucket.ID, bucket.Output("arn").(string)
			require.NotEmpty(t, bucketID)
			assert.Nil(t, bucket.Input("bucket"), "no fixed bucket name")
			assert.Nil(t, bucket.Input("bucketPrefix"), "no fixed bucket name")
			assert.Equal(t, tc.forceDestroy, bucket.Input("forceDestroy"))
			tags, ok := bucket.Input("tags").(map[string]any)
			require.True(t, ok)
			assert.Equal(t, "loadbalancer", tags["Component"])
			assert.Equal(t, logBucketName, tags["Name"])

			for _, typ := range bucketTypes[1:] {
				assert.Equal(t, bucketID, r.must(t, typ, logBucketName).Input("bucket"), "%s configures the log bucket", typ)
			}

			block := r.must(t, typePublicBlock, logBucketName)
			for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
				assert.Equal(t, true, block.Input(k), "public access block %s", k)
			}

			ownership := r.must(t, typeOwnership, logBucketName)
			assert.Equal(t, map[string]any{"objectOwnership": "BucketOwnerEnforced"}, ownership.Input("rule"), "ACLs are off")

			encryption := r.must(t, typeEncryption, logBucketName)
			sse, ok := encryption.Input("rules").([]any)
			require.True(t, ok)
			require.Len(t, sse, 1)
			assert.Equal(t, map[string]any{"sseAlgorithm": "AES256"},
				sse[0].(map[string]any)["applyServerSideEncryptionByDefault"], "SSE-S3, the only encryption ELB log delivery supports")

			lifecycle := r.must(t, typeLifecycle, logBucketName)
			lrules, ok := lifecycle.Input("rules").([]any)
			require.True(t, ok)
			require.Len(t, lrules, 1)
			rule := lrules[0].(map[string]any)
			assert.Equal(t, "Enabled", rule["status"])
			assert.Equal(t, map[string]any{"days": tc.wantDays}, rule["expiration"])
			filter, ok := rule["filter"].(map[string]any)
			require.True(t, ok, "the rule has a filter: %v", rule)
			assert.Equal(t, tc.wantPrefix+"/", filter["prefix"])

			// The bucket policy: the region's ELB account may write the
			// account's logs under the prefix; nothing without TLS.
			policy := r.must(t, typeBucketPolicy, logBucketName)
			statements := bucketPolicyDoc(t, policy)
			require.Len(t, statements, 2)
			var allow, deny map[string]any
			for _, st := range statements {
				switch st["Effect"] {
				case "Allow":
					allow = st
				case "Deny":
					deny = st
				}
			}
			require.NotNil(t, allow, "an Allow statement")
			require.NotNil(t, deny, "a Deny statement")
			assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::600734575887:root"}, allow["Principal"],
				"the ELB log delivery account of ap-northeast-2")
			assert.Equal(t, "s3:PutObject", allow["Action"])
			assert.Equal(t, bucketArn+"/"+tc.wantPrefix+"/AWSLogs/"+awsmock.AccountID+"/*", allow["Resource"])
			assert.Nil(t, allow["Condition"])

			assert.Equal(t, "*", deny["Principal"])
			assert.Equal(t, "s3:*", deny["Action"])
			assert.ElementsMatch(t, []any{bucketArn, bucketArn + "/*"}, deny["Resource"])
			assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, deny["Condition"])

			assert.True(t, r.DependsOn(policy, block), "the policy waits for the public access block")
			assert.Contains(t, policy.Dependencies, block.URN)

			// The ALB writes to the bucket, once the policy lets it.
			alb := r.alb(t)
			assert.Equal(t, map[string]any{"bucket": bucketID, "prefix": tc.wantPrefix, "enabled": true}, alb.Input("accessLogs"))
			assert.Contains(t, alb.Dependencies, policy.URN, "the ALB waits for the bucket policy")
			assert.Contains(t, alb.Dependencies, r.igw(t).URN, "the ALB still waits for the internet gateway")

			assert.Equal(t, 1, countInvokes(r.Monitor, tokenELBAccount))
		})
	}
}

// The policy names the log delivery of the stack's region: its ELB account
// in a region available before August 2022, the log-delivery service
// principal in a later one, which has no ELB account (the account look-up
// is not even made there: it fails).
func TestAccessLogsDeliveryOfTheRegion(t *testing.T) {
	tests := []struct {
		region        string
		wantPrincipal map[string]any
		wantLookups   int
	}{
		{region: "ap-northeast-2", wantPrincipal: map[string]any{"AWS": "arn:aws:iam::600734575887:root"}, wantLookups: 1},
		{region: "eu-west-1", wantPrincipal: map[string]any{"AWS": "arn:aws:iam::156460612806:root"}, wantLookups: 1},
		{region: "us-east-1", wantPrincipal: map[string]any{"AWS": "arn:aws:iam::127311923021:root"}, wantLookups: 1},
		{region: "eu-south-2", wantPrincipal: map[string]any{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}},
		{region: "ap-southeast-4", wantPrincipal: map[string]any{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}},
		{region: "il-central-1", wantPrincipal: map[string]any{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}},
		{region: "ca-west-1", wantPrincipal: map[string]any{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.region, func(t *testing.T) {
			m := runLBIn(t, tc.region, withAccessLogs(stackconfig.AccessLogs{Prefix: "alb", ExpireAfterDays: 90}))
			policy := m.Named(typeBucketPolicy, logBucketName)
			require.NotNil(t, policy)
			var allow map[string]any
			for _, st := range bucketPolicyDoc(t, policy) {
				if st["Effect"] == "Allow" {
					allow = st
				}
			}
			require.NotNil(t, allow)
			assert.Equal(t, tc.wantPrincipal, allow["Principal"])
			assert.Equal(t, "s3:PutObject", allow["Action"])
			assert.Contains(t, allow["Resource"], "/alb/AWSLogs/", "only under the prefix")
			assert.Equal(t, tc.wantLookups, countInvokes(m, tokenELBAccount))
		})
	}
}

func TestAccessLogsExistingBucket(t *testing.T) {
	baseline := mustRunLB(t, nil).alb(t).Dependencies
	for prefix, want := range map[string]string{"edge": "edge", "": "alb"} {
		t.Run("prefix "+want, func(t *testing.T) {
			al := stackconfig.Defaults().AccessLogs
			al.Bucket = "meething-shared-logs"
			if prefix != "" {
				al.Prefix = prefix
			}
			r := mustRunLB(t, withAccessLogs(al))
			assert.Empty(t, s3Resources(r.Monitor), "an existing bucket creates no S3 resources")
			assert.Nil(t, r.LB.AccessLogBucket)
			alb := r.alb(t)
			assert.Equal(t, map[string]any{"bucket": "meething-shared-logs", "prefix": want, "enabled": true}, alb.Input("accessLogs"))
			assert.Equal(t, baseline, alb.Dependencies, "the ALB waits for nothing new")
			assert.Zero(t, countInvokes(r.Monitor, tokenELBAccount), "nothing is looked up for an existing bucket")
		})
	}
}

func TestAccessLogsOff(t *testing.T) {
	r := mustRunLB(t, nil)
	assert.Empty(t, s3Resources(r.Monitor))
	assert.Nil(t, r.LB.AccessLogBucket)
	// AWS is told that logging is off: a missing block would leave it as it
	// was, on when it had been on.
	off := map[string]any{"bucket": "", "enabled": false}
	assert.Equal(t, off, r.alb(t).Input("accessLogs"))
	assert.Equal(t, off, r.alb(t).Input("connectionLogs"))
	assert.Empty(t, r.Invokes(), "nothing is looked up without access logs")
}

// Turning access logs on adds the bucket and changes no resource but the
// ALB.
func TestAccessLogsAddOnly(t *testing.T) {
	off := mustRunLB(t, nil)
	on := mustRunLB(t, withAccessLogs(stackconfig.AccessLogs{Prefix: "alb", ExpireAfterDays: 90}))
	before := map[string]*awsmock.Resource{}
	for _, r := range off.Resources() {
		before[r.URN] = r
	}
	added := 0
	for _, r := range on.Resources() {
		b, ok := before[r.URN]
		if !ok {
			assert.True(t, strings.HasPrefix(r.Type, "aws:s3/"), "unexpected new resource %s", r.URN)
			added++
			continue
		}
		if r.Type == typeALB {
			continue
		}
		assert.Equal(t, plainInputs(b), plainInputs(r), "%s changed when access logs were turned on", r.URN)
	}
	assert.Equal(t, len(bucketTypes), added)
	assert.Len(t, on.Resources(), len(before)+len(bucketTypes))
}

func countInvokes(m *awsmock.Monitor, token string) int {
	n := 0
	for _, inv := range m.Invokes() {
		if inv.Token == token {
			n++
		}
	}
	return n
}
