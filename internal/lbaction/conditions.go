package lbaction

import (
	"fmt"
	"sort"
	"strings"
)

// The condition fields of a listener rule's inputs that have values of
// their own here; every other (httpHeader, queryStrings) is read in words.
const (
	FieldHostHeader  = "hostHeader"
	FieldPathPattern = "pathPattern"
	FieldMethod      = "httpRequestMethod"
	FieldSourceIp    = "sourceIp"
)

// Conditions are a listener rule's conditions as its inputs record them,
// in a plan or in the state (the provider's conditions: a list of blocks,
// each of one field).
type Conditions struct {
	Hosts     []string // host-header patterns
	Paths     []string // path patterns
	Methods   []string // HTTP request methods
	SourceIps []string // client CIDR blocks
	// Others are the other conditions (httpHeader, queryStrings), each in
	// words: the field, then its values ("queryStrings key=v, value=beta").
	Others []string
}

// ReadConditions reads the conditions input of a listener rule: a list of
// maps, as JSON decodes it.
func ReadConditions(v any) Conditions {
	var c Conditions
	list, _ := v.([]any)
	for _, block := range list {
		m, _ := block.(map[string]any)
		for field, v := range m {
			values := conditionValues(v)
			switch field {
			case FieldHostHeader:
				c.Hosts = append(c.Hosts, values...)
			case FieldPathPattern:
				c.Paths = append(c.Paths, values...)
			case FieldMethod:
				c.Methods = append(c.Methods, values...)
			case FieldSourceIp:
				c.SourceIps = append(c.SourceIps, values...)
			default:
				c.Others = append(c.Others, field+" "+strings.Join(values, ", "))
			}
		}
	}
	sort.Strings(c.Others)
	return c
}

// Beyond is every condition but the hosts and paths, in words, sorted:
// the methods, the source IPs and the others.
func (c Conditions) Beyond() []string {
	out := append([]string(nil), c.Others...)
	if len(c.Methods) > 0 {
		out = append(out, FieldMethod+" "+strings.Join(c.Methods, ", "))
	}
	if len(c.SourceIps) > 0 {
		out = append(out, FieldSourceIp+" "+strings.Join(c.SourceIps, ", "))
	}
	sort.Strings(out)
	return out
}

// conditionValues are a condition block's values: its values list, else
// (a header's name and values, a query's key and value) each member as
// name=value, sorted; a list (queryStrings) each item as Go prints it.
func conditionValues(v any) []string {
	var out []string
	switch t := v.(type) {
	case map[string]any:
		if vs, ok := t["values"].([]any); ok {
			for _, x := range vs {
				out = append(out, fmt.Sprint(x))
			}
		} else {
			for k, x := range t {
				out = append(out, fmt.Sprintf("%s=%v", k, x))
			}
			sort.Strings(out)
		}
	case []any:
		for _, x := range t {
			out = append(out, fmt.Sprint(x))
		}
	}
	return out
}
