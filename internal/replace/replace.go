package replace

import (
	"slices"
	"strings"
)

// Lookup returns the rule of typ and whether there is one.
func Lookup(typ string) (Rule, bool) {
	r, ok := Rules[typ]
	if !ok {
		return Rule{}, false
	}
	r.ForceNew = slices.Clone(r.ForceNew)
	return r, true
}

// ForcesReplacement returns the properties, among changed (Pulumi input
// property paths, top-level names or dotted paths), whose change replaces a
// resource of type typ, sorted. A change under a ForceNew property (a
// change of "healthCheck.port" when "healthCheck" is ForceNew) counts.
//
// A change of a property that contains a nested ForceNew property (a change
// of "objectLockConfiguration" when "objectLockConfiguration.objectLockEnabled"
// is ForceNew) also counts, since the change may include the nested one.
// Array indexes in a path ("rules[0].bucket", "rules.0.bucket") are ignored
// when matching. The returned strings are the changed paths as given, without
// duplicates; the result is nil when nothing forces replacement or typ has no
// rule (components, "meething:..." types, have none).
func ForcesReplacement(typ string, changed []string) []string {
	rule, ok := Rules[typ]
	if !ok || len(rule.ForceNew) == 0 {
		return nil
	}
	var out []string
	for _, c := range changed {
		cp := normalize(c)
		if cp == "" {
			continue
		}
		for _, f := range rule.ForceNew {
			if within(cp, f) || within(f, cp) {
				out = append(out, c)
				break
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// within reports whether path p is path base or lies under it.
func within(p, base string) bool {
	return p == base || strings.HasPrefix(p, base+".")
}

// normalize drops array indexes from a property path: "a[0].b", "a.0.b" and
// `a["0"].b` become "a.b".
func normalize(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '[' {
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				break
			}
			i += j
			continue
		}
		b.WriteByte(p[i])
	}
	parts := strings.Split(b.String(), ".")
	kept := parts[:0]
	for _, s := range parts {
		if s == "" || isIndex(s) {
			continue
		}
		kept = append(kept, s)
	}
	return strings.Join(kept, ".")
}

func isIndex(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
