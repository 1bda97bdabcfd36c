package loadbalancer

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// servicePorts returns the distinct ports the load balancer reaches targets
// on, sorted: the services' ports and their health checks' own ports.
func servicePorts(services []stackconfig.Service) []int {
	seen := map[int]bool{}
	var ports []int
	add := func(p int) {
		if !seen[p] {
			seen[p] = true
			ports = append(ports, p)
		}
	}
	for _, s := range services {
		for _, g := range groups(s) {
			add(g.Port)
			if p, err := strconv.Atoi(g.HealthCheck.Port); err == nil {
				add(p)
			}
		}
	}
	sort.Ints(ports)
	return ports
}

// groups are the service's target groups: its own, named after it, and its
// further ones.
func groups(s stackconfig.Service) []stackconfig.TargetGroup {
	own := stackconfig.TargetGroup{Name: s.Name, Port: s.Port, Protocol: s.Protocol, HealthCheck: &s.HealthCheck, TargetType: s.TargetType, Targets: s.Targets}
	return append([]stackconfig.TargetGroup{own}, s.TargetGroups...)
}

// buildService creates the service's target groups (its own, named after
// it, and any more), its host rule and further rules on the HTTPS listener,
// and its target registrations. Every name derives from the service's name
// and the group's or rule's, so adding or removing another one touches
// none of the others.
func (l *LoadBalancer) buildService(ctx *pulumi.Context, name string, s stackconfig.Service, a LoadBalancerArgs, t tags.Set, opts ...pulumi.ResourceOption) (*lb.TargetGroup, error) {
	st := t.With("Service", s.Name)
	byName := map[string]*lb.TargetGroup{}
	for i, g := range groups(s) {
		key, gt := s.Name, st
		if i > 0 {
			key, gt = s.Name+"-"+g.Name, st.With("TargetGroup", g.Name)
		}
		tg, err := l.buildTargetGroup(ctx, name, key, s, g, a.VpcId, a.PhysicalNames.TargetGroups[key], gt, opts...)
		if err != nil {
			return nil, err
		}
		byName[g.Name] = tg
	}
	tg := byName[s.Name]

	// The plain forward unless the service weighs its groups, so that a
	// service without weights keeps the rule it always had.
	hostAction := lbaction.ForwardTo(s.Name)
	if s.Forward != nil {
		hostAction, _, _ = lbaction.Of(stackconfig.Action{Forward: s.Forward})
	}
	hostRule := stackconfig.Rule{Hosts: s.AllHosts(a.Domain)}
	var err error
	if l.Rules[s.Name], err = l.buildRule(ctx, name+"-"+s.Name, s.RulePriority(), hostRule, hostAction, byName, st, opts...); err != nil {
		return nil, fmt.Errorf("host rule of service %s: %w", s.Name, err)
	}
	for _, r := range s.Rules {
		action, own, err := lbaction.Of(r.Action)
		if err != nil {
			return nil, fmt.Errorf("rule %s of service %s: %w", r.Name, s.Name, err)
		}
		if !own {
			action = hostAction
		}
		key := s.Name + "-" + r.Name
		if l.Rules[key], err = l.buildRule(ctx, name+"-"+key, r.Priority, r, action, byName, st.With("Rule", r.Name), opts...); err != nil {
			return nil, fmt.Errorf("rule %s of service %s: %w", r.Name, s.Name, err)
		}
	}
	return tg, nil
}

// buildTargetGroup creates one target group g of service s and registers
// its targets; the attributes are the service's. It has no name unless an
// import needs the hand-built one: Pulumi auto-names the group, so a
// replacement can be created before the old one is deleted.
func (l *LoadBalancer) buildTargetGroup(ctx *pulumi.Context, name, key string, s stackconfig.Service, g stackconfig.TargetGroup, vpcID pulumi.StringInput, physicalName string, t tags.Set, opts ...pulumi.ResourceOption) (*lb.TargetGroup, error) {
	resName := name + "-" + key
	hc := g.HealthCheck
	tg, err := lb.NewTargetGroup(ctx, resName, &lb.TargetGroupArgs{
		Name:                           optional(physicalName),
		VpcId:                          vpcID,
		Port:                           pulumi.Int(g.Port),
		Protocol:                       pulumi.String(g.Protocol),
		ProtocolVersion:                pulumi.String(s.ProtocolVersion),
		TargetType:                     pulumi.String(g.TargetType),
		DeregistrationDelay:            pulumi.Int(s.DeregistrationDelay),
		SlowStart:                      pulumi.Int(s.SlowStart),
		LoadBalancingAlgorithmType:     pulumi.String(s.Algorithm),
		LoadBalancingAnomalyMitigation: anomalyMitigation(s),
		Stickiness:                     stickiness(s.Stickiness),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Protocol:           pulumi.String(hc.ProtocolFor(g.Protocol)),
			Port:               pulumi.String(hc.Port),
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

// stickiness is the target group's stickiness block: off when nil.
func stickiness(s *stackconfig.Stickiness) lb.TargetGroupStickinessPtrInput {
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
func anomalyMitigation(s stackconfig.Service) pulumi.StringPtrInput {
	if s.Algorithm != "weighted_random" {
		return nil
	}
	if s.AnomalyMitigation {
		return pulumi.String("on")
	}
	return pulumi.String("off")
}
