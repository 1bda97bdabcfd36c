package adoption

import (
	"fmt"
	"regexp"
	"sort"
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
			out = append(out, Record{Key: "record/" + r.role + "-" + t, Name: r.name, Type: t})
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
	// TTL is in seconds; an alias record has none (0).
	TTL int
}

// String is "NAME TYPE", the form meething:takeOverRecords takes.
func (e Existing) String() string { return e.Name + " " + e.Type }

// Conflict is a record the stack would write over one the zone already
// holds, which nothing in the config allows.
type Conflict struct {
	Planned  Record
	Existing Existing
}

// Check is the outcome of comparing what the stack writes into a shared
// zone with what the zone holds.
type Check struct {
	// Conflicts stop the deployment before anything is registered.
	Conflicts []Conflict
	// TakenOver are the keys of planned records that overwrite an existing
	// record because meething:takeOverRecords names it.
	TakenOver map[string]bool
	// TTL are the TTLs of the existing records that taken-over records
	// overwrite, by key (none for an alias): a record taken over keeps
	// its TTL, so that taking it over changes nothing of what resolvers see.
	TTL map[string]int
	// Adopted are the keys of planned records the stack did not create:
	// imported, taken over, or marked adopted in the owner record by an
	// earlier deployment. Destroy must not delete them.
	Adopted map[string]bool
}

// adoptedMark follows an owner record's entry for a record the stack did
// not create.
const adoptedMark = " adopted"

// CheckRecords compares planned records with the zone's existing ones. An
// existing record is no conflict when the config imports the planned record
// (imported holds import keys), takes the existing one over (takeOver holds
// "NAME TYPE" entries), or when the stack's owner record lists it (owned), as
// it does for every record the stack wrote in an earlier deployment.
func CheckRecords(planned []Record, existing []Existing, imported map[string]bool, takeOver []string, owned []string) Check {
	out := Check{TakenOver: map[string]bool{}, TTL: map[string]int{}, Adopted: map[string]bool{}}
	takes := map[string]bool{}
	for _, t := range takeOver {
		takes[NormalizeEntry(t)] = true
	}
	own := map[string]bool{}
	for _, o := range owned {
		own[o] = true
	}
	for _, p := range planned {
		for _, e := range existing {
			if !p.matches(e) {
				continue
			}
			// What the stack wrote itself in an earlier deployment stays the
			// stack's, a takeover entry or not: the desired state is a
			// fixed point.
			mine := own[p.String()]
			switch {
			case takes[e.String()] && !mine:
				out.TakenOver[p.Key] = true
				out.Adopted[p.Key] = true
				if e.TTL > 0 {
					out.TTL[p.Key] = e.TTL
				}
			case imported[p.Key], own[p.String()+adoptedMark]:
				out.Adopted[p.Key] = true
			case mine:
			default:
				out.Conflicts = append(out.Conflicts, Conflict{Planned: p, Existing: e})
			}
		}
	}
	return out
}

var acmRecordName = regexp.MustCompile(`^_[0-9a-f]{32}\.`)

// matches reports whether the existing record set is the one p would write.
func (p Record) matches(e Existing) bool {
	if p.Type != e.Type {
		return false
	}
	if !p.Validation {
		return p.Name == e.Name
	}
	rest, ok := strings.CutPrefix(e.Name, acmRecordName.FindString(e.Name))
	return ok && rest == p.Name && acmRecordName.MatchString(e.Name)
}

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
// for its own: _<project>-<stack>.<zone>.
func OwnerRecordName(project, stack, zone string) string {
	return "_" + project + "-" + stack + "-owner." + zone
}

// OwnerValues are the owner record's TXT strings: who owns the records,
// then one record per string, sorted, marked adopted when the stack did not
// create it (adopted holds keys), so that later deployments still know.
func OwnerValues(project, stack string, records []Record, adopted map[string]bool) []string {
	entries := make([]string, 0, len(records))
	for _, r := range records {
		e := r.String()
		if adopted[r.Key] {
			e += adoptedMark
		}
		entries = append(entries, e)
	}
	sort.Strings(entries)
	return append([]string{fmt.Sprintf("heritage=pulumi,project=%s,stack=%s", project, stack)}, entries...)
}

// Owned returns the records an existing owner record lists.
func Owned(project, stack, zone string, existing []Existing) []string {
	name := OwnerRecordName(project, stack, zone)
	for _, e := range existing {
		if e.Name != name || e.Type != "TXT" {
			continue
		}
		var out []string
		for _, v := range e.Values {
			v = strings.Trim(v, `"`)
			if !strings.HasPrefix(v, "heritage=") {
				out = append(out, v)
			}
		}
		return out
	}
	return nil
}
