// Package cost prices a plan: the monthly fixed cost of what it creates
// (load balancer hours, the load balancer's public IPv4 addresses, hosted
// zones, the WAF web ACL and its rules, alarms), from a price table per
// region with the date and source of its prices, and the prices that depend
// on traffic listed per unit, never guessed. Plain Go over plain plans.
package cost

import (
	"fmt"
	"math"
	"sort"
)

// HoursPerMonth is AWS's convention for monthly estimates.
const HoursPerMonth = 730

// Prices are one region's list prices, in USD.
type Prices struct {
	Region string
	// LoadBalancerHour is an Application Load Balancer's hourly charge.
	LoadBalancerHour float64
	// PublicIPv4Hour is the charge per public IPv4 address and hour; an
	// internet-facing load balancer holds one per zone.
	PublicIPv4Hour float64
	// HostedZoneMonth is a public hosted zone's monthly charge (first 25).
	HostedZoneMonth float64
	// WebACLMonth and WebACLRuleMonth are WAF's monthly charges per web
	// ACL and per rule or rule group in it.
	WebACLMonth, WebACLRuleMonth float64
	// AlarmMonth is a standard-resolution metric alarm's monthly charge.
	AlarmMonth float64
	// PerUnit are the prices that depend on traffic, for the reader.
	PerUnit []UnitPrice
}

// UnitPrice is a price per unit of use.
type UnitPrice struct {
	What  string  `json:"what"`
	USD   float64 `json:"usd"`
	Per   string  `json:"per"`
	Notes string  `json:"notes,omitempty"`
}

// PricesAsOf and Source say where the table's prices come from.
const (
	PricesAsOf = "2026-11-01"
	Source     = "AWS list prices (aws.amazon.com/elasticloadbalancing/pricing, /vpc/pricing (public IPv4), /route53/pricing, /waf/pricing, /cloudwatch/pricing, /s3/pricing), on-demand, without the free tier"
)

// Table holds the prices of every region the stacks use.
var Table = map[string]Prices{
	"ap-northeast-2": {
		Region:           "ap-northeast-2",
		LoadBalancerHour: 0.0225,
		PublicIPv4Hour:   0.005,
		HostedZoneMonth:  0.50,
		WebACLMonth:      5.00,
		WebACLRuleMonth:  1.00,
		AlarmMonth:       0.10,
		PerUnit: []UnitPrice{
			{What: "load balancer capacity unit (LCU)", USD: 0.008, Per: "LCU-hour"},
			{What: "WAF requests", USD: 0.60, Per: "million requests"},
			{What: "Route53 queries", USD: 0.40, Per: "million queries", Notes: "alias queries to the load balancer are free"},
			{What: "CloudWatch Logs ingestion (flow logs, query logs, WAF logs)", USD: 0.76, Per: "GB", Notes: "query logs are ingested in us-east-1 at 0.50; WAF logs are vended logs, tiered from this price down"},
			{What: "S3 Standard storage (access logs)", USD: 0.025, Per: "GB-month"},
			{What: "SNS email notifications", USD: 2.00, Per: "100,000 emails", Notes: "the first 1,000 a month are free"},
		},
	},
}

// Resource is what cost needs of a planned resource.
type Resource struct {
	Type   string
	Name   string
	Inputs map[string]any
}

// Item is one fixed monthly charge.
type Item struct {
	What       string  `json:"what"`
	Quantity   float64 `json:"quantity"`
	Unit       string  `json:"unit"`
	MonthlyUSD float64 `json:"monthlyUsd"`
}

// Estimate is a plan's cost.
type Estimate struct {
	MonthlyUSD float64     `json:"monthlyUsd"`
	Items      []Item      `json:"items"`
	PerUnit    []UnitPrice `json:"perUnit"`
	Currency   string      `json:"currency"`
	PricesAsOf string      `json:"pricesAsOf"`
	Source     string      `json:"source"`
}

// Of prices the resources of a plan in region.
func Of(region string, resources []Resource) (Estimate, error) {
	p, ok := Table[region]
	if !ok {
		return Estimate{}, fmt.Errorf("no prices for region %s: add them to cost.Table", region)
	}
	counts := map[string]float64{}
	for _, r := range resources {
		switch r.Type {
		case "aws:lb/loadBalancer:LoadBalancer":
			counts["alb"]++
			if internal, _ := r.Inputs["internal"].(bool); !internal && r.Inputs["ipAddressType"] != "dualstack-without-public-ipv4" {
				subnets, _ := r.Inputs["subnets"].([]any)
				counts["ipv4"] += float64(len(subnets))
			}
		case "aws:route53/zone:Zone":
			counts["zone"]++
		case "aws:wafv2/webAcl:WebAcl":
			counts["acl"]++
			rules, _ := r.Inputs["rules"].([]any)
			counts["rules"] += float64(len(rules))
		case "aws:cloudwatch/metricAlarm:MetricAlarm":
			counts["alarms"]++
		}
	}
	e := Estimate{Currency: "USD", PricesAsOf: PricesAsOf, Source: Source, PerUnit: p.PerUnit, Items: []Item{}}
	add := func(what string, qty float64, unit string, monthly float64) {
		if qty > 0 {
			e.Items = append(e.Items, Item{What: what, Quantity: qty, Unit: unit, MonthlyUSD: round(qty * monthly)})
		}
	}
	add("application load balancer", counts["alb"], "load balancer", p.LoadBalancerHour*HoursPerMonth)
	add("public IPv4 addresses of the load balancer (one per zone)", counts["ipv4"], "address", p.PublicIPv4Hour*HoursPerMonth)
	add("public hosted zone", counts["zone"], "zone", p.HostedZoneMonth)
	add("WAF web ACL", counts["acl"], "web ACL", p.WebACLMonth)
	add("WAF rules and rule groups", counts["rules"], "rule", p.WebACLRuleMonth)
	add("CloudWatch metric alarms", counts["alarms"], "alarm", p.AlarmMonth)
	sort.SliceStable(e.Items, func(i, j int) bool { return e.Items[i].MonthlyUSD > e.Items[j].MonthlyUSD })
	for _, it := range e.Items {
		e.MonthlyUSD += it.MonthlyUSD
	}
	e.MonthlyUSD = round(e.MonthlyUSD)
	return e, nil
}

func round(v float64) float64 { return math.Round(v*100) / 100 }
