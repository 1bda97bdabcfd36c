package cutover

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	newALB = "meething-1.ap-northeast-2.elb.amazonaws.com"
	oldALB = "old-123.ap-northeast-2.elb.amazonaws.com"
)

func share(n int64) *int64 { return &n }

func ptr(f float64) *float64 { return &f }

// good is a state every criterion calls go.
func good() State {
	return State{
		Window: 30 * time.Minute, StackALB: newALB, Zone: "Z1",
		Configured: &Configured{Share: share(10), Names: []string{"*.meething.net A"}, HealthCheckID: "hc-1"},
		Names: []Name{{Key: RecordKey{"*.meething.net", "A"}, Stage: StageWeighted, Sets: map[string]Weighted{
			SetOld: {SetID: SetOld, Weight: 90, Target: "dualstack." + oldALB + "."},
			SetNew: {SetID: SetNew, Weight: 10, Target: "dualstack." + newALB + ".", HealthCheckID: "hc-1"},
		}}},
		Health:       &Health{ID: "hc-1", Type: "CALCULATED", Healthy: true, Detail: "HealthCheckStatus 1"},
		TargetGroups: []TargetGroup{{Service: "api", Datapoints: 30, MinHealthy: 2}},
		Requests:     1000, Target5xx: 10, ELB5xx: 0,
		Latency: Latency{Stat: "p99", New: ptr(0.3), Old: ptr(0.2), OldALB: oldALB},
		Verify:  Verify{Passed: true, Summary: "5 hosts, 25 checks, 0 failed"},
	}
}

var defaults = Thresholds{Max5xxRate: 0.01, MaxLatencyRatio: 1.5}

func TestDecide(t *testing.T) {
	tests := []struct {
		name   string
		change func(*State, *Thresholds)
		crit   string // the criterion looked at
		goes   bool
		words  string
	}{
		{"as configured", nil, CritWeights, true, "*.meething.net A is 10 new / 90 old, as the stack says (share 10)"},
		{"weights differ", func(s *State, _ *Thresholds) { s.Configured.Share = share(20) }, CritWeights, false, "is weighted 10 new / 90 old, the stack says 20 / 80"},
		{"no cutover output", func(s *State, _ *Thresholds) { s.Configured = nil }, CritWeights, true, "(not compared: the stack exports no output cutover)"},
		{"no share but weighted", func(s *State, _ *Thresholds) { s.Configured.Share = nil }, CritWeights, false, "but the stack sets no share (simple records)"},
		{"nothing under cutover", func(s *State, _ *Thresholds) { s.Names = nil }, CritWeights, false, "no name is under cutover: zone Z1 has no record set"},
		{"name missing", func(s *State, _ *Thresholds) { s.Names[0] = Name{Key: s.Names[0].Key, Stage: StageMissing} }, CritWeights, false, "*.meething.net A has no record set in zone Z1"},
		{"new-edge elsewhere", func(s *State, _ *Thresholds) {
			w := s.Names[0].Sets[SetNew]
			w.Target = "other.elb.amazonaws.com"
			s.Names[0].Sets[SetNew] = w
		}, CritWeights, false, "new-edge record points at other.elb.amazonaws.com, not the stack's load balancer"},
		{"new-edge without health check", func(s *State, _ *Thresholds) {
			w := s.Names[0].Sets[SetNew]
			w.HealthCheckID = ""
			s.Names[0].Sets[SetNew] = w
		}, CritWeights, false, "new-edge record has no health check"},
		{"another health check", func(s *State, _ *Thresholds) { s.Configured.HealthCheckID = "hc-2" }, CritWeights, false, "has health check hc-1, the stack's is hc-2"},
		{"no old-edge set", func(s *State, _ *Thresholds) { delete(s.Names[0].Sets, SetOld) }, CritWeights, false, "has weighted record sets but no old-edge"},
		{"a third set", func(s *State, _ *Thresholds) { s.Names[0].Sets["blue"] = Weighted{SetID: "blue"} }, CritWeights, false, `weighted record set "blue", neither old-edge nor new-edge`},
		{"before the weighted stage", func(s *State, _ *Thresholds) {
			s.Configured.Share = nil
			s.Names[0] = Name{Key: s.Names[0].Key, Stage: StageOld, Target: oldALB}
		}, CritWeights, true, "is a simple record to " + oldALB + ", as the stack says (no share)"},
		{"simple record while the stack weighs", func(s *State, _ *Thresholds) {
			s.Names[0] = Name{Key: s.Names[0].Key, Stage: StageFinished, Target: newALB}
		}, CritWeights, false, "but the stack sets the new edge's share to 10"},

		{"health check healthy", nil, CritHealthCheck, true, "health check hc-1 (CALCULATED) is healthy"},
		{"health check unhealthy", func(s *State, _ *Thresholds) { s.Health.Healthy = false }, CritHealthCheck, false, "is unhealthy"},
		{"no health check", func(s *State, _ *Thresholds) { s.Health = nil }, CritHealthCheck, false, "no health check to read"},
		{"held: no health check yet", func(s *State, _ *Thresholds) {
			s.Health, s.Configured.Share = nil, nil
			s.Names[0] = Name{Key: s.Names[0].Key, Stage: StageOld, Target: oldALB}
		}, CritHealthCheck, true, "comes with the first share"},

		{"hosts all along", nil, CritHealthyHosts, true, "every target group had a healthy host for the whole 30m window (api ≥ 2)"},
		{"a minute without hosts", func(s *State, _ *Thresholds) { s.TargetGroups[0].MinHealthy = 0 }, CritHealthyHosts, false, "api: 0 healthy hosts at its worst minute"},
		{"no datapoint", func(s *State, _ *Thresholds) { s.TargetGroups[0].Datapoints = 0 }, CritHealthyHosts, false, "api: no HealthyHostCount datapoint in the 30m window"},
		{"no target group", func(s *State, _ *Thresholds) { s.TargetGroups = nil }, CritHealthyHosts, false, "no target group to judge"},

		{"5xx at the limit", nil, CritTarget5xx, true, "10 of 1000 requests (1%) answered 5xx by the targets, within the 1% allowed"},
		{"5xx over", func(s *State, _ *Thresholds) { s.Target5xx = 11 }, CritTarget5xx, false, "11 of 1000 requests (1.1%) answered 5xx by the targets, over the 1% allowed"},
		{"elb 5xx over", func(s *State, _ *Thresholds) { s.ELB5xx = 50 }, CritELB5xx, false, "50 of 1000 requests (5%) answered 5xx by the load balancer itself"},
		{"no traffic", func(s *State, _ *Thresholds) { s.Requests, s.Target5xx = 0, 0 }, CritTarget5xx, true, "not judged: no request reached the new load balancer in the 30m window"},

		{"latency at the limit", nil, CritLatency, true, "p99 300 ms on the new edge against 200 ms on the old (" + oldALB + "): within the 1.5× limit of 300 ms"},
		{"latency over", func(s *State, _ *Thresholds) { s.Latency.New = ptr(0.31) }, CritLatency, false, "over the 1.5× limit"},
		{"a looser ratio", func(s *State, th *Thresholds) { s.Latency.New, th.MaxLatencyRatio = ptr(0.39), 2 }, CritLatency, true, "within the 2× limit of 400 ms"},
		{"old edge not found", func(s *State, _ *Thresholds) { s.Latency.Old, s.Latency.OldReason = nil, "no load balancer has it" }, CritLatency, false, "not compared: no load balancer has it (pass --no-old-edge when the old edge is gone)"},
		{"old edge gone", func(s *State, th *Thresholds) { s.Latency.Old, th.NoOldEdge = nil, true }, CritLatency, true, "not compared (--no-old-edge): the old load balancer " + oldALB + " reported no TargetResponseTime"},
		{"traffic without latency", func(s *State, _ *Thresholds) { s.Latency.New = nil }, CritLatency, false, "served 1000 requests but reported no TargetResponseTime"},
		{"latency without traffic", func(s *State, _ *Thresholds) { s.Requests, s.Latency.New = 0, nil }, CritLatency, true, "not judged"},

		{"verify passed", nil, CritVerify, true, "meething verify --via alb passed: 5 hosts"},
		{"verify failed", func(s *State, _ *Thresholds) { s.Verify = Verify{Summary: "1 failed"} }, CritVerify, false, "meething verify --via alb failed: 1 failed"},
		{"verify skipped", func(s *State, _ *Thresholds) { s.Verify = Verify{Skipped: "--skip-verify"} }, CritVerify, true, "not run: --skip-verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, th := good(), defaults
			if tt.change != nil {
				tt.change(&s, &th)
			}
			cs := Decide(s, th)
			require.Len(t, cs, 7)
			for _, c := range cs {
				if c.Name == tt.crit {
					assert.Equal(t, tt.goes, c.Go, c.Words)
					assert.Contains(t, c.Words, tt.words)
					continue
				}
				assert.True(t, c.Go, "%s: %s", c.Name, c.Words) // the change touches one criterion
			}
			assert.Equal(t, tt.goes, AllGo(cs))
		})
	}
}

func TestMostSucceed(t *testing.T) {
	for _, tt := range []struct {
		ok, total int
		healthy   bool
	}{{0, 0, false}, {1, 1, true}, {8, 16, false}, {9, 16, true}, {2, 3, true}, {1, 3, false}} {
		got, words := MostSucceed(tt.ok, tt.total)
		assert.Equal(t, tt.healthy, got, words)
	}
}

func TestParseOutputs(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{"albArn": "arn:aws:elasticloadbalancing:r:1:loadbalancer/app/m/1", "albDnsName": newALB, "hostedZoneId": "Z1",
			"targetGroupArns": map[string]any{"api": "arn:aws:elasticloadbalancing:r:1:targetgroup/api/2"}}
	}
	out, err := ParseOutputs(base())
	require.NoError(t, err)
	assert.Nil(t, out.Cutover)
	assert.Equal(t, map[string]string{"api": "arn:aws:elasticloadbalancing:r:1:targetgroup/api/2"}, out.TargetGroupArns)

	raw := base()
	raw["cutover"] = map[string]any{"share": nil, "names": []any{"*.meething.net A"}, "healthCheckId": "hc"}
	out, err = ParseOutputs(raw)
	require.NoError(t, err)
	assert.Equal(t, &Configured{Names: []string{"*.meething.net A"}, HealthCheckID: "hc"}, out.Cutover)

	for name, change := range map[string]func(map[string]any){
		"the outputs have no hostedZoneId":      func(m map[string]any) { delete(m, "hostedZoneId") },
		"output cutover.share is 101":           func(m map[string]any) { m["cutover"] = map[string]any{"share": 101} },
		"output targetGroupArns.api is 3":       func(m map[string]any) { m["targetGroupArns"] = map[string]any{"api": 3} },
		"output cutover is not {share, names, ": func(m map[string]any) { m["cutover"] = "10" },
	} {
		raw := base()
		change(raw)
		_, err := ParseOutputs(raw)
		assert.ErrorContains(t, err, name)
	}
}

func TestRecordKeysAndNames(t *testing.T) {
	k, err := ParseRecordKey(`\052.Meething.net. a`)
	require.NoError(t, err)
	assert.Equal(t, "*.meething.net A", k.String())
	_, err = ParseRecordKey("*.meething.net")
	assert.ErrorContains(t, err, `"*.meething.net" is not "NAME TYPE"`)
	assert.Equal(t, newALB, NormalizeDNS("DualStack."+strings.ToUpper(newALB)+"."))

	suffix, err := arnSuffix("arn:aws:elasticloadbalancing:r:1:loadbalancer/app/m/1", "loadbalancer/")
	assert.NoError(t, err)
	assert.Equal(t, "app/m/1", suffix)
	suffix, err = arnSuffix("arn:aws:elasticloadbalancing:r:1:targetgroup/api/2", ":")
	assert.NoError(t, err)
	assert.Equal(t, "targetgroup/api/2", suffix)
	_, err = arnSuffix("app/m/1", "loadbalancer/")
	assert.ErrorContains(t, err, `"app/m/1" is not a load balancer or target group ARN`)
	assert.Equal(t, "2h", window(2*time.Hour))
	assert.Equal(t, "90m", window(90*time.Minute))
}

func TestResultOutput(t *testing.T) {
	s := good()
	s.Target5xx = 20
	r := NewResult("prod", s, defaults)
	var b strings.Builder
	require.NoError(t, r.WriteTable(&b))
	assert.Regexp(t, `(?m)^CRITERION +VERDICT +IN WORDS\nweights +go +\*\.meething\.net A is 10 new / 90 old`, b.String())
	assert.Regexp(t, `(?m)^target-5xx +no-go +20 of 1000 requests \(2%\)`, b.String())
	assert.True(t, strings.HasSuffix(b.String(), "\nNO-GO: stack prod, 1 of 7 criteria no-go over the 30m window: target-5xx\n"), b.String())

	b.Reset()
	require.NoError(t, NewResult("prod", good(), defaults).WriteJSON(&b))
	assert.Contains(t, b.String(), `"verdict": "GO"`)
	assert.Contains(t, b.String(), `"name": "*.meething.net A"`)
	assert.Contains(t, b.String(), `"criterion": "latency-p99",`)
	assert.Contains(t, b.String(), `"verdict": "go"`)
}
