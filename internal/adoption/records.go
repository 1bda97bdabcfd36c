package adoption

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/cert"
	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/stackconfig"
)

// plannedRecords are the records the stack writes into the adopted zone:
// the alias records and the certificate's validation records.
func plannedRecords(cfg *stackconfig.Config, validationDomains []string) []identity.Record {
	var out []identity.Record
	if cfg.AliasRecords {
		out = append(out, identity.AliasRecordSets(cfg.Domain, cfg.ApexAlias, cfg.DualStack)...)
	}
	for _, d := range validationDomains {
		out = append(out, identity.ValidationRecord(d))
	}
	return out
}

// checkRecords compares what the stack writes into zones it does not own
// (an adopted zone, the parent zone) with what they hold, and stops on any record it would overwrite that the
// config neither imports nor takes over.
func (p *Plan) checkRecords(ctx *pulumi.Context, cfg *stackconfig.Config) error {
	imported := importedKeys(cfg)
	var ps []stackconfig.Problem
	var owned []string
	var zoneSets []identity.Existing
	check := func(zone *dns.ExistingZone, planned []identity.Record) (Check, error) {
		sets, err := dns.ExistingRecords(ctx, zone.Id)
		if err != nil {
			return Check{}, err
		}
		zoneSets = sets
		owned = Owned(ctx.Project(), ctx.Stack(), zone.Name, sets)
		c := CheckRecords(planned, sets, imported, cfg.TakeOverRecords, owned)
		for _, conflict := range c.Conflicts {
			ps = append(ps, conflictProblem(zone, conflict))
		}
		return c, nil
	}
	var err error
	if p.Zone != nil {
		p.zoneRecords = plannedRecords(cfg, cert.ValidationDomains(cert.Names(cfg.Domain, cfg.CertificateNames)))
		if p.zoneCheck, err = check(p.Zone, p.zoneRecords); err != nil {
			return fmt.Errorf("checking the records of the zone %s: %w", p.Zone.Name, err)
		}
		var cutoverProblems []stackconfig.Problem
		p.cutover, cutoverProblems = planCutover(cfg, zoneSets, owned)
		ps = append(ps, cutoverProblems...)
		p.zoneCheck.Held = p.cutover.held(cfg)
		// A type the cutover holds back is not written: the owner record
		// does not claim it.
		p.zoneRecords = slices.DeleteFunc(p.zoneRecords, func(r identity.Record) bool {
			return p.cutover.Held[r.Role()]
		})
		ps = append(ps, gate(cfg, ctx.Stack(), p.movedRecords(cfg, zoneSets, owned))...)
	}
	if p.Parent != nil {
		p.parentRecords = []identity.Record{{Key: "record/delegation", Name: cfg.Domain, Type: "NS"}}
		if p.parentCheck, err = check(p.Parent, p.parentRecords); err != nil {
			return fmt.Errorf("checking the records of the parent zone %s: %w", p.Parent.Name, err)
		}
	}
	if len(ps) > 0 {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Value < ps[j].Value })
		return &stackconfig.Error{Problems: ps}
	}
	return nil
}

func conflictProblem(zone *dns.ExistingZone, c Conflict) stackconfig.Problem {
	e := c.Existing
	what := "record"
	if e.AliasTarget != "" {
		what = "alias to " + e.AliasTarget
	}
	return stackconfig.Problem{
		Key:   stackconfig.FullKey(stackconfig.KeyTakeOverRecords),
		Value: e.String(),
		Rule: fmt.Sprintf("is already in the zone %s (%s, %s), and the stack would write it: take it over by adding %q to %s, or import it with %s.%s = %q",
			zone.Name, zone.Id, what, e.String(), stackconfig.FullKey(stackconfig.KeyTakeOverRecords),
			stackconfig.FullKey(stackconfig.KeyImport), c.Planned.Key, zone.Id+"_"+e.Name+"_"+e.Type),
	}
}

// adoptedRecords returns the keys of every record the stack did not create.
func (p *Plan) adoptedRecords() map[string]bool {
	out := map[string]bool{}
	for _, c := range []Check{p.zoneCheck, p.parentCheck} {
		for k := range c.Adopted {
			out[k] = true
		}
	}
	return out
}

// ownerRecord is the owner record of a shared zone listing records.
func ownerRecord(ctx *pulumi.Context, zone *dns.ExistingZone, records []identity.Record, c Check) *dns.OwnerRecord {
	return &dns.OwnerRecord{
		ZoneId: zone.Id,
		Name:   identity.OwnerRecordName(ctx.Project(), ctx.Stack(), zone.Name),
		Values: OwnerValues(ctx.Project(), ctx.Stack(), records, c.Adopted, c.Held),
	}
}

// byKey returns the entries of m (a Check's map, by import key) of the
// records of, keyed as it says: identity.RecordRole, identity.ValidatedDomain.
func byKey[V any](m map[string]V, of func(key string) (string, bool)) map[string]V {
	out := map[string]V{}
	for k, v := range m {
		if rest, ok := of(k); ok {
			out[rest] = v
		}
	}
	return out
}

// importedKeys are the keys of meething:import.
func importedKeys(cfg *stackconfig.Config) map[string]bool {
	out := map[string]bool{}
	for k := range cfg.Import {
		out[k] = true
	}
	return out
}

// movedRecords are the alias records of the adopted zone that serve users
// already (the zone holds a record set of their name and type) and that
// this run points at the stack's load balancer: taken over now, weighted
// toward it, or held until the last run (the owner record says so).
// Records the stack already pointed at its load balancer are not moved.
func (p *Plan) movedRecords(cfg *stackconfig.Config, sets []identity.Existing, owned []string) []identity.Record {
	if !cfg.AliasRecords {
		return nil
	}
	wasHeld := map[string]bool{}
	for _, o := range owned {
		if entry, ok := strings.CutSuffix(o, heldMark); ok {
			wasHeld[strings.TrimSuffix(entry, adoptedMark)] = true
		}
	}
	var out []identity.Record
	for _, r := range identity.AliasRecordSets(cfg.Domain, cfg.ApexAlias, cfg.DualStack) {
		k := strings.TrimPrefix(r.Key, "record/")
		if !p.cutover.points(cfg, k) {
			continue
		}
		moves := p.zoneCheck.TakenOver[r.Key] || wasHeld[r.String()] || p.cutover.Moving[k] && cfg.Cutover.Share != nil
		if !moves {
			continue
		}
		for _, e := range sets {
			if e.Name == r.Name && e.Type == r.Type {
				out = append(out, r)
				break
			}
		}
	}
	return out
}
