package awsmock

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// lookupRecords answers route53 getRecords from m.Records, with names as
// Route53 returns them: a trailing dot and * escaped as \052. A weighted set
// has its setIdentifier and weight, an alias its target's hostedZoneId, as
// pulumi-aws's GetRecordsResourceRecordSet names them.
func (m *Monitor) lookupRecords(args resource.PropertyMap) (resource.PropertyMap, error) {
	zoneID := str(args, "zoneId")
	if _, ok := m.ExistingZones[zoneID]; !ok {
		return nil, fmt.Errorf("listing Route 53 Records (%s): NoSuchHostedZone: No hosted zone found with ID: %s", zoneID, zoneID)
	}
	var sets []any
	for _, r := range m.Records[zoneID] {
		set := map[string]any{
			"name": strings.ReplaceAll(r.Name, "*", `\052`) + ".",
			"type": r.Type,
		}
		if r.Weighted() {
			set["setIdentifier"] = r.SetIdentifier
			if r.Weight != nil {
				set["weight"] = *r.Weight
			}
		}
		if r.HealthCheckID != "" {
			set["healthCheckId"] = r.HealthCheckID
		}
		if r.AliasTarget != "" {
			evaluate := r.EvaluateTargetHealth == nil || *r.EvaluateTargetHealth
			set["aliasTarget"] = map[string]any{"dnsName": r.AliasTarget + ".", "evaluateTargetHealth": evaluate, "hostedZoneId": cmp.Or(r.AliasZoneID, albZoneIDs[m.region])}
		} else {
			var values []any
			for _, v := range r.Values {
				values = append(values, map[string]any{"value": v})
			}
			set["resourceRecords"] = values
			set["ttl"] = cmp.Or(r.TTL, 300)
		}
		sets = append(sets, set)
	}
	return resource.NewPropertyMapFromMap(map[string]any{"id": zoneID, "zoneId": zoneID, "resourceRecordSets": sets}), nil
}

func (m *Monitor) lookupVpc(args resource.PropertyMap) (resource.PropertyMap, error) {
	id := str(args, "id")
	wantDefault := false
	if v, ok := args["default"]; ok && v.IsBool() {
		wantDefault = v.BoolValue()
	}
	for _, v := range m.Vpcs {
		if v.ID == id || (id == "" && wantDefault && v.Default) {
			out := map[string]any{"id": v.ID, "cidrBlock": v.Cidr, "default": v.Default, "mainRouteTableId": mainTable(v), "state": "available", "ipv6CidrBlock": ""}
			if v.Ipv6 {
				out["ipv6CidrBlock"] = "2406:da12:abc:de00::/56"
			}
			return resource.NewPropertyMapFromMap(out), nil
		}
	}
	return nil, fmt.Errorf("no matching EC2 VPC found (id %q, default %v)", id, wantDefault)
}

func (m *Monitor) lookupSubnets(args resource.PropertyMap) (resource.PropertyMap, error) {
	vpcID := ""
	if f, ok := args["filters"]; ok && f.IsArray() {
		for _, filter := range f.ArrayValue() {
			if filter.IsObject() && str(filter.ObjectValue(), "name") == "vpc-id" {
				if vals := filter.ObjectValue()["values"]; vals.IsArray() && len(vals.ArrayValue()) > 0 {
					vpcID = vals.ArrayValue()[0].StringValue()
				}
			}
		}
	}
	var ids []any
	for _, s := range m.Vpcs[vpcID].Subnets {
		ids = append(ids, s.ID)
	}
	return resource.NewPropertyMapFromMap(map[string]any{"id": m.region, "ids": ids}), nil
}

func (m *Monitor) lookupSubnet(args resource.PropertyMap) (resource.PropertyMap, error) {
	id := str(args, "id")
	for _, v := range m.Vpcs {
		for _, s := range v.Subnets {
			if s.ID == id {
				out := map[string]any{
					"id": s.ID, "vpcId": v.ID, "availabilityZone": s.Zone, "cidrBlock": s.Cidr,
					"defaultForAz": s.DefaultForAz, "state": "available", "ipv6CidrBlock": "",
					"arn": fmt.Sprintf("arn:aws:ec2:%s:%s:subnet/%s", m.region, AccountID, s.ID),
				}
				if v.Ipv6 {
					out["ipv6CidrBlock"] = fmt.Sprintf("2406:da12:abc:de%02x::/64", len(s.Zone))
				}
				return resource.NewPropertyMapFromMap(out), nil
			}
		}
	}
	return nil, fmt.Errorf("no matching EC2 Subnet found (id %q)", id)
}

// Route tables: every VPC has a main table leading to an internet gateway,
// and, when some subnets are private, a table of theirs without one.
func mainTable(v Vpc) string    { return "rtb-" + hexOf(v.ID+"main", 17) }
func privateTable(v Vpc) string { return "rtb-" + hexOf(v.ID+"private", 17) }

func (m *Monitor) lookupRouteTables(args resource.PropertyMap) (resource.PropertyMap, error) {
	v := m.Vpcs[str(args, "vpcId")]
	ids := []any{mainTable(v)}
	for _, s := range v.Subnets {
		if !s.Public {
			ids = append(ids, privateTable(v))
			break
		}
	}
	return resource.NewPropertyMapFromMap(map[string]any{"id": v.ID, "ids": ids}), nil
}

func (m *Monitor) lookupRouteTable(args resource.PropertyMap) (resource.PropertyMap, error) {
	id := str(args, "routeTableId")
	ids := slices.Sorted(maps.Keys(m.Vpcs))
	for _, vid := range ids {
		v := m.Vpcs[vid]
		switch id {
		case mainTable(v):
			return resource.NewPropertyMapFromMap(map[string]any{
				"id": id, "routeTableId": id, "vpcId": v.ID,
				"associations": []any{map[string]any{"main": true, "routeTableId": id, "subnetId": ""}},
				"routes":       []any{map[string]any{"cidrBlock": "0.0.0.0/0", "gatewayId": "igw-" + hexOf(v.ID, 17)}},
			}), nil
		case privateTable(v):
			var assoc []any
			for _, s := range v.Subnets {
				if !s.Public {
					assoc = append(assoc, map[string]any{"main": false, "routeTableId": id, "subnetId": s.ID})
				}
			}
			return resource.NewPropertyMapFromMap(map[string]any{
				"id": id, "routeTableId": id, "vpcId": v.ID, "associations": assoc, "routes": []any{},
			}), nil
		}
	}
	return nil, fmt.Errorf("no matching EC2 Route Table found (id %q)", id)
}

func str(args resource.PropertyMap, key string) string {
	if v, ok := args[resource.PropertyKey(key)]; ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}
