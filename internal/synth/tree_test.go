package synth

import (
	"strings"
	"testing"
)

func TestWriteTree(t *testing.T) {
	res := func(urn, typ, name, parent string) Resource {
		return Resource{URN: urn, Type: typ, Name: name, Parent: parent}
	}
	imported := res("urn:pulumi:s::p::c:m:C$t:m:B::b", "t:m:B", "b", "urn:pulumi:s::p::c:m:C::c")
	imported.Key, imported.ImportID, imported.Protect, imported.RetainOnDelete = "b", "id-1", true, true
	p := &Plan{
		Project: "p", Stack: "s",
		Resources: []Resource{
			res("urn:pulumi:s::p::c:m:C$t:m:A::a", "t:m:A", "a", "urn:pulumi:s::p::c:m:C::c"),
			imported,
			res("urn:pulumi:s::p::c:m:C::c", "c:m:C", "c", ""),
			res("urn:pulumi:s::p::t:m:Top::top", "t:m:Top", "top", ""),
		},
		Outputs: map[string]any{"zeta": []any{"x", "<y>"}, "a": 1.0},
	}
	var b strings.Builder
	if err := p.WriteTree(&b); err != nil {
		t.Fatal(err)
	}
	want := `Type                 Name  Import key  Options
pulumi:pulumi:Stack  p-s
├─ c:m:C             c
│  ├─ t:m:A          a
│  └─ t:m:B          b     b           import id-1, protect, retain
└─ t:m:Top           top

Outputs:
    a   : 1
    zeta: ["x","<y>"]

Resources (the stack itself not counted):
    c:m:C    1
    t:m:A    1
    t:m:B    1
    t:m:Top  1
    total    4
`
	if b.String() != want {
		t.Errorf("tree:\n%s\nwant:\n%s", b.String(), want)
	}
}
