package servingpath

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// RecordChange is a Route53 record's inputs (as JSON decodes them) before
// and after a change: Old is nil for a create, New for a delete, and both
// are set, equal, for a record the change leaves alone.
type RecordChange struct {
	Old, New map[string]any
}

// Unknown is what `pulumi preview --json` shows for an input known only
// once the update runs (a load balancer's DNS name before it exists).
const Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// Moves says how a change of a record moves a live name, the hosts users
// reach by it, or "" when it moves none:
//   - a create with allowOverwrite of an alias record takes over the
//     record that exists (a zone the stack adopted): "moves *.meething.net
//     A to the stack's load balancer";
//   - an update of an alias record that changes its alias target
//     (aliases[0].name), its weight (weightedRoutingPolicies[0].weight),
//     its setIdentifier or its healthCheckId;
//   - a delete of a record whose weight was not 0.
//
// A change of weights, when the plan holds two weighted records of the
// name and type (all, set: every record of the plan, the changed one
// too), says the share of answers that moves: "*.meething.net A: 10% →
// 50% of answers to the stack's load balancer". Stack names the alias
// targets that are the stack's own load balancer (their DNS names).
func Moves(c RecordChange, all []RecordChange, stack []string) string {
	var why []string
	switch {
	case c.Old == nil && c.New != nil:
		if !isAlias(c.New) || c.New["allowOverwrite"] != true {
			return ""
		}
	case c.New == nil && c.Old != nil:
		if w, ok := Weight(c.Old); !ok || w == 0 {
			return ""
		}
	case c.Old != nil && c.New != nil:
		if !isAlias(c.Old) && !isAlias(c.New) {
			return ""
		}
		for _, f := range []struct{ label, path string }{
			{"alias target", "aliases.0.name"}, {"weight", "weightedRoutingPolicies.0.weight"},
			{"set identifier", "setIdentifier"}, {"health check", "healthCheckId"},
		} {
			if a, b := at(c.Old, f.path), at(c.New, f.path); !reflect.DeepEqual(a, b) {
				why = append(why, fmt.Sprintf("%s %s → %s", f.label, show(a), show(b)))
			}
		}
		if len(why) == 0 {
			return ""
		}
	default:
		return ""
	}
	rec := c.New
	if rec == nil {
		rec = c.Old
	}
	host := fmt.Sprintf("%s %s", displayName(rec), rec["type"])
	if s := shares(c, all, stack, host); s != "" {
		return s
	}
	if c.New == nil {
		return fmt.Sprintf("moves %s away from %s (its weight %d goes)", host, target(c.Old, stack), mustWeight(c.Old))
	}
	out := fmt.Sprintf("moves %s to %s", host, target(c.New, stack))
	if len(why) > 0 && !(len(why) == 1 && strings.HasPrefix(why[0], "alias target")) {
		out += " (" + strings.Join(why, "; ") + ")"
	}
	return out
}

// shares is the weight form of Moves: the share of the name's answers that
// go to the stack's load balancer (or else to the changed record's
// target), before and after; "" when the plan holds fewer than two
// weighted records of the name, or the share does not change.
func shares(c RecordChange, all []RecordChange, stack []string, host string) string {
	key := setKey(c.New)
	if c.New == nil {
		key = setKey(c.Old)
	}
	var before, after []map[string]any
	for _, r := range all {
		if r.Old != nil && setKey(r.Old) == key {
			before = append(before, r.Old)
		}
		if r.New != nil && setKey(r.New) == key {
			after = append(after, r.New)
		}
	}
	if weighted(before) < 2 && weighted(after) < 2 {
		return ""
	}
	focus := "the stack's load balancer"
	toFocus := func(r map[string]any) bool { return target(r, stack) == focus }
	if !anyOf(before, toFocus) && !anyOf(after, toFocus) {
		rec := c.New
		if rec == nil {
			rec = c.Old
		}
		focus = target(rec, stack)
	}
	was, is := share(before, stack, focus), share(after, stack, focus)
	if was == is {
		return ""
	}
	return fmt.Sprintf("%s: %s → %s of answers to %s", host, pct(was), pct(is), focus)
}

// share is the part of a record set's answers that goes to focus: each
// weighted record's weight over their sum, or equal parts when every
// weight is 0 (Route53's rule).
func share(set []map[string]any, stack []string, focus string) float64 {
	var total, mine float64
	n, mineN := 0, 0
	for _, r := range set {
		w, ok := Weight(r)
		if !ok {
			continue
		}
		n++
		total += float64(w)
		if target(r, stack) == focus {
			mine += float64(w)
			mineN++
		}
	}
	switch {
	case n == 0:
		return 0
	case total == 0:
		return float64(mineN) / float64(n)
	}
	return mine / total
}

// Weight is a weighted record's weight (weightedRoutingPolicies[0].weight);
// false for a record that is not weighted.
func Weight(inputs map[string]any) (int, bool) {
	w := at(inputs, "weightedRoutingPolicies.0.weight")
	switch n := w.(type) {
	case float64:
		return int(n), true
	case int:
		return n, true
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	}
	return 0, at(inputs, "weightedRoutingPolicies.0") != nil
}

func mustWeight(inputs map[string]any) int { w, _ := Weight(inputs); return w }

func weighted(set []map[string]any) int {
	n := 0
	for _, r := range set {
		if _, ok := Weight(r); ok {
			n++
		}
	}
	return n
}

// target names where an alias record sends its name: "the stack's load
// balancer" when its target is one of stack, else the target's DNS name.
func target(inputs map[string]any, stack []string) string {
	name, _ := at(inputs, "aliases.0.name").(string)
	switch {
	case name == Unknown:
		return "the stack's load balancer" // known once it exists: the stack creates it
	case name == "":
		return "its records"
	}
	for _, s := range stack {
		if strings.EqualFold(strings.TrimSuffix(s, "."), strings.TrimSuffix(name, ".")) {
			return "the stack's load balancer"
		}
	}
	return strings.TrimSuffix(name, ".")
}

func isAlias(inputs map[string]any) bool { return ReliedOn(RecordType, inputs) }

func displayName(inputs map[string]any) string {
	return strings.TrimSuffix(fmt.Sprint(inputs["name"]), ".")
}

// setKey is a record's set, by name and type: "*.meething.net A".
func setKey(inputs map[string]any) string {
	return strings.ToLower(displayName(inputs)) + " " + fmt.Sprint(inputs["type"])
}

// at is the value at a dotted path of maps and lists ("aliases.0.name"), or nil.
func at(v any, path string) any {
	for _, p := range strings.Split(path, ".") {
		switch t := v.(type) {
		case map[string]any:
			v = t[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}

func anyOf(set []map[string]any, f func(map[string]any) bool) bool {
	for _, r := range set {
		if f(r) {
			return true
		}
	}
	return false
}

func show(v any) string {
	if v == nil {
		return "none"
	}
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// pct writes a share as a percentage: 0.1 is "10%", 0.125 "12.5%".
func pct(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + "%"
}
