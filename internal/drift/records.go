package drift

import (
	"slices"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
)

// ownerPrefix starts the first string of every stack's owner record
// (adoption.OwnerValues): heritage=pulumi,project=P,stack=S.
const ownerPrefix = "heritage=pulumi,"

// acmValidation starts an owner record's entry for a certificate's
// validation record, whose real name is _<hash>.<domain>
// (identity.Record.String).
const acmValidation = "acm-validation "

// compareRecords reports, in the stack's own zone, each record set no
// stack owns: not one of the stack's, not the zone's own NS and SOA at its
// apex, not an owner record (any stack's TXT _<project>-<stack>-owner.<zone>
// starting heritage=pulumi) nor a record an owner record lists (marked
// adopted or held or not: what was there before a stack adopted the zone is
// listed so). In a parent zone it reports each record set under the
// stack's names (its domain and below) that is not the stack's.
func compareRecords(m Managed, e Edge) []Finding {
	mine := map[string]bool{}
	for _, r := range m.Records {
		mine[r.key()] = true
	}
	var out []Finding
	for _, z := range m.Zones {
		records := e.Records[z.ID]
		owned, owners := ownedRecords(records)
		for _, r := range records {
			if mine[r.key()] || m.Expected[r.Name+" "+r.Type] {
				continue
			}
			if z.Parent {
				if r.Name != m.Domain && !strings.HasSuffix(r.Name, "."+m.Domain) {
					continue
				}
				by := "someone else (no stack's owner record lists it)"
				if s := owners[r.Name+" "+r.Type]; s != "" {
					by = "stack " + s + ", as its owner record says"
				}
				out = append(out, Finding{Kind: KindParentRecord, Resource: "zone " + z.Name + " " + r.String(),
					Change: "written under the stack's name " + m.Domain + " by " + by + ": " + answer(r), Hosts: under(m.Hosts, r.Name)})
				continue
			}
			if (r.Type == "NS" || r.Type == "SOA") && r.Name == z.Name || isOwnerRecord(r) || owned[r.Name+" "+r.Type] {
				continue
			}
			out = append(out, Finding{Kind: KindRecord, Resource: "zone " + z.Name + " " + r.String(),
				Change: "no stack owns it: " + answer(r) + shadowWords(m.Hosts, r), Hosts: shadowed(m.Hosts, r.Name)})
		}
	}
	return out
}

// ownedRecords reads the owner records among records: the "NAME TYPE" of
// every record one lists (a validation entry by the real name of the
// zone's record it stands for), and the stack that lists each.
func ownedRecords(records []Record) (owned map[string]bool, owners map[string]string) {
	owned, owners = map[string]bool{}, map[string]string{}
	for _, r := range records {
		if !isOwnerRecord(r) {
			continue
		}
		stack := ""
		for _, f := range strings.Split(strings.TrimPrefix(unquote(r.Values[0]), ownerPrefix), ",") {
			if v, ok := strings.CutPrefix(f, "stack="); ok {
				stack = v
			}
		}
		for _, v := range r.Values[1:] {
			entry := strings.TrimSuffix(strings.TrimSuffix(unquote(v), " held"), " adopted")
			if rest, ok := strings.CutPrefix(entry, acmValidation); ok {
				f := strings.Fields(rest)
				for _, x := range records {
					if len(f) == 2 && x.Type == f[1] && strings.HasPrefix(x.Name, "_") && strings.HasSuffix(x.Name, "."+f[0]) {
						owned[x.Name+" "+x.Type] = true
					}
				}
				continue
			}
			f := strings.Fields(entry)
			if len(f) == 2 {
				k := identity.NormalizeName(f[0]) + " " + strings.ToUpper(f[1])
				owned[k] = true
				owners[k] = stack
			}
		}
	}
	return owned, owners
}

// isOwnerRecord reports whether r is a stack's owner record: a TXT record
// _<project>-<stack>-owner.<zone> (identity.OwnerRecordName) whose first
// string says heritage=pulumi.
func isOwnerRecord(r Record) bool {
	label, _, _ := strings.Cut(r.Name, ".")
	return r.Type == "TXT" && strings.HasPrefix(label, "_") && strings.HasSuffix(label, "-owner") &&
		len(r.Values) > 0 && strings.HasPrefix(unquote(r.Values[0]), ownerPrefix)
}

func unquote(s string) string { return strings.Trim(s, `"`) }

// answer is what a record set answers, in words.
func answer(r Record) string {
	if r.Alias != "" {
		return "alias to " + r.Alias
	}
	return strings.Join(r.Values, " ")
}

// shadowed are the stack's hosts a record set of name takes from the
// stack's records: a name that exists answers for itself, so a record set
// of any type at a host's exact name ends the wildcard's answer for it
// (RFC 4592, section 2.2.1), and a wildcard of its own covers the hosts
// one label below it that no name of their own holds.
func shadowed(hosts []string, name string) []string {
	out := []string{}
	for _, h := range hosts {
		if h == name {
			out = append(out, h)
		}
	}
	if rest, ok := strings.CutPrefix(name, "*."); ok {
		for _, h := range hosts {
			if i := strings.Index(h, "."); i > 0 && h[i+1:] == rest && !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	return out
}

func shadowWords(hosts []string, r Record) string {
	if len(shadowed(hosts, r.Name)) == 0 {
		return ""
	}
	return "; answers for the stack's hosts in place of the stack's records"
}

// under are the stack's hosts at name or below it.
func under(hosts []string, name string) []string {
	out := []string{}
	for _, h := range hosts {
		if h == name || strings.HasSuffix(h, "."+name) {
			out = append(out, h)
		}
	}
	return out
}
