package stackconfig

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// services returns a config setting meething:services to the given objects.
func services(objects ...string) map[string]string {
	return map[string]string{"meething:services": "[" + strings.Join(objects, ",") + "]"}
}

// with adds key/value pairs to m.
func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func kv(kv ...string) map[string]string { return with(nil, kv...) }

// jsonList renders names as a JSON list of strings.
func jsonList(names ...string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return "[" + strings.Join(q, ",") + "]"
}

type validateCase struct {
	name  string
	m     map[string]string
	key   string
	value string
	rule  string
	rule2 string // a second phrase the rule must contain, if set
	// also are the keys of other problems the same mistake reports.
	also []string
}

func validateCases() []validateCase {
	apiPriority := strconv.Itoa(DerivedPriority("api"))
	long := func(c byte, n int) string { return strings.Repeat(string(c), n) }
	nineNames := make([]string, 9)
	for i := range nineNames {
		nineNames[i] = fmt.Sprintf("n%d.meething.net", i)
	}
	var many []string
	for i := 0; i <= MaxListenerRules; i++ {
		many = append(many, fmt.Sprintf(`{"name":"s%d","priority":%d}`, i, i+1))
	}

	return []validateCase{
		// meething:domain
		{name: "domain uppercase", m: kv("meething:domain", "Meething.net"), key: "meething:domain", value: "Meething.net", rule: "is not a DNS name: lowercase labels"},
		{name: "slow start with least outstanding requests", m: kv("meething:services", `[{"name":"api","algorithm":"least_outstanding_requests","slowStart":60}]`),
			key: "meething:services[0].slowStart", value: "60", rule: "cannot go with meething:services[0].algorithm least_outstanding_requests: AWS refuses slow start with least outstanding requests"},
		{name: "domain single label", m: kv("meething:domain", "localhost"), key: "meething:domain", value: "localhost", rule: "is not a DNS name"},
		{name: "domain empty label", m: kv("meething:domain", "meething..net"), key: "meething:domain", value: "meething..net", rule: "is not a DNS name"},
		{name: "domain leading hyphen", m: kv("meething:domain", "-meething.net"), key: "meething:domain", value: "-meething.net", rule: "is not a DNS name"},
		{name: "domain underscore", m: kv("meething:domain", "mee_thing.net"), key: "meething:domain", value: "mee_thing.net", rule: "is not a DNS name"},
		{name: "domain URL", m: kv("meething:domain", "https://meething.net"), key: "meething:domain", value: "https://meething.net", rule: "is not a DNS name"},
		{name: "domain trailing dot", m: kv("meething:domain", "meething.net."), key: "meething:domain", value: "meething.net.", rule: "no trailing dot"},
		{name: "domain numeric TLD", m: kv("meething:domain", "meething.n3t"), key: "meething:domain", value: "meething.n3t", rule: "is not a DNS name"},
		{name: "protected stack with looked-up zones", m: kv("meething:protect", "true", "meething:subnetCount", "3"), key: "meething:availabilityZones", value: "",
			rule: "is empty with meething:protect on: a protected stack names the zones of the subnets it creates, so that they never follow the region's live zone list (list them, for example [ap-northeast-2a, ap-northeast-2b, ap-northeast-2c])"},
		{name: "domain empty", m: kv("meething:domain", ""), key: "meething:domain", value: "", rule: "is not set: say which DNS name this stack serves"},
		{name: "domain too long for the certificate", m: kv("meething:domain", long('a', 59)+".net"), key: "meething:domain", value: long('a', 59) + ".net", rule: "is too long: the certificate's name *." + long('a', 59) + ".net must be at most 64 characters"},

		// meething:certificateNames
		{name: "certificate name invalid", m: kv("meething:certificateNames", `["bad_name.meething.net"]`), key: "meething:certificateNames[0]", value: "bad_name.meething.net", rule: "is not a DNS name (a wildcard may only be the whole leftmost label)"},
		{name: "certificate name double wildcard", m: kv("meething:certificateNames", `["www.meething.net","*.*.meething.net"]`), key: "meething:certificateNames[1]", value: "*.*.meething.net", rule: "a wildcard may only be the whole leftmost label"},
		{name: "certificate name inner wildcard", m: kv("meething:certificateNames", `["www.*.meething.net"]`), key: "meething:certificateNames[0]", value: "www.*.meething.net", rule: "a wildcard may only be the whole leftmost label"},
		{name: "certificate name partial wildcard", m: kv("meething:certificateNames", `["w*.meething.net"]`), key: "meething:certificateNames[0]", value: "w*.meething.net", rule: "a wildcard may only be the whole leftmost label"},
		{name: "certificate name duplicate", m: kv("meething:certificateNames", `["www.meething.net","www.meething.net"]`), key: "meething:certificateNames[1]", value: "www.meething.net", rule: "is already on the certificate"},
		{name: "certificate name is the domain", m: kv("meething:certificateNames", `["meething.net"]`), key: "meething:certificateNames[0]", value: "meething.net", rule: "is already on the certificate"},
		{name: "certificate name is the wildcard", m: kv("meething:certificateNames", `["*.meething.net"]`), key: "meething:certificateNames[0]", value: "*.meething.net", rule: "is already on the certificate"},
		{name: "certificate name outside the domain", m: kv("meething:certificateNames", `["www.example.com"]`), key: "meething:certificateNames[0]", value: "www.example.com", rule: `is not meething:domain "meething.net" or a name under it`},
		{name: "certificate name suffix without a dot", m: kv("meething:certificateNames", `["*.othermeething.net"]`), key: "meething:certificateNames[0]", value: "*.othermeething.net", rule: "or a name under it"},
		{name: "certificate names too many", m: kv("meething:certificateNames", jsonList(nineNames...)), key: "meething:certificateNames", value: strings.Join(nineNames, ","), rule: "makes 11 names with *.meething.net and meething.net: ACM allows 10 per certificate"},

		// meething:existingZoneId, meething:existingZoneName
		{name: "zone ID and name both set", m: kv("meething:existingZoneId", "Z0123456789ABC", "meething:existingZoneName", "meething.net"), key: "meething:existingZoneName", value: "meething.net", rule: "cannot be set together with meething:existingZoneId"},
		{name: "zone ID lowercase", m: kv("meething:existingZoneId", "z0123456789abc"), key: "meething:existingZoneId", value: "z0123456789abc", rule: "is not a Route53 hosted zone ID"},
		{name: "zone ID with path", m: kv("meething:existingZoneId", "/hostedzone/Z0123456789ABC"), key: "meething:existingZoneId", value: "/hostedzone/Z0123456789ABC", rule: "is not a Route53 hosted zone ID"},
		{name: "zone ID too short", m: kv("meething:existingZoneId", "Z"), key: "meething:existingZoneId", value: "Z", rule: "is not a Route53 hosted zone ID"},
		{name: "zone ID too long", m: kv("meething:existingZoneId", "Z"+long('A', 32)), key: "meething:existingZoneId", value: "Z" + long('A', 32), rule: "is not a Route53 hosted zone ID"},
		{name: "zone name not a DNS name", m: kv("meething:existingZoneName", "meething.net."), key: "meething:existingZoneName", value: "meething.net.", rule: "is not a DNS name"},
		{name: "zone name unrelated", m: kv("meething:existingZoneName", "example.com"), key: "meething:existingZoneName", value: "example.com", rule: `does not contain meething:domain "meething.net"`},
		{name: "zone name suffix without a dot", m: kv("meething:existingZoneName", "thing.net"), key: "meething:existingZoneName", value: "thing.net", rule: "the zone must be the domain or a parent of it"},
		{name: "zone name child of the domain", m: kv("meething:existingZoneName", "api.meething.net"), key: "meething:existingZoneName", value: "api.meething.net", rule: `does not contain meething:domain "meething.net"`},

		// meething:vpcCidr
		{name: "VPC CIDR IPv6", m: kv("meething:vpcCidr", "fd00::/48"), key: "meething:vpcCidr", value: "fd00::/48", rule: "is not an IPv4 CIDR block such as 172.31.0.0/16"},
		{name: "VPC CIDR without prefix", m: kv("meething:vpcCidr", "172.31.0.0"), key: "meething:vpcCidr", value: "172.31.0.0", rule: "is not an IPv4 CIDR block"},
		{name: "VPC CIDR IPv4-mapped IPv6", m: kv("meething:vpcCidr", "::ffff:172.31.0.0/112"), key: "meething:vpcCidr", value: "::ffff:172.31.0.0/112", rule: "is not an IPv4 CIDR block"},
		{name: "VPC CIDR garbage", m: kv("meething:vpcCidr", "default"), key: "meething:vpcCidr", value: "default", rule: "is not an IPv4 CIDR block"},
		{name: "VPC CIDR host bits", m: kv("meething:vpcCidr", "172.31.1.0/16"), key: "meething:vpcCidr", value: "172.31.1.0/16", rule: "has host bits set: the block starts at 172.31.0.0/16"},
		{name: "VPC CIDR /8", m: kv("meething:vpcCidr", "10.0.0.0/8"), key: "meething:vpcCidr", value: "10.0.0.0/8", rule: "has prefix /8: AWS allows /16 to /28"},
		{name: "VPC CIDR /15", m: kv("meething:vpcCidr", "10.0.0.0/15"), key: "meething:vpcCidr", value: "10.0.0.0/15", rule: "has prefix /15"},
		{name: "VPC CIDR /29", m: kv("meething:vpcCidr", "10.0.0.0/29"), key: "meething:vpcCidr", value: "10.0.0.0/29", rule: "has prefix /29: AWS allows /16 to /28"},
		{name: "VPC CIDR public", m: kv("meething:vpcCidr", "8.8.0.0/16"), key: "meething:vpcCidr", value: "8.8.0.0/16", rule: "is not private (RFC 1918)"},
		{name: "VPC CIDR just outside 172.16/12", m: kv("meething:vpcCidr", "172.32.0.0/16"), key: "meething:vpcCidr", value: "172.32.0.0/16", rule: "is not private"},
		{name: "VPC CIDR carrier-grade NAT", m: kv("meething:vpcCidr", "100.64.0.0/16"), key: "meething:vpcCidr", value: "100.64.0.0/16", rule: "is not private"},

		// meething:subnetPrefixLength
		{name: "subnet prefix /15", m: kv("meething:subnetPrefixLength", "15"), key: "meething:subnetPrefixLength", value: "15", rule: "must be 16 to 27"},
		{name: "subnet prefix /28", m: kv("meething:subnetPrefixLength", "28"), key: "meething:subnetPrefixLength", value: "28", rule: "must be 16 to 27: a load balancer's subnet needs at least 8 free addresses"},
		{name: "subnet prefix /8", m: kv("meething:subnetPrefixLength", "8"), key: "meething:subnetPrefixLength", value: "8", rule: "must be 16 to 27"},
		{name: "subnet prefix equal to VPC", m: kv("meething:vpcCidr", "10.0.0.0/20", "meething:subnetPrefixLength", "20"), key: "meething:subnetPrefixLength", value: "20", rule: `must be longer than the VPC's /20 (meething:vpcCidr "10.0.0.0/20")`},
		{name: "subnet prefix shorter than VPC", m: kv("meething:vpcCidr", "10.0.0.0/24", "meething:subnetPrefixLength", "16"), key: "meething:subnetPrefixLength", value: "16", rule: "must be longer than the VPC's /24"},
		{name: "VPC /28 leaves no subnet prefix", m: kv("meething:vpcCidr", "10.0.0.0/28"), key: "meething:subnetPrefixLength", value: "20", rule: "must be longer than the VPC's /28"},

		// meething:subnetCount, meething:availabilityZones
		{name: "subnet count 1", m: kv("meething:subnetCount", "1"), key: "meething:subnetCount", value: "1", rule: "must be at least 2: an application load balancer needs subnets in two availability zones"},
		{name: "subnet count 1", m: kv("meething:subnetCount", "1"), key: "meething:subnetCount", value: "1", rule: "must be at least 2"},
		{name: "subnet count negative", m: kv("meething:subnetCount", "-3"), key: "meething:subnetCount", value: "-3", rule: "must be at least 2"},
		{name: "one availability zone", m: kv("meething:availabilityZones", `["ap-northeast-2a"]`), key: "meething:availabilityZones", value: "ap-northeast-2a", rule: "must name at least 2 zones"},
		{name: "availability zone name malformed", m: kv("meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2-b"]`), key: "meething:availabilityZones[1]", value: "ap-northeast-2-b", rule: "is not an availability zone name such as ap-northeast-2a"},
		{name: "availability zone uppercase", m: kv("meething:availabilityZones", `["Ap-northeast-2a","ap-northeast-2b"]`), key: "meething:availabilityZones[0]", value: "Ap-northeast-2a", rule: "is not an availability zone name"},
		{name: "availability zone ID instead of name", m: kv("meething:availabilityZones", `["ap-northeast-2a","apne2-az2"]`), key: "meething:availabilityZones[1]", value: "apne2-az2", rule: "is not an availability zone name"},
		{name: "region instead of zone", m: kv("aws:region", "us-east-1", "meething:availabilityZones", `["us-east-1","us-east-1b"]`), key: "meething:availabilityZones[0]", value: "us-east-1", rule: "is not an availability zone name"},
		{name: "availability zone duplicate", m: kv("meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2b","ap-northeast-2a"]`), key: "meething:availabilityZones[2]", value: "ap-northeast-2a", rule: "is listed twice: one subnet per zone"},
		{name: "availability zone in another region", m: kv("aws:region", "us-east-1", "meething:availabilityZones", `["us-east-1a","us-west-2b"]`), key: "meething:availabilityZones[1]", value: "us-west-2b", rule: `is not in the region aws:region "us-east-1"`},

		// meething:subnetCidrs
		{name: "subnet CIDR for unknown zone", m: kv("meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2b"]`, "meething:subnetCidrs", `{"ap-northeast-2c":"172.31.64.0/20"}`), key: "meething:subnetCidrs.ap-northeast-2c", value: "172.31.64.0/20", rule: "is for a zone not in meething:availabilityZones"},
		{name: "subnet CIDR not a CIDR", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"172.31.0.0"}`), key: "meething:subnetCidrs.ap-northeast-2a", value: "172.31.0.0", rule: "is not an IPv4 CIDR block"},
		{name: "subnet CIDR IPv6", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"fd00::/64"}`), key: "meething:subnetCidrs.ap-northeast-2a", value: "fd00::/64", rule: "is not an IPv4 CIDR block"},
		{name: "subnet CIDR host bits", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"172.31.0.1/20"}`), key: "meething:subnetCidrs.ap-northeast-2a", value: "172.31.0.1/20", rule: "has host bits set: the block starts at 172.31.0.0/20"},
		{name: "subnet CIDR smaller than /27", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"172.31.0.0/28"}`), key: "meething:subnetCidrs.ap-northeast-2a", value: "172.31.0.0/28", rule: "is smaller than /27"},
		{name: "subnet CIDR outside the VPC", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"10.0.0.0/20"}`), key: "meething:subnetCidrs.ap-northeast-2a", value: "10.0.0.0/20", rule: `is not inside meething:vpcCidr "172.31.0.0/16"`},
		{name: "subnet CIDR containing the VPC", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"172.0.0.0/8"}`), key: "meething:subnetCidrs.ap-northeast-2a", value: "172.0.0.0/8", rule: `is not inside meething:vpcCidr "172.31.0.0/16"`},
		{name: "subnet CIDRs overlapping each other", m: kv("meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2b"]`, "meething:subnetCidrs", `{"ap-northeast-2a":"172.31.64.0/20","ap-northeast-2b":"172.31.72.0/21"}`), key: "meething:subnetCidrs", value: "ap-northeast-2a=172.31.64.0/20,ap-northeast-2b=172.31.72.0/21", rule: "has overlapping blocks: 172.31.64.0/20 (ap-northeast-2a) overlaps 172.31.72.0/21 (ap-northeast-2b)"},
		{name: "subnet CIDR overlapping a carved subnet", m: kv("meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2b"]`, "meething:subnetCidrs", `{"ap-northeast-2b":"172.31.0.0/24"}`), key: "meething:availabilityZones", value: "ap-northeast-2a,ap-northeast-2b", rule: "cannot be given subnets of /20 in 172.31.0.0/16", rule2: "overlaps with"},
		{name: "zone slot beyond the VPC's capacity", m: kv("meething:vpcCidr", "10.0.0.0/24", "meething:subnetPrefixLength", "26", "meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2e"]`), key: "meething:availabilityZones", value: "ap-northeast-2a,ap-northeast-2e", rule: "cannot be given subnets of /26 in 10.0.0.0/24", rule2: "zone ap-northeast-2e needs /26 slot 4 of 10.0.0.0/24, which has only 4"},
		{name: "two zones ending in the same letter", m: kv("aws:region", "us-west-2", "meething:availabilityZones", `["us-west-2a","us-west-2-lax-1a"]`), key: "meething:availabilityZones", value: "us-west-2a,us-west-2-lax-1a", rule: "end in the same letter"},

		// load balancer
		{name: "ssl policy unknown", m: kv("meething:sslPolicy", "ELBSecurityPolicy-2016-08"), key: "meething:sslPolicy", value: "ELBSecurityPolicy-2016-08", rule: "still allows TLS 1.0 or 1.1 (ELB.17 wants TLS 1.2 or later; TLS 1.3 policies are recommended): use " + DefaultSslPolicy},
		{name: "ssl policy TLS 1.2 only, a knowing choice", m: kv("meething:sslPolicy", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "meething:idleTimeout", "0"), key: "meething:idleTimeout", value: "0", rule: "must be 1 to 4000 seconds"},
		{name: "ssl policy made up", m: kv("meething:sslPolicy", "ELBSecurityPolicy-Strong"), key: "meething:sslPolicy", value: "ELBSecurityPolicy-Strong", rule: "is not a policy AWS documents for Application Load Balancers with TLS 1.2 or later (ELB.17 wants TLS 1.2 or later; TLS 1.3 policies are recommended): use one of"},
		{name: "ssl policy empty", m: kv("meething:sslPolicy", ""), key: "meething:sslPolicy", value: "", rule: "is not a policy AWS documents for Application Load Balancers"},
		{name: "desync monitor", m: kv("meething:desyncMitigationMode", "monitor"), key: "meething:desyncMitigationMode", value: "monitor", rule: "must be defensive or strictest"},
		{name: "desync capitalised", m: kv("meething:desyncMitigationMode", "Defensive"), key: "meething:desyncMitigationMode", value: "Defensive", rule: "must be defensive or strictest"},
		{name: "idle timeout 0", m: kv("meething:idleTimeout", "0"), key: "meething:idleTimeout", value: "0", rule: "must be 1 to 4000 seconds"},
		{name: "idle timeout 4001", m: kv("meething:idleTimeout", "4001"), key: "meething:idleTimeout", value: "4001", rule: "must be 1 to 4000 seconds"},
		{name: "idle timeout negative", m: kv("meething:idleTimeout", "-60"), key: "meething:idleTimeout", value: "-60", rule: "must be 1 to 4000 seconds"},

		// meething:services: the list
		{name: "no services", m: kv("meething:services", "[]"), key: "meething:services", value: "[]", rule: "must list at least one service"},
		{name: "services null", m: kv("meething:services", "null"), key: "meething:services", value: "null", rule: "is empty; want a list of services, each an object with at least a name, or leave the key out for api, config and chat"},
		{name: "101 services", m: services(many...), key: "meething:services", value: "101 services", rule: "exceeds the load balancer's quota of 100 listener rules"},

		// service names
		{name: "service name uppercase", m: services(`{"name":"API"}`), key: "meething:services[0].name", value: "API", rule: "is not a DNS label"},
		{name: "service name leading hyphen", m: services(`{"name":"-x"}`), key: "meething:services[0].name", value: "-x", rule: "is not a DNS label"},
		{name: "service name trailing hyphen", m: services(`{"name":"x-"}`), key: "meething:services[0].name", value: "x-", rule: "is not a DNS label"},
		{name: "service name underscore", m: services(`{"name":"a_b"}`), key: "meething:services[0].name", value: "a_b", rule: "is not a DNS label: 1 to 63 lowercase letters, digits and inner hyphens"},
		{name: "service name with dot", m: services(`{"name":"a.b"}`), key: "meething:services[0].name", value: "a.b", rule: "is not a DNS label"},
		{name: "service name missing", m: services(`{"port":8080}`), key: "meething:services[0].name", value: "", rule: "is not a DNS label"},
		{name: "service name 64 characters", m: services(`{"name":"` + long('a', 64) + `"}`), key: "meething:services[0].name", value: long('a', 64), rule: "is not a DNS label"},
		{name: "service name duplicate", m: services(`{"name":"api"}`, `{"name":"chat"}`, `{"name":"api"}`), key: "meething:services[2].name", value: "api", rule: "is already the name of meething:services[0]"},

		{name: "subnet overrides overlap while zones are looked up", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"172.31.0.0/20","ap-northeast-2b":"172.31.8.0/24"}`), key: "meething:subnetCidrs", value: "ap-northeast-2a=172.31.0.0/20,ap-northeast-2b=172.31.8.0/24", rule: "has overlapping blocks: 172.31.0.0/20 (ap-northeast-2a) overlaps 172.31.8.0/24 (ap-northeast-2b)"},
		{name: "zone of a region whose name extends the configured one", m: kv("aws:region", "ap-northeast-2", "meething:availabilityZones", `["ap-northeast-2a","ap-northeast-20a"]`), key: "meething:availabilityZones[1]", value: "ap-northeast-20a", rule: `is not in the region aws:region "ap-northeast-2"`},

		{name: "service name too long for its target group", m: services(`{"name":"notifications-api"}`), key: "meething:services[0].name", value: "notifications-api", rule: "is longer than 15 characters: its target group's generated name, meething-notifications-api plus 8 random characters, must fit AWS's 32"},

		{name: "extra host the certificate does not cover", m: services(`{"name":"api","hosts":["api.v2.meething.net"]}`), key: "meething:services[0].hosts[0]", value: "api.v2.meething.net", rule: "is not covered by the certificates (*.meething.net, meething.net): add it to meething:certificateNames or meething:extraCertificates"},
		{name: "extra host in another domain", m: services(`{"name":"api","hosts":["api.example.com"]}`), key: "meething:services[0].hosts[0]", value: "api.example.com", rule: "is not covered by the certificate"},
		{name: "tag key with a character AWS refuses", m: kv("meething:tags", `{"team$":"x"}`), key: "meething:tags.team$", value: "team$", rule: "must be a tag key of 1 to 128 letters"},
		{name: "tag value with a character AWS refuses", m: kv("meething:tags", `{"team":"edge!"}`), key: "meething:tags.team", value: "edge!", rule: "must be a tag value of at most 256"},
		{name: "tag key the stack sets on target groups", m: kv("meething:tags", `{"Service":"x"}`), key: "meething:tags.Service", value: "Service", rule: "is set by the stack itself"},

		// service priorities
		{name: "priority above 50000", m: services(`{"name":"api","priority":50001}`), key: "meething:services[0].priority", value: "50001", rule: "must be 1 to 50000, or left out to derive it from the name"},
		{name: "priority 0", m: services(`{"name":"api","priority":0}`), key: "meething:services[0].priority", value: "0", rule: "must be 1 to 50000, or left out to derive it from the name"},
		{name: "priority negative", m: services(`{"name":"api","priority":-1}`), key: "meething:services[0].priority", value: "-1", rule: "must be 1 to 50000"},
		{name: "priority duplicate explicit", m: services(`{"name":"a","priority":7}`, `{"name":"b","priority":7}`), key: "meething:services[1].priority", value: "7", rule: `is already the priority of service "a": set a distinct priority on one of them`},
		{name: "explicit priority collides with derived", m: services(`{"name":"api"}`, `{"name":"web","priority":`+apiPriority+`}`), key: "meething:services[1].priority", value: apiPriority, rule: `is already the priority of service "api"`},
		{name: "derived priority collides with explicit", m: services(`{"name":"web","priority":`+apiPriority+`}`, `{"name":"api"}`), key: "meething:services[1].priority", value: apiPriority, rule: `is already the priority of service "web"`},

		// service hosts
		{name: "six hosts", m: services(`{"name":"api","hosts":["a.meething.net","b.meething.net","c.meething.net","d.meething.net","e.meething.net"]}`), key: "meething:services[0].hosts", value: "a.meething.net,b.meething.net,c.meething.net,d.meething.net,e.meething.net", rule: "gives 6 hosts with api.meething.net: a rule matches at most 5"},
		{name: "host with space", m: services(`{"name":"api","hosts":["bad host.example.com"]}`), key: "meething:services[0].hosts[0]", value: "bad host.example.com", rule: "is not a host-header value"},
		{name: "host without dot", m: services(`{"name":"api","hosts":["www.meething.net","localhost"]}`), key: "meething:services[0].hosts[1]", value: "localhost", rule: "is not a host-header value"},
		{name: "host numeric TLD", m: services(`{"name":"api","hosts":["example.123"]}`), key: "meething:services[0].hosts[0]", value: "example.123", rule: "is not a host-header value"},
		{name: "host empty", m: services(`{"name":"api","hosts":[""]}`), key: "meething:services[0].hosts[0]", value: "", rule: "is not a host-header value"},
		{name: "host too long", m: services(`{"name":"api","hosts":["` + long('a', 125) + `.com"]}`), key: "meething:services[0].hosts[0]", value: long('a', 125) + ".com", rule: "1 to 128 characters"},
		{name: "host duplicate across services", m: services(`{"name":"api","hosts":["www.meething.net"]}`, `{"name":"web","hosts":["WWW.meething.net"]}`), key: "meething:services[1].hosts[0]", value: "WWW.meething.net", rule: `is already routed to service "api"`},
		{name: "host is another service's primary host", m: services(`{"name":"api"}`, `{"name":"web","hosts":["api.meething.net"]}`), key: "meething:services[1].hosts[0]", value: "api.meething.net", rule: `is already routed to service "api"`},
		{name: "host repeats own primary host", m: services(`{"name":"api","hosts":["api.meething.net"]}`), key: "meething:services[0].hosts[0]", value: "api.meething.net", rule: `is already routed to service "api"`},

		// target groups
		{name: "port 0", m: services(`{"name":"api","port":0}`), key: "meething:services[0].port", value: "0", rule: "must be 1 to 65535"},
		{name: "port 65536", m: services(`{"name":"api","port":65536}`), key: "meething:services[0].port", value: "65536", rule: "must be 1 to 65535"},
		{name: "protocol TCP", m: services(`{"name":"api","protocol":"TCP"}`), key: "meething:services[0].protocol", value: "TCP", rule: "must be HTTP or HTTPS"},
		{name: "protocol lowercase", m: services(`{"name":"api","protocol":"http"}`), key: "meething:services[0].protocol", value: "http", rule: "must be HTTP or HTTPS"},
		{name: "health check path without slash", m: services(`{"name":"api","healthCheck":{"path":"health"}}`), key: "meething:services[0].healthCheck.path", value: "health", rule: "must start with /"},
		{name: "health check path empty", m: services(`{"name":"api","healthCheck":{"path":""}}`), key: "meething:services[0].healthCheck.path", value: "", rule: "must start with /"},
		{name: "health check path too long", m: services(`{"name":"api","healthCheck":{"path":"/` + long('p', 1024) + `"}}`), key: "meething:services[0].healthCheck.path", value: "/" + long('p', 1024), rule: "at most 1024 characters"},
		{name: "matcher 600", m: services(`{"name":"api","healthCheck":{"matcher":"600"}}`), key: "meething:services[0].healthCheck.matcher", value: "600", rule: "must be HTTP codes from 200 to 499"},
		{name: "matcher 199", m: services(`{"name":"api","healthCheck":{"matcher":"199"}}`), key: "meething:services[0].healthCheck.matcher", value: "199", rule: "must be HTTP codes from 200 to 499"},
		{name: "matcher abc", m: services(`{"name":"api","healthCheck":{"matcher":"abc"}}`), key: "meething:services[0].healthCheck.matcher", value: "abc", rule: "must be HTTP codes from 200 to 499"},
		{name: "matcher reversed range", m: services(`{"name":"api","healthCheck":{"matcher":"300-200"}}`), key: "meething:services[0].healthCheck.matcher", value: "300-200", rule: "as 200, 200,202 or 200-299"},
		{name: "matcher range end 500", m: services(`{"name":"api","healthCheck":{"matcher":"200-500"}}`), key: "meething:services[0].healthCheck.matcher", value: "200-500", rule: "must be HTTP codes from 200 to 499"},
		{name: "matcher list with space", m: services(`{"name":"api","healthCheck":{"matcher":"200, 202"}}`), key: "meething:services[0].healthCheck.matcher", value: "200, 202", rule: "must be HTTP codes from 200 to 499"},
		{name: "matcher empty", m: services(`{"name":"api","healthCheck":{"matcher":""}}`), key: "meething:services[0].healthCheck.matcher", value: "", rule: "must be HTTP codes from 200 to 499"},
		{name: "interval 4", m: services(`{"name":"api","healthCheck":{"interval":4}}`), key: "meething:services[0].healthCheck.interval", value: "4", rule: "must be 5 to 300 seconds"},
		{name: "interval 301", m: services(`{"name":"api","healthCheck":{"interval":301}}`), key: "meething:services[0].healthCheck.interval", value: "301", rule: "must be 5 to 300 seconds"},
		{name: "timeout 1", m: services(`{"name":"api","healthCheck":{"timeout":1}}`), key: "meething:services[0].healthCheck.timeout", value: "1", rule: "must be 2 to 120 seconds"},
		{name: "timeout 121", m: services(`{"name":"api","healthCheck":{"interval":300,"timeout":121}}`), key: "meething:services[0].healthCheck.timeout", value: "121", rule: "must be 2 to 120 seconds"},
		{name: "timeout equal to interval", m: services(`{"name":"api","healthCheck":{"interval":10,"timeout":10}}`), key: "meething:services[0].healthCheck.timeout", value: "10", rule: "must be less than the interval (10 seconds)"},
		{name: "timeout above default interval", m: services(`{"name":"api","healthCheck":{"timeout":20}}`), key: "meething:services[0].healthCheck.timeout", value: "20", rule: "must be less than the interval (15 seconds)"},
		{name: "healthy threshold 1", m: services(`{"name":"api","healthCheck":{"healthyThreshold":1}}`), key: "meething:services[0].healthCheck.healthyThreshold", value: "1", rule: "must be 2 to 10"},
		{name: "healthy threshold 11", m: services(`{"name":"api","healthCheck":{"healthyThreshold":11}}`), key: "meething:services[0].healthCheck.healthyThreshold", value: "11", rule: "must be 2 to 10"},
		{name: "unhealthy threshold 1", m: services(`{"name":"api","healthCheck":{"unhealthyThreshold":1}}`), key: "meething:services[0].healthCheck.unhealthyThreshold", value: "1", rule: "must be 2 to 10"},
		{name: "unhealthy threshold 11", m: services(`{"name":"api","healthCheck":{"unhealthyThreshold":11}}`), key: "meething:services[0].healthCheck.unhealthyThreshold", value: "11", rule: "must be 2 to 10"},
		{name: "deregistration delay -1", m: services(`{"name":"api","deregistrationDelay":-1}`), key: "meething:services[0].deregistrationDelay", value: "-1", rule: "must be 0 to 3600 seconds"},
		{name: "deregistration delay 3601", m: services(`{"name":"api","deregistrationDelay":3601}`), key: "meething:services[0].deregistrationDelay", value: "3601", rule: "must be 0 to 3600 seconds"},

		// targets
		{name: "target short instance ID", m: services(`{"name":"api","targets":["i-123"]}`), key: "meething:services[0].targets[0]", value: "i-123", rule: "is neither an EC2 instance ID (i- and 8 or 17 hex digits) nor an IPv4 address"},
		{name: "target uppercase instance ID", m: services(`{"name":"api","targets":["i-0123456789ABCDEF0"]}`), key: "meething:services[0].targets[0]", value: "i-0123456789ABCDEF0", rule: "is neither an EC2 instance ID"},
		{name: "target IPv6", m: services(`{"name":"api","targets":["fd00::1"]}`), key: "meething:services[0].targets[0]", value: "fd00::1", rule: "is neither an EC2 instance ID"},
		{name: "target CIDR", m: services(`{"name":"api","targets":["172.31.0.10/32"]}`), key: "meething:services[0].targets[0]", value: "172.31.0.10/32", rule: "is neither an EC2 instance ID"},
		{name: "target host name", m: services(`{"name":"api","targets":["web1.internal"]}`), key: "meething:services[0].targets[0]", value: "web1.internal", rule: "is neither an EC2 instance ID"},
		{name: "target IP outside the VPC", m: services(`{"name":"api","targetType":"ip","targets":["172.31.0.10","10.0.0.5"]}`), key: "meething:services[0].targets[1]", value: "10.0.0.5", rule: `is not inside meething:vpcCidr "172.31.0.0/16": IP targets must be in the VPC`},
		{name: "IP target of the default instance type", m: services(`{"name":"api","targets":["i-0123456789abcdef0","172.31.0.10"]}`), key: "meething:services[0].targets[1]", value: "172.31.0.10", rule: "is an IP address, but meething:services[0].targetType is instance: a group registers targets of its one type (set targetType: ip for IP targets)"},
		{name: "instance target of an ip group", m: services(`{"name":"api","targetType":"ip","targets":["172.31.0.10","i-01234567"]}`), key: "meething:services[0].targets[1]", value: "i-01234567", rule: "is an EC2 instance ID, but meething:services[0].targetType is ip"},
		{name: "target type unknown", m: services(`{"name":"api","targetType":"lambda"}`), key: "meething:services[0].targetType", value: "lambda", rule: "must be instance (EC2 instance IDs) or ip (IPv4 addresses, as ECS tasks in awsvpc mode register)"},
		{name: "further group's target of another type than the service's", m: services(`{"name":"api","targetType":"ip","targetGroups":[{"name":"green","targets":["i-01234567"]}]}`), key: "meething:services[0].targetGroups[0].targets[0]", value: "i-01234567", rule: "is an EC2 instance ID, but meething:services[0].targetGroups[0].targetType is ip"},
		{name: "target IP duplicate", m: services(`{"name":"api","targetType":"ip","targets":["172.31.0.10","172.31.0.11","172.31.0.10"]}`), key: "meething:services[0].targets[2]", value: "172.31.0.10", rule: "is listed twice"},
		{name: "target instance duplicate", m: services(`{"name":"api","targets":["i-01234567","i-01234567"]}`), key: "meething:services[0].targets[1]", value: "i-01234567", rule: "is listed twice"},

		// meething:tags
		{name: "tag key reserved Name", m: kv("meething:tags", `{"Name":"edge"}`), key: "meething:tags.Name", value: "Name", rule: "is set by the stack itself"},
		{name: "tag key reserved ManagedBy", m: kv("meething:tags", `{"ManagedBy":"me"}`), key: "meething:tags.ManagedBy", value: "ManagedBy", rule: "is set by the stack itself: reserved keys are Project, Stack, Component, ManagedBy, Name"},
		{name: "tag key aws prefix", m: kv("meething:tags", `{"aws:cloudformation:stack-name":"x"}`), key: "meething:tags.aws:cloudformation:stack-name", value: "aws:cloudformation:stack-name", rule: "uses the reserved prefix aws:"},
		{name: "tag key AWS prefix", m: kv("meething:tags", `{"AWS:team":"x"}`), key: "meething:tags.AWS:team", value: "AWS:team", rule: "uses the reserved prefix aws:"},
		{name: "tag key too long", m: kv("meething:tags", `{"`+long('k', 129)+`":"x"}`), key: "meething:tags." + long('k', 129), value: long('k', 129), rule: "must be a tag key of 1 to 128 letters, digits"},
		{name: "tag key empty", m: kv("meething:tags", `{"":"x"}`), key: "meething:tags.", value: "", rule: "must be a tag key of 1 to 128 letters, digits"},
		{name: "tag value too long", m: kv("meething:tags", `{"team":"`+long('v', 257)+`"}`), key: "meething:tags.team", value: long('v', 257), rule: "must be a tag value of at most 256 letters"},
	}
}

// TestValidateRules: each case is rejected with its rule, at its key, and
// with no problem but the follow-ons it names; the adoption keys' cases
// (adoption_test.go) and the load balancer's (loadbalancer_checks_test.go) too.
func TestValidateRules(t *testing.T) {
	for _, tc := range append(append(append(validateCases(), adoptionCases()...), loadBalancerCases()...), refusalCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(tc.m)
			assert.Nil(t, cfg)
			ps := problemsOf(t, err)
			p := findProblem(t, ps, tc.key, tc.value)
			assert.Contains(t, p.Rule, tc.rule)
			if tc.rule2 != "" {
				assert.Contains(t, p.Rule, tc.rule2)
			}
			allowed := append([]string{tc.key}, tc.also...)
			for _, other := range ps {
				assert.Contains(t, allowed, other.Key, "unexpected extra problem %s", other)
			}
			for _, k := range tc.also {
				found := false
				for _, other := range ps {
					found = found || other.Key == k
				}
				assert.True(t, found, "expected a follow-on problem at %s in %v", k, err)
			}
			assert.Contains(t, err.Error(), tc.key+": "+quoteValue(tc.value)+" "+p.Rule)
		})
	}
}

// Values at the edge of every range are accepted.
func TestValidateBoundariesAccepted(t *testing.T) {
	var hundred []string
	for i := 0; i < MaxListenerRules; i++ {
		hundred = append(hundred, fmt.Sprintf(`{"name":"s%d","priority":%d}`, i, i+1))
	}
	tests := []struct {
		name string
		m    map[string]string
	}{
		{name: "domain of 62 characters", m: kv("meething:domain", strings.Repeat("a", 58)+".net")},
		{name: "domain with hyphen and digits", m: kv("meething:domain", "edge-1.meething2.net")},
		{name: "zone ID of 32 characters", m: kv("meething:existingZoneId", "Z"+strings.Repeat("A", 31))},
		{name: "zone name equal to domain", m: kv("meething:existingZoneName", "meething.net")},
		{name: "VPC /16 in 10/8", m: kv("meething:vpcCidr", "10.255.0.0/16")},
		{name: "VPC in 192.168/16", m: kv("meething:vpcCidr", "192.168.0.0/16", "meething:subnetPrefixLength", "27")},
		{name: "VPC at 172.16/12 edge", m: kv("meething:vpcCidr", "172.16.0.0/16")},
		{name: "VPC /24 with /26 subnets in zones a to d", m: kv("meething:vpcCidr", "10.0.0.0/24", "meething:subnetPrefixLength", "26", "meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2b","ap-northeast-2c","ap-northeast-2d"]`)},
		{name: "subnet count ignored when zones are named", m: kv("aws:region", "eu-west-1", "meething:subnetCount", "1", "meething:availabilityZones", `["eu-west-1a","eu-west-1b"]`)},
		{name: "protected stack that names its zones", m: kv("meething:protect", "true", "meething:availabilityZones", `["ap-northeast-2a","ap-northeast-2b"]`)},
		{name: "protected stack in an adopted VPC", m: kv("meething:protect", "true", "meething:existingVpcId", "default")},
		{name: "subnet count 2", m: kv("meething:subnetCount", "2")},
		{name: "subnet CIDR of /27", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"172.31.255.224/27"}`)},
		{name: "subnet CIDR equal to the VPC with no zones named", m: kv("meething:subnetCidrs", `{"ap-northeast-2a":"172.31.0.0/16"}`)},
		{name: "zones of the stack's region", m: kv("aws:region", "sa-east-1", "meething:availabilityZones", `["sa-east-1a","sa-east-1c"]`)},
		{name: "idle timeout 1", m: kv("meething:idleTimeout", "1")},
		{name: "idle timeout 4000", m: kv("meething:idleTimeout", "4000")},
		{name: "desync strictest", m: kv("meething:desyncMitigationMode", "strictest")},
		{name: "100 services", m: services(hundred...)},
		{name: "priorities 1 and 50000", m: services(`{"name":"a","priority":1}`, `{"name":"b","priority":50000}`)},
		{name: "five hosts", m: services(`{"name":"api","hosts":["a.meething.net","b.meething.net","c.meething.net","*.meething.net"]}`)},
		{name: "host of 128 characters", m: kv("meething:certificateNames", `["`+strings.Repeat("a", 50)+`.`+strings.Repeat("b", 63)+`.meething.net"]`, "meething:services", `[{"name":"api","hosts":["`+strings.Repeat("a", 50)+`.`+strings.Repeat("b", 63)+`.meething.net"]}]`)},
		{name: "service name of 15 characters", m: services(`{"name":"` + strings.Repeat("a", 15) + `"}`)},
		{name: "service name of one character", m: services(`{"name":"a"}`)},
		{name: "ports 1 and 65535", m: services(`{"name":"a","port":1}`, `{"name":"b","port":65535,"protocol":"HTTPS"}`)},
		{name: "health check minimums", m: services(`{"name":"api","healthCheck":{"interval":5,"timeout":2,"healthyThreshold":2,"unhealthyThreshold":2}}`)},
		{name: "health check maximums", m: services(`{"name":"api","healthCheck":{"interval":300,"timeout":120,"healthyThreshold":10,"unhealthyThreshold":10}}`)},
		{name: "matchers", m: services(`{"name":"a","healthCheck":{"matcher":"200"}}`, `{"name":"b","healthCheck":{"matcher":"200,202,300-399"}}`, `{"name":"c","healthCheck":{"matcher":"499"}}`)},
		{name: "health check path of 1024 characters", m: services(`{"name":"api","healthCheck":{"path":"/` + strings.Repeat("p", 1023) + `"}}`)},
		{name: "deregistration delay 0 and 3600", m: services(`{"name":"a","deregistrationDelay":0}`, `{"name":"b","deregistrationDelay":3600}`)},
		{name: "same target in two services", m: services(`{"name":"a","targetType":"ip","targets":["172.31.0.10"]}`, `{"name":"b","targetType":"ip","targets":["172.31.0.10"]}`)},
		{name: "ip group with no targets (registered outside the stack, ECS tasks)", m: services(`{"name":"a","targetType":"ip"}`)},
		{name: "further group of its own type", m: services(`{"name":"a","targets":["i-01234567"],"targetGroups":[{"name":"green","targetType":"ip","targets":["172.31.0.10"]}]}`)},
		{name: "tag key of 128 characters and value of 256", m: kv("meething:tags", `{"`+strings.Repeat("k", 128)+`":"`+strings.Repeat("v", 256)+`"}`)},
		{name: "tag with empty value", m: kv("meething:tags", `{"team":""}`)},
		{name: "ten certificate names", m: kv("meething:certificateNames", `["a.meething.net","b.meething.net","c.meething.net","d.meething.net","e.meething.net","f.meething.net","g.meething.net","*.api.meething.net"]`)},
	}
	for _, policy := range SslPolicies {
		tests = append(tests, struct {
			name string
			m    map[string]string
		}{name: "policy " + policy, m: kv("meething:sslPolicy", policy)})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(tc.m)
			require.NoError(t, err)
			require.NotNil(t, cfg)
		})
	}
}

// Independent problems in one configuration are all reported at once.
func TestValidateReportsEveryProblem(t *testing.T) {
	cfg, err := parse(kv(
		"meething:domain", "bad..domain",
		"meething:vpcCidr", "8.8.0.0/16",
		"meething:idleTimeout", "0",
	))
	assert.Nil(t, cfg)
	ps := problemsOf(t, err)
	require.Len(t, ps, 3, "%v", err)
	assert.Equal(t, Problem{Key: "meething:domain", Value: "bad..domain", Rule: ps[0].Rule}, ps[0])
	assert.Equal(t, Problem{Key: "meething:vpcCidr", Value: "8.8.0.0/16", Rule: ps[1].Rule}, ps[1])
	assert.Equal(t, Problem{Key: "meething:idleTimeout", Value: "0", Rule: ps[2].Rule}, ps[2])
	assert.Contains(t, ps[0].Rule, "is not a DNS name")
	assert.Contains(t, ps[1].Rule, "is not private")
	assert.Contains(t, ps[2].Rule, "must be 1 to 4000 seconds")

	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, "invalid stack configuration (3 problems):"), msg)
	assert.Contains(t, msg, `meething:domain: "bad..domain" is not a DNS name`)
	assert.Contains(t, msg, `meething:vpcCidr: "8.8.0.0/16" is not private`)
	assert.Contains(t, msg, `meething:idleTimeout: "0" must be 1 to 4000 seconds`)
	assert.Len(t, strings.Split(msg, "\n  - "), 4, "one line per problem: %s", msg)
}

func TestValidateReportsProblemsAcrossSections(t *testing.T) {
	_, err := parse(kv(
		"meething:existingZoneId", "zone",
		"meething:subnetPrefixLength", "30",
		"meething:sslPolicy", "TLS10",
		"meething:services", `[{"name":"api","port":0,"healthCheck":{"matcher":"600"}},{"name":"a_b"}]`,
		"meething:tags", `{"Stack":"x","aws:y":"z"}`,
	))
	ps := problemsOf(t, err)
	keys := make([]string, len(ps))
	for i, p := range ps {
		keys[i] = p.Key
	}
	assert.Equal(t, []string{
		"meething:existingZoneId",
		"meething:subnetPrefixLength",
		"meething:sslPolicy",
		"meething:services[0].port",
		"meething:services[0].healthCheck.matcher",
		"meething:services[1].name",
		"meething:tags.Stack",
		"meething:tags.aws:y",
	}, keys)
}

func TestErrorString(t *testing.T) {
	one := &Error{Problems: []Problem{{Key: "meething:idleTimeout", Value: "0", Rule: "must be 1 to 4000 seconds"}}}
	assert.Equal(t, "invalid stack configuration (1 problem):\n  - meething:idleTimeout: \"0\" must be 1 to 4000 seconds", one.Error())

	two := &Error{Problems: []Problem{
		{Key: "meething:domain", Value: "a\"b", Rule: "is not a DNS name"},
		{Key: "meething:tags.x", Value: "", Rule: "r"},
	}}
	assert.Equal(t, "invalid stack configuration (2 problems):\n  - meething:domain: 'a\"b' is not a DNS name\n  - meething:tags.x: \"\" r", two.Error(), "nothing escaped")

	lists := &Error{Problems: []Problem{{Key: "meething:subnetCidrs", Value: `["10.0.0.0/24"]`, Rule: "is a list"}, {Key: "meething:tags", Value: `{"a"`, Rule: "is text"}}}
	assert.Equal(t, "invalid stack configuration (2 problems):\n  - meething:subnetCidrs: [\"10.0.0.0/24\"] is a list\n  - meething:tags: '{\"a\"' is text", lists.Error(), "a list or an object bare; text that is no JSON quoted")
}
