package iampolicy

// Entry is what the Terraform AWS provider (which pulumi-aws v6 wraps)
// calls for one resource type: the IAM actions of its create, read, update,
// tag and delete functions, read off Source, the provider file that holds
// them (github.com/hashicorp/terraform-provider-aws, internal/service/...).
type Entry struct {
	Source string
	// Read are the actions of the read function, which create, update,
	// refresh and import call too. They go to both roles.
	Read []string
	// Create, Update, Delete and Tag are the writes; deploy roles only.
	Create, Update, Delete, Tag []string
	// ARN is the resource the writes act on, with {partition}, {region},
	// {account} and {name} (the resource's logical name, the prefix of the
	// physical name Pulumi gives it) to fill in.
	ARN string
	// Tagged says the service authorizes these actions on the stack's tags
	// (aws:RequestTag on Create and Tag, aws:ResourceTag on Update, Delete
	// and Tag), as the service authorization reference lists them at
	// TagDocs. Only Delete is scoped when DeleteTagged is set instead.
	Tagged, DeleteTagged bool
	TagDocs              string
	// LinkedRole is the service whose service-linked role the first
	// create in an account makes (iam:CreateServiceLinkedRole, for that
	// service only).
	LinkedRole string
}

// The service authorization reference pages that list which actions take
// which condition keys.
const (
	elbv2Docs = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html"
	ec2Docs   = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html"
	acmDocs   = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscertificatemanager.html"
	cwDocs    = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html"
	wafDocs   = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awswafv2.html"
	// Route53Docs is the Route 53 guide on its condition keys and how their
	// values are normalized.
	Route53Docs = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-conditions-route53.html"
)

const (
	elbARN  = "arn:{partition}:elasticloadbalancing:{region}:{account}:*"
	ec2ARN  = "arn:{partition}:ec2:{region}:{account}:*"
	elbRead = "elasticloadbalancing:DescribeTags"
)

// Types is the table: every resource type the program can register, by its
// Pulumi type token. A type missing here fails Build, naming it.
var Types = map[string]Entry{
	// The delete also detaches and deletes the load balancer's network
	// interfaces, but only logs a failure: those writes are left out.
	"aws:lb/loadBalancer:LoadBalancer": {
		Source: "internal/service/elbv2/load_balancer.go",
		Read: []string{"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
			"elasticloadbalancing:DescribeCapacityReservation", elbRead, "ec2:DescribeNetworkInterfaces"},
		Create: []string{"elasticloadbalancing:CreateLoadBalancer"},
		Update: []string{"elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups",
			"elasticloadbalancing:SetSubnets", "elasticloadbalancing:SetIpAddressType", "elasticloadbalancing:ModifyCapacityReservation"},
		Delete: []string{"elasticloadbalancing:DeleteLoadBalancer"},
		Tag:    []string{"elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		ARN:    elbARN, Tagged: true, TagDocs: elbv2Docs,
		// https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html
		LinkedRole: "elasticloadbalancing.amazonaws.com",
	},
	"aws:lb/listener:Listener": {
		Source: "internal/service/elbv2/listener.go",
		Read:   []string{"elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes", elbRead},
		Create: []string{"elasticloadbalancing:CreateListener"},
		Update: []string{"elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyListenerAttributes"},
		Delete: []string{"elasticloadbalancing:DeleteListener"},
		Tag:    []string{"elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		ARN:    elbARN, Tagged: true, TagDocs: elbv2Docs,
	},
	"aws:lb/listenerRule:ListenerRule": {
		Source: "internal/service/elbv2/listener_rule.go",
		Read:   []string{"elasticloadbalancing:DescribeRules", elbRead},
		Create: []string{"elasticloadbalancing:CreateRule"},
		Update: []string{"elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities"},
		Delete: []string{"elasticloadbalancing:DeleteRule"},
		Tag:    []string{"elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		ARN:    elbARN, Tagged: true, TagDocs: elbv2Docs,
	},
	"aws:lb/listenerCertificate:ListenerCertificate": {
		Source: "internal/service/elbv2/listener_certificate.go",
		Read:   []string{"elasticloadbalancing:DescribeListenerCertificates"},
		Create: []string{"elasticloadbalancing:AddListenerCertificates"},
		Delete: []string{"elasticloadbalancing:RemoveListenerCertificates"},
		ARN:    elbARN, Tagged: true, TagDocs: elbv2Docs,
	},
	"aws:lb/targetGroup:TargetGroup": {
		Source: "internal/service/elbv2/target_group.go",
		Read:   []string{"elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes", elbRead},
		Create: []string{"elasticloadbalancing:CreateTargetGroup"},
		Update: []string{"elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes"},
		Delete: []string{"elasticloadbalancing:DeleteTargetGroup"},
		Tag:    []string{"elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"},
		ARN:    elbARN, Tagged: true, TagDocs: elbv2Docs,
	},
	"aws:lb/targetGroupAttachment:TargetGroupAttachment": {
		Source: "internal/service/elbv2/target_group_attachment.go",
		Read:   []string{"elasticloadbalancing:DescribeTargetHealth"},
		Create: []string{"elasticloadbalancing:RegisterTargets"},
		Delete: []string{"elasticloadbalancing:DeregisterTargets"},
		ARN:    elbARN, Tagged: true, TagDocs: elbv2Docs,
	},

	"aws:ec2/vpc:Vpc": {
		Source: "internal/service/ec2/vpc_.go",
		Read: []string{"ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups",
			"ec2:DescribeNetworkAcls", "ec2:DescribeVpcClassicLink", "ec2:DescribeVpcClassicLinkDnsSupport", "ec2:DescribeTags"},
		Create: []string{"ec2:CreateVpc"},
		Update: []string{"ec2:ModifyVpcAttribute", "ec2:AssociateVpcCidrBlock", "ec2:DisassociateVpcCidrBlock", "ec2:ModifyVpcTenancy"},
		Delete: []string{"ec2:DeleteVpc"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN, DeleteTagged: true, TagDocs: ec2Docs,
	},
	"aws:ec2/subnet:Subnet": {
		Source: "internal/service/ec2/vpc_subnet.go",
		Read:   []string{"ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces"},
		Create: []string{"ec2:CreateSubnet"},
		Update: []string{"ec2:ModifySubnetAttribute", "ec2:AssociateSubnetCidrBlock", "ec2:DisassociateSubnetCidrBlock"},
		Delete: []string{"ec2:DeleteSubnet"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN, DeleteTagged: true, TagDocs: ec2Docs,
	},
	"aws:ec2/internetGateway:InternetGateway": {
		Source: "internal/service/ec2/vpc_internet_gateway.go",
		Read:   []string{"ec2:DescribeInternetGateways"},
		Create: []string{"ec2:CreateInternetGateway", "ec2:AttachInternetGateway"},
		Update: []string{"ec2:AttachInternetGateway", "ec2:DetachInternetGateway"},
		Delete: []string{"ec2:DetachInternetGateway", "ec2:DeleteInternetGateway"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN, DeleteTagged: true, TagDocs: ec2Docs,
	},
	"aws:ec2/routeTable:RouteTable": {
		Source: "internal/service/ec2/vpc_route_table.go",
		Read:   []string{"ec2:DescribeRouteTables"},
		Create: []string{"ec2:CreateRouteTable"},
		Update: []string{"ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:EnableVgwRoutePropagation", "ec2:DisableVgwRoutePropagation"},
		Delete: []string{"ec2:DeleteRouteTable"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN, DeleteTagged: true, TagDocs: ec2Docs,
	},
	"aws:ec2/route:Route": {
		Source: "internal/service/ec2/vpc_route.go",
		Read:   []string{"ec2:DescribeRouteTables"},
		Create: []string{"ec2:CreateRoute"},
		Update: []string{"ec2:ReplaceRoute"},
		Delete: []string{"ec2:DeleteRoute"},
		ARN:    ec2ARN,
	},
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {
		Source: "internal/service/ec2/vpc_route_table_association.go",
		Read:   []string{"ec2:DescribeRouteTables"},
		Create: []string{"ec2:AssociateRouteTable"},
		Update: []string{"ec2:ReplaceRouteTableAssociation"},
		Delete: []string{"ec2:DisassociateRouteTable"},
		ARN:    ec2ARN,
	},
	"aws:ec2/securityGroup:SecurityGroup": {
		Source: "internal/service/ec2/vpc_security_group.go",
		Read:   []string{"ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules", "ec2:DescribeNetworkInterfaces"},
		Create: []string{"ec2:CreateSecurityGroup", "ec2:RevokeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupEgress"},
		Update: []string{"ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
			"ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"},
		Delete: []string{"ec2:DeleteSecurityGroup"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN, DeleteTagged: true, TagDocs: ec2Docs,
	},
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
		Source: "internal/service/ec2/vpc_default_security_group.go",
		Read:   []string{"ec2:DescribeSecurityGroups"},
		Create: []string{"ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"},
		Update: []string{"ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
			"ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"},
		Tag: []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN: ec2ARN,
	},
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
		Source: "internal/service/ec2/vpc_security_group_ingress_rule.go",
		Read:   []string{"ec2:DescribeSecurityGroupRules"},
		Create: []string{"ec2:AuthorizeSecurityGroupIngress"},
		Update: []string{"ec2:ModifySecurityGroupRules"},
		Delete: []string{"ec2:RevokeSecurityGroupIngress"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN,
	},
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
		Source: "internal/service/ec2/vpc_security_group_egress_rule.go",
		Read:   []string{"ec2:DescribeSecurityGroupRules"},
		Create: []string{"ec2:AuthorizeSecurityGroupEgress"},
		Update: []string{"ec2:ModifySecurityGroupRules"},
		Delete: []string{"ec2:RevokeSecurityGroupEgress"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN,
	},
	"aws:ec2/flowLog:FlowLog": {
		Source: "internal/service/ec2/vpc_flow_log.go",
		Read:   []string{"ec2:DescribeFlowLogs"},
		Create: []string{"ec2:CreateFlowLogs"},
		Delete: []string{"ec2:DeleteFlowLogs"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN, DeleteTagged: true, TagDocs: ec2Docs,
	},
	"aws:ec2/eip:Eip": {
		Source: "internal/service/ec2/ec2_eip.go",
		Read:   []string{"ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"},
		Create: []string{"ec2:AllocateAddress"},
		Update: []string{"ec2:AssociateAddress", "ec2:DisassociateAddress", "ec2:ModifyAddressAttribute"},
		Delete: []string{"ec2:ReleaseAddress", "ec2:DisassociateAddress"},
		Tag:    []string{"ec2:CreateTags", "ec2:DeleteTags"},
		ARN:    ec2ARN, DeleteTagged: true, TagDocs: ec2Docs,
	},
}
