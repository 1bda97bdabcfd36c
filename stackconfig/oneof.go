package stackconfig

import (
	"slices"
	"strings"
)

// OneOf is the texts a field accepts, written once, in the field's oneof
// tag: `oneof:"round_robin|least_outstanding_requests|weighted_random"`; on
// a whole number, the numbers it accepts (`oneof:"301 (permanent)|302"`).
// An alternative may say what it means in parentheses, which the problem
// and the reference show and the value does not take
// (`oneof:"instance (EC2 instance IDs)|ip (IPv4 addresses)"`). An empty
// alternative accepts "" too: bare (`oneof:"|HTTP|HTTPS"`) it goes
// unnamed, the field's comment saying what empty means; with words
// (`oneof:"nosniff|(for none)"`) the rule ends ", or empty for none". What
// the decoder says it wants, the problem the check reports (with the value
// probably meant) and the config reference's Accepts column are all made
// from it, as the lists the code needs (Algorithms).
type OneOf struct {
	// Values are the texts accepted, in the tag's order, but "".
	Values []string
	// Empty: "" is accepted too.
	Empty bool
	// shown are the values as the rule names them, with their words.
	shown []string
	// emptyWords say what empty means, when the rule says it ("for none").
	emptyWords string
}

// ParseOneOf reads a oneof tag; ok is false for a tag that is not one.
func ParseOneOf(tag string) (o OneOf, ok bool) {
	if tag == "" {
		return o, false
	}
	for _, alt := range strings.Split(tag, "|") {
		value, words, _ := strings.Cut(alt, " (")
		switch {
		case value == "" || strings.HasPrefix(value, "("):
			if o.Empty {
				return o, false
			}
			o.Empty = true
			o.emptyWords = strings.TrimSuffix(strings.TrimPrefix(alt, "("), ")")
		case strings.ContainsAny(value, " ,") || slices.Contains(o.Values, value) || (words != "" && !strings.HasSuffix(words, ")")):
			return o, false
		default:
			o.Values = append(o.Values, value)
			o.shown = append(o.shown, alt)
		}
	}
	return o, len(o.Values) > 0
}

// Holds reports whether s is one of the values.
func (o OneOf) Holds(s string) bool { return (o.Empty && s == "") || slices.Contains(o.Values, s) }

// Want says what the field wants: "round_robin, least_outstanding_requests
// or weighted_random", "nosniff, or empty for none".
func (o OneOf) Want() string {
	w := orList(o.shown)
	if o.emptyWords != "" {
		w += ", or empty " + o.emptyWords
	}
	return w
}

// Rule is the problem of a value that is none of them, with the value
// probably meant: "must be HTTP1, HTTP2 or GRPC; did you mean HTTP2?".
func (o OneOf) Rule(s string) string {
	return "must be " + o.Want() + suggestion(s, o.Values, "")
}
