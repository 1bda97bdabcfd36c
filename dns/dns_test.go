package dns

import (
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

const (
	testProject = "meething"
	testStack   = "dev"
	domain      = "meething.net"

	typeZone    = "aws:route53/zone:Zone"
	typeRecord  = "aws:route53/record:Record"
	tokenGetZon = "aws:route53/getZone:getZone"

	targetDNS  = "edge-alb-1234567890.ap-northeast-2.elb.amazonaws.com"
	targetZone = "ZTESTALB"
	recordZone = "Z123"
)

func one(t *testing.T, m *awsmock.Monitor, typ string) *awsmock.Resource {
	t.Helper()
	rs := m.OfType(typ)
	require.Len(t, rs, 1, "want exactly one %s", typ)
	return rs[0]
}

// zoneRun is a run of NewHostedZone with its resolved outputs.
type zoneRun struct {
	m           *awsmock.Monitor
	z           *HostedZone
	zoneID      string
	name        string
	nameServers []string
}

func runZone(t *testing.T, args *HostedZoneArgs, existing map[string]string) (*zoneRun, error) {
	t.Helper()
	return runZoneWith(t, existing, func(ctx *pulumi.Context) (*HostedZone, error) {
		return NewHostedZone(ctx, "zone", args)
	})
}

// runAdopted does what the program does with meething:existingZoneId or
// existingZoneName (internal/adoption): LookupZone by id, else by name, then
// NewHostedZone with the zone found.
func runAdopted(t *testing.T, args *HostedZoneArgs, id, name string, existing map[string]string) (*zoneRun, error) {
	t.Helper()
	return runZoneWith(t, existing, func(ctx *pulumi.Context) (*HostedZone, error) {
		if args == nil || id == "" && name == "" {
			return NewHostedZone(ctx, "zone", args)
		}
		found, err := LookupZone(ctx, id, name, args.Domain)
		if err != nil {
			return nil, err
		}
		adopted := *args
		adopted.Existing = found
		return NewHostedZone(ctx, "zone", &adopted)
	})
}

func runZoneWith(t *testing.T, existing map[string]string, build func(ctx *pulumi.Context) (*HostedZone, error)) (*zoneRun, error) {
	t.Helper()
	res := &zoneRun{}
	var mu sync.Mutex
	// An adopted zone's outputs are plain values made into outputs outside
	// any resource, which the run does not wait for; wg does.
	var wg sync.WaitGroup
	m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
		z, err := build(ctx)
		if err != nil {
			return err
		}
		res.z = z
		wg.Add(3)
		z.ZoneId.ApplyT(func(s string) error { mu.Lock(); defer mu.Unlock(); defer wg.Done(); res.zoneID = s; return nil })
		z.Name.ApplyT(func(s string) error { mu.Lock(); defer mu.Unlock(); defer wg.Done(); res.name = s; return nil })
		z.NameServers.ApplyT(func(ns []string) error {
			mu.Lock()
			defer mu.Unlock()
			defer wg.Done()
			res.nameServers = ns
			return nil
		})
		return nil
	}, func(m *awsmock.Monitor) {
		for id, name := range existing {
			m.ExistingZones[id] = name
		}
	})
	res.m = m
	if err == nil {
		waitFor(t, &wg)
	}
	mu.Lock()
	defer mu.Unlock()
	return res, err
}

// waitFor waits for wg, failing the test after a few seconds.
func waitFor(t *testing.T, wg *sync.WaitGroup) {
	t.Helper()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the outputs never resolved")
	}
}

func TestNewHostedZoneCreates(t *testing.T) {
	tests := []struct {
		name   string
		domain string
		tags   map[string]string
	}{
		{name: "apex", domain: domain},
		{name: "subdomain, tagged", domain: "dev.meething.net", tags: map[string]string{"Project": "meething", "Stack": "dev"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := runZone(t, &HostedZoneArgs{Domain: tc.domain, Tags: tc.tags}, nil)
			require.NoError(t, err)
			m := res.m

			comp := one(t, m, HostedZoneTypeToken)
			zone := one(t, m, typeZone)
			assert.Equal(t, comp.URN, zone.Parent)
			require.NotNil(t, res.z.Zone)

			assert.Equal(t, tc.domain, zone.Input("name"))
			tags, ok := zone.Input("tags").(map[string]any)
			require.True(t, ok)
			assert.Equal(t, "dns", tags["Component"])
			assert.Equal(t, tc.domain, tags["Name"])
			for k, v := range tc.tags {
				assert.Equal(t, v, tags[k])
			}

			// meething:protect is the stack's policy's (internal/adoption), not the component's.
			assert.False(t, zone.Protect, "protect")
			assert.False(t, zone.RetainOnDelete, "retainOnDelete")
			assert.NotEqual(t, true, zone.Input("forceDestroy"), "a zone with records is never force-destroyed")

			assert.Empty(t, m.Invokes(), "creating a zone looks nothing up")
			wantID, _ := zone.Output("zoneId").(string)
			require.NotEmpty(t, wantID)
			assert.Equal(t, wantID, res.zoneID)
			assert.Equal(t, tc.domain, res.name)
			wantNS, ok := zone.Output("nameServers").([]any)
			require.True(t, ok)
			require.NotEmpty(t, wantNS)
			var gotNS []any
			for _, ns := range res.nameServers {
				gotNS = append(gotNS, ns)
			}
			assert.Equal(t, wantNS, gotNS)
		})
	}
}

func TestNewHostedZoneAdopts(t *testing.T) {
	existing := map[string]string{
		"Z0EXISTINGAPEX": "meething.net",
		"Z0OTHERZONE":    "example.com",
		"Z0DEVSUBZONE":   "dev.meething.net",
	}
	tests := []struct {
		name     string
		args     HostedZoneArgs
		id       string // looked up by ID, else by zoneName
		zoneName string
		wantID   string
		wantName string
		wantArgs map[string]any // lookup arguments besides privateZone
	}{
		{
			name: "by ID",
			args: HostedZoneArgs{Domain: domain}, id: "Z0EXISTINGAPEX",
			wantID:   "Z0EXISTINGAPEX",
			wantName: "meething.net",
			wantArgs: map[string]any{"zoneId": "Z0EXISTINGAPEX"},
		},
		{
			name: "by name",
			args: HostedZoneArgs{Domain: domain}, zoneName: "meething.net",
			wantID:   "Z0EXISTINGAPEX",
			wantName: "meething.net",
			wantArgs: map[string]any{"name": "meething.net"},
		},
		{
			name: "parent zone by name",
			args: HostedZoneArgs{Domain: "edge.meething.net"}, zoneName: "meething.net",
			wantID:   "Z0EXISTINGAPEX",
			wantName: "meething.net",
			wantArgs: map[string]any{"name": "meething.net"},
		},
		{
			name: "subzone by ID",
			args: HostedZoneArgs{Domain: "dev.meething.net"}, id: "Z0DEVSUBZONE",
			wantID:   "Z0DEVSUBZONE",
			wantName: "dev.meething.net",
			wantArgs: map[string]any{"zoneId": "Z0DEVSUBZONE"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := runAdopted(t, &tc.args, tc.id, tc.zoneName, existing)
			require.NoError(t, err)
			m := res.m

			assert.Empty(t, m.OfType(typeZone), "an adopted zone is not created")
			assert.Nil(t, res.z.Zone)
			one(t, m, HostedZoneTypeToken)

			invokes := m.Invokes()
			require.Len(t, invokes, 1)
			assert.Equal(t, tokenGetZon, invokes[0].Token)
			assert.Equal(t, false, awsmock.Plain(invokes[0].Args["privateZone"]), "only public zones")
			for k, v := range tc.wantArgs {
				assert.Equal(t, v, awsmock.Plain(invokes[0].Args[resource.PropertyKey(k)]), "lookup argument %s", k)
			}

			assert.Equal(t, tc.wantID, res.zoneID)
			assert.Equal(t, tc.wantName, res.name, "the zone's name without the trailing dot")
			assert.Len(t, res.nameServers, 4)
		})
	}
}

func TestNewHostedZoneAdoptErrors(t *testing.T) {
	existing := map[string]string{
		"Z0OTHERZONE": "example.com",
		"Z0LOOKALIKE": "ething.net",
		"Z0CHILDZONE": "api.meething.net",
	}
	tests := []struct {
		name     string
		args     *HostedZoneArgs
		id       string // looked up by ID, else by zoneName
		zoneName string
		wantErr  []string
	}{
		{name: "nil args", args: nil, wantErr: []string{"Domain is required"}},
		{name: "no domain", args: &HostedZoneArgs{}, wantErr: []string{"Domain is required"}},
		{
			name: "zone by ID for another domain",
			args: &HostedZoneArgs{Domain: domain}, id: "Z0OTHERZONE",
			wantErr: []string{"example.com", "meething.net", "Z0OTHERZONE"},
		},
		{
			name: "zone by name for another domain",
			args: &HostedZoneArgs{Domain: domain}, zoneName: "example.com",
			wantErr: []string{"example.com", "meething.net"},
		},
		{
			name: "a suffix that is not a parent domain",
			args: &HostedZoneArgs{Domain: domain}, id: "Z0LOOKALIKE",
			wantErr: []string{"ething.net", "meething.net"},
		},
		{
			name: "a child zone cannot hold the parent's records",
			args: &HostedZoneArgs{Domain: domain}, id: "Z0CHILDZONE",
			wantErr: []string{"api.meething.net", "cannot hold records for meething.net"},
		},
		{
			name: "unknown zone ID",
			args: &HostedZoneArgs{Domain: domain}, id: "Z0NOSUCHZONE",
			wantErr: []string{"looking up", "Z0NOSUCHZONE"},
		},
		{
			name: "unknown zone name",
			args: &HostedZoneArgs{Domain: domain}, zoneName: "meething.net",
			wantErr: []string{"looking up", "meething.net"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := runAdopted(t, tc.args, tc.id, tc.zoneName, existing)
			require.Error(t, err)
			for _, want := range tc.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			assert.Nil(t, res.z)
			assert.Empty(t, res.m.OfType(typeZone), "no zone is created when adoption fails")
		})
	}
}

func TestNewAliasRecords(t *testing.T) {
	tests := []struct {
		name      string
		apex      bool
		ipv6      bool
		want      map[string][2]string // logical name -> record name, type
		wantNames []string
	}{
		{
			name:      "wildcard A only",
			want:      map[string][2]string{"alias-wildcard-A": {"*.meething.net", "A"}},
			wantNames: []string{"*.meething.net"},
		},
		{
			name: "with apex",
			apex: true,
			want: map[string][2]string{
				"alias-wildcard-A": {"*.meething.net", "A"},
				"alias-apex-A":     {"meething.net", "A"},
			},
			wantNames: []string{"*.meething.net", "meething.net"},
		},
		{
			name: "with IPv6",
			ipv6: true,
			want: map[string][2]string{
				"alias-wildcard-A":    {"*.meething.net", "A"},
				"alias-wildcard-AAAA": {"*.meething.net", "AAAA"},
			},
			wantNames: []string{"*.meething.net"},
		},
		{
			name: "apex and IPv6",
			apex: true,
			ipv6: true,
			want: map[string][2]string{
				"alias-wildcard-A":    {"*.meething.net", "A"},
				"alias-wildcard-AAAA": {"*.meething.net", "AAAA"},
				"alias-apex-A":        {"meething.net", "A"},
				"alias-apex-AAAA":     {"meething.net", "AAAA"},
			},
			wantNames: []string{"*.meething.net", "meething.net"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a *AliasRecords
			m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
				var err error
				a, err = NewAliasRecords(ctx, "alias", &AliasRecordsArgs{
					ZoneId:        pulumi.String(recordZone),
					Domain:        domain,
					Apex:          tc.apex,
					Ipv6:          tc.ipv6,
					TargetDnsName: pulumi.String(targetDNS),
					TargetZoneId:  pulumi.String(targetZone),
				})
				return err
			})
			require.NoError(t, err)

			comp := one(t, m, AliasRecordsTypeToken)
			records := m.OfType(typeRecord)
			require.Len(t, records, len(tc.want))
			for logical, want := range tc.want {
				r := m.Named(typeRecord, logical)
				require.NotNil(t, r, "record %s", logical)
				assert.Equal(t, comp.URN, r.Parent, "%s is parented to the component", logical)
				assert.Equal(t, want[0], r.Input("name"))
				assert.Equal(t, want[1], r.Input("type"))
				assert.Equal(t, recordZone, r.Input("zoneId"))
				assert.Equal(t, []any{map[string]any{
					"name":                 targetDNS,
					"zoneId":               targetZone,
					"evaluateTargetHealth": true,
				}}, r.Input("aliases"))
				assert.Nil(t, r.Input("ttl"), "an alias record has no TTL")
				assert.Nil(t, r.Input("records"), "an alias record has no values")
			}
			require.NotNil(t, a)
			assert.Equal(t, tc.wantNames, a.Names)
			keys := make([]string, 0, len(a.Records))
			for k := range a.Records {
				keys = append(keys, "alias-"+k)
			}
			wantKeys := make([]string, 0, len(tc.want))
			for k := range tc.want {
				wantKeys = append(wantKeys, k)
			}
			sort.Strings(keys)
			sort.Strings(wantKeys)
			assert.Equal(t, wantKeys, keys, "Records are keyed by role and type")
		})
	}
}

func TestNewAliasRecordsErrors(t *testing.T) {
	full := func() *AliasRecordsArgs {
		return &AliasRecordsArgs{
			ZoneId: pulumi.String(recordZone), Domain: domain,
			TargetDnsName: pulumi.String(targetDNS), TargetZoneId: pulumi.String(targetZone),
		}
	}
	tests := []struct {
		name string
		args func() *AliasRecordsArgs
	}{
		{name: "nil args", args: func() *AliasRecordsArgs { return nil }},
		{name: "no zone", args: func() *AliasRecordsArgs { a := full(); a.ZoneId = nil; return a }},
		{name: "no domain", args: func() *AliasRecordsArgs { a := full(); a.Domain = ""; return a }},
		{name: "no target DNS name", args: func() *AliasRecordsArgs { a := full(); a.TargetDnsName = nil; return a }},
		{name: "no target zone", args: func() *AliasRecordsArgs { a := full(); a.TargetZoneId = nil; return a }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a *AliasRecords
			m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
				var err error
				a, err = NewAliasRecords(ctx, "alias", tc.args())
				return err
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "required")
			assert.Nil(t, a)
			assert.Empty(t, m.OfType(typeRecord), "no record is created")
		})
	}
}
