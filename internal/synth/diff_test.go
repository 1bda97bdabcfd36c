package synth

import (
	"fmt"
	"strings"
	"testing"
)

func planJSON(t *testing.T, mutate func(*Plan)) []byte {
	t.Helper()
	p := &Plan{Project: "p", Stack: "s", Outputs: map[string]any{"a": "1"}}
	for _, name := range []string{"one", "two", "three"} {
		p.Resources = append(p.Resources, Resource{
			URN: "urn:pulumi:s::p::t:m:T::" + name, Type: "t:m:T", Name: name, Custom: true, ID: name,
			Inputs: map[string]any{"port": 80.0, "name": name}, Outputs: map[string]any{},
			Dependencies: []string{}, IgnoreChanges: []string{}, Aliases: []string{},
		})
	}
	if mutate != nil {
		mutate(p)
	}
	var b strings.Builder
	if err := p.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

func TestDiff(t *testing.T) {
	base := planJSON(t, nil)
	if d := Diff(base, base, 3); d != "" {
		t.Errorf("equal plans diff:\n%s", d)
	}

	changed := planJSON(t, func(p *Plan) { p.Resources[1].Inputs["port"] = 443.0 })
	d := Diff(base, changed, 2)
	for _, want := range []string{"urn:pulumi:s::p::t:m:T::two", `-        "port": 80`, `+        "port": 443`} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if strings.Contains(d, "T::one") || strings.Contains(d, "T::three") {
		t.Errorf("diff names resources that did not change:\n%s", d)
	}
	if n := strings.Count(d, "\n"); n > 8 {
		t.Errorf("diff of one line has %d lines:\n%s", n, d)
	}

	outputs := planJSON(t, func(p *Plan) { p.Outputs["a"] = "2" })
	if d := Diff(base, outputs, 1); !strings.Contains(d, "stack outputs") {
		t.Errorf("diff of an output:\n%s", d)
	}

	added := planJSON(t, func(p *Plan) { p.Resources = p.Resources[:2] })
	if d := Diff(added, base, 0); !strings.Contains(d, "T::three") || strings.Contains(d, "\n-") {
		t.Errorf("diff of an added resource:\n%s", d)
	}
}

func TestDiffIsCut(t *testing.T) {
	var a, b strings.Builder
	for i := 0; i < 2*maxDiffLines; i++ {
		fmt.Fprintf(&a, "a%d\n", i)
		fmt.Fprintf(&b, "b%d\n", i)
	}
	d := Diff([]byte(a.String()), []byte(b.String()), 3)
	if !strings.Contains(d, "diff cut") || strings.Count(d, "\n") > maxDiffLines+10 {
		t.Errorf("long diff not cut: %d lines", strings.Count(d, "\n"))
	}
}
