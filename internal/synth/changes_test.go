package synth

import (
	"reflect"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	res := func(name string, port float64) Resource {
		return Resource{URN: "urn:pulumi:s::p::t:m:T::" + name, Type: "t:m:T", Name: name,
			Inputs: map[string]any{"port": port, "name": name}, Outputs: map[string]any{},
			Dependencies: []string{}, IgnoreChanges: []string{}, Aliases: []string{}}
	}
	a := &Plan{Resources: []Resource{res("one", 80), res("two", 80)}, Outputs: map[string]any{"x": 1.0}}
	if c := Compare(a, a); !c.Empty() || c.String() != "" {
		t.Errorf("a plan differs from itself: %s", c)
	}
	changedTwo := res("two", 443)
	changedTwo.Protect = true
	b := &Plan{Resources: []Resource{changedTwo, res("three", 80)}, Outputs: map[string]any{"x": 2.0}}
	c := Compare(a, b)
	if !reflect.DeepEqual(c.Added, []string{"urn:pulumi:s::p::t:m:T::three"}) ||
		!reflect.DeepEqual(c.Removed, []string{"urn:pulumi:s::p::t:m:T::one"}) ||
		!reflect.DeepEqual(c.Changed, map[string][]string{"urn:pulumi:s::p::t:m:T::two": {"inputs.port", "protect"}}) ||
		!reflect.DeepEqual(c.Outputs, []string{"x"}) {
		t.Errorf("changes: %+v", c)
	}
	for _, line := range []string{"+ urn:pulumi:s::p::t:m:T::three", "- urn:pulumi:s::p::t:m:T::one",
		"~ urn:pulumi:s::p::t:m:T::two [inputs.port, protect]", "~ stack outputs [x]"} {
		if !strings.Contains(c.String(), line+"\n") {
			t.Errorf("summary lacks %q:\n%s", line, c)
		}
	}
}
