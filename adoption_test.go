package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
)

// without returns a copy of config without the keys.
func without(config map[string]string, keys ...string) map[string]string {
	out := with(config)
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// devInVpc is dev's config adopting the VPC id instead of creating one.
func devInVpc(t *testing.T, id string, kv ...string) map[string]string {
	t.Helper()
	base := without(stackConfig(t, "dev"), "meething:vpcCidr", "meething:subnetPrefixLength", "meething:availabilityZones")
	return with(base, append([]string{"meething:existingVpcId", id}, kv...)...)
}

// assertNothingRegistered: a failed check leaves no cloud resource behind.
func assertNothingRegistered(t *testing.T, res *synthResult) {
	t.Helper()
	require.NotNil(t, res)
	for _, r := range res.Resources() {
		assert.False(t, r.Custom, "no cloud resource may be registered: %s", r.URN)
	}
}

func TestDefaultVpcIsAdoptedNotCreated(t *testing.T) {
	res := mustRun(t, "dev", devInVpc(t, "default"))
	for _, typ := range []string{typeVpc, typeSubnet, typeIGW, "aws:ec2/routeTable:RouteTable", "aws:ec2/route:Route",
		"aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"} {
		assert.Empty(t, res.OfType(typ), "an adopted VPC gets no %s", typ)
	}
	var vpc awsmock.Vpc
	for _, v := range res.Vpcs {
		vpc = v
	}
	require.True(t, vpc.Default)
	var subnets []any
	for _, s := range vpc.Subnets {
		subnets = append(subnets, s.ID)
	}
	alb := only(t, res, typeALB)
	assert.Equal(t, subnets, alb.Input("subnets"), "one looked-up public subnet per zone, in zone order")
	assert.Equal(t, subnets, res.Outputs["publicSubnetIds"])
	assert.Equal(t, vpc.ID, res.Outputs["vpcId"])
	for _, tg := range res.OfType(typeTargetGroup) {
		assert.Equal(t, vpc.ID, tg.Input("vpcId"), tg.Name)
	}
	for _, sg := range res.OfType(typeSecurityGroup) {
		assert.Equal(t, vpc.ID, sg.Input("vpcId"), sg.Name)
	}
	for _, d := range alb.Dependencies {
		assert.NotContains(t, d, "InternetGateway")
	}
}

func TestAdoptedVpcOptions(t *testing.T) {
	t.Run("the default security group is stripped only when asked", func(t *testing.T) {
		res := mustRun(t, "dev", devInVpc(t, "default", "meething:restrictDefaultSecurityGroup", "true"))
		sg := only(t, res, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")
		assert.Equal(t, res.Outputs["vpcId"], sg.Input("vpcId"))
	})
	t.Run("flow logs for the adopted VPC", func(t *testing.T) {
		res := mustRun(t, "dev", devInVpc(t, "default", "meething:flowLogs", `{"enabled":true}`))
		assert.Equal(t, res.Outputs["vpcId"], only(t, res, "aws:ec2/flowLog:FlowLog").Input("vpcId"))
	})
	t.Run("subnets by ID", func(t *testing.T) {
		ids := `["subnet-0a1b2c3d4e5f60001","subnet-0a1b2c3d4e5f60002"]`
		res := mustRun(t, "dev", devInVpc(t, "vpc-0a1b2c3d4e5f60718", "meething:existingSubnetIds", ids))
		assert.Equal(t, []any{"subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"}, only(t, res, typeALB).Input("subnets"))
		assert.Equal(t, "vpc-0a1b2c3d4e5f60718", res.Outputs["vpcId"])
	})
	t.Run("zones narrow the looked-up subnets", func(t *testing.T) {
		res := mustRun(t, "dev", devInVpc(t, "default", "meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2c"]`))
		assert.Len(t, only(t, res, typeALB).Input("subnets"), 2)
	})
}

func TestAdoptedVpcFailuresNameTheKeys(t *testing.T) {
	privateAfterB := func(m *awsmock.Monitor) {
		for id, v := range m.Vpcs {
			for i := range v.Subnets {
				v.Subnets[i].Public = i == 0
			}
			m.Vpcs[id] = v
		}
	}
	tests := []struct {
		name   string
		config map[string]string
		opts   []func(*awsmock.Monitor)
		want   []string
	}{
		{
			name: "fewer than two public zones", config: devInVpc(t, "default"), opts: []func(*awsmock.Monitor){privateAfterB},
			want: []string{`meething:existingVpcId = "default"`, "meething:existingSubnetIds", "found public subnets in 1 zone(s)", "subnets without a route to an internet gateway"},
		},
		{
			name: "no such VPC", config: devInVpc(t, "vpc-0a1b2c3d4e5f60718"), opts: []func(*awsmock.Monitor){func(m *awsmock.Monitor) { clear(m.Vpcs) }},
			want: []string{`meething:existingVpcId = "vpc-0a1b2c3d4e5f60718"`, "no matching EC2 VPC found"},
		},
		{
			name: "dual-stack on a VPC without IPv6", config: devInVpc(t, "default", "meething:dualStack", "true"),
			opts: []func(*awsmock.Monitor){func(m *awsmock.Monitor) {
				for id, v := range m.Vpcs {
					v.Ipv6 = false
					m.Vpcs[id] = v
				}
			}},
			want: []string{`meething:dualStack: "true" needs IPv6 on the VPC of meething:existingVpcId "default"`},
		},
		{
			name:   "an IP target outside the adopted VPC",
			config: devInVpc(t, "default", "meething:services", `[{"name":"api","targetType":"ip","targets":["10.9.0.5"]}]`),
			want:   []string{`meething:services[0].targets[0]: "10.9.0.5" is not inside 172.31.0.0/16 of the VPC of meething:existingVpcId`},
		},
		{
			name:   "an IP target of a further target group outside the adopted VPC",
			config: devInVpc(t, "default", "meething:services", `[{"name":"api","targetType":"ip","targets":["172.31.0.5"],"targetGroups":[{"name":"green","targets":["172.31.0.6","10.9.0.6"]}]}]`),
			want:   []string{`meething:services[0].targetGroups[0].targets[1]: "10.9.0.6" is not inside 172.31.0.0/16 of the VPC of meething:existingVpcId`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := runProgram("dev", tt.config, tt.opts...)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assertNothingRegistered(t, res)
		})
	}
}

const (
	exampleALB = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/meething-edge/50dc6c495c0c9188"
	exampleTG  = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/api/73e2d6bc24d8a067"
)

func TestImportAdoptsAndRetains(t *testing.T) {
	imports := `{"loadBalancer":"` + exampleALB + `","targetGroup/api":"` + exampleTG + `","vpc":"vpc-0a1b2c3d4e5f60718"}`
	res := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:import", imports))

	alb := only(t, res, typeALB)
	assert.Equal(t, exampleALB, alb.ImportID)
	assert.Equal(t, exampleALB, alb.Output("arn"), "the imported load balancer is the hand-built one")
	assert.True(t, alb.RetainOnDelete, "the stack never deletes what it did not create")
	api := res.Named(typeTargetGroup, "meething-api")
	assert.Equal(t, exampleTG, api.ImportID)
	assert.True(t, api.RetainOnDelete)
	assert.Equal(t, exampleTG, res.Named(typeRule, "meething-api").Input("actions").([]any)[0].(map[string]any)["targetGroupArn"])
	assert.Equal(t, "vpc-0a1b2c3d4e5f60718", only(t, res, typeVpc).ImportID)

	chat := res.Named(typeTargetGroup, "meething-chat")
	assert.Empty(t, chat.ImportID, "only what the config names is imported")
	assert.False(t, chat.RetainOnDelete)

	res = mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:import", imports, "meething:deleteImportedOnDestroy", "true"))
	assert.Equal(t, exampleALB, only(t, res, typeALB).ImportID)
	assert.False(t, only(t, res, typeALB).RetainOnDelete, "config can let destroy delete imported resources")
}

func TestImportPhysicalNamesAdoptAsIs(t *testing.T) {
	names := `{"loadBalancer":"meething-edge","targetGroups":{"api":"api"},"securityGroups":{"alb":{"name":"edge-alb","description":"HTTP and HTTPS from anywhere"}},"zoneComment":"hand-made"}`
	res := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:physicalNames", names))
	assert.Equal(t, "meething-edge", only(t, res, typeALB).Input("name"))
	assert.Equal(t, "api", res.Named(typeTargetGroup, "meething-api").Input("name"))
	assert.Nil(t, res.Named(typeTargetGroup, "meething-chat").Input("name"), "the others stay auto-named")
	albSG := res.Named(typeSecurityGroup, "meething-alb")
	assert.Equal(t, "edge-alb", albSG.Input("name"))
	assert.Equal(t, "HTTP and HTTPS from anywhere", albSG.Input("description"))
	assert.Nil(t, res.Named(typeSecurityGroup, "meething-targets").Input("name"))
	assert.Equal(t, "hand-made", only(t, res, typeZone).Input("comment"))
}

func TestImportRejectsUnknownKeys(t *testing.T) {
	tests := []struct {
		name, config, key string
		cfg               map[string]string
	}{
		{name: "misspelt", key: "loadbalancer", config: `{"loadbalancer":"` + exampleALB + `"}`},
		{name: "a service the stack does not have", key: "targetGroup/web", config: `{"targetGroup/web":"` + exampleTG + `"}`},
		{name: "a logical name instead of a key", key: "meething", config: `{"meething":"vpc-0a1b2c3d"}`},
		{name: "a network resource of an adopted VPC", key: "vpc", config: `{"vpc":"vpc-0a1b2c3d"}`, cfg: devInVpc(t, "default")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			if cfg == nil {
				cfg = stackConfig(t, "dev")
			}
			res, err := runProgram("dev", with(cfg, "meething:import", tt.config))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "meething:import."+tt.key+": ")
			assert.Contains(t, err.Error(), "names no resource of this stack; the importable keys are ")
			assert.Contains(t, err.Error(), "listenerRule/config, loadBalancer, record/delegation", "the valid keys are listed")
			if tt.cfg != nil {
				assert.NotContains(t, err.Error(), ", vpc", "an adopted VPC's network is not the stack's to import")
			}
			assertNothingRegistered(t, res)
		})
	}
}

// TestImportKeysMatchTheResources: the keys the program accepts before it
// registers anything (adoption.Keys, a dry run of the build) are exactly the keys of the
// importable resources it then registers, for every stack file and example.
func TestImportKeysMatchTheResources(t *testing.T) {
	for name, file := range everyStackFile(t) {
		t.Run(name, func(t *testing.T) {
			plan := synthPlan(t, file)
			var registered []string
			for _, r := range plan.Resources {
				if r.Custom && identity.Importable(r.Type) {
					registered = append(registered, r.Key)
				}
			}
			// Importing every registered key is accepted...
			imports := map[string]any{}
			for _, k := range registered {
				imports[k] = identity.Types[identity.Kind(k)].Example
			}
			_, err := synthRun(t, withConfig(t, file, map[string]any{"meething:import": imports}))
			require.NoError(t, err)
			// ... and one key more is not.
			imports["record/nosuch"] = identity.Types["record"].Example
			_, err = synthRun(t, withConfig(t, file, map[string]any{"meething:import": imports}))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "the importable keys are "+strings.Join(sortedCopy(registered), ", "))
		})
	}
}

// TestRemovingImportEntriesChangesNothingInAWS: after the first pulumi up the
// import entries may go: every resource keeps its inputs, parent,
// dependencies and protection; only the import option goes. Imported records
// stay retained (the zone's owner record remembers them); for the other
// resources the entry is what keeps destroy from deleting them.
func TestRemovingImportEntriesChangesNothingInAWS(t *testing.T) {
	file, err := loadExample("import-in-place")
	require.NoError(t, err)
	with := synthPlan(t, file)
	cfg := *file
	cfg.Config = without(file.Config, "meething:import")
	inState := map[string]string{}
	for _, r := range with.Resources {
		if r.ImportID != "" {
			inState[r.URN] = r.ImportID
		}
	}
	// After the first up the imported records are the stack's own, listed
	// in its owner record; the mock's zone still holds them.
	_, err = synthRun(t, &cfg, func(m *awsmock.Monitor) { m.Declare(file.Config) })
	require.Error(t, err, "without the entries and without the owner record, the hand-made records stop the stack")
	assert.Contains(t, err.Error(), "*.meething.net A")

	ownerValues := ownerValuesOf(t, with)
	plan, err := synthRun(t, &cfg, func(m *awsmock.Monitor) {
		m.Declare(file.Config)
		m.StateIDs = inState
		zone := file.Config["meething:existingZoneId"]
		m.Records[zone] = append(m.Records[zone], awsmock.Record{Name: "_meething-import-in-place-owner.meething.net", Type: "TXT", Values: ownerValues})
	})
	require.NoError(t, err)
	require.Len(t, plan.Resources, len(with.Resources))
	for i, r := range plan.Resources {
		w := with.Resources[i]
		require.Equal(t, w.URN, r.URN)
		assert.Equal(t, w.Inputs, r.Inputs, r.URN)
		assert.Equal(t, w.Dependencies, r.Dependencies, r.URN)
		assert.Equal(t, w.Parent, r.Parent, r.URN)
		assert.Equal(t, w.Protect, r.Protect, r.URN)
		assert.Empty(t, r.ImportID, r.URN)
		if w.ImportID != "" {
			assert.True(t, w.RetainOnDelete, "%s is retained while its entry is there", r.URN)
			if r.Type == typeRecord {
				assert.True(t, r.RetainOnDelete, "%s: the owner record remembers the stack did not create it", r.URN)
			}
		}
	}
}

// synthRun synthesizes s, with the mock adjusted by opts, and returns the
// plan or the program's error.
func synthRun(t testing.TB, s *stackfile.Stack, opts ...func(*awsmock.Monitor)) (*synth.Plan, error) {
	t.Helper()
	return synth.Run(s, stackFor(s.Keys()), opts...)
}

func loadExample(name string) (*stackfile.Stack, error) {
	return stackfile.Load(exampleDir(name), name)
}

// ownerValuesOf returns the TXT strings of the plan's owner record, as
// Route53 lists them: quoted.
func ownerValuesOf(t *testing.T, plan *synth.Plan) []string {
	t.Helper()
	for _, r := range plan.OfType(typeRecord) {
		if r.Name == "meething-owner" {
			var out []string
			for _, v := range r.Inputs["records"].([]any) {
				out = append(out, `"`+v.(string)+`"`)
			}
			return out
		}
	}
	t.Fatal("no owner record in the plan")
	return nil
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestImportKeysFollowTheServices: the keys meething:import accepts come from
// what the stack registers, so a service added adds its keys (its target
// group and listener rule), with nothing else to update.
func TestImportKeysFollowTheServices(t *testing.T) {
	dev := synthStackFile(t, "dev")
	imports := map[string]any{"targetGroup/web": exampleTG}
	_, err := synthRun(t, withConfig(t, dev, map[string]any{"meething:import": imports}))
	require.Error(t, err, "dev has no service web")
	assert.Contains(t, err.Error(), "meething:import.targetGroup/web: ")

	services := []any{map[string]any{"name": "api"}, map[string]any{"name": "config"}, map[string]any{"name": "chat"}, map[string]any{"name": "web"}}
	withWeb := withConfig(t, dev, map[string]any{"meething:services": services})
	plan := synthPlan(t, withWeb)
	var keys []string
	for _, r := range plan.Resources {
		if r.Key != "" {
			keys = append(keys, r.Key)
		}
	}
	assert.Contains(t, keys, "targetGroup/web")
	assert.Contains(t, keys, "listenerRule/web")
	_, err = synthRun(t, withConfig(t, withWeb, map[string]any{"meething:import": imports}))
	require.NoError(t, err, "with the service web, its target group is the stack's to import")
}

// Zones looked up from the region are known only then: their subnets are
// planned before anything is registered, and the error names the keys.
func TestLookedUpZonesThatDoNotFitRegisterNothing(t *testing.T) {
	cfg := with(with(with(stackConfig(t, "dev"), "meething:vpcCidr", "10.0.0.0/26"),
		"meething:subnetPrefixLength", "27"), "meething:availabilityZones", "[]")
	res, err := runProgram("dev", cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "meething:subnetCount = 4 zones of the region (ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d) cannot be given subnets of meething:subnetPrefixLength = 27 in meething:vpcCidr = 10.0.0.0/26: zone ap-northeast-2c needs /27 slot 2")
	assert.Contains(t, err.Error(), "set meething:availabilityZones")
	assertNothingRegistered(t, res)
}
