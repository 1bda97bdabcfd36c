package dns

import (
	"cmp"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/adoption/identity"
)

// DelegationTTL is the NS record's TTL in the parent zone, in seconds: an
// hour, so that a mistake heals within one rather than in the two days of
// Route53's default.
const DelegationTTL = 3600

// OwnerRecordTTL is the owner record's TTL, in seconds.
const OwnerRecordTTL = 300

// Delegation is the NS record that delegates the stack's zone from its
// parent.
type Delegation struct {
	// Parent is the parent zone.
	Parent ExistingZone
	// Overwrite takes an existing NS record of the name over.
	Overwrite bool
	// TTL is the taken-over record's, kept. Default: DelegationTTL.
	TTL int
	// Owner is the owner record to write in the parent zone; nil for none.
	Owner *OwnerRecord
}

// OwnerRecord is the TXT record in which the stack lists the records it
// writes into a zone it does not own (see identity.OwnerRecordName).
type OwnerRecord struct {
	ZoneId string
	Name   string
	Values []string
}

func (z *HostedZone) delegate(ctx *pulumi.Context, name, domain string, d Delegation, opts ...pulumi.ResourceOption) (*route53.Record, error) {
	record, err := route53.NewRecord(ctx, name+"-delegation", &route53.RecordArgs{
		ZoneId:         pulumi.String(d.Parent.Id),
		Name:           pulumi.String(domain),
		Type:           pulumi.String("NS"),
		Ttl:            pulumi.Int(cmp.Or(d.TTL, DelegationTTL)),
		Records:        z.NameServers,
		AllowOverwrite: pulumi.Bool(d.Overwrite),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("delegating %s from %s: %w", domain, d.Parent.Name, err)
	}
	if d.Owner != nil {
		if _, err := newOwnerRecord(ctx, name+"-delegation-owner", *d.Owner, opts...); err != nil {
			return nil, err
		}
	}
	return record, nil
}

func newOwnerRecord(ctx *pulumi.Context, name string, o OwnerRecord, opts ...pulumi.ResourceOption) (*route53.Record, error) {
	record, err := route53.NewRecord(ctx, name, &route53.RecordArgs{
		ZoneId:  pulumi.String(o.ZoneId),
		Name:    pulumi.String(o.Name),
		Type:    pulumi.String("TXT"),
		Ttl:     pulumi.Int(OwnerRecordTTL),
		Records: pulumi.ToStringArray(o.Values),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("writing owner record %s: %w", o.Name, err)
	}
	return record, nil
}

// ExistingRecords lists the record sets of a zone, names normalized as
// config writes them (identity.NormalizeName). It registers nothing.
func ExistingRecords(ctx *pulumi.Context, zoneID string, opts ...pulumi.InvokeOption) ([]identity.Existing, error) {
	res, err := route53.GetRecords(ctx, &route53.GetRecordsArgs{ZoneId: zoneID}, opts...)
	if err != nil {
		return nil, fmt.Errorf("listing the records of zone %s: %w", zoneID, err)
	}
	out := make([]identity.Existing, 0, len(res.ResourceRecordSets))
	for _, s := range res.ResourceRecordSets {
		e := identity.Existing{
			Name: identity.NormalizeName(s.Name), Type: s.Type, TTL: s.Ttl,
			AliasTarget: identity.NormalizeName(s.AliasTarget.DnsName), AliasZoneID: s.AliasTarget.HostedZoneId,
			EvaluateTargetHealth: s.AliasTarget.EvaluateTargetHealth,
			SetIdentifier:        s.SetIdentifier, Weight: s.Weight, HealthCheckID: s.HealthCheckId,
		}
		for _, r := range s.ResourceRecords {
			e.Values = append(e.Values, r.Value)
		}
		out = append(out, e)
	}
	return out, nil
}
