package identity

import (
	"strconv"
	"strings"
)

// Record is a record set the stack writes into a zone it does not own.
type Record struct {
	// Key is the record's import key, such as record/wildcard-A.
	Key string
	// Name is the record's name without a trailing dot. For an ACM
	// validation record it is the domain validated: ACM chooses the real
	// name (_<hash>.<domain>) only once the certificate exists.
	Name string
	// Type is A, AAAA, CNAME, NS or TXT.
	Type string
	// Validation marks an ACM validation record.
	Validation bool
}

// recordKeyPrefix begins the import key of every record set the stack
// writes into a zone it does not own; the rest is the record's role.
const recordKeyPrefix = "record/"

// validationRole begins the role of an ACM validation record, which the
// domain it validates ends.
const validationRole = "validation-"

// ValidationRecord is the ACM validation record of domain: key
// record/validation-<domain>, named by the domain (see Record.Name).
func ValidationRecord(domain string) Record {
	return Record{Key: recordKeyPrefix + validationRole + domain, Name: domain, Type: "CNAME", Validation: true}
}

// Role is the record's key without its "record/": wildcard-A,
// validation-meething.net, delegation.
func (r Record) Role() string { return strings.TrimPrefix(r.Key, recordKeyPrefix) }

// RecordRole is the role (see Record.Role) of a record set's import key;
// ok is false for the key of another type.
func RecordRole(key string) (role string, ok bool) {
	role, ok = strings.CutPrefix(key, recordKeyPrefix)
	return role, ok && role != ""
}

// ValidatedDomain is the domain the validation record of key validates;
// ok is false for the key of another record.
func ValidatedDomain(key string) (domain string, ok bool) {
	domain, ok = strings.CutPrefix(key, recordKeyPrefix+validationRole)
	return domain, ok && domain != ""
}

// AliasRecordSets are the alias records the stack writes for domain: the
// wildcard, and the apex when apex, each A, and AAAA too when ipv6. Keys
// are "record/<role>-<type>": record/wildcard-A.
func AliasRecordSets(domain string, apex, ipv6 bool) []Record {
	roles := []struct{ role, name string }{{"wildcard", "*." + domain}}
	if apex {
		roles = append(roles, struct{ role, name string }{"apex", domain})
	}
	types := []string{"A"}
	if ipv6 {
		types = append(types, "AAAA")
	}
	var out []Record
	for _, r := range roles {
		for _, t := range types {
			out = append(out, Record{Key: recordKeyPrefix + r.role + "-" + t, Name: r.name, Type: t})
		}
	}
	return out
}

// String is the record as the registry and error messages write it:
// "*.meething.net A", or "acm-validation meething.net CNAME".
func (r Record) String() string {
	if r.Validation {
		return "acm-validation " + r.Name + " " + r.Type
	}
	return r.Name + " " + r.Type
}

// Existing is a record set a zone already holds.
type Existing struct {
	Name   string
	Type   string
	Values []string
	// AliasTarget is the DNS name an alias record points at, if any.
	AliasTarget string
	// AliasZoneID is the alias target's hosted zone ID, and
	// EvaluateTargetHealth its setting.
	AliasZoneID          string
	EvaluateTargetHealth bool
	// SetIdentifier and Weight are a weighted record set's; a simple
	// record set has neither.
	SetIdentifier string
	Weight        int
	// HealthCheckID is the Route53 health check the record set follows.
	HealthCheckID string
	// TTL is in seconds; an alias record has none (0).
	TTL int
}

// String is "NAME TYPE", the form meething:takeOverRecords takes.
func (e Existing) String() string { return e.Name + " " + e.Type }

// The set identifiers of the weighted records a staged cutover writes: the
// edge that served the names before the stack, and the stack's own load
// balancer.
const (
	OldEdgeSet = "old-edge"
	NewEdgeSet = "new-edge"
)

// NormalizeName returns a record name as written in config: lowercase,
// without the trailing dot, with Route53's octal escapes (\052 for *)
// decoded.
func NormalizeName(name string) string {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if name[i] == '\\' && i+4 <= len(name) {
			if n, err := strconv.ParseUint(name[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(name[i])
	}
	return b.String()
}

// NormalizeEntry returns a "NAME TYPE" entry with the name normalized and
// the type in capitals.
func NormalizeEntry(entry string) string {
	f := strings.Fields(entry)
	if len(f) != 2 {
		return entry
	}
	return NormalizeName(f[0]) + " " + strings.ToUpper(f[1])
}

// OwnerRecordName is the TXT record in which the stack lists the records it
// writes into a zone it does not own, so that a later deployment knows them
// for its own: _<project>-<stack>-owner.<zone>.
func OwnerRecordName(project, stack, zone string) string {
	return "_" + project + "-" + stack + "-owner." + zone
}
