package cutover

import (
	"context"
	"math"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// point is one datapoint of a metric query.
type point struct {
	at    time.Time
	value float64
}

// queries is one GetMetricData request being built.
type queries struct {
	list []cwtypes.MetricDataQuery
}

func (q *queries) add(id, metric string, dims []cwtypes.Dimension, stat string, period int32) {
	q.addNS(id, "AWS/ApplicationELB", metric, dims, stat, period)
}

func (q *queries) addNS(id, ns, metric string, dims []cwtypes.Dimension, stat string, period int32) {
	q.list = append(q.list, cwtypes.MetricDataQuery{
		Id: aws.String(id),
		MetricStat: &cwtypes.MetricStat{
			Metric: &cwtypes.Metric{Namespace: aws.String(ns), MetricName: aws.String(metric), Dimensions: dims},
			Period: aws.Int32(period),
			Stat:   aws.String(stat),
		},
	})
}

// run asks for every query from start to end, through every page, and
// returns each query's datapoints in time order.
func (q *queries) run(ctx context.Context, c *cloudwatch.Client, start, end time.Time, opts ...func(*cloudwatch.Options)) (map[string][]point, error) {
	out := map[string][]point{}
	p := cloudwatch.NewGetMetricDataPaginator(c, &cloudwatch.GetMetricDataInput{
		MetricDataQueries: q.list, StartTime: aws.Time(start), EndTime: aws.Time(end),
		ScanBy: cwtypes.ScanByTimestampAscending,
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, opts...)
		if err != nil {
			return nil, err
		}
		for _, r := range page.MetricDataResults {
			id := aws.ToString(r.Id)
			for i, v := range r.Values {
				pt := point{value: v}
				if i < len(r.Timestamps) {
					pt.at = r.Timestamps[i]
				}
				out[id] = append(out[id], pt)
			}
		}
	}
	return out, nil
}

func sum(ps []point) float64 {
	t := 0.0
	for _, p := range ps {
		t += p.value
	}
	return t
}

func minimum(ps []point) float64 {
	if len(ps) == 0 {
		return 0
	}
	m := math.Inf(1)
	for _, p := range ps {
		m = math.Min(m, p.value)
	}
	return m
}

// pick returns the latency of one edge ("new" or "old"): the whole
// window's p99 (the higher one should CloudWatch split the window in two
// periods), or with stat "maximum" the highest per-minute maximum; nil
// without a datapoint.
func pick(values map[string][]point, stat, edge string) *float64 {
	v := values["p99"+edge]
	if stat != "p99" {
		v = values["max"+edge]
	}
	if len(v) == 0 {
		return nil
	}
	m := math.Inf(-1)
	for _, p := range v {
		m = math.Max(m, p.value)
	}
	return &m
}
