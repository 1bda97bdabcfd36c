package commands

import (
	"context"
	"fmt"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
)

// endpointUsage is the --endpoint flag's help, shared by the commands that
// read AWS.
const endpointUsage = "send every AWS call to this URL (an emulator; default AWS_ENDPOINT_URL, else AWS)"

// checkEndpoint returns why --endpoint is not usable; "" when it is (or
// is not set).
func checkEndpoint(endpoint string) string {
	if endpoint == "" {
		return ""
	}
	if u, err := url.Parse(endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("--endpoint is %q: an http:// or https:// URL", endpoint)
	}
	return ""
}

// loadAWSConfig is the AWS SDK's configuration for the stack's region,
// credentials found the SDK's usual way, every call sent to endpoint when
// it is set.
func loadAWSConfig(ctx context.Context, region, endpoint string) (aws.Config, error) {
	opts := []func(*awsconfig.LoadOptions) error{awsconfig.WithRegion(region)}
	if endpoint != "" {
		opts = append(opts, awsconfig.WithBaseEndpoint(endpoint))
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	return cfg, nil
}
