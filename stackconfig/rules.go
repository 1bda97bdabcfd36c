package stackconfig

import (
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
)

// componentName is the logical name of the stack's components, the first
// part of every resource's.
const componentName = identity.StackName

// The TLS policies live here and only here (the default, DefaultSslPolicy,
// is one of them; Pulumi.yaml and the docs are generated from or point
// here), copied from SslPolicySource's "Protocols by policy" table: the
// 2021-06 TLS 1.3 policies, the FIPS-2023-04, post-quantum PQ-2025-09
// (FIPS-PQ included) and RFC 9151 (CNSA 1.0) RFC9151-FIPS-2023-07
// families, and the TLS 1.2-only ones. Those that still allow TLS 1.0 or
// 1.1 are OldTLSPolicies, refused (Security Hub ELB.17). A policy AWS adds
// later is refused as unknown until it is added here.

// SslPolicySource is "Security policies for your Application Load
// Balancer" (Elastic Load Balancing, Application Load Balancers user guide).
var SslPolicySource = Source{URL: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html", Read: "2026-12"}

// SslPolicies are the policies the HTTPS listener accepts (ELB.17): every
// one AWS documents for Application Load Balancers that negotiates TLS 1.2
// or later; TLS13Policies, then the TLS 1.2-only ones, a knowing choice.
var SslPolicies = append(append([]string(nil), TLS13Policies...), TLS12OnlyPolicies...)

// TLS12OnlyPolicies negotiate TLS 1.2 and nothing else.
var TLS12OnlyPolicies = []string{
	"ELBSecurityPolicy-TLS-1-2-2017-01",
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
	"ELBSecurityPolicy-FS-1-2-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2020-10",
}

// OldTLSPolicies are the documented policies that still allow TLS 1.0 or
// 1.1, named so that the message says why they are refused.
var OldTLSPolicies = []string{
	"ELBSecurityPolicy-2016-08",
	"ELBSecurityPolicy-2015-05",
	"ELBSecurityPolicy-TLS-1-0-2015-04",
	"ELBSecurityPolicy-TLS-1-1-2017-01",
	"ELBSecurityPolicy-FS-2018-06",
	"ELBSecurityPolicy-FS-1-1-2019-08",
	"ELBSecurityPolicy-TLS13-1-0-2021-06",
	"ELBSecurityPolicy-TLS13-1-1-2021-06",
	"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09",
}

// TLS13Policies negotiate TLS 1.3, and TLS 1.2 unless named 1-3.
var TLS13Policies = []string{
	"ELBSecurityPolicy-TLS13-1-2-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07",
	"ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07",
	"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07",
	"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07",
	"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07",
	"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07",
}

// Limits from AWS's quotas and API validation.
const (
	MaxListenerRules    = DefaultRulesPerLoadBalancer // rules per ALB, excluding default rules (a service has one), unless meething:quotas raises it
	MaxHostsPerRule     = 5                           // condition values per rule
	MaxCommonNameLength = 64                          // ACM's limit on the certificate's first name
	MaxHostHeaderLength = 128
	// MaxConditionWildcards is "Condition wildcards per rule: 5", not
	// adjustable (ELB user guide, Quotas for your Application Load
	// Balancers: Rules); the wildcards are * and ? in every condition's
	// values: hosts, paths, header values and query strings.
	MaxConditionWildcards = 5
	MinALBSubnetPrefix    = 27 // an ALB subnet needs at least 8 free addresses
	MinVpcPrefix          = 16
	MaxVpcPrefix          = 28
	MaxResourceTagLength  = 128
	// MaxServiceNameLength keeps a target group's auto-generated name,
	// <stack component>-<service> and "-" plus 7 random characters, within
	// AWS's 32 (the provider's schema of aws_lb_target_group name).
	MaxServiceNameLength = 32 - len(componentName+"-") - len("-1234567")
	MaxTagValueLength    = 256
)

var (
	dnsLabel       = lazy(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	topLevelDomain = lazy(`^[a-z]{2,63}$`)
	// Host-header values: "A-Z, a-z, 0-9, - . * (matches 0 or more
	// characters) ? (matches exactly 1 character). Must include at least
	// one "." character. Can include only alphabetical characters after the
	// final "." character." (Elastic Load Balancing, Application Load
	// Balancers user guide, Listener rules: Host conditions.)
	hostHeader    = lazy(`^[A-Za-z0-9.*?-]+$`)
	hostHeaderTLD = lazy(`\.[A-Za-z]+$`)
	instanceID    = lazy(`^` + identity.EC2ID("i") + `$`)
	zoneID        = lazy(`^Z[A-Z0-9]{1,31}$`)
	azName        = lazy(`^[a-z]{2}(-[a-z]+)+-[0-9]+(-[a-z]+-[0-9]+)?[a-z]$`)
	statusMatcher = lazy(`^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$`)
)

// isDNSName reports whether s is a lowercase fully qualified domain name
// without a trailing dot: labels of letters, digits and inner hyphens, at least
// two of them, a top-level domain of letters, at most 253 characters.
func isDNSName(s string) bool {
	if len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 || !topLevelDomain.MatchString(labels[len(labels)-1]) {
		return false
	}
	for _, l := range labels {
		if !dnsLabel.MatchString(l) {
			return false
		}
	}
	return true
}

// isCertificateName reports whether s is a DNS name, optionally with a
// wildcard as its whole leftmost label (*.example.com).
func isCertificateName(s string) bool {
	return isDNSName(strings.TrimPrefix(s, "*."))
}

// isHostHeader reports whether s is a value an ALB host-header condition
// accepts.
func isHostHeader(s string) bool {
	return len(s) >= 1 && len(s) <= MaxHostHeaderLength &&
		hostHeader.MatchString(s) && strings.Contains(s, ".") && hostHeaderTLD.MatchString(s)
}

func isInstanceID(s string) bool { return instanceID.MatchString(s) }

// isStatusMatcher reports whether s lists HTTP codes or ranges within 200-499.
func isStatusMatcher(s string) bool {
	if !statusMatcher.MatchString(s) {
		return false
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if lo < "200" || lo > "499" || (isRange && (hi < "200" || hi > "499" || hi < lo)) {
			return false
		}
	}
	return true
}
