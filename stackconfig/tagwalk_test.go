package stackconfig

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// taggedField is a place of the stack file whose value a range or oneof
// tag checks: a field of the config's structs with the tag, or a declared
// key with a Range or OneOf (field is then the zero StructField).
type taggedField struct {
	// path is the field's key: a list's item is [0], a map's value *
	// ("meething:services[0].healthCheck.interval",
	// "meething:waf.ruleGroups.*.mode").
	path  string
	owner reflect.Type
	field reflect.StructField
	tag   reflect.StructTag
}

// taggedFields returns every place of the stack file with a range or oneof
// tag, at every path its struct is reached by, walking the declared keys'
// types as the decoder does.
func taggedFields() []taggedField {
	var out []taggedField
	var visit func(path string, rt reflect.Type, stack []reflect.Type)
	visit = func(path string, rt reflect.Type, stack []reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
			switch rt.Kind() {
			case reflect.Slice:
				path += "[0]"
			case reflect.Map:
				path += ".*"
			}
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct {
			return
		}
		for _, s := range stack {
			if s == rt {
				return
			}
		}
		stack = append(stack, rt)
		for i := range rt.NumField() {
			f := rt.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				visit(path, f.Type, stack)
				continue
			}
			name := jsonName(f)
			if name == "" {
				continue
			}
			if f.Tag.Get("range") != "" || f.Tag.Get("oneof") != "" {
				at := path + "." + name
				if f.Type.Kind() == reflect.Map {
					at += ".*" // the tag checks each value
				}
				out = append(out, taggedField{path: at, owner: rt, field: f, tag: f.Tag})
			}
			visit(path+"."+name, f.Type, stack)
		}
	}
	cfg := Defaults()
	for _, d := range Declarations {
		if d.Range != "" || d.OneOf != "" {
			out = append(out, taggedField{path: FullKey(d.Key), tag: declaredTag(d)})
		}
		visit(FullKey(d.Key), reflect.TypeOf(d.Field(&cfg)).Elem(), nil)
	}
	return out
}

// taggedStructFields returns each tagged struct field once, whatever the
// paths it is reached by.
func taggedStructFields() []taggedField {
	type id struct {
		owner reflect.Type
		name  string
	}
	seen := map[id]bool{}
	var out []taggedField
	for _, tf := range taggedFields() {
		if k := (id{tf.owner, tf.field.Name}); tf.owner != nil && !seen[k] {
			seen[k] = true
			out = append(out, tf)
		}
	}
	return out
}

// TestEveryTagIsEnforced: at every path a range or oneof tag is reached
// by, testdata/messages.txt holds a stack file that breaks the tag and the
// "must be" problem the program reports there, which TestMessages checks
// against Parse. A validator that stopped calling checkFields for a struct
// (or a new tagged field or path without a bad case) fails here or there.
func TestEveryTagIsEnforced(t *testing.T) {
	_, cases := readMessageCases(t)
	var lines []string
	for _, c := range cases {
		lines = append(lines, c.want...)
	}
	// A stack rule and the default action refuse a forward as a whole
	// (TestDefaultActionRefusesForward), so its tags are never reached.
	refused := []string{"meething:rules[0].forward", "meething:defaultAction.forward"}
	for _, r := range refused {
		assert.True(t, slices.ContainsFunc(lines, func(l string) bool {
			return strings.HasPrefix(l, r+`: "forward" is for a service's rules`)
		}), "%s: no case in %s refuses it", r, messagesFile)
	}
	tagged := taggedFields()
	assert.GreaterOrEqual(t, len(tagged), 40)
	for _, tf := range tagged {
		if slices.ContainsFunc(refused, func(r string) bool { return strings.HasPrefix(tf.path, r+".") }) {
			continue
		}
		pattern := regexp.QuoteMeta(tf.path)
		pattern = strings.ReplaceAll(pattern, `\[0\]`, `\[\d+\]`)
		pattern = strings.ReplaceAll(pattern, `\*`, `[^.:]+`)
		re := regexp.MustCompile(`^` + pattern + `: "[^"]*" must be `)
		found := false
		for _, l := range lines {
			found = found || re.MatchString(l)
		}
		assert.True(t, found, "%s (tag %s): no case in %s breaks it", tf.path, tf.tag, messagesFile)
	}
}
