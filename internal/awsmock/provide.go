package awsmock

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// albZoneIDs are the canonical hosted zones of application load balancers by
// region, as AWS publishes them; the program never uses this table, it reads
// the load balancer's zoneId output.
var albZoneIDs = map[string]string{
	"ap-northeast-1": "Z14GRHDCWA56QT",
	"ap-northeast-2": "ZWKZPGTI48KDX",
	"eu-central-1":   "Z215JYRZR1TBD5",
	"eu-west-1":      "Z32O12XQLNTSW2",
	"us-east-1":      "Z35SXDOTRQ7X7K",
	"us-west-2":      "Z1H1FL5HABSF5",
}

// provide returns the physical ID and the state a real provider would report
// for a custom resource: its inputs plus the computed properties.
func (m *Monitor) provide(r *Resource) (string, resource.PropertyMap, error) {
	out := r.Inputs.Copy()
	set := func(k string, v any) { out[resource.PropertyKey(k)] = resource.NewPropertyValue(v) }
	str := func(k string) string {
		if v, ok := r.Inputs[resource.PropertyKey(k)]; ok && v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	// The resource's identity: its URN and the inputs whose change makes
	// the provider replace it. A replacement gets new IDs and ARNs, so
	// whatever takes them changes too, as in AWS.
	identity := identityOf(r)
	h := func(n int) string { return hexOf(identity, n) }
	region := m.providerRegion(r)
	arn := func(service, suffix string) string {
		return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, region, AccountID, suffix)
	}
	// autoName mimics Pulumi's auto-naming: the logical name and a random
	// suffix, unless the program set a name or prefix. Like Pulumi, it fails
	// when the logical name leaves no room for the suffix.
	var nameErr error
	autoName := func(maxLen int) string {
		if n := str("name"); n != "" {
			return n
		}
		if p := str("namePrefix"); p != "" {
			// The provider appends a 26-character unique suffix to any
			// prefix, however long.
			return p + h(26)
		}
		n := r.Name + "-" + h(7)
		if len(n) > maxLen {
			nameErr = fmt.Errorf("could not make instance of '%s': name '%s-' plus 7 random chars is longer than maximum length %d",
				r.Type, r.Name, maxLen)
		}
		return n
	}
	if tags, ok := r.Inputs["tags"]; ok {
		out["tagsAll"] = tags
	}

	var id string
	switch r.Type {
	case "aws:ec2/vpc:Vpc":
		id = "vpc-" + h(17)
		set("arn", arn("ec2", "vpc/"+id))
		set("defaultSecurityGroupId", "sg-"+hexOf(id+"default-sg", 17))
		set("mainRouteTableId", "rtb-"+hexOf(id+"main-rtb", 17))
		if v, ok := r.Inputs["assignGeneratedIpv6CidrBlock"]; ok && v.IsBool() && v.BoolValue() {
			set("ipv6CidrBlock", fmt.Sprintf("2406:da12:%s:%s00::/56", h(3), hexOf(identity+"v6", 2)))
		}
	case "aws:ec2/subnet:Subnet":
		id = "subnet-" + h(17)
		set("arn", arn("ec2", "subnet/"+id))
	case "aws:ec2/internetGateway:InternetGateway":
		id = "igw-" + h(17)
		set("arn", arn("ec2", "internet-gateway/"+id))
	case "aws:ec2/routeTable:RouteTable":
		id = "rtb-" + h(17)
		set("arn", arn("ec2", "route-table/"+id))
	case "aws:ec2/route:Route":
		id = "r-" + h(17)
	case "aws:ec2/routeTableAssociation:RouteTableAssociation":
		id = "rtbassoc-" + h(17)
	case "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
		id = "sg-" + h(17)
		set("arn", arn("ec2", "security-group/"+id))
		if r.Type == "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup" {
			set("name", "default")
		} else {
			set("name", autoName(255))
		}
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
		id = "sgr-" + h(17)
		set("arn", arn("ec2", "security-group-rule/"+id))
	case "aws:route53/zone:Zone":
		id = "Z0" + strings.ToUpper(h(19))
		set("zoneId", id)
		set("arn", "arn:aws:route53:::hostedzone/"+id)
		set("nameServers", nameServers(id))
	case "aws:route53/record:Record":
		name := strings.TrimSuffix(str("name"), ".")
		// The Terraform provider's ID: ZONE_NAME_TYPE, with _SETID for a
		// set with a set identifier (record.go, resourceRecordCreate).
		id = fmt.Sprintf("%s_%s_%s", str("zoneId"), name, str("type"))
		if setID := str("setIdentifier"); setID != "" {
			id += "_" + setID
		}
		set("fqdn", name)
	case "aws:route53/healthCheck:HealthCheck":
		// Route53 names a health check by a UUID.
		id = uuidOf(identity)
		set("arn", "arn:aws:route53:::healthcheck/"+id)
	case "aws:acm/certificate:Certificate":
		id = arn("acm", "certificate/"+uuidOf(identity))
		set("arn", id)
		set("status", "PENDING_VALIDATION")
		set("domainValidationOptions", validationOptions(r.Inputs))
	case "aws:acm/certificateValidation:CertificateValidation":
		// The provider's ID is the certificate's IssuedAt: one per
		// certificate, so two stacks' validations do not share one.
		id = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(hashInt(identity)%(365*86400)) * time.Second).Format(time.RFC3339)
	case "aws:lb/loadBalancer:LoadBalancer":
		name := autoName(32)
		id = arn("elasticloadbalancing", "loadbalancer/app/"+name+"/"+h(16))
		set("name", name)
		set("arn", id)
		set("arnSuffix", "app/"+name+"/"+h(16))
		set("dnsName", fmt.Sprintf("%s-%d.%s.elb.amazonaws.com", name, 1000000000+int(hashInt(identity)%900000000), m.region))
		zone := albZoneIDs[m.region]
		if zone == "" {
			zone = "Z" + strings.ToUpper(hexOf(m.region, 13))
		}
		set("zoneId", zone)
		set("vpcId", "vpc-"+hexOf(m.stack, 17))
	case "aws:lb/targetGroup:TargetGroup":
		name := autoName(32)
		id = arn("elasticloadbalancing", "targetgroup/"+name+"/"+h(16))
		set("name", name)
		set("arn", id)
		set("arnSuffix", "targetgroup/"+name+"/"+h(16))
	case "aws:lb/listener:Listener":
		id = arn("elasticloadbalancing", "listener/app/"+h(12)+"/"+h(16))
		set("arn", id)
	case "aws:lb/listenerRule:ListenerRule":
		id = arn("elasticloadbalancing", "listener-rule/app/"+h(12)+"/"+h(16))
		set("arn", id)
	case "aws:lb/targetGroupAttachment:TargetGroupAttachment":
		id = str("targetGroupArn") + "-" + h(8)
	case "aws:ec2/flowLog:FlowLog":
		id = "fl-" + h(17)
		set("arn", arn("ec2", "vpc-flow-log/"+id))
	case "aws:cloudwatch/logGroup:LogGroup":
		name := autoName(512)
		if p := str("namePrefix"); p != "" {
			name = p + h(26)
		}
		id = name
		set("name", name)
		set("arn", arn("logs", "log-group:"+name))
	case "aws:cloudwatch/logResourcePolicy:LogResourcePolicy":
		id = str("policyName")
	case "aws:cloudwatch/metricAlarm:MetricAlarm":
		id = autoName(255)
		set("name", id)
		set("arn", arn("cloudwatch", "alarm:"+id))
	case "aws:iam/role:Role":
		id = autoName(64)
		set("name", id)
		set("arn", fmt.Sprintf("arn:aws:iam::%s:role/%s", AccountID, id))
		set("uniqueId", "AROA"+strings.ToUpper(h(17)))
	case "aws:iam/rolePolicy:RolePolicy":
		id = str("role") + ":" + autoName(128)
	case "aws:route53/queryLog:QueryLog":
		id = h(8) + "-" + h(4) + "-" + h(4) + "-" + h(4) + "-" + h(12)
		set("arn", "arn:aws:route53:::queryloggingconfig/"+id)
	case "aws:s3/bucketV2:BucketV2":
		id = autoName(63)
		set("bucket", id)
		set("arn", "arn:aws:s3:::"+id)
		set("bucketDomainName", id+".s3.amazonaws.com")
		set("region", m.region)
	case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
		"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "aws:s3/bucketPolicy:BucketPolicy":
		id = str("bucket")
	case "aws:sns/topic:Topic":
		name := autoName(256)
		id = arn("sns", name)
		set("name", name)
		set("arn", id)
	case "aws:sns/topicSubscription:TopicSubscription":
		id = str("topic") + ":" + uuidOf(identity)
		set("arn", id)
		set("pendingConfirmation", true)
	case "aws:wafv2/webAcl:WebAcl":
		name := autoName(128)
		id = uuidOf(identity)
		set("name", name)
		set("arn", arn("wafv2", "regional/webacl/"+name+"/"+id))
		set("capacity", 1200)
	case "aws:wafv2/webAclAssociation:WebAclAssociation":
		id = str("webAclArn") + "," + str("resourceArn")
	case "pulumi:providers:aws":
		id = uuidOf(identity)
	default:
		id = r.Name + "-" + h(8)
	}
	return id, out, nameErr
}

// providerRegion is the region of the resource's explicit provider, or the
// stack's.
func (m *Monitor) providerRegion(r *Resource) string {
	if r.Provider == "" {
		return m.region
	}
	urn := r.Provider
	if i := strings.LastIndex(urn, "::"); i > 0 {
		urn = urn[:i]
	}
	if p := m.ByURN(urn); p != nil {
		if region, ok := p.Input("region").(string); ok && region != "" {
			return region
		}
	}
	return m.region
}

// validationOptions mimics ACM: one option per name on the certificate, whose
// CNAME depends only on the name without "*.", so *.example.com and
// example.com yield the same record. ACM does not keep the order; neither does
// this: options come sorted by a hash, not by the order of the names.
func validationOptions(inputs resource.PropertyMap) []any {
	var names []string
	if v, ok := inputs["domainName"]; ok && v.IsString() {
		names = append(names, v.StringValue())
	}
	if v, ok := inputs["subjectAlternativeNames"]; ok && v.IsArray() {
		for _, n := range v.ArrayValue() {
			if n.IsString() {
				names = append(names, n.StringValue())
			}
		}
	}
	sort.Slice(names, func(i, j int) bool { return hexOf(names[i], 8) < hexOf(names[j], 8) })
	out := make([]any, 0, len(names))
	for _, n := range names {
		base := strings.TrimPrefix(n, "*.")
		out = append(out, map[string]any{
			"domainName":          n,
			"resourceRecordName":  "_" + hexOf("name"+base, 32) + "." + base + ".",
			"resourceRecordType":  "CNAME",
			"resourceRecordValue": "_" + hexOf("value"+base, 32) + "." + hexOf("zone"+base, 10) + ".acm-validations.aws.",
		})
	}
	return out
}

func nameServers(zoneID string) []any {
	n := int(hashInt(zoneID) % 2000)
	return []any{
		fmt.Sprintf("ns-%d.awsdns-%02d.com", n, n%64),
		fmt.Sprintf("ns-%d.awsdns-%02d.net", n+512, (n+1)%64),
		fmt.Sprintf("ns-%d.awsdns-%02d.org", n+1024, (n+2)%64),
		fmt.Sprintf("ns-%d.awsdns-%02d.co.uk", n+1536, (n+3)%64),
	}
}

func uuidOf(seed string) string {
	s := hexOf(seed, 32)
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

func hashInt(seed string) uint64 {
	var n uint64
	for _, c := range hexOf(seed, 15) {
		n = n*16 + uint64(strings.IndexRune("0123456789abcdef", c))
	}
	return n
}
