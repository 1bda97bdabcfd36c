package iampolicy

import "strings"

const (
	s3ARN   = "arn:{partition}:s3:::{name}-*"
	logsARN = "arn:{partition}:logs:*:{account}:*"
)

func init() {
	for token, e := range moreTypes {
		Types[token] = e
	}
}

// nameFrom is the type whose logical names fill {name} in an entry's ARN:
// the bucket's for the bucket's settings, the role's for its policy.
func nameFrom(token string) string {
	switch {
	case strings.HasPrefix(token, "aws:s3/"):
		return "aws:s3/bucketV2:BucketV2"
	case strings.HasPrefix(token, "aws:iam/"):
		return "aws:iam/role:Role"
	}
	return ""
}

// moreTypes are the types outside the load balancer and the network: the
// certificate, DNS, logs, alarms, the WAF, and the access-log bucket.
var moreTypes = map[string]Entry{
	"aws:acm/certificate:Certificate": {
		Source: "internal/service/acm/certificate.go",
		Read:   []string{"acm:DescribeCertificate", "acm:ListTagsForCertificate", "acm:GetCertificate"},
		Create: []string{"acm:RequestCertificate"},
		Update: []string{"acm:UpdateCertificateOptions", "acm:RenewCertificate"},
		Delete: []string{"acm:DeleteCertificate"},
		Tag:    []string{"acm:AddTagsToCertificate", "acm:RemoveTagsFromCertificate"},
		ARN:    "arn:{partition}:acm:{region}:{account}:certificate/*", DeleteTagged: true, TagDocs: acmDocs,
	},
	// A validation only waits: it reads the certificate until it is issued.
	"aws:acm/certificateValidation:CertificateValidation": {
		Source: "internal/service/acm/certificate_validation.go",
		Read:   []string{"acm:DescribeCertificate"},
	},
	// The zone's record writes are the Record entry's; the zone's own writes
	// are scoped away from the zones the stack does not own (Build).
	"aws:route53/zone:Zone": {
		Source: "internal/service/route53/zone.go",
		Read: []string{"route53:GetHostedZone", "route53:ListTagsForResource", "route53:GetChange",
			"route53:ListResourceRecordSets", "route53:GetDNSSEC", "route53:ListHostedZonesByName"},
		Create: []string{"route53:CreateHostedZone"},
		Update: []string{"route53:UpdateHostedZoneComment"},
		Delete: []string{"route53:DeleteHostedZone"},
		Tag:    []string{"route53:ChangeTagsForResource"},
		ARN:    "arn:{partition}:route53:::hostedzone/*",
	},
	// Records are written with route53:ChangeResourceRecordSets, whose
	// statements Build writes per zone with Route 53's condition keys.
	"aws:route53/record:Record": {
		Source: "internal/service/route53/record.go",
		Read:   []string{"route53:ListResourceRecordSets", "route53:GetHostedZone", "route53:GetChange"},
	},
	"aws:route53/queryLog:QueryLog": {
		Source: "internal/service/route53/query_log.go",
		Read:   []string{"route53:GetQueryLoggingConfig", "route53:ListQueryLoggingConfigs"},
		Create: []string{"route53:CreateQueryLoggingConfig"},
		Delete: []string{"route53:DeleteQueryLoggingConfig"},
		ARN:    "arn:{partition}:route53:::*",
	},
	"aws:route53/healthCheck:HealthCheck": {
		Source: "internal/service/route53/health_check.go",
		Read:   []string{"route53:GetHealthCheck", "route53:ListTagsForResource"},
		Create: []string{"route53:CreateHealthCheck"},
		Update: []string{"route53:UpdateHealthCheck"},
		Delete: []string{"route53:DeleteHealthCheck"},
		Tag:    []string{"route53:ChangeTagsForResource"},
		ARN:    "arn:{partition}:route53:::healthcheck/*",
	},
	"aws:cloudwatch/logGroup:LogGroup": {
		Source: "internal/service/logs/group.go",
		Read:   []string{"logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup"},
		Create: []string{"logs:CreateLogGroup", "logs:PutRetentionPolicy"},
		Update: []string{"logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:AssociateKmsKey", "logs:DisassociateKmsKey"},
		Delete: []string{"logs:DeleteLogGroup"},
		Tag:    []string{"logs:TagResource", "logs:UntagResource", "logs:TagLogGroup", "logs:UntagLogGroup"},
		ARN:    logsARN,
	},
	"aws:cloudwatch/logResourcePolicy:LogResourcePolicy": {
		Source: "internal/service/logs/resource_policy.go",
		Read:   []string{"logs:DescribeResourcePolicies"},
		Create: []string{"logs:PutResourcePolicy"},
		Update: []string{"logs:PutResourcePolicy"},
		Delete: []string{"logs:DeleteResourcePolicy"},
		ARN:    logsARN,
	},
	"aws:cloudwatch/metricAlarm:MetricAlarm": {
		Source: "internal/service/cloudwatch/metric_alarm.go",
		Read:   []string{"cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"},
		Create: []string{"cloudwatch:PutMetricAlarm"},
		Update: []string{"cloudwatch:PutMetricAlarm"},
		Delete: []string{"cloudwatch:DeleteAlarms"},
		Tag:    []string{"cloudwatch:TagResource", "cloudwatch:UntagResource"},
		ARN:    "arn:{partition}:cloudwatch:*:{account}:alarm:*", DeleteTagged: true, TagDocs: cwDocs,
	},
	"aws:sns/topic:Topic": {
		Source: "internal/service/sns/topic.go",
		Read:   []string{"sns:GetTopicAttributes", "sns:ListTagsForResource"},
		Create: []string{"sns:CreateTopic", "sns:SetTopicAttributes"},
		Update: []string{"sns:SetTopicAttributes"},
		Delete: []string{"sns:DeleteTopic"},
		Tag:    []string{"sns:TagResource", "sns:UntagResource"},
		ARN:    "arn:{partition}:sns:*:{account}:*",
	},
	"aws:sns/topicSubscription:TopicSubscription": {
		Source: "internal/service/sns/topic_subscription.go",
		Read:   []string{"sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic"},
		Create: []string{"sns:Subscribe", "sns:SetSubscriptionAttributes"},
		Update: []string{"sns:SetSubscriptionAttributes"},
		Delete: []string{"sns:Unsubscribe"},
		ARN:    "arn:{partition}:sns:*:{account}:*",
	},
	"aws:wafv2/webAcl:WebAcl": {
		Source: "internal/service/wafv2/web_acl.go",
		Read:   []string{"wafv2:GetWebACL", "wafv2:ListTagsForResource"},
		Create: []string{"wafv2:CreateWebACL"},
		Update: []string{"wafv2:UpdateWebACL"},
		Delete: []string{"wafv2:DeleteWebACL"},
		Tag:    []string{"wafv2:TagResource", "wafv2:UntagResource"},
		ARN:    "arn:{partition}:wafv2:{region}:{account}:regional/*", DeleteTagged: true, TagDocs: wafDocs,
	},
	// Associating a web ACL acts on the load balancer too
	// (elasticloadbalancing:SetWebAcl).
	"aws:wafv2/webAclAssociation:WebAclAssociation": {
		Source: "internal/service/wafv2/web_acl_association.go",
		Read:   []string{"wafv2:GetWebACLForResource"},
		Create: []string{"wafv2:AssociateWebACL", "elasticloadbalancing:SetWebAcl"},
		Delete: []string{"wafv2:DisassociateWebACL", "elasticloadbalancing:SetWebAcl"},
		ARN:    "arn:{partition}:*:{region}:{account}:*",
	},
	"aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
		Source: "internal/service/wafv2/web_acl_logging_configuration.go",
		Read:   []string{"wafv2:GetLoggingConfiguration", "logs:DescribeResourcePolicies"},
		Create: []string{"wafv2:PutLoggingConfiguration", "logs:CreateLogDelivery", "logs:PutResourcePolicy"},
		Update: []string{"wafv2:PutLoggingConfiguration"},
		Delete: []string{"wafv2:DeleteLoggingConfiguration", "logs:DeleteLogDelivery"},
		ARN:    "arn:{partition}:*:*:{account}:*",
	},
	// The flow-log role: scoped to roles named after the logical names of
	// the plan's roles ({name}), which is also all it may pass.
	"aws:iam/role:Role": {
		Source: "internal/service/iam/role.go",
		Read:   []string{"iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoleTags", "iam:ListInstanceProfilesForRole"},
		Create: []string{"iam:CreateRole", "iam:PassRole"},
		Update: []string{"iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRoleDescription"},
		Delete: []string{"iam:DeleteRole"},
		Tag:    []string{"iam:TagRole", "iam:UntagRole"},
		ARN:    "arn:{partition}:iam::{account}:role/{name}-*",
	},
	"aws:iam/rolePolicy:RolePolicy": {
		Source: "internal/service/iam/role_policy.go",
		Read:   []string{"iam:GetRolePolicy"},
		Create: []string{"iam:PutRolePolicy"},
		Update: []string{"iam:PutRolePolicy"},
		Delete: []string{"iam:DeleteRolePolicy"},
		ARN:    "arn:{partition}:iam::{account}:role/{name}-*",
	},
	"aws:s3/bucketV2:BucketV2": {
		Source: "internal/service/s3/bucket.go",
		Read: []string{"s3:ListBucket", "s3:GetBucketTagging", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS",
			"s3:GetBucketWebsite", "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment",
			"s3:GetBucketLogging", "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration",
			"s3:GetBucketObjectLockConfiguration", "s3:GetBucketLocation", "s3:ListBucketVersions"},
		Create: []string{"s3:CreateBucket"},
		// forceDestroy empties the bucket first.
		Delete: []string{"s3:DeleteBucket", "s3:DeleteObject", "s3:DeleteObjectVersion"},
		Tag:    []string{"s3:PutBucketTagging"},
		ARN:    s3ARN,
	},
	"aws:s3/bucketPolicy:BucketPolicy": {
		Source: "internal/service/s3/bucket_policy.go",
		Read:   []string{"s3:GetBucketPolicy"},
		Create: []string{"s3:PutBucketPolicy"},
		Update: []string{"s3:PutBucketPolicy"},
		Delete: []string{"s3:DeleteBucketPolicy"},
		ARN:    s3ARN,
	},
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
		Source: "internal/service/s3/bucket_public_access_block.go",
		Read:   []string{"s3:GetBucketPublicAccessBlock"},
		Create: []string{"s3:PutBucketPublicAccessBlock"},
		Update: []string{"s3:PutBucketPublicAccessBlock"},
		Delete: []string{"s3:PutBucketPublicAccessBlock"},
		ARN:    s3ARN,
	},
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
		Source: "internal/service/s3/bucket_ownership_controls.go",
		Read:   []string{"s3:GetBucketOwnershipControls"},
		Create: []string{"s3:PutBucketOwnershipControls"},
		Update: []string{"s3:PutBucketOwnershipControls"},
		Delete: []string{"s3:PutBucketOwnershipControls"},
		ARN:    s3ARN,
	},
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": {
		Source: "internal/service/s3/bucket_lifecycle_configuration.go",
		Read:   []string{"s3:GetLifecycleConfiguration"},
		Create: []string{"s3:PutLifecycleConfiguration"},
		Update: []string{"s3:PutLifecycleConfiguration"},
		Delete: []string{"s3:PutLifecycleConfiguration"},
		ARN:    s3ARN,
	},
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": {
		Source: "internal/service/s3/bucket_server_side_encryption_configuration.go",
		Read:   []string{"s3:GetEncryptionConfiguration"},
		Create: []string{"s3:PutEncryptionConfiguration"},
		Update: []string{"s3:PutEncryptionConfiguration"},
		Delete: []string{"s3:PutEncryptionConfiguration"},
		ARN:    s3ARN,
	},
}
