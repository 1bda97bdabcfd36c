package monitoring_test

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/monitoring"
	"github.com/meething/edge/stackconfig"
)

const (
	project = "meething"
	stack   = "test"
	name    = "edge"

	typeTopic        = "aws:sns/topic:Topic"
	typeSubscription = "aws:sns/topicSubscription:TopicSubscription"
	typeAlarm        = "aws:cloudwatch/metricAlarm:MetricAlarm"

	albSuffix = "app/edge-alb/50dc6c495c0c9188"
	certARN   = "arn:aws:acm:ap-northeast-2:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
)

// tgSuffix is the metric dimension of a service's target group.
func tgSuffix(service string) string { return "targetgroup/edge-" + service + "/73e2d6bc24d8a067" }

// baseArgs watches an ALB with the given services, with meething:alarms of
// a stack that sets only enabled and two addresses, as stackconfig gives it.
func baseArgs(services ...string) *monitoring.AlarmsArgs {
	alarms := stackconfig.Defaults().Alarms
	alarms.Enabled = true
	alarms.Emails = []string{"oncall@meething.net", "edge@meething.net"}
	tgs := map[string]pulumi.StringOutput{}
	for _, s := range services {
		tgs[s] = pulumi.String(tgSuffix(s)).ToStringOutput()
	}
	return &monitoring.AlarmsArgs{
		Alarms:                 alarms,
		LoadBalancerArnSuffix:  pulumi.String(albSuffix),
		TargetGroupArnSuffixes: tgs,
		CertificateArn:         pulumi.String(certARN),
		Tags:                   map[string]string{"Project": "meething", "Team": "edge"},
	}
}

type run struct {
	*awsmock.Monitor
	alarms   *monitoring.Alarms
	topicArn string
}

func runAlarms(t *testing.T, args *monitoring.AlarmsArgs) (*run, error) {
	t.Helper()
	res := &run{}
	var mu sync.Mutex
	m, err := awsmock.Run(project, stack, nil, func(ctx *pulumi.Context) error {
		a, err := monitoring.NewAlarms(ctx, name, args)
		if err != nil {
			return err
		}
		res.alarms = a
		a.TopicArn.ApplyT(func(s string) error {
			mu.Lock()
			defer mu.Unlock()
			res.topicArn = s
			return nil
		})
		return nil
	})
	res.Monitor = m
	mu.Lock()
	defer mu.Unlock()
	return res, err
}

func mustRunAlarms(t *testing.T, args *monitoring.AlarmsArgs) *run {
	t.Helper()
	r, err := runAlarms(t, args)
	require.NoError(t, err)
	require.NotNil(t, r.alarms)
	return r
}

func alarmNames(r *run) []string {
	var out []string
	for _, a := range r.OfType(typeAlarm) {
		out = append(out, a.Name)
	}
	sort.Strings(out)
	return out
}

func (r *run) alarm(t *testing.T, n string) *awsmock.Resource {
	t.Helper()
	a := r.Named(typeAlarm, n)
	require.NotNil(t, a, "no alarm %s in %v", n, alarmNames(r))
	return a
}

func TestAlarmsComponent(t *testing.T) {
	r := mustRunAlarms(t, baseArgs("api", "chat"))
	comps := r.OfType(monitoring.TypeToken)
	require.Len(t, comps, 1)
	comp := comps[0]
	assert.Equal(t, "meething:monitoring:Alarms", comp.Type)
	assert.Equal(t, name, comp.Name)
	assert.False(t, comp.Custom, "the alarms are a component")

	children := 0
	for _, res := range r.Resources() {
		if res.URN == comp.URN {
			continue
		}
		children++
		assert.Equal(t, comp.URN, res.Parent, "%s %s is parented to the component", res.Type, res.Name)
		assert.True(t, res.Custom)
	}
	// topic, 2 subscriptions, ALB 5xx, 2 x 3 service alarms, certificate.
	assert.Equal(t, 1+2+1+6+1, children)
	assert.Len(t, r.alarms.Alarms, 8)
	for n := range r.alarms.Alarms {
		assert.NotNil(t, r.Named(typeAlarm, n), "Alarms is keyed by the alarm's name: %s", n)
	}
}

func TestAlarmsTopicAndSubscriptions(t *testing.T) {
	for _, emails := range [][]string{nil, {"oncall@meething.net"}, {"oncall@meething.net", "edge@meething.net", "cto@meething.net"}} {
		t.Run(emailsLabel(emails), func(t *testing.T) {
			args := baseArgs("api")
			args.Alarms.Emails = emails
			r := mustRunAlarms(t, args)

			topics := r.OfType(typeTopic)
			require.Len(t, topics, 1, "one topic")
			topic := topics[0]
			assert.Equal(t, name+"-alarms", topic.Name)
			topicArn, _ := topic.Output("arn").(string)
			require.NotEmpty(t, topicArn)
			assert.Equal(t, topicArn, r.topicArn, "TopicArn is the topic's ARN")
			tags, ok := topic.Input("tags").(map[string]any)
			require.True(t, ok)
			assert.Equal(t, "monitoring", tags["Component"])
			assert.Equal(t, name+"-alarms", tags["Name"])
			assert.Equal(t, "edge", tags["Team"])

			subs := r.OfType(typeSubscription)
			require.Len(t, subs, len(emails), "one subscription per address")
			endpoints := []any{}
			for _, s := range subs {
				assert.Equal(t, "email", s.Input("protocol"))
				assert.Equal(t, topicArn, s.Input("topic"))
				endpoints = append(endpoints, s.Input("endpoint"))
			}
			want := []any{}
			for _, e := range emails {
				want = append(want, e)
			}
			assert.ElementsMatch(t, want, endpoints)
		})
	}
}

func emailsLabel(ss []string) string {
	if len(ss) == 0 {
		return "no emails"
	}
	out := ss[0]
	for _, s := range ss[1:] {
		out += "," + s
	}
	return out
}

func TestAlarmsDefinitions(t *testing.T) {
	tests := []struct {
		name                                   string
		lb5xx, target5xx, unhealthy, certDays  int
		wantLB5xx, wantT5xx, wantUnh, wantDays float64
	}{
		{name: "defaults", wantLB5xx: 10, wantT5xx: 10, wantUnh: 1, wantDays: 30},
		{name: "configured", lb5xx: 50, target5xx: 25, unhealthy: 2, certDays: 45, wantLB5xx: 50, wantT5xx: 25, wantUnh: 2, wantDays: 45},
		{name: "partly configured", target5xx: 3, certDays: 14, wantLB5xx: 10, wantT5xx: 3, wantUnh: 1, wantDays: 14},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := baseArgs("api", "chat")
			// A threshold the test leaves zero is one the stack does not
			// set: it keeps stackconfig's default.
			for _, set := range []struct {
				to    *int
				value int
			}{
				{&args.Alarms.LoadBalancer5xx, tc.lb5xx}, {&args.Alarms.Target5xx, tc.target5xx},
				{&args.Alarms.UnhealthyHosts, tc.unhealthy}, {&args.Alarms.CertificateExpiryDays, tc.certDays},
			} {
				if set.value != 0 {
					*set.to = set.value
				}
			}
			r := mustRunAlarms(t, args)
			topicArn := r.OfType(typeTopic)[0].Output("arn")
			require.NotEmpty(t, topicArn)

			assert.Equal(t, []string{
				"edge-alb-5xx",
				"edge-api-no-healthy-hosts", "edge-api-target-5xx", "edge-api-unhealthy-hosts",
				"edge-certificate-expiry",
				"edge-chat-no-healthy-hosts", "edge-chat-target-5xx", "edge-chat-unhealthy-hosts",
			}, alarmNames(r))

			for _, a := range r.OfType(typeAlarm) {
				assert.Equal(t, []any{topicArn}, a.Input("alarmActions"), "%s alarms to the topic only", a.Name)
				assert.Equal(t, []any{topicArn}, a.Input("okActions"), "%s reports recovery to the topic only", a.Name)
				assert.NotEmpty(t, a.Input("alarmDescription"), a.Name)
				assert.NotEmpty(t, a.Input("statistic"), a.Name)
				assert.NotNil(t, a.Input("period"), a.Name)
				assert.NotNil(t, a.Input("evaluationPeriods"), a.Name)
				assert.Nil(t, a.Input("name"), "%s is auto-named", a.Name)
				tags, ok := a.Input("tags").(map[string]any)
				require.True(t, ok, a.Name)
				assert.Equal(t, "monitoring", tags["Component"], a.Name)
				assert.Equal(t, a.Name, tags["Name"])
			}

			lb := r.alarm(t, "edge-alb-5xx")
			assert.Equal(t, "AWS/ApplicationELB", lb.Input("namespace"))
			assert.Equal(t, "HTTPCode_ELB_5XX_Count", lb.Input("metricName"))
			assert.Equal(t, "Sum", lb.Input("statistic"))
			assert.Equal(t, map[string]any{"LoadBalancer": albSuffix}, lb.Input("dimensions"))
			assert.Equal(t, tc.wantLB5xx, lb.Input("threshold"))
			assert.Equal(t, "GreaterThanOrEqualToThreshold", lb.Input("comparisonOperator"))

			for _, svc := range []string{"api", "chat"} {
				dims := map[string]any{"LoadBalancer": albSuffix, "TargetGroup": tgSuffix(svc)}

				unhealthy := r.alarm(t, "edge-"+svc+"-unhealthy-hosts")
				assert.Equal(t, "AWS/ApplicationELB", unhealthy.Input("namespace"))
				assert.Equal(t, "UnHealthyHostCount", unhealthy.Input("metricName"))
				assert.Equal(t, dims, unhealthy.Input("dimensions"))
				assert.Equal(t, tc.wantUnh, unhealthy.Input("threshold"))
				assert.Equal(t, "GreaterThanOrEqualToThreshold", unhealthy.Input("comparisonOperator"))

				t5xx := r.alarm(t, "edge-"+svc+"-target-5xx")
				assert.Equal(t, "AWS/ApplicationELB", t5xx.Input("namespace"))
				assert.Equal(t, "HTTPCode_Target_5XX_Count", t5xx.Input("metricName"))
				assert.Equal(t, "Sum", t5xx.Input("statistic"))
				assert.Equal(t, dims, t5xx.Input("dimensions"))
				assert.Equal(t, tc.wantT5xx, t5xx.Input("threshold"))
				assert.Equal(t, "GreaterThanOrEqualToThreshold", t5xx.Input("comparisonOperator"))
			}

			cert := r.alarm(t, "edge-certificate-expiry")
			assert.Equal(t, "AWS/CertificateManager", cert.Input("namespace"))
			assert.Equal(t, "DaysToExpiry", cert.Input("metricName"))
			assert.Equal(t, map[string]any{"CertificateArn": certARN}, cert.Input("dimensions"))
			assert.Equal(t, tc.wantDays, cert.Input("threshold"))
			assert.Equal(t, "LessThanThreshold", cert.Input("comparisonOperator"))
		})
	}
}

func TestAlarmsWithoutServices(t *testing.T) {
	r := mustRunAlarms(t, baseArgs())
	assert.Equal(t, []string{"edge-alb-5xx", "edge-certificate-expiry"}, alarmNames(r))
}

// Adding a service adds its two alarms and changes no other alarm.
func TestAlarmsAddingServiceChangesNoOther(t *testing.T) {
	before := mustRunAlarms(t, baseArgs("api", "chat"))
	after := mustRunAlarms(t, baseArgs("api", "chat", "config"))

	old := map[string]*awsmock.Resource{}
	for _, r := range before.Resources() {
		old[r.URN] = r
	}
	var added []string
	for _, r := range after.Resources() {
		o, ok := old[r.URN]
		if !ok {
			assert.Equal(t, typeAlarm, r.Type, "only alarms are added")
			added = append(added, r.Name)
			continue
		}
		assert.Equal(t, o.Inputs, r.Inputs, "%s changed when a service was added", r.URN)
		delete(old, r.URN)
	}
	assert.Empty(t, old, "no resource disappears or is renamed")
	sort.Strings(added)
	assert.Equal(t, []string{"edge-config-no-healthy-hosts", "edge-config-target-5xx", "edge-config-unhealthy-hosts"}, added)
}

func TestAlarmsErrors(t *testing.T) {
	tests := []struct {
		name string
		args *monitoring.AlarmsArgs
	}{
		{name: "nil args", args: nil},
		{name: "no load balancer", args: func() *monitoring.AlarmsArgs { a := baseArgs("api"); a.LoadBalancerArnSuffix = nil; return a }()},
		{name: "no certificate", args: func() *monitoring.AlarmsArgs { a := baseArgs("api"); a.CertificateArn = nil; return a }()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := runAlarms(t, tc.args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "alarms "+name)
			assert.Contains(t, err.Error(), "required")
			assert.Nil(t, r.alarms)
			assert.Empty(t, r.Resources(), "nothing is registered")
		})
	}
}

// Subscriptions are named by their address's place in the list, never by
// the address: adding one at the end adds one subscription and changes no
// other. Each keeps an alias to the name it had when names were addresses.
func TestAlarmsSubscriptionNames(t *testing.T) {
	args := baseArgs("api")
	before := mustRunAlarms(t, args)
	args.Alarms.Emails = append(args.Alarms.Emails, "cto@meething.net")
	after := mustRunAlarms(t, args)

	var names []string
	for _, s := range after.OfType(typeSubscription) {
		names = append(names, s.Name)
		assert.NotContains(t, s.URN, "@", "no address in a URN")
	}
	assert.Equal(t, []string{"edge-alarms-email-1", "edge-alarms-email-2", "edge-alarms-email-3"}, names)
	for i, email := range args.Alarms.Emails {
		s := after.Named(typeSubscription, fmt.Sprintf("edge-alarms-email-%d", i+1))
		require.NotNil(t, s)
		assert.Equal(t, email, s.Input("endpoint"), "the Nth address is subscription N")
		assert.Equal(t, []string{strings.Replace(s.URN, s.Name, "edge-alarms-"+email, 1)}, s.Aliases,
			"the alias keeps the subscription named after its address in an existing stack")
	}

	for _, s := range before.OfType(typeSubscription) {
		a := after.Named(typeSubscription, s.Name)
		require.NotNil(t, a)
		assert.Equal(t, s.Inputs, a.Inputs, "%s is unchanged when an address is added at the end", s.Name)
	}
}

// With Secret, the addresses, thresholds and descriptions reach AWS and the
// component's inputs only as secrets, and no name or alias holds an address.
func TestAlarmsSecret(t *testing.T) {
	args := baseArgs("api")
	args.Secret = true
	args.Alarms.Target5xx = 7
	r := mustRunAlarms(t, args)

	for _, res := range r.Resources() {
		for _, email := range args.Alarms.Emails {
			assert.NotContains(t, res.URN, email)
			for _, alias := range res.Aliases {
				assert.NotContains(t, alias, email)
			}
		}
	}
	comp := r.OfType(monitoring.TypeToken)[0]
	assert.True(t, comp.Inputs["emails"].IsSecret(), "the component records the addresses as a secret")

	subs := r.OfType(typeSubscription)
	require.Len(t, subs, 2)
	for i, s := range subs {
		assert.Equal(t, fmt.Sprintf("edge-alarms-email-%d", i+1), s.Name)
		assert.True(t, s.Inputs["endpoint"].IsSecret(), "%s's endpoint is a secret", s.Name)
		assert.True(t, s.Outputs["endpoint"].IsSecret(), "and stays one in its state")
		assert.Equal(t, args.Alarms.Emails[i], s.Input("endpoint"))
		assert.False(t, s.Inputs["protocol"].IsSecret(), "what is not from the config is not secret")
		assert.Empty(t, s.Aliases, "no alias names a secret address")
	}
	for _, a := range r.OfType(typeAlarm) {
		assert.True(t, a.Inputs["threshold"].IsSecret(), "%s's threshold is a secret", a.Name)
		assert.True(t, a.Inputs["alarmDescription"].IsSecret(), "%s's description is a secret", a.Name)
		assert.False(t, a.Inputs["metricName"].IsSecret(), a.Name)
	}
	assert.Equal(t, float64(7), r.alarm(t, "edge-api-target-5xx").Input("threshold"), "a secret keeps its value")
}

// TestAlarmsDescribeTargetGroups: a further group's alarms name the group
// by its key (api-green), not as a service, which api-green is not.
func TestAlarmsDescribeTargetGroups(t *testing.T) {
	r := mustRunAlarms(t, baseArgs("api", "api-green"))
	want := map[string]string{
		"edge-api-unhealthy-hosts":        "Target group api has 1 or more unhealthy targets for 3 minutes",
		"edge-api-green-unhealthy-hosts":  "Target group api-green has 1 or more unhealthy targets for 3 minutes",
		"edge-api-green-target-5xx":       "Target group api-green answered 10 or more 5xx in 5 minutes",
		"edge-api-green-no-healthy-hosts": "Target group api-green has had no healthy target (or reported none) for 3 minutes: it serves nobody",
	}
	for _, a := range r.OfType(typeAlarm) {
		if d, ok := want[a.Name]; ok {
			assert.Equal(t, d, a.Input("alarmDescription"), a.Name)
			delete(want, a.Name)
		}
	}
	assert.Empty(t, want, "alarms not found")
}

// TestAlarmsNoHealthyHosts: every target group, by its key, has an alarm
// on HealthyHostCount below 1 that treats missing data as breaching, so
// that a group whose targets are all deregistered (UnHealthyHostCount 0)
// or which reports nothing alarms; the unhealthy-hosts alarm stays beside
// it, whatever the unhealthyHosts threshold.
func TestAlarmsNoHealthyHosts(t *testing.T) {
	tests := []struct {
		name      string
		groups    []string
		unhealthy int
	}{
		{name: "services", groups: []string{"api", "chat"}},
		{name: "a further group", groups: []string{"api", "api-green"}},
		{name: "unhealthy threshold does not move it", groups: []string{"api"}, unhealthy: 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := baseArgs(tc.groups...)
			if tc.unhealthy != 0 {
				args.Alarms.UnhealthyHosts = tc.unhealthy
			}
			r := mustRunAlarms(t, args)
			for _, g := range tc.groups {
				a := r.alarm(t, "edge-"+g+"-no-healthy-hosts")
				assert.Equal(t, "AWS/ApplicationELB", a.Input("namespace"), g)
				assert.Equal(t, "HealthyHostCount", a.Input("metricName"), g)
				assert.Equal(t, "Minimum", a.Input("statistic"), g)
				assert.Equal(t, map[string]any{"LoadBalancer": albSuffix, "TargetGroup": tgSuffix(g)}, a.Input("dimensions"), g)
				assert.Equal(t, float64(1), a.Input("threshold"), g)
				assert.Equal(t, "LessThanThreshold", a.Input("comparisonOperator"), g)
				assert.Equal(t, "breaching", a.Input("treatMissingData"), g)
				assert.NotNil(t, r.alarm(t, "edge-"+g+"-unhealthy-hosts"), "the unhealthy-hosts alarm stays beside it")
			}
		})
	}
}
