package dns

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/adoption/identity"
)

// AliasRecordsTypeToken is the AliasRecords component's type.
const AliasRecordsTypeToken = "meething:dns:AliasRecords"

// AliasRecordsArgs configures AliasRecords.
type AliasRecordsArgs struct {
	// ZoneId is the hosted zone that holds the records. Required.
	ZoneId pulumi.StringInput
	// Domain is the apex, such as meething.net. Required.
	Domain string
	// Apex also points <Domain> itself at the target. Default: false, only
	// *.<Domain>.
	Apex bool
	// Ipv6 adds AAAA records beside the A records; only for a dual-stack
	// target. Default: false.
	Ipv6 bool
	// TargetDnsName is the load balancer's DNS name. Required.
	TargetDnsName pulumi.StringInput
	// TargetZoneId is the load balancer's canonical hosted zone ID, from its
	// zoneId output. Required.
	TargetZoneId pulumi.StringInput
	// DependsOn holds the records back until these exist. In a zone that
	// already serves the names, these are everything the new load balancer
	// needs to serve them (listener, rules, targets), so that no name points
	// at it before it answers. Default: none, the records follow the load
	// balancer itself.
	DependsOn []pulumi.Resource
	// TakeOver overwrites an existing record, by key (wildcard-A, apex-AAAA,
	// ...). Default: none; an existing record makes the create fail.
	TakeOver map[string]bool
	// Cutover stages the move of the live records (cutover.go). Default:
	// nil, every record points at the target at once.
	Cutover *Cutover
}

// AliasRecords points *.<domain> (and optionally <domain>) at a load balancer.
type AliasRecords struct {
	pulumi.ResourceState

	// Records are the alias records by "<role>-<type>": wildcard-A,
	// wildcard-AAAA, apex-A, apex-AAAA. During a cutover, the new-edge
	// records; none while the live records are held.
	Records map[string]*route53.Record
	// OldEdge are the old edge's records during a cutover, by the same key.
	OldEdge map[string]*route53.Record
	// Names are the names the records answer for.
	Names []string
}

// NewAliasRecords creates the alias records.
func NewAliasRecords(ctx *pulumi.Context, name string, args *AliasRecordsArgs, opts ...pulumi.ResourceOption) (*AliasRecords, error) {
	if args == nil || args.ZoneId == nil || args.Domain == "" || args.TargetDnsName == nil || args.TargetZoneId == nil {
		return nil, fmt.Errorf("alias records %s: ZoneId, Domain, TargetDnsName and TargetZoneId are required", name)
	}
	a := &AliasRecords{Records: map[string]*route53.Record{}, OldEdge: map[string]*route53.Record{}}
	props := pulumi.Map{"domain": pulumi.String(args.Domain), "apex": pulumi.Bool(args.Apex), "ipv6": pulumi.Bool(args.Ipv6)}
	if err := ctx.RegisterComponentResourceV2(AliasRecordsTypeToken, name, props, a, opts...); err != nil {
		return nil, fmt.Errorf("registering alias records %s: %w", name, err)
	}

	for _, r := range identity.AliasRecordSets(args.Domain, args.Apex, args.Ipv6) {
		if !slices.Contains(a.Names, r.Name) {
			a.Names = append(a.Names, r.Name)
		}
		key := keyOf(r)
		dependsOn := args.DependsOn
		if c := args.Cutover; c != nil && c.writesOld(key) {
			old, err := route53.NewRecord(ctx, name+"-"+key+OldEdgeSuffix, c.oldEdgeArgs(args.ZoneId, r), pulumi.Parent(a))
			if err != nil {
				return nil, fmt.Errorf("creating the old edge's %s record for %s: %w", r.Type, r.Name, err)
			}
			a.OldEdge[key] = old
			// The new-edge record is created once its old-edge sibling is
			// weighted: Route53 refuses it beside the simple record.
			dependsOn = append(slices.Clone(dependsOn), old)
		}
		if !args.Cutover.writesNew(key) {
			continue
		}
		recordArgs := &route53.RecordArgs{
			ZoneId: args.ZoneId,
			Name:   pulumi.String(r.Name),
			Type:   pulumi.String(r.Type),
			Aliases: route53.RecordAliasArray{route53.RecordAliasArgs{
				Name:                 args.TargetDnsName,
				ZoneId:               args.TargetZoneId,
				EvaluateTargetHealth: pulumi.Bool(true),
			}},
			AllowOverwrite: pulumi.Bool(args.TakeOver[key]),
		}
		args.Cutover.newEdge(key, recordArgs)
		record, err := route53.NewRecord(ctx, name+"-"+key, recordArgs, pulumi.Parent(a), pulumi.DependsOn(dependsOn))
		if err != nil {
			return nil, fmt.Errorf("creating %s alias record for %s: %w", r.Type, r.Name, err)
		}
		a.Records[key] = record
	}

	if err := ctx.RegisterResourceOutputs(a, pulumi.Map{"names": pulumi.ToStringArray(a.Names)}); err != nil {
		return nil, fmt.Errorf("registering outputs of alias records %s: %w", name, err)
	}
	return a, nil
}

// keyOf is a record's key without its kind: wildcard-A.
func keyOf(r identity.Record) string { return r.Role() }
