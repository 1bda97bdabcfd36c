package stackconfig

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
)

// Cutover is meething:cutover: the staged move of the names a stack takes
// over in an adopted zone (meething:takeOverRecords) from the edge that
// serves them today to the stack's load balancer. Each step is one reviewed
// change of the stack file and one pulumi up (docs/migration.md, Route A):
//
//  1. enabled, no share (hold): the stack takes the live records over as
//     they are, still pointing at the old edge: nothing changes for users;
//  2. share N (0 to 100): each live record becomes two Route53 weighted
//     alias records, old-edge (weight 100-N) and new-edge (weight N, with a
//     health check that follows the new edge's alarms, so Route53 answers
//     with the old edge when the new one stops serving);
//  3. share 100 and retireOldEdge: the old edge's records go;
//  4. cutover off (the key removed): one simple alias record per name to
//     the stack's load balancer.
//
// Route53 refuses a simple record set beside weighted ones of the same name
// and type, which is why the steps go in this order (the program checks the
// zone and names the step to take).
type Cutover struct {
	// Enabled stages the takeover of the live names instead of pointing them at
	// the stack's load balancer in one step. Needs an adopted zone and
	// meething:takeOverRecords.
	Enabled bool `json:"enabled"`
	// Share is the percent of DNS answers for the stack's load balancer, as
	// Route53 weights (100-share for the old edge). Default: unset, which
	// holds the live records as they are.
	Share *int `json:"share" range:"0..100 percent"`
	// RetireOldEdge removes the old edge's weighted records; only at share 100,
	// after the bake.
	RetireOldEdge bool `json:"retireOldEdge"`
	// FailbackErrors is the 5xx answers per minute, of the load balancer itself
	// or of its targets, at which Route53 stops answering with the new edge and
	// answers with the old one, for two minutes in a row.
	FailbackErrors int `json:"failbackErrors" range:"1.. answers per minute"`
}

func defaultCutover() Cutover { return Cutover{FailbackErrors: 60} }

// Weighted reports whether the cutover writes weighted records.
func (c Cutover) Weighted() bool { return c.Enabled && c.Share != nil }

// maxShare is the whole of the answers, the top of Cutover.Share's range:
// Route53's weights are 0 to 255 (ChangeResourceRecordSets,
// ResourceRecordSet Weight); the share is a percent, so both weights stay
// inside.
var maxShare = rangeOfField[Cutover]("share").Max

func validateCutover(cfg *Config, ps *problems) {
	c := cfg.Cutover
	key := FullKey(KeyCutover)
	if !c.Enabled {
		if c.Share != nil {
			ps.add(key+".share", strconv.Itoa(*c.Share), "needs %s.enabled: true", key)
		}
		if c.RetireOldEdge {
			ps.add(key+".retireOldEdge", "true", "needs %s.enabled: true", key)
		}
		return
	}
	if cfg.ExistingZoneID == "" && cfg.ExistingZoneName == "" {
		ps.add(key+".enabled", "true", "moves names the zone already serves, but the stack creates its own zone: set %s to adopt the live zone", FullKey(KeyExistingZoneName))
	}
	if !cfg.AliasRecords {
		ps.add(key+".enabled", "true", "writes alias records, but %s is false: remove %s", FullKey(KeyAliasRecords), FullKey(KeyAliasRecords))
	}
	if len(CutoverRecords(cfg)) == 0 {
		ps.add(key+".enabled", "true", "moves the live records that %s takes over, and it takes over none of the alias records the stack writes (%s): add the live ones, such as \"*.%s A\"",
			FullKey(KeyTakeOverRecords), strings.Join(aliasRecordNames(cfg), ", "), cfg.Domain)
	}
	checkField(key, c, "failbackErrors", ps)
	if c.Share != nil && !cfg.Protect {
		ps.add(key+".share", strconv.Itoa(*c.Share), "weighs live names between two edges, and needs %s: true, so that no pulumi destroy deletes the records users resolve half-way", FullKey(KeyProtect))
	}
	checkField(key, c, "share", ps)
	if c.RetireOldEdge && (c.Share == nil || *c.Share != maxShare) {
		share := "unset"
		if c.Share != nil {
			share = strconv.Itoa(*c.Share)
		}
		ps.add(key+".retireOldEdge", "true", "removes the old edge from DNS, but %s.share is %s: retire it only at share 100, once the new edge has served every answer", key, share)
	}
}

// CutoverRecords are the alias records the stack writes that
// meething:takeOverRecords names: under meething:cutover, the live records
// moved in steps.
func CutoverRecords(cfg *Config) []identity.Record {
	takes := map[string]bool{}
	for _, t := range cfg.TakeOverRecords {
		takes[identity.NormalizeEntry(t)] = true
	}
	var out []identity.Record
	for _, r := range identity.AliasRecordSets(cfg.Domain, cfg.ApexAlias, cfg.DualStack) {
		if takes[r.String()] {
			out = append(out, r)
		}
	}
	return out
}

func aliasRecordNames(cfg *Config) []string {
	var out []string
	for _, r := range identity.AliasRecordSets(cfg.Domain, cfg.ApexAlias, cfg.DualStack) {
		out = append(out, fmt.Sprintf("%q", r.String()))
	}
	return out
}
