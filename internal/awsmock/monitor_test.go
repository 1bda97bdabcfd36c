package awsmock

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAutoNameTooLongFailsLikePulumi(t *testing.T) {
	_, err := Run("p", "s", nil, func(ctx *pulumi.Context) error {
		_, err := lb.NewTargetGroup(ctx, "meething-a-very-long-service", &lb.TargetGroupArgs{})
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "plus 7 random chars is longer than maximum length 32")

	m, err := Run("p", "s", nil, func(ctx *pulumi.Context) error {
		_, err := lb.NewTargetGroup(ctx, "meething-fifteen-chars-x", &lb.TargetGroupArgs{})
		return err
	})
	require.NoError(t, err)
	name := m.OfType("aws:lb/targetGroup:TargetGroup")[0].Output("name").(string)
	assert.Len(t, name, 32)
}

func TestValidationOptionsShareTheWildcardAndApexRecord(t *testing.T) {
	m, err := Run("p", "s", nil, func(ctx *pulumi.Context) error {
		_, err := acm.NewCertificate(ctx, "c", &acm.CertificateArgs{
			DomainName:              pulumi.String("*.example.com"),
			SubjectAlternativeNames: pulumi.ToStringArray([]string{"example.com", "www.example.com"}),
		})
		return err
	})
	require.NoError(t, err)
	options := m.OfType("aws:acm/certificate:Certificate")[0].Output("domainValidationOptions").([]any)
	require.Len(t, options, 3)
	byDomain := map[string]string{}
	for _, o := range options {
		o := o.(map[string]any)
		byDomain[o["domainName"].(string)] = o["resourceRecordName"].(string)
	}
	assert.Equal(t, byDomain["*.example.com"], byDomain["example.com"])
	assert.NotEqual(t, byDomain["example.com"], byDomain["www.example.com"])
}

func TestExplicitProviderRegion(t *testing.T) {
	m, err := Run("p", "s", map[string]string{"aws:region": "ap-northeast-2"}, func(ctx *pulumi.Context) error {
		east, err := aws.NewProvider(ctx, "east", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		if _, err := cloudwatch.NewLogGroup(ctx, "there", &cloudwatch.LogGroupArgs{}, pulumi.Provider(east)); err != nil {
			return err
		}
		_, err = cloudwatch.NewLogGroup(ctx, "here", &cloudwatch.LogGroupArgs{})
		return err
	})
	require.NoError(t, err)
	assert.Contains(t, m.Named("aws:cloudwatch/logGroup:LogGroup", "there").Output("arn"), ":us-east-1:")
	assert.Contains(t, m.Named("aws:cloudwatch/logGroup:LogGroup", "here").Output("arn"), ":ap-northeast-2:")
}
