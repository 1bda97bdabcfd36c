package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOf(t *testing.T) {
	alb := func(ipType string, internal bool, zones int) Resource {
		subnets := make([]any, zones)
		return Resource{Type: "aws:lb/loadBalancer:LoadBalancer", Inputs: map[string]any{"ipAddressType": ipType, "internal": internal, "subnets": subnets}}
	}
	tests := []struct {
		name      string
		resources []Resource
		want      map[string]float64 // item -> monthly USD
		total     float64
	}{
		{name: "nothing priced", resources: []Resource{{Type: "aws:ec2/vpc:Vpc"}, {Type: "aws:acm/certificate:Certificate"}}, want: map[string]float64{}, total: 0},
		{
			name:      "an internet-facing ALB in four zones",
			resources: []Resource{alb("ipv4", false, 4)},
			want: map[string]float64{
				"application load balancer":                                 16.43, // 0.0225 * 730
				"public IPv4 addresses of the load balancer (one per zone)": 14.60, // 4 * 0.005 * 730
			},
			total: 31.03,
		},
		{
			name:      "dual-stack keeps its IPv4 addresses",
			resources: []Resource{alb("dualstack", false, 3)},
			want:      map[string]float64{"application load balancer": 16.43, "public IPv4 addresses of the load balancer (one per zone)": 10.95},
			total:     27.38,
		},
		{
			name:      "without public IPv4 or internal: no addresses",
			resources: []Resource{alb("dualstack-without-public-ipv4", false, 3), alb("ipv4", true, 2)},
			want:      map[string]float64{"application load balancer": 32.85},
			total:     32.85,
		},
		{
			name: "zone, web ACL with rules, alarms",
			resources: []Resource{
				{Type: "aws:route53/zone:Zone"},
				{Type: "aws:wafv2/webAcl:WebAcl", Inputs: map[string]any{"rules": []any{1, 2, 3, 4}}},
				{Type: "aws:cloudwatch/metricAlarm:MetricAlarm"}, {Type: "aws:cloudwatch/metricAlarm:MetricAlarm"},
			},
			want:  map[string]float64{"public hosted zone": 0.50, "WAF web ACL": 5, "WAF rules and rule groups": 4, "CloudWatch metric alarms": 0.20},
			total: 9.70,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Of("ap-northeast-2", tt.resources)
			require.NoError(t, err)
			got := map[string]float64{}
			for _, it := range e.Items {
				got[it.What] = it.MonthlyUSD
			}
			assert.Equal(t, tt.want, got)
			assert.InDelta(t, tt.total, e.MonthlyUSD, 0.001)
			assert.Equal(t, "USD", e.Currency)
			assert.Equal(t, PricesAsOf, e.PricesAsOf)
			assert.NotEmpty(t, e.PerUnit, "traffic prices are listed per unit")
		})
	}

	_, err := Of("mars-north-1", nil)
	assert.EqualError(t, err, "no prices for region mars-north-1: add them to cost.Table")
}

func TestTableIsComplete(t *testing.T) {
	for region, p := range Table {
		assert.Equal(t, region, p.Region)
		for name, v := range map[string]float64{"LoadBalancerHour": p.LoadBalancerHour, "PublicIPv4Hour": p.PublicIPv4Hour,
			"HostedZoneMonth": p.HostedZoneMonth, "WebACLMonth": p.WebACLMonth, "WebACLRuleMonth": p.WebACLRuleMonth, "AlarmMonth": p.AlarmMonth} {
			assert.Greater(t, v, 0.0, "%s %s", region, name)
		}
	}
}
