package awsmock

import (
	"slices"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
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
// same name (compared as identity.NormalizeName does: case, trailing dot and
// \052 aside), type and set identifier.
func SameSet(a, b Record) bool {
	return SameNameAndType(a, b) && a.SetIdentifier == b.SetIdentifier
}

// SameNameAndType reports whether a and b have the same name and type,
// whatever their set identifiers.
func SameNameAndType(a, b Record) bool {
	return a.Type == b.Type && identity.NormalizeName(a.Name) == identity.NormalizeName(b.Name)
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

// recordTypes are Route53's record types (API reference, ResourceRecordSet
// Type).
var recordTypes = []string{"A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT"}

// parseRecordID reads a record's import ID as the Terraform provider does
// (record.go, ParseRecordID): ZONE_NAME_TYPE or ZONE_NAME_TYPE_SETID, the
// type being the first part after the zone that is a record type, so names
// and set identifiers may hold underscores.
func parseRecordID(id string) (string, Record, bool) {
	parts := strings.Split(id, "_")
	for i := 2; i < len(parts); i++ {
		if slices.Contains(recordTypes, parts[i]) {
			name := strings.TrimSuffix(strings.Join(parts[1:i], "_"), ".")
			return parts[0], Record{Name: name, Type: parts[i], SetIdentifier: strings.Join(parts[i+1:], "_")}, name != ""
		}
	}
	return "", Record{}, false
}
