package network

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/network/layout"
	"github.com/meething/edge/stackconfig"
)

const (
	testProject = "meething"
	testStack   = "dev"
	netName     = "edge"

	typeVpc        = "aws:ec2/vpc:Vpc"
	typeSubnet     = "aws:ec2/subnet:Subnet"
	typeIgw        = "aws:ec2/internetGateway:InternetGateway"
	typeRouteTable = "aws:ec2/routeTable:RouteTable"
	typeRoute      = "aws:ec2/route:Route"
	typeAssoc      = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	typeDefaultSG  = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	tokenGetAZs    = "aws:index/getAvailabilityZones:getAvailabilityZones"
)

// region is the mock's region when the config names none.
const region = awsmock.DefaultRegion

func zonesOf(letters ...string) []string {
	out := make([]string, 0, len(letters))
	for _, l := range letters {
		out = append(out, region+l)
	}
	return out
}

// configured is args as stackconfig gives them to a stack that sets only
// what args sets, the component having no defaults of its own: the subnet
// count and prefix length the test leaves zero take their defaults, and the
// default security group is restricted, as meething:restrictDefaultSecurityGroup
// is for a created VPC. (runNetworkAsIs runs args as they are.)
func configured(args *NetworkArgs) *NetworkArgs {
	if args == nil {
		return nil
	}
	a, d := *args, stackconfig.Defaults()
	if a.SubnetPrefixLength == 0 {
		a.SubnetPrefixLength = d.SubnetPrefixLength
	}
	a.RestrictDefaultSecurityGroup = d.RestrictDefaultSecurityGroup
	return &a
}

// runNetwork runs NewNetwork against a fresh mock with args, configured;
// the Network is returned when the constructor succeeded.
func runNetwork(t *testing.T, args *NetworkArgs) (*awsmock.Monitor, *Network, error) {
	t.Helper()
	return runNetworkAsIs(t, configured(args))
}

// runNetworkAsIs runs NewNetwork with args as they are.
func runNetworkAsIs(t *testing.T, args *NetworkArgs) (*awsmock.Monitor, *Network, error) {
	t.Helper()
	var n *Network
	m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
		var err error
		n, err = NewNetwork(ctx, netName, args)
		return err
	})
	return m, n, err
}

func mustRunNetwork(t *testing.T, args *NetworkArgs) (*awsmock.Monitor, *Network) {
	t.Helper()
	m, n, err := runNetwork(t, args)
	require.NoError(t, err)
	require.NotNil(t, n)
	return m, n
}

func one(t *testing.T, m *awsmock.Monitor, typ string) *awsmock.Resource {
	t.Helper()
	rs := m.OfType(typ)
	require.Len(t, rs, 1, "want exactly one %s", typ)
	return rs[0]
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

// plainInputs is a resource's inputs as plain Go values.
func plainInputs(r *awsmock.Resource) map[string]any {
	out := map[string]any{}
	for k := range r.Inputs {
		out[string(k)] = r.Input(string(k))
	}
	return out
}

func TestNewNetworkComponentAndParents(t *testing.T) {
	tests := []struct {
		name      string
		args      NetworkArgs
		wantZones []string
	}{
		{
			name:      "explicit zones: no lookup",
			args:      NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("a", "b", "c", "d")},
			wantZones: zonesOf("a", "b", "c", "d"),
		},
		{
			name:      "explicit zones with IPv6: no lookup",
			args:      NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("c", "a"), Ipv6: true},
			wantZones: zonesOf("a", "c"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, n := mustRunNetwork(t, &tc.args)

			comp := one(t, m, TypeToken)
			assert.Equal(t, netName, comp.Name)
			assert.False(t, comp.Custom, "the network is a component, not a custom resource")

			children := 0
			for _, r := range m.Resources() {
				if r.URN == comp.URN {
					continue
				}
				children++
				assert.Equal(t, comp.URN, r.Parent, "%s %s must be parented to the network", r.Type, r.Name)
			}
			// VPC, default SG, IGW, route table, IPv4 route, (IPv6 route),
			// and a subnet plus an association per zone.
			want := 5 + 2*len(tc.wantZones)
			if tc.args.Ipv6 {
				want++
			}
			assert.Equal(t, want, children)

			assert.Empty(t, m.Invokes(), "the caller looks the zones up: the component calls no data source")
			assert.Equal(t, tc.wantZones, n.Zones)
			assert.Len(t, n.PublicSubnets, len(tc.wantZones))
		})
	}
}

func TestNewNetworkVpc(t *testing.T) {
	tests := []struct {
		name string
		args NetworkArgs
	}{
		{name: "default", args: NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("a", "b")}},
		{name: "other block", args: NetworkArgs{CidrBlock: "10.20.0.0/16", Zones: zonesOf("a")}},
		{name: "ipv6", args: NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("a", "b"), Ipv6: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, n := mustRunNetwork(t, &tc.args)
			vpc := one(t, m, typeVpc)
			assert.Equal(t, netName, vpc.Name)
			assert.Equal(t, tc.args.CidrBlock, vpc.Input("cidrBlock"))
			assert.Equal(t, true, vpc.Input("enableDnsSupport"))
			assert.Equal(t, true, vpc.Input("enableDnsHostnames"))
			assert.Equal(t, tc.args.Ipv6, vpc.Input("assignGeneratedIpv6CidrBlock"))
			assert.Equal(t, tc.args.CidrBlock, n.VpcCidrBlock)
		})
	}
}

func TestNewNetworkSubnets(t *testing.T) {
	tests := []struct {
		name      string
		args      NetworkArgs
		wantCidrs map[string]string // by zone
		wantMapIP bool
	}{
		{
			name: "four zones by slot",
			args: NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("a", "b", "c", "d")},
			wantCidrs: map[string]string{
				region + "a": "172.31.0.0/20",
				region + "b": "172.31.16.0/20",
				region + "c": "172.31.32.0/20",
				region + "d": "172.31.48.0/20",
			},
		},
		{
			name: "gap keeps the slot",
			args: NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("d", "a")},
			wantCidrs: map[string]string{
				region + "a": "172.31.0.0/20",
				region + "d": "172.31.48.0/20",
			},
		},
		{
			name: "public IPs on launch when asked",
			args: NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("b"), MapPublicIPOnLaunch: true},
			wantCidrs: map[string]string{
				region + "b": "172.31.16.0/20",
			},
			wantMapIP: true,
		},
		{
			name: "prefix length and override",
			args: NetworkArgs{
				CidrBlock: "10.0.0.0/16", Zones: zonesOf("a", "c"), SubnetPrefixLength: 24,
				SubnetCidrs: map[string]string{region + "c": "10.0.100.0/24"},
			},
			wantCidrs: map[string]string{
				region + "a": "10.0.0.0/24",
				region + "c": "10.0.100.0/24",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var subnetIDs []string
			var n *Network
			// PublicSubnetIds is an array made into an output outside any
			// resource, which the run need not wait for; ids does.
			ids := make(chan []string, 1)
			m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
				var err error
				if n, err = NewNetwork(ctx, netName, configured(&tc.args)); err != nil {
					return err
				}
				n.PublicSubnetIds.ApplyT(func(v []string) error {
					ids <- v
					return nil
				})
				return nil
			})
			require.NoError(t, err)
			select {
			case subnetIDs = <-ids:
			case <-time.After(10 * time.Second):
				t.Fatal("PublicSubnetIds never resolved")
			}

			vpc := one(t, m, typeVpc)
			subnets := m.OfType(typeSubnet)
			require.Len(t, subnets, len(tc.wantCidrs))
			var zones []string
			for zone := range tc.wantCidrs {
				zones = append(zones, zone)
			}
			sort.Strings(zones)

			var wantIDs []string
			for _, zone := range zones {
				s := m.Named(typeSubnet, netName+"-public-"+zone)
				require.NotNil(t, s, "subnet of %s is named by its zone", zone)
				assert.Equal(t, zone, s.Input("availabilityZone"))
				assert.Equal(t, tc.wantCidrs[zone], s.Input("cidrBlock"))
				assert.Equal(t, tc.wantMapIP, s.Input("mapPublicIpOnLaunch"))
				assert.Equal(t, vpc.ID, s.Input("vpcId"))
				wantIDs = append(wantIDs, s.ID)
			}
			assert.Equal(t, zones, n.Zones)
			assert.Equal(t, wantIDs, subnetIDs, "PublicSubnetIds are the subnets' IDs in zone order")
		})
	}
}

// TestNewNetworkAddingZoneIsChangeSafe is the change-safety requirement:
// adding a zone must leave every resource that already exists untouched.
func TestNewNetworkAddingZoneIsChangeSafe(t *testing.T) {
	tests := []struct {
		name          string
		before, after []string
		ipv6          bool
	}{
		{name: "a,b,c -> a,b,c,d", before: zonesOf("a", "b", "c"), after: zonesOf("a", "b", "c", "d")},
		{name: "a,c -> a,b,c", before: zonesOf("a", "c"), after: zonesOf("a", "b", "c")},
		{name: "a,c -> a,b,c with IPv6", before: zonesOf("a", "c"), after: zonesOf("a", "b", "c"), ipv6: true},
		{name: "b,c,d -> a,b,c,d with IPv6", before: zonesOf("b", "c", "d"), after: zonesOf("a", "b", "c", "d"), ipv6: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mBefore, _ := mustRunNetwork(t, &NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: tc.before, Ipv6: tc.ipv6})
			mAfter, _ := mustRunNetwork(t, &NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: tc.after, Ipv6: tc.ipv6})

			before := mBefore.Resources()
			require.NotEmpty(t, before)
			for _, b := range before {
				a := mAfter.ByURN(b.URN)
				if !assert.NotNil(t, a, "%s %s disappeared (its URN changed)", b.Type, b.Name) {
					continue
				}
				assert.Equal(t, plainInputs(b), plainInputs(a), "inputs of %s %s changed", b.Type, b.Name)
				assert.Equal(t, b.Parent, a.Parent, "parent of %s %s changed", b.Type, b.Name)
			}

			added := len(tc.after) - len(tc.before)
			assert.Len(t, mAfter.Resources(), len(before)+2*added, "each new zone adds exactly a subnet and an association")
			for _, zone := range tc.after {
				assert.NotNil(t, mAfter.Named(typeSubnet, netName+"-public-"+zone))
				assert.NotNil(t, mAfter.Named(typeAssoc, netName+"-public-"+zone))
			}
		})
	}
}

func TestNewNetworkRoutes(t *testing.T) {
	tests := []struct {
		name  string
		zones []string
		ipv6  bool
	}{
		{name: "ipv4 only", zones: zonesOf("a", "b", "c")},
		{name: "one zone", zones: zonesOf("d")},
		{name: "dual stack", zones: zonesOf("a", "b", "c", "d"), ipv6: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, n := mustRunNetwork(t, &NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: tc.zones, Ipv6: tc.ipv6})
			vpc := one(t, m, typeVpc)
			igw := one(t, m, typeIgw)
			rt := one(t, m, typeRouteTable)
			assert.Equal(t, vpc.ID, igw.Input("vpcId"))
			assert.Equal(t, vpc.ID, rt.Input("vpcId"))
			require.NotNil(t, n.InternetGateway)
			require.NotNil(t, n.PublicRouteTable)

			routes := m.OfType(typeRoute)
			wantRoutes := 1
			if tc.ipv6 {
				wantRoutes = 2
			}
			require.Len(t, routes, wantRoutes)

			v4 := m.Named(typeRoute, netName+"-public-ipv4-default")
			require.NotNil(t, v4)
			assert.Equal(t, "0.0.0.0/0", v4.Input("destinationCidrBlock"))
			assert.Nil(t, v4.Input("destinationIpv6CidrBlock"))
			assert.Equal(t, igw.ID, v4.Input("gatewayId"))
			assert.Equal(t, rt.ID, v4.Input("routeTableId"))
			assert.True(t, m.DependsOn(v4, igw), "the IPv4 route waits for the gateway")
			assert.True(t, m.DependsOn(v4, rt), "the IPv4 route waits for the route table")

			v6 := m.Named(typeRoute, netName+"-public-ipv6-default")
			if tc.ipv6 {
				require.NotNil(t, v6)
				assert.Equal(t, "::/0", v6.Input("destinationIpv6CidrBlock"))
				assert.Nil(t, v6.Input("destinationCidrBlock"))
				assert.Equal(t, igw.ID, v6.Input("gatewayId"))
				assert.Equal(t, rt.ID, v6.Input("routeTableId"))
				assert.True(t, m.DependsOn(v6, igw))
				assert.True(t, m.DependsOn(v6, rt))
			} else {
				assert.Nil(t, v6, "no ::/0 route without IPv6")
			}

			assocs := m.OfType(typeAssoc)
			require.Len(t, assocs, len(tc.zones), "one association per subnet")
			seen := map[string]bool{}
			for _, zone := range tc.zones {
				subnetName := netName + "-public-" + zone
				subnet := m.Named(typeSubnet, subnetName)
				assoc := m.Named(typeAssoc, subnetName)
				require.NotNil(t, subnet)
				require.NotNil(t, assoc)
				assert.Equal(t, subnet.ID, assoc.Input("subnetId"))
				assert.Equal(t, rt.ID, assoc.Input("routeTableId"))
				assert.Nil(t, assoc.Input("gatewayId"), "subnets are associated, not gateways")
				assert.True(t, m.DependsOn(assoc, subnet), "association waits for its subnet")
				assert.True(t, m.DependsOn(assoc, rt), "association waits for the route table")
				seen[subnet.ID] = true
			}
			assert.Len(t, seen, len(tc.zones), "each association points at a different subnet")
		})
	}
}

func TestNewNetworkIpv6Subnets(t *testing.T) {
	tests := []struct {
		name  string
		zones []string
		ipv6  bool
	}{
		{name: "off", zones: zonesOf("a", "b"), ipv6: false},
		{name: "on, contiguous", zones: zonesOf("a", "b", "c", "d"), ipv6: true},
		{name: "on, gap", zones: zonesOf("b", "d"), ipv6: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := mustRunNetwork(t, &NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: tc.zones, Ipv6: tc.ipv6})
			vpc := one(t, m, typeVpc)
			if !tc.ipv6 {
				assert.Nil(t, vpc.Output("ipv6CidrBlock"))
				for _, s := range m.OfType(typeSubnet) {
					assert.Nil(t, s.Input("ipv6CidrBlock"), "%s has no IPv6 block without IPv6", s.Name)
					assert.Nil(t, s.Input("assignIpv6AddressOnCreation"))
				}
				return
			}
			vpcV6, ok := vpc.Output("ipv6CidrBlock").(string)
			require.True(t, ok, "the mocked VPC has a /56")
			require.NotEmpty(t, vpcV6)

			blocks := map[string]bool{}
			for _, zone := range tc.zones {
				s := m.Named(typeSubnet, netName+"-public-"+zone)
				require.NotNil(t, s)
				slot, err := layout.ZoneSlot(zone)
				require.NoError(t, err)
				want, err := layout.Ipv6SubnetCidr(vpcV6, slot)
				require.NoError(t, err)
				assert.Equal(t, want, s.Input("ipv6CidrBlock"), "IPv6 block of %s is slot %d of the VPC's /56", zone, slot)
				assert.Equal(t, false, s.Input("assignIpv6AddressOnCreation"))
				assert.True(t, m.DependsOn(s, vpc))
				blocks[want] = true
			}
			assert.Len(t, blocks, len(tc.zones), "IPv6 blocks are distinct")
		})
	}
}

func TestNewNetworkDefaultSecurityGroup(t *testing.T) {
	tests := []struct {
		name string
		args NetworkArgs
	}{
		{name: "ipv4", args: NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("a")}},
		{name: "ipv6", args: NetworkArgs{CidrBlock: "172.31.0.0/16", Zones: zonesOf("a"), Ipv6: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := mustRunNetwork(t, &tc.args)
			vpc := one(t, m, typeVpc)
			sg := one(t, m, typeDefaultSG)
			assert.Equal(t, vpc.ID, sg.Input("vpcId"))
			// EC2.2: the default security group allows nothing. An absent
			// ingress/egress input makes the provider remove every rule.
			for _, key := range []string{"ingress", "egress"} {
				_, present := sg.Inputs[resource.PropertyKey(key)]
				assert.False(t, present, "the default security group has no %s input", key)
			}
			assert.Nil(t, sg.Input("ingress"))
			assert.Nil(t, sg.Input("egress"))
			for _, typ := range []string{
				"aws:ec2/securityGroupRule:SecurityGroupRule",
				"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
				"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
				"aws:ec2/securityGroup:SecurityGroup",
			} {
				assert.Empty(t, m.OfType(typ), "the network adds no %s", typ)
			}
		})
	}
}

func TestNewNetworkTags(t *testing.T) {
	tests := []struct {
		name string
		tags map[string]string
	}{
		{name: "no extra tags", tags: nil},
		{name: "stack tags", tags: map[string]string{"Project": "meething", "Stack": "dev", "ManagedBy": "pulumi"}},
		{name: "component cannot be overridden", tags: map[string]string{"Component": "other", "Owner": "edge-team"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var passed map[string]string
			if tc.tags != nil {
				passed = map[string]string{}
				for k, v := range tc.tags {
					passed[k] = v
				}
			}
			m, _ := mustRunNetwork(t, &NetworkArgs{
				CidrBlock: "172.31.0.0/16", Zones: zonesOf("a", "b"), Ipv6: true, Tags: passed,
			})
			assert.Equal(t, tc.tags, passed, "the caller's tag map is not modified")

			wantNames := map[string]string{ // URN-less key: type + logical name
				typeVpc + "/" + netName:                                netName,
				typeDefaultSG + "/" + netName + "-default":             netName + "-default-no-rules",
				typeIgw + "/" + netName:                                netName,
				typeRouteTable + "/" + netName + "-public":             netName + "-public",
				typeSubnet + "/" + netName + "-public-" + region + "a": netName + "-public-" + region + "a",
				typeSubnet + "/" + netName + "-public-" + region + "b": netName + "-public-" + region + "b",
			}
			taggable := map[string]bool{typeVpc: true, typeDefaultSG: true, typeIgw: true, typeRouteTable: true, typeSubnet: true}
			checked := 0
			for _, r := range m.Resources() {
				if !taggable[r.Type] {
					continue
				}
				checked++
				got, ok := r.Input("tags").(map[string]any)
				require.True(t, ok, "%s %s has tags", r.Type, r.Name)
				assert.Equal(t, "network", got["Component"], "%s %s", r.Type, r.Name)
				wantName, known := wantNames[r.Type+"/"+r.Name]
				require.True(t, known, "unexpected taggable resource %s %s", r.Type, r.Name)
				assert.Equal(t, wantName, got["Name"], "%s %s", r.Type, r.Name)
				for k, v := range tc.tags {
					if k == "Component" {
						continue
					}
					assert.Equal(t, v, got[k], "tag %s on %s %s", k, r.Type, r.Name)
				}
				if r.Type == typeSubnet {
					assert.Equal(t, "public", got["Tier"])
				}
			}
			assert.Equal(t, len(wantNames), checked, "every taggable child was checked")
		})
	}
}

func TestNewNetworkErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       *NetworkArgs
		wantErr    []string
		noChildren bool
	}{
		{name: "nil args", args: nil, wantErr: []string{"args are required"}},
		{
			name:       "zone e does not fit /26 subnets of a /24",
			args:       &NetworkArgs{CidrBlock: "10.0.0.0/24", SubnetPrefixLength: 26, Zones: zonesOf("a", "b", "c", "d", "e")},
			wantErr:    []string{"planning subnets"},
			noChildren: true,
		},
		{
			name: "overlapping subnet CIDRs",
			args: &NetworkArgs{
				CidrBlock: "172.31.0.0/16", Zones: zonesOf("a", "b"),
				SubnetCidrs: map[string]string{region + "b": "172.31.8.0/24"},
			},
			wantErr:    []string{"planning subnets"},
			noChildren: true,
		},
		{
			name:       "subnet prefix not longer than the VPC",
			args:       &NetworkArgs{CidrBlock: "172.31.0.0/16", SubnetPrefixLength: 16, Zones: zonesOf("a")},
			wantErr:    []string{"planning subnets"},
			noChildren: true,
		},
		{
			name:       "no zones",
			args:       &NetworkArgs{CidrBlock: "172.31.0.0/16"},
			wantErr:    []string{"Zones are required"},
			noChildren: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, n, err := runNetwork(t, tc.args)
			require.Error(t, err)
			assert.Nil(t, n)
			for _, want := range tc.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			if tc.noChildren {
				for _, r := range m.Resources() {
					assert.Equal(t, TypeToken, r.Type, "nothing but the component is registered before the error, got %s", r.Type)
				}
			}
		})
	}
}

// lookupZones runs LookupZones against a fresh mock.
func lookupZones(t *testing.T, count int) (*awsmock.Monitor, []string, error) {
	t.Helper()
	var zones []string
	m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
		var err error
		zones, err = LookupZones(ctx, count)
		return err
	})
	return m, zones, err
}

// TestLookupZones: the first count available zones that need no opt-in,
// sorted, in one call.
func TestLookupZones(t *testing.T) {
	for count, want := range map[int][]string{3: zonesOf("a", "b", "c"), 4: zonesOf("a", "b", "c", "d")} {
		m, zones, err := lookupZones(t, count)
		require.NoError(t, err)
		assert.Equal(t, want, zones)
		require.Len(t, m.Invokes(), 1)
		lookup := m.Invokes()[0]
		assert.Equal(t, tokenGetAZs, lookup.Token)
		assert.Equal(t, "available", awsmock.Plain(lookup.Args["state"]), "only available zones")
	}
}

// TestLookupZonesFewerReportsTheRegion checks that the lookup error names
// the zones found, so the operator can see what the region offers.
func TestLookupZonesFewerReportsTheRegion(t *testing.T) {
	for _, count := range []int{5, 9} {
		t.Run(fmt.Sprint(count), func(t *testing.T) {
			_, _, err := lookupZones(t, count)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "has 4 availability zones")
			assert.Contains(t, err.Error(), fmt.Sprintf("fewer than the %d subnets", count))
			assert.Contains(t, err.Error(), region+"d")
		})
	}
}
