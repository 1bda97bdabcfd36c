// Package monitoring builds the stack's alarms: an SNS topic with email
// subscriptions, and CloudWatch alarms on the load balancer's own 5xx count,
// on each target group's healthy and unhealthy hosts and 5xx count, and on
// the certificate's days to expiry.
//
// The component is a module in the terraform-aws-modules style: stackconfig
// is its variables layer, owning each key's type, default and check, and
// AlarmsArgs carries meething:alarms as it is (a stackconfig.Alarms) beside
// wiring inputs (the load balancer's and target groups' metric dimensions,
// the certificate, tags). NewAlarms maps them onto the provider's
// arguments, adding no defaults or checks of its own to the config's
// values.
package monitoring

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// TypeToken is the Alarms component's type.
const TypeToken = "meething:monitoring:Alarms"

// AlarmsArgs configures Alarms.
type AlarmsArgs struct {
	// Alarms is meething:alarms, as stackconfig validated it: its Emails
	// are subscribed to the alarm topic (each must confirm), in order, the
	// Nth as subscription <name>-alarms-email-N (see subscriptionName); its
	// LoadBalancer5xx, Target5xx (per 5 minutes), UnhealthyHosts and
	// CertificateExpiryDays are the thresholds. The caller builds Alarms
	// only when Alarms.Enabled.
	Alarms stackconfig.Alarms
	// LoadBalancerArnSuffix is the ALB's metric dimension. Required.
	LoadBalancerArnSuffix pulumi.StringInput
	// TargetGroupArnSuffixes are the target groups' metric dimensions by
	// the load balancer's key: a service's own group by the service's
	// name, a further group by <service>-<group>. Default: none.
	TargetGroupArnSuffixes map[string]pulumi.StringOutput
	// CertificateArn is the certificate whose expiry is watched. Required.
	CertificateArn pulumi.StringInput
	// Secret says Alarms came from a secret config key: the
	// addresses, thresholds and the alarms' descriptions then reach AWS,
	// the state and the component's recorded inputs only as secrets, and no
	// subscription keeps an alias that names its address. Default: false.
	Secret bool
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
	a := *args
	v := values{secret: a.Secret}
	m := &Alarms{Alarms: map[string]*cloudwatch.MetricAlarm{}}
	props := pulumi.Map{"emails": v.of(pulumi.ToStringArray(a.Alarms.Emails))}
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
	for i, email := range a.Alarms.Emails {
		subOpts := []pulumi.ResourceOption{parent}
		if !a.Secret {
			// Subscriptions used to be named after their addresses
			// (<name>-alarms-<address>): the alias keeps such a
			// subscription, and its confirmation, under its new name. A
			// secret address names nothing, not even an alias.
			subOpts = append(subOpts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(name + "-alarms-" + email)}}))
		}
		subName := subscriptionName(name, i)
		if _, err := sns.NewTopicSubscription(ctx, subName, &sns.TopicSubscriptionArgs{
			Topic:    m.Topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: v.str(email),
		}, subOpts...); err != nil {
			return nil, fmt.Errorf("creating subscription %s to the alarms of %s: %w", subName, name, err)
		}
	}

	for _, al := range alarmsFor(name, a) {
		resName := name + "-" + al.suffix
		alarm, err := cloudwatch.NewMetricAlarm(ctx, resName, &cloudwatch.MetricAlarmArgs{
			AlarmDescription:   v.str(al.description),
			Namespace:          pulumi.String(al.namespace),
			MetricName:         pulumi.String(al.metric),
			Statistic:          pulumi.String(al.stat),
			Dimensions:         al.dimensions,
			Period:             pulumi.Int(al.period),
			EvaluationPeriods:  pulumi.Int(al.evaluationPeriods),
			Threshold:          v.float(float64(al.threshold)),
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

// minHealthyHosts is the fewest healthy targets a group may have before its
// no-healthy-hosts alarm fires: one.
const minHealthyHosts = 1

// subscriptionName is the logical name of the subscription of the address
// at index i of the list: <name>-alarms-email-<i+1>.
//
// Not the address, nor a hash of it (a hash of an address is guessed by
// hashing candidates): a logical name is in every URN, in plain text,
// forever. With no other key to go by, the position in the list is the
// name. Adding an address at the end adds one subscription and touches no
// other; removing the last removes one. Removing or inserting one before
// others moves the addresses after it onto other names: their endpoints
// change, which replaces those subscriptions, and each replaced address
// must confirm again (docs/configuration.md says so).
func subscriptionName(name string, i int) string {
	return name + "-alarms-email-" + strconv.Itoa(i+1)
}

// values turns the settings into resource inputs: secret ones as secrets.
type values struct{ secret bool }

func (v values) str(s string) pulumi.StringInput {
	if v.secret {
		return pulumi.ToSecret(pulumi.String(s)).(pulumi.StringOutput)
	}
	return pulumi.String(s)
}

func (v values) float(f float64) pulumi.Float64Input {
	if v.secret {
		return pulumi.ToSecret(pulumi.Float64(f)).(pulumi.Float64Output)
	}
	return pulumi.Float64(f)
}

func (v values) of(in pulumi.Input) pulumi.Input {
	if v.secret {
		return pulumi.ToSecret(in)
	}
	return in
}

// alarmsFor lists the alarms: the ALB's 5xx, per target group its
// healthy hosts, unhealthy hosts and 5xx, and the certificate's expiry. Names and
// descriptions come from the group's key (api, or api-green for group green
// of service api: not a service of its own), so adding one adds its alarms
// and changes no other.
func alarmsFor(name string, a AlarmsArgs) []alarm {
	const elbNS = "AWS/ApplicationELB"
	out := []alarm{{
		suffix:      "alb-5xx",
		description: fmt.Sprintf("Load balancer %s itself answered %d or more 5xx in 5 minutes", name, a.Alarms.LoadBalancer5xx),
		namespace:   elbNS, metric: "HTTPCode_ELB_5XX_Count", stat: "Sum",
		dimensions: pulumi.StringMap{"LoadBalancer": a.LoadBalancerArnSuffix},
		period:     300, evaluationPeriods: 1, threshold: a.Alarms.LoadBalancer5xx,
		comparison: "GreaterThanOrEqualToThreshold", missingDataIsA: "notBreaching",
	}}
	services := slices.Sorted(maps.Keys(a.TargetGroupArnSuffixes))
	for _, s := range services {
		dims := pulumi.StringMap{"LoadBalancer": a.LoadBalancerArnSuffix, "TargetGroup": a.TargetGroupArnSuffixes[s]}
		out = append(out,
			// UnHealthyHostCount stays 0 when every target is
			// deregistered, or the group never had one: only
			// HealthyHostCount sees a group that serves nobody. Missing
			// data breaches: a group that reports nothing serves nobody.
			alarm{
				suffix:      s + "-no-healthy-hosts",
				description: fmt.Sprintf("Target group %s has had no healthy target (or reported none) for 3 minutes: it serves nobody", s),
				namespace:   elbNS, metric: "HealthyHostCount", stat: "Minimum",
				dimensions: dims, period: 60, evaluationPeriods: 3, threshold: minHealthyHosts,
				comparison: "LessThanThreshold", missingDataIsA: "breaching",
			},
			alarm{
				suffix:      s + "-unhealthy-hosts",
				description: fmt.Sprintf("Target group %s has %d or more unhealthy targets for 3 minutes", s, a.Alarms.UnhealthyHosts),
				namespace:   elbNS, metric: "UnHealthyHostCount", stat: "Maximum",
				dimensions: dims, period: 60, evaluationPeriods: 3, threshold: a.Alarms.UnhealthyHosts,
				comparison: "GreaterThanOrEqualToThreshold", missingDataIsA: "notBreaching",
			},
			alarm{
				suffix:      s + "-target-5xx",
				description: fmt.Sprintf("Target group %s answered %d or more 5xx in 5 minutes", s, a.Alarms.Target5xx),
				namespace:   elbNS, metric: "HTTPCode_Target_5XX_Count", stat: "Sum",
				dimensions: dims, period: 300, evaluationPeriods: 1, threshold: a.Alarms.Target5xx,
				comparison: "GreaterThanOrEqualToThreshold", missingDataIsA: "notBreaching",
			})
	}
	return append(out, alarm{
		suffix:      "certificate-expiry",
		description: fmt.Sprintf("The certificate expires in fewer than %d days: ACM's renewal needs its validation records", a.Alarms.CertificateExpiryDays),
		namespace:   "AWS/CertificateManager", metric: "DaysToExpiry", stat: "Minimum",
		dimensions: pulumi.StringMap{"CertificateArn": a.CertificateArn},
		period:     86400, evaluationPeriods: 1, threshold: a.Alarms.CertificateExpiryDays,
		comparison: "LessThanThreshold", missingDataIsA: "missing",
	})
}
