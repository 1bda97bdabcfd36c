package stackconfig

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// validate returns every rule cfg breaks, in key order.
// setVpcKeys are the created-VPC keys the stack file sets.
func validate(cfg *Config, setVpcKeys []string) problems {
	var ps problems
	validateDNS(cfg, &ps)
	vpc, vpcOK := validateNetwork(cfg, &ps)
	if cfg.AdoptsVpc() {
		vpcOK = false // the adopted VPC's block is known only once it is looked up
	}
	validateLoadBalancer(cfg, &ps)
	validateServices(cfg, vpc, vpcOK, &ps)
	validateRouting(cfg, vpc, vpcOK, &ps)
	validateExtraCertificates(cfg, &ps)
	validateTags(cfg, &ps)
	validateFeatures(cfg, &ps)
	validateAdoption(cfg, setVpcKeys, &ps)
	validateEdge(cfg, &ps)
	validateCutover(cfg, &ps)
	validateQuotas(cfg, &ps)
	return ps
}

func validateDNS(cfg *Config, ps *problems) {
	key := FullKey(KeyDomain)
	switch {
	case cfg.Domain == "":
		// No default: one would be production's name, and a stack file
		// that forgot the key would create a second zone of that name,
		// which every look-up by name then finds twice.
		ps.add(key, "", "is not set: say which DNS name this stack serves (prod: meething.net; any other environment: a subdomain of its own, such as dev.meething.net)")
		return
	case !isDNSName(cfg.Domain):
		ps.add(key, cfg.Domain, "is not a DNS name: lowercase labels of letters, digits and inner hyphens, at least two labels, no trailing dot")
	case len("*."+cfg.Domain) > MaxCommonNameLength:
		ps.add(key, cfg.Domain, "is too long: the certificate's name *.%s must be at most %d characters", cfg.Domain, MaxCommonNameLength)
	}

	names := map[string]bool{cfg.Domain: true, "*." + cfg.Domain: true}
	for i, n := range cfg.CertificateNames {
		k := fmt.Sprintf("%s[%d]", FullKey(KeyCertificateNames), i)
		switch {
		case !isCertificateName(n):
			ps.add(k, n, "is not a DNS name (a wildcard may only be the whole leftmost label)")
		case names[n]:
			ps.add(k, n, "is already on the certificate")
		case validationRecordRule(n) != "":
			ps.add(k, n, "%s", validationRecordRule(n))
		case !withinDomain(strings.TrimPrefix(n, "*."), cfg.Domain):
			ps.add(k, n, "is not %s %q or a name under it: its validation record must go in the stack's zone", key, cfg.Domain)
		}
		names[n] = true
	}
	if len(names) > cfg.Quotas.NamesPerCertificate {
		ps.add(FullKey(KeyCertificateNames), strings.Join(cfg.CertificateNames, ","),
			"makes %d names with *.%s and %s: ACM allows %d per certificate (%s.namesPerCertificate)", len(names), cfg.Domain, cfg.Domain, cfg.Quotas.NamesPerCertificate, FullKey(KeyQuotas))
	}

	if cfg.ExistingZoneID != "" && cfg.ExistingZoneName != "" {
		ps.add(FullKey(KeyExistingZoneName), cfg.ExistingZoneName, "cannot be set together with %s: adopt a zone by ID or by name, not both", FullKey(KeyExistingZoneID))
	}
	if cfg.ExistingZoneID != "" && !zoneID.MatchString(cfg.ExistingZoneID) {
		ps.add(FullKey(KeyExistingZoneID), cfg.ExistingZoneID, "is not a Route53 hosted zone ID (Z followed by up to 31 uppercase letters and digits)")
	}
	if z := cfg.ExistingZoneName; z != "" {
		switch {
		case !isDNSName(z):
			ps.add(FullKey(KeyExistingZoneName), z, "is not a DNS name")
		case cfg.Domain != z && !strings.HasSuffix(cfg.Domain, "."+z):
			ps.add(FullKey(KeyExistingZoneName), z, "does not contain %s %q: the zone must be the domain or a parent of it", key, cfg.Domain)
		}
	}
}

func validateLoadBalancer(cfg *Config, ps *problems) {
	if !slices.Contains(SslPolicies, cfg.SslPolicy) {
		const rule = "ELB.17 wants TLS 1.2 or later; TLS 1.3 policies are recommended"
		switch s := suggestion(cfg.SslPolicy, SslPolicies, ""); {
		case slices.Contains(OldTLSPolicies, cfg.SslPolicy):
			ps.add(FullKey(KeySslPolicy), cfg.SslPolicy, "still allows TLS 1.0 or 1.1 (%s): use %s, or another of %s", rule, DefaultSslPolicy, strings.Join(SslPolicies, ", "))
		case s != "":
			ps.add(FullKey(KeySslPolicy), cfg.SslPolicy, "is not a policy AWS documents for Application Load Balancers%s", s)
		default:
			ps.add(FullKey(KeySslPolicy), cfg.SslPolicy, "is not a policy AWS documents for Application Load Balancers with TLS 1.2 or later (%s): use one of %s", rule, strings.Join(SslPolicies, ", "))
		}
	}
	// Every other key with a declared Range or OneOf (desyncMitigationMode,
	// idleTimeout, and any added); the subnets' are checked with the
	// network (validateNetwork).
	checkDeclared(cfg, ps, KeySubnetCount, KeySubnetPrefixLength)
}

func validateServices(cfg *Config, vpc netip.Prefix, vpcOK bool, ps *problems) {
	key := FullKey(KeyServices)
	if len(cfg.Services) == 0 {
		ps.add(key, "[]", "must list at least one service")
	}
	if len(cfg.Services) > cfg.Quotas.RulesPerLoadBalancer {
		ps.add(key, fmt.Sprintf("%d services", len(cfg.Services)), "exceeds the load balancer's quota of %d listener rules (%s.rulesPerLoadBalancer)", cfg.Quotas.RulesPerLoadBalancer, FullKey(KeyQuotas))
	}
	names := map[string]int{}
	hosts := map[string]string{}
	priorities := map[int]string{}
	for i, s := range cfg.Services {
		k := fmt.Sprintf("%s[%d]", key, i)
		validateTargetGroup(k, s, ps)
		validateTargetGroupAttributes(k, s, ps)
		validateTargets(k, s, vpc, vpcOK, ps)
		validateServiceAnswer(k, s.Answer, ps)
		nameOK := dnsLabel.MatchString(s.Name)
		if !nameOK {
			ps.add(k+".name", s.Name, "is not a DNS label: 1 to 63 lowercase letters, digits and inner hyphens")
		} else if len(s.Name) > MaxServiceNameLength {
			ps.add(k+".name", s.Name, "is longer than %d characters: its target group's generated name, %s-%s plus 8 random characters, must fit AWS's 32", MaxServiceNameLength, componentName, s.Name)
		} else if j, dup := names[s.Name]; dup {
			ps.add(k+".name", s.Name, "is already the name of %s[%d]", key, j)
			continue // its priority and hosts would only repeat this problem
		} else {
			names[s.Name] = i
		}

		p := s.RulePriority()
		if s.Priority != nil && !rulePriorities.Holds(*s.Priority) {
			ps.add(k+".priority", strconv.Itoa(*s.Priority), "%s, or left out to derive it from the name", rulePriorities.Rule())
		} else if other, dup := priorities[p]; dup {
			ps.add(k+".priority", strconv.Itoa(p), "is already the priority of service %q: set a distinct priority on one of them", other)
		} else {
			priorities[p] = s.Name
		}

		allHosts := s.AllHosts(cfg.Domain)
		if len(allHosts) > MaxHostsPerRule {
			ps.add(k+".hosts", strings.Join(s.Hosts, ","), "gives %d hosts with %s: a rule matches at most %d", len(allHosts), s.Host(cfg.Domain), MaxHostsPerRule)
		} else if n := wildcards(s.Hosts...); n > MaxConditionWildcards {
			ps.add(k+".hosts", strings.Join(s.Hosts, ","), "%s", wildcardRule(n, "the service's host rule"))
		}
		for j, h := range allHosts {
			hk := fmt.Sprintf("%s.hosts[%d]", k, j-1)
			if j == 0 {
				hk = k + ".name"
				if !isDNSName(cfg.Domain) || !nameOK {
					continue // <name>.<domain> is wrong because the name or the domain is, reported already
				}
			}
			if !isHostHeader(h) {
				ps.add(hk, h, "%s", hostHeaderRule)
			} else if other, dup := hosts[strings.ToLower(h)]; dup {
				ps.add(hk, h, "is already routed to service %q", other)
			} else if j > 0 && isDNSName(cfg.Domain) && cfg.uncovered(h) {
				ps.add(hk, h, "%s", uncoveredRule(cfg))
			} else {
				hosts[strings.ToLower(h)] = s.Name
			}
		}
	}
}

// validateTargetGroup checks a target group's port, protocol and health
// check: a service's own group, or one of its further groups.
func validateTargetGroup(k string, s Service, ps *problems) {
	checkField(k, s, "port", ps)
	checkField(k, s, "protocol", ps)
	hc := s.HealthCheck
	hk := k + ".healthCheck"
	if !strings.HasPrefix(hc.Path, "/") || len(hc.Path) > 1024 || strings.ContainsFunc(hc.Path, unicode.IsSpace) {
		ps.add(hk+".path", hc.Path, "must start with / and be at most 1024 characters, without spaces")
	}
	if ok, rule := matcherRule(s); !ok {
		ps.add(hk+".matcher", hc.Matcher, "%s", rule)
	}
	intervalOK := checkField(hk, hc, "interval", ps)
	if checkField(hk, hc, "timeout", ps) && intervalOK && hc.Timeout >= hc.Interval {
		ps.add(hk+".timeout", strconv.Itoa(hc.Timeout), "must be less than the interval (%d seconds)", hc.Interval)
	}
	if hc.Port != "traffic-port" {
		if n, err := strconv.Atoi(hc.Port); err != nil || n < 1 || n > 65535 {
			ps.add(hk+".port", hc.Port, "must be traffic-port or a port from 1 to 65535")
		}
	}
	checkField(hk, hc, "protocol", ps)
	// The health check's other tagged fields (the thresholds, and any
	// added).
	checkFields(hk, hc, ps, "interval", "timeout", "protocol")
	checkField(k, s, "deregistrationDelay", ps)
}

// The target types of an application load balancer's groups that the stack
// registers targets with, the values of Service.TargetType's oneof tag
// (AWS's third, lambda, takes a function, not a listener port). "When you create a target group, you specify its target
// type, which determines how you register its targets" (Elastic Load
// Balancing, Application Load Balancers user guide, Register targets with
// your target group); the provider's schema makes target_type ForceNew.
const (
	TargetTypeInstance = "instance"
	TargetTypeIP       = "ip"
)

// validateTargets checks the group's target type and that each target is
// of it.
func validateTargets(k string, s Service, vpc netip.Prefix, vpcOK bool, ps *problems) {
	if !checkField(k, s, "targetType", ps) {
		return
	}
	seen := map[string]bool{}
	for i, t := range s.Targets {
		tk := fmt.Sprintf("%s.targets[%d]", k, i)
		var tKind string
		if isInstanceID(t) {
			tKind = "instance"
		} else if a, err := netip.ParseAddr(t); err == nil && a.Is4() {
			tKind = "ip"
			if vpcOK && !vpc.Contains(a) {
				ps.add(tk, t, "is not inside %s %q: IP targets must be in the VPC", FullKey(KeyVpcCidr), vpc)
				continue
			}
		} else {
			ps.add(tk, t, "is neither an EC2 instance ID (i- and 8 or 17 hex digits) nor an IPv4 address")
			continue
		}
		switch {
		case tKind != s.TargetType && tKind == TargetTypeIP:
			ps.add(tk, t, "is an IP address, but %s.targetType is %s: a group registers targets of its one type (set targetType: ip for IP targets)", k, s.TargetType)
		case tKind != s.TargetType:
			ps.add(tk, t, "is an EC2 instance ID, but %s.targetType is %s: a group registers targets of its one type (set targetType: instance, the default, for instances)", k, s.TargetType)
		case seen[t]:
			ps.add(tk, t, "is listed twice")
		}
		seen[t] = true
	}
}

// CoveredBy reports whether one of the certificate's names covers host,
// without case: the same name, or a wildcard over host's first label
// (*.example.com covers a.example.com, but neither example.com nor
// a.b.example.com).
func CoveredBy(host string, names []string) bool {
	h := strings.ToLower(host)
	for _, n := range names {
		n = strings.ToLower(n)
		if h == n {
			return true
		}
		if parent, ok := strings.CutPrefix(n, "*."); ok {
			if label, rest, found := strings.Cut(h, "."); found && label != "" && rest == parent {
				return true
			}
		}
	}
	return false
}

// inRegion reports whether zone is an availability zone (ap-northeast-2a) or
// local zone (us-west-2-lax-1a) of region.
func inRegion(zone, region string) bool {
	rest, ok := strings.CutPrefix(zone, region)
	return ok && (len(rest) == 1 || strings.HasPrefix(rest, "-"))
}

// verifyNoOverlap reports the first two blocks that overlap.
func verifyNoOverlap(blocks map[string]string) error {
	zones := slices.Sorted(maps.Keys(blocks))
	for i, a := range zones {
		pa := netip.MustParsePrefix(blocks[a])
		for _, b := range zones[i+1:] {
			if pb := netip.MustParsePrefix(blocks[b]); pa.Overlaps(pb) {
				return fmt.Errorf("%s (%s) overlaps %s (%s)", blocks[a], a, blocks[b], b)
			}
		}
	}
	return nil
}

func withinDomain(name, domain string) bool {
	return name == domain || strings.HasSuffix(name, "."+domain)
}

func isPrivate(p netip.Prefix) bool {
	for _, r := range privateRanges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
