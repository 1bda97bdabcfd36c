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
	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/synth"
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
	return synth.Exported(stackFor(keys))
}

// stackFor returns the stack of a config that sets keys: it reads and
// validates the config, looks up what the stack adopts and checks it, then
// builds the stack and returns its outputs. Nothing is registered when the
// config is invalid or a check fails.
func stackFor(keys []string) func(ctx *pulumi.Context) (pulumi.Map, error) {
	return func(ctx *pulumi.Context) (pulumi.Map, error) {
		lookup := stackconfig.WithRegionFromEnv(ctx.GetConfig, os.Getenv)
		cfg, err := stackconfig.ParseWithSecrets(lookup, keys, ctx.IsConfigSecret)
		if err == nil {
			err = stackconfig.CheckStackName(cfg, ctx.Project(), ctx.Stack())
		}
		if err != nil {
			return nil, stackconfig.RedactSecrets(err, ctx.IsConfigSecret)
		}
		if cfg.QueryLogs.Enabled {
			if err := dns.StackProviderConfig(cfg, ctx.IsConfigSecret).Check(); err != nil {
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

// build wires the components together and returns the stack outputs.
func build(ctx *pulumi.Context, cfg *stackconfig.Config, adoptionPlan *adoption.Plan) (pulumi.Map, error) {
	const name = identity.StackName
	base := tags.Base(ctx.Project(), ctx.Stack(), cfg.Tags)

	net, err := network.NewNetwork(ctx, name, &network.NetworkArgs{
		CidrBlock:                    cfg.VpcCidr,
		Zones:                        adoptionPlan.Zones,
		SubnetPrefixLength:           cfg.SubnetPrefixLength,
		SubnetCidrs:                  cfg.SubnetCidrs,
		MapPublicIPOnLaunch:          cfg.MapPublicIPOnLaunch,
		Ipv6:                         cfg.DualStack,
		FlowLogs:                     cfg.FlowLogs,
		Existing:                     adoptionPlan.Vpc,
		RestrictDefaultSecurityGroup: cfg.RestrictDefaultSecurityGroup,
		Tags:                         base,
	})
	if err != nil {
		return nil, fmt.Errorf("building the network: %w", err)
	}

	zone, err := dns.NewHostedZone(ctx, name, &dns.HostedZoneArgs{
		Domain:           cfg.Domain,
		Existing:         adoptionPlan.Zone,
		Comment:          cfg.ZoneComment(),
		QueryLogs:        cfg.QueryLogs,
		QueryLogProvider: dns.StackProviderConfig(cfg, ctx.IsConfigSecret),
		Owner:            adoptionPlan.ZoneOwner(ctx),
		Delegation:       adoptionPlan.Delegation(ctx),
		Tags:             base,
	})
	if err != nil {
		return nil, fmt.Errorf("building the hosted zone: %w", err)
	}

	certificate, err := cert.NewCertificate(ctx, name, &cert.CertificateArgs{
		Domain:     cfg.Domain,
		ExtraNames: cfg.CertificateNames,
		ZoneId:     zone.ZoneId,
		SharedZone: adoptionPlan.Zone != nil,
		TakeOver:   adoptionPlan.TakenOverValidationRecords(),
		KeepTTL:    adoptionPlan.KeptValidationTTLs(),
		Tags:       base,
	})
	if err != nil {
		return nil, fmt.Errorf("building the certificate: %w", err)
	}

	extraCertificates, err := cert.NewExtraCertificates(ctx, name, &cert.ExtraCertificatesArgs{
		Certificates: cfg.ExtraCertificates,
		Zones:        adoptionPlan.ExtraZones,
		Tags:         base,
	})
	if err != nil {
		return nil, err
	}

	var albDependsOn []pulumi.Resource
	if net.InternetGateway != nil {
		albDependsOn = append(albDependsOn, net.InternetGateway)
	}
	alb, err := loadbalancer.NewLoadBalancer(ctx, name, &loadbalancer.LoadBalancerArgs{
		VpcId:                net.VpcId,
		SubnetIds:            net.PublicSubnetIds,
		CertificateArn:       certificate.ValidatedCertificateArn,
		ExtraCertificateArns: extraCertificates,
		DependsOn:            albDependsOn,
		Tags:                 base,
		Domain:               cfg.Domain,
		DualStack:            cfg.DualStack,
		SslPolicy:            cfg.SslPolicy,
		DesyncMitigationMode: cfg.DesyncMitigationMode,
		IdleTimeout:          cfg.IdleTimeout,
		DeletionProtection:   cfg.DeletionProtection,
		Services:             cfg.Services,
		Rules:                cfg.Rules,
		DefaultAction:        cfg.DefaultAction,
		AccessLogs:           cfg.AccessLogs,
		Waf:                  cfg.Waf,
		LoadBalancerSettings: cfg.LoadBalancer,
		ResponseHeaders:      cfg.ResponseHeaders,
		PhysicalNames:        cfg.PhysicalNames,
	})
	if err != nil {
		return nil, fmt.Errorf("building the load balancer: %w", err)
	}

	outputs := pulumi.Map{}
	if cfg.AliasRecords {
		var healthCheckID pulumi.StringInput
		if cfg.Cutover.Weighted() && adoptionPlan.Zone != nil {
			health, err := monitoring.NewEdgeHealth(ctx, name, &monitoring.EdgeHealthArgs{
				LoadBalancerArnSuffix:  alb.ArnSuffix,
				TargetGroupArnSuffixes: alb.TargetGroupArnSuffixes,
				Region:                 cfg.Region,
				ErrorsPerMinute:        cfg.Cutover.FailbackErrors,
				Tags:                   base,
			})
			if err != nil {
				return nil, fmt.Errorf("building the new edge's health check: %w", err)
			}
			healthCheckID = health.HealthCheckId
		}
		aliasArgs := &dns.AliasRecordsArgs{
			ZoneId:        zone.ZoneId,
			Domain:        cfg.Domain,
			Apex:          cfg.ApexAlias,
			Ipv6:          cfg.DualStack,
			TargetDnsName: alb.DnsName,
			TargetZoneId:  alb.ZoneId,
		}
		if adoptionPlan.Zone != nil {
			// The names may serve users already: point them at the new load
			// balancer only once it serves every host behind them.
			aliasArgs.DependsOn = alb.ServingResources()
			aliasArgs.TakeOver = adoptionPlan.TakenOverAliasRecords()
			aliasArgs.Cutover = adoptionPlan.Cutover(cfg, healthCheckID)
		}
		if _, err := dns.NewAliasRecords(ctx, name, aliasArgs); err != nil {
			return nil, fmt.Errorf("building the alias records: %w", err)
		}
		if c := aliasArgs.Cutover; c != nil {
			outputs["cutover"] = cutoverOutput(cfg, c, healthCheckID)
		}
	}

	if al := cfg.Alarms; al.Enabled {
		if _, err := monitoring.NewAlarms(ctx, name, &monitoring.AlarmsArgs{
			Alarms:                 al,
			LoadBalancerArnSuffix:  alb.ArnSuffix,
			TargetGroupArnSuffixes: alb.TargetGroupArnSuffixes,
			CertificateArn:         certificate.CertificateArn,
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
	maps.Copy(outputs, pulumi.Map{
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
	})
	return outputs, nil
}

// cutoverOutput is the cutover output, which meething cutover status reads:
// the share for the new edge (absent while the live records are held), the
// records under cutover as "NAME TYPE", and the new edge's health check.
func cutoverOutput(cfg *stackconfig.Config, c *dns.Cutover, healthCheckID pulumi.StringInput) pulumi.Map {
	var moving []string
	for _, r := range stackconfig.CutoverRecords(cfg) {
		if c.Moving[r.Role()] {
			moving = append(moving, r.String())
		}
	}
	out := pulumi.Map{"names": pulumi.ToStringArray(moving), "retireOldEdge": pulumi.Bool(c.Retire)}
	if c.Share != nil {
		out["share"] = pulumi.Int(*c.Share)
	}
	if healthCheckID != nil {
		out["healthCheckId"] = healthCheckID
	}
	return out
}
