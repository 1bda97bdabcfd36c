package stackconfig

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Range is the whole numbers a field accepts, written once, in the field's
// range tag: `range:"MIN..MAX[ UNIT]"`, with a leading "0|" when 0 (off) is
// accepted too (`range:"0|30..900 seconds"`). What the decoder says it
// wants, the problem the check reports and the config reference's Accepts
// column are all made from it.
type Range struct {
	Min, Max int
	// Unit is what the number counts ("seconds"), or "".
	Unit string
	// OrZero: 0 is accepted besides Min to Max.
	OrZero bool
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
	r.Max, err2 = strconv.Atoi(hi)
	r.Unit = unit
	return r, err1 == nil && err2 == nil && r.Min <= r.Max
}

// Holds reports whether n is in the range.
func (r Range) Holds(n int) bool { return (r.OrZero && n == 0) || (n >= r.Min && n <= r.Max) }

// Want says what the field wants: "a whole number of seconds from 0 to
// 3600", "0, or a whole number of seconds from 30 to 900".
func (r Range) Want() string {
	of := ""
	if r.Unit != "" {
		of = " of " + r.Unit
	}
	w := fmt.Sprintf("a whole number%s from %d to %d", of, r.Min, r.Max)
	if r.OrZero {
		w = "0, or " + w
	}
	return w
}

// Rule is the problem of a value outside the range: "must be 0 to 3600
// seconds", "must be 0, or 30 to 900 seconds".
func (r Range) Rule() string {
	rule := fmt.Sprintf("%d to %d", r.Min, r.Max)
	if r.Unit != "" {
		rule += " " + r.Unit
	}
	if r.OrZero {
		rule = "0, or " + rule
	}
	return "must be " + rule
}

// checkRanges reports, at key.<json name>, every whole-number field of the
// struct v whose value is outside its range tag, in the fields' order,
// but the fields named in skip (checked elsewhere); it returns whether all
// of them held.
func checkRanges(key string, v any, ps *problems, skip ...string) bool {
	ok := true
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	for i := range rt.NumField() {
		f := rt.Field(i)
		r, isRange := ParseRange(f.Tag.Get("range"))
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !isRange || f.Type.Kind() != reflect.Int || slices.Contains(skip, name) {
			continue
		}
		if n := int(rv.Field(i).Int()); !r.Holds(n) {
			ps.add(key+"."+name, strconv.Itoa(n), "%s", r.Rule())
			ok = false
		}
	}
	return ok
}

// checkRange is checkRanges for the one field of v named name.
func checkRange(key string, v any, name string, ps *problems) bool {
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		if json, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ","); json == name {
			r, ok := ParseRange(rt.Field(i).Tag.Get("range"))
			if !ok {
				panic("stackconfig: " + rt.Name() + "." + name + " has no range tag")
			}
			if n := int(reflect.ValueOf(v).Field(i).Int()); !r.Holds(n) {
				ps.add(key+"."+name, strconv.Itoa(n), "%s", r.Rule())
				return false
			}
			return true
		}
	}
	panic("stackconfig: " + rt.Name() + " has no field " + name)
}
