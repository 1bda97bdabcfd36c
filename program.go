package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/cert"
	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption"
	"github.com/meething/edge/internal/adoption/names"
	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/monitoring"
	"github.com/meething/edge/network"
	"github.com/meething/edge/stackconfig"
)

// program is what `pulumi up` runs: read the config, build the stack, export
// its outputs.
func program(ctx *pulumi.Context) error {
	keys, err := engineConfigKeys()
	if err != nil {
		return err
	}
	return exportedStack(keys)(ctx)
}

// exportedStack builds the stack of a config that sets keys and exports its
// outputs.
func exportedStack(keys []string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		outputs, err := stackFor(keys)(ctx)
		if err != nil {
			return err
		}
		for name, value := range outputs {
			ctx.Export(name, value)
		}
		return nil
	}
}

// stackFor returns the stack of a config that sets keys: it reads and
// validates the config, looks up what the stack adopts and checks it, then
// builds the stack and returns its outputs. Nothing is registered when the
// config is invalid or a check fails.
func stackFor(keys []string) func(ctx *pulumi.Context) (pulumi.Map, error) {
	return func(ctx *pulumi.Context) (pulumi.Map, error) {
		lookup := stackconfig.WithRegionFromEnv(ctx.GetConfig, os.Getenv)
		cfg, err := stackconfig.ParseWithSecrets(lookup, keys, ctx.IsConfigSecret)
		if err != nil {
			return nil, stackconfig.RedactSecrets(err, ctx.IsConfigSecret)
		}
		if q := queryLogs(cfg, ctx.IsConfigSecret); q != nil {
			if err := q.Provider.Check(); err != nil {
				return nil, err
			}
		}
		plan, err := adoption.LookUp(ctx, cfg, func(ctx *pulumi.Context, plan *adoption.Plan) error {
			_, err := build(ctx, cfg, plan)
			return err
		})
		if err != nil {
			return nil, err
		}
		if err := adoption.RegisterPolicy(ctx, cfg, plan); err != nil {
			return nil, fmt.Errorf("registering the import and protect policy: %w", err)
		}
		return build(ctx, cfg, plan)
	}
}

// engineConfigKeys returns the keys of the config the engine passes the
// program: those of the PULUMI_CONFIG environment variable's JSON object,
// which ctx.GetConfig reads one at a time.
func engineConfigKeys() ([]string, error) {
	raw := os.Getenv(pulumi.EnvConfig)
	if raw == "" {
		return nil, nil
	}
	var config map[string]any
	if err := json.Unmarshal([]byte(raw), &config); err != nil {
		return nil, fmt.Errorf("reading the config the engine passed (%s): %w", pulumi.EnvConfig, err)
	}
	return slices.Sorted(maps.Keys(config)), nil
}

// configKeys returns the keys of a config map, sorted.
func configKeys(config map[string]string) []string { return slices.Sorted(maps.Keys(config)) }

// build wires the components together and returns the stack outputs.
func build(ctx *pulumi.Context, cfg *stackconfig.Config, pf *adoption.Plan) (pulumi.Map, error) {
	const name = names.StackName
	base := tags.Base(ctx.Project(), ctx.Stack(), cfg.Tags)

	net, err := network.NewNetwork(ctx, name, &network.NetworkArgs{
		CidrBlock:                     cfg.VpcCidr,
		Zones:                         pf.Zones,
		SubnetCount:                   cfg.SubnetCount,
		SubnetPrefixLength:            cfg.SubnetPrefixLength,
		SubnetCidrs:                   cfg.SubnetCidrs,
		MapPublicIPOnLaunch:           cfg.MapPublicIPOnLaunch,
		Ipv6:                          cfg.DualStack,
		FlowLogs:                      flowLogs(cfg),
		Existing:                      pf.Vpc,
		KeepDefaultSecurityGroupRules: !cfg.RestrictDefaultSecurityGroup,
		Tags:                          base,
	})
	if err != nil {
		return nil, fmt.Errorf("building the network: %w", err)
	}

	zoneArgs := &dns.HostedZoneArgs{
		Domain:    cfg.Domain,
		Existing:  pf.Zone,
		Comment:   cfg.PhysicalNames.ZoneComment,
		Protect:   cfg.Protect,
		QueryLogs: queryLogs(cfg, ctx.IsConfigSecret),
		Tags:      base,
	}
	zoneArgs.Owner = pf.ZoneOwner(ctx)
	zoneArgs.Delegation = pf.Delegation(ctx)
	zone, err := dns.NewHostedZone(ctx, name, zoneArgs)
	if err != nil {
		return nil, fmt.Errorf("building the hosted zone: %w", err)
	}

	certificate, err := cert.NewCertificate(ctx, name, &cert.CertificateArgs{
		Domain:     cfg.Domain,
		ExtraNames: cfg.CertificateNames,
		ZoneId:     zone.ZoneId,
		Protect:    cfg.Protect,
		SharedZone: pf.Zone != nil,
		TakeOver:   pf.TakenOver("record/validation-"),
		KeepTTL:    pf.KeptTTL("record/validation-"),
		Tags:       base,
	})
	if err != nil {
		return nil, fmt.Errorf("building the certificate: %w", err)
	}

	extraCertificates, err := buildExtraCertificates(ctx, name, cfg, pf, base)
	if err != nil {
		return nil, err
	}

	var albDependsOn []pulumi.Resource
	if net.InternetGateway != nil {
		albDependsOn = append(albDependsOn, net.InternetGateway)
	}
	alb, err := loadbalancer.NewLoadBalancer(ctx, name, &loadbalancer.LoadBalancerArgs{
		VpcId:                   net.VpcId,
		SubnetIds:               net.PublicSubnetIds,
		Ipv6:                    cfg.DualStack,
		CertificateArn:          certificate.ValidatedCertificateArn,
		ExtraCertificateArns:    extraCertificates,
		SslPolicy:               cfg.SslPolicy,
		DesyncMitigationMode:    cfg.DesyncMitigationMode,
		IdleTimeout:             cfg.IdleTimeout,
		DeletionProtection:      cfg.DeletionProtection,
		Services:                services(cfg),
		Rules:                   lbRules(cfg.Rules),
		DefaultAction:           lbAction(nil, cfg.DefaultAction.Redirect, cfg.DefaultAction.FixedResponse),
		DependsOn:               albDependsOn,
		AccessLogs:              accessLogs(cfg),
		Waf:                     waf(cfg),
		Names:                   physicalNames(cfg),
		NoPublicIpv4:            !cfg.LoadBalancer.PublicIpv4,
		ClientKeepAlive:         cfg.LoadBalancer.ClientKeepAlive,
		XffHeaderProcessingMode: cfg.LoadBalancer.XffHeaderProcessingMode,
		PreserveHostHeader:      cfg.LoadBalancer.PreserveHostHeader,
		ConnectionLogs:          cfg.LoadBalancer.ConnectionLogs,
		ZonalShift:              cfg.LoadBalancer.ZonalShift,
		ResponseHeaders:         responseHeaders(cfg),
		Tags:                    base,
	})
	if err != nil {
		return nil, fmt.Errorf("building the load balancer: %w", err)
	}

	if cfg.AliasRecords {
		aliasArgs := &dns.AliasRecordsArgs{
			ZoneId:        zone.ZoneId,
			Domain:        cfg.Domain,
			Apex:          cfg.ApexAlias,
			Ipv6:          cfg.DualStack,
			TargetDnsName: alb.DnsName,
			TargetZoneId:  alb.ZoneId,
		}
		if pf.Zone != nil {
			// The names may serve users already: point them at the new load
			// balancer only once it serves every host behind them.
			aliasArgs.DependsOn = alb.ServingResources()
			aliasArgs.TakeOver = pf.TakenOver("record/")
		}
		if _, err := dns.NewAliasRecords(ctx, name, aliasArgs); err != nil {
			return nil, fmt.Errorf("building the alias records: %w", err)
		}
	}

	if al := cfg.Alarms; al.Enabled {
		if _, err := monitoring.NewAlarms(ctx, name, &monitoring.AlarmsArgs{
			Emails:                 al.Emails,
			LoadBalancerArnSuffix:  alb.ArnSuffix,
			TargetGroupArnSuffixes: alb.TargetGroupArnSuffixes,
			CertificateArn:         certificate.CertificateArn,
			LoadBalancer5xx:        al.LoadBalancer5xx,
			Target5xx:              al.Target5xx,
			UnhealthyHosts:         al.UnhealthyHosts,
			CertificateExpiryDays:  al.CertificateExpiryDays,
			Secret:                 cfg.IsSecret(stackconfig.KeyAlarms),
			Tags:                   base,
		}); err != nil {
			return nil, fmt.Errorf("building the alarms: %w", err)
		}
	}

	urls := pulumi.StringMap{}
	for _, s := range cfg.Services {
		urls[s.Name] = pulumi.String("https://" + s.Host(cfg.Domain))
	}
	return pulumi.Map{
		"vpcId":                 net.VpcId,
		"publicSubnetIds":       net.PublicSubnetIds,
		"albArn":                alb.Arn,
		"albDnsName":            alb.DnsName,
		"albZoneId":             alb.ZoneId,
		"certificateArn":        certificate.ValidatedCertificateArn,
		"hostedZoneId":          zone.ZoneId,
		"nameServers":           zone.NameServers,
		"targetGroupArns":       alb.TargetGroupArns,
		"serviceUrls":           urls,
		"targetSecurityGroupId": alb.TargetSecurityGroupId,
		"extraCertificateArns":  pulumi.StringMap(extraCertificates),
	}, nil
}

// physicalNames are the names meething:physicalNames fixes.
func physicalNames(cfg *stackconfig.Config) loadbalancer.PhysicalNames {
	n := cfg.PhysicalNames
	out := loadbalancer.PhysicalNames{LoadBalancer: n.LoadBalancer, TargetGroups: n.TargetGroups, SecurityGroups: map[string]loadbalancer.SecurityGroupName{}}
	for role, sg := range n.SecurityGroups {
		out.SecurityGroups[role] = loadbalancer.SecurityGroupName{Name: sg.Name, Description: sg.Description}
	}
	return out
}

// services turns the configured services into the load balancer's.
func services(cfg *stackconfig.Config) []loadbalancer.Service {
	out := make([]loadbalancer.Service, 0, len(cfg.Services))
	for _, s := range cfg.Services {
		out = append(out, loadbalancer.Service{
			Name:                s.Name,
			Priority:            s.RulePriority(),
			Hosts:               s.AllHosts(cfg.Domain),
			Port:                s.Port,
			Protocol:            s.Protocol,
			HealthCheck:         lbHealthCheck(s.HealthCheck),
			Stickiness:          lbStickiness(s.Stickiness),
			SlowStart:           s.SlowStart,
			Algorithm:           s.Algorithm,
			AnomalyMitigation:   s.AnomalyMitigation,
			ProtocolVersion:     s.ProtocolVersion,
			DeregistrationDelay: s.DeregistrationDelay,
			TargetType:          s.TargetType,
			Targets:             s.Targets,
			TargetGroups:        lbTargetGroups(s),
			Forward:             lbForward(s.Forward),
			Rules:               lbRules(s.Rules),
		})
	}
	return out
}

func lbStickiness(s *stackconfig.Stickiness) *loadbalancer.Stickiness {
	if s == nil {
		return nil
	}
	return &loadbalancer.Stickiness{Type: s.Type, Duration: s.Duration, CookieName: s.CookieName}
}
