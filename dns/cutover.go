package dns

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/adoption/identity"
)

// Cutover stages the move of live records from the edge that serves them
// today (the old edge) to the stack's load balancer (stackconfig.Cutover
// says the steps). Route53 refuses a simple record set beside weighted ones
// of the same name and type (ChangeResourceRecordSets, InvalidChangeBatch),
// so a record goes from simple to weighted and back only by an update that
// changes its set identifier, which the provider sends as a DELETE and a
// CREATE in one atomic batch (terraform-provider-aws,
// internal/service/route53/record.go, resourceRecordUpdate).
type Cutover struct {
	// Share is the percent of answers for the new edge; nil holds the
	// live records as they are (a simple copy of each, to the old edge).
	Share *int
	// Retire drops the old edge's weighted records (at share 100).
	Retire bool
	// Old are the old edge's records, by key (wildcard-A): what the zone
	// held before the stack. Only the keys under cutover.
	Old map[string]OldEdge
	// Moving are the keys of the records under cutover: written as the
	// step says. Held are keys of records not written while the cutover
	// runs: types of a name under cutover that the old edge does not
	// answer (an AAAA beside a live A would send every IPv6 client to the
	// new edge at once).
	Moving, Held map[string]bool
	// HealthCheckId is the new edge's health check: Route53 skips the
	// new-edge record while it is unhealthy and answers with the old edge.
	HealthCheckId pulumi.StringInput
}

// OldEdge is what a live record pointed at before the stack: an alias
// target, or values with a TTL.
type OldEdge struct {
	AliasName            string
	AliasZoneID          string
	EvaluateTargetHealth bool
	Values               []string
	TTL                  int
}

// OldEdgeOf is the old edge a record set in the zone points at.
func OldEdgeOf(e identity.Existing) OldEdge {
	return OldEdge{AliasName: e.AliasTarget, AliasZoneID: e.AliasZoneID, EvaluateTargetHealth: e.EvaluateTargetHealth, Values: e.Values, TTL: e.TTL}
}

// OldEdgeSuffix names the resource of a record's old-edge copy:
// <name>-<key>-old-edge.
const OldEdgeSuffix = "-" + identity.OldEdgeSet

// weight is a weighted record's routing.
func weight(w int) route53.RecordWeightedRoutingPolicyArray {
	return route53.RecordWeightedRoutingPolicyArray{route53.RecordWeightedRoutingPolicyArgs{Weight: pulumi.Int(w)}}
}

// oldEdgeArgs are the record args of the old edge's copy of a live record:
// simple while held, weighted 100-share during the cutover.
func (c *Cutover) oldEdgeArgs(zoneID pulumi.StringInput, r identity.Record) *route53.RecordArgs {
	old := c.Old[keyOf(r)]
	args := &route53.RecordArgs{
		ZoneId:         zoneID,
		Name:           pulumi.String(r.Name),
		Type:           pulumi.String(r.Type),
		AllowOverwrite: pulumi.Bool(true),
	}
	if old.AliasName != "" {
		args.Aliases = route53.RecordAliasArray{route53.RecordAliasArgs{
			Name:                 pulumi.String(old.AliasName),
			ZoneId:               pulumi.String(old.AliasZoneID),
			EvaluateTargetHealth: pulumi.Bool(old.EvaluateTargetHealth),
		}}
	} else {
		args.Records = pulumi.ToStringArray(old.Values)
		args.Ttl = pulumi.Int(old.TTL)
	}
	if c.Share != nil {
		args.SetIdentifier = pulumi.String(identity.OldEdgeSet)
		args.WeightedRoutingPolicies = weight(100 - *c.Share)
	}
	return args
}

// writesOld reports whether the old edge's copy of record key is written.
func (c *Cutover) writesOld(key string) bool {
	_, ok := c.Old[key]
	return c.Moving[key] && ok && !c.Retire
}

// writesNew reports whether the record to the stack's load balancer is
// written: not while held, and not while the live record is only held.
func (c *Cutover) writesNew(key string) bool {
	if c == nil {
		return true
	}
	if c.Held[key] {
		return false
	}
	return !c.Moving[key] || c.Share != nil
}

// newEdge makes args, the record to the stack's load balancer, the
// new-edge member of the weighted pair.
func (c *Cutover) newEdge(key string, args *route53.RecordArgs) {
	if c == nil || !c.Moving[key] || c.Share == nil {
		return
	}
	args.SetIdentifier = pulumi.String(identity.NewEdgeSet)
	args.WeightedRoutingPolicies = weight(*c.Share)
	args.HealthCheckId = c.HealthCheckId
	args.AllowOverwrite = pulumi.Bool(true)
}
