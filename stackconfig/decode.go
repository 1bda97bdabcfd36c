package stackconfig

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// decoder reads config values into the typed Config, over its defaults, and
// collects every problem at its full key path in the user's words: the
// other fields of an object are still read when one is wrong.
//
// Values arrive as Pulumi passes them: a top-level value is a string (the
// CLI quotes numbers and booleans when it rewrites a stack file, and reads
// both forms the same), lists and objects are JSON. null is rejected
// everywhere: leave a key out for its default.
type decoder struct {
	ps *problems
	// secret collects the paths whose value is an encrypted placeholder
	// (RedactedValue): they keep their defaults and go unchecked.
	secret []string
}

var wholeNumber = lazy(`^-?[0-9]+$`)

// topLevel decodes the raw string of a top-level key into dst; wanted says
// what the value should be when that is more than its type.
func (d *decoder) topLevel(key, raw string, dst any, wanted string) {
	v := reflect.ValueOf(dst).Elem()
	switch v.Kind() {
	case reflect.String, reflect.Int, reflect.Bool:
		d.valueWant(key, raw, v, true, wanted)
		return
	}
	if parsed, ok := d.parse(key, raw, want(v.Type(), "")); ok {
		d.value(key, parsed, v, false)
	}
}

// parse reads the JSON of a top-level list or object. Text that is no JSON
// (services: api) is reported as text, in want's words.
func (d *decoder) parse(key, raw, wanted string) (any, bool) {
	if raw == RedactedValue {
		d.secret = append(d.secret, key)
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.UseNumber()
	var parsed any
	if err := dec.Decode(&parsed); err != nil {
		d.ps.add(key, raw, "is text; want %s", wanted)
		return nil, false
	}
	// Only the end of the input may follow the value. (dec.More is not
	// enough: it reports false before a stray ] or }.)
	if _, err := dec.Token(); err != io.EOF {
		d.ps.add(key, raw, "is text; want %s", wanted)
		return nil, false
	}
	return parsed, true
}

// value decodes raw (a JSON value, or a top-level string when top) into v.
func (d *decoder) value(path string, raw any, v reflect.Value, top bool) {
	d.valueWant(path, raw, v, top, "")
}

func (d *decoder) valueWant(path string, raw any, v reflect.Value, top bool, wanted string) {
	if s, ok := raw.(string); ok && s == RedactedValue && v.Kind() != reflect.String {
		d.secret = append(d.secret, path)
		return
	}
	if raw == nil {
		d.ps.add(path, "null", "is empty; want %s, or leave the key out for its default", want(v.Type(), wanted))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if s, ok := raw.(string); ok {
			v.SetString(s)
			return
		}
	case reflect.Int:
		text, isText := raw.(string)
		n, isNumber := raw.(json.Number)
		if isNumber {
			text = n.String()
		}
		if isNumber || (top && isText) {
			if !wholeNumber.MatchString(text) {
				d.ps.add(path, text, "is not a whole number%s", wantSuffix(v.Type(), wanted))
				return
			}
			i, err := strconv.Atoi(text)
			if err != nil {
				d.ps.add(path, text, "is too large%s", wantSuffix(v.Type(), wanted))
				return
			}
			v.SetInt(int64(i))
			return
		}
	case reflect.Bool:
		if b, ok := raw.(bool); ok {
			v.SetBool(b)
			return
		}
		if s, ok := raw.(string); ok && top {
			switch s {
			case "true":
				v.SetBool(true)
				return
			case "false":
				v.SetBool(false)
				return
			}
			d.ps.add(path, s, "is not true or false")
			return
		}
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		before := len(*d.ps)
		d.valueWant(path, raw, elem.Elem(), top, wanted)
		if len(*d.ps) == before {
			v.Set(elem)
		}
		return
	case reflect.Slice:
		if items, ok := raw.([]any); ok {
			out := reflect.MakeSlice(v.Type(), len(items), len(items))
			for i, item := range items {
				d.valueWant(fmt.Sprintf("%s[%d]", path, i), item, out.Index(i), false, "")
			}
			v.Set(out)
			return
		}
	case reflect.Map:
		if members, ok := raw.(map[string]any); ok {
			out := reflect.MakeMapWithSize(v.Type(), len(members))
			for _, k := range slices.Sorted(maps.Keys(members)) {
				elem := reflect.New(v.Type().Elem()).Elem()
				d.mapValue(path+"."+k, members[k], elem)
				out.SetMapIndex(reflect.ValueOf(k), elem)
			}
			v.Set(out)
			return
		}
	case reflect.Struct:
		if members, ok := raw.(map[string]any); ok {
			d.object(path, members, v)
			return
		}
	}
	d.ps.add(path, shown(raw), "is %s; want %s", kindOf(raw), want(v.Type(), wanted))
}

// mapValue decodes one value of a map: text, with a number or a boolean
// taken as the text it was written as (a tag value 42 is "42").
func (d *decoder) mapValue(path string, raw any, v reflect.Value) {
	if v.Kind() == reflect.String {
		switch r := raw.(type) {
		case json.Number:
			v.SetString(r.String())
			return
		case bool:
			v.SetString(strconv.FormatBool(r))
			return
		}
	}
	d.value(path, raw, v, false)
}

// object decodes the members of a JSON object into the struct v: each
// member into the field of exactly its JSON name, every other member
// reported as unknown, with the field probably meant. The fields of an
// embedded struct are the outer struct's, as encoding/json has them (a
// Rule's Action).
func (d *decoder) object(path string, members map[string]any, v reflect.Value) {
	t := v.Type()
	fields := jsonFields(t)
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	for _, k := range slices.Sorted(maps.Keys(members)) {
		i := slices.Index(names, k)
		if i < 0 {
			d.ps.add(path+"."+k, shown(members[k]), "is not a field of %s%s", path, suggestion(k, names, ""))
			continue
		}
		f := t.FieldByIndex(fields[i].index)
		d.valueWant(path+"."+k, asListed(f, members[k]), v.FieldByIndex(fields[i].index), false, fieldWant(f))
	}
}

// jsonField is a struct field by its JSON name, with its index
// (reflect.Value.FieldByIndex).
type jsonField struct {
	name  string
	index []int
}

// jsonFields are the fields of the struct type t in order, an embedded
// struct's fields in its place.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for _, inner := range jsonFields(f.Type) {
				out = append(out, jsonField{inner.name, append([]int{i}, inner.index...)})
			}
		} else if n := jsonName(f); n != "" {
			out = append(out, jsonField{n, []int{i}})
		}
	}
	return out
}

func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// wantSuffix is "; want <what>" when the field says more than its type.
func wantSuffix(t reflect.Type, wanted string) string {
	if w := want(t, wanted); w != want(t, "") {
		return "; want " + w
	}
	return ""
}

// want says what a value of type t should be, unless the field says
// (its want tag).
func want(t reflect.Type, wanted string) string {
	if wanted != "" {
		return wanted
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Pointer:
		return want(t.Elem(), "")
	case reflect.Slice:
		return "a list of " + plural(t.Elem())
	case reflect.Map:
		return "an object of " + plural(t.Elem())
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

func plural(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text values"
	case reflect.Int:
		return "whole numbers"
	case reflect.Struct:
		return "objects"
	}
	return "values"
}

// kindOf names a JSON value's kind the way a YAML author would.
func kindOf(raw any) string {
	switch raw.(type) {
	case string:
		return "text"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "empty"
}

// shown renders a value for a message: text as it is, a number as written,
// a list or an object in compact JSON.
func shown(raw any) string {
	switch r := raw.(type) {
	case string:
		return r
	case json.Number:
		return r.String()
	case nil:
		return "null"
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return fmt.Sprint(raw)
	}
	return string(b)
}

// FieldWant is what a field's tags say it wants: its want tag, else its
// range tag's words (Range.Want), else its oneof tag's (OneOf.Want), else
// "".
func FieldWant(tag reflect.StructTag) string {
	if w := tag.Get("want"); w != "" {
		return w
	}
	if r, ok := ParseRange(tag.Get("range")); ok {
		return r.Want()
	}
	if o, ok := ParseOneOf(tag.Get("oneof")); ok {
		return o.Want()
	}
	return ""
}
