package loadbalancer

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// Service is one backend behind the load balancer.
type Service struct {
	// Name keys the service's resources: renaming a service replaces them.
	Name string
	// Priority is the host rule's priority on the HTTPS listener, unique.
	Priority int
	// Hosts are the host names the rule matches, at most five.
	Hosts []string
	// Port and Protocol (HTTP or HTTPS) are the targets'.
	Port     int
	Protocol string
	// HealthCheck is the target group's health check.
	HealthCheck HealthCheck
	// DeregistrationDelay is in seconds.
	DeregistrationDelay int
	// TargetType is instance or ip.
	TargetType string
	// Targets are instance IDs or IP addresses to register. Default: none.
	Targets []string
	// Stickiness keeps a client on one target. Default: nil, none.
	Stickiness *Stickiness
	// SlowStart is the ramp-up of a new target in seconds. Default: 0.
	SlowStart int
	// Algorithm is the load-balancing algorithm. Default: "", round_robin.
	Algorithm string
	// AnomalyMitigation is for weighted_random only. Default: false.
	AnomalyMitigation bool
	// ProtocolVersion is HTTP1, HTTP2 or GRPC. Default: "", HTTP1.
	ProtocolVersion string
	// TargetGroups are more groups beside the service's own. Default: none.
	TargetGroups []TargetGroupSpec
	// Forward weighs the host rule's forward across the groups. Default:
	// nil, everything to the service's own group.
	Forward *Forward
	// Rules are more rules for the service; a rule without an action
	// takes the host rule's. Default: none.
	Rules []Rule
}

// Stickiness is lb_cookie with a duration, or app_cookie with the
// application's cookie name.
type Stickiness struct {
	Type       string
	Duration   int
	CookieName string
}

// HealthCheck is a target group's HTTP health check.
type HealthCheck struct {
	Path               string
	Matcher            string
	Interval           int
	Timeout            int
	HealthyThreshold   int
	UnhealthyThreshold int
	// Port is traffic-port or a port number. Default: "", traffic-port.
	Port string
	// Protocol is HTTP or HTTPS. Default: "", the service's.
	Protocol string
}

// servicePorts returns the distinct ports the load balancer reaches targets
// on, sorted: the services' ports and their health checks' own ports.
func servicePorts(services []Service) []int {
	seen := map[int]bool{}
	var ports []int
	add := func(p int) {
		if !seen[p] {
			seen[p] = true
			ports = append(ports, p)
		}
	}
	for _, s := range services {
		add(s.Port)
		if p, err := strconv.Atoi(s.HealthCheck.Port); err == nil {
			add(p)
		}
		for _, g := range s.TargetGroups {
			add(g.Port)
			if p, err := strconv.Atoi(g.HealthCheck.Port); err == nil {
				add(p)
			}
		}
	}
	sort.Ints(ports)
	return ports
}

// buildService creates the service's target groups (its own, named after
// it, and any more), its host rule and further rules on the HTTPS listener,
// and its target registrations. Every name derives from the service's name
// and the group's or rule's, so adding or removing another one touches
// none of the others.
func (l *LoadBalancer) buildService(ctx *pulumi.Context, name string, s Service, vpcID pulumi.StringInput, physicalNames map[string]string, t tags.Set, opts ...pulumi.ResourceOption) (*lb.TargetGroup, error) {
	resName := name + "-" + s.Name
	st := t.With("Service", s.Name)
	own := TargetGroupSpec{Name: s.Name, Port: s.Port, Protocol: s.Protocol, HealthCheck: s.HealthCheck, Targets: s.Targets}
	tg, err := l.buildTargetGroup(ctx, name, s.Name, s, own, vpcID, physicalNames[s.Name], st, opts...)
	if err != nil {
		return nil, err
	}
	groups := map[string]*lb.TargetGroup{s.Name: tg}
	for _, g := range s.TargetGroups {
		key := s.Name + "-" + g.Name
		if groups[g.Name], err = l.buildTargetGroup(ctx, name, key, s, g, vpcID, physicalNames[key], st.With("TargetGroup", g.Name), opts...); err != nil {
			return nil, err
		}
	}

	// The plain forward unless the service weighs its groups, so that a
	// service without weights keeps the rule it always had.
	hostAction := lb.ListenerRuleActionArgs{Type: pulumi.String("forward"), TargetGroupArn: tg.Arn}
	if s.Forward != nil {
		if hostAction, err = ruleAction(Action{Forward: s.Forward}, groups); err != nil {
			return nil, fmt.Errorf("host rule of service %s: %w", s.Name, err)
		}
	}
	if l.Rules[s.Name], err = l.buildRule(ctx, resName, s.Priority, Match{Hosts: s.Hosts}, hostAction, st, opts...); err != nil {
		return nil, err
	}
	for _, r := range s.Rules {
		action := hostAction
		if r.Action != nil {
			if action, err = ruleAction(*r.Action, groups); err != nil {
				return nil, fmt.Errorf("rule %s of service %s: %w", r.Name, s.Name, err)
			}
		}
		key := s.Name + "-" + r.Name
		if l.Rules[key], err = l.buildRule(ctx, name+"-"+key, r.Priority, r.Match, action, st.With("Rule", r.Name), opts...); err != nil {
			return nil, err
		}
	}
	return tg, nil
}

// buildTargetGroup creates one target group of service s and registers its
// targets. It has no name unless an import needs the hand-built one:
// Pulumi auto-names the group, so a replacement can be created before the
// old one is deleted.
func (l *LoadBalancer) buildTargetGroup(ctx *pulumi.Context, name, key string, s Service, g TargetGroupSpec, vpcID pulumi.StringInput, physicalName string, t tags.Set, opts ...pulumi.ResourceOption) (*lb.TargetGroup, error) {
	resName := name + "-" + key
	hc := g.HealthCheck
	tg, err := lb.NewTargetGroup(ctx, resName, &lb.TargetGroupArgs{
		Name:                           optional(physicalName),
		VpcId:                          vpcID,
		Port:                           pulumi.Int(g.Port),
		Protocol:                       pulumi.String(g.Protocol),
		ProtocolVersion:                pulumi.String(orDefault(s.ProtocolVersion, "HTTP1")),
		TargetType:                     pulumi.String(orDefault(g.TargetType, s.TargetType)),
		DeregistrationDelay:            pulumi.Int(s.DeregistrationDelay),
		SlowStart:                      pulumi.Int(s.SlowStart),
		LoadBalancingAlgorithmType:     pulumi.String(orDefault(s.Algorithm, "round_robin")),
		LoadBalancingAnomalyMitigation: anomalyMitigation(s),
		Stickiness:                     stickiness(s.Stickiness),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Protocol:           pulumi.String(orDefault(hc.Protocol, g.Protocol)),
			Port:               pulumi.String(orDefault(hc.Port, "traffic-port")),
			Path:               pulumi.String(hc.Path),
			Matcher:            pulumi.String(hc.Matcher),
			Interval:           pulumi.Int(hc.Interval),
			Timeout:            pulumi.Int(hc.Timeout),
			HealthyThreshold:   pulumi.Int(hc.HealthyThreshold),
			UnhealthyThreshold: pulumi.Int(hc.UnhealthyThreshold),
		},
		Tags: t.Named(resName),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating target group %s: %w", resName, err)
	}
	l.TargetGroups[key] = tg

	for _, target := range g.Targets {
		attachment, err := lb.NewTargetGroupAttachment(ctx, resName+"-"+target, &lb.TargetGroupAttachmentArgs{
			TargetGroupArn: tg.Arn,
			TargetId:       pulumi.String(target),
			Port:           pulumi.Int(g.Port),
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("registering target %s with %s: %w", target, resName, err)
		}
		l.Attachments[resName+"-"+target] = attachment
	}
	return tg, nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// stickiness is the target group's stickiness block: off when nil.
func stickiness(s *Stickiness) lb.TargetGroupStickinessPtrInput {
	if s == nil {
		return nil
	}
	args := &lb.TargetGroupStickinessArgs{
		Enabled:        pulumi.Bool(true),
		Type:           pulumi.String(s.Type),
		CookieDuration: pulumi.Int(s.Duration),
	}
	if s.CookieName != "" {
		args.CookieName = pulumi.String(s.CookieName)
	}
	return args
}

// anomalyMitigation is set only for weighted_random, the one algorithm that
// has it.
func anomalyMitigation(s Service) pulumi.StringPtrInput {
	if s.Algorithm != "weighted_random" {
		return nil
	}
	if s.AnomalyMitigation {
		return pulumi.String("on")
	}
	return pulumi.String("off")
}
