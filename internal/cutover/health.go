package cutover

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// readHealth reads the health check: a CALCULATED one (which
// GetHealthCheckStatus does not serve) from its HealthCheckStatus metric in
// us-east-1, the latest minute of the window; any other from its checkers,
// healthy when most report Success.
func readHealth(ctx context.Context, c Clients, id string, start, end time.Time) (*Health, error) {
	hc, err := c.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(id)})
	if err != nil {
		return nil, fmt.Errorf("reading health check %s: %w", id, err)
	}
	h := &Health{ID: id}
	if hc.HealthCheck != nil && hc.HealthCheck.HealthCheckConfig != nil {
		h.Type = string(hc.HealthCheck.HealthCheckConfig.Type)
	}
	if h.Type == string(r53types.HealthCheckTypeCalculated) {
		q := &queries{}
		q.addNS("hc", "AWS/Route53", "HealthCheckStatus", []cwtypes.Dimension{{Name: aws.String("HealthCheckId"), Value: aws.String(id)}}, "Minimum", 60)
		values, err := q.run(ctx, c.HealthMetrics, start, end)
		if err != nil {
			return nil, fmt.Errorf("reading health check %s's HealthCheckStatus (CloudWatch, us-east-1): %w", id, err)
		}
		v := values["hc"]
		if len(v) == 0 {
			h.Detail = "no HealthCheckStatus datapoint in CloudWatch (us-east-1) in the window"
			return h, nil
		}
		latest := v[len(v)-1]
		h.Healthy = latest.value >= 1
		h.Detail = fmt.Sprintf("HealthCheckStatus %s at %s UTC, the latest of %d minutes", num(latest.value), latest.at.UTC().Format("15:04"), len(v))
		if low := minimum(v); low < 1 && h.Healthy {
			h.Detail += ", after an unhealthy minute in the window"
		}
		return h, nil
	}
	st, err := c.Route53.GetHealthCheckStatus(ctx, &route53.GetHealthCheckStatusInput{HealthCheckId: aws.String(id)})
	if err != nil {
		return nil, fmt.Errorf("reading health check %s's status: %w", id, err)
	}
	ok := 0
	for _, o := range st.HealthCheckObservations {
		if o.StatusReport != nil && strings.HasPrefix(aws.ToString(o.StatusReport.Status), "Success") {
			ok++
		}
	}
	h.Healthy, h.Detail = MostSucceed(ok, len(st.HealthCheckObservations))
	return h, nil
}

// MostSucceed judges a health check by its checkers: healthy when more
// than half of them report Success.
func MostSucceed(ok, total int) (bool, string) {
	return total > 0 && 2*ok > total, fmt.Sprintf("%d of %d checkers report Success", ok, total)
}
