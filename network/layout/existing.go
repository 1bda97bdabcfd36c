package layout

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// ExistingSubnet is a subnet of an adopted VPC as EC2 describes it.
type ExistingSubnet struct {
	ID           string
	Zone         string
	CidrBlock    string
	Ipv6         bool
	DefaultForAz bool
}

// RouteTable is a route table of an adopted VPC: whether it is the VPC's
// main table, the subnets explicitly associated with it, and whether its
// 0.0.0.0/0 route leads to an internet gateway.
type RouteTable struct {
	ID       string
	Main     bool
	Subnets  []string
	Internet bool
}

// PublicSubnets picks the adopted VPC's public subnets for the load
// balancer: those whose route table (the explicitly associated one, else the
// main one) sends 0.0.0.0/0 to an internet gateway, one per zone (the zone's
// default subnet first, then the lowest ID), restricted to zones when it is
// not empty. It returns subnet IDs by zone, or an error that names what is
// missing when fewer than two zones have one.
func PublicSubnets(subnets []ExistingSubnet, tables []RouteTable, zones []string) (map[string]string, error) {
	tableOf := map[string]RouteTable{}
	var main *RouteTable
	for i, t := range tables {
		if t.Main {
			main = &tables[i]
		}
		for _, s := range t.Subnets {
			tableOf[s] = t
		}
	}
	candidates := append([]ExistingSubnet(nil), subnets...)
	sort.Slice(candidates, func(i, j int) bool {
		a, b := candidates[i], candidates[j]
		if a.DefaultForAz != b.DefaultForAz {
			return a.DefaultForAz
		}
		return a.ID < b.ID
	})
	picked := map[string]string{}
	var private []string
	for _, s := range candidates {
		t, ok := tableOf[s.ID]
		if !ok && main != nil {
			t, ok = *main, true
		}
		if !ok || !t.Internet {
			private = append(private, s.ID)
			continue
		}
		if len(zones) > 0 && !slices.Contains(zones, s.Zone) {
			continue
		}
		if _, done := picked[s.Zone]; !done {
			picked[s.Zone] = s.ID
		}
	}
	if len(picked) < 2 {
		var have []string
		for z, id := range picked {
			have = append(have, id+" ("+z+")")
		}
		sort.Strings(have)
		sort.Strings(private)
		return nil, fmt.Errorf("found public subnets in %d zone(s) [%s], and an application load balancer needs two; subnets without a route to an internet gateway: [%s]",
			len(picked), strings.Join(have, ", "), strings.Join(private, ", "))
	}
	return picked, nil
}
