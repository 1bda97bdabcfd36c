package stackconfig

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Quotas is meething:quotas: the account's quotas that AWS lets an account
// raise and that a deploy would hit half-way, so that a stack whose
// account has a raised one can state it. Each defaults to AWS's default;
// a stated value below it is refused (AWS would refuse at the default).
// The quotas AWS does not let an account raise are constants
// (MaxTargetGroups, MaxConditionWildcards, MaxHostsPerRule).
type Quotas struct {
	// RulesPerLoadBalancer is "Rules per Application Load Balancer
	// (excluding default rules)": the services' host rules, their rules
	// and meething:rules. Default: AWS's (ELBQuotas; adjustable).
	RulesPerLoadBalancer int `json:"rulesPerLoadBalancer" want:"a whole number of rules, at least AWS's default"`
	// TargetsPerLoadBalancer is "Targets per Application Load Balancer":
	// every target the stack registers, once per group it is registered
	// with. Default: AWS's (ELBQuotas; adjustable).
	TargetsPerLoadBalancer int `json:"targetsPerLoadBalancer" want:"a whole number of targets, at least AWS's default"`
	// CertificatesPerLoadBalancer is "Certificates per Application Load
	// Balancer (excluding default certificates)": meething:extraCertificates.
	// Default: AWS's (ELBQuotas; adjustable).
	CertificatesPerLoadBalancer int `json:"certificatesPerLoadBalancer" want:"a whole number of certificates, at least AWS's default"`
	// NamesPerCertificate is ACM's "Domain names per ACM certificate":
	// <domain>, *.<domain> and meething:certificateNames. Default: AWS's
	// (ACMQuotas; adjustable).
	NamesPerCertificate int `json:"namesPerCertificate" want:"a whole number of names, at least AWS's default"`
	// RulesPerSecurityGroup is "Inbound or outbound rules per security
	// group": the targets' group gets one inbound rule, and the load
	// balancer's one outbound rule, per target port (and health-check
	// port). Default: AWS's (VPCQuotas, Security groups; adjustable).
	RulesPerSecurityGroup int `json:"rulesPerSecurityGroup" want:"a whole number of rules, at least AWS's default"`
}

// Where AWS's quotas were read: the Elastic Load Balancing user guide's
// "Quotas for your Application Load Balancers", ACM's "Quotas" and Amazon
// VPC's "Amazon VPC quotas".
var (
	ELBQuotas = Source{URL: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html", Read: "2026-12"}
	ACMQuotas = Source{URL: "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html", Read: "2026-12"}
	VPCQuotas = Source{URL: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html", Read: "2026-12"}
)

// AWS's default quotas (Quotas' comments give each one's source); each is
// written here only.
const (
	DefaultRulesPerLoadBalancer        = 100
	DefaultTargetsPerLoadBalancer      = 1000
	DefaultCertificatesPerLoadBalancer = 25
	DefaultNamesPerCertificate         = 10
	DefaultRulesPerSecurityGroup       = 60
)

// MaxTargetGroups is "Target Groups per Application Load Balancer", not
// adjustable (ELBQuotas): the services' own groups and their targetGroups.
const MaxTargetGroups = 100

func defaultQuotas() Quotas {
	return Quotas{
		RulesPerLoadBalancer:        DefaultRulesPerLoadBalancer,
		TargetsPerLoadBalancer:      DefaultTargetsPerLoadBalancer,
		CertificatesPerLoadBalancer: DefaultCertificatesPerLoadBalancer,
		NamesPerCertificate:         DefaultNamesPerCertificate,
		RulesPerSecurityGroup:       DefaultRulesPerSecurityGroup,
	}
}

// validateQuotas checks the stated quotas and the load balancer's target
// groups, targets and security-group rules against them; the rules and
// certificates are checked where they are counted.
func validateQuotas(cfg *Config, ps *problems) {
	q := cfg.Quotas
	k := FullKey(KeyQuotas)
	for _, f := range []struct {
		field      string
		value, def int
	}{
		{"rulesPerLoadBalancer", q.RulesPerLoadBalancer, DefaultRulesPerLoadBalancer},
		{"targetsPerLoadBalancer", q.TargetsPerLoadBalancer, DefaultTargetsPerLoadBalancer},
		{"certificatesPerLoadBalancer", q.CertificatesPerLoadBalancer, DefaultCertificatesPerLoadBalancer},
		{"namesPerCertificate", q.NamesPerCertificate, DefaultNamesPerCertificate},
		{"rulesPerSecurityGroup", q.RulesPerSecurityGroup, DefaultRulesPerSecurityGroup},
	} {
		if f.value < f.def {
			ps.add(k+"."+f.field, strconv.Itoa(f.value), "is below AWS's default of %d: state the account's raised quota, or leave it out", f.def)
		}
	}

	key := FullKey(KeyServices)
	groups, targets := 0, 0
	ports := map[int]bool{}
	for _, s := range cfg.Services {
		groups += 1 + len(s.TargetGroups)
		targets += len(s.Targets)
		ports[s.Port] = true
		addHealthPort(ports, s.HealthCheck.Port)
		for _, g := range s.TargetGroups {
			targets += len(g.Targets)
			ports[g.Port] = true
			if g.HealthCheck != nil {
				addHealthPort(ports, g.HealthCheck.Port)
			}
		}
	}
	if groups > MaxTargetGroups {
		ps.add(key, fmt.Sprintf("%d target groups", groups), "exceeds AWS's %d target groups per load balancer (not adjustable): each service has one, and one more per targetGroups entry", MaxTargetGroups)
	}
	if targets > q.TargetsPerLoadBalancer {
		ps.add(key, fmt.Sprintf("%d targets", targets), "exceeds the load balancer's quota of %d targets (a target counts once per group it is registered with): register fewer, or state the account's raised quota in %s.targetsPerLoadBalancer", q.TargetsPerLoadBalancer, k)
	}
	if len(ports) > q.RulesPerSecurityGroup {
		list := make([]int, 0, len(ports))
		for p := range ports {
			list = append(list, p)
		}
		sort.Ints(list)
		ps.add(key, fmt.Sprintf("%d ports", len(ports)), "exceed the quota of %d rules per security group: the targets' group gets one inbound rule, and the load balancer's one outbound rule, per target and health-check port (%s); use fewer ports, or state the account's raised quota in %s.rulesPerSecurityGroup", q.RulesPerSecurityGroup, joinInts(list), k)
	}
}

func addHealthPort(ports map[int]bool, p string) {
	if n, err := strconv.Atoi(p); err == nil {
		ports[n] = true
	}
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
