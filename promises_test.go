package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
)

// The promises the docs make about behaviour, each checked on the plan of a
// fixture stack (testdata/fixtures: dev with the defaults, prod with every
// control on) and written here as the docs state it, so that a change of
// the behaviour fails its check whatever `make golden` rewrites.
// TestDocPromisesAreAllChecked holds the table to the docs: a new row of
// docs/security-controls.md or a new bullet of design.md's "Safe to run
// against production" without a check here fails.

// docPromise is one promise: where the docs make it, and its check.
type docPromise struct {
	// doc is the file and the promise's name there: a control's id in
	// security-controls.md, a bullet's title in design.md, a key in
	// config-reference.md.
	doc   string
	check func(t *testing.T, w *promiseWorld)
}

// promiseWorld holds the fixture stacks and synthesizes each plan once.
type promiseWorld struct {
	dev, prodFile *stackfile.Stack
	devPlan, prod *synth.Plan
}

var (
	promiseWorldOnce sync.Once
	promiseWorldVal  *promiseWorld
)

func newPromiseWorld(t *testing.T) *promiseWorld {
	t.Helper()
	promiseWorldOnce.Do(func() {
		w := &promiseWorld{dev: fixtureStack(t, "dev"), prodFile: fixtureStack(t, "prod")}
		w.devPlan, w.prod = synthPlan(t, w.dev), synthPlan(t, w.prodFile)
		promiseWorldVal = w
	})
	require.NotNil(t, promiseWorldVal, "the fixture stacks did not synthesize")
	return promiseWorldVal
}

// named returns the resource of typ named name in p.
func named(t *testing.T, p *synth.Plan, typ, name string) *synth.Resource {
	t.Helper()
	return onlyOne(t, p, typ, func(r *synth.Resource) bool { return r.Name == name })
}

// field walks m along keys (map keys, or list indexes as "0").
func field(v any, keys ...string) any {
	for _, k := range keys {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

const (
	tokBucket       = "aws:s3/bucketV2:BucketV2"
	tokLogGroup     = "aws:cloudwatch/logGroup:LogGroup"
	tokAssociation  = "aws:wafv2/webAclAssociation:WebAclAssociation"
	tokCertificate  = "aws:acm/certificate:Certificate"
	tokSubnet       = "aws:ec2/subnet:Subnet"
	tokMetricAlarm  = "aws:cloudwatch/metricAlarm:MetricAlarm"
	tokDefaultVpcSG = tokDefaultSG
)

// The promised values: what the docs say, written once here.
const (
	promisedSslPolicy       = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	promisedDesyncDefault   = "defensive"
	promisedRedirectCode    = "HTTP_301"
	promisedNotFoundBody    = "Not found"
	promisedWafLogPrefix    = "aws-waf-logs-"
	promisedQueryLogsRegion = "us-east-1"
)

var docPromises = []docPromise{
	// docs/security-controls.md, one entry per row of its first table.
	{"security-controls.md ELB.1", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			http := onlyOne(t, p, tokListener, listenerOn(80))
			assert.Equal(t, "HTTP", http.Inputs["protocol"])
			assert.Equal(t, []any{map[string]any{"type": "redirect", "redirect": map[string]any{
				"protocol": "HTTPS", "port": "443", "statusCode": promisedRedirectCode}}}, http.Inputs["defaultActions"],
				"%s: port 80's only action is a permanent redirect to HTTPS:443", p.Stack)
			for _, r := range p.OfType(tokRule) {
				assert.NotEqual(t, http.Outputs["arn"], r.Inputs["listenerArn"], "%s: rule %s serves plain HTTP", p.Stack, r.Name)
			}
		}
	}},
	{"security-controls.md ELB.4", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			assert.Equal(t, true, onlyOne(t, p, tokLoadBalancer, nil).Inputs["dropInvalidHeaderFields"], p.Stack)
		}
	}},
	{"security-controls.md ELB.5", func(t *testing.T, w *promiseWorld) {
		assert.NotEqual(t, true, field(onlyOne(t, w.devPlan, tokLoadBalancer, nil).Inputs, "accessLogs", "enabled"), "off in dev")
		assert.Empty(t, w.devPlan.OfType(tokBucket))
		alb := onlyOne(t, w.prod, tokLoadBalancer, nil)
		bucket := onlyOne(t, w.prod, tokBucket, nil)
		assert.Equal(t, true, field(alb.Inputs, "accessLogs", "enabled"))
		assert.Equal(t, bucket.ID, field(alb.Inputs, "accessLogs", "bucket"))
		block := onlyOne(t, w.prod, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", nil)
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			assert.Equal(t, true, block.Inputs[k], "public access blocked: %s", k)
		}
		assert.Equal(t, "BucketOwnerEnforced", field(onlyOne(t, w.prod, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", nil).Inputs, "rule", "objectOwnership"))
		assert.Equal(t, "AES256", field(onlyOne(t, w.prod, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", nil).Inputs,
			"rules", "0", "applyServerSideEncryptionByDefault", "sseAlgorithm"), "SSE-S3")
		assert.NotNil(t, field(onlyOne(t, w.prod, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", nil).Inputs,
			"rules", "0", "expiration", "days"), "logs expire")
		policy := onlyOne(t, w.prod, "aws:s3/bucketPolicy:BucketPolicy", nil)
		var doc struct{ Statement []map[string]any }
		require.NoError(t, json.Unmarshal([]byte(policy.Inputs["policy"].(string)), &doc))
		tlsOnly := slices.ContainsFunc(doc.Statement, func(st map[string]any) bool {
			return st["Effect"] == "Deny" && field(st, "Condition", "Bool", "aws:SecureTransport") == "false"
		})
		assert.True(t, tlsOnly, "TLS-only: %v", doc.Statement)
		assert.True(t, newPlanGraph(w.prod).dependsOn(alb.URN, policy.URN), "the ALB waits for the policy")
	}},
	{"security-controls.md ELB.6", func(t *testing.T, w *promiseWorld) {
		assert.Equal(t, false, onlyOne(t, w.devPlan, tokLoadBalancer, nil).Inputs["enableDeletionProtection"], "off by default")
		assert.Equal(t, true, onlyOne(t, w.prod, tokLoadBalancer, nil).Inputs["enableDeletionProtection"], "on when set")
	}},
	{"security-controls.md ELB.12", func(t *testing.T, w *promiseWorld) {
		assert.Equal(t, promisedDesyncDefault, onlyOne(t, w.devPlan, tokLoadBalancer, nil).Inputs["desyncMitigationMode"])
		assert.Equal(t, "strictest", onlyOne(t, w.prod, tokLoadBalancer, nil).Inputs["desyncMitigationMode"])
		assertRefused(t, w.dev, "meething:desyncMitigationMode", "monitor")
	}},
	{"security-controls.md ELB.13", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			zoneOf := map[string]any{}
			for _, s := range p.OfType(tokSubnet) {
				zoneOf[s.ID] = s.Inputs["availabilityZone"]
			}
			zones := map[any]bool{}
			for _, id := range onlyOne(t, p, tokLoadBalancer, nil).Inputs["subnets"].([]any) {
				zones[zoneOf[id.(string)]] = true
			}
			assert.GreaterOrEqual(t, len(zones), 2, "%s: the ALB's subnets are in distinct zones", p.Stack)
		}
		assertRefused(t, w.dev, "meething:availabilityZones", `["ap-northeast-2a"]`)
	}},
	{"security-controls.md ELB.16", func(t *testing.T, w *promiseWorld) {
		assert.Empty(t, w.devPlan.OfType(typeWebAcl), "off in dev")
		acl := onlyOne(t, w.prod, typeWebAcl, nil)
		assoc := onlyOne(t, w.prod, tokAssociation, nil)
		assert.Equal(t, acl.Outputs["arn"], assoc.Inputs["webAclArn"])
		assert.Equal(t, onlyOne(t, w.prod, tokLoadBalancer, nil).Outputs["arn"], assoc.Inputs["resourceArn"])
		var groups []string
		rate := false
		for _, r := range acl.Inputs["rules"].([]any) {
			if g, ok := field(r, "statement", "managedRuleGroupStatement", "name").(string); ok {
				groups = append(groups, g)
			}
			rate = rate || field(r, "statement", "rateBasedStatement", "limit") != nil
			assert.Equal(t, true, field(r, "visibilityConfig", "cloudwatchMetricsEnabled"), "metrics on: %v", field(r, "name"))
		}
		assert.ElementsMatch(t, []string{"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"}, groups)
		assert.True(t, rate, "a per-IP rate limit")
	}},
	{"security-controls.md ELB.17", func(t *testing.T, w *promiseWorld) {
		assert.Equal(t, promisedSslPolicy, onlyOne(t, w.devPlan, tokListener, listenerOn(443)).Inputs["sslPolicy"], "the default policy")
		assertRefused(t, w.dev, "meething:sslPolicy", "ELBSecurityPolicy-2016-08")
		assertRefused(t, w.dev, "meething:sslPolicy", "ELBSecurityPolicy-TLS-1-1-2017-01")
	}},
	{"security-controls.md WAF.11", func(t *testing.T, w *promiseWorld) {
		logging := onlyOne(t, w.prod, typeWafLogging, nil)
		group := named(t, w.prod, tokLogGroup, "meething-waf-logs")
		assert.Equal(t, []any{group.Outputs["arn"]}, logging.Inputs["logDestinationConfigs"])
		assert.True(t, strings.HasPrefix(fmt.Sprint(group.Outputs["name"]), promisedWafLogPrefix), "WAF logs only to aws-waf-logs-*: %v", group.Outputs["name"])
		assert.True(t, group.RetainOnDelete, "retained on destroy")
		assert.ElementsMatch(t, []any{
			map[string]any{"singleHeader": map[string]any{"name": "authorization"}},
			map[string]any{"singleHeader": map[string]any{"name": "cookie"}},
		}, logging.Inputs["redactedFields"])
	}},
	{"security-controls.md EC2.2", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			sg := onlyOne(t, p, tokDefaultVpcSG, nil)
			assert.Empty(t, sg.Inputs["ingress"], p.Stack)
			assert.Empty(t, sg.Inputs["egress"], p.Stack)
		}
	}},
	{"security-controls.md EC2.6", func(t *testing.T, w *promiseWorld) {
		assert.Empty(t, w.devPlan.OfType(typeFlowLog), "off in dev")
		fl := onlyOne(t, w.prod, typeFlowLog, nil)
		assert.Equal(t, onlyOne(t, w.prod, tokVpc, nil).ID, fl.Inputs["vpcId"])
		assert.Equal(t, "ALL", fl.Inputs["trafficType"])
		assert.Equal(t, named(t, w.prod, tokLogGroup, "meething-flow-logs").Outputs["arn"], fl.Inputs["logDestination"])
	}},
	{"security-controls.md EC2.15", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, s := range p.OfType(tokSubnet) {
				assert.Equal(t, false, s.Inputs["mapPublicIpOnLaunch"], "%s: %s", p.Stack, s.Name)
			}
		}
	}},
	{"security-controls.md EC2.18/19", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			var open []string
			for _, r := range openRules(p) {
				open = append(open, fmt.Sprintf("%v %s %v-%v %v", r.egress, r.protocol, r.from, r.to, r.cidrBlocks))
			}
			want := []string{"false tcp 443-443 [0.0.0.0/0]", "false tcp 80-80 [0.0.0.0/0]"}
			if p == w.prod { // dual-stack
				want = append(want, "false tcp 443-443 [::/0]", "false tcp 80-80 [::/0]")
			}
			assert.ElementsMatch(t, want, open, "%s: what is open to the internet", p.Stack)
			assert.Empty(t, targetAccessProblems(p), "%s: the ALB sends only to its targets' group", p.Stack)
			for _, r := range p.OfType(tokEgressRule) {
				assert.NotNil(t, r.Inputs["referencedSecurityGroupId"], "%s: %s sends outside the targets' group", p.Stack, r.Name)
			}
		}
	}},
	{"security-controls.md CKV_AWS_382", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, r := range append(p.OfType(tokIngressRule), p.OfType(tokEgressRule)...) {
				assert.Equal(t, "tcp", r.Inputs["ipProtocol"], "%s: %s", p.Stack, r.Name)
				assert.Equal(t, r.Inputs["fromPort"], r.Inputs["toPort"], "%s: %s is one port", p.Stack, r.Name)
			}
		}
	}},
	{"security-controls.md CKV_AWS_23", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, r := range slices.Concat(p.OfType(tokSG), p.OfType(tokIngressRule), p.OfType(tokEgressRule)) {
				assert.NotEmpty(t, strings.TrimSpace(fmt.Sprint(r.Inputs["description"])), "%s: %s has no description", p.Stack, r.Name)
				assert.NotNil(t, r.Inputs["description"], "%s: %s has no description", p.Stack, r.Name)
			}
		}
	}},
	{"security-controls.md ACM.2", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, c := range p.OfType(tokCertificate) {
				assert.Equal(t, "RSA_2048", c.Inputs["keyAlgorithm"], "%s: %s", p.Stack, c.Name)
			}
		}
	}},
	{"security-controls.md CKV_AWS_233", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, c := range p.OfType(tokCertificate) {
				assert.False(t, c.DeleteBeforeReplace, "%s: %s is deleted before its replacement exists", p.Stack, c.Name)
			}
		}
	}},
	{"security-controls.md CKV_AWS_261", func(t *testing.T, w *promiseWorld) {
		checkHealthChecks(t, w.devPlan)
		checkHealthChecks(t, w.prod)
	}},
	{"security-controls.md Route53.2", func(t *testing.T, w *promiseWorld) {
		assert.Empty(t, w.devPlan.OfType(typeQueryLog), "off in dev")
		ql := onlyOne(t, w.prod, typeQueryLog, nil)
		group := named(t, w.prod, tokLogGroup, "meething-query-logs")
		assert.Equal(t, group.Outputs["arn"], ql.Inputs["cloudwatchLogGroupArn"])
		assert.Contains(t, group.Outputs["arn"], ":"+promisedQueryLogsRegion+":", "the log group is in us-east-1")
		assert.True(t, group.RetainOnDelete, "retained on delete")
		assert.Equal(t, "meething-route53-query-logs", field(named(t, w.prod, typeLogResourcePolicy, "meething-query-logs-policy").Inputs, "policyName"),
			"the account's one shared resource policy")
	}},
	{"security-controls.md Alarms", func(t *testing.T, w *promiseWorld) {
		assert.Empty(t, w.devPlan.OfType(tokMetricAlarm), "off in dev")
		topic := onlyOne(t, w.prod, typeTopic, nil)
		byMetric := map[string]int{}
		for _, a := range w.prod.OfType(tokMetricAlarm) {
			byMetric[fmt.Sprint(a.Inputs["metricName"])]++
			assert.Equal(t, []any{topic.Outputs["arn"]}, a.Inputs["alarmActions"], a.Name)
			if a.Inputs["metricName"] == "HealthyHostCount" {
				assert.Equal(t, "LessThanThreshold", a.Inputs["comparisonOperator"], a.Name)
				assert.Equal(t, float64(1), a.Inputs["threshold"], "below 1: %s", a.Name)
				assert.Equal(t, "breaching", a.Inputs["treatMissingData"], "missing data breaching: %s", a.Name)
			}
		}
		services := len(w.prod.OfType(tokTargetGroup))
		assert.Equal(t, map[string]int{"HTTPCode_ELB_5XX_Count": 1, "HealthyHostCount": services, "UnHealthyHostCount": services,
			"HTTPCode_Target_5XX_Count": services, "DaysToExpiry": 1}, byMetric)
		for _, s := range w.prod.OfType(typeSubscription) {
			assert.Equal(t, "email", s.Inputs["protocol"])
			assert.Equal(t, topic.Outputs["arn"], s.Inputs["topic"])
		}
		assert.NotEmpty(t, w.prod.OfType(typeSubscription))
	}},
	{"security-controls.md Protection", func(t *testing.T, w *promiseWorld) {
		checkProtected(t, w.prod, true)
		checkProtected(t, w.devPlan, false)
		assert.Equal(t, true, onlyOne(t, w.prod, tokLoadBalancer, nil).Inputs["enableDeletionProtection"])
		protected := synthPlan(t, withConfig(t, w.dev, map[string]any{"meething:protect": true}))
		assert.True(t, onlyOne(t, protected, tokZone, nil).RetainOnDelete, "with protect a created zone is retained on destroy")
		assert.False(t, onlyOne(t, w.devPlan, tokZone, nil).RetainOnDelete, "without protect a created zone goes with the stack")
	}},

	// docs/design.md, one entry per bullet of "Safe to run against production".
	{"design.md Stable keys, never list positions.", func(t *testing.T, w *promiseWorld) {
		// The new service goes first in the list and first by name, so
		// that neither its position nor its sort order leaves the others'
		// names and priorities as they were by chance.
		grown := synthPlan(t, withConfig(t, w.dev, map[string]any{"meething:services": append([]any{map[string]any{"name": "aaa"}},
			configList(t, w.dev, "meething:services")...)}))
		assertOnlyAdds(t, w.devPlan, grown)
	}},
	{"design.md Rule priorities don't move.", func(t *testing.T, w *promiseWorld) {
		services := configList(t, w.dev, "meething:services")
		fewer := synthPlan(t, withConfig(t, w.dev, map[string]any{"meething:services": services[1:]}))
		for _, r := range fewer.OfType(tokRule) {
			assert.Equal(t, named(t, w.devPlan, tokRule, r.Name).Inputs["priority"], r.Inputs["priority"], "removing a service moves %s", r.Name)
		}
		assert.Len(t, fewer.OfType(tokRule), len(services)-1)
	}},
	{"design.md No fixed names.", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, r := range slices.Concat(p.OfType(tokLoadBalancer), p.OfType(tokTargetGroup), p.OfType(tokSG)) {
				assert.Nil(t, r.Inputs["name"], "%s: %s has a fixed name", p.Stack, r.Name)
			}
		}
	}},
	{"design.md Create before delete", func(t *testing.T, w *promiseWorld) {
		for _, c := range w.prod.OfType(tokCertificate) {
			assert.False(t, c.DeleteBeforeReplace, c.Name)
		}
	}},
	{"design.md No change cuts off what users' requests cross.", func(t *testing.T, w *promiseWorld) {
		assert.True(t, onlyOne(t, w.prod, tokAssociation, nil).DeleteBeforeReplace, "the WAF association is deleted before it is replaced")
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, sg := range p.OfType(tokSG) {
				assert.Subset(t, sg.IgnoreChanges, []string{"name", "description"}, "%s: %s keeps its name and description", p.Stack, sg.Name)
			}
		}
	}},
	{"design.md `meething:protect` covers everything.", func(t *testing.T, w *promiseWorld) {
		checkProtected(t, w.prod, true)
		checkProtected(t, w.devPlan, false)
	}},
	{"design.md Logs outlive the stack.", func(t *testing.T, w *promiseWorld) {
		unprotected := synthPlan(t, withConfig(t, w.prodFile, map[string]any{"meething:protect": false, "meething:deletionProtection": false}))
		for _, p := range []*synth.Plan{w.prod, unprotected} {
			n := 0
			for _, r := range p.Resources {
				if r.Type == tokLogGroup || strings.HasPrefix(r.Type, "aws:s3/bucket") {
					n++
					assert.True(t, r.RetainOnDelete, "protect %v: %s holds logs and is deleted with the stack", p == w.prod, r.Name)
				}
			}
			assert.GreaterOrEqual(t, n, 3+6, "three log groups, the bucket and its five settings")
		}
	}},
	{"design.md Nothing in a shared zone is overwritten unasked.", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			for _, r := range p.OfType(tokRecord) {
				takenOver := p == w.prod && r.Name == "meething-wildcard-A" // prod's meething:takeOverRecords
				// Unset is the provider's default, false.
				assert.Equal(t, takenOver, r.Inputs["allowOverwrite"] == true, "%s: allowOverwrite of %s", p.Stack, r.Name)
			}
		}
	}},
	{"design.md No user is sent to an edge that does not answer.", func(t *testing.T, w *promiseWorld) {
		var services []any
		for _, s := range configList(t, w.prodFile, "meething:services") {
			m := s.(map[string]any)
			delete(m, "externalTargets")
			services = append(services, m)
		}
		_, err := synth.Run(withConfig(t, w.prodFile, map[string]any{"meething:services": services}), stackFor(w.prodFile.Keys()))
		require.Error(t, err, "a takeover of *.meething.net while no service has targets")
		assert.Contains(t, err.Error(), "meething:services[0].targets: ")
	}},
	{"design.md What the stack did not create, it does not delete.", func(t *testing.T, w *promiseWorld) {
		assert.Empty(t, w.prod.OfType(tokZone), "the adopted zone is not a resource")
		assert.True(t, named(t, w.prod, tokRecord, "meething-wildcard-A").RetainOnDelete, "a record taken over is retained")
		for _, r := range w.prod.OfType(tokRecord) {
			if r.Inputs["type"] == "CNAME" {
				assert.True(t, r.RetainOnDelete, "a validation record in a shared zone is retained: %s", r.Name)
			}
		}
		for _, r := range w.devPlan.OfType(tokRecord) {
			if r.Inputs["type"] == "CNAME" {
				assert.False(t, r.RetainOnDelete, "a validation record in the stack's own zone goes with it: %s", r.Name)
			}
		}
	}},

	// docs/config-reference.md: the defaults that matter to security and
	// serving, each read from dev's plan, which leaves them unset.
	{"config-reference.md meething:sslPolicy", func(t *testing.T, w *promiseWorld) {
		assertDocumentedDefault(t, "meething:sslPolicy", promisedSslPolicy)
		assert.Equal(t, promisedSslPolicy, onlyOne(t, w.devPlan, tokListener, listenerOn(443)).Inputs["sslPolicy"])
	}},
	{"config-reference.md meething:desyncMitigationMode", func(t *testing.T, w *promiseWorld) {
		assertDocumentedDefault(t, "meething:desyncMitigationMode", promisedDesyncDefault)
		assert.Equal(t, promisedDesyncDefault, onlyOne(t, w.devPlan, tokLoadBalancer, nil).Inputs["desyncMitigationMode"])
	}},
	{"config-reference.md meething:deletionProtection", func(t *testing.T, w *promiseWorld) {
		assertDocumentedDefault(t, "meething:deletionProtection", "false")
		assert.Equal(t, false, onlyOne(t, w.devPlan, tokLoadBalancer, nil).Inputs["enableDeletionProtection"])
	}},
	{"config-reference.md meething:protect", func(t *testing.T, w *promiseWorld) {
		assertDocumentedDefault(t, "meething:protect", "false")
		checkProtected(t, w.devPlan, false)
	}},
	{"config-reference.md meething:defaultAction", func(t *testing.T, w *promiseWorld) {
		assertDocumentedDefault(t, "meething:defaultAction", `{"fixedResponse":{"body":"`+promisedNotFoundBody+`","contentType":"text/plain","statusCode":404}}`)
		assert.Equal(t, []any{map[string]any{"type": "fixed-response", "fixedResponse": map[string]any{
			"statusCode": "404", "contentType": "text/plain", "messageBody": promisedNotFoundBody}}},
			onlyOne(t, w.devPlan, tokListener, listenerOn(443)).Inputs["defaultActions"])
	}},
	{"config-reference.md rules[].redirect.statusCode", func(t *testing.T, w *promiseWorld) {
		p := synthPlan(t, withConfig(t, w.dev, map[string]any{"meething:rules": []any{map[string]any{
			"name": "www", "priority": 10, "hosts": []any{"www.dev.meething.net"}, "redirect": map[string]any{"to": "https://dev.meething.net/#{path}"}}}}))
		assert.Equal(t, promisedRedirectCode, field(named(t, p, tokRule, "meething-rule-www").Inputs, "actions", "0", "redirect", "statusCode"),
			"a redirect is permanent unless it says otherwise")
	}},
	{"config-reference.md meething:deleteImportedOnDestroy", func(t *testing.T, w *promiseWorld) {
		assertDocumentedDefault(t, "meething:deleteImportedOnDestroy", "false")
		// prod takes *.meething.net over: what it did not create it keeps.
		assert.True(t, named(t, w.prod, tokRecord, "meething-wildcard-A").RetainOnDelete)
	}},
	{"design.md components: HTTP/2", func(t *testing.T, w *promiseWorld) {
		for _, p := range []*synth.Plan{w.devPlan, w.prod} {
			assert.Equal(t, true, onlyOne(t, p, tokLoadBalancer, nil).Inputs["enableHttp2"], "%s: HTTP/2 to clients", p.Stack)
		}
	}},
}

// checkProtected: with protect every resource but the providers is
// protected; without it none is.
func checkProtected(t *testing.T, p *synth.Plan, want bool) {
	t.Helper()
	n := 0
	for _, r := range p.Resources {
		if r.Custom && !strings.HasPrefix(r.Type, "pulumi:providers:") {
			n++
			assert.Equal(t, want, r.Protect, "%s: protect of %s", p.Stack, r.URN)
		}
	}
	assert.NotZero(t, n)
}

// assertOnlyAdds: every resource of before is in after under the same URN
// with the same inputs and options.
func assertOnlyAdds(t *testing.T, before, after *synth.Plan) {
	t.Helper()
	for _, r := range before.Resources {
		got := after.Resource(r.URN)
		if !assert.NotNil(t, got, "%s is gone", r.URN) {
			continue
		}
		assert.Equal(t, r.Inputs, got.Inputs, "%s changed", r.URN)
		assert.Equal(t, r.Protect, got.Protect, r.URN)
		assert.Equal(t, r.RetainOnDelete, got.RetainOnDelete, r.URN)
		assert.Equal(t, r.DeleteBeforeReplace, got.DeleteBeforeReplace, r.URN)
		assert.Equal(t, r.IgnoreChanges, got.IgnoreChanges, r.URN)
	}
	assert.Greater(t, len(after.Resources), len(before.Resources))
}

// assertRefused: s with key set to value is refused, naming the key, before
// anything is registered.
func assertRefused(t *testing.T, s *stackfile.Stack, key, value string) {
	t.Helper()
	res, err := runProgram(s.Name, with(s.Config, key, value))
	if assert.Error(t, err, "%s: %s is accepted", key, value) {
		assert.Contains(t, err.Error(), key+": ")
	}
	assert.Empty(t, res.Resources())
}

// configReferenceDefault matches a key's row of docs/config-reference.md:
// | `meething:key` | type | `default` | ... or with the default bare.
var configReferenceDefault = regexp.MustCompile("(?m)^\\| `([^`]+)` \\| [^|]+ \\| `?([^|`]*)`? \\|")

// assertDocumentedDefault: the config reference gives key the default want.
func assertDocumentedDefault(t *testing.T, key, want string) {
	t.Helper()
	data, err := os.ReadFile("docs/config-reference.md")
	require.NoError(t, err)
	for _, m := range configReferenceDefault.FindAllStringSubmatch(string(data), -1) {
		if m[1] == key {
			assert.Equal(t, want, strings.TrimSpace(m[2]), "docs/config-reference.md's default of %s", key)
			return
		}
	}
	t.Errorf("docs/config-reference.md has no row for %s", key)
}

func TestDocPromises(t *testing.T) {
	w := newPromiseWorld(t)
	for _, p := range docPromises {
		t.Run(p.doc, func(t *testing.T) { p.check(t, w) })
	}
}

// TestDocPromisesAreAllChecked: every control of docs/security-controls.md
// and every bullet of design.md's "Safe to run against production" has its
// entry in docPromises.
func TestDocPromisesAreAllChecked(t *testing.T) {
	checked := map[string]bool{}
	for _, p := range docPromises {
		assert.False(t, checked[p.doc], "%s is listed twice", p.doc)
		checked[p.doc] = true
	}
	var promised []string
	controls, err := os.ReadFile("docs/security-controls.md")
	require.NoError(t, err)
	table, _, _ := strings.Cut(string(controls), "Accepted exceptions")
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| Control") || strings.HasPrefix(line, "| ---") {
			continue
		}
		id := strings.Trim(strings.Fields(cells[1])[0], "[]")
		promised = append(promised, "security-controls.md "+id)
	}
	design, err := os.ReadFile("docs/design.md")
	require.NoError(t, err)
	_, safe, ok := strings.Cut(string(design), "## Safe to run against production")
	require.True(t, ok, "design.md has no section Safe to run against production")
	safe, _, _ = strings.Cut(safe, "\n## ")
	for _, m := range regexp.MustCompile(`(?m)^- \*\*(.+?)\*\*`).FindAllStringSubmatch(safe, -1) {
		promised = append(promised, "design.md "+m[1])
	}
	require.GreaterOrEqual(t, len(promised), 20, "the parse found too few promises: %v", promised)
	for _, p := range promised {
		assert.True(t, checked[p], "%s has no check in docPromises", p)
	}
}
