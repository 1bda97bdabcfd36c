package awsmock

import (
	"slices"

	"github.com/meething/edge/internal/adoption/names"
)

// Record is a record set a zone holds. Route53 keys a record set by its
// name, type and set identifier (API reference, ChangeResourceRecordSets:
// "can update an existing resource record set only when all of the
// following values match: Name, Type, and SetIdentifier"): a simple record
// set has no set identifier, each weighted one of a name and type has its
// own.
type Record struct {
	Name        string
	Type        string
	Values      []string
	AliasTarget string
	// TTL is in seconds; 0 reads as the console's default, 300. An alias
	// record has none.
	TTL int `json:",omitempty"`
	// SetIdentifier tells apart the weighted record sets of one name and
	// type; "" for a simple record set.
	SetIdentifier string `json:",omitempty"`
	// Weight is a weighted record set's weight, 0 to 255; nil for a simple
	// one.
	Weight *int `json:",omitempty"`
	// AliasZoneID is the hosted zone of the alias target (a load
	// balancer's zoneId); "" reads as the region's ALB zone.
	AliasZoneID string `json:",omitempty"`
	// EvaluateTargetHealth is the alias's evaluateTargetHealth; nil reads
	// as true, as the console sets it for a load balancer.
	EvaluateTargetHealth *bool `json:",omitempty"`
	// HealthCheckID is the Route53 health check the record set answers by.
	HealthCheckID string `json:",omitempty"`
}

// SameSet reports whether a and b are the same record set to Route53: the
// same name (compared as names.NormalizeName does: case, trailing dot and
// \052 aside), type and set identifier.
func SameSet(a, b Record) bool {
	return SameNameAndType(a, b) && a.SetIdentifier == b.SetIdentifier
}

// SameNameAndType reports whether a and b have the same name and type,
// whatever their set identifiers.
func SameNameAndType(a, b Record) bool {
	return a.Type == b.Type && names.NormalizeName(a.Name) == names.NormalizeName(b.Name)
}

// Weighted reports whether r is a weighted record set (it has a set
// identifier).
func (r Record) Weighted() bool { return r.SetIdentifier != "" }

// addRecord adds r to the zone unless the zone holds that record set
// already (SameSet).
func (m *Monitor) addRecord(zoneID string, r Record) {
	if slices.ContainsFunc(m.Records[zoneID], func(have Record) bool { return SameSet(have, r) }) {
		return
	}
	m.Records[zoneID] = append(m.Records[zoneID], r)
}
