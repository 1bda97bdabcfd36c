package monitoring

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// EdgeHealthTypeToken is the EdgeHealth component's type.
const EdgeHealthTypeToken = "meething:monitoring:EdgeHealth"

// EdgeHealthArgs configures EdgeHealth.
type EdgeHealthArgs struct {
	// LoadBalancerArnSuffix is the ALB's metric dimension. Required.
	LoadBalancerArnSuffix pulumi.StringInput
	// TargetGroupArnSuffixes are the target groups' metric dimensions by
	// the load balancer's key (api, api-green). Required.
	TargetGroupArnSuffixes map[string]pulumi.StringOutput
	// Region is the alarms' region, which Route53's health checkers read.
	// Required.
	Region string
	// ErrorsPerMinute is meething:cutover.failbackErrors: the 5xx per
	// minute (the load balancer's own, or its targets') that make the
	// edge unhealthy. Required.
	ErrorsPerMinute int
	// Tags go on the alarms and health checks, with Component=monitoring.
	Tags map[string]string
}

// FailbackSuffix ends the name of every resource of EdgeHealth
// (<name>-failback, <name>-alb-5xx-failback, ...), and of no other: the
// Alarms component's names end with the alarm's own words.
const FailbackSuffix = "failback"

// IsFailback reports whether a resource's logical name is EdgeHealth's.
// They exist only during a cutover's weighted steps, so they are never
// protected: the step that ends the cutover deletes them. A destroy meets
// the protected new-edge records, which depend on them, first.
func IsFailback(name string) bool { return strings.HasSuffix(name, "-"+FailbackSuffix) }

// EdgeHealth is the health of the stack's load balancer as Route53 sees it
// during a cutover: CloudWatch alarms (each target group's healthy hosts,
// the load balancer's and the targets' 5xx), a Route53 health check
// following each alarm, and one calculated health check that is healthy
// only while all of them are. The new-edge records carry it, so Route53
// answers with the old edge when the new one stops serving.
//
// Route53 follows only alarms on one standard-resolution metric with a
// standard statistic (Route53 API reference, AlarmIdentifier): no metric
// math, so the 5xx are counted per minute here, and their share of the
// requests is judged by meething cutover status between steps.
type EdgeHealth struct {
	pulumi.ResourceState

	// HealthCheckId is the calculated health check's ID.
	HealthCheckId pulumi.StringOutput
}

// NewEdgeHealth creates the alarms and health checks.
func NewEdgeHealth(ctx *pulumi.Context, name string, args *EdgeHealthArgs, opts ...pulumi.ResourceOption) (*EdgeHealth, error) {
	if args == nil || args.LoadBalancerArnSuffix == nil || args.Region == "" || args.ErrorsPerMinute < 1 {
		return nil, fmt.Errorf("edge health %s: LoadBalancerArnSuffix, Region and ErrorsPerMinute are required", name)
	}
	h := &EdgeHealth{}
	props := pulumi.Map{"errorsPerMinute": pulumi.Int(args.ErrorsPerMinute)}
	if err := ctx.RegisterComponentResourceV2(EdgeHealthTypeToken, name, props, h, opts...); err != nil {
		return nil, fmt.Errorf("registering edge health %s: %w", name, err)
	}
	parent := pulumi.Parent(h)
	t := tags.Set(args.Tags).Component("monitoring")

	var children pulumi.StringArray
	for _, al := range edgeAlarms(name, args) {
		resName := name + "-" + al.suffix + "-" + FailbackSuffix
		alarm, err := cloudwatch.NewMetricAlarm(ctx, resName, &cloudwatch.MetricAlarmArgs{
			AlarmDescription:   pulumi.String(al.description),
			Namespace:          pulumi.String(al.namespace),
			MetricName:         pulumi.String(al.metric),
			Statistic:          pulumi.String(al.stat),
			Dimensions:         al.dimensions,
			Period:             pulumi.Int(al.period),
			EvaluationPeriods:  pulumi.Int(al.evaluationPeriods),
			Threshold:          pulumi.Float64(float64(al.threshold)),
			ComparisonOperator: pulumi.String(al.comparison),
			TreatMissingData:   pulumi.String(al.missingDataIsA),
			Tags:               t.Named(resName),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating alarm %s: %w", resName, err)
		}
		check, err := route53.NewHealthCheck(ctx, resName, &route53.HealthCheckArgs{
			Type:                         pulumi.String("CLOUDWATCH_METRIC"),
			CloudwatchAlarmName:          alarm.Name,
			CloudwatchAlarmRegion:        pulumi.String(args.Region),
			InsufficientDataHealthStatus: pulumi.String("LastKnownStatus"),
			Tags:                         t.Named(resName),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating health check %s: %w", resName, err)
		}
		children = append(children, check.ID().ToStringOutput())
	}
	calculatedName := name + "-" + FailbackSuffix
	calculated, err := route53.NewHealthCheck(ctx, calculatedName, &route53.HealthCheckArgs{
		Type:                 pulumi.String("CALCULATED"),
		ChildHealthchecks:    children,
		ChildHealthThreshold: pulumi.Int(len(children)),
		Tags:                 t.Named(calculatedName),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating health check %s: %w", calculatedName, err)
	}
	h.HealthCheckId = calculated.ID().ToStringOutput()
	if err := ctx.RegisterResourceOutputs(h, pulumi.Map{"healthCheckId": h.HealthCheckId}); err != nil {
		return nil, fmt.Errorf("registering outputs of edge health %s: %w", name, err)
	}
	return h, nil
}

// edgeAlarms are the alarms the new edge's health follows: per target
// group at least one healthy host (no data counts as none: a group that
// reports nothing serves nobody), and the load balancer's and the
// targets' 5xx per minute, each for two minutes in a row.
func edgeAlarms(name string, a *EdgeHealthArgs) []alarm {
	const elbNS = "AWS/ApplicationELB"
	lb := pulumi.StringMap{"LoadBalancer": a.LoadBalancerArnSuffix}
	var out []alarm
	for _, g := range slices.Sorted(maps.Keys(a.TargetGroupArnSuffixes)) {
		out = append(out, alarm{
			suffix:      g + "-healthy-hosts",
			description: fmt.Sprintf("Target group %s of %s had no healthy target for 2 minutes: Route53 answers with the old edge", g, name),
			namespace:   elbNS, metric: "HealthyHostCount", stat: "Minimum",
			dimensions: pulumi.StringMap{"LoadBalancer": a.LoadBalancerArnSuffix, "TargetGroup": a.TargetGroupArnSuffixes[g]},
			period:     60, evaluationPeriods: 2, threshold: 1,
			comparison: "LessThanThreshold", missingDataIsA: "breaching",
		})
	}
	for _, m := range []struct{ suffix, metric, who string }{
		{"alb-5xx", "HTTPCode_ELB_5XX_Count", "the load balancer itself"},
		{"target-5xx", "HTTPCode_Target_5XX_Count", "its targets"},
	} {
		out = append(out, alarm{
			suffix:      m.suffix,
			description: fmt.Sprintf("%d or more 5xx a minute from %s of %s for 2 minutes: Route53 answers with the old edge", a.ErrorsPerMinute, m.who, name),
			namespace:   elbNS, metric: m.metric, stat: "Sum",
			dimensions: lb, period: 60, evaluationPeriods: 2, threshold: a.ErrorsPerMinute,
			comparison: "GreaterThanOrEqualToThreshold", missingDataIsA: "notBreaching",
		})
	}
	return out
}
