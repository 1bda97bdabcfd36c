package stackconfig

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// The checks made from the fields' tags: a whole number against its range
// tag (Range), a text or a whole number against its oneof tag (OneOf). The
// validators call them where the field's problem belongs in the order of
// the problems, and write only the rules that tie fields together.

// checkFields reports, at key.<json name>, every field of the struct v that
// breaks its range or oneof tag, in the fields' order, but the fields named
// in skip (checked elsewhere); it returns whether all of them held.
func checkFields(key string, v any, ps *problems, skip ...string) bool {
	ok := true
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	for i := range rt.NumField() {
		if name := jsonName(rt.Field(i)); name != "" && !slices.Contains(skip, name) {
			if value, rule, bad := tagProblem(rt.Field(i).Tag, rv.Field(i)); bad {
				ps.add(key+"."+name, value, "%s", rule)
				ok = false
			}
		}
	}
	return ok
}

// checkField is checkFields for the one field of v named name, which must
// have a range or oneof tag.
func checkField(key string, v any, name string, ps *problems) bool {
	rt := reflect.TypeOf(v)
	i := fieldNamed(rt, name)
	if !tagged(rt.Field(i).Tag) {
		panic("stackconfig: " + rt.Name() + "." + name + " has no range or oneof tag")
	}
	if value, rule, bad := tagProblem(rt.Field(i).Tag, reflect.ValueOf(v).Field(i)); bad {
		ps.add(key+"."+name, value, "%s", rule)
		return false
	}
	return true
}

// fieldNamed returns the index of the field of the struct type rt whose
// JSON name is name; it panics when there is none.
func fieldNamed(rt reflect.Type, name string) int {
	for i := range rt.NumField() {
		if jsonName(rt.Field(i)) == name {
			return i
		}
	}
	panic("stackconfig: " + rt.Name() + " has no field " + name)
}

func tagged(tag reflect.StructTag) bool {
	_, isRange := ParseRange(tag.Get("range"))
	_, isOneOf := ParseOneOf(tag.Get("oneof"))
	return isRange || isOneOf
}

// tagProblem returns the value and the problem of a field's value v that
// breaks the field's range or oneof tag: a whole number (or a pointer to
// one, unset being no problem) against its range, a text or a whole number
// against its values. A list or a map is checked by its validator.
func tagProblem(tag reflect.StructTag, v reflect.Value) (value, rule string, bad bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", "", false
		}
		v = v.Elem()
	}
	if r, ok := ParseRange(tag.Get("range")); ok && v.Kind() == reflect.Int {
		if n := int(v.Int()); !r.Holds(n) {
			return strconv.Itoa(n), r.Rule(), true
		}
	}
	if o, ok := ParseOneOf(tag.Get("oneof")); ok && v.Kind() == reflect.String {
		if s := v.String(); !o.Holds(s) {
			return s, o.Rule(s), true
		}
	}
	if o, ok := ParseOneOf(tag.Get("oneof")); ok && v.Kind() == reflect.Int {
		// A number is not misspelt: no value probably meant.
		if s := strconv.Itoa(int(v.Int())); !o.Holds(s) {
			return s, "must be " + o.Want(), true
		}
	}
	return "", "", false
}

// oneOfOf returns the oneof tag of the field named name of the struct type
// T: the one place its values are written, which the lists the code needs
// are made from.
func oneOfOf[T any](name string) OneOf { return tagOf[T](name, "oneof", ParseOneOf) }

// rangeOfField returns the range tag of the field named name of the struct
// type T, for the code that needs its bounds.
func rangeOfField[T any](name string) Range { return tagOf[T](name, "range", ParseRange) }

// tagOf reads, with parse, the tag key of the field named name of the
// struct type T; it panics when the field has no such tag.
func tagOf[T, V any](name, key string, parse func(string) (V, bool)) V {
	rt := reflect.TypeFor[T]()
	v, ok := parse(rt.Field(fieldNamed(rt, name)).Tag.Get(key))
	if !ok {
		panic("stackconfig: " + rt.Name() + "." + name + " has no " + key + " tag")
	}
	return v
}

// declaredTag builds the struct tag of a declared key's Range and OneOf,
// so that its value is checked as a field's is.
func declaredTag(d Declaration) reflect.StructTag {
	var parts []string
	if d.Range != "" {
		parts = append(parts, `range:`+strconv.Quote(d.Range))
	}
	if d.OneOf != "" {
		parts = append(parts, `oneof:`+strconv.Quote(d.OneOf))
	}
	return reflect.StructTag(strings.Join(parts, " "))
}

// checkDeclared reports every top-level key whose value breaks its
// declaration's Range or OneOf, in the order of Declarations, but the keys
// in skip (checked elsewhere, with the rules that tie them to others).
func checkDeclared(cfg *Config, ps *problems, skip ...string) {
	for _, d := range Declarations {
		if !slices.Contains(skip, d.Key) {
			checkDeclaredKey(cfg, d.Key, ps)
		}
	}
}

// checkDeclaredKey is checkDeclared for one key; it returns whether the
// value held.
func checkDeclaredKey(cfg *Config, key string, ps *problems) bool {
	d, _ := Declared(key)
	if value, rule, bad := tagProblem(declaredTag(d), reflect.ValueOf(d.Field(cfg)).Elem()); bad {
		ps.add(FullKey(key), value, "%s", rule)
		return false
	}
	return true
}

// fieldWant is FieldWant for the decoder's words about the field's value
// as a whole: a range or oneof tag on a list or a map speaks of its items,
// not of the list or the map.
func fieldWant(f reflect.StructField) string {
	if k := f.Type.Kind(); f.Tag.Get("want") == "" && (k == reflect.Slice || k == reflect.Map) {
		return ""
	}
	return FieldWant(f.Tag)
}

// asListed returns a number or a boolean given for a text field as the
// text it was written as, when the field's oneof tag lists that text
// (accessControlAllowCredentials: true is "true"); raw as it is otherwise.
func asListed(f reflect.StructField, raw any) any {
	o, ok := ParseOneOf(f.Tag.Get("oneof"))
	if !ok || f.Type.Kind() != reflect.String {
		return raw
	}
	var text string
	switch r := raw.(type) {
	case json.Number:
		text = r.String()
	case bool:
		text = strconv.FormatBool(r)
	default:
		return raw
	}
	if o.Holds(text) {
		return text
	}
	return raw
}
