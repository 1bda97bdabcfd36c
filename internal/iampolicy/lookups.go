package iampolicy

// Lookup is a data source the program calls (an invoke), or a read a
// command makes, with the actions it needs and where they come from.
type Lookup struct {
	Source  string
	Actions []string
}

// Lookups are the program's look-ups by invoke token (the ones
// internal/awsmock answers), the provider's own start-up call, and the
// reads of the commands the workflows run (cutover status after pulumi up,
// drift on its schedule). All are
// reads, and every role gets them.
var Lookups = map[string]Lookup{
	"aws:index/getAvailabilityZones:getAvailabilityZones": {"internal/service/ec2/availability_zones_data_source.go", []string{"ec2:DescribeAvailabilityZones"}},
	"aws:index/getCallerIdentity:getCallerIdentity":       {"internal/service/sts/caller_identity_data_source.go", []string{"sts:GetCallerIdentity"}},
	"aws:index/getRegion:getRegion":                       {"internal/service/meta/region_data_source.go", []string{"ec2:DescribeRegions"}},
	"aws:elb/getServiceAccount:getServiceAccount":         {"internal/service/elb/service_account_data_source.go (a table in the provider; no call)", nil},
	"aws:route53/getZone:getZone": {"internal/service/route53/zone_data_source.go",
		[]string{"route53:ListHostedZones", "route53:ListHostedZonesByName", "route53:GetHostedZone", "route53:ListTagsForResource"}},
	"aws:route53/getRecords:getRecords":     {"internal/service/route53/records_data_source.go", []string{"route53:ListResourceRecordSets"}},
	"aws:ec2/getVpc:getVpc":                 {"internal/service/ec2/vpc_data_source.go", []string{"ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"}},
	"aws:ec2/getSubnets:getSubnets":         {"internal/service/ec2/vpc_subnets_data_source.go", []string{"ec2:DescribeSubnets"}},
	"aws:ec2/getSubnet:getSubnet":           {"internal/service/ec2/vpc_subnet_data_source.go", []string{"ec2:DescribeSubnets"}},
	"aws:ec2/getRouteTables:getRouteTables": {"internal/service/ec2/vpc_route_tables_data_source.go", []string{"ec2:DescribeRouteTables"}},
	"aws:ec2/getRouteTable:getRouteTable":   {"internal/service/ec2/vpc_route_table_data_source.go", []string{"ec2:DescribeRouteTables"}},
	"provider:configure":                    {"internal/conns/config.go (the account ID, unless skip_requesting_account_id)", []string{"sts:GetCallerIdentity"}},
	"meething verify":                       {"internal/verify (DNS and HTTPS from outside; the stack's outputs)", nil},
	"meething cutover status": {"internal/cutover/aws.go, health.go, metrics.go",
		[]string{"route53:ListResourceRecordSets", "route53:GetHealthCheck", "route53:GetHealthCheckStatus",
			"cloudwatch:GetMetricData", "elasticloadbalancing:DescribeLoadBalancers"}},
	// One action per API call internal/drift's Read makes (drift.Actions is
	// this list): the scheduled drift workflow runs it with the preview role.
	"meething drift": {"internal/drift/aws.go",
		[]string{"elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeListenerCertificates",
			"acm:DescribeCertificate", "route53:ListResourceRecordSets", "ec2:DescribeSecurityGroupRules",
			"wafv2:GetWebACLForResource"}},
}
