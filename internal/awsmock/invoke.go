package awsmock

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// invoke answers the data sources the program calls.
func (m *Monitor) invoke(token string, args resource.PropertyMap) (resource.PropertyMap, error) {
	switch token {
	case "aws:index/getAvailabilityZones:getAvailabilityZones":
		var names, ids []any
		for i, letter := range []string{"a", "b", "c", "d"} {
			names = append(names, m.region+letter)
			ids = append(ids, fmt.Sprintf("%s-az%d", regionCode(m.region), i+1))
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"id": m.region, "names": names, "zoneIds": ids, "groupNames": []any{m.region},
		}), nil
	case "aws:route53/getZone:getZone":
		return m.lookupZone(args)
	case "aws:route53/getRecords:getRecords":
		return m.lookupRecords(args)
	case "aws:ec2/getVpc:getVpc":
		return m.lookupVpc(args)
	case "aws:ec2/getSubnets:getSubnets":
		return m.lookupSubnets(args)
	case "aws:ec2/getSubnet:getSubnet":
		return m.lookupSubnet(args)
	case "aws:ec2/getRouteTables:getRouteTables":
		return m.lookupRouteTables(args)
	case "aws:ec2/getRouteTable:getRouteTable":
		return m.lookupRouteTable(args)
	case "aws:index/getCallerIdentity:getCallerIdentity":
		return resource.NewPropertyMapFromMap(map[string]any{
			"accountId": AccountID, "id": AccountID,
			"arn": "arn:aws:sts::" + AccountID + ":assumed-role/deployer/pulumi", "userId": "AROAEXAMPLE:pulumi",
		}), nil
	case "aws:index/getRegion:getRegion":
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": m.region, "id": m.region, "endpoint": "ec2." + m.region + ".amazonaws.com",
			"description": m.region,
		}), nil
	case "aws:elb/getServiceAccount:getServiceAccount":
		account, ok := elbAccounts[m.region]
		if !ok {
			return nil, fmt.Errorf("unsupported AWS Region: %s", m.region)
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"id": account, "arn": "arn:aws:iam::" + account + ":root", "region": m.region,
		}), nil
	}
	return nil, fmt.Errorf("awsmock: no mock for data source %s", token)
}

// elbAccounts are the Elastic Load Balancing accounts that deliver access
// logs, by region, as AWS publishes them.
var elbAccounts = map[string]string{
	"ap-northeast-1": "582318560864",
	"ap-northeast-2": "600734575887",
	"eu-central-1":   "054676820928",
	"eu-west-1":      "156460612806",
	"us-east-1":      "127311923021",
	"us-west-2":      "797873946194",
}

func (m *Monitor) lookupZone(args resource.PropertyMap) (resource.PropertyMap, error) {
	wantID, wantName := "", ""
	if v, ok := args["zoneId"]; ok && v.IsString() {
		wantID = v.StringValue()
	}
	if v, ok := args["name"]; ok && v.IsString() {
		wantName = strings.TrimSuffix(v.StringValue(), ".")
	}
	for id, name := range m.ExistingZones {
		if id == wantID || (wantID == "" && name == wantName) {
			return resource.NewPropertyMapFromMap(map[string]any{
				"id": id, "zoneId": id, "name": name + ".", "privateZone": false,
				"nameServers": nameServers(id), "arn": "arn:aws:route53:::hostedzone/" + id,
			}), nil
		}
	}
	return nil, fmt.Errorf("no matching Route 53 Hosted Zone found (id %q, name %q)", wantID, wantName)
}

// regionCode is the short form AWS uses in zone IDs: ap-northeast-2 -> apne2.
func regionCode(region string) string {
	parts := strings.Split(region, "-")
	var b strings.Builder
	for i, p := range parts {
		switch {
		case i == 0:
			b.WriteString(p)
		case len(p) > 0 && p[0] >= '0' && p[0] <= '9':
			b.WriteString(p)
		default:
			for _, w := range []string{"north", "south", "east", "west", "central"} {
				if strings.Contains(p, w) {
					b.WriteByte(w[0])
				}
			}
		}
	}
	return b.String()
}
