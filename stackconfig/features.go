package stackconfig

// AccessLogs is meething:accessLogs, the load balancer's access logs (ELB.5).
type AccessLogs struct {
	// Enabled turns access logs on.
	Enabled bool `json:"enabled"`
	// Bucket is an existing bucket to write to; it must already allow the
	// region's load-balancer log delivery. Default: "" (the stack creates a
	// private, encrypted bucket with a lifecycle rule and that policy).
	Bucket string `json:"bucket"`
	// Prefix is the key prefix of the logs.
	Prefix string `json:"prefix"`
	// ExpireAfterDays is how long a created bucket keeps logs.
	ExpireAfterDays int `json:"expireAfterDays" range:"1..3650 days"`
	// ForceDestroy lets `pulumi destroy` (or turning access logs off) delete a
	// created bucket, its settings and the logs in it; otherwise they are
	// retained on delete.
	ForceDestroy bool `json:"forceDestroy"`
}

// FlowLogs is meething:flowLogs, the VPC's flow logs (EC2.6).
type FlowLogs struct {
	// Enabled turns flow logs on.
	Enabled bool `json:"enabled"`
	// Destination is where the flow logs go.
	Destination string `json:"destination" oneof:"cloudwatch|s3"`
	// TrafficType is which connections are logged.
	TrafficType string `json:"trafficType" oneof:"ALL|ACCEPT|REJECT"`
	// RetentionDays is the CloudWatch log group's retention.
	RetentionDays int `json:"retentionDays" want:"a whole number of days that CloudWatch Logs accepts, such as 30, 90 or 365"`
	// BucketArn is the S3 bucket for the s3 destination. Default: "".
	BucketArn string `json:"bucketArn"`
}

// Waf is meething:waf, the WAFv2 web ACL on the load balancer (ELB.16).
type Waf struct {
	// Enabled associates a web ACL with the load balancer.
	Enabled bool `json:"enabled"`
	// WebAclArn is an existing regional web ACL to associate. Default: ""
	// (the stack creates one with AWS's common rule set, known bad inputs,
	// the Amazon IP reputation list and a rate-based rule).
	WebAclArn string `json:"webAclArn"`
	// RateLimit is the requests one IP may send in 5 minutes before the
	// rate-based rule blocks it.
	RateLimit int `json:"rateLimit" range:"10..2000000000 requests per 5 minutes"`
	// RateLimitMode is what the rate rule does: count only counts what it
	// would block.
	RateLimitMode string `json:"rateLimitMode" oneof:"block|count"`
	// RuleGroups set, by managed rule group, block or count and actions
	// for single rules. Default: every group blocks, no overrides.
	RuleGroups map[string]RuleGroupSetting `json:"ruleGroups"`
	// Logging sends the created web ACL's logs (Security Hub WAF.11) to a
	// CloudWatch log group named aws-waf-logs-<name>-<suffix>, retained on
	// delete like the other logs, with the authorization and cookie headers
	// redacted. An existing web ACL (WebAclArn) is logged by its owner.
	Logging bool `json:"logging"`
	// LogRetentionDays is the WAF log group's retention.
	LogRetentionDays int `json:"logRetentionDays" want:"a whole number of days that CloudWatch Logs accepts, such as 30, 90 or 365"`
}

// RuleGroupSetting is one managed rule group's mode in a created web ACL.
type RuleGroupSetting struct {
	// Mode is what the group does: block takes the group's own actions,
	// count only counts, to try a group out first. Default: "", block.
	Mode string `json:"mode" oneof:"|block|count"`
	// Overrides set the action of single rules by name
	// (SizeRestrictions_BODY: count lets uploads over 8 KB through).
	// Default: none.
	Overrides map[string]string `json:"overrides" oneof:"allow|block|count|captcha|challenge"`
}

// Alarms is meething:alarms: CloudWatch alarms sent to an SNS topic.
type Alarms struct {
	// Enabled creates the topic and the alarms.
	Enabled bool `json:"enabled"`
	// Emails are subscribed to the topic. Default: none.
	Emails []string `json:"emails"`
	// LoadBalancer5xx is the ALB's own 5xx count per 5 minutes that raises the
	// alarm.
	LoadBalancer5xx int `json:"loadBalancer5xx" range:"1..1000000"`
	// Target5xx is a target group's 5xx count per 5 minutes that raises its
	// alarm.
	Target5xx int `json:"target5xx" range:"1..1000000"`
	// UnhealthyHosts is the unhealthy host count of a target group that raises
	// its alarm.
	UnhealthyHosts int `json:"unhealthyHosts" range:"1..1000"`
	// CertificateExpiryDays raises the alarm when the certificate has fewer days
	// left.
	CertificateExpiryDays int `json:"certificateExpiryDays" range:"1..395 days"`
}

// QueryLogs is meething:queryLogs, Route53 query logging for the public zone
// (Route53.2), to a log group in us-east-1.
type QueryLogs struct {
	// Enabled turns query logging on.
	Enabled bool `json:"enabled"`
	// RetentionDays is the log group's retention.
	RetentionDays int `json:"retentionDays" want:"a whole number of days that CloudWatch Logs accepts, such as 30, 90 or 365"`
}

// LogRetentionDays are the retention periods CloudWatch Logs accepts.
var LogRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

func defaultAccessLogs() AccessLogs { return AccessLogs{Prefix: "alb", ExpireAfterDays: 90} }

func defaultFlowLogs() FlowLogs {
	return FlowLogs{Destination: "cloudwatch", TrafficType: "ALL", RetentionDays: 90}
}

func defaultWaf() Waf {
	return Waf{RateLimit: 2000, RateLimitMode: "block", RuleGroups: map[string]RuleGroupSetting{}, Logging: true, LogRetentionDays: 90}
}

func defaultAlarms() Alarms {
	return Alarms{Emails: []string{}, LoadBalancer5xx: 10, Target5xx: 10, UnhealthyHosts: 1, CertificateExpiryDays: 30}
}

func defaultQueryLogs() QueryLogs { return QueryLogs{RetentionDays: 30} }
