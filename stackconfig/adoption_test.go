package stackconfig

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func adoptionCases() []validateCase {
	vpc := "vpc-0a1b2c3d4e5f60718"
	return []validateCase{
		// parent zone
		{name: "parent zone by ID and by name", m: kv("meething:domain", "dev.meething.net", "meething:parentZoneId", "Z0123ABC", "meething:parentZoneName", "meething.net"),
			key: "meething:parentZoneName", value: "meething.net", rule: "cannot be set together with meething:parentZoneId"},
		{name: "parent zone not a parent", m: kv("meething:domain", "dev.meething.net", "meething:parentZoneName", "example.com"),
			key: "meething:parentZoneName", value: "example.com", rule: `is not a parent of meething:domain "dev.meething.net"`},
		{name: "parent zone is the domain itself", m: kv("meething:domain", "meething.net", "meething:parentZoneName", "meething.net"),
			key: "meething:parentZoneName", value: "meething.net", rule: "is not a parent of"},
		{name: "parent zone ID malformed", m: kv("meething:domain", "dev.meething.net", "meething:parentZoneId", "/hostedzone/Z0123"),
			key: "meething:parentZoneId", value: "/hostedzone/Z0123", rule: "is not a Route53 hosted zone ID"},
		{name: "parent zone with an adopted zone", m: kv("meething:domain", "dev.meething.net", "meething:parentZoneName", "meething.net", "meething:existingZoneName", "meething.net"),
			key: "meething:parentZoneName", value: "meething.net", rule: "delegates a zone the stack creates, but meething:existingZoneId/meething:existingZoneName adopts an existing one"},

		// take-over records
		{name: "take-over entry without a type", m: kv("meething:existingZoneName", "meething.net", "meething:takeOverRecords", `["*.meething.net"]`),
			key: "meething:takeOverRecords[0]", value: "*.meething.net", rule: `is not a record as NAME TYPE, such as "*.meething.net A"`},
		{name: "take-over entry of an unknown type", m: kv("meething:existingZoneName", "meething.net", "meething:takeOverRecords", `["meething.net MX"]`),
			key: "meething:takeOverRecords[0]", value: "meething.net MX", rule: "types A, AAAA, CNAME, NS, TXT"},
		{name: "take-over in the stack's own new zone", m: kv("meething:takeOverRecords", `["*.meething.net A"]`),
			key: "meething:takeOverRecords[0]", value: "*.meething.net A", rule: "the stack writes only into its own new zone"},

		// existing VPC
		{name: "VPC ID malformed", m: kv("meething:existingVpcId", "vpc-XYZ"),
			key: "meething:existingVpcId", value: "vpc-XYZ", rule: "is not a VPC ID (vpc- and 8 or 17 hex digits) or default"},
		{name: "VPC CIDR beside an existing VPC", m: kv("meething:existingVpcId", "default", "meething:vpcCidr", "10.0.0.0/16"),
			key: "meething:vpcCidr", value: "10.0.0.0/16", rule: `shapes a VPC the stack creates, but meething:existingVpcId "default" adopts an existing one`},
		{name: "subnet size beside an existing VPC", m: kv("meething:existingVpcId", vpc, "meething:subnetPrefixLength", "24"),
			key: "meething:subnetPrefixLength", value: "24", rule: "shapes a VPC the stack creates"},
		{name: "subnet count beside an existing VPC", m: kv("meething:existingVpcId", vpc, "meething:subnetCount", "3"),
			key: "meething:subnetCount", value: "3", rule: "shapes a VPC the stack creates"},
		{name: "subnet overrides beside an existing VPC", m: kv("meething:existingVpcId", vpc, "meething:subnetCidrs", `{"ap-northeast-2a":"172.31.0.0/20"}`),
			key: "meething:subnetCidrs", value: "ap-northeast-2a=172.31.0.0/20", rule: "shapes a VPC the stack creates"},
		{name: "public IPs beside an existing VPC", m: kv("meething:existingVpcId", vpc, "meething:mapPublicIpOnLaunch", "false"),
			key: "meething:mapPublicIpOnLaunch", value: "false", rule: "shapes a VPC the stack creates"},
		{name: "subnets without their VPC", m: kv("meething:existingSubnetIds", `["subnet-0a1b2c3d","subnet-0a1b2c3e"]`),
			key: "meething:existingSubnetIds", value: "subnet-0a1b2c3d,subnet-0a1b2c3e", rule: "needs meething:existingVpcId"},
		{name: "one subnet", m: kv("meething:existingVpcId", vpc, "meething:existingSubnetIds", `["subnet-0a1b2c3d"]`),
			key: "meething:existingSubnetIds", value: "subnet-0a1b2c3d", rule: "must name at least 2 subnets"},
		{name: "subnet ID malformed", m: kv("meething:existingVpcId", vpc, "meething:existingSubnetIds", `["subnet-0a1b2c3d","sub-1"]`),
			key: "meething:existingSubnetIds[1]", value: "sub-1", rule: "is not a subnet ID"},
		{name: "subnet listed twice", m: kv("meething:existingVpcId", vpc, "meething:existingSubnetIds", `["subnet-0a1b2c3d","subnet-0a1b2c3d"]`),
			key: "meething:existingSubnetIds[1]", value: "subnet-0a1b2c3d", rule: "is listed twice"},
		{name: "zones beside subnet IDs", m: kv("meething:existingVpcId", vpc, "meething:existingSubnetIds", `["subnet-0a1b2c3d","subnet-0a1b2c3e"]`, "meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2b"]`),
			key: "meething:availabilityZones", value: "ap-northeast-2a,ap-northeast-2b", rule: "the subnets decide the zones"},

		// import IDs
		{name: "import ID of the wrong kind", m: kv("meething:import", `{"vpc":"subnet-0a1b2c3d"}`),
			key: "meething:import.vpc", value: "subnet-0a1b2c3d", rule: "is not the ID of a vpc: it looks like vpc-0123456789abcdef0"},
		{name: "import of a record by its name", m: kv("meething:import", `{"record/wildcard-A":"*.meething.net A"}`),
			key: "meething:import.record/wildcard-A", value: "*.meething.net A", rule: "is not the ID of a record: it looks like Z0123456789ABCDEFGHIJ_*.meething.net_A"},
		{name: "import of a target group by name", m: kv("meething:import", `{"targetGroup/api":"api"}`),
			key: "meething:import.targetGroup/api", value: "api", rule: "is not the ID of a targetGroup"},

		// physical names
		{name: "load balancer name too long", m: kv("meething:physicalNames", `{"loadBalancer":"`+strings.Repeat("a", 33)+`"}`),
			key: "meething:physicalNames.loadBalancer", value: strings.Repeat("a", 33), rule: "1 to 32 letters, digits and inner hyphens"},
		{name: "load balancer name internal-", m: kv("meething:physicalNames", `{"loadBalancer":"internal-edge"}`),
			key: "meething:physicalNames.loadBalancer", value: "internal-edge", rule: "not starting with internal-"},
		{name: "target group name for no service", m: kv("meething:physicalNames", `{"targetGroups":{"web":"web"}}`),
			key: "meething:physicalNames.targetGroups.web", value: "web", rule: `is for "web", which is neither a service in meething:services nor a service's <service>-<group>`},
		{name: "target group name with a trailing hyphen", m: kv("meething:physicalNames", `{"targetGroups":{"api":"api-"}}`),
			key: "meething:physicalNames.targetGroups.api", value: "api-", rule: "inner hyphens"},
		{name: "two target groups of one name", m: with(services(`{"name":"api"}`, `{"name":"chat"}`), "meething:physicalNames", `{"targetGroups":{"api":"edge","chat":"edge"}}`),
			key: "meething:physicalNames.targetGroups.chat", value: "edge", rule: "is already the name of meething:physicalNames.targetGroups.api: a target group's name is unique in the region"},
		{name: "two security groups of one name", m: kv("meething:physicalNames", `{"securityGroups":{"alb":{"name":"edge"},"targets":{"name":"Edge"}}}`),
			key: "meething:physicalNames.securityGroups.targets.name", value: "Edge", rule: "is already the name of meething:physicalNames.securityGroups.alb.name: a security group's name is unique in the VPC, whatever its case"},
		{name: "security group named default", m: kv("meething:physicalNames", `{"securityGroups":{"alb":{"name":"Default"}}}`),
			key: "meething:physicalNames.securityGroups.alb.name", value: "Default", rule: "is the name of the VPC's default security group"},
		{name: "security group name with a character AWS refuses", m: kv("meething:physicalNames", `{"securityGroups":{"alb":{"name":"edge|alb"}}}`),
			key: "meething:physicalNames.securityGroups.alb.name", value: "edge|alb", rule: "is not a security group name: at most 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"},
		{name: "security group description with a character AWS refuses", m: kv("meething:physicalNames", `{"securityGroups":{"alb":{"description":"HTTP <and> HTTPS"}}}`),
			key: "meething:physicalNames.securityGroups.alb.description", value: "HTTP <and> HTTPS", rule: "is not a security group description"},
		{name: "security group of no role", m: kv("meething:physicalNames", `{"securityGroups":{"web":{"name":"x"}}}`),
			key: "meething:physicalNames.securityGroups.web", value: "web", rule: "use alb or targets"},
		{name: "security group name sg-", m: kv("meething:physicalNames", `{"securityGroups":{"alb":{"name":"sg-edge"}}}`),
			key: "meething:physicalNames.securityGroups.alb.name", value: "sg-edge", rule: "not starting with sg-"},
		{name: "zone comment on an adopted zone", m: kv("meething:existingZoneName", "meething.net", "meething:physicalNames", `{"zoneComment":"hand-made"}`),
			key: "meething:physicalNames.zoneComment", value: "hand-made", rule: "the zone is adopted"},
	}
}

func TestAdoptionAccepted(t *testing.T) {
	cfg, err := parse(kv(
		"meething:domain", "meething.net",
		"meething:existingZoneName", "meething.net",
		"meething:takeOverRecords", `["*.meething.net A","_0a1b.meething.net CNAME"]`,
		"meething:existingVpcId", "default",
		"meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2c"]`,
		"meething:aliasRecords", "false",
		"meething:import", `{"loadBalancer":"arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/edge/50dc6c495c0c9188","record/wildcard-A":"Z0123_*.meething.net_A","nosuchkey":"x"}`,
		"meething:physicalNames", `{"loadBalancer":"edge","targetGroups":{"api":"api"},"securityGroups":{"alb":{"name":"edge-alb","description":"HTTP and HTTPS from anywhere"}}}`,
	))
	require.NoError(t, err, "an unknown import key is reported by the program, which knows the stack's resources")
	assert.True(t, cfg.AdoptsVpc())
	assert.False(t, cfg.RestrictDefaultSecurityGroup, "an adopted VPC's default group is left alone by default")
	assert.False(t, cfg.AliasRecords)
	assert.Equal(t, "edge", cfg.PhysicalNames.LoadBalancer)
	assert.Equal(t, SecurityGroupName{Name: "edge-alb", Description: "HTTP and HTTPS from anywhere"}, cfg.PhysicalNames.SecurityGroups["alb"])

	cfg, err = parse(kv("meething:existingVpcId", "default", "meething:restrictDefaultSecurityGroup", "true"))
	require.NoError(t, err)
	assert.True(t, cfg.RestrictDefaultSecurityGroup, "config can ask")

	cfg, err = parse(kv())
	require.NoError(t, err)
	assert.True(t, cfg.RestrictDefaultSecurityGroup, "a created VPC's default group is stripped (EC2.2)")
	assert.True(t, cfg.AliasRecords)
	assert.False(t, cfg.DeleteImportedOnDestroy)
}

// An adopted VPC's block is unknown until it is looked up: IP targets are
// checked by the program then, not against the created VPC's default block.
func TestAdoptedVpcDefersTargetCheck(t *testing.T) {
	_, err := parse(with(services(`{"name":"api","targetType":"ip","targets":["10.9.0.5"]}`), "meething:existingVpcId", "default"))
	require.NoError(t, err)
}

// TestDeclaredEmptyDefaultsReadAsNotSet: Pulumi passes a declared default as
// if the stack set it, so the created-VPC keys' declared empty defaults must
// read as not set: beside an adopted VPC they are no problem, and a created
// VPC gets the program's defaults from them.
func TestDeclaredEmptyDefaultsReadAsNotSet(t *testing.T) {
	empty := map[string]string{}
	for key, value := range NotSet {
		empty[FullKey(key)] = value
	}

	adopted, err := parse(with(empty, "meething:existingVpcId", "default"))
	require.NoError(t, err, "the declared defaults beside existingVpcId")
	assert.False(t, adopted.RestrictDefaultSecurityGroup, "an adopted VPC's default group is left alone")

	created, err := parse(empty)
	require.NoError(t, err)
	defaults := Defaults()
	assert.Equal(t, defaults.VpcCidr, created.VpcCidr)
	assert.Equal(t, defaults.SubnetCount, created.SubnetCount)
	assert.Equal(t, defaults.SubnetPrefixLength, created.SubnetPrefixLength)
	assert.Empty(t, created.SubnetCidrs)
	assert.False(t, created.MapPublicIPOnLaunch)
	assert.True(t, created.RestrictDefaultSecurityGroup, "a created VPC's default group is stripped (EC2.2)")

	// A value other than the declared empty one is a setting.
	_, err = parse(with(empty, "meething:existingVpcId", "default", "meething:mapPublicIpOnLaunch", "false"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `meething:mapPublicIpOnLaunch: "false" shapes a VPC the stack creates`)
}

func TestZoneComment(t *testing.T) {
	for _, tc := range []struct{ set, want string }{
		{"", "Public zone of dev.meething.net, managed by Pulumi"},
		{"hand-made", "hand-made"},
	} {
		cfg := Defaults()
		cfg.Domain = "dev.meething.net"
		cfg.PhysicalNames.ZoneComment = tc.set
		assert.Equal(t, tc.want, cfg.ZoneComment(), "zoneComment %q", tc.set)
	}
}
