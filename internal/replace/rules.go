// Package replace holds, for every resource type the program registers, the
// input properties whose change makes the provider replace the resource,
// with the Terraform AWS provider file that defines each list. Plain Go: the
// mock, the synth and the diff use it.
//
// The lists are those of the Pulumi AWS provider v6.83.4, which wraps the
// Terraform AWS provider v5.x: an attribute is listed when it is ForceNew
// (SDKv2) or has a RequiresReplace() plan modifier (framework), under its
// Pulumi input name. A replacement that a CustomizeDiff or ModifyPlan forces
// only for some old and new values of other attributes is not listed; its
// entry's comment says when it happens. "tags" never forces replacement.
//
// "name" (a bucket's "bucket") is listed although Pulumi auto-names most
// resources here: changing the explicit value, or the logical name of an
// auto-named resource, replaces it.
package replace

// Rule is one type's replacement rule.
type Rule struct {
	// Source is the Terraform AWS provider file that defines the resource,
	// such as "internal/service/elbv2/target_group.go".
	Source string
	// ForceNew are the Pulumi input property names whose change replaces the
	// resource; a dotted path names a nested property ("healthCheck.port").
	ForceNew []string
}

// Rules are the replacement rules by Pulumi type token.
var Rules = map[string]Rule{
	// aws_acm_certificate. certificate_body, certificate_chain and
	// private_key are not ForceNew (an imported certificate is re-imported
	// in place). validationOptions (validation_option) is a ForceNew set whose
	// nested domain_name and validation_domain are ForceNew too.
	"aws:acm/certificate:Certificate": {
		Source: "internal/service/acm/certificate.go",
		ForceNew: []string{
			"certificateAuthorityArn",
			"domainName",
			"keyAlgorithm",
			"subjectAlternativeNames",
			"validationMethod",
			"validationOptions",
		},
	},
	// aws_acm_certificate_validation has no Update: both inputs are ForceNew.
	"aws:acm/certificateValidation:CertificateValidation": {
		Source: "internal/service/acm/certificate_validation.go",
		ForceNew: []string{
			"certificateArn",
			"validationRecordFqdns",
		},
	},
	// aws_cloudwatch_log_group. kmsKeyId and retentionInDays update in place.
	"aws:cloudwatch/logGroup:LogGroup": {
		Source: "internal/service/logs/group.go",
		ForceNew: []string{
			"logGroupClass",
			"name",
			"namePrefix",
		},
	},
	// aws_cloudwatch_log_resource_policy. Later providers add a ForceNew
	// resource_arn, which is not an input in v6.83.4.
	"aws:cloudwatch/logResourcePolicy:LogResourcePolicy": {
		Source: "internal/service/logs/resource_policy.go",
		ForceNew: []string{
			"policyName",
		},
	},
	// aws_cloudwatch_metric_alarm. Terraform's alarm_name is Pulumi's "name"
	// (the bridge renames it and auto-names it). Every other input is sent
	// again with PutMetricAlarm in place.
	"aws:cloudwatch/metricAlarm:MetricAlarm": {
		Source: "internal/service/cloudwatch/metric_alarm.go",
		ForceNew: []string{
			"name",
		},
	},
	// aws_default_security_group adopts the VPC's default group;
	// description, name and namePrefix are computed only there.
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
		Source: "internal/service/ec2/vpc_default_security_group.go",
		ForceNew: []string{
			"vpcId",
		},
	},
	// aws_flow_log updates tags only; every other input is ForceNew
	// (destinationOptions and its nested fileFormat, hiveCompatiblePartitions
	// and perHourPartition too). logGroupName, v5's deprecated alias of
	// logDestination, is ForceNew as well.
	"aws:ec2/flowLog:FlowLog": {
		Source: "internal/service/ec2/vpc_flow_log.go",
		ForceNew: []string{
			"deliverCrossAccountRole",
			"destinationOptions",
			"eniId",
			"iamRoleArn",
			"logDestination",
			"logDestinationType",
			"logFormat",
			"logGroupName",
			"maxAggregationInterval",
			"subnetId",
			"trafficType",
			"transitGatewayAttachmentId",
			"transitGatewayId",
			"vpcId",
		},
	},
	// aws_internet_gateway: vpcId is Optional+Computed, not ForceNew; a change
	// detaches and re-attaches the same gateway.
	"aws:ec2/internetGateway:InternetGateway": {
		Source:   "internal/service/ec2/vpc_internet_gateway.go",
		ForceNew: []string{},
	},
	// aws_route: the route table and the destination identify the route and
	// are ForceNew; a change of target (gatewayId, natGatewayId, ...) is a
	// ReplaceRoute in place.
	"aws:ec2/route:Route": {
		Source: "internal/service/ec2/vpc_route.go",
		ForceNew: []string{
			"destinationCidrBlock",
			"destinationIpv6CidrBlock",
			"destinationPrefixListId",
			"routeTableId",
		},
	},
	// aws_route_table: the inline routes and propagatingVgws update in place.
	"aws:ec2/routeTable:RouteTable": {
		Source: "internal/service/ec2/vpc_route_table.go",
		ForceNew: []string{
			"vpcId",
		},
	},
	// aws_route_table_association: routeTableId is not ForceNew (it is a
	// ReplaceRouteTableAssociation in place).
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {
		Source: "internal/service/ec2/vpc_route_table_association.go",
		ForceNew: []string{
			"gatewayId",
			"subnetId",
		},
	},
	// aws_security_group: the inline ingress/egress rules update in place.
	"aws:ec2/securityGroup:SecurityGroup": {
		Source: "internal/service/ec2/vpc_security_group.go",
		ForceNew: []string{
			"description",
			"name",
			"namePrefix",
			"vpcId",
		},
	},
	// aws_subnet. CustomizeDiff also forces new on ipv6CidrBlock when it
	// changes and the subnet was created with assignIpv6AddressOnCreation
	// true; not listed, as it depends on another attribute's prior value.
	"aws:ec2/subnet:Subnet": {
		Source: "internal/service/ec2/vpc_subnet.go",
		ForceNew: []string{
			"availabilityZone",
			"availabilityZoneId",
			"cidrBlock",
			"ipv6Native",
			"outpostArn",
			"vpcId",
		},
	},
	// aws_vpc. instanceTenancy is not ForceNew in the schema, but
	// resourceVPCCustomizeDiff forces new on every change of it except
	// dedicated -> default (the only in-place ModifyVpcTenancy), so it is
	// listed. The same CustomizeDiff forces new on cidrBlock unless it is
	// derived from IPAM (ipv4NetmaskLength set), where the change is ignored.
	"aws:ec2/vpc:Vpc": {
		Source: "internal/service/ec2/vpc_.go",
		ForceNew: []string{
			"cidrBlock",
			"instanceTenancy",
			"ipv4IpamPoolId",
			"ipv4NetmaskLength",
		},
	},
	// aws_iam_role: assumeRolePolicy, description, maxSessionDuration,
	// permissionsBoundary and the inline/managed policies update in place.
	"aws:iam/role:Role": {
		Source: "internal/service/iam/role.go",
		ForceNew: []string{
			"name",
			"namePrefix",
			"path",
		},
	},
	// aws_iam_role_policy: the policy document is a PutRolePolicy in place.
	"aws:iam/rolePolicy:RolePolicy": {
		Source: "internal/service/iam/role_policy.go",
		ForceNew: []string{
			"name",
			"namePrefix",
			"role",
		},
	},
	// aws_lb_listener: port, protocol, certificateArn, sslPolicy and the
	// default actions are a ModifyListener in place.
	"aws:lb/listener:Listener": {
		Source: "internal/service/elbv2/listener.go",
		ForceNew: []string{
			"loadBalancerArn",
		},
	},
	// aws_lb_listener_certificate has no update: both arguments are
	// ForceNew.
	"aws:lb/listenerCertificate:ListenerCertificate": {
		Source: "internal/service/elbv2/listener_certificate.go",
		ForceNew: []string{
			"certificateArn",
			"listenerArn",
		},
	},
	// aws_lb_listener_rule: priority is explicitly ForceNew: false
	// (SetRulePriorities); actions and conditions are a ModifyRule.
	"aws:lb/listenerRule:ListenerRule": {
		Source: "internal/service/elbv2/listener_rule.go",
		ForceNew: []string{
			"listenerArn",
		},
	},
	// aws_lb, for an application load balancer. The resource's CustomizeDiff
	// adds conditional replacements not listed here:
	// customizeDiffLoadBalancerNLB (network load balancers only) forces new
	// when subnets or subnetMappings are removed or changed (adding is in
	// place) and when security groups are added to a load balancer that has
	// none or all are removed; customizeDiffLoadBalancerALB (application)
	// forces new on subnetMappings only when an existing mapping changes
	// (adding or removing mappings, and any change of subnets, is in place).
	"aws:lb/loadBalancer:LoadBalancer": {
		Source: "internal/service/elbv2/load_balancer.go",
		ForceNew: []string{
			"customerOwnedIpv4Pool",
			"internal",
			"loadBalancerType",
			"name",
			"namePrefix",
		},
	},
	// aws_lb_target_group. No healthCheck, stickiness or other nested
	// attribute is ForceNew ("healthCheck.path" and "healthCheck.port" update
	// in place).
	"aws:lb/targetGroup:TargetGroup": {
		Source: "internal/service/elbv2/target_group.go",
		ForceNew: []string{
			"ipAddressType",
			"name",
			"namePrefix",
			"port",
			"protocol",
			"protocolVersion",
			"targetType",
			"vpcId",
		},
	},
	// aws_lb_target_group_attachment has no Update: every input is ForceNew.
	"aws:lb/targetGroupAttachment:TargetGroupAttachment": {
		Source: "internal/service/elbv2/target_group_attachment.go",
		ForceNew: []string{
			"availabilityZone",
			"port",
			"targetGroupArn",
			"targetId",
		},
	},
	// aws_route53_query_log has no Update: both inputs are ForceNew.
	"aws:route53/queryLog:QueryLog": {
		Source: "internal/service/route53/query_log.go",
		ForceNew: []string{
			"cloudwatchLogGroupArn",
			"zoneId",
		},
	},
	// aws_route53_record. "type" and "setIdentifier" are NOT ForceNew: on a
	// change of either, resourceRecordUpdate deletes the old record set and
	// creates the new one in one ChangeResourceRecordSets batch, and the
	// Pulumi resource is updated, not replaced.
	"aws:route53/record:Record": {
		Source: "internal/service/route53/record.go",
		ForceNew: []string{
			"name",
			"zoneId",
		},
	},
	// aws_route53_health_check: the alarm it follows, its children and
	// thresholds update in place.
	"aws:route53/healthCheck:HealthCheck": {
		Source: "internal/service/route53/health_check.go",
		ForceNew: []string{
			"measureLatency",
			"referenceName",
			"requestInterval",
			"routingControlArn",
			"type",
		},
	},
	// aws_route53_zone: comment, vpcs and forceDestroy update in place.
	"aws:route53/zone:Zone": {
		Source: "internal/service/route53/zone.go",
		ForceNew: []string{
			"delegationSetId",
			"name",
		},
	},
	// aws_s3_bucket_lifecycle_configuration: both are RequiresReplace.
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": {
		Source: "internal/service/s3/bucket_lifecycle_configuration.go",
		ForceNew: []string{
			"bucket",
			"expectedBucketOwner",
		},
	},
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
		Source: "internal/service/s3/bucket_ownership_controls.go",
		ForceNew: []string{
			"bucket",
		},
	},
	"aws:s3/bucketPolicy:BucketPolicy": {
		Source: "internal/service/s3/bucket_policy.go",
		ForceNew: []string{
			"bucket",
		},
	},
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
		Source: "internal/service/s3/bucket_public_access_block.go",
		ForceNew: []string{
			"bucket",
		},
	},
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": {
		Source: "internal/service/s3/bucket_server_side_encryption_configuration.go",
		ForceNew: []string{
			"bucket",
			"expectedBucketOwner",
		},
	},
	// aws_s3_bucket. Object Lock can only be enabled at creation: the
	// top-level objectLockEnabled and the deprecated
	// object_lock_configuration.0.object_lock_enabled are ForceNew. "bucket"
	// is auto-named by Pulumi when unset.
	"aws:s3/bucketV2:BucketV2": {
		Source: "internal/service/s3/bucket.go",
		ForceNew: []string{
			"bucket",
			"bucketPrefix",
			"objectLockConfiguration.objectLockEnabled",
			"objectLockEnabled",
		},
	},
	// aws_sns_topic: every other attribute is a SetTopicAttributes in place.
	"aws:sns/topic:Topic": {
		Source: "internal/service/sns/topic.go",
		ForceNew: []string{
			"fifoTopic",
			"name",
			"namePrefix",
		},
	},
	// aws_sns_topic_subscription. Terraform's topic_arn is Pulumi's "topic".
	"aws:sns/topicSubscription:TopicSubscription": {
		Source: "internal/service/sns/topic_subscription.go",
		ForceNew: []string{
			"endpoint",
			"protocol",
			"topic",
		},
	},
	// aws_vpc_security_group_egress_rule (framework). The schema is shared
	// with the ingress rule. Besides securityGroupId (RequiresReplace), the
	// shared ModifyPlan requires replacement when the rule's source type
	// changes (which of cidrIpv4, cidrIpv6, prefixListId and
	// referencedSecurityGroupId is set); a new value of the same kind is a
	// ModifySecurityGroupRules in place, so those are not listed.
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
		Source: "internal/service/ec2/vpc_security_group_egress_rule.go (shared schema and ModifyPlan in internal/service/ec2/vpc_security_group_ingress_rule.go)",
		ForceNew: []string{
			"securityGroupId",
		},
	},
	// aws_vpc_security_group_ingress_rule (framework); see the egress rule.
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
		Source: "internal/service/ec2/vpc_security_group_ingress_rule.go",
		ForceNew: []string{
			"securityGroupId",
		},
	},
	// aws_wafv2_web_acl: rules, defaultAction, visibilityConfig and the rest
	// are an UpdateWebACL in place; no nested attribute is ForceNew.
	"aws:wafv2/webAcl:WebAcl": {
		Source: "internal/service/wafv2/web_acl.go",
		ForceNew: []string{
			"name",
			"namePrefix",
			"scope",
		},
	},
	// aws_wafv2_web_acl_association has no Update: both inputs are ForceNew.
	"aws:wafv2/webAclAssociation:WebAclAssociation": {
		Source: "internal/service/wafv2/web_acl_association.go",
		ForceNew: []string{
			"resourceArn",
			"webAclArn",
		},
	},
	// aws_wafv2_web_acl_logging_configuration: Put creates and updates;
	// resource_arn and log_destination_configs are ForceNew, redacted_fields
	// and logging_filter update in place.
	"aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
		Source: "internal/service/wafv2/web_acl_logging_configuration.go",
		ForceNew: []string{
			"logDestinationConfigs",
			"resourceArn",
		},
	},
	// The explicit AWS provider resource.
	"pulumi:providers:aws": {
		Source:   "provider: a change of region or account replaces every resource it manages, which this table does not model",
		ForceNew: []string{},
	},
}
