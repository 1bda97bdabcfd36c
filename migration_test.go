package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/stackconfig"
)

// withoutIPv6 makes every VPC the mock knows a VPC without IPv6, as a
// region's default VPC is unless someone added a block.
func withoutIPv6(m *awsmock.Monitor) {
	for id, v := range m.Vpcs {
		v.Ipv6 = false
		m.Vpcs[id] = v
	}
}

// TestRunbookBuildBesideInTheDefaultVpc follows docs/migration.md's "In the
// default VPC" on prod's stack file: existingVpcId default alone is refused
// for the keys that shape a created VPC, then for dualStack on a VPC
// without IPv6; with both fixed the edge is IPv4 only, as the runbook says.
func TestRunbookBuildBesideInTheDefaultVpc(t *testing.T) {
	prod := with(stackConfig(t, "prod"), "meething:existingVpcId", "default", "meething:aliasRecords", "false")

	_, err := runProgram("prod", prod, withoutIPv6)
	require.Error(t, err)
	for _, key := range []string{"meething:vpcCidr", "meething:subnetPrefixLength"} {
		assert.Contains(t, err.Error(), key+`: "`, "the runbook says to remove %s", key)
	}
	assert.NotContains(t, err.Error(), "meething:availabilityZones", "the runbook says availabilityZones may stay")

	fixed := without(prod, "meething:vpcCidr", "meething:subnetPrefixLength")
	_, err = runProgram("prod", fixed, withoutIPv6)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `meething:dualStack: "true" needs IPv6 on the VPC of meething:existingVpcId "default"`)

	res := mustRun(t, "prod", with(fixed, "meething:dualStack", "false"), withoutIPv6)
	assert.Equal(t, "ipv4", only(t, res, typeALB).Input("ipAddressType"))
	assert.Empty(t, res.OfType("aws:ec2/vpc:Vpc"), "the default VPC is adopted")
	for _, r := range res.OfType(typeRecord) {
		assert.NotEqual(t, "AAAA", r.Input("type"), "no AAAA record with dualStack off: %s", r.Name)
	}
	for _, r := range res.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
		assert.Nil(t, r.Input("cidrIpv6"), "no IPv6 ingress with dualStack off: %s", r.Name)
	}

	// With alias records on (the cutover, step 4), A records only.
	res = mustRun(t, "prod", without(with(fixed, "meething:dualStack", "false"), "meething:aliasRecords"), withoutIPv6)
	var aliases []string
	for _, r := range res.OfType(typeRecord) {
		if r.Input("type") == "A" || r.Input("type") == "AAAA" {
			aliases = append(aliases, r.Input("name").(string)+" "+r.Input("type").(string))
		}
	}
	assert.ElementsMatch(t, []string{"*.meething.net A", "meething.net A"}, aliases)
}

// TestRunbookImportKeepsTheHandBuiltHealthChecks: the import example keeps
// the hand-built health checks and deregistration delays for the first up,
// as docs/migration.md's route B, step 5 says, and the TLS policy it cannot
// keep is refused with the message the runbook quotes.
func TestRunbookImportKeepsTheHandBuiltHealthChecks(t *testing.T) {
	s, err := stackfile.Load(exampleDir("import-in-place"), "import-in-place")
	require.NoError(t, err)
	res := mustRun(t, "import-in-place", s.Config)
	groups := res.OfType(typeTargetGroup)
	require.Len(t, groups, 3)
	for _, g := range groups {
		hc := g.Input("healthCheck").(map[string]any)
		assert.Equal(t, "/", hc["path"], g.Name)
		assert.Equal(t, "200", hc["matcher"], g.Name)
		assert.EqualValues(t, 30, hc["interval"], g.Name)
		assert.EqualValues(t, 5, hc["healthyThreshold"], g.Name)
		assert.EqualValues(t, 2, hc["unhealthyThreshold"], g.Name)
		assert.EqualValues(t, 300, g.Input("deregistrationDelay"), g.Name)
	}

	_, err = runProgram("import-in-place", with(s.Config, "meething:sslPolicy", "ELBSecurityPolicy-2016-08"))
	require.Error(t, err)
	doc, rerr := os.ReadFile("docs/migration.md")
	require.NoError(t, rerr)
	quoted := `- meething:sslPolicy: "ELBSecurityPolicy-2016-08" still allows TLS 1.0 or 1.1 (ELB.17 wants TLS 1.2 or later; TLS 1.3 policies are recommended): use `
	assert.Contains(t, err.Error(), strings.TrimPrefix(quoted, "- ")+stackconfig.DefaultSslPolicy+", or another of")
	assert.Contains(t, string(doc), quoted+"...", "docs/migration.md quotes the refusal")
	_, err = runProgram("import-in-place", with(s.Config, "meething:sslPolicy", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"))
	assert.NoError(t, err, "the TLS 1.2 policy the runbook suggests is allowed")
}
