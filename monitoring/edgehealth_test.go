package monitoring_test

import (
	"sort"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/monitoring"
)

const typeHealthCheck = "aws:route53/healthCheck:HealthCheck"

func edgeHealthArgs(groups ...string) *monitoring.EdgeHealthArgs {
	tgs := map[string]pulumi.StringOutput{}
	for _, g := range groups {
		tgs[g] = pulumi.String(tgSuffix(g)).ToStringOutput()
	}
	return &monitoring.EdgeHealthArgs{
		LoadBalancerArnSuffix:  pulumi.String(albSuffix),
		TargetGroupArnSuffixes: tgs,
		Region:                 "ap-northeast-2",
		ErrorsPerMinute:        25,
		Tags:                   map[string]string{"Project": "meething"},
	}
}

func runEdgeHealth(t *testing.T, args *monitoring.EdgeHealthArgs) *awsmock.Monitor {
	t.Helper()
	m, err := awsmock.Run(project, stack, nil, func(ctx *pulumi.Context) error {
		_, err := monitoring.NewEdgeHealth(ctx, name, args)
		return err
	})
	require.NoError(t, err)
	return m
}

func TestEdgeHealth(t *testing.T) {
	m := runEdgeHealth(t, edgeHealthArgs("api", "chat"))

	var alarms []string
	for _, a := range m.OfType(typeAlarm) {
		alarms = append(alarms, a.Name)
		assert.True(t, monitoring.IsFailback(a.Name), a.Name)
		assert.Nil(t, a.Inputs["alarmActions"].V, "%s feeds Route53, not the alarm topic", a.Name)
		assert.Equal(t, 60.0, a.Inputs["period"].NumberValue(), "%s: standard resolution, as Route53 requires", a.Name)
		assert.NotEqual(t, "", a.Inputs["statistic"].StringValue(), "%s: a standard statistic, no metric math", a.Name)
	}
	sort.Strings(alarms)
	assert.Equal(t, []string{"edge-alb-5xx-failback", "edge-api-healthy-hosts-failback", "edge-chat-healthy-hosts-failback", "edge-target-5xx-failback"}, alarms)

	hosts := m.Named(typeAlarm, "edge-api-healthy-hosts-failback")
	assert.Equal(t, "HealthyHostCount", hosts.Inputs["metricName"].StringValue())
	assert.Equal(t, "LessThanThreshold", hosts.Inputs["comparisonOperator"].StringValue())
	assert.Equal(t, 1.0, hosts.Inputs["threshold"].NumberValue())
	assert.Equal(t, "breaching", hosts.Inputs["treatMissingData"].StringValue(), "a group that reports nothing serves nobody")
	assert.Equal(t, tgSuffix("api"), hosts.Inputs["dimensions"].ObjectValue()["TargetGroup"].StringValue())
	errors := m.Named(typeAlarm, "edge-target-5xx-failback")
	assert.Equal(t, 25.0, errors.Inputs["threshold"].NumberValue(), "failbackErrors")
	assert.Equal(t, "HTTPCode_Target_5XX_Count", errors.Inputs["metricName"].StringValue())

	checks := m.OfType(typeHealthCheck)
	require.Len(t, checks, 5, "one per alarm and the calculated one")
	calculated := m.Named(typeHealthCheck, "edge-failback")
	require.NotNil(t, calculated)
	assert.Equal(t, "CALCULATED", calculated.Inputs["type"].StringValue())
	assert.Len(t, calculated.Inputs["childHealthchecks"].ArrayValue(), 4)
	assert.Equal(t, 4.0, calculated.Inputs["childHealthThreshold"].NumberValue(), "healthy only while every child is")
	for _, c := range checks {
		assert.True(t, monitoring.IsFailback(c.Name), c.Name)
		if c.Name == calculated.Name {
			continue
		}
		assert.Equal(t, "CLOUDWATCH_METRIC", c.Inputs["type"].StringValue())
		assert.Equal(t, "ap-northeast-2", c.Inputs["cloudwatchAlarmRegion"].StringValue())
		assert.Equal(t, "LastKnownStatus", c.Inputs["insufficientDataHealthStatus"].StringValue())
	}
}

func TestEdgeHealthNamesNeverMeetTheAlarms(t *testing.T) {
	// A service named like one of EdgeHealth's words still gets alarms
	// whose names IsFailback does not claim.
	r := mustRunAlarms(t, baseArgs("failback", "alb"))
	for _, n := range alarmNames(r) {
		assert.False(t, monitoring.IsFailback(n), n)
	}
}

func TestEdgeHealthRequiresItsArgs(t *testing.T) {
	args := edgeHealthArgs("api")
	args.ErrorsPerMinute = 0
	_, err := awsmock.Run(project, stack, nil, func(ctx *pulumi.Context) error {
		_, err := monitoring.NewEdgeHealth(ctx, name, args)
		return err
	})
	assert.ErrorContains(t, err, "ErrorsPerMinute")
}
