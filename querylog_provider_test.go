package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The us-east-1 provider of prod's query logging takes prod's own provider
// settings (profile, allowed accounts), not only its region, and a stack's
// provider settings change nothing else in the plan.
func TestQueryLogProviderFollowsTheStack(t *testing.T) {
	plain := mustRun(t, "prod", stackConfig(t, "prod"))
	withSettings := mustRun(t, "prod", with(stackConfig(t, "prod"),
		"aws:profile", "meething-prod", "aws:allowedAccountIds", `["123456789012"]`))

	provider := withSettings.Monitor.Named("pulumi:providers:aws", "meething-us-east-1")
	require.NotNil(t, provider, "prod logs its zone's queries through a us-east-1 provider")
	assert.Equal(t, "us-east-1", provider.Input("region"))
	assert.Equal(t, "meething-prod", provider.Input("profile"))
	assert.Equal(t, []any{"123456789012"}, provider.Input("allowedAccountIds"))

	before := map[string]any{}
	for _, r := range plain.Resources() {
		before[r.URN] = r.Inputs
	}
	for _, r := range withSettings.Resources() {
		if r.URN == provider.URN {
			continue
		}
		assert.Equal(t, before[r.URN], r.Inputs, "%s changed with the provider settings", r.URN)
	}
}

// A provider setting the query-log provider could not read stops the run
// before anything is registered, naming the key and the value.
func TestQueryLogProviderSettingCheckedFirst(t *testing.T) {
	res, err := runProgram("prod", with(stackConfig(t, "prod"), "aws:allowedAccountIds", "123456789012"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `aws:allowedAccountIds: "123456789012" is not what the AWS provider reads there: write a JSON list, such as ["123456789012"]`)
	assertNothingRegistered(t, res)
}
