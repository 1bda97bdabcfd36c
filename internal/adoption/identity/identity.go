// Package identity is how the stack identifies what it adopts, the
// vocabulary config validation and the components share: the import key of a resource (Key), the AWS ID each
// importable type takes (Types, CheckID), the record sets the stack writes
// into zones it does not own (Record, AliasRecordSets), the record sets a zone
// holds (Existing, NormalizeName) and the owner record's name.
//
// It sits beneath the adoption package, which does the adopting, because
// stackconfig (checking meething:import's IDs) and dns (writing the records)
// use it and adoption uses them. It imports no Pulumi package.
package identity

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// StackName is the logical name every component of the stack has, and the
// prefix of every resource's logical name.
const StackName = "meething"

// Key returns the import key of the resource of type token typ ("aws:lb/
// targetGroup:TargetGroup") and logical name ("meething-api"): the type's
// short name, then "/" and the name without the stack's prefix when there is
// one left ("targetGroup/api"). Logical names are unique per type, so keys
// are unique in the stack; they never depend on a position in a list.
func Key(typ, name string) string {
	short := typ
	if i := strings.LastIndex(typ, ":"); i >= 0 {
		short = typ[i+1:]
	}
	if short != "" {
		short = strings.ToLower(short[:1]) + short[1:]
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(name, StackName), "-")
	if rest == "" {
		return short
	}
	return short + "/" + rest
}

// Kind returns the short type of a key: "targetGroup" for "targetGroup/api".
func Kind(key string) string {
	kind, _, _ := strings.Cut(key, "/")
	return kind
}

// Types are the resource types that can be imported, by the short name keys
// start with, with the AWS ID each is imported by.
var Types = map[string]IDFormat{
	"vpc":                      {"aws:ec2/vpc:Vpc", EC2ID("vpc"), "vpc-0123456789abcdef0"},
	"subnet":                   {"aws:ec2/subnet:Subnet", EC2ID("subnet"), "subnet-0123456789abcdef0"},
	"internetGateway":          {"aws:ec2/internetGateway:InternetGateway", EC2ID("igw"), "igw-0123456789abcdef0"},
	"routeTable":               {"aws:ec2/routeTable:RouteTable", EC2ID("rtb"), "rtb-0123456789abcdef0"},
	"route":                    {"aws:ec2/route:Route", EC2ID("rtb") + `_(0\.0\.0\.0/0|::/0)`, "rtb-0123456789abcdef0_0.0.0.0/0"},
	"routeTableAssociation":    {"aws:ec2/routeTableAssociation:RouteTableAssociation", EC2ID("subnet") + "/" + EC2ID("rtb"), "subnet-0123456789abcdef0/rtb-0123456789abcdef0"},
	"securityGroup":            {"aws:ec2/securityGroup:SecurityGroup", EC2ID("sg"), "sg-0123456789abcdef0"},
	"securityGroupIngressRule": {"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", EC2ID("sgr"), "sgr-0123456789abcdef0"},
	"securityGroupEgressRule":  {"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", EC2ID("sgr"), "sgr-0123456789abcdef0"},
	"loadBalancer":             {"aws:lb/loadBalancer:LoadBalancer", arn(`loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}`), "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/meething/0123456789abcdef"},
	"listener":                 {"aws:lb/listener:Listener", arn(`listener/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}/[0-9a-f]{16}`), "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/meething/0123456789abcdef/0123456789abcdef"},
	"listenerRule":             {"aws:lb/listenerRule:ListenerRule", arn(`listener-rule/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}/[0-9a-f]{16}/[0-9a-f]{16}`), "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener-rule/app/meething/0123456789abcdef/0123456789abcdef/0123456789abcdef"},
	"targetGroup":              {"aws:lb/targetGroup:TargetGroup", arn(`targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}`), "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/meething-api/0123456789abcdef"},
	"certificate":              {"aws:acm/certificate:Certificate", `arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}`, "arn:aws:acm:ap-northeast-2:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"},
	"zone":                     {"aws:route53/zone:Zone", `Z[A-Z0-9]{1,31}`, "Z0123456789ABCDEFGHIJ"},
	"record":                   {"aws:route53/record:Record", `Z[A-Z0-9]{1,31}_[A-Za-z0-9_.*\\-]+_(A|AAAA|CNAME|NS|TXT)`, "Z0123456789ABCDEFGHIJ_*.meething.net_A"},
}

// EC2ID is the shape of the ID of an EC2 resource whose IDs start with
// prefix: the prefix, a hyphen and 8 or 17 lowercase hexadecimal digits, the
// 8 of resources made before the longer IDs
// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
func EC2ID(prefix string) string {
	return prefix + `-(?:[0-9a-f]{8}|[0-9a-f]{17})`
}

func arn(resource string) string {
	return `arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:` + resource
}

// IDFormat is how a type's import ID looks.
type IDFormat struct {
	// Type is the Pulumi type token.
	Type string
	// Pattern is the ID's shape, anchored when checked.
	Pattern string
	// Example is an ID of that shape, for error messages and the README.
	Example string
}

// compiled returns Types' patterns compiled and anchored, by kind; they are
// compiled on the first CheckID, not at start: only a stack that imports
// resources needs them (compiling all cost each process about 1 ms).
var compiled = sync.OnceValue(func() map[string]*regexp.Regexp {
	out := make(map[string]*regexp.Regexp, len(Types))
	for kind, f := range Types {
		out[kind] = regexp.MustCompile(`^` + f.Pattern + `$`)
	}
	return out
})

// CheckID returns why id cannot be the import ID of the resource keyed key,
// or "" when it can.
func CheckID(key, id string) string {
	kind := Kind(key)
	f, ok := Types[kind]
	if !ok {
		return ""
	}
	if !compiled()[kind].MatchString(id) {
		return fmt.Sprintf("is not the ID of a %s: it looks like %s", kind, f.Example)
	}
	return ""
}

// Importable reports whether resources of type token typ can be imported.
func Importable(typ string) bool {
	for _, f := range Types {
		if f.Type == typ {
			return true
		}
	}
	return false
}
