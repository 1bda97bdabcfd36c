package synth

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func TestPlainProperty(t *testing.T) {
	for name, c := range map[string]struct {
		in   resource.PropertyValue
		want any
	}{
		"string":         {resource.NewStringProperty("s"), "s"},
		"number":         {resource.NewNumberProperty(443), 443.0},
		"null":           {resource.NewNullProperty(), nil},
		"computed":       {resource.MakeComputed(resource.NewStringProperty("")), nil},
		"secret":         {resource.MakeSecret(resource.NewStringProperty("pw")), SecretPlaceholder},
		"unknown output": {resource.NewOutputProperty(resource.Output{Known: false}), nil},
		"secret output": {resource.NewOutputProperty(resource.Output{
			Element: resource.NewStringProperty("pw"), Known: true, Secret: true}), SecretPlaceholder},
		"known output": {resource.NewOutputProperty(resource.Output{
			Element: resource.NewStringProperty("v"), Known: true}), "v"},
		"empty array": {resource.NewArrayProperty(nil), []any{}},
		"nested secret": {resource.NewObjectProperty(resource.PropertyMap{
			"a": resource.MakeSecret(resource.NewStringProperty("x"))}), map[string]any{"a": SecretPlaceholder}},
		"reference": {resource.MakeCustomResourceReference("urn:pulumi:s::p::t:m:T::n", "id", ""), "urn:pulumi:s::p::t:m:T::n"},
	} {
		if got := plainProperty(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %#v, want %#v", name, got, c.want)
		}
	}
}

func TestPlainGo(t *testing.T) {
	var nilSlice []string
	var nilPtr *string
	type pair struct {
		A string `json:"a"`
	}
	for name, c := range map[string]struct {
		in, want any
	}{
		"nil slice": {nilSlice, []any{}},
		"strings":   {[]string{"a"}, []any{"a"}},
		"int map":   {map[string]int{"x": 1}, map[string]any{"x": 1.0}},
		"nil ptr":   {nilPtr, nil},
		"struct":    {pair{"b"}, map[string]any{"a": "b"}},
		"nil":       {nil, nil},
	} {
		if got := plainGo(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %#v, want %#v", name, got, c.want)
		}
	}
}
