package cutover

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Thresholds are the limits a step must stay within.
type Thresholds struct {
	// Max5xxRate is the highest share of requests answered 5xx, by the
	// targets and by the load balancer each (0.01: 1%).
	Max5xxRate float64
	// MaxLatencyRatio is how many times the old edge's p99 the new edge's
	// may be.
	MaxLatencyRatio float64
	// NoOldEdge judges latency without the old edge (it is gone).
	NoOldEdge bool
}

// Criterion names, in report order.
const (
	CritWeights      = "weights"
	CritHealthCheck  = "health-check"
	CritHealthyHosts = "healthy-hosts"
	CritTarget5xx    = "target-5xx"
	CritELB5xx       = "elb-5xx"
	CritLatency      = "latency-p99"
	CritVerify       = "verify"
)

// Criterion is one judged criterion: Go, and a sentence saying why.
type Criterion struct {
	Name  string `json:"criterion"`
	Go    bool   `json:"go"`
	Words string `json:"words"`
}

// Verdict is "go" or "no-go".
func (c Criterion) Verdict() string {
	if c.Go {
		return "go"
	}
	return "no-go"
}

// Decide judges every criterion on s, in report order.
func Decide(s State, th Thresholds) []Criterion {
	noTraffic := s.Requests == 0
	return []Criterion{
		weights(s),
		healthCheck(s),
		healthyHosts(s),
		rate(CritTarget5xx, "the targets", s.Target5xx, s, th, noTraffic),
		rate(CritELB5xx, "the load balancer itself", s.ELB5xx, s, th, noTraffic),
		latency(s, th, noTraffic),
		verifyCrit(s.Verify),
	}
}

// AllGo says whether every criterion is go.
func AllGo(cs []Criterion) bool {
	for _, c := range cs {
		if !c.Go {
			return false
		}
	}
	return true
}

func weights(s State) Criterion {
	c := Criterion{Name: CritWeights}
	if len(s.Names) == 0 {
		c.Words = fmt.Sprintf("no name is under cutover: zone %s has no record set with set identifier %s or %s, and the stack exports no output cutover", s.Zone, SetNew, SetOld)
		return c
	}
	var problems, states []string
	stackALB := NormalizeDNS(s.StackALB)
	for _, n := range s.Names {
		switch n.Stage {
		case StageMissing:
			problems = append(problems, fmt.Sprintf("%s has no record set in zone %s", n.Key, s.Zone))
			continue
		case StageOld, StageFinished:
			states = append(states, fmt.Sprintf("%s is a simple record to %s", n.Key, n.Target))
			if s.Configured != nil && s.Configured.Share != nil {
				problems = append(problems, fmt.Sprintf("%s is a simple record to %s, but the stack sets the new edge's share to %d", n.Key, n.Target, *s.Configured.Share))
			}
			continue
		}
		old, hasOld := n.Sets[SetOld]
		nw, hasNew := n.Sets[SetNew]
		for id := range n.Sets {
			if id != SetOld && id != SetNew {
				problems = append(problems, fmt.Sprintf("%s has a weighted record set %q, neither %s nor %s", n.Key, id, SetOld, SetNew))
			}
		}
		if !hasOld || !hasNew {
			problems = append(problems, fmt.Sprintf("%s has weighted record sets but no %s", n.Key, map[bool]string{true: SetNew, false: SetOld}[hasOld]))
			continue
		}
		states = append(states, fmt.Sprintf("%s is %d new / %d old", n.Key, nw.Weight, old.Weight))
		if NormalizeDNS(nw.Target) != stackALB {
			problems = append(problems, fmt.Sprintf("%s's %s record points at %s, not the stack's load balancer %s", n.Key, SetNew, nw.Target, s.StackALB))
		}
		if NormalizeDNS(old.Target) == stackALB {
			problems = append(problems, fmt.Sprintf("%s's %s record points at the stack's own load balancer", n.Key, SetOld))
		}
		if nw.HealthCheckID == "" {
			problems = append(problems, fmt.Sprintf("%s's %s record has no health check", n.Key, SetNew))
		} else if s.Configured != nil && s.Configured.HealthCheckID != "" && nw.HealthCheckID != s.Configured.HealthCheckID {
			problems = append(problems, fmt.Sprintf("%s's %s record has health check %s, the stack's is %s", n.Key, SetNew, nw.HealthCheckID, s.Configured.HealthCheckID))
		}
		switch {
		case s.Configured == nil:
		case s.Configured.Share == nil:
			problems = append(problems, fmt.Sprintf("%s is weighted %d new / %d old, but the stack sets no share (simple records)", n.Key, nw.Weight, old.Weight))
		case nw.Weight != *s.Configured.Share || old.Weight != 100-*s.Configured.Share:
			problems = append(problems, fmt.Sprintf("%s is weighted %d new / %d old, the stack says %d / %d", n.Key, nw.Weight, old.Weight, *s.Configured.Share, 100-*s.Configured.Share))
		}
	}
	if len(problems) > 0 {
		c.Words = strings.Join(problems, "; ")
		return c
	}
	c.Go = true
	switch {
	case s.Configured == nil:
		c.Words = strings.Join(states, "; ") + " (not compared: the stack exports no output cutover)"
	case s.Configured.Share == nil:
		c.Words = strings.Join(states, "; ") + ", as the stack says (no share)"
	default:
		c.Words = strings.Join(states, "; ") + fmt.Sprintf(", as the stack says (share %d)", *s.Configured.Share)
	}
	return c
}

func healthCheck(s State) Criterion {
	c := Criterion{Name: CritHealthCheck}
	switch {
	case s.Health == nil && s.Configured != nil && s.Configured.Share == nil:
		// Held: nothing is weighted yet; the first share creates it.
		c.Go = true
		c.Words = "the live names are held as they were: the new edge's health check comes with the first share"
	case s.Health == nil:
		c.Words = "no health check to read: the new-edge records carry none and the stack exports no cutover.healthCheckId"
	case s.Health.Healthy:
		c.Go = true
		c.Words = fmt.Sprintf("health check %s (%s) is healthy: %s", s.Health.ID, s.Health.Type, s.Health.Detail)
	default:
		c.Words = fmt.Sprintf("health check %s (%s) is unhealthy: %s", s.Health.ID, s.Health.Type, s.Health.Detail)
	}
	return c
}

func healthyHosts(s State) Criterion {
	c := Criterion{Name: CritHealthyHosts}
	if len(s.TargetGroups) == 0 {
		c.Words = "no target group to judge: the outputs have no targetGroupArns"
		return c
	}
	tgs := append([]TargetGroup(nil), s.TargetGroups...)
	sort.Slice(tgs, func(i, j int) bool { return tgs[i].Service < tgs[j].Service })
	var bad, good []string
	for _, tg := range tgs {
		switch {
		case tg.Datapoints == 0:
			bad = append(bad, fmt.Sprintf("%s: no HealthyHostCount datapoint in the %s window", tg.Service, window(s.Window)))
		case tg.MinHealthy < 1:
			bad = append(bad, fmt.Sprintf("%s: %s healthy hosts at its worst minute of the %s window", tg.Service, num(tg.MinHealthy), window(s.Window)))
		default:
			good = append(good, fmt.Sprintf("%s ≥ %s", tg.Service, num(tg.MinHealthy)))
		}
	}
	if len(bad) > 0 {
		c.Words = strings.Join(bad, "; ")
		return c
	}
	c.Go = true
	c.Words = fmt.Sprintf("every target group had a healthy host for the whole %s window (%s)", window(s.Window), strings.Join(good, ", "))
	return c
}

func rate(name, who string, errors float64, s State, th Thresholds, noTraffic bool) Criterion {
	c := Criterion{Name: name}
	if noTraffic {
		c.Go = true
		c.Words = fmt.Sprintf("not judged: no request reached the new load balancer in the %s window", window(s.Window))
		return c
	}
	r := errors / s.Requests
	c.Go = r <= th.Max5xxRate
	cmp := "within"
	if !c.Go {
		cmp = "over"
	}
	c.Words = fmt.Sprintf("%s of %s requests (%s) answered 5xx by %s, %s the %s allowed", num(errors), num(s.Requests), pct(r), who, cmp, pct(th.Max5xxRate))
	return c
}

func latency(s State, th Thresholds, noTraffic bool) Criterion {
	c := Criterion{Name: CritLatency}
	l := s.Latency
	stat := l.Stat
	if stat == "" {
		stat = "p99"
	}
	switch {
	case noTraffic:
		c.Go = true
		c.Words = fmt.Sprintf("not judged: no request reached the new load balancer in the %s window", window(s.Window))
		return c
	case l.New == nil:
		c.Words = fmt.Sprintf("the new load balancer served %s requests but reported no TargetResponseTime in the %s window", num(s.Requests), window(s.Window))
		return c
	}
	newMS := fmt.Sprintf("%s %s ms", stat, num(*l.New*1000))
	if l.Old == nil {
		reason := l.OldReason
		if reason == "" {
			reason = fmt.Sprintf("the old load balancer %s reported no TargetResponseTime in the window", l.OldALB)
		}
		if th.NoOldEdge {
			c.Go = true
			c.Words = fmt.Sprintf("%s on the new edge; not compared (--no-old-edge): %s", newMS, reason)
		} else {
			c.Words = fmt.Sprintf("%s on the new edge, not compared: %s (pass --no-old-edge when the old edge is gone)", newMS, reason)
		}
		return c
	}
	limit := *l.Old * th.MaxLatencyRatio
	c.Go = *l.New <= limit
	cmp := "within"
	if !c.Go {
		cmp = "over"
	}
	c.Words = fmt.Sprintf("%s on the new edge against %s ms on the old (%s): %s the %s× limit of %s ms", newMS, num(*l.Old*1000), NormalizeDNS(l.OldALB), cmp, num(th.MaxLatencyRatio), num(limit*1000))
	return c
}

func verifyCrit(v Verify) Criterion {
	c := Criterion{Name: CritVerify}
	switch {
	case v.Skipped != "":
		c.Go = true
		c.Words = "not run: " + v.Skipped
	case v.Passed:
		c.Go = true
		c.Words = "meething verify --via alb passed: " + v.Summary
	default:
		c.Words = "meething verify --via alb failed: " + v.Summary
	}
	return c
}

// num prints a number without needless decimals: 3, 0.25, 1234.5.
func num(f float64) string { return strings.TrimSuffix(fmt.Sprintf("%.6g", f), ".") }

func pct(f float64) string { return num(f*100) + "%" }

// window prints a window as the flag takes it: 30m, 2h, 90s.
func window(d time.Duration) string {
	switch {
	case d > 0 && d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d > 0 && d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}
