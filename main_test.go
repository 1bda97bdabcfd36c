package main

import (
	"encoding/json"
	"maps"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/commands"
	"github.com/meething/edge/stackconfig"
)

// The commands' other exit statuses, which the tests of the commands
// through run expect.
const (
	exitProgram     = commands.ExitProgram
	exitBreaking    = commands.ExitBreaking
	exitCheckFailed = commands.ExitCheckFailed
)

// configKeys returns the keys of a config map, sorted, as the engine lists
// them to the program (stackfile.Stack.Keys, for a map the test built).
func configKeys(config map[string]string) []string { return slices.Sorted(maps.Keys(config)) }

const (
	typeVpc           = "aws:ec2/vpc:Vpc"
	typeSubnet        = "aws:ec2/subnet:Subnet"
	typeIGW           = "aws:ec2/internetGateway:InternetGateway"
	typeZone          = "aws:route53/zone:Zone"
	typeRecord        = "aws:route53/record:Record"
	typeCertificate   = "aws:acm/certificate:Certificate"
	typeValidation    = "aws:acm/certificateValidation:CertificateValidation"
	typeALB           = "aws:lb/loadBalancer:LoadBalancer"
	typeListener      = "aws:lb/listener:Listener"
	typeRule          = "aws:lb/listenerRule:ListenerRule"
	typeTargetGroup   = "aws:lb/targetGroup:TargetGroup"
	typeAttachment    = "aws:lb/targetGroupAttachment:TargetGroupAttachment"
	typeSecurityGroup = "aws:ec2/securityGroup:SecurityGroup"
)

func listener(t *testing.T, res *synthResult, port float64) *awsmock.Resource {
	t.Helper()
	for _, l := range res.OfType(typeListener) {
		if l.Input("port") == port {
			return l
		}
	}
	t.Fatalf("no listener on port %v", port)
	return nil
}

func only(t *testing.T, res *synthResult, typ string) *awsmock.Resource {
	t.Helper()
	rs := res.OfType(typ)
	require.Len(t, rs, 1, "resources of type %s", typ)
	return rs[0]
}

func TestDevStackOutputs(t *testing.T) {
	res := mustRun(t, "dev", stackConfig(t, "dev"))
	out := res.Outputs

	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	assert.Equal(t, []string{
		"albArn", "albDnsName", "albZoneId", "certificateArn", "extraCertificateArns", "hostedZoneId", "nameServers",
		"publicSubnetIds", "serviceUrls", "targetGroupArns", "targetSecurityGroupId", "vpcId",
	}, keys)

	alb := only(t, res, typeALB)
	zone := only(t, res, typeZone)
	certificate := only(t, res, typeCertificate)
	assert.Equal(t, only(t, res, typeVpc).ID, out["vpcId"])
	assert.Equal(t, alb.Output("arn"), out["albArn"])
	assert.Equal(t, alb.Output("dnsName"), out["albDnsName"])
	assert.Equal(t, alb.Output("zoneId"), out["albZoneId"])
	assert.Equal(t, certificate.Output("arn"), out["certificateArn"])
	assert.Equal(t, zone.Output("zoneId"), out["hostedZoneId"])
	assert.Equal(t, zone.Output("nameServers"), out["nameServers"])
	assert.Len(t, out["nameServers"], 4)

	var subnetIDs []any
	for _, s := range res.OfType(typeSubnet) {
		subnetIDs = append(subnetIDs, s.ID)
	}
	assert.ElementsMatch(t, subnetIDs, out["publicSubnetIds"])
	assert.Len(t, out["publicSubnetIds"], 4)

	assert.Equal(t, map[string]any{
		"api":    "https://api.dev.meething.net",
		"config": "https://config.dev.meething.net",
		"chat":   "https://chat.dev.meething.net",
	}, out["serviceUrls"])

	arns := out["targetGroupArns"].(map[string]any)
	require.Len(t, arns, 3)
	for _, svc := range []string{"api", "config", "chat"} {
		assert.Equal(t, res.Named(typeTargetGroup, "meething-"+svc).Output("arn"), arns[svc], svc)
	}
	targets := res.Named(typeSecurityGroup, "meething-targets")
	require.NotNil(t, targets)
	assert.Equal(t, targets.ID, out["targetSecurityGroupId"])
}

// TestDevStackIsTheTeamsSetup: Pulumi.dev.yaml, whatever the team puts in
// it, builds the setup it describes on a subdomain of its own: its region,
// its VPC with one public subnet per listed zone inside the VPC's range at
// the configured prefix length, every service's target group and host
// rule, and its domain in a zone the stack creates, delegated from the
// parent zone. (The program's own layout is tested on the fixtures.)
func TestDevStackIsTheTeamsSetup(t *testing.T) {
	config := committedStackConfig(t, "dev")
	res := mustRun(t, "dev", config)
	assert.Equal(t, config["aws:region"], res.Region())

	vpc := netip.MustParsePrefix(only(t, res, typeVpc).Input("cidrBlock").(string))
	assert.Equal(t, config["meething:vpcCidr"], vpc.String())
	var zones []string
	require.NoError(t, json.Unmarshal([]byte(config["meething:availabilityZones"]), &zones))
	bits, err := strconv.Atoi(config["meething:subnetPrefixLength"])
	require.NoError(t, err)
	got := map[string]bool{}
	for _, s := range res.OfType(typeSubnet) {
		got[s.Input("availabilityZone").(string)] = true
		subnet := netip.MustParsePrefix(s.Input("cidrBlock").(string))
		assert.Equal(t, bits, subnet.Bits(), "subnet %s", subnet)
		assert.True(t, vpc.Contains(subnet.Addr()), "subnet %s lies in the VPC %s", subnet, vpc)
	}
	assert.ElementsMatch(t, zones, slices.Collect(maps.Keys(got)), "one public subnet per listed zone")
	assert.Equal(t, only(t, res, typeVpc).ID, only(t, res, typeIGW).Input("vpcId"))

	domain := config["meething:domain"]
	assert.Equal(t, domain, only(t, res, typeZone).Input("name"))
	assert.Equal(t, "*."+domain, only(t, res, typeCertificate).Input("domainName"))
	assert.Equal(t, []any{domain}, only(t, res, typeCertificate).Input("subjectAlternativeNames"))
	var services []struct{ Name string }
	require.NoError(t, json.Unmarshal([]byte(config["meething:services"]), &services))
	for _, svc := range services {
		assert.NotNil(t, res.Named(typeTargetGroup, "meething-"+svc.Name), "service %s has its target group", svc.Name)
		assert.NotNil(t, res.Named(typeRule, "meething-"+svc.Name), "service %s has its host rule", svc.Name)
	}

	delegation := res.Named(typeRecord, "meething-delegation")
	require.NotNil(t, delegation, "dev delegates its zone from %s", config["meething:parentZoneName"])
	assert.Equal(t, awsmock.DeclaredZoneID(config["meething:parentZoneName"]), delegation.Input("zoneId"))
	assert.Equal(t, domain, delegation.Input("name"))
	assert.Equal(t, "NS", delegation.Input("type"))
	assert.Equal(t, only(t, res, typeZone).Output("nameServers"), delegation.Input("records"))
}

// TestWiring checks that each component consumes the outputs of the one
// before it.
func TestWiring(t *testing.T) {
	res := mustRun(t, "dev", stackConfig(t, "dev"))
	vpc := only(t, res, typeVpc)
	zone := only(t, res, typeZone)
	alb := only(t, res, typeALB)
	certificate := only(t, res, typeCertificate)
	validation := only(t, res, typeValidation)

	var subnetIDs []any
	for _, s := range res.OfType(typeSubnet) {
		assert.Equal(t, vpc.ID, s.Input("vpcId"))
		subnetIDs = append(subnetIDs, s.ID)
	}
	assert.ElementsMatch(t, subnetIDs, alb.Input("subnets"), "the ALB spans every public subnet")
	for _, tg := range res.OfType(typeTargetGroup) {
		assert.Equal(t, vpc.ID, tg.Input("vpcId"))
	}

	inParent := map[string]bool{"meething-delegation": true, "meething-delegation-owner": true}
	for _, r := range res.OfType(typeRecord) {
		if inParent[r.Name] {
			assert.Equal(t, awsmock.DeclaredZoneID("meething.net"), r.Input("zoneId"), "record %s goes into the parent zone", r.Name)
			continue
		}
		assert.Equal(t, zone.Output("zoneId"), r.Input("zoneId"), "record %s goes into the stack's zone", r.Name)
	}
	assert.Equal(t, certificate.Output("arn"), validation.Input("certificateArn"))
	https := listener(t, res, 443)
	assert.Equal(t, certificate.Output("arn"), https.Input("certificateArn"))

	wildcard := res.Named(typeRecord, "meething-wildcard-A")
	require.NotNil(t, wildcard)
	assert.Equal(t, "*.dev.meething.net", wildcard.Input("name"))
	assert.Equal(t, []any{map[string]any{
		"name":                 alb.Output("dnsName"),
		"zoneId":               alb.Output("zoneId"),
		"evaluateTargetHealth": true,
	}}, wildcard.Input("aliases"))
}

// TestDependencyGraph: only the HTTPS listener and what hangs from it wait
// for certificate validation; the ALB waits for the internet gateway.
func TestDependencyGraph(t *testing.T) {
	res := mustRun(t, "dev", stackConfig(t, "dev"))
	validation := only(t, res, typeValidation)
	alb := only(t, res, typeALB)
	igw := only(t, res, typeIGW)

	assert.True(t, res.DependsOn(alb, igw), "the ALB must wait for the internet gateway")
	assert.True(t, res.DependsOn(listener(t, res, 443), validation), "the HTTPS listener must wait for validation")
	for _, r := range res.OfType(typeRule) {
		assert.True(t, res.DependsOn(r, validation), "rule %s hangs from the HTTPS listener", r.Name)
	}

	notWaiting := []*awsmock.Resource{alb, listener(t, res, 80)}
	notWaiting = append(notWaiting, res.OfType(typeTargetGroup)...)
	for _, r := range res.OfType(typeRecord) {
		if r.Input("type") != "CNAME" {
			notWaiting = append(notWaiting, r)
		}
	}
	require.Len(t, notWaiting, 2+3+1+2, "ALB, HTTP listener, 3 target groups, alias, delegation and its owner record")
	for _, r := range notWaiting {
		assert.False(t, res.DependsOn(r, validation), "%s %s must not wait for certificate validation", r.Type, r.Name)
	}
}

func TestEveryTaggableResourceIsTagged(t *testing.T) {
	config := with(stackConfig(t, "dev"), "meething:tags", `{"Team":"edge"}`)
	res := mustRun(t, "dev", config)
	untaggable := map[string]bool{
		"aws:ec2/route:Route": true, "aws:ec2/routeTableAssociation:RouteTableAssociation": true,
		typeRecord: true, typeValidation: true, typeAttachment: true,
	}
	tagged := 0
	for _, r := range res.Resources() {
		if !r.Custom || untaggable[r.Type] {
			continue
		}
		tags, ok := r.Input("tags").(map[string]any)
		require.True(t, ok, "%s %s has no tags", r.Type, r.Name)
		component := strings.Split(strings.TrimPrefix(string(res.ByURN(r.Parent).Type), "meething:"), ":")[0]
		assert.Equal(t, "meething", tags["Project"], r.URN)
		assert.Equal(t, "dev", tags["Stack"], r.URN)
		assert.Equal(t, component, tags["Component"], r.URN)
		assert.Equal(t, "pulumi", tags["ManagedBy"], r.URN)
		assert.Equal(t, "edge", tags["Team"], r.URN)
		assert.NotEmpty(t, tags["Name"], r.URN)
		tagged++
	}
	assert.Greater(t, tagged, 20)
}

// TestInvalidConfigRegistersNothing: every problem is reported at once, and
// before any resource exists.
func TestInvalidConfigRegistersNothing(t *testing.T) {
	config := with(stackConfig(t, "dev"),
		"meething:vpcCidr", "8.8.0.0/16",
		"meething:domain", "Meething..net",
		"meething:sslPolicy", "ELBSecurityPolicy-2016-08",
		"meething:services", `[{"name":"api"},{"name":"api"},{"name":"chat","healthCheck":{"interval":1}}]`,
	)
	res, err := runProgram("dev", config)
	require.Error(t, err)
	var cfgErr *stackconfig.Error
	require.ErrorAs(t, err, &cfgErr)
	keys := map[string]bool{}
	for _, p := range cfgErr.Problems {
		keys[p.Key] = true
	}
	for _, k := range []string{
		"meething:vpcCidr", "meething:domain", "meething:sslPolicy",
		"meething:services[1].name", "meething:services[2].healthCheck.interval",
	} {
		assert.True(t, keys[k], "no problem reported for %s in:\n%v", k, err)
	}
	assert.Contains(t, err.Error(), `"8.8.0.0/16"`)
	assert.Empty(t, res.Resources(), "nothing may be registered when the config is invalid")
}

func TestProdStackIsProtected(t *testing.T) {
	res := mustRun(t, "prod", stackConfig(t, "prod"))
	assert.Empty(t, res.OfType(typeZone), "prod adopts the live zone: destroy cannot delete it")
	created := mustRun(t, "prod", with(stackConfig(t, "prod"), "meething:existingZoneName", "", "meething:takeOverRecords", "[]"))
	zone := only(t, created, typeZone)
	assert.True(t, zone.Protect, "a zone prod creates is protected")
	assert.True(t, zone.RetainOnDelete, "a zone prod creates outlives the stack")
	certificate := only(t, res, typeCertificate)
	assert.True(t, certificate.Protect, "the prod certificate is protected")
	assert.False(t, certificate.DeleteBeforeReplace, "a replacement certificate is created first")
	assert.Equal(t, true, only(t, res, typeALB).Input("enableDeletionProtection"))

	dev := mustRun(t, "dev", stackConfig(t, "dev"))
	assert.False(t, only(t, dev, typeZone).Protect)
	assert.False(t, only(t, dev, typeZone).RetainOnDelete)
	assert.False(t, only(t, dev, typeCertificate).Protect)
	assert.Equal(t, false, only(t, dev, typeALB).Input("enableDeletionProtection"))
}

func TestDualStack(t *testing.T) {
	res := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:dualStack", "true", "meething:apexAlias", "true"))
	assert.Equal(t, "dualstack", only(t, res, typeALB).Input("ipAddressType"))
	var aliases []string
	for _, r := range res.OfType(typeRecord) {
		if r.Input("type") != "CNAME" {
			aliases = append(aliases, r.Input("name").(string)+" "+r.Input("type").(string))
		}
	}
	assert.ElementsMatch(t, []string{
		"*.dev.meething.net A", "*.dev.meething.net AAAA", "dev.meething.net A", "dev.meething.net AAAA",
		"dev.meething.net NS", "_meething-dev-owner.meething.net TXT",
	}, aliases)
	for _, s := range res.OfType(typeSubnet) {
		assert.NotEmpty(t, s.Input("ipv6CidrBlock"), s.Name)
	}
}

func TestAdoptExistingZone(t *testing.T) {
	config := with(stackConfig(t, "dev"), "meething:existingZoneName", "meething.net", "meething:parentZoneName", "")
	res := mustRun(t, "dev", config)
	zoneID := awsmock.DeclaredZoneID("meething.net")
	assert.Empty(t, res.OfType(typeZone), "an adopted zone is not created")
	assert.Equal(t, zoneID, res.Outputs["hostedZoneId"])
	for _, r := range res.OfType(typeRecord) {
		assert.Equal(t, zoneID, r.Input("zoneId"), r.Name)
	}
}

func TestServiceTargetsFromConfig(t *testing.T) {
	services := `[{"name":"api","targets":["i-0123456789abcdef0","i-0fedcba9876543210"]},` +
		`{"name":"config","targetType":"ip"},` +
		`{"name":"chat","port":8080,"targetType":"ip","targets":["172.31.1.10"],"hosts":["talk.dev.meething.net"]}]`
	res := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:services", services))

	api := res.Named(typeTargetGroup, "meething-api")
	chat := res.Named(typeTargetGroup, "meething-chat")
	require.NotNil(t, api)
	require.NotNil(t, chat)
	assert.Equal(t, "instance", api.Input("targetType"))
	assert.Equal(t, "ip", chat.Input("targetType"))
	assert.Equal(t, "ip", res.Named(typeTargetGroup, "meething-config").Input("targetType"),
		"an ip group with no targets, for tasks registered outside the stack (ECS in awsvpc mode)")
	assert.Equal(t, float64(8080), chat.Input("port"))

	attachments := map[string]any{}
	for _, a := range res.OfType(typeAttachment) {
		attachments[a.Name] = a.Input("targetId")
	}
	assert.Equal(t, map[string]any{
		"meething-api-i-0123456789abcdef0": "i-0123456789abcdef0",
		"meething-api-i-0fedcba9876543210": "i-0fedcba9876543210",
		"meething-chat-172.31.1.10":        "172.31.1.10",
	}, attachments)

	rule := res.Named(typeRule, "meething-chat")
	conditions := rule.Input("conditions").([]any)
	require.Len(t, conditions, 1)
	hosts := conditions[0].(map[string]any)["hostHeader"].(map[string]any)["values"]
	assert.Equal(t, []any{"chat.dev.meething.net", "talk.dev.meething.net"}, hosts)
	assert.Equal(t, float64(stackconfig.DerivedPriority("chat")), rule.Input("priority"))
}

// TestProjectFileDeclaresEveryKey: Pulumi.yaml declares each key the program
// reads, with a description and a type, and a default unless every stack
// must set it. (The defaults are Go's: make golden writes them from
// stackconfig.Defaults, and TestGoldenProjectFile holds the file to that.)
func TestProjectFileDeclaresEveryKey(t *testing.T) {
	project := loadProject(t)
	declared := map[string]bool{}
	for key, decl := range project.Config {
		declared[key] = true
		assert.NotEmpty(t, decl.Description, key)
		// Pulumi's CLI refuses a stack that lacks a key declared without a
		// default: only the keys every stack must set have none.
		short := strings.TrimPrefix(key, stackconfig.Namespace+":")
		if slices.Contains(stackconfig.Required, short) {
			assert.Nil(t, decl.Default, "%s is required: it must declare no default", key)
		} else {
			assert.NotNil(t, decl.Default, "%s must declare a default", key)
		}
		if empty, ok := stackconfig.NotSet[short]; ok {
			assert.Equal(t, empty, projectDefaults(t, project)[key], "%s must declare the value that reads as not set", key)
			if decl.Type == "" {
				assert.Contains(t, decl.Description, "true or false", "%s is untyped: its description says its type", key)
				continue
			}
		}
		assert.NotEmpty(t, decl.Type, key)
	}
	for _, key := range stackconfig.Keys {
		assert.True(t, declared[stackconfig.FullKey(key)], "Pulumi.yaml does not declare %s", stackconfig.FullKey(key))
	}
	assert.Len(t, declared, len(stackconfig.Keys), "Pulumi.yaml declares keys the program does not read")
}

// TestStackFilesUseDeclaredKeys catches a misspelt key in a stack file, which
// Pulumi would pass through silently.
func TestStackFilesUseDeclaredKeys(t *testing.T) {
	project := loadProject(t)
	for _, stack := range synthStackNames(t) {
		for key := range rawStackKeys(t, stack) {
			if strings.HasPrefix(key, "aws:") {
				continue
			}
			_, ok := project.Config[key]
			assert.True(t, ok, "Pulumi.%s.yaml sets %s, which Pulumi.yaml does not declare", stack, key)
		}
	}
}

// TestLookedUpZonesErrorNamesTheKeys: when the region has fewer zones than
// meething:subnetCount asks for, the error says which keys to change. (The
// mock's region has four zones.)
func TestLookedUpZonesErrorNamesTheKeys(t *testing.T) {
	config := with(stackConfig(t, "dev"), "meething:availabilityZones", "[]", "meething:subnetCount", "5")
	res, err := runProgram("dev", config)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "meething:subnetCount = 5")
	assert.Contains(t, err.Error(), "meething:availabilityZones")
	assert.Contains(t, err.Error(), "fewer than the 5 subnets")
	for _, r := range res.Resources() {
		assert.False(t, r.Custom, "no cloud resource may be registered: %s", r.URN)
	}
}

// TestAdoptingAMissingZoneNamesTheKey: the lookup fails at deploy time, and
// the error says which config value pointed at the zone.
func TestAdoptingAMissingZoneNamesTheKey(t *testing.T) {
	for key, value := range map[string]string{
		"meething:existingZoneName": "meething.net",
		"meething:existingZoneId":   "Z0NOSUCHZONE",
	} {
		noZones := func(m *awsmock.Monitor) { clear(m.ExistingZones) }
		_, err := runProgram("dev", with(stackConfig(t, "dev"), key, value, "meething:parentZoneName", ""), noZones)
		require.Error(t, err, key)
		assert.Contains(t, err.Error(), key+` = "`+value+`"`)
	}
}
