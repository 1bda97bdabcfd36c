// Package dns builds the stack's Route53 pieces: the public hosted zone for
// the domain (created by the stack, or an existing one adopted by ID or name),
// the NS record that delegates a created zone from its parent, optionally
// query logging to CloudWatch Logs in us-east-1, and the alias records that
// point the domain's names at the load balancer.
//
// In a zone the stack does not own (an adopted zone, a parent zone) it also
// writes an owner TXT record listing the records it writes there, so that a
// later deployment tells its own records from hand-made ones; ExistingRecords
// lists what such a zone holds.
//
// The components are modules in the terraform-aws-modules style: stackconfig
// is their variables layer, owning each key's type, default and check, and
// the Args carry those values as they are (QueryLogs is the stack's
// stackconfig.QueryLogs) beside wiring inputs (zones, the load balancer's
// name, tags). The components map them onto the provider's arguments,
// adding no defaults or checks of their own to the config's values.
package dns

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
	"github.com/meething/edge/stackconfig"
)

// HostedZoneTypeToken is the HostedZone component's type.
const HostedZoneTypeToken = "meething:dns:HostedZone"

// HostedZoneArgs configures a HostedZone. With Existing nil, the stack
// creates the zone.
type HostedZoneArgs struct {
	// Domain is the zone's name, such as meething.net. Required.
	Domain string
	// Existing is a zone already looked up (LookupZone, from
	// meething:existingZoneId or existingZoneName) to adopt. Default: nil.
	Existing *ExistingZone
	// Comment is a created zone's comment (stackconfig's ZoneComment).
	Comment string
	// Delegation writes the created zone's NS record into its parent zone.
	// Default: nil, none.
	Delegation *Delegation
	// Owner lists, in a TXT record of a zone the stack does not own, the
	// records the stack writes there. Default: nil, none.
	Owner *OwnerRecord
	// QueryLogs is meething:queryLogs: query logging to CloudWatch Logs in
	// us-east-1, when Enabled.
	QueryLogs stackconfig.QueryLogs
	// QueryLogProvider are the stack's own AWS provider settings, which the
	// us-east-1 provider of query logging takes (the region aside). Only
	// with QueryLogs on.
	QueryLogProvider ProviderConfig
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
	// DelegationRecord is the NS record in the parent zone; nil without
	// Delegation.
	DelegationRecord *route53.Record
}

// NewHostedZone creates the public hosted zone, or adopts an existing one.
func NewHostedZone(ctx *pulumi.Context, name string, args *HostedZoneArgs, opts ...pulumi.ResourceOption) (*HostedZone, error) {
	if args == nil || args.Domain == "" {
		return nil, fmt.Errorf("hosted zone %s: Domain is required", name)
	}
	z := &HostedZone{}
	props := pulumi.Map{
		"domain": pulumi.String(args.Domain),
	}
	if err := ctx.RegisterComponentResourceV2(HostedZoneTypeToken, name, props, z, opts...); err != nil {
		return nil, fmt.Errorf("registering hosted zone %s: %w", name, err)
	}
	parent := pulumi.Parent(z)
	t := tags.Set(args.Tags).Component("dns")

	switch {
	case args.Existing != nil:
		z.use(args.Existing)
	default:
		zone, err := route53.NewZone(ctx, name, &route53.ZoneArgs{
			Name:    pulumi.String(args.Domain),
			Comment: pulumi.String(args.Comment),
			Tags:    t.Named(args.Domain),
		}, parent) // protected and retained under meething:protect by the stack's policy (internal/adoption)
		if err != nil {
			return nil, fmt.Errorf("creating hosted zone %s: %w", name, err)
		}
		z.Zone = zone
		z.ZoneId = zone.ZoneId
		z.Name = zone.Name
		z.NameServers = zone.NameServers
	}

	if args.Delegation != nil {
		if z.Zone == nil {
			return nil, fmt.Errorf("hosted zone %s: only a zone the stack creates can be delegated", name)
		}
		var err error
		if z.DelegationRecord, err = z.delegate(ctx, name, args.Domain, *args.Delegation, parent); err != nil {
			return nil, err
		}
	}
	if args.Owner != nil {
		if _, err := newOwnerRecord(ctx, name+"-owner", *args.Owner, parent); err != nil {
			return nil, err
		}
	}

	if args.QueryLogs.Enabled {
		var err error
		if z.QueryLogging, err = z.buildQueryLogging(ctx, name, args.Domain, args.QueryLogs, args.QueryLogProvider, t, parent); err != nil {
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

// ExistingZone is a public hosted zone the stack writes into but did not
// create.
type ExistingZone struct {
	Id          string
	Name        string
	NameServers []string
}

// LookupZone finds the public zone with ID id, or else named name, and
// checks that it can hold records for domain. It registers nothing.
func LookupZone(ctx *pulumi.Context, id, name, domain string, opts ...pulumi.InvokeOption) (*ExistingZone, error) {
	lookup := &route53.LookupZoneArgs{PrivateZone: pulumi.BoolRef(false)}
	what := "ID " + id
	if id != "" {
		lookup.ZoneId = pulumi.StringRef(id)
	} else {
		lookup.Name = pulumi.StringRef(name)
		what = "name " + name
	}
	found, err := route53.LookupZone(ctx, lookup, opts...)
	if err != nil {
		return nil, fmt.Errorf("looking up the public zone with %s: %w", what, err)
	}
	zoneName := strings.TrimSuffix(found.Name, ".")
	if domain != zoneName && !strings.HasSuffix(domain, "."+zoneName) {
		return nil, fmt.Errorf("the zone with %s is %s, which cannot hold records for %s", what, zoneName, domain)
	}
	return &ExistingZone{Id: found.ZoneId, Name: zoneName, NameServers: found.NameServers}, nil
}

func (z *HostedZone) use(e *ExistingZone) {
	z.ZoneId = pulumi.String(e.Id).ToStringOutput()
	z.Name = pulumi.String(e.Name).ToStringOutput()
	z.NameServers = pulumi.ToStringArray(e.NameServers).ToStringArrayOutput()
}
