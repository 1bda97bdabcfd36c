package network

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

func TestNewNetworkUsesAnExistingVpc(t *testing.T) {
	existing := &Existing{
		VpcId: "vpc-0a1b2c3d4e5f60718", CidrBlock: "172.31.0.0/16",
		Subnets: map[string]string{"ap-northeast-2c": "subnet-000000c1", "ap-northeast-2a": "subnet-000000a1"},
	}
	m, n := mustRunNetwork(t, &NetworkArgs{CidrBlock: "10.99.0.0/16", Existing: existing, FlowLogs: flowLogsOn(nil)})

	var custom []string
	for _, r := range m.Resources() {
		if r.Custom {
			custom = append(custom, r.Type)
		}
	}
	assert.ElementsMatch(t, []string{
		"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
		"aws:ec2/flowLog:FlowLog", "aws:cloudwatch/logGroup:LogGroup", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy",
	}, custom, "no VPC, subnet, gateway, route table or route of its own")
	assert.Nil(t, n.Vpc)
	assert.Nil(t, n.InternetGateway)
	assert.Equal(t, []string{"ap-northeast-2a", "ap-northeast-2c"}, n.Zones)
	assert.Equal(t, "172.31.0.0/16", n.VpcCidrBlock, "the adopted VPC's block, not CidrBlock")
	assert.Equal(t, "vpc-0a1b2c3d4e5f60718", one(t, m, "aws:ec2/flowLog:FlowLog").Input("vpcId"))

	var ids []string
	_, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
		n, err := NewNetwork(ctx, netName, &NetworkArgs{Existing: existing})
		if err != nil {
			return err
		}
		awsmock.Await(ctx, pulumi.Map{"ids": n.PublicSubnetIds}, func(v map[string]any) error {
			ids = v["ids"].([]string)
			return nil
		})
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"subnet-000000a1", "subnet-000000c1"}, ids, "in zone order")
}

func TestNewNetworkKeepsTheDefaultSecurityGroupWhenAsked(t *testing.T) {
	m, _, err := runNetworkAsIs(t, &NetworkArgs{
		CidrBlock: "10.0.0.0/16", Zones: zonesOf("a", "b"), SubnetPrefixLength: 20,
		RestrictDefaultSecurityGroup: false,
	})
	require.NoError(t, err)
	assert.Empty(t, m.OfType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"))
}

func TestLookupExisting(t *testing.T) {
	run := func(vpcID string, subnetIDs, zones []string, world func(*awsmock.Monitor)) (*Existing, error) {
		var e *Existing
		_, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
			var err error
			e, err = LookupExisting(ctx, vpcID, subnetIDs, zones)
			return err
		}, world)
		return e, err
	}
	defaultVpc := func(ipv6 bool) func(*awsmock.Monitor) {
		return func(m *awsmock.Monitor) {
			v := awsmock.DefaultVpc("vpc-00000000000000001", "ap-northeast-2", ipv6, nil)
			m.Vpcs[v.ID] = v
		}
	}

	e, err := run("default", nil, nil, defaultVpc(true))
	require.NoError(t, err)
	assert.Equal(t, "vpc-00000000000000001", e.VpcId)
	assert.Equal(t, "172.31.0.0/16", e.CidrBlock)
	assert.True(t, e.Ipv6)
	assert.Len(t, e.Subnets, 4)

	e, err = run("vpc-00000000000000001", nil, []string{"ap-northeast-2b", "ap-northeast-2d"}, defaultVpc(false))
	require.NoError(t, err)
	assert.Equal(t, []string{"ap-northeast-2b", "ap-northeast-2d"}, e.Zones())
	assert.False(t, e.Ipv6)

	twoInOneZone := func(m *awsmock.Monitor) {
		m.Vpcs["vpc-00000000000000001"] = awsmock.Vpc{ID: "vpc-00000000000000001", Cidr: "10.0.0.0/16", Subnets: []awsmock.Subnet{
			{ID: "subnet-000000a1", Zone: "ap-northeast-2a", Cidr: "10.0.0.0/20", Public: true},
			{ID: "subnet-000000a2", Zone: "ap-northeast-2a", Cidr: "10.0.16.0/20", Public: true},
		}}
	}
	_, err = run("vpc-00000000000000001", []string{"subnet-000000a1", "subnet-000000a2"}, nil, twoInOneZone)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "subnets subnet-000000a1 and subnet-000000a2 are both in ap-northeast-2a")

	_, err = run("vpc-00000000000000001", []string{"subnet-0nosuch1"}, nil, twoInOneZone)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "looking up subnet subnet-0nosuch1")
}
