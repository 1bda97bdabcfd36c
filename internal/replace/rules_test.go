package replace

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

const (
	typCert        = "aws:acm/certificate:Certificate"
	typCertValid   = "aws:acm/certificateValidation:CertificateValidation"
	typLogGroup    = "aws:cloudwatch/logGroup:LogGroup"
	typAlarm       = "aws:cloudwatch/metricAlarm:MetricAlarm"
	typFlowLog     = "aws:ec2/flowLog:FlowLog"
	typIGW         = "aws:ec2/internetGateway:InternetGateway"
	typRoute       = "aws:ec2/route:Route"
	typRTA         = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	typSG          = "aws:ec2/securityGroup:SecurityGroup"
	typSubnet      = "aws:ec2/subnet:Subnet"
	typVpc         = "aws:ec2/vpc:Vpc"
	typRole        = "aws:iam/role:Role"
	typListener    = "aws:lb/listener:Listener"
	typRule        = "aws:lb/listenerRule:ListenerRule"
	typLB          = "aws:lb/loadBalancer:LoadBalancer"
	typTG          = "aws:lb/targetGroup:TargetGroup"
	typRecord      = "aws:route53/record:Record"
	typZone        = "aws:route53/zone:Zone"
	typBucket      = "aws:s3/bucketV2:BucketV2"
	typSubscr      = "aws:sns/topicSubscription:TopicSubscription"
	typIngressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typWebACL      = "aws:wafv2/webAcl:WebAcl"
	typProvider    = "pulumi:providers:aws"
)

// registered are the types the program registers; each needs a rule.
var registered = []string{
	typCert,
	typCertValid,
	typLogGroup,
	"aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
	typAlarm,
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
	typFlowLog,
	typIGW,
	typRoute,
	"aws:ec2/routeTable:RouteTable",
	typRTA,
	typSG,
	typSubnet,
	typVpc,
	typRole,
	"aws:iam/rolePolicy:RolePolicy",
	typListener,
	"aws:lb/listenerCertificate:ListenerCertificate",
	typRule,
	typLB,
	typTG,
	"aws:lb/targetGroupAttachment:TargetGroupAttachment",
	"aws:route53/healthCheck:HealthCheck",
	"aws:route53/queryLog:QueryLog",
	typRecord,
	typZone,
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls",
	"aws:s3/bucketPolicy:BucketPolicy",
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
	typBucket,
	"aws:sns/topic:Topic",
	typSubscr,
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
	typIngressRule,
	typWebACL,
	"aws:wafv2/webAclAssociation:WebAclAssociation",
	"aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
	typProvider,
}

func TestForcesReplacement(t *testing.T) {
	tests := []struct {
		name    string
		typ     string
		changed []string
		want    []string
	}{
		// Target group.
		{"target group port forces", typTG, []string{"port"}, []string{"port"}},
		{"target group healthCheck.path does not", typTG, []string{"healthCheck.path"}, nil},
		{"target group healthCheck.port does not", typTG, []string{"healthCheck.port"}, nil},
		{"target group whole healthCheck does not", typTG, []string{"healthCheck"}, nil},
		{"target group protocol, vpcId, targetType force", typTG,
			[]string{"vpcId", "protocol", "targetType", "deregistrationDelay"},
			[]string{"protocol", "targetType", "vpcId"}},
		{"target group name and namePrefix force", typTG, []string{"namePrefix", "name"}, []string{"name", "namePrefix"}},

		// Zone.
		{"zone name forces", typZone, []string{"name"}, []string{"name"}},
		{"zone comment does not", typZone, []string{"comment", "forceDestroy", "vpcs"}, nil},

		// Record.
		{"record name forces", typRecord, []string{"name"}, []string{"name"}},
		{"record zoneId forces", typRecord, []string{"zoneId"}, []string{"zoneId"}},
		// type is not ForceNew in the provider source: a change deletes and
		// recreates the record set inside one in-place Update.
		{"record type does not (in-place delete+create)", typRecord, []string{"type"}, nil},
		{"record records, ttl, aliases do not", typRecord, []string{"records", "ttl", "aliases", "setIdentifier"}, nil},

		// Certificate.
		{"certificate domainName forces", typCert, []string{"domainName"}, []string{"domainName"}},
		{"certificate SANs force", typCert, []string{"subjectAlternativeNames"}, []string{"subjectAlternativeNames"}},
		{"certificate SAN element forces", typCert, []string{"subjectAlternativeNames[1]"}, []string{"subjectAlternativeNames[1]"}},
		{"certificate validationMethod forces", typCert, []string{"validationMethod"}, []string{"validationMethod"}},
		{"certificate keyAlgorithm forces", typCert, []string{"keyAlgorithm"}, []string{"keyAlgorithm"}},
		{"certificate options does not", typCert, []string{"options", "earlyRenewalDuration"}, nil},
		{"certificate validation certificateArn forces", typCertValid, []string{"certificateArn"}, []string{"certificateArn"}},

		// Listener and rule.
		{"listener loadBalancerArn forces", typListener, []string{"loadBalancerArn"}, []string{"loadBalancerArn"}},
		{"listener port, protocol, certificate do not", typListener,
			[]string{"port", "protocol", "certificateArn", "sslPolicy", "defaultActions"}, nil},
		{"rule listenerArn forces", typRule, []string{"listenerArn"}, []string{"listenerArn"}},
		{"rule priority, actions, conditions do not", typRule, []string{"priority", "actions", "conditions"}, nil},

		// Load balancer (application).
		{"lb internal and type force", typLB, []string{"internal", "loadBalancerType"}, []string{"internal", "loadBalancerType"}},
		{"lb subnets, security groups, idle timeout do not", typLB,
			[]string{"subnets", "securityGroups", "idleTimeout", "accessLogs", "ipAddressType"}, nil},

		// Subnet and VPC.
		{"subnet cidrBlock forces", typSubnet, []string{"cidrBlock"}, []string{"cidrBlock"}},
		{"subnet availabilityZone forces", typSubnet, []string{"availabilityZone"}, []string{"availabilityZone"}},
		{"subnet mapPublicIpOnLaunch does not", typSubnet, []string{"mapPublicIpOnLaunch", "assignIpv6AddressOnCreation"}, nil},
		{"vpc cidrBlock forces", typVpc, []string{"cidrBlock"}, []string{"cidrBlock"}},
		{"vpc dns flags do not", typVpc, []string{"enableDnsHostnames", "enableDnsSupport", "assignGeneratedIpv6CidrBlock"}, nil},

		// Security groups.
		{"security group name forces", typSG, []string{"name"}, []string{"name"}},
		{"security group description forces", typSG, []string{"description"}, []string{"description"}},
		{"security group vpcId forces", typSG, []string{"vpcId"}, []string{"vpcId"}},
		{"security group inline rules do not", typSG, []string{"ingress", "egress[0].cidrBlocks", "revokeRulesOnDelete"}, nil},
		{"ingress rule securityGroupId forces", typIngressRule, []string{"securityGroupId"}, []string{"securityGroupId"}},
		{"ingress rule ports and cidr do not", typIngressRule, []string{"fromPort", "toPort", "cidrIpv4", "description"}, nil},

		// Others.
		{"internet gateway vpcId does not", typIGW, []string{"vpcId"}, nil},
		{"route destination forces, target does not", typRoute,
			[]string{"gatewayId", "destinationCidrBlock"}, []string{"destinationCidrBlock"}},
		{"route table association routeTableId does not", typRTA, []string{"routeTableId"}, nil},
		{"route table association subnetId forces", typRTA, []string{"subnetId"}, []string{"subnetId"}},
		{"role path forces, policy does not", typRole, []string{"assumeRolePolicy", "path"}, []string{"path"}},
		{"alarm name forces, namespace does not", typAlarm, []string{"namespace", "name", "threshold"}, []string{"name"}},
		{"log group retention does not", typLogGroup, []string{"retentionInDays", "kmsKeyId"}, nil},
		{"subscription topic forces", typSubscr, []string{"topic", "rawMessageDelivery"}, []string{"topic"}},
		{"web acl scope forces, rules do not", typWebACL, []string{"rules", "scope", "defaultAction"}, []string{"scope"}},

		// Paths under and above a ForceNew property.
		{"under a ForceNew property counts", typFlowLog,
			[]string{"destinationOptions.fileFormat"}, []string{"destinationOptions.fileFormat"}},
		{"nested ForceNew path", typBucket,
			[]string{"objectLockConfiguration.objectLockEnabled"}, []string{"objectLockConfiguration.objectLockEnabled"}},
		{"parent of a nested ForceNew path counts", typBucket,
			[]string{"objectLockConfiguration"}, []string{"objectLockConfiguration"}},
		{"sibling of a nested ForceNew path does not", typBucket,
			[]string{"objectLockConfiguration.rules", "versionings[0].enabled"}, nil},
		{"bucket name forces", typBucket, []string{"bucket", "forceDestroy"}, []string{"bucket"}},

		// Result shape.
		{"sorted and deduplicated", typTG,
			[]string{"vpcId", "port", "vpcId", "healthCheck.port", "port"}, []string{"port", "vpcId"}},
		{"a name prefix of a ForceNew name does not match", typTG, []string{"portMapping", "names"}, nil},
		{"empty changed", typTG, nil, nil},
		{"empty path ignored", typTG, []string{""}, nil},

		// Types without properties.
		{"provider has none", typProvider, []string{"region"}, nil},
		{"component has no rule", "meething:loadbalancer:LoadBalancer", []string{"name"}, nil},
		{"unknown type", "aws:ec2/eip:Eip", []string{"domain"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ForcesReplacement(tc.typ, tc.changed)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ForcesReplacement(%q, %q) = %q, want %q", tc.typ, tc.changed, got, tc.want)
			}
		})
	}
}

func TestTagsNeverForce(t *testing.T) {
	for typ := range Rules {
		if got := ForcesReplacement(typ, []string{"tags", "tags.Name", "tagsAll"}); got != nil {
			t.Errorf("%s: tags force replacement: %q", typ, got)
		}
		if slices.Contains(Rules[typ].ForceNew, "tags") {
			t.Errorf("%s lists tags", typ)
		}
	}
}

func TestEveryRegisteredTypeHasARule(t *testing.T) {
	for _, typ := range registered {
		if _, ok := Lookup(typ); !ok {
			t.Errorf("no rule for %s", typ)
		}
	}
	for typ := range Rules {
		if !slices.Contains(registered, typ) {
			t.Errorf("rule for %s, which the program does not register", typ)
		}
		if strings.HasPrefix(typ, "meething:") {
			t.Errorf("rule for component %s", typ)
		}
	}
}

func TestRulesAreWellFormed(t *testing.T) {
	for typ, r := range Rules {
		if r.Source == "" {
			t.Errorf("%s: empty Source", typ)
		}
		if r.ForceNew == nil {
			t.Errorf("%s: nil ForceNew (use an empty list)", typ)
		}
		if !slices.IsSorted(r.ForceNew) {
			t.Errorf("%s: ForceNew not sorted: %q", typ, r.ForceNew)
		}
		if len(slices.Compact(slices.Clone(r.ForceNew))) != len(r.ForceNew) {
			t.Errorf("%s: ForceNew has duplicates: %q", typ, r.ForceNew)
		}
		for _, p := range r.ForceNew {
			if p == "" || strings.Contains(p, "_") || strings.ContainsAny(p, "[] ") {
				t.Errorf("%s: %q is not a camelCase property path", typ, p)
			}
			for _, seg := range strings.Split(p, ".") {
				if seg == "" || seg[0] < 'a' || seg[0] > 'z' {
					t.Errorf("%s: %q has a bad segment %q", typ, p, seg)
				}
			}
		}
		if strings.HasPrefix(typ, "aws:") && !strings.HasPrefix(r.Source, "internal/service/") {
			t.Errorf("%s: Source %q is not a provider file", typ, r.Source)
		}
	}
}

func TestLookup(t *testing.T) {
	r, ok := Lookup(typTG)
	if !ok {
		t.Fatal("no target group rule")
	}
	if r.Source != "internal/service/elbv2/target_group.go" {
		t.Errorf("Source = %q", r.Source)
	}
	// The returned list is a copy.
	r.ForceNew[0] = "changed"
	if Rules[typTG].ForceNew[0] == "changed" {
		t.Error("Lookup returned the table's own slice")
	}
	if _, ok := Lookup("meething:network:Network"); ok {
		t.Error("a component has a rule")
	}
	p, ok := Lookup(typProvider)
	if !ok || len(p.ForceNew) != 0 || p.Source == "" {
		t.Errorf("provider rule = %+v, %v", p, ok)
	}
}
