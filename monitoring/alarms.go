// Package monitoring builds the stack's alarms: an SNS topic with email
// subscriptions, and CloudWatch alarms on the load balancer's own 5xx count,
// on each target group's unhealthy hosts and 5xx count, and on the
// certificate's days to expiry.
package monitoring

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// TypeToken is the Alarms component's type.
const TypeToken = "meething:monitoring:Alarms"

// AlarmsArgs configures Alarms.
type AlarmsArgs struct {
	// Emails are subscribed to the alarm topic (each must confirm).
	// Default: none.
	Emails []string
	// LoadBalancerArnSuffix is the ALB's metric dimension. Required.
	LoadBalancerArnSuffix pulumi.StringInput
	// TargetGroupArnSuffixes are the target groups' metric dimensions by
	// service. Default: none.
	TargetGroupArnSuffixes map[string]pulumi.StringOutput
	// CertificateArn is the certificate whose expiry is watched. Required.
	CertificateArn pulumi.StringInput
	// LoadBalancer5xx, Target5xx (per 5 minutes), UnhealthyHosts and
	// CertificateExpiryDays are the thresholds. Defaults: 10, 10, 1, 30.
	LoadBalancer5xx       int
	Target5xx             int
	UnhealthyHosts        int
	CertificateExpiryDays int
	// Tags go on the topic and the alarms, with Component=monitoring and Name.
	Tags map[string]string
}

// Alarms is the alarm topic and the alarms that publish to it.
type Alarms struct {
	pulumi.ResourceState

	// Topic receives every alarm and its recovery.
	Topic *sns.Topic
	// TopicArn is the topic's ARN.
	TopicArn pulumi.StringOutput
	// Alarms are by logical name.
	Alarms map[string]*cloudwatch.MetricAlarm
}

// alarm is one CloudWatch alarm before it exists.
type alarm struct {
	suffix, description        string
	namespace, metric, stat    string
	dimensions                 pulumi.StringMap
	period, evaluationPeriods  int
	threshold                  int
	comparison, missingDataIsA string
}

// NewAlarms creates the topic, its subscriptions and the alarms.
func NewAlarms(ctx *pulumi.Context, name string, args *AlarmsArgs, opts ...pulumi.ResourceOption) (*Alarms, error) {
	if args == nil || args.LoadBalancerArnSuffix == nil || args.CertificateArn == nil {
		return nil, fmt.Errorf("alarms %s: LoadBalancerArnSuffix and CertificateArn are required", name)
	}
	a := withDefaults(*args)
	m := &Alarms{Alarms: map[string]*cloudwatch.MetricAlarm{}}
	props := pulumi.Map{"emails": pulumi.ToStringArray(a.Emails)}
	if err := ctx.RegisterComponentResourceV2(TypeToken, name, props, m, opts...); err != nil {
		return nil, fmt.Errorf("registering alarms %s: %w", name, err)
	}
	parent := pulumi.Parent(m)
	t := tags.Set(a.Tags).Component("monitoring")

	var err error
	m.Topic, err = sns.NewTopic(ctx, name+"-alarms", &sns.TopicArgs{
		Tags: t.Named(name + "-alarms"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating alarm topic of %s: %w", name, err)
	}
	m.TopicArn = m.Topic.Arn
	for _, email := range a.Emails {
		if _, err := sns.NewTopicSubscription(ctx, name+"-alarms-"+email, &sns.TopicSubscriptionArgs{
			Topic:    m.Topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(email),
		}, parent); err != nil {
			return nil, fmt.Errorf("subscribing %s to the alarms of %s: %w", email, name, err)
		}
	}

	for _, al := range alarmsFor(name, a) {
		resName := name + "-" + al.suffix
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
			AlarmActions:       pulumi.Array{m.Topic.Arn},
			OkActions:          pulumi.Array{m.Topic.Arn},
			Tags:               t.Named(resName),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating alarm %s: %w", resName, err)
		}
		m.Alarms[resName] = alarm
	}

	if err := ctx.RegisterResourceOutputs(m, pulumi.Map{"topicArn": m.TopicArn}); err != nil {
		return nil, fmt.Errorf("registering outputs of alarms %s: %w", name, err)
	}
	return m, nil
}

func withDefaults(a AlarmsArgs) AlarmsArgs {
	if a.LoadBalancer5xx == 0 {
		a.LoadBalancer5xx = 10
	}
	if a.Target5xx == 0 {
		a.Target5xx = 10
	}
	if a.UnhealthyHosts == 0 {
		a.UnhealthyHosts = 1
	}
	if a.CertificateExpiryDays == 0 {
		a.CertificateExpiryDays = 30
	}
	return a
}

// alarmsFor lists the alarms: the ALB's 5xx, per service its unhealthy
// hosts and 5xx, and the certificate's expiry. Names come from the service,
// so adding one adds its alarms and changes no other.
func alarmsFor(name string, a AlarmsArgs) []alarm {
	const elbNS = "AWS/ApplicationELB"
	out := []alarm{{
		suffix:      "alb-5xx",
		description: fmt.Sprintf("Load balancer %s itself answered %d or more 5xx in 5 minutes", name, a.LoadBalancer5xx),
		namespace:   elbNS, metric: "HTTPCode_ELB_5XX_Count", stat: "Sum",
		dimensions: pulumi.StringMap{"LoadBalancer": a.LoadBalancerArnSuffix},
		period:     300, evaluationPeriods: 1, threshold: a.LoadBalancer5xx,
		comparison: "GreaterThanOrEqualToThreshold", missingDataIsA: "notBreaching",
	}}
	services := slices.Sorted(maps.Keys(a.TargetGroupArnSuffixes))
	for _, s := range services {
		dims := pulumi.StringMap{"LoadBalancer": a.LoadBalancerArnSuffix, "TargetGroup": a.TargetGroupArnSuffixes[s]}
		out = append(out,
			alarm{
				suffix:      s + "-unhealthy-hosts",
				description: fmt.Sprintf("Service %s has %d or more unhealthy targets for 3 minutes", s, a.UnhealthyHosts),
				namespace:   elbNS, metric: "UnHealthyHostCount", stat: "Maximum",
				dimensions: dims, period: 60, evaluationPeriods: 3, threshold: a.UnhealthyHosts,
				comparison: "GreaterThanOrEqualToThreshold", missingDataIsA: "notBreaching",
			},
			alarm{
				suffix:      s + "-target-5xx",
				description: fmt.Sprintf("Service %s answered %d or more 5xx in 5 minutes", s, a.Target5xx),
				namespace:   elbNS, metric: "HTTPCode_Target_5XX_Count", stat: "Sum",
				dimensions: dims, period: 300, evaluationPeriods: 1, threshold: a.Target5xx,
				comparison: "GreaterThanOrEqualToThreshold", missingDataIsA: "notBreaching",
			})
	}
	return append(out, alarm{
		suffix:      "certificate-expiry",
		description: fmt.Sprintf("The certificate expires in fewer than %d days: ACM's renewal needs its validation records", a.CertificateExpiryDays),
		namespace:   "AWS/CertificateManager", metric: "DaysToExpiry", stat: "Minimum",
		dimensions: pulumi.StringMap{"CertificateArn": a.CertificateArn},
		period:     86400, evaluationPeriods: 1, threshold: a.CertificateExpiryDays,
		comparison: "LessThanThreshold", missingDataIsA: "missing",
	})
}
