package awsmock

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/meething/edge/stackconfig"
)

// Vpc is an existing VPC: its block, whether it has IPv6, and its subnets.
type Vpc struct {
	ID      string
	Cidr    string
	Ipv6    bool
	Default bool
	Subnets []Subnet
}

// Subnet is a subnet of an existing VPC. Public ones use the VPC's main
// route table, which leads to an internet gateway; the others have a table
// of their own without one.
type Subnet struct {
	ID           string
	Zone         string
	Cidr         string
	DefaultForAz bool
	Public       bool
}

// DefaultVpc returns a VPC shaped like the region's default VPC: 172.31.0.0/16
// with a public /20 per zone a to d, default for its zone.
func DefaultVpc(id, region string, ipv6 bool, subnetIDs []string) Vpc {
	v := Vpc{ID: id, Cidr: "172.31.0.0/16", Ipv6: ipv6, Default: true}
	for i, letter := range []string{"a", "b", "c", "d"} {
		sid := "subnet-" + hexOf(id+letter, 17)
		if len(subnetIDs) > 0 {
			if i >= len(subnetIDs) {
				break
			}
			sid = subnetIDs[i]
		}
		v.Subnets = append(v.Subnets, Subnet{
			ID: sid, Zone: region + letter, Cidr: fmt.Sprintf("172.31.%d.0/20", 16*i), DefaultForAz: true, Public: true,
		})
	}
	return v
}

// Declare fills the account with what a stack's config says already exists,
// so that the offline synth can answer the program's look-ups: the zones of
// meething:existingZoneId/Name, parentZoneId/Name and extraCertificates, the VPC of
// existingVpcId with existingSubnetIds, and the records that
// meething:import and takeOverRecords name. Values it cannot read are left
// to the program's validation.
func (m *Monitor) Declare(config map[string]string) {
	get := func(key string) string { return config[stackconfig.FullKey(key)] }
	domain := get(stackconfig.KeyDomain)
	parentName := ""
	if _, rest, ok := strings.Cut(domain, "."); ok {
		parentName = rest
	}

	adopted := ""
	if id := get(stackconfig.KeyExistingZoneID); id != "" {
		m.ExistingZones[id] = domain
		adopted = id
	}
	if name := get(stackconfig.KeyExistingZoneName); name != "" {
		adopted = DeclaredZoneID(name)
		m.ExistingZones[adopted] = name
	}
	if id := get(stackconfig.KeyParentZoneID); id != "" {
		m.ExistingZones[id] = parentName
	}
	if name := get(stackconfig.KeyParentZoneName); name != "" {
		m.ExistingZones[DeclaredZoneID(name)] = name
	}

	var extra []stackconfig.ExtraCertificate
	_ = json.Unmarshal([]byte(get(stackconfig.KeyExtraCertificates)), &extra)
	for _, c := range extra {
		if c.ZoneID != "" {
			m.ExistingZones[c.ZoneID] = c.Domain
		} else if c.ZoneName != "" {
			m.ExistingZones[DeclaredZoneID(c.ZoneName)] = c.ZoneName
		}
	}

	if id := get(stackconfig.KeyExistingVpcID); id != "" {
		var subnets []string
		_ = json.Unmarshal([]byte(get(stackconfig.KeyExistingSubnetIDs)), &subnets)
		vpcID := id
		if id == "default" {
			vpcID = "vpc-" + hexOf("default-vpc-"+m.region, 17)
		}
		v := DefaultVpc(vpcID, m.region, get(stackconfig.KeyDualStack) == "true", subnets)
		v.Default = id == "default"
		m.Vpcs[vpcID] = v
	}

	var imports map[string]string
	_ = json.Unmarshal([]byte(get(stackconfig.KeyImport)), &imports)
	for key, id := range imports {
		if !strings.HasPrefix(key, "record/") {
			continue
		}
		zone, r, ok := parseRecordID(id)
		if !ok {
			continue
		}
		r.AliasTarget = "hand-built-edge.elb.amazonaws.com"
		m.addRecord(zone, r)
	}
	var takeOver []string
	_ = json.Unmarshal([]byte(get(stackconfig.KeyTakeOverRecords)), &takeOver)
	for _, entry := range takeOver {
		f := strings.Fields(entry)
		if len(f) != 2 || adopted == "" {
			continue
		}
		m.addRecord(adopted, Record{Name: f[0], Type: strings.ToUpper(f[1]), AliasTarget: "hand-built-edge.elb.amazonaws.com"})
	}
}

// DeclaredZoneID is the ID the mock gives a zone declared by name.
func DeclaredZoneID(name string) string {
	return "Z0" + strings.ToUpper(hexOf("zone:"+name, 19))
}

// imported returns the state of a resource imported by id: the ID stands in
// for the ARN or zone ID the mock would otherwise make up.
func imported(out resource.PropertyMap, id string) resource.PropertyMap {
	if strings.HasPrefix(id, "arn:") {
		if _, ok := out["arn"]; ok {
			out["arn"] = resource.NewStringProperty(id)
		}
	}
	if _, ok := out["zoneId"]; ok && strings.HasPrefix(id, "Z") && !strings.Contains(id, "_") {
		out["zoneId"] = resource.NewStringProperty(id)
		out["nameServers"] = resource.NewPropertyValue(nameServers(id))
	}
	return out
}
