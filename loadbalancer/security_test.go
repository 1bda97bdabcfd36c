package loadbalancer_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

// securityCases are the configurations every security test runs against.
var securityCases = []struct {
	name     string
	ipv6     bool
	services func() []stackconfig.Service
	// ports are the distinct target ports, each with one rule per direction.
	ports []int
}{
	{name: "ipv4, base services", services: baseServices, ports: []int{8080, 8443}},
	{name: "ipv6, base services", ipv6: true, services: baseServices, ports: []int{8080, 8443}},
	{
		name: "ipv4, one port shared by all",
		services: func() []stackconfig.Service {
			s := baseServices()
			for i := range s {
				s[i].Port = 8080
			}
			return s
		},
		ports: []int{8080},
	},
	{
		name: "ipv6, services on 80 and 443",
		ipv6: true,
		services: func() []stackconfig.Service {
			s := append(baseServices(), video(9000))
			s[0].Port = 80
			s[2].Port = 443
			return s
		},
		ports: []int{80, 443, 8080, 9000},
	},
}

func runSecurityCase(t *testing.T, ipv6 bool, services []stackconfig.Service) *result {
	t.Helper()
	return mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.DualStack = ipv6
		a.Services = services
		return a
	})
}

// source describes where a rule admits traffic from (or sends it to).
func source(rule *awsmock.Resource) string {
	var out []string
	for _, k := range []string{"cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"} {
		if v := rule.Input(k); v != nil {
			out = append(out, fmt.Sprintf("%s=%v", k, v))
		}
	}
	return fmt.Sprint(out)
}

func TestALBIngressIsOnly80And443FromAnywhere(t *testing.T) {
	for _, tc := range securityCases {
		t.Run(tc.name, func(t *testing.T) {
			r := runSecurityCase(t, tc.ipv6, tc.services())
			albSG := r.albSG(t)
			require.Equal(t, anys(albSG.ID), r.alb(t).Input("securityGroups"))

			want := []string{
				"tcp 443-443 [cidrIpv4=0.0.0.0/0]",
				"tcp 80-80 [cidrIpv4=0.0.0.0/0]",
			}
			if tc.ipv6 {
				want = append(want,
					"tcp 443-443 [cidrIpv6=::/0]",
					"tcp 80-80 [cidrIpv6=::/0]",
				)
			}
			var got []string
			for _, rule := range r.rulesOf(typeIngress, albSG.ID) {
				got = append(got, portKey(rule)+" "+source(rule))
				assert.NotEmpty(t, rule.Input("description"), "rule %s needs a description", rule.Name)
			}
			assert.ElementsMatch(t, want, got)
		})
	}
}

func TestNothingElseIsOpenToTheInternet(t *testing.T) {
	for _, tc := range securityCases {
		t.Run(tc.name, func(t *testing.T) {
			r := runSecurityCase(t, tc.ipv6, tc.services())
			albSG := r.albSG(t)
			rules := r.rules()
			require.NotEmpty(t, rules)

			assert.Empty(t, r.OfType("aws:ec2/securityGroupRule:SecurityGroupRule"),
				"rules must be the per-rule vpc resources")
			for _, rule := range rules {
				assert.NotEqual(t, "-1", rule.Input("ipProtocol"), "rule %s allows all protocols", rule.Name)
				assert.Equal(t, "tcp", rule.Input("ipProtocol"), "rule %s", rule.Name)
				assert.Equal(t, rule.Input("fromPort"), rule.Input("toPort"), "rule %s opens a port range", rule.Name)
				assert.NotEmpty(t, rule.Input("description"), "rule %s needs a description", rule.Name)

				cidr4, cidr6 := rule.Input("cidrIpv4"), rule.Input("cidrIpv6")
				hasCIDR := cidr4 != nil || cidr6 != nil || rule.Input("prefixListId") != nil
				if !hasCIDR {
					continue
				}
				// Only the ALB's ingress on 80 and 443 may name a CIDR at all.
				public := rule.Type == typeIngress && rule.Input("securityGroupId") == albSG.ID &&
					(num(t, rule, "fromPort") == 443 || num(t, rule, "fromPort") == 80)
				assert.True(t, public, "rule %s (%s %s) opens %s", rule.Name, rule.Type, portKey(rule), source(rule))
				if cidr4 == "0.0.0.0/0" || cidr6 == "::/0" {
					assert.Contains(t, []int{80, 443}, num(t, rule, "fromPort"),
						"rule %s opens port %v to the internet", rule.Name, rule.Input("fromPort"))
				}
				if !tc.ipv6 {
					assert.Nil(t, cidr6, "rule %s opens IPv6 without Ipv6", rule.Name)
				}
			}
		})
	}
}

func TestALBEgressOnlyToTargets(t *testing.T) {
	for _, tc := range securityCases {
		t.Run(tc.name, func(t *testing.T) {
			services := tc.services()
			r := runSecurityCase(t, tc.ipv6, services)
			albSG, targetSG := r.albSG(t), r.targetSG(t)

			egress := r.OfType(typeEgress)
			assert.ElementsMatch(t, egress, r.rulesOf(typeEgress, albSG.ID),
				"the only egress rules are the ALB's")
			var ports []int
			for _, rule := range egress {
				port := num(t, rule, "fromPort")
				ports = append(ports, port)
				assert.Equal(t, fmt.Sprintf("%s-alb-out-%d", lbName, port), rule.Name, "egress rules are keyed by port")
				assert.Equal(t, "tcp", rule.Input("ipProtocol"))
				assert.Equal(t, port, num(t, rule, "toPort"))
				assert.Equal(t, targetSG.ID, rule.Input("referencedSecurityGroupId"))
				assert.Nil(t, rule.Input("cidrIpv4"))
				assert.Nil(t, rule.Input("cidrIpv6"))
				assert.Nil(t, rule.Input("prefixListId"))
			}
			assert.ElementsMatch(t, tc.ports, ports)
		})
	}
}

func TestTargetIngressOnlyFromALB(t *testing.T) {
	for _, tc := range securityCases {
		t.Run(tc.name, func(t *testing.T) {
			services := tc.services()
			r := runSecurityCase(t, tc.ipv6, services)
			albSG, targetSG := r.albSG(t), r.targetSG(t)

			ingress := r.rulesOf(typeIngress, targetSG.ID)
			var ports []int
			for _, rule := range ingress {
				port := num(t, rule, "fromPort")
				ports = append(ports, port)
				assert.Equal(t, fmt.Sprintf("%s-targets-in-%d", lbName, port), rule.Name, "ingress rules are keyed by port")
				assert.Equal(t, "tcp", rule.Input("ipProtocol"))
				assert.Equal(t, port, num(t, rule, "toPort"))
				assert.Equal(t, albSG.ID, rule.Input("referencedSecurityGroupId"))
				assert.Nil(t, rule.Input("cidrIpv4"))
				assert.Nil(t, rule.Input("cidrIpv6"))
				assert.Nil(t, rule.Input("prefixListId"))
			}
			assert.ElementsMatch(t, tc.ports, ports)

			// Every ingress rule is either the ALB's public one or one of these.
			public := len(r.rulesOf(typeIngress, albSG.ID))
			assert.Len(t, r.OfType(typeIngress), public+len(ingress))
		})
	}
}

func TestSecurityGroups(t *testing.T) {
	for _, tc := range securityCases {
		t.Run(tc.name, func(t *testing.T) {
			r := runSecurityCase(t, tc.ipv6, tc.services())
			require.Len(t, r.OfType(typeSG), 2)
			albSG, targetSG := r.albSG(t), r.targetSG(t)
			assert.NotEqual(t, albSG.ID, targetSG.ID)

			for _, sg := range []*awsmock.Resource{albSG, targetSG} {
				assert.NotEmpty(t, sg.Input("description"), "%s needs a description", sg.Name)
				assert.Equal(t, vpcID, sg.Input("vpcId"))
				assert.Nil(t, sg.Input("ingress"), "%s must have no inline ingress", sg.Name)
				assert.Nil(t, sg.Input("egress"), "%s must have no inline egress", sg.Name)
				assert.ElementsMatch(t, []string{"name", "description"}, sg.IgnoreChanges,
					"%s keeps the name and description it was created or imported with: a change would replace it, and instances hold the old one", sg.Name)
			}
			assert.Equal(t, targetSG.ID, r.TargetSecurityGroupID)
			assert.Equal(t, albSG.ID, r.SecurityGroupID)
			assert.NotContains(t, r.alb(t).Input("securityGroups"), targetSG.ID)
		})
	}
}
