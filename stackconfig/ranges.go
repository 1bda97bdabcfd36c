package stackconfig

import (
	"fmt"
	"strconv"
	"strings"
)

// Range is the whole numbers a field accepts, written once, in the field's
// range tag: `range:"MIN..MAX[ UNIT]"`, with a leading "0|" when 0 (off) is
// accepted too (`range:"0|30..900 seconds"`), and no MAX when there is no
// upper bound (`range:"2.."`); on a map it is each value's range
// (Forward.Weights), checked by the map's validator. What the decoder says
// it wants, the problem the check reports and the config reference's
// Accepts column are all made from it.
type Range struct {
	Min, Max int
	// Unit is what the number counts ("seconds"), or "".
	Unit string
	// OrZero: 0 is accepted besides Min to Max.
	OrZero bool
	// Open: no upper bound (Max is unused).
	Open bool
}

// ParseRange reads a range tag; ok is false for a tag that is not one.
func ParseRange(tag string) (r Range, ok bool) {
	if tag == "" {
		return r, false
	}
	spec, unit, _ := strings.Cut(tag, " ")
	spec, r.OrZero = strings.CutPrefix(spec, "0|")
	lo, hi, found := strings.Cut(spec, "..")
	if !found {
		return r, false
	}
	var err1, err2 error
	r.Min, err1 = strconv.Atoi(lo)
	if r.Open = hi == ""; !r.Open {
		r.Max, err2 = strconv.Atoi(hi)
	}
	r.Unit = unit
	return r, err1 == nil && err2 == nil && (r.Open || r.Min <= r.Max)
}

// Holds reports whether n is in the range.
func (r Range) Holds(n int) bool {
	return (r.OrZero && n == 0) || (n >= r.Min && (r.Open || n <= r.Max))
}

// Span is the range in a few words: "1 to 4000", "at least 2".
func (r Range) Span() string {
	if r.Open {
		return fmt.Sprintf("at least %d", r.Min)
	}
	return fmt.Sprintf("%d to %d", r.Min, r.Max)
}

// Want says what the field wants: "a whole number of seconds from 0 to
// 3600", "0, or a whole number of seconds from 30 to 900", "a whole number,
// at least 2".
func (r Range) Want() string {
	of := ""
	if r.Unit != "" {
		of = " of " + r.Unit
	}
	w := fmt.Sprintf("a whole number%s from %d to %d", of, r.Min, r.Max)
	if r.Open {
		w = fmt.Sprintf("a whole number%s, at least %d", of, r.Min)
	}
	if r.OrZero {
		w = "0, or " + w
	}
	return w
}

// Rule is the problem of a value outside the range: "must be 0 to 3600
// seconds", "must be 0, or 30 to 900 seconds", "must be at least 2".
func (r Range) Rule() string {
	rule := r.Span()
	if r.Unit != "" {
		rule += " " + r.Unit
	}
	if r.OrZero {
		rule = "0, or " + rule
	}
	return "must be " + rule
}
