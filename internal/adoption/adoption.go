// Package adoption adopts what already exists in the account.
//
// Before the stack registers anything, LookUp finds what the config adopts
// (the adopted zone, the parent zone, an adopted VPC or the region's
// availability zones, the zones of the extra certificates, the records
// already in the zones the stack shares), checks meething:import's keys
// against the keys of the resources the build registers (Keys: a dry run of
// the build, not a list kept by hand) and stops on a record the stack would
// write over unasked. It returns a Plan, which the components take: the zones
// and VPC to adopt, the records taken over and the owner records that list
// the stack's records in a shared zone. RegisterPolicy then applies the
// stack-wide options while the stack registers: import, protect, retain on
// delete, kept logs.
//
// The config keys themselves (their types, defaults and checks) are
// stackconfig's; the vocabulary config validation and the components share
// with this package (import keys, ID formats, record sets) is in
// adoption/identity, beneath them.
package adoption

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/network"
	"github.com/meething/edge/stackconfig"
)

// Plan is what LookUp found: what the stack adopts, and how it writes into
// the zones it shares.
type Plan struct {
	// Zone is the adopted zone; nil when the stack creates its own.
	Zone *dns.ExistingZone
	// Parent is the zone to delegate from; nil for none.
	Parent *dns.ExistingZone
	// Vpc is the adopted VPC; nil when the stack creates one.
	Vpc *network.Existing
	// Zones are the availability zones of the load balancer's subnets.
	Zones []string
	// ExtraZones are the zones of the extra certificates, by domain.
	ExtraZones map[string]*dns.ExistingZone

	// zoneRecords and parentRecords are what the stack writes into the
	// adopted zone and the parent zone; zoneCheck and parentCheck compare
	// them with what those zones hold.
	zoneRecords, parentRecords []identity.Record
	zoneCheck, parentCheck     Check
	// cutover is meething:cutover's step for each record of the adopted
	// zone.
	cutover cutoverPlan
}

// Build registers the stack for a plan, as the program does. LookUp and Keys
// take it as a value: the program imports this package, not the other way.
type Build func(ctx *pulumi.Context, plan *Plan) error

// ZoneOwner is the owner record of the adopted zone; nil when the stack
// creates its own zone.
func (p *Plan) ZoneOwner(ctx *pulumi.Context) *dns.OwnerRecord {
	if p.Zone == nil {
		return nil
	}
	return ownerRecord(ctx, p.Zone, p.zoneRecords, p.zoneCheck)
}

// Delegation is the NS record in the parent zone, with its owner record;
// nil when the stack delegates from no parent zone.
func (p *Plan) Delegation(ctx *pulumi.Context) *dns.Delegation {
	if p.Parent == nil {
		return nil
	}
	return &dns.Delegation{
		Parent:    *p.Parent,
		Overwrite: p.parentCheck.TakenOver["record/delegation"],
		TTL:       p.parentCheck.TTL["record/delegation"],
		Owner:     ownerRecord(ctx, p.Parent, p.parentRecords, p.parentCheck),
	}
}

// TakenOverAliasRecords are the records of the adopted zone that
// meething:takeOverRecords takes over, by role (identity.Record.Role):
// wildcard-A.
func (p *Plan) TakenOverAliasRecords() map[string]bool {
	return byKey(p.zoneCheck.TakenOver, identity.RecordRole)
}

// TakenOverValidationRecords are the validation records of the adopted
// zone that meething:takeOverRecords takes over, by the domain each
// validates.
func (p *Plan) TakenOverValidationRecords() map[string]bool {
	return byKey(p.zoneCheck.TakenOver, identity.ValidatedDomain)
}

// KeptValidationTTLs are the TTLs the taken-over validation records of the
// adopted zone keep, by the domain each validates.
func (p *Plan) KeptValidationTTLs() map[string]int {
	return byKey(p.zoneCheck.TTL, identity.ValidatedDomain)
}

// Cutover is how the alias records of the adopted zone move from the old
// edge under meething:cutover, with the new edge's health check; nil when
// no cutover is configured.
func (p *Plan) Cutover(cfg *stackconfig.Config, healthCheckID pulumi.StringInput) *dns.Cutover {
	if !cfg.Cutover.Enabled || p.Zone == nil {
		return nil
	}
	return &dns.Cutover{
		Share:         cfg.Cutover.Share,
		Retire:        cfg.Cutover.RetireOldEdge,
		Old:           p.cutover.Old,
		Moving:        p.cutover.Moving,
		Held:          p.cutover.Held,
		HealthCheckId: healthCheckID,
	}
}

// OldEdgeRecords are the keys (record/wildcard-A-old-edge) of the old
// edge's records under meething:cutover: RegisterPolicy never protects
// them, so a reviewed step can retire them, and retains them on delete
// only while they are the live records held as they were.
func (p *Plan) OldEdgeRecords() map[string]bool {
	out := map[string]bool{}
	for k := range p.cutover.Moving {
		out["record/"+k+dns.OldEdgeSuffix] = true
	}
	return out
}
