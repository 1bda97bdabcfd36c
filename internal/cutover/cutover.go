// Package cutover builds the gate between the steps of a cutover: while the
// live names move from the hand-built load balancer to the stack's in
// Route53 weighted alias records (set identifiers old-edge and new-edge),
// it reads the zone, the new-edge health check and both load balancers'
// CloudWatch metrics over a bake window (Read, aws.go), judges each
// criterion go or no-go in words (Decide, plain Go) and prints the verdict
// (Result).
package cutover

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The set identifiers of the weighted record sets of a name under cutover.
const (
	SetOld = "old-edge"
	SetNew = "new-edge"
)

// Outputs are the stack outputs the gate reads, as pulumi stack output
// --json prints them.
type Outputs struct {
	ALBArn          string
	ALBDNSName      string
	HostedZoneID    string
	TargetGroupArns map[string]string
	// Cutover is the output cutover, nil when the stack exports none.
	Cutover *Configured
}

// Configured is the stack's output cutover: what the zone should hold.
type Configured struct {
	// Share is the new edge's weight (0 to 100); nil: no weighted stage,
	// the names are simple records.
	Share         *int64   `json:"share"`
	Names         []string `json:"names"`
	HealthCheckID string   `json:"healthCheckId"`
}

// ParseOutputs reads the outputs the gate needs; a missing albArn,
// albDnsName or hostedZoneId is an error that names it.
func ParseOutputs(raw map[string]any) (Outputs, error) {
	var out Outputs
	for key, dst := range map[string]*string{"albArn": &out.ALBArn, "albDnsName": &out.ALBDNSName, "hostedZoneId": &out.HostedZoneID} {
		s, ok := raw[key].(string)
		if !ok || s == "" {
			return Outputs{}, fmt.Errorf("the outputs have no %s (a string): is the stack deployed?", key)
		}
		*dst = s
	}
	if tgs, ok := raw["targetGroupArns"].(map[string]any); ok {
		out.TargetGroupArns = map[string]string{}
		for service, arn := range tgs {
			s, ok := arn.(string)
			if !ok {
				return Outputs{}, fmt.Errorf("output targetGroupArns.%s is %v, not an ARN", service, arn)
			}
			out.TargetGroupArns[service] = s
		}
	}
	if c, ok := raw["cutover"]; ok && c != nil {
		b, err := json.Marshal(c)
		if err != nil {
			return Outputs{}, fmt.Errorf("output cutover: %w", err)
		}
		var cfg Configured
		if err := json.Unmarshal(b, &cfg); err != nil {
			return Outputs{}, fmt.Errorf("output cutover is not {share, names, healthCheckId}: %w", err)
		}
		if cfg.Share != nil && (*cfg.Share < 0 || *cfg.Share > 100) {
			return Outputs{}, fmt.Errorf("output cutover.share is %d: from 0 to 100", *cfg.Share)
		}
		out.Cutover = &cfg
	}
	return out, nil
}

// RecordKey is a name under cutover as the stack lists it, "*.meething.net A":
// the record name and type.
type RecordKey struct{ Name, Type string }

// ParseRecordKey reads "NAME TYPE".
func ParseRecordKey(s string) (RecordKey, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return RecordKey{}, fmt.Errorf("%q is not \"NAME TYPE\" (e.g. \"*.meething.net A\")", s)
	}
	return RecordKey{Name: NormalizeDNS(f[0]), Type: strings.ToUpper(f[1])}, nil
}

func (k RecordKey) String() string { return k.Name + " " + k.Type }

// NormalizeDNS returns a DNS name as compared here: lowercase, without the
// trailing dot, the dualstack. prefix of an alias target or Route53's \052
// for *.
func NormalizeDNS(name string) string {
	name = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(name)), ".")
	name = strings.ReplaceAll(name, `\052`, "*")
	return strings.TrimPrefix(name, "dualstack.")
}

// Stage is where a name stands in its cutover, as its record sets say.
type Stage string

const (
	StageMissing  Stage = "missing"  // no record set of that name and type
	StageOld      Stage = "old"      // one simple record, not to the stack's load balancer
	StageWeighted Stage = "weighted" // weighted record sets
	StageFinished Stage = "finished" // one simple record to the stack's load balancer
)

// Weighted is one weighted record set.
type Weighted struct {
	SetID         string `json:"setIdentifier"`
	Weight        int64  `json:"weight"`
	Target        string `json:"target"`
	HealthCheckID string `json:"healthCheckId,omitempty"`
}

// Name is what the zone holds for one name under cutover.
type Name struct {
	Key   RecordKey `json:"-"`
	Stage Stage     `json:"stage"`
	// Target is the alias target of a simple record.
	Target string `json:"target,omitempty"`
	// Sets are the weighted record sets, by set identifier.
	Sets map[string]Weighted `json:"sets,omitempty"`
}

// Health is the new edge's health check as read.
type Health struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	// Healthy is what the check reports; Detail says how it was read.
	Healthy bool   `json:"healthy"`
	Detail  string `json:"detail"`
}

// TargetGroup is one target group's HealthyHostCount over the window.
type TargetGroup struct {
	Service    string  `json:"service"`
	Dimension  string  `json:"dimension"`
	Datapoints int     `json:"datapoints"`
	MinHealthy float64 `json:"minHealthy"`
}

// Latency is TargetResponseTime's p99 (seconds) over the window on the new
// and the old load balancer.
type Latency struct {
	// Stat is "p99", or "maximum" where the endpoint computed no percentile
	// (an emulator): then the highest per-minute maximum stands for it.
	Stat      string   `json:"stat"`
	New       *float64 `json:"new"`
	Old       *float64 `json:"old"`
	OldALB    string   `json:"oldAlb,omitempty"`
	OldReason string   `json:"oldReason,omitempty"` // why the old one was not read
}

// Verify is the outcome of the verify --via alb checks.
type Verify struct {
	Skipped string `json:"skipped,omitempty"` // why they were not run
	Passed  bool   `json:"passed"`
	Summary string `json:"summary"`
}

// State is everything Read found, the input of Decide.
type State struct {
	Window       time.Duration
	StackALB     string
	Zone         string
	Configured   *Configured
	Names        []Name
	Health       *Health // nil: no health check ID was found
	TargetGroups []TargetGroup
	Requests     float64
	Target5xx    float64
	ELB5xx       float64
	Latency      Latency
	Verify       Verify
}
