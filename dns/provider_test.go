package dns

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

// The us-east-1 provider of query logging takes the stack's own provider
// settings, typed as the provider declares them, with its region in place
// of the stack's: without them its resources could land under other
// credentials, or in another account, than the rest of the stack.
func TestQueryLogProviderTakesTheStacksSettings(t *testing.T) {
	tests := []struct {
		name   string
		config ProviderConfig
		want   map[string]any
		secret []string
	}{
		{
			name:   "none set",
			config: ProviderConfig{},
			want:   map[string]any{},
		},
		{
			name: "profile, accounts, roles, tags, flags",
			config: ProviderConfig{Values: map[string]string{
				"profile":                   "meething-prod",
				"allowedAccountIds":         `["123456789012"]`,
				"assumeRole":                `{"roleArn":"arn:aws:iam::123456789012:role/deploy","sessionName":"pulumi"}`,
				"defaultTags":               `{"tags":{"Owner":"edge"}}`,
				"skipCredentialsValidation": "true",
				"maxRetries":                "5",
				"region":                    "ap-northeast-2",
			}},
			want: map[string]any{
				"profile":                   "meething-prod",
				"allowedAccountIds":         []any{"123456789012"},
				"assumeRole":                map[string]any{"roleArn": "arn:aws:iam::123456789012:role/deploy", "sessionName": "pulumi"},
				"defaultTags":               map[string]any{"tags": map[string]any{"Owner": "edge"}},
				"skipCredentialsValidation": true,
				"maxRetries":                float64(5),
			},
		},
		{
			name: "secrets stay secret",
			config: ProviderConfig{
				Values: map[string]string{"accessKey": "AKIAEXAMPLE", "secretKey": "s3cr3t", "profile": "team"},
				Secret: map[string]bool{"secretKey": true, "profile": true},
			},
			want:   map[string]any{"accessKey": "AKIAEXAMPLE", "secretKey": "s3cr3t", "profile": "team"},
			secret: []string{"accessKey", "secretKey", "profile"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := runZone(t, &HostedZoneArgs{Domain: domain, QueryLogs: queryLogsOn(0), QueryLogProvider: tc.config}, nil)
			require.NoError(t, err)
			provider := one(t, res.m, typeProvider)
			want := map[string]any{"region": QueryLogRegion, "skipCredentialsValidation": false, "skipRegionValidation": true}
			for k, v := range tc.want {
				want[k] = v
			}
			got := map[string]any{}
			for k, v := range provider.Inputs {
				got[string(k)] = awsmock.Plain(v)
			}
			assert.Equal(t, want, got, "the stack's settings, the region aside")
			for k, v := range provider.Inputs {
				assert.Equal(t, slices.Contains(tc.secret, string(k)), v.ContainsSecrets(), "%s secret", k)
			}
		})
	}
}

// A setting that is not what the provider reads is refused, naming the key,
// and a secret one without its value.
func TestQueryLogProviderRefusesUnreadableSettings(t *testing.T) {
	_, err := ProviderConfig{Values: map[string]string{"allowedAccountIds": "123456789012,210987654321", "maxRetries": "five"}}.inputs(QueryLogRegion)
	assert.EqualError(t, err, `the stack's AWS provider settings, given to the us-east-1 provider of query logging: `+
		`aws:allowedAccountIds: "123456789012,210987654321" is not what the AWS provider reads there: write a JSON list, such as ["123456789012"]; `+
		`aws:maxRetries: "five" is not what the AWS provider reads there: write a number`)

	// Valid JSON of another kind than the setting's is refused too.
	_, err = ProviderConfig{Values: map[string]string{"skipCredentialsValidation": "1", "defaultTags": "[]"}}.inputs(QueryLogRegion)
	assert.ErrorContains(t, err, `aws:defaultTags: "[]" is not what the AWS provider reads there: write a JSON object`)
	assert.ErrorContains(t, err, `aws:skipCredentialsValidation: "1" is not what the AWS provider reads there: write true or false`)

	_, err = ProviderConfig{Values: map[string]string{"assumeRole": "hunter2"}, Secret: map[string]bool{"assumeRole": true}}.inputs(QueryLogRegion)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2")
	assert.Contains(t, err.Error(), "aws:assumeRole")
}
