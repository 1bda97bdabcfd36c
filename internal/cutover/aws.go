package cutover

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// Clients are the AWS APIs Read calls, all read-only.
type Clients struct {
	Route53    *route53.Client
	ELB        *elb.Client
	CloudWatch *cloudwatch.Client // in the stack's region
	// HealthMetrics is CloudWatch in us-east-1, where Route53 publishes
	// its health checks' metrics.
	HealthMetrics *cloudwatch.Client
	// Emulated says the clients talk to an endpoint of their own (an
	// emulator): a failed p99 query falls back to the maximum.
	Emulated bool
}

// NewClients makes the clients from cfg (its region the stack's). With an
// endpoint set (cfg.BaseEndpoint: --endpoint, AWS_ENDPOINT_URL), CloudWatch
// is spoken in AWS Query, which CloudWatch serves too, since the emulator
// the tests use (moto 5.2.1) does not read the RPCv2 CBOR the SDK's
// CloudWatch client speaks by default.
func NewClients(cfg aws.Config) Clients {
	cw := func(o *cloudwatch.Options) {
		if cfg.BaseEndpoint != nil {
			o.Protocol = awsquery.New(cwschemas.GraniteServiceVersion20100801)
		}
	}
	return Clients{
		Route53:       route53.NewFromConfig(cfg),
		ELB:           elb.NewFromConfig(cfg),
		CloudWatch:    cloudwatch.NewFromConfig(cfg, cw),
		HealthMetrics: cloudwatch.NewFromConfig(cfg, cw, func(o *cloudwatch.Options) { o.Region = "us-east-1" }),
		Emulated:      cfg.BaseEndpoint != nil,
	}
}

// Read reads what Decide judges: the record sets of each name under cutover
// in the stack's zone, the new edge's health check, and over the window
// ending at the last whole minute before now the metrics of the new load
// balancer and its target groups, and the old load balancer's latency.
func Read(ctx context.Context, c Clients, out Outputs, win time.Duration, now time.Time) (State, error) {
	s := State{Window: win, StackALB: out.ALBDNSName, Zone: out.HostedZoneID, Configured: out.Cutover}
	end := now.UTC().Truncate(time.Minute)
	start := end.Add(-win)
	var err error
	if s.Names, err = readNames(ctx, c.Route53, out); err != nil {
		return State{}, err
	}
	hcID := ""
	if out.Cutover != nil {
		hcID = out.Cutover.HealthCheckID
	}
	for _, n := range s.Names {
		if id := n.Sets[SetNew].HealthCheckID; hcID == "" && id != "" {
			hcID = id
		}
	}
	if hcID != "" {
		if s.Health, err = readHealth(ctx, c, hcID, start, end); err != nil {
			return State{}, err
		}
	}

	newLB, err := arnSuffix(out.ALBArn, "loadbalancer/")
	if err != nil {
		return State{}, fmt.Errorf("output albArn: %w", err)
	}
	oldDNS, oldLB, reason, err := findOldALB(ctx, c.ELB, s.Names)
	if err != nil {
		return State{}, err
	}
	s.Latency.OldALB, s.Latency.OldReason = oldDNS, reason

	lbDim := []cwtypes.Dimension{{Name: aws.String("LoadBalancer"), Value: aws.String(newLB)}}
	q := &queries{}
	q.add("req", "RequestCount", lbDim, "Sum", 60)
	q.add("t5xx", "HTTPCode_Target_5XX_Count", lbDim, "Sum", 60)
	q.add("e5xx", "HTTPCode_ELB_5XX_Count", lbDim, "Sum", 60)
	q.add("maxnew", "TargetResponseTime", lbDim, "Maximum", 60)
	// The percentiles go in a request of their own: an emulator that
	// computes none fails it (moto 5.2.1 answers 500) without losing the rest.
	p99 := &queries{}
	p99.add("p99new", "TargetResponseTime", lbDim, "p99", int32(win/time.Second))
	if oldLB != "" {
		oldDim := []cwtypes.Dimension{{Name: aws.String("LoadBalancer"), Value: aws.String(oldLB)}}
		p99.add("p99old", "TargetResponseTime", oldDim, "p99", int32(win/time.Second))
		q.add("maxold", "TargetResponseTime", oldDim, "Maximum", 60)
	}
	services := make([]string, 0, len(out.TargetGroupArns))
	for svc := range out.TargetGroupArns {
		services = append(services, svc)
	}
	sort.Strings(services)
	tgDims := make([]string, len(services))
	for i, svc := range services {
		if tgDims[i], err = arnSuffix(out.TargetGroupArns[svc], ":"); err != nil {
			return State{}, fmt.Errorf("output targetGroupArns.%s: %w", svc, err)
		}
		q.add(fmt.Sprintf("hh%d", i), "HealthyHostCount", []cwtypes.Dimension{
			{Name: aws.String("TargetGroup"), Value: aws.String(tgDims[i])},
			{Name: aws.String("LoadBalancer"), Value: aws.String(newLB)}}, "Minimum", 60)
	}
	values, err := q.run(ctx, c.CloudWatch, start, end)
	if err != nil {
		return State{}, fmt.Errorf("reading the load balancers' metrics (CloudWatch GetMetricData): %w", err)
	}
	s.Requests, s.Target5xx, s.ELB5xx = sum(values["req"]), sum(values["t5xx"]), sum(values["e5xx"])
	for i, svc := range services {
		v := values[fmt.Sprintf("hh%d", i)]
		s.TargetGroups = append(s.TargetGroups, TargetGroup{Service: svc, Dimension: tgDims[i], Datapoints: len(v), MinHealthy: minimum(v)})
	}
	var once []func(*cloudwatch.Options)
	if c.Emulated { // the emulator's 500 is final: no retries
		once = append(once, func(o *cloudwatch.Options) { o.RetryMaxAttempts = 1 })
	}
	percentiles, err := p99.run(ctx, c.CloudWatch, start, end, once...)
	if err != nil && !c.Emulated {
		return State{}, fmt.Errorf("reading TargetResponseTime p99 (CloudWatch GetMetricData): %w", err)
	}
	for id, v := range percentiles {
		values[id] = v
	}
	s.Latency.Stat = "p99"
	if c.Emulated && len(values["p99new"]) == 0 && len(values["maxnew"]) > 0 {
		// An emulator that computes no percentile: CloudWatch computes
		// the p99 of any data.
		s.Latency.Stat = "maximum"
	}
	s.Latency.New = pick(values, s.Latency.Stat, "new")
	if oldLB != "" {
		s.Latency.Old = pick(values, s.Latency.Stat, "old")
	}
	return s, nil
}

// readNames reads the record sets of each name under cutover: the output
// cutover's names, or else every name with an old-edge or new-edge set.
func readNames(ctx context.Context, r53 *route53.Client, out Outputs) ([]Name, error) {
	var sets []r53types.ResourceRecordSet
	p := route53.NewListResourceRecordSetsPaginator(r53, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(out.HostedZoneID)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing the record sets of zone %s (output hostedZoneId): %w", out.HostedZoneID, err)
		}
		sets = append(sets, page.ResourceRecordSets...)
	}
	var keys []RecordKey
	if out.Cutover != nil && len(out.Cutover.Names) > 0 {
		for _, n := range out.Cutover.Names {
			k, err := ParseRecordKey(n)
			if err != nil {
				return nil, fmt.Errorf("output cutover.names: %w", err)
			}
			keys = append(keys, k)
		}
	} else {
		seen := map[RecordKey]bool{}
		for _, rs := range sets {
			id := aws.ToString(rs.SetIdentifier)
			k := RecordKey{NormalizeDNS(aws.ToString(rs.Name)), string(rs.Type)}
			if (id == SetOld || id == SetNew) && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	}
	names := make([]Name, 0, len(keys))
	for _, k := range keys {
		n := Name{Key: k, Stage: StageMissing}
		for _, rs := range sets {
			if NormalizeDNS(aws.ToString(rs.Name)) != k.Name || string(rs.Type) != k.Type {
				continue
			}
			target := ""
			if rs.AliasTarget != nil {
				target = aws.ToString(rs.AliasTarget.DNSName)
			} else if len(rs.ResourceRecords) > 0 {
				target = aws.ToString(rs.ResourceRecords[0].Value)
			}
			if rs.SetIdentifier == nil {
				n.Target = target
				n.Stage = StageOld
				if NormalizeDNS(target) == NormalizeDNS(out.ALBDNSName) {
					n.Stage = StageFinished
				}
				continue
			}
			if n.Sets == nil {
				n.Sets = map[string]Weighted{}
			}
			n.Stage = StageWeighted
			n.Sets[*rs.SetIdentifier] = Weighted{SetID: *rs.SetIdentifier, Weight: aws.ToInt64(rs.Weight), Target: target, HealthCheckID: aws.ToString(rs.HealthCheckId)}
		}
		names = append(names, n)
	}
	return names, nil
}

// findOldALB finds the old load balancer by the DNS name the old-edge
// record (or a simple record to another load balancer) points at; reason
// says why none was found.
func findOldALB(ctx context.Context, c *elb.Client, names []Name) (dns, suffix, reason string, err error) {
	for _, n := range names {
		if t := n.Sets[SetOld].Target; t != "" {
			dns = t
			break
		}
		if n.Stage == StageOld && n.Target != "" {
			dns = n.Target
			break
		}
	}
	if dns == "" {
		return "", "", "no old-edge record names the old load balancer", nil
	}
	p := elb.NewDescribeLoadBalancersPaginator(c, &elb.DescribeLoadBalancersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", "", "", fmt.Errorf("looking for the old load balancer %s (DescribeLoadBalancers): %w", dns, err)
		}
		for _, lb := range page.LoadBalancers {
			if NormalizeDNS(aws.ToString(lb.DNSName)) == NormalizeDNS(dns) {
				suffix, err := arnSuffix(aws.ToString(lb.LoadBalancerArn), "loadbalancer/")
				return dns, suffix, "", err
			}
		}
	}
	return dns, "", fmt.Sprintf("no load balancer in this account and region has the DNS name %s", NormalizeDNS(dns)), nil
}

// arnSuffix returns what follows the last sep of an ELB ARN: app/name/id
// after "loadbalancer/", targetgroup/name/id after ":".
func arnSuffix(arn, sep string) (string, error) {
	i := strings.LastIndex(arn, sep)
	if !strings.HasPrefix(arn, "arn:") || i < 0 || i+len(sep) == len(arn) {
		return "", fmt.Errorf("%q is not a load balancer or target group ARN", arn)
	}
	return arn[i+len(sep):], nil
}
