package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/stackconfig"
)

// The security controls (AWS Foundational Security Best Practices and the
// Checkov rules the README cites), checked over the real stack files.

const (
	typeDefaultSG         = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	typeIngressRule       = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeEgressRule        = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	typeSGRule            = "aws:ec2/securityGroupRule:SecurityGroupRule"
	typeFlowLog           = "aws:ec2/flowLog:FlowLog"
	typeQueryLog          = "aws:route53/queryLog:QueryLog"
	typeAwsProvider       = "pulumi:providers:aws"
	typeLogGroup          = "aws:cloudwatch/logGroup:LogGroup"
	typeLogResourcePolicy = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy"
	typeMetricAlarm       = "aws:cloudwatch/metricAlarm:MetricAlarm"
	typeIamRole           = "aws:iam/role:Role"
	typeIamRolePolicy     = "aws:iam/rolePolicy:RolePolicy"
	typeBucket            = "aws:s3/bucketV2:BucketV2"
	typeBucketPolicy      = "aws:s3/bucketPolicy:BucketPolicy"
	typePublicAccessBlock = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeOwnership         = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	typeEncryption        = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeLifecycle         = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	typeTopic             = "aws:sns/topic:Topic"
	typeSubscription      = "aws:sns/topicSubscription:TopicSubscription"
	typeWebAcl            = "aws:wafv2/webAcl:WebAcl"
	typeWebAclAssociation = "aws:wafv2/webAclAssociation:WebAclAssociation"
	typeWafLogging        = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
	typeAlarmsComponent   = "meething:monitoring:Alarms"
)

// ctlInternet are the sources that mean "anyone".
var ctlInternet = map[string]bool{"0.0.0.0/0": true, "::/0": true}

// ctlControlTypes are what only a production control may create: none may
// exist with every control off.
func ctlIsControlType(typ string) bool {
	for _, prefix := range []string{"aws:s3/", "aws:iam/", "aws:cloudwatch/", "aws:sns/", "aws:wafv2/"} {
		if strings.HasPrefix(typ, prefix) {
			return true
		}
	}
	switch typ {
	case typeFlowLog, typeQueryLog, typeAwsProvider, typeAlarmsComponent:
		return true
	}
	return false
}

func ctlTypes(res *synthResult) map[string]bool {
	out := map[string]bool{}
	for _, r := range res.Resources() {
		out[r.Type] = true
	}
	return out
}

func ctlSorted(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func ctlInputs(r *awsmock.Resource) map[string]any {
	out := map[string]any{}
	for k := range r.Inputs {
		out[string(k)] = r.Input(string(k))
	}
	return out
}

func ctlMap(t *testing.T, v any, what string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "%s is %#v, not an object", what, v)
	return m
}

// ctlAlwaysOn are the controls every stack meets, whatever its config: the
// README's rows marked "always" (and ✓ for dev and prod).
func ctlAlwaysOn(t *testing.T, res *synthResult) {
	alb := only(t, res, typeALB)
	vpc := only(t, res, typeVpc)

	t.Run("ELB.1 HTTP redirects to HTTPS", func(t *testing.T) {
		http := listener(t, res, 80)
		assert.Equal(t, "HTTP", http.Input("protocol"))
		assert.Equal(t, []any{map[string]any{
			"type":     "redirect",
			"redirect": map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"},
		}}, http.Input("defaultActions"), "port 80 only redirects, permanently, to HTTPS")
		for _, l := range res.OfType(typeListener) {
			if l.Input("protocol") == "HTTPS" {
				continue
			}
			for _, a := range l.Input("defaultActions").([]any) {
				assert.Equal(t, "redirect", ctlMap(t, a, "action")["type"], "plain-HTTP listener %s serves content", l.Name)
			}
		}
		https := listener(t, res, 443)
		for _, r := range res.OfType(typeRule) {
			assert.Equal(t, https.Output("arn"), r.Input("listenerArn"), "rule %s hangs from the HTTPS listener", r.Name)
		}
	})

	t.Run("ELB.4 invalid header fields are dropped", func(t *testing.T) {
		assert.Equal(t, true, alb.Input("dropInvalidHeaderFields"))
	})

	t.Run("ELB.12 desync mitigation", func(t *testing.T) {
		assert.Contains(t, []any{"defensive", "strictest"}, alb.Input("desyncMitigationMode"))
	})

	t.Run("ELB.13 subnets in distinct zones", func(t *testing.T) {
		zoneOf := map[string]string{}
		for _, s := range res.OfType(typeSubnet) {
			zoneOf[s.ID], _ = s.Input("availabilityZone").(string)
		}
		subnets, ok := alb.Input("subnets").([]any)
		require.True(t, ok)
		assert.GreaterOrEqual(t, len(subnets), 2)
		zones := map[string]bool{}
		for _, id := range subnets {
			z := zoneOf[id.(string)]
			require.NotEmpty(t, z, "subnet %v is not one of the stack's", id)
			assert.False(t, zones[z], "two subnets in %s", z)
			zones[z] = true
		}
		assert.GreaterOrEqual(t, len(zones), 2)
	})

	t.Run("ELB.17 TLS 1.3 policy", func(t *testing.T) {
		https := listener(t, res, 443)
		assert.Equal(t, "HTTPS", https.Input("protocol"))
		policy, _ := https.Input("sslPolicy").(string)
		assert.True(t, strings.HasPrefix(policy, "ELBSecurityPolicy-TLS13-"), "ssl policy %q", policy)
	})

	t.Run("EC2.2 default security group has no rules", func(t *testing.T) {
		sg := only(t, res, typeDefaultSG)
		assert.Equal(t, vpc.ID, sg.Input("vpcId"))
		assert.Empty(t, sg.Input("ingress"))
		assert.Empty(t, sg.Input("egress"))
		for _, typ := range []string{typeIngressRule, typeEgressRule, typeSGRule} {
			for _, r := range res.OfType(typ) {
				assert.NotEqual(t, sg.ID, r.Input("securityGroupId"), "%s adds a rule to the default group", r.Name)
			}
		}
	})

	t.Run("EC2.15 no public IPs on launch", func(t *testing.T) {
		subnets := res.OfType(typeSubnet)
		require.NotEmpty(t, subnets)
		for _, s := range subnets {
			assert.Equal(t, false, s.Input("mapPublicIpOnLaunch"), s.Name)
		}
	})

	t.Run("EC2.18 and EC2.19 only 80 and 443 open to the internet", func(t *testing.T) {
		open := map[string]bool{}
		for _, r := range res.OfType(typeIngressRule) {
			for _, k := range []string{"cidrIpv4", "cidrIpv6"} {
				src, _ := r.Input(k).(string)
				if !ctlInternet[src] {
					continue
				}
				from, to := r.Input("fromPort"), r.Input("toPort")
				assert.Equal(t, "tcp", r.Input("ipProtocol"), r.Name)
				assert.Equal(t, from, to, "%s opens a range", r.Name)
				assert.Contains(t, []any{float64(80), float64(443)}, from, "%s opens port %v to %s", r.Name, from, src)
				open[fmt.Sprintf("%s %v %v", src, r.Input("ipProtocol"), from)] = true
			}
		}
		want := []string{"0.0.0.0/0 tcp 443", "0.0.0.0/0 tcp 80"}
		if alb.Input("ipAddressType") == "dualstack" {
			want = append(want, "::/0 tcp 443", "::/0 tcp 80")
		}
		assert.Equal(t, want, ctlSorted(open), "80 and 443 from anyone (on IPv6 too when dual-stack), nothing else")

		albSG, targetSG := res.Named(typeSecurityGroup, "meething-alb"), res.Named(typeSecurityGroup, "meething-targets")
		require.NotNil(t, albSG)
		require.NotNil(t, targetSG)
		egress := res.OfType(typeEgressRule)
		require.NotEmpty(t, egress)
		for _, r := range egress {
			for _, k := range []string{"cidrIpv4", "cidrIpv6", "prefixListId"} {
				assert.Nil(t, r.Input(k), "%s sends traffic to %s %v", r.Name, k, r.Input(k))
			}
			assert.Equal(t, albSG.ID, r.Input("securityGroupId"), "only the ALB has egress rules: %s", r.Name)
			assert.Equal(t, targetSG.ID, r.Input("referencedSecurityGroupId"), "the ALB sends only to its targets: %s", r.Name)
		}
		assert.Empty(t, res.OfType(typeSGRule), "no legacy rules")
		for _, sg := range res.OfType(typeSecurityGroup) {
			assert.Empty(t, sg.Input("ingress"), "%s has inline rules", sg.Name)
			assert.Empty(t, sg.Input("egress"), "%s has inline rules", sg.Name)
		}
	})

	t.Run("CKV_AWS_382 no all-protocol rules", func(t *testing.T) {
		for _, typ := range []string{typeIngressRule, typeEgressRule} {
			for _, r := range res.OfType(typ) {
				assert.Equal(t, "tcp", r.Input("ipProtocol"), r.Name)
				assert.Equal(t, r.Input("fromPort"), r.Input("toPort"), "%s is one port", r.Name)
			}
		}
	})

	t.Run("CKV_AWS_23 security groups and rules are described", func(t *testing.T) {
		n := 0
		for _, typ := range []string{typeSecurityGroup, typeIngressRule, typeEgressRule} {
			for _, r := range res.OfType(typ) {
				d, _ := r.Input("description").(string)
				assert.NotEmpty(t, strings.TrimSpace(d), "%s %s has no description", typ, r.Name)
				n++
			}
		}
		assert.GreaterOrEqual(t, n, 2+2+2)
	})

	t.Run("ACM.2 key algorithm", func(t *testing.T) {
		algo, _ := only(t, res, typeCertificate).Input("keyAlgorithm").(string)
		assert.True(t, algo == "RSA_2048" || strings.HasPrefix(algo, "EC_"), "key algorithm %q", algo)
	})

	t.Run("CKV_AWS_233 certificate created before destroyed", func(t *testing.T) {
		assert.False(t, only(t, res, typeCertificate).DeleteBeforeReplace)
	})

	t.Run("CKV_AWS_261 health checks have a path", func(t *testing.T) {
		groups := res.OfType(typeTargetGroup)
		require.NotEmpty(t, groups)
		for _, tg := range groups {
			hc := ctlMap(t, tg.Input("healthCheck"), tg.Name+" healthCheck")
			assert.NotEqual(t, false, hc["enabled"], tg.Name)
			path, _ := hc["path"].(string)
			assert.True(t, strings.HasPrefix(path, "/"), "%s: health check path %q", tg.Name, path)
		}
	})
}

func TestSecurityControlsAlwaysOn(t *testing.T) {
	for _, stack := range synthStackNames(t) {
		t.Run(stack, func(t *testing.T) {
			ctlAlwaysOn(t, mustRun(t, stack, committedStackConfig(t, stack)))
		})
	}
}

func TestProdSecurityControls(t *testing.T) {
	config := committedStackConfig(t, "prod")
	res := mustRun(t, "prod", config)
	cfg, err := stackconfig.Parse(func(k string) (string, bool) { v, ok := config[k]; return v, ok }, configKeys(config))
	require.NoError(t, err)
	alb := only(t, res, typeALB)
	vpc := only(t, res, typeVpc)

	t.Run("ELB.5 access logs to the created bucket", func(t *testing.T) {
		bucket := only(t, res, typeBucket)
		policy := only(t, res, typeBucketPolicy)
		logs := ctlMap(t, alb.Input("accessLogs"), "accessLogs")
		assert.Equal(t, true, logs["enabled"])
		assert.Equal(t, bucket.ID, logs["bucket"])
		assert.Equal(t, "alb", logs["prefix"])
		assert.Equal(t, bucket.ID, policy.Input("bucket"))
		assert.True(t, res.DependsOn(alb, policy), "the ALB waits for the bucket policy")

		block := only(t, res, typePublicAccessBlock)
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			assert.Equal(t, true, block.Input(k), k)
		}
		assert.Equal(t, map[string]any{"objectOwnership": "BucketOwnerEnforced"}, only(t, res, typeOwnership).Input("rule"))
		sse := only(t, res, typeEncryption).Input("rules").([]any)
		require.Len(t, sse, 1)
		assert.Equal(t, map[string]any{"sseAlgorithm": "AES256"}, ctlMap(t, sse[0], "sse rule")["applyServerSideEncryptionByDefault"])
		rules := only(t, res, typeLifecycle).Input("rules").([]any)
		require.Len(t, rules, 1)
		assert.Equal(t, "Enabled", ctlMap(t, rules[0], "rule")["status"])
		assert.Equal(t, float64(365), ctlMap(t, ctlMap(t, rules[0], "rule")["expiration"], "expiration")["days"], "prod keeps access logs a year")

		var doc struct{ Statement []map[string]any }
		require.NoError(t, json.Unmarshal([]byte(policy.Input("policy").(string)), &doc))
		tlsOnly := false
		for _, st := range doc.Statement {
			if st["Effect"] == "Deny" {
				tlsOnly = tlsOnly || assert.ObjectsAreEqual(map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, st["Condition"])
			}
		}
		assert.True(t, tlsOnly, "the bucket denies requests without TLS: %v", doc.Statement)
	})

	t.Run("ELB.6 deletion protection", func(t *testing.T) {
		assert.Equal(t, true, alb.Input("enableDeletionProtection"))
	})

	t.Run("ELB.12 desync mitigation strictest", func(t *testing.T) {
		assert.Equal(t, "strictest", alb.Input("desyncMitigationMode"))
	})

	// ELB.13: a load balancer spans at least two zones (the control's
	// default minAvailabilityZones,
	// https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13);
	// prod's spans every zone its stack file lists.
	t.Run("ELB.13 multiple zones", func(t *testing.T) {
		assert.Len(t, alb.Input("subnets"), len(cfg.AvailabilityZones))
		assert.GreaterOrEqual(t, len(cfg.AvailabilityZones), 2)
	})

	t.Run("ELB.16 web ACL on the ALB", func(t *testing.T) {
		acl := only(t, res, typeWebAcl)
		assoc := only(t, res, typeWebAclAssociation)
		require.NotEmpty(t, acl.Output("arn"))
		assert.Equal(t, acl.Output("arn"), assoc.Input("webAclArn"))
		assert.Equal(t, alb.Output("arn"), assoc.Input("resourceArn"))
		assert.Equal(t, "REGIONAL", acl.Input("scope"))
		vc := ctlMap(t, acl.Input("visibilityConfig"), "visibilityConfig")
		assert.Equal(t, true, vc["cloudwatchMetricsEnabled"])
		assert.Equal(t, true, vc["sampledRequestsEnabled"])
		var names []string
		for _, r := range acl.Input("rules").([]any) {
			rule := ctlMap(t, r, "rule")
			names = append(names, rule["name"].(string))
			assert.Equal(t, true, ctlMap(t, rule["visibilityConfig"], "rule visibilityConfig")["cloudwatchMetricsEnabled"], rule["name"])
		}
		assert.Subset(t, names, []string{"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"})
		assert.Len(t, names, 4, "three managed groups and the rate limit")
	})

	t.Run("WAF.11 web ACL logging", func(t *testing.T) {
		acl := only(t, res, typeWebAcl)
		logging := only(t, res, typeWafLogging)
		assert.Equal(t, acl.Output("arn"), logging.Input("resourceArn"))
		group := res.Named(typeLogGroup, "meething-waf-logs")
		require.NotNil(t, group, "the WAF logs to a log group of its own")
		assert.Equal(t, []any{group.Output("arn")}, logging.Input("logDestinationConfigs"))
		name, _ := group.Output("name").(string)
		assert.True(t, strings.HasPrefix(name, "aws-waf-logs-"), "WAF logs only to a group named aws-waf-logs-*: %q", name)
		assert.Equal(t, float64(cfg.Waf.LogRetentionDays), group.Input("retentionInDays"))
		assert.True(t, group.RetainOnDelete, "the WAF's logs outlive the stack, like the other logs")
	})

	t.Run("EC2.6 flow logs on the VPC", func(t *testing.T) {
		fl := only(t, res, typeFlowLog)
		assert.Equal(t, vpc.ID, fl.Input("vpcId"))
		assert.Equal(t, "ALL", fl.Input("trafficType"))
		group := ctlChildOf(t, res, typeLogGroup, "meething:network:Network")
		assert.Equal(t, group.Output("arn"), fl.Input("logDestination"))
		assert.Equal(t, only(t, res, typeIamRole).Output("arn"), fl.Input("iamRoleArn"))
		assert.Equal(t, float64(365), group.Input("retentionInDays"))
	})

	t.Run("EC2.18 and EC2.19 dual-stack", func(t *testing.T) {
		assert.Equal(t, "dualstack", alb.Input("ipAddressType"), "prod opens ::/0 too")
	})

	t.Run("Route53.2 query logging", func(t *testing.T) {
		assert.Empty(t, res.OfType(typeZone), "prod adopts the live zone")
		ql := only(t, res, typeQueryLog)
		assert.Equal(t, awsmock.DeclaredZoneID("meething.net"), ql.Input("zoneId"), "query logging on the adopted zone")
		group := ctlChildOf(t, res, typeLogGroup, "meething:dns:HostedZone")
		assert.Equal(t, group.Output("arn"), ql.Input("cloudwatchLogGroupArn"))
		assert.Contains(t, group.Output("arn"), ":us-east-1:")
		provider := only(t, res, typeAwsProvider)
		assert.Equal(t, "us-east-1", provider.Input("region"))
		assert.True(t, strings.HasPrefix(group.Provider, provider.URN+"::"), "the log group uses the us-east-1 provider")
		assert.Equal(t, float64(90), group.Input("retentionInDays"))
	})

	t.Run("alarms reach on-call", func(t *testing.T) {
		topic := only(t, res, typeTopic)
		var endpoints []any
		for _, sub := range res.OfType(typeSubscription) {
			assert.Equal(t, "email", sub.Input("protocol"))
			assert.Equal(t, topic.Output("arn"), sub.Input("topic"))
			endpoints = append(endpoints, sub.Input("endpoint"))
		}
		var emails []any
		for _, e := range cfg.Alarms.Emails {
			emails = append(emails, e)
		}
		assert.ElementsMatch(t, emails, endpoints, "one subscription per address")
		assert.Contains(t, endpoints, "oncall@meething.net")
		alarms := res.OfType(typeMetricAlarm)
		assert.Len(t, alarms, 1+3*len(cfg.Services)+1, "ALB 5xx, three per service (no healthy hosts, unhealthy hosts, 5xx), certificate expiry")
		for _, a := range alarms {
			assert.Equal(t, []any{topic.Output("arn")}, a.Input("alarmActions"), a.Name)
			assert.Equal(t, []any{topic.Output("arn")}, a.Input("okActions"), a.Name)
		}
	})

	t.Run("certificate and records protected", func(t *testing.T) {
		assert.True(t, only(t, res, typeCertificate).Protect)
		for _, r := range res.OfType(typeRecord) {
			assert.True(t, r.Protect, r.Name)
		}
	})
}

// The settings that would break a control are rejected before anything is
// registered.
func TestControlsRejectWeakSettings(t *testing.T) {
	tests := []struct {
		name, key, value, wantKey string
		stack                     string   // prod unless set
		also                      []string // further keys and values
	}{
		{name: "ELB.12 desync monitor", key: "meething:desyncMitigationMode", value: "monitor", wantKey: "meething:desyncMitigationMode"},
		{name: "ELB.17 TLS 1.0 policy", key: "meething:sslPolicy", value: "ELBSecurityPolicy-2016-08", wantKey: "meething:sslPolicy"},
		{name: "ELB.13 one zone", key: "meething:availabilityZones", value: `["ap-northeast-2a"]`, wantKey: "meething:availabilityZones"},
		{name: "ELB.13 one zone looked up", key: "meething:subnetCount", value: "1", wantKey: "meething:subnetCount", stack: "dev", also: []string{"meething:availabilityZones", "[]"}},
		{name: "zones looked up under protect", key: "meething:availabilityZones", value: "[]", wantKey: "meething:availabilityZones"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stack := cmp.Or(tc.stack, "prod")
			config := with(with(stackConfig(t, stack), tc.also...), tc.key, tc.value)
			res, err := runProgram(stack, config)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantKey+": ")
			assert.Empty(t, res.Resources())
		})
	}
}

// ctlChildOf returns the one resource of typ whose parent is of parentType.
func ctlChildOf(t *testing.T, res *synthResult, typ, parentType string) *awsmock.Resource {
	t.Helper()
	var found []*awsmock.Resource
	for _, r := range res.OfType(typ) {
		if p := res.ByURN(r.Parent); p != nil && p.Type == parentType {
			found = append(found, r)
		}
	}
	require.Len(t, found, 1, "resources of type %s under a %s", typ, parentType)
	return found[0]
}

// With every control off (dev), none of their resources exist and nothing is
// looked up for them.
func TestDevControlsSwitchedOffCleanly(t *testing.T) {
	config := stackConfig(t, "dev")
	for _, key := range []string{"meething:accessLogs", "meething:flowLogs", "meething:waf", "meething:alarms", "meething:queryLogs"} {
		assert.Contains(t, config[key], `"enabled":false`, "%s is off in dev", key)
	}
	res := mustRun(t, "dev", config)
	require.NotEmpty(t, res.Resources())
	for _, r := range res.Resources() {
		assert.False(t, ctlIsControlType(r.Type), "dev has %s %s", r.Type, r.Name)
		assert.Empty(t, r.Provider, "%s %s uses an explicit provider", r.Type, r.Name)
	}
	alb := only(t, res, typeALB)
	if logs := alb.Input("accessLogs"); logs != nil {
		assert.NotEqual(t, true, ctlMap(t, logs, "accessLogs")["enabled"], "access logs are off")
	}
	for _, inv := range res.Invokes() {
		assert.NotContains(t, []string{
			"aws:elb/getServiceAccount:getServiceAccount",
			"aws:index/getCallerIdentity:getCallerIdentity",
			"aws:index/getRegion:getRegion",
		}, inv.Token, "dev looks up %s for a control that is off", inv.Token)
	}
}

// Each control turned on alone, from dev, adds exactly its own resource
// types and changes no existing resource but the one it configures.
// Alarms nobody receives are refused: enabled needs an address.
func TestAlarmsNeedSomeoneToTell(t *testing.T) {
	res, err := runProgram("dev", with(stackConfig(t, "dev"), "meething:alarms", `{"enabled":true}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `meething:alarms.emails: [] must name at least one address when alarms are enabled`)
	assertNothingRegistered(t, res)
}

func TestEachControlAlone(t *testing.T) {
	devConfig := stackConfig(t, "dev")
	dev := mustRun(t, "dev", devConfig)
	devTypes := ctlTypes(dev)
	devByURN := map[string]*awsmock.Resource{}
	for _, r := range dev.Resources() {
		devByURN[r.URN] = r
	}

	tests := []struct {
		name, key, value string
		wantTypes        []string
		// changed are the types of existing resources whose inputs the
		// control may change.
		changed []string
	}{
		{
			name: "access logs", key: "meething:accessLogs", value: `{"enabled":true}`,
			wantTypes: []string{typeBucket, typeBucketPolicy, typeLifecycle, typeOwnership, typePublicAccessBlock, typeEncryption},
			changed:   []string{typeALB},
		},
		{
			name: "access logs to an existing bucket", key: "meething:accessLogs", value: `{"enabled":true,"bucket":"meething-shared-logs"}`,
			wantTypes: nil,
			changed:   []string{typeALB},
		},
		{
			name: "flow logs", key: "meething:flowLogs", value: `{"enabled":true}`,
			wantTypes: []string{typeFlowLog, typeIamRole, typeIamRolePolicy, typeLogGroup},
		},
		{
			name: "flow logs to s3", key: "meething:flowLogs", value: `{"enabled":true,"destination":"s3","bucketArn":"arn:aws:s3:::meething-flow-logs"}`,
			wantTypes: []string{typeFlowLog},
		},
		{
			name: "waf", key: "meething:waf", value: `{"enabled":true}`,
			wantTypes: []string{typeLogGroup, typeWebAcl, typeWebAclAssociation, typeWafLogging},
		},
		{
			name: "waf without logging", key: "meething:waf", value: `{"enabled":true,"logging":false}`,
			wantTypes: []string{typeWebAcl, typeWebAclAssociation},
		},
		{
			name: "waf with an existing web ACL", key: "meething:waf",
			value:     `{"enabled":true,"webAclArn":"arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shared/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}`,
			wantTypes: []string{typeWebAclAssociation},
		},
		{
			name: "alarms", key: "meething:alarms", value: `{"enabled":true,"emails":["oncall@meething.net"]}`,
			wantTypes: []string{typeAlarmsComponent, typeMetricAlarm, typeSubscription, typeTopic},
		},
		{
			name: "query logs", key: "meething:queryLogs", value: `{"enabled":true}`,
			wantTypes: []string{typeAwsProvider, typeLogGroup, typeLogResourcePolicy, typeQueryLog},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, "dev", with(devConfig, tc.key, tc.value))

			added := map[string]bool{}
			for typ := range ctlTypes(res) {
				if !devTypes[typ] {
					added[typ] = true
				}
			}
			want := append([]string{}, tc.wantTypes...)
			sort.Strings(want)
			assert.Equal(t, want, ctlSorted(added), "the resource types %s adds", tc.name)

			changed := map[string]bool{}
			for _, typ := range tc.changed {
				changed[typ] = true
			}
			seen := 0
			for _, r := range res.Resources() {
				before, ok := devByURN[r.URN]
				if !ok {
					assert.True(t, ctlIsControlType(r.Type),
						"%s adds %s, which is not a control's", tc.name, r.URN)
					continue
				}
				seen++
				if changed[r.Type] {
					continue
				}
				assert.Equal(t, ctlInputs(before), ctlInputs(r), "%s changes %s", tc.name, r.URN)
			}
			assert.Equal(t, len(devByURN), seen, "every dev resource is still there, under the same URN")

			if changed[typeALB] {
				logs := ctlMap(t, only(t, res, typeALB).Input("accessLogs"), "accessLogs")
				assert.Equal(t, true, logs["enabled"])
				assert.Equal(t, "alb", logs["prefix"])
			}
		})
	}
}

// Prod sends HSTS: browsers keep to HTTPS for a year, subdomains included.
func TestProdSendsHSTS(t *testing.T) {
	res := mustRun(t, "prod", committedStackConfig(t, "prod"))
	assert.Equal(t, "max-age=31536000; includeSubDomains", listener(t, res, 443).Input("routingHttpResponseStrictTransportSecurityHeaderValue"))
	dev := mustRun(t, "dev", stackConfig(t, "dev"))
	assert.Nil(t, listener(t, dev, 443).Input("routingHttpResponseStrictTransportSecurityHeaderValue"))
}
