package dns

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

func TestNewHostedZoneDelegatesFromItsParent(t *testing.T) {
	parent := ExistingZone{Id: "Z0PARENT123", Name: "meething.net"}
	owner := &OwnerRecord{ZoneId: parent.Id, Name: "_meething-dev-owner.meething.net", Values: []string{"heritage=pulumi,project=meething,stack=dev", "dev.meething.net NS"}}
	res, err := runZone(t, &HostedZoneArgs{Domain: "dev.meething.net", Delegation: &Delegation{Parent: parent, Owner: owner}}, nil)
	require.NoError(t, err)

	zone := one(t, res.m, "aws:route53/zone:Zone")
	ns := res.m.Named(typeRecord, "zone-delegation")
	require.NotNil(t, ns)
	assert.Equal(t, "Z0PARENT123", ns.Input("zoneId"))
	assert.Equal(t, "dev.meething.net", ns.Input("name"))
	assert.Equal(t, "NS", ns.Input("type"))
	assert.Equal(t, float64(DelegationTTL), ns.Input("ttl"))
	assert.Equal(t, zone.Output("nameServers"), ns.Input("records"), "the parent points at the zone's own name servers")
	assert.Equal(t, false, ns.Input("allowOverwrite"))

	o := res.m.Named(typeRecord, "zone-delegation-owner")
	require.NotNil(t, o)
	assert.Equal(t, "TXT", o.Input("type"))
	assert.Equal(t, "_meething-dev-owner.meething.net", o.Input("name"))
	assert.Equal(t, []any{"heritage=pulumi,project=meething,stack=dev", "dev.meething.net NS"}, o.Input("records"))

	res, err = runZone(t, &HostedZoneArgs{Domain: "dev.meething.net", Delegation: &Delegation{Parent: parent, Overwrite: true}}, nil)
	require.NoError(t, err)
	assert.Equal(t, true, res.m.Named(typeRecord, "zone-delegation").Input("allowOverwrite"), "taken over only when asked")
	assert.Nil(t, res.m.Named(typeRecord, "zone-delegation-owner"))
}

func TestNewHostedZoneUsesALookedUpZone(t *testing.T) {
	existing := &ExistingZone{Id: "Z0LIVE1", Name: "meething.net", NameServers: []string{"ns-1.awsdns-01.com"}}
	owner := &OwnerRecord{ZoneId: "Z0LIVE1", Name: "_meething-prod-owner.meething.net", Values: []string{"heritage=pulumi,project=meething,stack=prod"}}
	res, err := runZone(t, &HostedZoneArgs{Domain: "meething.net", Existing: existing, Owner: owner}, nil)
	require.NoError(t, err)
	assert.Empty(t, res.m.OfType("aws:route53/zone:Zone"))
	assert.Equal(t, "Z0LIVE1", res.zoneID)
	assert.Equal(t, []string{"ns-1.awsdns-01.com"}, res.nameServers)
	assert.Empty(t, res.m.Invokes(), "no second look-up")
	assert.Equal(t, "Z0LIVE1", res.m.Named(typeRecord, "zone-owner").Input("zoneId"))

	_, err = runZone(t, &HostedZoneArgs{Domain: "meething.net", Existing: existing, Delegation: &Delegation{Parent: *existing}}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "only a zone the stack creates can be delegated")
}

func TestNewHostedZoneComment(t *testing.T) {
	res, err := runZone(t, &HostedZoneArgs{Domain: "meething.net", Comment: "hand-made"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "hand-made", one(t, res.m, "aws:route53/zone:Zone").Input("comment"))
}

func TestNewAliasRecordsWaitAndTakeOver(t *testing.T) {
	res := runAliasesWith(t, func(a *AliasRecordsArgs) { a.TakeOver = map[string]bool{"wildcard-A": true} }, true)
	assert.Equal(t, true, res.Named(typeRecord, "alias-wildcard-A").Input("allowOverwrite"))
	assert.Equal(t, false, res.Named(typeRecord, "alias-apex-A").Input("allowOverwrite"))
}

// runAliasesWith builds apex alias records; with dependOn, they also wait for
// a stand-in resource, as they wait for the load balancer's listener and
// rules in a shared zone.
func runAliasesWith(t *testing.T, mutate func(*AliasRecordsArgs), dependOn bool) *awsmock.Monitor {
	t.Helper()
	m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
		args := &AliasRecordsArgs{
			ZoneId: pulumi.String(recordZone), Domain: domain, Apex: true,
			TargetDnsName: pulumi.String(targetDNS), TargetZoneId: pulumi.String(targetZone),
		}
		if dependOn {
			standIn, err := route53.NewZone(ctx, "listener-stand-in", &route53.ZoneArgs{Name: pulumi.String("stand.in")})
			if err != nil {
				return err
			}
			args.DependsOn = []pulumi.Resource{standIn}
		}
		mutate(args)
		_, err := NewAliasRecords(ctx, "alias", args)
		return err
	})
	require.NoError(t, err)
	if dependOn {
		standIn := m.Named("aws:route53/zone:Zone", "listener-stand-in")
		for _, r := range m.OfType(typeRecord) {
			assert.Contains(t, r.Dependencies, standIn.URN, "%s waits for what DependsOn names", r.Name)
		}
	}
	return m
}

func TestNewAliasRecordsFollowOnlyTheLoadBalancerByDefault(t *testing.T) {
	m := runAliasesWith(t, func(*AliasRecordsArgs) {}, false)
	for _, r := range m.OfType(typeRecord) {
		assert.Empty(t, r.Dependencies, "%s waits for nothing but its inputs", r.Name)
		assert.Equal(t, false, r.Input("allowOverwrite"))
	}
}
