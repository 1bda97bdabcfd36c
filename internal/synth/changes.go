package synth

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// Changes is how one plan of a stack differs from another, resource by
// resource: what a preview would create, delete or update.
type Changes struct {
	// Added and Removed are URNs, sorted.
	Added, Removed []string
	// Changed maps the URN of each resource in both plans that differs to
	// what differs, sorted: "inputs.<key>", "outputs.<key>", or another
	// field's JSON name ("dependencies", "protect", ...).
	Changed map[string][]string
	// Outputs are the names of the stack outputs added, removed or changed.
	Outputs []string
}

// Compare returns the changes from plan a to plan b.
func Compare(a, b *Plan) Changes {
	c := Changes{Changed: map[string][]string{}}
	old := map[string]*Resource{}
	for i := range a.Resources {
		old[a.Resources[i].URN] = &a.Resources[i]
	}
	for i := range b.Resources {
		r := &b.Resources[i]
		o, ok := old[r.URN]
		if !ok {
			c.Added = append(c.Added, r.URN)
			continue
		}
		delete(old, r.URN)
		if fields := resourceChanges(o, r); len(fields) > 0 {
			c.Changed[r.URN] = fields
		}
	}
	for urn := range old {
		c.Removed = append(c.Removed, urn)
	}
	sort.Strings(c.Added)
	sort.Strings(c.Removed)
	c.Outputs = changedKeys("", a.Outputs, b.Outputs)
	return c
}

// Empty reports whether the plans are the same.
func (c Changes) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Changed)+len(c.Outputs) == 0
}

// ChangedURNs returns the URNs of the changed resources, sorted.
func (c Changes) ChangedURNs() []string {
	return slices.Sorted(maps.Keys(c.Changed))
}

// String lists the changes, one resource a line: + added, - removed,
// ~ changed with what changed.
func (c Changes) String() string {
	var b strings.Builder
	for _, urn := range c.Added {
		fmt.Fprintf(&b, "+ %s\n", urn)
	}
	for _, urn := range c.Removed {
		fmt.Fprintf(&b, "- %s\n", urn)
	}
	for _, urn := range c.ChangedURNs() {
		fmt.Fprintf(&b, "~ %s [%s]\n", urn, strings.Join(c.Changed[urn], ", "))
	}
	if len(c.Outputs) > 0 {
		fmt.Fprintf(&b, "~ stack outputs [%s]\n", strings.Join(c.Outputs, ", "))
	}
	return b.String()
}

// resourceChanges compares two versions of one resource field by field.
func resourceChanges(a, b *Resource) []string {
	var out []string
	out = append(out, changedKeys("inputs.", a.Inputs, b.Inputs)...)
	out = append(out, changedKeys("outputs.", a.Outputs, b.Outputs)...)
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	t := va.Type()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "inputs" || name == "outputs" {
			continue
		}
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// changedKeys returns prefix+key for each key whose value differs.
func changedKeys(prefix string, a, b map[string]any) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || !reflect.DeepEqual(v, w) {
			out = append(out, prefix+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, prefix+k)
		}
	}
	sort.Strings(out)
	return out
}
