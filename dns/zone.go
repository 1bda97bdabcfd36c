// Package dns builds the stack's Route53 pieces: the public hosted zone for
// the domain (created by the stack, or an existing one adopted by ID or name),
// optionally its query logging to CloudWatch Logs in us-east-1, and the alias
// records that point the domain's names at the load balancer.
package dns

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// HostedZoneTypeToken is the HostedZone component's type.
const HostedZoneTypeToken = "meething:dns:HostedZone"

// HostedZoneArgs configures a HostedZone. Set at most one of ExistingZoneId
// and ExistingZoneName; with neither, the stack creates the zone.
type HostedZoneArgs struct {
	// Domain is the zone's name, such as meething.net. Required.
	Domain string
	// ExistingZoneId adopts the public zone with this ID. Default: "".
	ExistingZoneId string
	// ExistingZoneName adopts the public zone with this name, which must be
	// Domain or a parent of it. Default: "".
	ExistingZoneName string
	// Protect protects a created zone and retains it in AWS when the stack
	// is destroyed, so its name servers, delegated at the registrar, survive.
	// Default: false.
	Protect bool
	// QueryLogs turns on query logging to CloudWatch Logs in us-east-1.
	// Default: nil, off.
	QueryLogs *QueryLogArgs
	// Tags go on a created zone and the query log group, with Component=dns
	// and Name.
	Tags map[string]string
}

// HostedZone is the public hosted zone the stack writes its records into.
type HostedZone struct {
	pulumi.ResourceState

	// Zone is the created zone; nil when an existing zone was adopted.
	Zone *route53.Zone
	// ZoneId is the zone's ID.
	ZoneId pulumi.StringOutput
	// Name is the zone's name.
	Name pulumi.StringOutput
	// NameServers are the zone's name servers, to delegate to at the
	// registrar.
	NameServers pulumi.StringArrayOutput
	// QueryLogging is nil when query logging is off.
	QueryLogging *QueryLogging
}

// NewHostedZone creates the public hosted zone, or adopts an existing one.
func NewHostedZone(ctx *pulumi.Context, name string, args *HostedZoneArgs, opts ...pulumi.ResourceOption) (*HostedZone, error) {
	if args == nil || args.Domain == "" {
		return nil, fmt.Errorf("hosted zone %s: Domain is required", name)
	}
	z := &HostedZone{}
	props := pulumi.Map{
		"domain":           pulumi.String(args.Domain),
		"existingZoneId":   pulumi.String(args.ExistingZoneId),
		"existingZoneName": pulumi.String(args.ExistingZoneName),
	}
	if err := ctx.RegisterComponentResourceV2(HostedZoneTypeToken, name, props, z, opts...); err != nil {
		return nil, fmt.Errorf("registering hosted zone %s: %w", name, err)
	}
	parent := pulumi.Parent(z)
	t := tags.Set(args.Tags).Component("dns")

	if args.ExistingZoneId != "" || args.ExistingZoneName != "" {
		if err := z.adopt(ctx, args, parent); err != nil {
			return nil, fmt.Errorf("hosted zone %s: %w", name, err)
		}
	} else {
		zone, err := route53.NewZone(ctx, name, &route53.ZoneArgs{
			Name:    pulumi.String(args.Domain),
			Comment: pulumi.String("Public zone of " + args.Domain + ", managed by Pulumi"),
			Tags:    t.Named(args.Domain),
		}, parent, pulumi.Protect(args.Protect), pulumi.RetainOnDelete(args.Protect))
		if err != nil {
			return nil, fmt.Errorf("creating hosted zone %s: %w", name, err)
		}
		z.Zone = zone
		z.ZoneId = zone.ZoneId
		z.Name = zone.Name
		z.NameServers = zone.NameServers
	}

	if args.QueryLogs != nil {
		var err error
		if z.QueryLogging, err = z.buildQueryLogging(ctx, name, args.Domain, *args.QueryLogs, t, parent); err != nil {
			return nil, err
		}
	}

	if err := ctx.RegisterResourceOutputs(z, pulumi.Map{
		"zoneId":      z.ZoneId,
		"nameServers": z.NameServers,
	}); err != nil {
		return nil, fmt.Errorf("registering outputs of hosted zone %s: %w", name, err)
	}
	return z, nil
}

// adopt looks up an existing public zone and checks that it can hold the
// domain's records.
func (z *HostedZone) adopt(ctx *pulumi.Context, args *HostedZoneArgs, opts ...pulumi.InvokeOption) error {
	lookup := &route53.LookupZoneArgs{PrivateZone: pulumi.BoolRef(false)}
	what := "ID " + args.ExistingZoneId
	if args.ExistingZoneId != "" {
		lookup.ZoneId = pulumi.StringRef(args.ExistingZoneId)
	} else {
		lookup.Name = pulumi.StringRef(args.ExistingZoneName)
		what = "name " + args.ExistingZoneName
	}
	found, err := route53.LookupZone(ctx, lookup, opts...)
	if err != nil {
		return fmt.Errorf("looking up the public zone with %s: %w", what, err)
	}
	zoneName := strings.TrimSuffix(found.Name, ".")
	if args.Domain != zoneName && !strings.HasSuffix(args.Domain, "."+zoneName) {
		return fmt.Errorf("the zone with %s is %s, which cannot hold records for %s", what, zoneName, args.Domain)
	}
	z.ZoneId = pulumi.String(found.ZoneId).ToStringOutput()
	z.Name = pulumi.String(zoneName).ToStringOutput()
	z.NameServers = pulumi.ToStringArray(found.NameServers).ToStringArrayOutput()
	return nil
}
