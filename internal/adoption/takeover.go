package adoption

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
)

// Conflict is a record the stack would write over one the zone already
// holds, which nothing in the config allows.
type Conflict struct {
	Planned  identity.Record
	Existing identity.Existing
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
	// Held are the keys of planned records meething:cutover holds as they
	// were (the owner record marks them).
	Held map[string]bool
	// Adopted are the keys of planned records the stack did not create:
	// imported, taken over, or marked adopted in the owner record by an
	// earlier deployment. Destroy must not delete them.
	Adopted map[string]bool
}

// adoptedMark follows an owner record's entry for a record the stack did
// not create; heldMark follows it, under meething:cutover, for a live
// record the stack holds as it was, still pointing at the old edge: the
// step after the hold moves it, and is gated as a move.
const (
	adoptedMark = " adopted"
	heldMark    = " held"
)

// CheckRecords compares planned records with the zone's existing ones. An
// existing record is no conflict when the config imports the planned record
// (imported holds import keys), takes the existing one over (takeOver holds
// "NAME TYPE" entries), or when the stack's owner record lists it (owned), as
// it does for every record the stack wrote in an earlier deployment.
func CheckRecords(planned []identity.Record, existing []identity.Existing, imported map[string]bool, takeOver []string, owned []string) Check {
	out := Check{TakenOver: map[string]bool{}, TTL: map[string]int{}, Adopted: map[string]bool{}}
	takes := map[string]bool{}
	for _, t := range takeOver {
		takes[identity.NormalizeEntry(t)] = true
	}
	own := map[string]bool{}
	for _, o := range owned {
		own[strings.TrimSuffix(o, heldMark)] = true
	}
	for _, p := range planned {
		for _, e := range existing {
			if !matches(p, e) {
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
func matches(p identity.Record, e identity.Existing) bool {
	if p.Type != e.Type {
		return false
	}
	if !p.Validation {
		return p.Name == e.Name
	}
	rest, ok := strings.CutPrefix(e.Name, acmRecordName.FindString(e.Name))
	return ok && rest == p.Name && acmRecordName.MatchString(e.Name)
}

// OwnerValues are the owner record's TXT strings: who owns the records,
// then one record per string, sorted, marked adopted when the stack did not
// create it (adopted holds keys), so that later deployments still know, and
// held while meething:cutover holds it as it was (held holds keys).
func OwnerValues(project, stack string, records []identity.Record, adopted, held map[string]bool) []string {
	entries := make([]string, 0, len(records))
	for _, r := range records {
		e := r.String()
		if adopted[r.Key] {
			e += adoptedMark
		}
		if held[r.Key] {
			e += heldMark
		}
		entries = append(entries, e)
	}
	sort.Strings(entries)
	return append([]string{fmt.Sprintf("heritage=pulumi,project=%s,stack=%s", project, stack)}, entries...)
}

// Owned returns the records an existing owner record lists.
func Owned(project, stack, zone string, existing []identity.Existing) []string {
	name := identity.OwnerRecordName(project, stack, zone)
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
