package stackconfig

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// featureCase is one value of a production control that breaks a rule.
type featureCase struct {
	name  string
	key   string // the config key set, such as meething:waf
	json  string // its value
	pKey  string // the problem's key
	value string // the problem's value
	rule  string // a phrase the rule must contain
}

func featureCases() []featureCase {
	long := strings.Repeat("p", 201)
	return []featureCase{
		// meething:accessLogs
		{name: "bucket uppercase", key: "meething:accessLogs", json: `{"enabled":true,"bucket":"Meething-Logs"}`, pKey: "meething:accessLogs.bucket", value: "Meething-Logs", rule: "is not an S3 bucket name: only lowercase letters, digits, dots and hyphens"},
		{name: "bucket too short", key: "meething:accessLogs", json: `{"enabled":true,"bucket":"ab"}`, pKey: "meething:accessLogs.bucket", value: "ab", rule: "is not an S3 bucket name"},
		{name: "bucket too long", key: "meething:accessLogs", json: `{"enabled":true,"bucket":"` + strings.Repeat("b", 64) + `"}`, pKey: "meething:accessLogs.bucket", value: strings.Repeat("b", 64), rule: "is not an S3 bucket name"},
		{name: "bucket with two dots", key: "meething:accessLogs", json: `{"enabled":true,"bucket":"meething..logs"}`, pKey: "meething:accessLogs.bucket", value: "meething..logs", rule: "is not an S3 bucket name"},
		{name: "bucket ending in hyphen", key: "meething:accessLogs", json: `{"enabled":true,"bucket":"meething-logs-"}`, pKey: "meething:accessLogs.bucket", value: "meething-logs-", rule: "is not an S3 bucket name"},
		{name: "bucket given as ARN", key: "meething:accessLogs", json: `{"enabled":true,"bucket":"arn:aws:s3:::meething-logs"}`, pKey: "meething:accessLogs.bucket", value: "arn:aws:s3:::meething-logs", rule: "is not an S3 bucket name"},
		{name: "prefix with leading slash", key: "meething:accessLogs", json: `{"enabled":true,"prefix":"/alb"}`, pKey: "meething:accessLogs.prefix", value: "/alb", rule: "not start or end with / and not contain AWSLogs (ELB adds it)"},
		{name: "prefix with trailing slash", key: "meething:accessLogs", json: `{"enabled":true,"prefix":"alb/"}`, pKey: "meething:accessLogs.prefix", value: "alb/", rule: "not start or end with /"},
		{name: "prefix containing AWSLogs", key: "meething:accessLogs", json: `{"enabled":true,"prefix":"edge/AWSLogs"}`, pKey: "meething:accessLogs.prefix", value: "edge/AWSLogs", rule: "contain AWSLogs (ELB adds it)"},
		{name: "prefix too long", key: "meething:accessLogs", json: `{"enabled":true,"prefix":"` + long + `"}`, pKey: "meething:accessLogs.prefix", value: long, rule: "must be 1 to 200 characters"},
		{name: "prefix empty", key: "meething:accessLogs", json: `{"enabled":true,"prefix":""}`, pKey: "meething:accessLogs.prefix", value: "", rule: "must be 1 to 200 characters"},
		{name: "expiry zero", key: "meething:accessLogs", json: `{"enabled":true,"expireAfterDays":0}`, pKey: "meething:accessLogs.expireAfterDays", value: "0", rule: "must be 1 to 3650 days"},
		{name: "expiry negative", key: "meething:accessLogs", json: `{"enabled":true,"expireAfterDays":-1}`, pKey: "meething:accessLogs.expireAfterDays", value: "-1", rule: "must be 1 to 3650 days"},
		{name: "expiry over ten years", key: "meething:accessLogs", json: `{"enabled":true,"expireAfterDays":3651}`, pKey: "meething:accessLogs.expireAfterDays", value: "3651", rule: "must be 1 to 3650 days"},

		// meething:flowLogs
		{name: "bucket ARN with cloudwatch", key: "meething:flowLogs", json: `{"enabled":true,"bucketArn":"arn:aws:s3:::flow-logs"}`, pKey: "meething:flowLogs.bucketArn", value: "arn:aws:s3:::flow-logs", rule: "is only for destination s3"},
		{name: "s3 without bucket ARN", key: "meething:flowLogs", json: `{"enabled":true,"destination":"s3"}`, pKey: "meething:flowLogs.bucketArn", value: "", rule: "must be an S3 bucket ARN (arn:aws:s3:::name, or arn:aws:s3:::name/subfolder) for destination s3"},
		{name: "s3 with a bucket name", key: "meething:flowLogs", json: `{"enabled":true,"destination":"s3","bucketArn":"flow-logs"}`, pKey: "meething:flowLogs.bucketArn", value: "flow-logs", rule: "must be an S3 bucket ARN"},
		{name: "s3 with a wildcard", key: "meething:flowLogs", json: `{"enabled":true,"destination":"s3","bucketArn":"arn:aws:s3:::flow-logs/*"}`, pKey: "meething:flowLogs.bucketArn", value: "arn:aws:s3:::flow-logs/*", rule: "must be an S3 bucket ARN"},
		{name: "unknown destination", key: "meething:flowLogs", json: `{"enabled":true,"destination":"kinesis"}`, pKey: "meething:flowLogs.destination", value: "kinesis", rule: "must be cloudwatch or s3"},
		{name: "destination in capitals", key: "meething:flowLogs", json: `{"enabled":true,"destination":"CloudWatch"}`, pKey: "meething:flowLogs.destination", value: "CloudWatch", rule: "must be cloudwatch or s3"},
		{name: "traffic type lowercase", key: "meething:flowLogs", json: `{"enabled":true,"trafficType":"all"}`, pKey: "meething:flowLogs.trafficType", value: "all", rule: "must be ALL, ACCEPT or REJECT"},
		{name: "traffic type empty", key: "meething:flowLogs", json: `{"enabled":true,"trafficType":""}`, pKey: "meething:flowLogs.trafficType", value: "", rule: "must be ALL, ACCEPT or REJECT"},
		{name: "flow log retention not accepted", key: "meething:flowLogs", json: `{"enabled":true,"retentionDays":100}`, pKey: "meething:flowLogs.retentionDays", value: "100", rule: "is not a retention CloudWatch Logs accepts: one of 1, 3, 5, 7, 14, 30"},
		{name: "flow log retention zero", key: "meething:flowLogs", json: `{"enabled":true,"retentionDays":0}`, pKey: "meething:flowLogs.retentionDays", value: "0", rule: "is not a retention CloudWatch Logs accepts"},

		// meething:waf
		{name: "web ACL of CloudFront scope", key: "meething:waf", json: `{"enabled":true,"webAclArn":"arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}`, pKey: "meething:waf.webAclArn", value: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", rule: "is not a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)"},
		{name: "web ACL of WAF classic", key: "meething:waf", json: `{"enabled":true,"webAclArn":"arn:aws:waf-regional:ap-northeast-2:123456789012:webacl/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}`, pKey: "meething:waf.webAclArn", value: "arn:aws:waf-regional:ap-northeast-2:123456789012:webacl/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", rule: "is not a regional WAFv2 web ACL ARN"},
		{name: "web ACL name only", key: "meething:waf", json: `{"enabled":true,"webAclArn":"edge-acl"}`, pKey: "meething:waf.webAclArn", value: "edge-acl", rule: "is not a regional WAFv2 web ACL ARN"},
		{name: "rate limit below 10", key: "meething:waf", json: `{"enabled":true,"rateLimit":9}`, pKey: "meething:waf.rateLimit", value: "9", rule: "must be 10 to 2000000000 requests per 5 minutes"},
		{name: "rate limit zero", key: "meething:waf", json: `{"enabled":true,"rateLimit":0}`, pKey: "meething:waf.rateLimit", value: "0", rule: "must be 10 to 2000000000"},
		{name: "rate limit too high", key: "meething:waf", json: `{"enabled":true,"rateLimit":2000000001}`, pKey: "meething:waf.rateLimit", value: "2000000001", rule: "must be 10 to 2000000000"},

		// meething:alarms
		{name: "email with display name", key: "meething:alarms", json: `{"enabled":true,"emails":["On call <oncall@meething.net>"]}`, pKey: "meething:alarms.emails[0]", value: "On call <oncall@meething.net>", rule: "is not a bare email address such as oncall@example.com"},
		{name: "email without domain", key: "meething:alarms", json: `{"enabled":true,"emails":["ok@meething.net","oncall"]}`, pKey: "meething:alarms.emails[1]", value: "oncall", rule: "is not a bare email address"},
		{name: "email empty", key: "meething:alarms", json: `{"enabled":true,"emails":[""]}`, pKey: "meething:alarms.emails[0]", value: "", rule: "is not a bare email address"},
		{name: "email listed twice", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net","ops@meething.net","oncall@meething.net"]}`, pKey: "meething:alarms.emails[2]", value: "oncall@meething.net", rule: "is listed twice"},
		{name: "no email", key: "meething:alarms", json: `{"enabled":true}`, pKey: "meething:alarms.emails", value: "[]", rule: "must name at least one address when alarms are enabled"},
		{name: "email listed twice in other case", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net","OnCall@Meething.net"]}`, pKey: "meething:alarms.emails[1]", value: "OnCall@Meething.net", rule: "is listed twice"},
		{name: "ALB 5xx zero", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"loadBalancer5xx":0}`, pKey: "meething:alarms.loadBalancer5xx", value: "0", rule: "must be 1 to 1000000"},
		{name: "ALB 5xx too high", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"loadBalancer5xx":1000001}`, pKey: "meething:alarms.loadBalancer5xx", value: "1000001", rule: "must be 1 to 1000000"},
		{name: "target 5xx zero", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"target5xx":0}`, pKey: "meething:alarms.target5xx", value: "0", rule: "must be 1 to 1000000"},
		{name: "target 5xx too high", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"target5xx":1000001}`, pKey: "meething:alarms.target5xx", value: "1000001", rule: "must be 1 to 1000000"},
		{name: "unhealthy hosts zero", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"unhealthyHosts":0}`, pKey: "meething:alarms.unhealthyHosts", value: "0", rule: "must be 1 to 1000"},
		{name: "unhealthy hosts too high", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"unhealthyHosts":1001}`, pKey: "meething:alarms.unhealthyHosts", value: "1001", rule: "must be 1 to 1000"},
		{name: "certificate expiry zero", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"certificateExpiryDays":0}`, pKey: "meething:alarms.certificateExpiryDays", value: "0", rule: "must be 1 to 395"},
		{name: "certificate expiry beyond validity", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"certificateExpiryDays":396}`, pKey: "meething:alarms.certificateExpiryDays", value: "396", rule: "must be 1 to 395"},

		// meething:queryLogs
		{name: "waf log retention not accepted", key: "meething:waf", json: `{"enabled":true,"logRetentionDays":45}`, pKey: "meething:waf.logRetentionDays", value: "45", rule: "is not a retention CloudWatch Logs accepts: one of 1, 3, 5"},
		{name: "waf logging not a boolean", key: "meething:waf", json: `{"enabled":true,"logging":"yes"}`, pKey: "meething:waf.logging", value: "yes", rule: "is text; want true or false"},
		{name: "query log retention not accepted", key: "meething:queryLogs", json: `{"enabled":true,"retentionDays":31}`, pKey: "meething:queryLogs.retentionDays", value: "31", rule: "is not a retention CloudWatch Logs accepts: one of 1, 3, 5"},
		{name: "query log retention zero", key: "meething:queryLogs", json: `{"enabled":true,"retentionDays":0}`, pKey: "meething:queryLogs.retentionDays", value: "0", rule: "is not a retention CloudWatch Logs accepts"},
		{name: "query log retention never expire", key: "meething:queryLogs", json: `{"enabled":true,"retentionDays":-1}`, pKey: "meething:queryLogs.retentionDays", value: "-1", rule: "3288, 3653"},
	}
}

func TestValidateFeatures(t *testing.T) {
	for _, tc := range featureCases() {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(kv(tc.key, tc.json))
			assert.Nil(t, cfg)
			ps := problemsOf(t, err)
			require.Len(t, ps, 1, "exactly one problem: %v", err)
			p := ps[0]
			assert.Equal(t, tc.pKey, p.Key)
			assert.Equal(t, tc.value, p.Value)
			assert.Contains(t, p.Rule, tc.rule)
			assert.Contains(t, err.Error(), tc.pKey+": "+quoteValue(tc.value)+" "+p.Rule)
		})
	}
}

// Every value the rules allow, at the edges of their ranges, is accepted.
func TestValidateFeaturesBoundariesAccepted(t *testing.T) {
	tests := map[string][2]string{
		"shortest bucket name":              {"meething:accessLogs", `{"enabled":true,"bucket":"abc"}`},
		"longest bucket name":               {"meething:accessLogs", `{"enabled":true,"bucket":"` + strings.Repeat("b", 63) + `"}`},
		"bucket with dots and hyphens":      {"meething:accessLogs", `{"enabled":true,"bucket":"logs.meething-edge.1"}`},
		"nested prefix":                     {"meething:accessLogs", `{"enabled":true,"prefix":"edge/prod/alb"}`},
		"prefix of 200 characters":          {"meething:accessLogs", `{"enabled":true,"prefix":"` + strings.Repeat("p", 200) + `"}`},
		"expiry 1 day":                      {"meething:accessLogs", `{"enabled":true,"expireAfterDays":1}`},
		"expiry 3650 days":                  {"meething:accessLogs", `{"enabled":true,"expireAfterDays":3650,"forceDestroy":true}`},
		"flow logs to s3":                   {"meething:flowLogs", `{"enabled":true,"destination":"s3","bucketArn":"arn:aws:s3:::flow-logs"}`},
		"flow logs to s3 under a path":      {"meething:flowLogs", `{"enabled":true,"destination":"s3","bucketArn":"arn:aws:s3:::flow-logs/vpc/edge"}`},
		"flow logs to s3 in GovCloud":       {"meething:flowLogs", `{"enabled":true,"destination":"s3","bucketArn":"arn:aws-us-gov:s3:::flow-logs"}`},
		"flow logs ACCEPT":                  {"meething:flowLogs", `{"enabled":true,"trafficType":"ACCEPT"}`},
		"flow logs REJECT, 10 years":        {"meething:flowLogs", `{"enabled":true,"trafficType":"REJECT","retentionDays":3653}`},
		"existing web ACL":                  {"meething:waf", `{"enabled":true,"webAclArn":"arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/edge_acl-1/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}`},
		"rate limit 10":                     {"meething:waf", `{"enabled":true,"rateLimit":10}`},
		"rate limit 2000000000":             {"meething:waf", `{"enabled":true,"rateLimit":2000000000}`},
		"two emails":                        {"meething:alarms", `{"enabled":true,"emails":["oncall@meething.net","edge+alerts@ops.meething.net"]}`},
		"alarm thresholds at their minimum": {"meething:alarms", `{"enabled":true,"emails":["oncall@meething.net"],"loadBalancer5xx":1,"target5xx":1,"unhealthyHosts":1,"certificateExpiryDays":1}`},
		"alarm thresholds at their maximum": {"meething:alarms", `{"enabled":true,"emails":["oncall@meething.net"],"loadBalancer5xx":1000000,"target5xx":1000000,"unhealthyHosts":1000,"certificateExpiryDays":395}`},
		"query logs one day":                {"meething:queryLogs", `{"enabled":true,"retentionDays":1}`},
		"waf logs a year":                   {"meething:waf", `{"enabled":true,"logRetentionDays":365}`},
		"waf logging off":                   {"meething:waf", `{"enabled":true,"logging":false}`},
	}
	for _, d := range LogRetentionDays {
		tests["query log retention "+strconv.Itoa(d)] = [2]string{"meething:queryLogs", `{"enabled":true,"retentionDays":` + strconv.Itoa(d) + `}`}
		tests["flow log retention "+strconv.Itoa(d)] = [2]string{"meething:flowLogs", `{"enabled":true,"retentionDays":` + strconv.Itoa(d) + `}`}
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			cfg, err := parse(kv(tc[0], tc[1]))
			require.NoError(t, err)
			require.NotNil(t, cfg)
		})
	}
}

// Every problem of the controls is reported at once, with those of other
// keys.
func TestValidateFeaturesReportsEveryProblem(t *testing.T) {
	_, err := parse(kv(
		"meething:idleTimeout", "0",
		"meething:accessLogs", `{"enabled":true,"prefix":"/x","expireAfterDays":0}`,
		"meething:flowLogs", `{"enabled":true,"destination":"s3","trafficType":"any"}`,
		"meething:waf", `{"enabled":true,"rateLimit":1}`,
		"meething:alarms", `{"enabled":true,"emails":["x"],"unhealthyHosts":0}`,
		"meething:queryLogs", `{"enabled":true,"retentionDays":2}`,
	))
	ps := problemsOf(t, err)
	var keys []string
	for _, p := range ps {
		keys = append(keys, p.Key)
	}
	assert.ElementsMatch(t, []string{
		"meething:idleTimeout",
		"meething:accessLogs.prefix", "meething:accessLogs.expireAfterDays",
		"meething:flowLogs.bucketArn", "meething:flowLogs.trafficType",
		"meething:waf.rateLimit",
		"meething:alarms.emails[0]", "meething:alarms.unhealthyHosts",
		"meething:queryLogs.retentionDays",
	}, keys)
}

func TestFeatureDefaults(t *testing.T) {
	cfg, err := parse(nil)
	require.NoError(t, err)
	assert.Equal(t, AccessLogs{Prefix: "alb", ExpireAfterDays: 90}, cfg.AccessLogs)
	assert.Equal(t, FlowLogs{Destination: "cloudwatch", TrafficType: "ALL", RetentionDays: 90}, cfg.FlowLogs)
	assert.Equal(t, Waf{RateLimit: 2000, RateLimitMode: "block", RuleGroups: map[string]RuleGroupSetting{}, Logging: true, LogRetentionDays: 90}, cfg.Waf)
	assert.Equal(t, Alarms{Emails: []string{}, LoadBalancer5xx: 10, Target5xx: 10, UnhealthyHosts: 1, CertificateExpiryDays: 30}, cfg.Alarms)
	assert.Equal(t, QueryLogs{RetentionDays: 30}, cfg.QueryLogs)
	for name, on := range map[string]bool{
		"accessLogs": cfg.AccessLogs.Enabled, "flowLogs": cfg.FlowLogs.Enabled, "waf": cfg.Waf.Enabled,
		"alarms": cfg.Alarms.Enabled, "queryLogs": cfg.QueryLogs.Enabled,
	} {
		assert.False(t, on, "%s is off by default", name)
	}
}

// A partial object decodes over the defaults: the fields it leaves out keep
// them.
func TestFeaturePartialObjectsKeepDefaults(t *testing.T) {
	tests := []struct {
		name  string
		key   string
		json  string
		check func(t *testing.T, cfg *Config)
	}{
		{
			name: "waf enabled only", key: "meething:waf", json: `{"enabled":true}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, Waf{Enabled: true, RateLimit: 2000, RateLimitMode: "block", RuleGroups: map[string]RuleGroupSetting{}, Logging: true, LogRetentionDays: 90}, cfg.Waf)
			},
		},
		{
			name: "waf with an ACL", key: "meething:waf", json: `{"enabled":true,"webAclArn":"arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, 2000, cfg.Waf.RateLimit)
				assert.True(t, cfg.Waf.Enabled)
				assert.Contains(t, cfg.Waf.WebAclArn, "regional/webacl/edge/")
			},
		},
		{
			name: "access logs enabled only", key: "meething:accessLogs", json: `{"enabled":true}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, AccessLogs{Enabled: true, Prefix: "alb", ExpireAfterDays: 90}, cfg.AccessLogs)
			},
		},
		{
			name: "access logs expiry only", key: "meething:accessLogs", json: `{"enabled":true,"expireAfterDays":365}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, AccessLogs{Enabled: true, Prefix: "alb", ExpireAfterDays: 365}, cfg.AccessLogs)
			},
		},
		{
			name: "flow logs traffic only", key: "meething:flowLogs", json: `{"enabled":true,"trafficType":"REJECT"}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, FlowLogs{Enabled: true, Destination: "cloudwatch", TrafficType: "REJECT", RetentionDays: 90}, cfg.FlowLogs)
			},
		},
		{
			name: "alarms emails only", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"]}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, Alarms{
					Enabled: true, Emails: []string{"oncall@meething.net"},
					LoadBalancer5xx: 10, Target5xx: 10, UnhealthyHosts: 1, CertificateExpiryDays: 30,
				}, cfg.Alarms)
			},
		},
		{
			name: "alarms one threshold", key: "meething:alarms", json: `{"enabled":true,"emails":["oncall@meething.net"],"target5xx":50}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, Alarms{
					Enabled: true, Emails: []string{"oncall@meething.net"},
					LoadBalancer5xx: 10, Target5xx: 50, UnhealthyHosts: 1, CertificateExpiryDays: 30,
				}, cfg.Alarms)
			},
		},
		{
			name: "query logs enabled only", key: "meething:queryLogs", json: `{"enabled":true}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, QueryLogs{Enabled: true, RetentionDays: 30}, cfg.QueryLogs)
			},
		},
		{
			name: "empty object", key: "meething:waf", json: `{}`,
			check: func(t *testing.T, cfg *Config) {
				assert.Equal(t, Waf{RateLimit: 2000, RateLimitMode: "block", RuleGroups: map[string]RuleGroupSetting{}, Logging: true, LogRetentionDays: 90}, cfg.Waf)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(kv(tc.key, tc.json))
			require.NoError(t, err)
			require.NotNil(t, cfg)
			tc.check(t, cfg)

			// The other controls keep their defaults too.
			d := Defaults()
			if tc.key != "meething:accessLogs" {
				assert.Equal(t, d.AccessLogs, cfg.AccessLogs)
			}
			if tc.key != "meething:flowLogs" {
				assert.Equal(t, d.FlowLogs, cfg.FlowLogs)
			}
			if tc.key != "meething:waf" {
				assert.Equal(t, d.Waf, cfg.Waf)
			}
			if tc.key != "meething:alarms" {
				assert.Equal(t, d.Alarms, cfg.Alarms)
			}
			if tc.key != "meething:queryLogs" {
				assert.Equal(t, d.QueryLogs, cfg.QueryLogs)
			}
		})
	}
}
