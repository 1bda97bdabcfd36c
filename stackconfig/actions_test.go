package stackconfig

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An embedded struct's fields are the outer struct's, as encoding/json has
// them: a rule's action kinds are written beside its conditions, and a
// misspelt kind is suggested among the rule's fields.
func TestDecodeEmbeddedStruct(t *testing.T) {
	type inner struct {
		Kind  *Redirect `json:"kind"`
		Other int       `json:"other"`
	}
	type outer struct {
		Name string `json:"name"`
		inner
	}
	var ps problems
	d := &decoder{ps: &ps}
	var got outer
	d.value("x", map[string]any{"name": "a", "kind": map[string]any{"to": "https://b.net/"}, "othr": "1"}, reflect.ValueOf(&got).Elem(), false)
	assert.Equal(t, outer{Name: "a", inner: inner{Kind: &Redirect{To: "https://b.net/"}}}, got)
	require.Len(t, ps, 1)
	assert.Equal(t, Problem{Key: "x.othr", Value: "1", Rule: "is not a field of x; did you mean other?"}, ps[0])

	cfg, err := parse(map[string]string{FullKey(KeyRules): `[{"name":"www","priority":5,"hosts":["www.meething.net"],"fixedResponse":{"statusCode":410}}]`})
	require.NoError(t, err)
	assert.Equal(t, &FixedResponse{StatusCode: 410, ContentType: "text/plain"}, cfg.Rules[0].FixedResponse, "the rule's action, with its default")
}

// Every field of Action is a kind: a pointer to a type with a default and
// a check, named in the messages that list the kinds.
func TestEveryActionFieldIsAKind(t *testing.T) {
	kind := reflect.TypeOf((*actionKind)(nil)).Elem()
	at := reflect.TypeOf(Action{})
	all, answers := actionKinds()
	require.Len(t, all, at.NumField())
	for i := range at.NumField() {
		f := at.Field(i)
		assert.Equal(t, reflect.Pointer, f.Type.Kind(), f.Name)
		assert.True(t, f.Type.Implements(kind), "%s has setDefaults and check", f.Type)
		assert.NotEmpty(t, jsonName(f), f.Name)
	}
	assert.Equal(t, []string{"forward", "redirect", "fixedResponse"}, all)
	assert.Equal(t, []string{"redirect", "fixedResponse"}, answers)

	names, kinds := Action{FixedResponse: &FixedResponse{}}.given()
	assert.Equal(t, []string{"fixedResponse"}, names)
	require.Len(t, kinds, 1)
}

// The default action answers itself: a forward there is refused by name.
func TestDefaultActionRefusesForward(t *testing.T) {
	_, err := parse(map[string]string{FullKey(KeyDefaultAction): `{"forward":{"weights":{"api":1}}}`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `meething:defaultAction.forward: "forward" is for a service's rules: the default action must be redirect or fixedResponse`)
}
