// Package cutovertest seeds an AWS API emulator (internal/motoserver) with
// a cutover in progress, for the tests of internal/cutover and of meething
// cutover status: a VPC with two subnets (EC2's query API, spoken by
// hand), the stack's load balancer with a target group per service and the
// old one, the zone with the weighted alias
// records old-edge and new-edge of *.meething.net, the new edge's
// CALCULATED health check, and the metrics both load balancers and the
// health check would report over the last minutes (PutMetricData).
package cutovertest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/meething/edge/internal/cutover"
	"github.com/meething/edge/internal/motoserver"
)

// Region is where the world is seeded, as the stacks' aws:region.
const Region = "ap-northeast-2"

// World is a cutover at one step, and what its metrics say over the last
// minutes. Zero values are a healthy world at share 10 (Healthy).
type World struct {
	Share        int64              // the new edge's weight; the zone and the output agree
	ZoneShare    *int64             // the zone's new-edge weight when it differs from Share
	Unhealthy    bool               // the health check's HealthCheckStatus is 0 now
	HealthyHosts map[string]float64 // per service, the fewest healthy hosts of a minute (default 2)
	Requests     float64            // per minute, on the new load balancer
	Target5xx    float64            // per minute
	ELB5xx       float64            // per minute
	NewLatency   float64            // seconds, the slowest answer of the new load balancer
	OldLatency   float64            // the old one's
	NoOldALB     bool               // the old-edge record points at a name no load balancer has
	// PlainHealthCheck gives the new-edge records the HTTPS health check
	// itself, read from its checkers, instead of the CALCULATED one.
	PlainHealthCheck bool
}

// Healthy is a world where every criterion is go.
func Healthy() World {
	return World{Share: 10, HealthyHosts: map[string]float64{"api": 2, "chat": 2}, Requests: 1000, Target5xx: 1, ELB5xx: 1, NewLatency: 0.2, OldLatency: 0.25}
}

// Minutes is how many minutes back the metrics go, each minute one
// datapoint per metric.
const Minutes = 5

// Seed creates w in the emulator at endpoint and returns the stack's
// outputs, as pulumi stack output --json would print them.
func Seed(t testing.TB, endpoint string, w World) map[string]any {
	t.Helper()
	ctx := motoserver.Context(t)
	c := cutover.NewClients(motoserver.Config(endpoint, Region))
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seeding %s: %v", what, err)
		}
	}
	vpc := ec2(t, endpoint, "CreateVpc", url.Values{"CidrBlock": {"10.20.0.0/16"}}, "vpcId")
	subnets := []string{
		ec2(t, endpoint, "CreateSubnet", url.Values{"VpcId": {vpc}, "CidrBlock": {"10.20.0.0/20"}, "AvailabilityZone": {Region + "a"}}, "subnetId"),
		ec2(t, endpoint, "CreateSubnet", url.Values{"VpcId": {vpc}, "CidrBlock": {"10.20.16.0/20"}, "AvailabilityZone": {Region + "b"}}, "subnetId"),
	}
	newLB, err := c.ELB.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("meething-new"), Subnets: subnets})
	must("the new load balancer", err)
	oldLB, err := c.ELB.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("old-edge"), Subnets: subnets})
	must("the old load balancer", err)
	nl, ol := newLB.LoadBalancers[0], oldLB.LoadBalancers[0]
	tgArns := map[string]any{}
	tgDims := map[string]string{}
	for svc := range w.HealthyHosts {
		tg, err := c.ELB.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String("meething-" + svc),
			Protocol: elbtypes.ProtocolEnumHttp, Port: aws.Int32(80), VpcId: aws.String(vpc)})
		must("target group "+svc, err)
		arn := aws.ToString(tg.TargetGroups[0].TargetGroupArn)
		tgArns[svc] = arn
		tgDims[svc] = arn[strings.LastIndex(arn, ":")+1:]
	}

	zone, err := c.Route53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("meething.net"), CallerReference: aws.String("cutovertest")})
	must("the zone", err)
	zoneID := strings.TrimPrefix(aws.ToString(zone.HostedZone.Id), "/hostedzone/")
	child, err := c.Route53.CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("child"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttps, FullyQualifiedDomainName: nl.DNSName, Port: aws.Int32(443), ResourcePath: aws.String("/healthz")}})
	must("the child health check", err)
	hc, err := c.Route53.CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("new-edge"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeCalculated, HealthThreshold: aws.Int32(1), ChildHealthChecks: []string{aws.ToString(child.HealthCheck.Id)}}})
	must("the health check", err)
	hcID := aws.ToString(hc.HealthCheck.Id)
	if w.PlainHealthCheck {
		hcID = aws.ToString(child.HealthCheck.Id)
	}

	zoneShare := w.Share
	if w.ZoneShare != nil {
		zoneShare = *w.ZoneShare
	}
	oldDNS := aws.ToString(ol.DNSName)
	if w.NoOldALB {
		oldDNS = "old-gone-123." + Region + ".elb.amazonaws.com"
	}
	record := func(set string, weight int64, dns, lbZone string, hc *string) r53types.Change {
		return r53types.Change{Action: r53types.ChangeActionCreate, ResourceRecordSet: &r53types.ResourceRecordSet{
			Name: aws.String("*.meething.net."), Type: r53types.RRTypeA, SetIdentifier: aws.String(set), Weight: aws.Int64(weight), HealthCheckId: hc,
			AliasTarget: &r53types.AliasTarget{DNSName: aws.String("dualstack." + dns + "."), HostedZoneId: aws.String(lbZone), EvaluateTargetHealth: true}}}
	}
	_, err = c.Route53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zoneID),
		ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{
			record(cutover.SetOld, 100-zoneShare, oldDNS, aws.ToString(ol.CanonicalHostedZoneId), nil),
			record(cutover.SetNew, zoneShare, aws.ToString(nl.DNSName), aws.ToString(nl.CanonicalHostedZoneId), aws.String(hcID)),
		}}})
	must("the weighted records", err)

	lbDim := func(lb elbtypes.LoadBalancer) cwtypes.Dimension {
		arn := aws.ToString(lb.LoadBalancerArn)
		return cwtypes.Dimension{Name: aws.String("LoadBalancer"), Value: aws.String(arn[strings.Index(arn, "loadbalancer/")+len("loadbalancer/"):])}
	}
	now := time.Now().UTC().Truncate(time.Minute)
	var data []cwtypes.MetricDatum
	datum := func(name string, v float64, at time.Time, dims ...cwtypes.Dimension) {
		data = append(data, cwtypes.MetricDatum{MetricName: aws.String(name), Value: aws.Float64(v), Timestamp: aws.Time(at), Dimensions: dims})
	}
	var health []cwtypes.MetricDatum
	for m := 1; m <= Minutes; m++ {
		at := now.Add(-time.Duration(m) * time.Minute).Add(10 * time.Second)
		for svc, hosts := range w.HealthyHosts {
			if m != 2 { // the worst minute is the second to last; the others have one more
				hosts++
			}
			datum("HealthyHostCount", hosts, at, cwtypes.Dimension{Name: aws.String("TargetGroup"), Value: aws.String(tgDims[svc])}, lbDim(nl))
		}
		datum("RequestCount", w.Requests, at, lbDim(nl))
		datum("HTTPCode_Target_5XX_Count", w.Target5xx, at, lbDim(nl))
		datum("HTTPCode_ELB_5XX_Count", w.ELB5xx, at, lbDim(nl))
		if w.Requests > 0 {
			datum("TargetResponseTime", w.NewLatency/2, at, lbDim(nl))
			datum("TargetResponseTime", w.NewLatency, at.Add(time.Second), lbDim(nl))
		}
		datum("TargetResponseTime", w.OldLatency/2, at, lbDim(ol))
		datum("TargetResponseTime", w.OldLatency, at.Add(time.Second), lbDim(ol))
		status := 1.0
		if w.Unhealthy && m == 1 {
			status = 0
		}
		health = append(health, cwtypes.MetricDatum{MetricName: aws.String("HealthCheckStatus"), Value: aws.Float64(status), Timestamp: aws.Time(at),
			Dimensions: []cwtypes.Dimension{{Name: aws.String("HealthCheckId"), Value: aws.String(hcID)}}})
	}
	for len(data) > 0 {
		n := min(len(data), 20)
		_, err = c.CloudWatch.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("AWS/ApplicationELB"), MetricData: data[:n]})
		must("the load balancers' metrics", err)
		data = data[n:]
	}
	_, err = c.HealthMetrics.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("AWS/Route53"), MetricData: health})
	must("the health check's metric", err)

	services := map[string]any{}
	for svc := range w.HealthyHosts {
		services[svc] = "https://" + svc + ".meething.net"
	}
	return map[string]any{
		"albArn": aws.ToString(nl.LoadBalancerArn), "albDnsName": aws.ToString(nl.DNSName), "albZoneId": aws.ToString(nl.CanonicalHostedZoneId),
		"hostedZoneId": zoneID, "targetGroupArns": tgArns, "serviceUrls": services,
		"cutover": map[string]any{"share": w.Share, "names": []any{"*.meething.net A"}, "healthCheckId": hcID},
	}
}

var ec2ID = regexp.MustCompile(`<(vpcId|subnetId)>([^<]+)</`)

// ec2 calls one action of EC2's query API and returns the first element
// named field of the answer.
func ec2(t testing.TB, endpoint, action string, params url.Values, field string) string {
	t.Helper()
	params.Set("Action", action)
	params.Set("Version", "2016-11-15")
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, endpoint, strings.NewReader(params.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 Credential=testing/%s/%s/ec2/aws4_request, SignedHeaders=host, Signature=0", time.Now().UTC().Format("20060102"), Region))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("seeding: EC2 %s: %v", action, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, m := range ec2ID.FindAllStringSubmatch(string(body), -1) {
		if m[1] == field {
			return m[2]
		}
	}
	t.Fatalf("seeding: EC2 %s answered %s without %s: %s", action, resp.Status, field, body)
	return ""
}
